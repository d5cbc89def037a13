//! Time of day: travel times that depend on when a leg starts.
//!
//! A day is cut into a few hour bands (night, morning peak, inter-peak, evening peak,
//! evening); each band has a speed factor relative to the matrix's durations, which are
//! taken as free-flow (off-peak) times. A leg whose free-flow duration is `D` and that
//! starts at `t` consumes free-flow time at the rate `factor(band)` per real second: inside
//! a band of factor 0.7 one real second covers 0.7 s of free-flow travel; when the leg
//! crosses into the next band it continues at that band's factor. The arrival time is then
//! a continuous, strictly increasing function of the departure (every factor is positive),
//! so a later departure never arrives earlier (FIFO) by construction.
//!
//! Only the free-flow matrix is kept: the time of a leg at any departure follows from its
//! free-flow duration and the bands, so no matrix per band is built and memory is the
//! matrix's plus a few bands per profile (some bytes).
//!
//! The bands repeat every day (times are seconds from the first planned day's midnight):
//! every day of the horizon is taken as a working day, which is what the delivering days
//! of the scenarios are.

/// Seconds in a day.
pub const DAY_S: f64 = 86_400.0;

/// One hour band of a day.
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    /// Name for reports (`am_peak` …).
    pub name: String,
    /// Start, seconds from midnight, inclusive.
    pub start_s: f64,
    /// End, seconds from midnight, exclusive.
    pub end_s: f64,
    /// Speed relative to the free-flow matrix (0.7: a leg takes 1/0.7 as long).
    pub factor: f64,
    /// True for a peak band (summaries report the share of km driven in peak bands).
    pub peak: bool,
}

/// The bands of one profile, contiguous from 00:00 to 24:00.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeBands {
    bands: Vec<Band>,
}

/// How much of a leg falls in one band.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BandShare {
    /// Index of the band.
    pub band: usize,
    /// Real seconds spent in it.
    pub real_s: f64,
    /// Free-flow seconds covered in it (the share of the leg's distance is this over the
    /// leg's free-flow duration).
    pub free_s: f64,
}

impl TimeBands {
    /// Bands that must cover the day from 00:00 to 24:00 in order, without gap or
    /// overlap, with factors in (0, 2]. The error names the first offending band.
    pub fn new(bands: Vec<Band>) -> Result<Self, String> {
        let mut at = 0.0;
        for b in &bands {
            if b.start_s != at {
                return Err(format!(
                    "band `{}` starts at {} but the previous band ends at {}: bands must follow each other from 00:00 without gap or overlap",
                    b.name,
                    clock(b.start_s),
                    clock(at)
                ));
            }
            if b.end_s <= b.start_s {
                return Err(format!(
                    "band `{}` ends at {}, not after its start {}",
                    b.name,
                    clock(b.end_s),
                    clock(b.start_s)
                ));
            }
            if !(b.factor > 0.0 && b.factor <= 2.0) {
                return Err(format!(
                    "band `{}` has speed factor {}: it must be above 0 and at most 2",
                    b.name, b.factor
                ));
            }
            at = b.end_s;
        }
        if at != DAY_S {
            return Err(format!(
                "the bands end at {}: the last band must end at 24:00",
                clock(at)
            ));
        }
        Ok(Self { bands })
    }

    /// One band of factor 1 over the whole day.
    pub fn flat() -> Self {
        Self {
            bands: vec![Band {
                name: "all_day".into(),
                start_s: 0.0,
                end_s: DAY_S,
                factor: 1.0,
                peak: false,
            }],
        }
    }

    /// The bands, in order.
    pub fn bands(&self) -> &[Band] {
        &self.bands
    }

    /// True when every factor is 1: travel times are the matrix's at any hour.
    pub fn is_flat(&self) -> bool {
        self.bands.iter().all(|b| b.factor == 1.0)
    }

    /// Largest factor (the free-flow time divided by it bounds a leg's time from below).
    pub fn max_factor(&self) -> f64 {
        self.bands.iter().map(|b| b.factor).fold(0.0, f64::max)
    }

