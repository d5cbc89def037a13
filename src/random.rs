//! Seeded random streams. Every random choice of a run draws from a stream named by the
//! scenario seed and a few numbers (a day, a carrier, an order), never from a global
//! generator, so a day or an order can be reproduced on its own and the result does not
//! depend on the order in which threads run.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// Stream tags, so that two uses of the same numbers draw different streams.
#[derive(Clone, Copy, Debug)]
#[repr(u64)]
pub enum Stream {
    /// Orders placed on a day.
    Demand = 1,
    /// A routing search of a carrier on a day.
    Routing = 2,
    /// The `random` policy's draws of a carrier on a day.
    Dispatch = 3,
    /// Whether a delivery attempt fails.
    Attempt = 4,
    /// The public buyer's needs of a site and flow on a day.
    Public = 5,
}

/// SplitMix64 finaliser: a well-mixed 64-bit value from any 64-bit value.
fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// A 64-bit seed derived from the scenario seed, a stream tag and some numbers.
pub fn derive(seed: u64, stream: Stream, parts: &[u64]) -> u64 {
    let mut h = splitmix(seed ^ splitmix(stream as u64));
    for &p in parts {
        h = splitmix(h ^ p);
    }
    h
}

/// A generator for the stream named by `seed`, `stream` and `parts`.
pub fn rng(seed: u64, stream: Stream, parts: &[u64]) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(derive(seed, stream, parts))
}

/// A uniform draw in [0, 1) for the stream named by `seed`, `stream` and `parts`.
pub fn uniform(seed: u64, stream: Stream, parts: &[u64]) -> f64 {
    (derive(seed, stream, parts) >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_differ_by_tag_and_part_and_stay_put() {
        let a = derive(7, Stream::Demand, &[3]);
        assert_eq!(a, derive(7, Stream::Demand, &[3]));
        assert_ne!(a, derive(7, Stream::Routing, &[3]));
        assert_ne!(a, derive(7, Stream::Demand, &[4]));
        let u = uniform(7, Stream::Attempt, &[1, 2]);
        assert!((0.0..1.0).contains(&u));
    }
}
