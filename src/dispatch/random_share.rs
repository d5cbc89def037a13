//! `random`: mandatory orders, and each optional order with probability `share` (seeded per
//! carrier and day).

use super::{Candidate, Decision, Policy};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

/// Mandatory orders and a random share of the optional ones.
#[derive(Clone, Copy, Debug)]
pub struct RandomShare {
    /// Probability that an optional order goes today.
    pub share: f64,
}

impl Policy for RandomShare {
    fn name(&self) -> &'static str {
        "random"
    }

    fn decide(&self, candidates: &[Candidate], rng: &mut ChaCha8Rng) -> Vec<Decision> {
        candidates
            .iter()
            .map(|c| {
                let draw: f64 = rng.random();
                if c.mandatory || draw < self.share {
                    Decision::Required
                } else {
                    Decision::Wait
                }
            })
            .collect()
    }
}