    /// Index of the band holding time `t` (seconds on the horizon axis) and the band's
    /// start and end on that axis.
    #[inline]
    fn locate(&self, t: f64) -> (usize, f64, f64) {
        let day = (t / DAY_S).floor();
        let base = day * DAY_S;
        let tod = t - base;
        let i = self
            .bands
            .iter()
            .position(|b| tod < b.end_s)
            .unwrap_or(self.bands.len() - 1);
        (i, base + self.bands[i].start_s, base + self.bands[i].end_s)
    }

    /// Index of the band holding the instant just before `t`, with its start and end.
    #[inline]
    fn locate_before(&self, t: f64) -> (usize, f64, f64) {
        let day = (t / DAY_S).floor();
        let base = day * DAY_S;
        let tod = t - base;
        if tod <= 0.0 {
            let last = self.bands.len() - 1;
            return (last, base - DAY_S + self.bands[last].start_s, base);
        }
        let i = self
            .bands
            .iter()
            .position(|b| tod <= b.end_s)
            .unwrap_or(self.bands.len() - 1);
        (i, base + self.bands[i].start_s, base + self.bands[i].end_s)
    }

    /// Arrival of a leg of free-flow duration `free_s` leaving at `dep`.
    #[inline]
    pub fn arrival(&self, dep: f64, free_s: f64) -> f64 {
        if !dep.is_finite() || !free_s.is_finite() || free_s <= 0.0 {
            return dep + free_s;
        }
        let (mut left, mut t) = (free_s, dep);
        loop {
            let (i, _, end) = self.locate(t);
            let f = self.bands[i].factor;
            let room = (end - t) * f;
            if left <= room {
                return t + left / f;
            }
            left -= room;
            t = end;
        }
    }

    /// Latest departure of a leg of free-flow duration `free_s` that arrives by `arr` (the
    /// inverse of [`Self::arrival`]).
    #[inline]
    pub fn latest_departure(&self, arr: f64, free_s: f64) -> f64 {
        if !arr.is_finite() || !free_s.is_finite() || free_s <= 0.0 {
            return arr - free_s;
        }
        let (mut left, mut t) = (free_s, arr);
        loop {
            let (i, start, _) = self.locate_before(t);
            let f = self.bands[i].factor;
            let room = (t - start) * f;
            if left <= room {
                return t - left / f;
            }
            left -= room;
            t = start;
        }
    }

    /// How a leg of free-flow duration `free_s` leaving at `dep` splits over the bands,
    /// in driving order (a band met on two days appears twice).
    pub fn split(&self, dep: f64, free_s: f64) -> Vec<BandShare> {
        let mut out = Vec::new();
        if !dep.is_finite() || !free_s.is_finite() || free_s <= 0.0 {
            return out;
        }
        let (mut left, mut t) = (free_s, dep);
        loop {
            let (i, _, end) = self.locate(t);
            let f = self.bands[i].factor;
            let room = (end - t) * f;
            if left <= room {
                out.push(BandShare {
                    band: i,
                    real_s: left / f,
                    free_s: left,
                });
                return out;
            }
            out.push(BandShare {
                band: i,
                real_s: end - t,
                free_s: room,
            });
            left -= room;
            t = end;
        }
    }
}

