//! An index of a zone's polygon edges in horizontal bands, so that point-in-zone and
//! segment-touches-zone run in time proportional to the edges of one band, not of the whole
//! perimeter: an official perimeter can have 10^5 vertices, and every street segment and
//! every measured trip point asks (a minute per run without it, seconds with it).
//!
//! Each edge is listed in every band its latitude range covers; a query outside the zone's
//! bounding box answers at once. A point is inside by the even-odd rule over the rings of all
//! its polygons (exterior rings and holes), which for a valid (multi)polygon is the same as
//! `geo`'s `contains` away from the boundary.

use geo::{Coord, MultiPolygon};

/// The banded edge index of one zone.
#[derive(Clone, Debug, PartialEq)]
pub struct EdgeIndex {
    /// Bounding box: min and max corners.
    min: Coord<f64>,
    max: Coord<f64>,
    /// Height of a band, degrees of latitude.
    band_height: f64,
    /// Edges, as pairs of points.
    edges: Vec<(Coord<f64>, Coord<f64>)>,
    /// Per edge: its ring, its place in the ring and the ring's edge count.
    places: Vec<(u32, u32, u32)>,
    /// Per band, the edges crossing it.
    bands: Vec<Vec<u32>>,
}

impl EdgeIndex {
    /// Indexes every ring of `area`.
    pub fn new(area: &MultiPolygon<f64>) -> Self {
        let mut edges = Vec::new();
        let mut places = Vec::new();
        let mut ring_id = 0;
        for p in &area.0 {
            for ring in std::iter::once(p.exterior()).chain(p.interiors()) {
                let first = edges.len();
                for l in ring.lines() {
                    if l.start != l.end {
                        edges.push((l.start, l.end));
                    }
                }
                let n = (edges.len() - first) as u32;
                places.extend((0..n).map(|k| (ring_id, k, n)));
                ring_id += 1;
            }
        }
        let mut min = Coord {
            x: f64::INFINITY,
            y: f64::INFINITY,
        };
        let mut max = Coord {
            x: f64::NEG_INFINITY,
            y: f64::NEG_INFINITY,
        };
        for &(a, b) in &edges {
            for c in [a, b] {
                min.x = min.x.min(c.x);
                min.y = min.y.min(c.y);
                max.x = max.x.max(c.x);
                max.y = max.y.max(c.y);
            }
        }
        // About sqrt(n) bands: a band holds few edges of a long perimeter.
        let count = ((edges.len() as f64).sqrt().ceil() as usize).clamp(1, 4096);
        let height = (max.y - min.y) / count as f64;
        let band_height = if height > 0.0 { height } else { 1.0 };
        let mut index = EdgeIndex {
            min,
            max,
            band_height,
            edges,
            places,
            bands: vec![Vec::new(); count],
        };
        for (k, &(a, b)) in index.edges.iter().enumerate() {
            let (lo, hi) = (index.band(a.y.min(b.y)), index.band(a.y.max(b.y)));
            for band in &mut index.bands[lo..=hi] {
                band.push(k as u32);
            }
        }
        index
    }

    fn band(&self, y: f64) -> usize {
        let b = ((y - self.min.y) / self.band_height).floor();
        if b.is_nan() || b < 0.0 {
            0
        } else {
            (b as usize).min(self.bands.len() - 1)
        }
    }

    fn in_box(&self, c: Coord<f64>) -> bool {
        c.x >= self.min.x && c.x <= self.max.x && c.y >= self.min.y && c.y <= self.max.y
    }

    /// Whether `p` is inside (even-odd rule; a point on an edge may go either way).
    pub fn contains(&self, p: Coord<f64>) -> bool {
        if self.edges.is_empty() || !self.in_box(p) {
            return false;
        }
        let mut inside = false;
        for &k in &self.bands[self.band(p.y)] {
            let (a, b) = self.edges[k as usize];
            if (a.y > p.y) != (b.y > p.y) {
                let x = a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x);
                if p.x < x {
                    inside = !inside;
                }
            }
        }
        inside
    }

    /// Whether the segment `a`–`b` touches the zone: an end inside, or crossing or touching
    /// an edge.
    pub fn touches_segment(&self, a: Coord<f64>, b: Coord<f64>) -> bool {
        if self.edges.is_empty()
            || a.x.max(b.x) < self.min.x
            || a.x.min(b.x) > self.max.x
            || a.y.max(b.y) < self.min.y
            || a.y.min(b.y) > self.max.y
        {
            return false;
        }
        if self.contains(a) || self.contains(b) {
            return true;
        }
        let (lo, hi) = (self.band(a.y.min(b.y)), self.band(a.y.max(b.y)));
        let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
        self.bands[lo..=hi].iter().flatten().any(|&k| {
            let (c, d) = self.edges[k as usize];
            c.x.max(d.x) >= x0 && c.x.min(d.x) <= x1 && segments_meet(a, b, c, d)
        })
    }
}

