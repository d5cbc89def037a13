//! `lazy`: only orders whose window closes today go. The other bracket of every result: it
//! consolidates as much as the windows allow, blindly.

use super::{Candidate, Decision, Policy};
use rand_chacha::ChaCha8Rng;

/// Mandatory orders only.
#[derive(Clone, Copy, Debug)]
pub struct Lazy;

impl Policy for Lazy {
    fn name(&self) -> &'static str {
        "lazy"
    }

    fn decide(&self, candidates: &[Candidate], _rng: &mut ChaCha8Rng) -> Vec<Decision> {
        candidates
            .iter()
            .map(|c| {
                if c.mandatory {
                    Decision::Required
                } else {
                    Decision::Wait
                }
            })
            .collect()
    }
}