/// `HH:MM` of seconds from midnight, for messages.
fn clock(s: f64) -> String {
    let m = (s / 60.0).round() as i64;
    format!("{:02}:{:02}", m / 60, m % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Night 1.0 to 08:00, peak 0.5 to 09:00, then 1.0.
    fn peak() -> TimeBands {
        let b = |name: &str, a: f64, z: f64, f: f64| Band {
            name: name.into(),
            start_s: a * 3600.0,
            end_s: z * 3600.0,
            factor: f,
            peak: f < 1.0,
        };
        TimeBands::new(vec![
            b("night", 0.0, 8.0, 1.0),
            b("am_peak", 8.0, 9.0, 0.5),
            b("day", 9.0, 24.0, 1.0),
        ])
        .expect("valid bands")
    }

    #[test]
    fn a_leg_inside_a_band_is_scaled_and_one_crossing_it_progresses_band_by_band() {
        let p = peak();
        // 10 free-flow minutes at 14:00: 10 minutes.
        assert_eq!(p.arrival(14.0 * 3600.0, 600.0), 14.0 * 3600.0 + 600.0);
        // Inside the peak: twice as long.
        assert_eq!(p.arrival(8.0 * 3600.0, 600.0), 8.0 * 3600.0 + 1200.0);
        // 07:50 + 20 free-flow minutes: 10 at 1.0 to 08:00, then 10 at 0.5 = 20 real.
        assert_eq!(
            p.arrival(7.0 * 3600.0 + 3000.0, 1200.0),
            8.0 * 3600.0 + 1200.0
        );
        // 08:50 + 20 free-flow minutes: 10 real cover 5, then 15 at 1.0.
        assert_eq!(
            p.arrival(8.0 * 3600.0 + 3000.0, 1200.0),
            9.0 * 3600.0 + 900.0
        );
        // The next day repeats the bands.
        assert_eq!(
            p.arrival(DAY_S + 8.0 * 3600.0, 600.0),
            DAY_S + 8.0 * 3600.0 + 1200.0
        );
    }

    #[test]
    fn later_departures_never_arrive_earlier_and_the_inverse_gives_the_departure_back() {
        let p = peak();
        let mut last = f64::NEG_INFINITY;
        for k in 0..2000 {
            let dep = 6.0 * 3600.0 + f64::from(k) * 7.3;
            for free in [30.0, 600.0, 2400.0, 7200.0] {
                let a = p.arrival(dep, free);
                assert!(
                    a >= dep + free * 0.999_999,
                    "never faster than free flow here"
                );
                let back = p.latest_departure(a, free);
                assert!((back - dep).abs() < 1e-6, "{dep} {free} {back}");
            }
            let a = p.arrival(dep, 1800.0);
            assert!(a > last, "FIFO at {dep}");
            last = a;
        }
    }

    #[test]
    fn a_flat_profile_changes_nothing_and_the_split_adds_up() {
        let f = TimeBands::flat();
        assert!(f.is_flat());
        assert_eq!(f.arrival(30_000.0, 123.4), 30_000.0 + 123.4);
        let p = peak();
        let s = p.split(7.5 * 3600.0, 4000.0);
        let bands: Vec<usize> = s.iter().map(|x| x.band).collect();
        assert_eq!(bands, vec![0, 1, 2]);
        let free: f64 = s.iter().map(|x| x.free_s).sum();
        let real: f64 = s.iter().map(|x| x.real_s).sum();
        assert!((free - 4000.0).abs() < 1e-9);
        assert!((7.5 * 3600.0 + real - p.arrival(7.5 * 3600.0, 4000.0)).abs() < 1e-9);
    }

    #[test]
    fn bad_band_lists_are_refused_naming_the_band() {
        let b = |name: &str, a: f64, z: f64, f: f64| Band {
            name: name.into(),
            start_s: a * 3600.0,
            end_s: z * 3600.0,
            factor: f,
            peak: false,
        };
        let gap = TimeBands::new(vec![b("a", 0.0, 8.0, 1.0), b("b", 9.0, 24.0, 1.0)]);
        assert!(gap.unwrap_err().contains("band `b` starts at 09:00"));
        let zero = TimeBands::new(vec![b("a", 0.0, 8.0, 0.0), b("b", 8.0, 24.0, 1.0)]);
        assert!(zero.unwrap_err().contains("band `a` has speed factor 0"));
        let fast = TimeBands::new(vec![b("a", 0.0, 24.0, 2.5)]);
        assert!(fast.unwrap_err().contains("at most 2"));
        let short = TimeBands::new(vec![b("a", 0.0, 20.0, 1.0)]);
        assert!(short.unwrap_err().contains("must end at 24:00"));
        let back = TimeBands::new(vec![b("a", 0.0, 10.0, 1.0), b("b", 10.0, 9.0, 1.0)]);
        assert!(back.unwrap_err().contains("band `b` ends at 09:00"));
    }
}
