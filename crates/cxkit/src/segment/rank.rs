//! Quantile scores that keep ties together.

use rayon::prelude::*;

use crate::{Error, Result};

/// Calls `each(start, group)` for each run of equal values in sorted order (ascending when
/// `higher_is_better`, else descending): `start` values come before the run, and `group`
/// holds the run's original indices. One parallel sort, no per-value searches.
fn tie_groups(values: &[f64], higher_is_better: bool, mut each: impl FnMut(usize, &[(f64, u32)])) {
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
    let mut start = 0;
    for group in order.chunk_by(|a, b| a.0 == b.0) {
        each(start, group);
        start += group.len();
    }
}

/// For each value, how many values are strictly worse: smaller when `higher_is_better`, else
/// larger.
pub(crate) fn worse_counts(values: &[f64], higher_is_better: bool) -> Vec<usize> {
    let mut out = vec![0usize; values.len()];
    tie_groups(values, higher_is_better, |start, group| {
        for &(_, i) in group {
            out[i as usize] = start;
        }
    });
    out
}

/// Mid-rank percentile of each value: (values smaller + half the values equal) / n, in
/// (0, 1); equal values share one.
pub(crate) fn mid_percentiles(values: &[f64]) -> Vec<f64> {
    let n = values.len() as f64;
    let mut out = vec![0.0; values.len()];
    tie_groups(values, true, |start, group| {
        let p = (start as f64 + group.len() as f64 / 2.0) / n;
        for &(_, i) in group {
            out[i as usize] = p;
        }
    });
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

    #[test]
    fn mid_percentiles_split_ties() {
        // 1, 1 | 2 | 4 of four: (0 + 2/2)/4 = .25 each, (2 + .5)/4 = .625, (3 + .5)/4 = .875.
        assert_eq!(
            mid_percentiles(&[1.0, 1.0, 4.0, 2.0]),
            vec![0.25, 0.25, 0.875, 0.625]
        );
    }
}
