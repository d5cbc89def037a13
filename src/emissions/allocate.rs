//! ISO 14083 allocation of a trip to the orders on board.

/// Shares of a trip for orders of `(kg, shortest feasible km from the depot)`: mass ×
/// distance over the trip's sum. When every product is zero (orders at the depot, or
/// weightless) the shares follow mass, then count. The shares add up to one: the last one is
/// what the others leave.
pub fn allocate(orders: &[(f64, f64)]) -> Vec<f64> {
    let n = orders.len();
    if n == 0 {
        return Vec::new();
    }
    let weights: Vec<f64> = {
        let activity: Vec<f64> = orders
            .iter()
            .map(|&(kg, km)| kg.max(0.0) * km.max(0.0))
            .collect();
        if activity.iter().sum::<f64>() > 0.0 {
            activity
        } else if orders.iter().map(|o| o.0.max(0.0)).sum::<f64>() > 0.0 {
            orders.iter().map(|o| o.0.max(0.0)).collect()
        } else {
            vec![1.0; n]
        }
    };
    let total: f64 = weights.iter().sum();
    let mut shares: Vec<f64> = weights.iter().map(|w| w / total).collect();
    let others: f64 = shares[..n - 1].iter().sum();
    shares[n - 1] = 1.0 - others;
    shares
}

#[cfg(test)]
mod tests {
    use super::allocate;

    #[test]
    fn mass_times_distance() {
        let s = allocate(&[(10.0, 1.0), (10.0, 3.0)]);
        assert!((s[0] - 0.25).abs() < 1e-15);
        assert!((s[1] - 0.75).abs() < 1e-15);
    }

    #[test]
    fn degenerate_cases_still_sum_to_one() {
        assert_eq!(allocate(&[]), Vec::<f64>::new());
        let at_depot = allocate(&[(1.0, 0.0), (3.0, 0.0)]);
        assert!((at_depot[0] - 0.25).abs() < 1e-15);
        let weightless = allocate(&[(0.0, 2.0), (0.0, 5.0)]);
        assert_eq!(weightless, vec![0.5, 0.5]);
    }

    proptest::proptest! {
        #[test]
        fn shares_sum_to_one(orders in proptest::collection::vec((0.0f64..500.0, 0.0f64..30.0), 1..60)) {
            let s = allocate(&orders);
            let sum: f64 = s.iter().sum();
            proptest::prop_assert!((sum - 1.0).abs() < 1e-12);
            proptest::prop_assert!(s.iter().all(|x| *x >= -1e-12));
        }
    }
}
