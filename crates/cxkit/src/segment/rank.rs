//! Quantile scores that keep ties together.

use rayon::prelude::*;

use crate::{Error, Result};

/// Score 1..=`bins` of each value: 1 + ⌊bins·(values strictly worse)/n⌋, "worse" meaning
/// smaller when `higher_is_better`, larger otherwise. Equal values always share a score;
/// with distinct values the scores are the usual quantile bins.
pub(crate) fn quantile_scores(values: &[f64], bins: u32, higher_is_better: bool) -> Vec<u8> {
    let n = values.len();
    let mut sorted = values.to_vec();
    sorted.par_sort_unstable_by(|a, b| a.total_cmp(b));
    values
        .par_iter()
        .map(|v| {
            let worse = if higher_is_better {
                sorted.partition_point(|u| u < v)
            } else {
                n - sorted.partition_point(|u| u <= v)
            };
            (1 + (bins as usize * worse) / n).min(bins as usize) as u8
        })
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
