//! `immediate`: every order whose window is open goes today. Today's practice, and the
//! greedy baseline of the EURO Meets NeurIPS 2022 dynamic challenge.

use super::{Candidate, Decision, Policy};
use rand_chacha::ChaCha8Rng;

/// Every eligible order goes.
#[derive(Clone, Copy, Debug)]
pub struct Immediate;

impl Policy for Immediate {
    fn name(&self) -> &'static str {
        "immediate"
    }

    fn decide(&self, candidates: &[Candidate], _rng: &mut ChaCha8Rng) -> Vec<Decision> {
        vec![Decision::Required; candidates.len()]
    }
}