impl EdgeIndex {
    /// Two edges that meet where they should not (a ring crossing itself or another ring),
    /// if any: the self-intersection check for perimeters too long for `geo`'s validation,
    /// in time proportional to the edges times the edges of a band.
    pub fn first_crossing(&self) -> Option<Coord<f64>> {
        for (i, &(a, b)) in self.edges.iter().enumerate() {
            let (lo, hi) = (self.band(a.y.min(b.y)), self.band(a.y.max(b.y)));
            let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
            for band in &self.bands[lo..=hi] {
                for &k in band {
                    let j = k as usize;
                    if j <= i || self.adjacent(i, j) {
                        continue;
                    }
                    let (c, d) = self.edges[j];
                    if c.x.max(d.x) >= x0 && c.x.min(d.x) <= x1 && segments_meet(a, b, c, d) {
                        return Some(a);
                    }
                }
            }
        }
        None
    }

    fn adjacent(&self, i: usize, j: usize) -> bool {
        let (ri, ki, n) = self.places[i];
        let (rj, kj, _) = self.places[j];
        ri == rj && (ki.abs_diff(kj) == 1 || ki.abs_diff(kj) == n - 1)
    }
}

fn orient(a: Coord<f64>, b: Coord<f64>, c: Coord<f64>) -> f64 {
    (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
}

fn on_segment(a: Coord<f64>, b: Coord<f64>, p: Coord<f64>) -> bool {
    p.x >= a.x.min(b.x) && p.x <= a.x.max(b.x) && p.y >= a.y.min(b.y) && p.y <= a.y.max(b.y)
}

/// Whether segments `a`–`b` and `c`–`d` share a point (crossing, touching or overlapping).
fn segments_meet(a: Coord<f64>, b: Coord<f64>, c: Coord<f64>, d: Coord<f64>) -> bool {
    let (o1, o2) = (orient(a, b, c), orient(a, b, d));
    let (o3, o4) = (orient(c, d, a), orient(c, d, b));
    if ((o1 > 0.0 && o2 < 0.0) || (o1 < 0.0 && o2 > 0.0))
        && ((o3 > 0.0 && o4 < 0.0) || (o3 < 0.0 && o4 > 0.0))
    {
        return true;
    }
    (o1 == 0.0 && on_segment(a, b, c))
        || (o2 == 0.0 && on_segment(a, b, d))
        || (o3 == 0.0 && on_segment(c, d, a))
        || (o4 == 0.0 && on_segment(c, d, b))
}

#[cfg(test)]
mod tests {
    use super::EdgeIndex;
    use geo::{Contains, Coord, Intersects, Line, LineString, MultiPolygon, Point, Polygon};
    use rand::{RngExt, SeedableRng};

    /// A star with a hole: concave edges, and a ring inside.
    fn star() -> MultiPolygon<f64> {
        let ring = |r_out: f64, r_in: f64, n: usize| -> LineString<f64> {
            let mut pts: Vec<Coord<f64>> = (0..2 * n)
                .map(|k| {
                    let a = std::f64::consts::PI * k as f64 / n as f64;
                    let r = if k % 2 == 0 { r_out } else { r_in };
                    Coord {
                        x: r * a.cos(),
                        y: r * a.sin(),
                    }
                })
                .collect();
            pts.push(pts[0]);
            LineString::new(pts)
        };
        MultiPolygon::new(vec![Polygon::new(
            ring(1.0, 0.5, 7),
            vec![ring(0.2, 0.1, 5)],
        )])
    }

    #[test]
    fn finds_crossing_edges_and_accepts_a_simple_star_with_a_hole() {
        assert_eq!(EdgeIndex::new(&star()).first_crossing(), None);
        let bowtie = |n: usize| {
            // A long ring whose last stretch crosses its first edge.
            let mut pts: Vec<Coord<f64>> = (0..n)
                .map(|k| Coord {
                    x: k as f64,
                    y: 0.0,
                })
                .collect();
            pts.push(Coord {
                x: n as f64,
                y: 10.0,
            });
            pts.push(Coord { x: 0.5, y: -1.0 });
            pts.push(Coord { x: 0.0, y: 0.0 });
            MultiPolygon::new(vec![Polygon::new(LineString::new(pts), Vec::new())])
        };
        assert!(EdgeIndex::new(&bowtie(10_000)).first_crossing().is_some());
    }

    #[test]
    fn answers_as_geo_does_on_random_points_and_segments() {
        let area = star();
        let index = EdgeIndex::new(&area);
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(3);
        let mut pt = || Coord {
            x: rng.random_range(-1.2..1.2),
            y: rng.random_range(-1.2..1.2),
        };
        let (mut inside, mut touching) = (0, 0);
        for _ in 0..20_000 {
            let (a, b) = (pt(), pt());
            let c = area.contains(&Point::from(a));
            assert_eq!(index.contains(a), c, "{a:?}");
            inside += usize::from(c);
            let short = Coord {
                x: a.x + (b.x - a.x) * 0.05,
                y: a.y + (b.y - a.y) * 0.05,
            };
            let t = area.intersects(&Line::new(a, short));
            assert_eq!(index.touches_segment(a, short), t, "{a:?} {short:?}");
            touching += usize::from(t);
        }
        assert!(inside > 3_000 && touching > inside, "{inside} {touching}");
    }
}
