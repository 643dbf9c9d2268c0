//! Quantiles of sorted samples.

/// Linear-interpolation quantile of sorted values (numpy's default, Hyndman & Fan type 7).
pub(crate) fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let h = q * last as f64;
    let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_match_numpy_linear() {
        // numpy.quantile([1, 2, 4, 8], [0, .25, .5, .9, 1]) = 1, 1.75, 3, 6.8, 8
        let v = [1.0, 2.0, 4.0, 8.0];
        let got: Vec<f64> = [0.0, 0.25, 0.5, 0.9, 1.0]
            .iter()
            .map(|&q| quantile(&v, q).unwrap())
            .collect();
        let want = [1.0, 1.75, 3.0, 6.8, 8.0];
        for (g, w) in got.iter().zip(want) {
            assert!((g - w).abs() < 1e-12, "{got:?}");
        }
        assert_eq!(quantile(&[], 0.5), None);
    }
}
