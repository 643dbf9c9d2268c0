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

/// For each count t in `counts` (ascending), the smallest key x with at least t keys strictly
/// below it, or None when no key has that many below. Linear time: successive selections
/// (each within the part right of the previous one) instead of a sort. Keys must be finite.
fn count_thresholds(mut keys: Vec<f64>, counts: &[usize]) -> Vec<Option<f64>> {
    let n = keys.len();
    let cmp = |a: &f64, b: &f64| a.partial_cmp(b).expect("finite keys");
    let mut done = 0; // keys[..done] are all ≤ keys[done..]
    counts
        .iter()
        .map(|&t| {
            if t == 0 {
                return Some(f64::NEG_INFINITY);
            }
            if t >= n {
                return None;
            }
            let v = *keys[done..].select_nth_unstable_by(t - done, cmp).1;
            done = t;
            // keys[..t] ≤ v ≤ keys[t + 1..]: exactly t keys lie below v unless v's ties
            // reach left of t; then the threshold is the next larger key.
            let below = keys[..t].iter().copied().fold(f64::NEG_INFINITY, f64::max);
            if below < v {
                Some(v)
            } else {
                let next = keys[t + 1..]
                    .iter()
                    .copied()
                    .filter(|&x| x > v)
                    .fold(f64::INFINITY, f64::min);
                next.is_finite().then_some(next)
            }
        })
        .collect()
}

/// For each value, the number of `counts` (ascending) reached by the number of values
/// strictly worse than it: smaller when `higher_is_better`, larger otherwise. One pass per
/// count and one scoring pass; no sort.
pub(crate) fn levels_reached(values: &[f64], higher_is_better: bool, counts: &[usize]) -> Vec<u8> {
    let key = |v: f64| if higher_is_better { v } else { -v };
    let thresholds: Vec<f64> =
        count_thresholds(values.par_iter().map(|&v| key(v)).collect(), counts)
            .into_iter()
            .map(|t| t.unwrap_or(f64::INFINITY))
            .collect();
    values
        .par_iter()
        .map(|&v| {
            let k = key(v);
            thresholds.iter().filter(|&&t| k >= t).count() as u8
        })
        .collect()
}

/// Score 1..=`bins` of each value: 1 + ⌊bins·(values strictly worse)/n⌋, "worse" meaning
/// smaller when `higher_is_better`, larger otherwise. Equal values always share a score;
/// with distinct values the scores are the usual quantile bins.
pub(crate) fn quantile_scores(values: &[f64], bins: u32, higher_is_better: bool) -> Vec<u8> {
    // Score ≥ b ⟺ bins·worse ≥ (b − 1)·n ⟺ worse ≥ ⌈(b − 1)·n / bins⌉.
    let n = values.len();
    let bins = bins as usize;
    let counts: Vec<usize> = (1..bins).map(|b| (b * n).div_ceil(bins)).collect();
    levels_reached(values, higher_is_better, &counts)
        .into_par_iter()
        .map(|l| l + 1)
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

/// Errors at the first value of the samples × features matrix `x` that is not finite.
pub(crate) fn check_samples(x: &ndarray::ArrayView2<f64>) -> Result<()> {
    match x.indexed_iter().find(|(_, v)| !v.is_finite()) {
        None => Ok(()),
        Some(((r, c), v)) => Err(Error::InvalidParameter {
            name: "X",
            reason: format!("value {v} at row {r}, feature {c} is not finite"),
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

    /// 1 + ⌊bins·(values strictly worse)/n⌋ by brute force.
    fn brute(values: &[f64], bins: u32, higher: bool) -> Vec<u8> {
        let n = values.len();
        values
            .iter()
            .map(|v| {
                let worse = values
                    .iter()
                    .filter(|x| if higher { *x < v } else { *x > v })
                    .count();
                (1 + bins as usize * worse / n) as u8
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn quantile_scores_equal_the_formula(
            values in proptest::collection::vec(-3i32..6, 1..60),
            bins in 2u32..10,
            higher: bool,
        ) {
            // Few distinct values: ties everywhere, bins left empty, ties across cut points.
            let v: Vec<f64> = values.iter().map(|&x| f64::from(x) / 2.0).collect();
            proptest::prop_assert_eq!(quantile_scores(&v, bins, higher), brute(&v, bins, higher));
        }
    }

    #[test]
    fn signed_zeros_tie() {
        assert_eq!(quantile_scores(&[0.0, -0.0, 1.0], 3, true), vec![1, 1, 3]);
        assert_eq!(quantile_scores(&[0.0, -0.0, 1.0], 3, false), vec![2, 2, 1]);
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
