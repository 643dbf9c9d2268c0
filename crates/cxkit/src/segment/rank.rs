//! Quantile scores that keep ties together.

use rayon::prelude::*;

use crate::{Error, Result};

/// For each value, how many values are strictly worse: smaller when `higher_is_better`, else
/// larger. One parallel sort and one pass over the sorted order (no per-value searches).
pub(crate) fn worse_counts(values: &[f64], higher_is_better: bool) -> Vec<usize> {
    let mut order: Vec<(f64, u32)> = values
        .iter()
        .enumerate()
        .map(|(i, &v)| (v, i as u32))
        .collect();
    if higher_is_better {
        order.par_sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    } else {
        order.par_sort_unstable_by(|a, b| b.0.total_cmp(&a.0));
    }
    let mut out = vec![0usize; values.len()];
    let mut start = 0;
    for group in order.chunk_by(|a, b| a.0 == b.0) {
        for &(_, i) in group {
            out[i as usize] = start;
        }
        start += group.len();
    }
    out
}

/// Score 1..=`bins` of each value: 1 + ⌊bins·(values strictly worse)/n⌋, "worse" meaning
/// smaller when `higher_is_better`, larger otherwise. Equal values always share a score;
/// with distinct values the scores are the usual quantile bins.
pub(crate) fn quantile_scores(values: &[f64], bins: u32, higher_is_better: bool) -> Vec<u8> {
    let n = values.len();
    worse_counts(values, higher_is_better)
        .into_par_iter()
        .map(|worse| (1 + (bins as usize * worse) / n).min(bins as usize) as u8)
        .collect()
}

/// Errors unless every value is finite.
pub(crate) fn check_finite(values: &[f64], name: &'static str) -> Result<()> {
    match values.iter().position(|v| !v.is_finite()) {
        None => Ok(()),
        Some(i) => Err(Error::InvalidParameter {
            name,
            reason: format!("value {} at index {i} is not finite", values[i]),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_share_a_bin() {
        // Five distinct values: one per bin. Four tied lows: all in bin 1 (no customer is
        // strictly worse), the high one in bin 1 + ⌊5·4/5⌋ = 5.
        assert_eq!(
            quantile_scores(&[10.0, 20.0, 30.0, 40.0, 50.0], 5, true),
            vec![1, 2, 3, 4, 5]
        );
        assert_eq!(
            quantile_scores(&[1.0, 1.0, 1.0, 1.0, 5.0], 5, true),
            vec![1, 1, 1, 1, 5]
        );
        // Lower is better: 3 days since the last purchase beats 30.
        assert_eq!(
            quantile_scores(&[3.0, 30.0, 10.0, 3.0], 4, false),
            vec![3, 1, 2, 3]
        );
        // Ten values in 3 bins: 1 + ⌊3·k/10⌋ for k = 0..9 → 1,1,1,1,2,2,2,3,3,3.
        let v: Vec<f64> = (0..10).map(f64::from).collect();
        assert_eq!(
            quantile_scores(&v, 3, true),
            vec![1, 1, 1, 1, 2, 2, 2, 3, 3, 3]
        );
    }
}
