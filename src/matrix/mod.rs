//! Travel matrices: distance and duration between every pair of located points.
//!
//! A [`TravelMatrix`] is what the routing core sees of the world: it never touches the road
//! graph. Row `i`, column `j` is the travel from point `i` to point `j` for one vehicle
//! profile. Unreachable pairs hold [`Meters::INFINITY`] / [`Seconds::INFINITY`].

pub mod anchor;
pub mod ch;
pub mod core;
pub mod csr;
pub mod dijkstra;
pub mod heap;
pub mod path;
pub mod sites;
pub mod table;
#[cfg(test)]
mod testing;
pub mod time_bands;

pub use anchor::Anchor;
pub use csr::Csr;
pub use path::{Route, Router};
pub use sites::SiteMatrix;
pub use table::travel_matrix;
pub use time_bands::{Band, BandShare, TimeBands};

use crate::units::{Meters, Seconds};

/// Square matrix of travel distances (m) and durations (s) between `size` points.
///
/// # Units
/// Distances in metres, durations in seconds. Stored row-major.
#[derive(Clone, Debug, PartialEq)]
pub struct TravelMatrix {
    size: usize,
    distance_m: Vec<f64>,
    duration_s: Vec<f64>,
}

impl TravelMatrix {
    /// Builds a matrix from row-major distance and duration vectors of `size * size` values.
    ///
    /// # Panics
    /// If a vector's length is not `size * size` (a programming error, not bad input).
    pub fn from_rows(size: usize, distance_m: Vec<f64>, duration_s: Vec<f64>) -> Self {
        assert_eq!(distance_m.len(), size * size, "distance vector length");
        assert_eq!(duration_s.len(), size * size, "duration vector length");
        Self {
            size,
            distance_m,
            duration_s,
        }
    }

    /// Builds a matrix by calling `f(i, j)` for every ordered pair.
    pub fn from_fn(size: usize, mut f: impl FnMut(usize, usize) -> (Meters, Seconds)) -> Self {
        let mut distance_m = Vec::with_capacity(size * size);
        let mut duration_s = Vec::with_capacity(size * size);
        for i in 0..size {
            for j in 0..size {
                let (d, t) = f(i, j);
                distance_m.push(d.0);
                duration_s.push(t.0);
            }
        }
        Self::from_rows(size, distance_m, duration_s)
    }

    /// Number of points (rows, and columns).
    pub fn size(&self) -> usize {
        self.size
    }

    /// Travel distance from point `from` to point `to`.
    #[inline]
    pub fn distance(&self, from: usize, to: usize) -> Meters {
        Meters(self.distance_m[from * self.size + to])
    }

    /// Travel duration from point `from` to point `to`.
    #[inline]
    pub fn duration(&self, from: usize, to: usize) -> Seconds {
        Seconds(self.duration_s[from * self.size + to])
    }

    /// False when no path leads from `from` to `to` in this profile.
    #[inline]
    pub fn is_reachable(&self, from: usize, to: usize) -> bool {
        self.distance_m[from * self.size + to].is_finite()
    }

    /// Row-major distances in metres (`f64::INFINITY` where unreachable).
    pub fn distances_m(&self) -> &[f64] {
        &self.distance_m
    }

    /// Row-major durations in seconds (`f64::INFINITY` where unreachable).
    pub fn durations_s(&self) -> &[f64] {
        &self.duration_s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_fn_is_row_major() {
        let m = TravelMatrix::from_fn(3, |i, j| (Meters((10 * i + j) as f64), Seconds(1.0)));
        assert_eq!(m.distance(2, 1), Meters(21.0));
        assert_eq!(m.distance(1, 2), Meters(12.0));
        assert!(m.is_reachable(0, 1));
    }
}
