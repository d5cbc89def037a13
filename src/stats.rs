//! Small statistics for results over seeds: means and Student's t 95 % intervals.

/// Student's t quantile 0.975 for `df` degrees of freedom (1.96 beyond 30; NaN for 0).
pub fn t975(df: usize) -> f64 {
    const T: [f64; 30] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
        2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
        2.052, 2.048, 2.045, 2.042,
    ];
    if df == 0 {
        f64::NAN
    } else {
        T.get(df - 1).copied().unwrap_or(1.96)
    }
}

/// Mean and 95 % half-width of `xs` (NaN half-width for one value; NaN mean for none).
pub fn mean_ci(xs: &[f64]) -> (f64, f64) {
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<f64>() / n;
    if xs.len() < 2 {
        return (mean, f64::NAN);
    }
    let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
    (mean, t975(xs.len() - 1) * (var / n).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interval_of_known_values() {
        // 2, 4, 6: mean 4, sd 2, half-width 4.303 × 2 / √3.
        let (m, h) = mean_ci(&[2.0, 4.0, 6.0]);
        assert_eq!(m, 4.0);
        assert!((h - 4.303 * 2.0 / 3f64.sqrt()).abs() < 1e-12);
        assert!(mean_ci(&[1.0]).1.is_nan());
        assert_eq!(t975(100), 1.96);
    }
}
