//! The customer pyramid: platinum, gold, iron and lead value tiers.

use serde::{Deserialize, Serialize};

use rayon::prelude::*;

use super::rank::{check_finite, levels_reached};
use crate::{Error, Result};

/// The four tiers, most valuable first.
pub const TIER_NAMES: [&str; 4] = ["platinum", "gold", "iron", "lead"];

/// Where the tiers are cut.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TierCuts {
    /// Shares of customers in platinum, gold and iron (lead takes the rest), by value rank:
    /// a customer's tier follows the share of customers worth strictly more, so equal values
    /// share a tier.
    Shares([f64; 3]),
    /// Lowest value of platinum, gold and iron (decreasing); below the last is lead.
    Thresholds([f64; 3]),
}

impl Default for TierCuts {
    /// The top 5 % platinum, the next 15 % gold, the next 30 % iron, the rest lead.
    fn default() -> Self {
        TierCuts::Shares([0.05, 0.15, 0.30])
    }
}

/// One tier's size and value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TierSummary {
    /// Tier name.
    pub tier: String,
    /// Customers in the tier.
    pub customers: usize,
    /// Their share of all customers.
    pub customer_share: f64,
    /// Their total value.
    pub value: f64,
    /// Their share of the total value (None when the total is 0).
    pub value_share: Option<f64>,
}

/// Tiers of every customer and the pyramid's summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValueTiers {
    /// Tier per customer: 0 platinum, 1 gold, 2 iron, 3 lead.
    pub tier: Vec<u8>,
    /// One row per tier, platinum first.
    pub summary: Vec<TierSummary>,
}

/// Places customers in the customer pyramid by `value` (profitability or CLV).
///
/// ```
/// use cxkit::segment::{value_tiers, TierCuts};
///
/// let value: Vec<f64> = (1..=20).map(f64::from).collect();
/// let t = value_tiers(&value, &TierCuts::default())?;
/// // 20 customers: the top one (5 %) platinum, the next 3 gold, the next 6 iron, 10 lead.
/// assert_eq!(t.summary.iter().map(|s| s.customers).collect::<Vec<_>>(), vec![1, 3, 6, 10]);
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn value_tiers(value: &[f64], cuts: &TierCuts) -> Result<ValueTiers> {
    if value.is_empty() {
        return Err(Error::EmptyInput { what: "customers" });
    }
    check_finite(value, "value")?;
    let n = value.len();
    let tier: Vec<u8> = match *cuts {
        TierCuts::Shares(shares) => {
            let mut bounds = [0.0; 3];
            let mut total = 0.0;
            for (b, s) in bounds.iter_mut().zip(shares) {
                if !(s.is_finite() && s >= 0.0) {
                    return Err(bad_cuts(format!(
                        "shares must be non-negative, got {shares:?}"
                    )));
                }
                total += s;
                *b = total;
            }
            if total > 1.0 + 1e-12 {
                return Err(bad_cuts(format!("shares add up to {total}, more than 1")));
            }
            // A customer's tier is the number of cumulative shares reached by the share of
            // customers worth strictly more: the smallest count m with m/n ≥ share − 1e-12.
            let counts = bounds.map(|b| {
                let reaches = |m: usize| m as f64 / n as f64 >= b - 1e-12;
                let mut m = ((b - 1e-12) * n as f64).ceil().max(0.0) as usize;
                while m > 0 && reaches(m - 1) {
                    m -= 1;
                }
                while !reaches(m) {
                    m += 1;
                }
                m
            });
            levels_reached(value, false, &counts)
        }
        TierCuts::Thresholds(t) => {
            if !t.iter().all(|v| v.is_finite()) || t[0] < t[1] || t[1] < t[2] {
                return Err(bad_cuts(format!(
                    "thresholds must be finite and decreasing, got {t:?}"
                )));
            }
            value
                .par_iter()
                .map(|v| t.iter().position(|&b| *v >= b).unwrap_or(3) as u8)
                .collect()
        }
    };
    let grand: f64 = value.iter().sum();
    let (mut members, mut totals) = ([0usize; 4], [0.0f64; 4]);
    for (&t, &v) in tier.iter().zip(value) {
        members[t as usize] += 1;
        totals[t as usize] += v;
    }
    let summary = (0..4usize)
        .map(|k| {
            let (members, total) = (members[k], totals[k]);
            TierSummary {
                tier: TIER_NAMES[k].to_string(),
                customers: members,
                customer_share: members as f64 / n as f64,
                value: total,
                value_share: (grand != 0.0).then(|| total / grand),
            }
        })
        .collect();
    Ok(ValueTiers { tier, summary })
}

fn bad_cuts(reason: String) -> Error {
    Error::InvalidParameter {
        name: "cuts",
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_stay_together_and_shares_add_up() {
        // Ten customers; three tied at the top (30 % > the 5 % platinum share, but nobody is
        // worth more than them, so all three are platinum); then gold up to 20 % above…
        let value = [100.0, 100.0, 100.0, 50.0, 40.0, 30.0, 20.0, 10.0, 5.0, 1.0];
        let t = value_tiers(&value, &TierCuts::Shares([0.05, 0.15, 0.30])).unwrap();
        // above-shares: 0,0,0,.3,.4,.5,.6,.7,.8,.9 → bounds .05/.20/.50:
        // platinum ×3, iron (.3, .4), lead (≥ .5).
        assert_eq!(t.tier, vec![0, 0, 0, 2, 2, 3, 3, 3, 3, 3]);
        assert_eq!(t.summary[1].customers, 0);
        let total: f64 = value.iter().sum();
        assert!((t.summary[0].value_share.unwrap() - 300.0 / total).abs() < 1e-15);
        let shares: f64 = t.summary.iter().map(|s| s.customer_share).sum();
        assert!((shares - 1.0).abs() < 1e-15);
    }

    #[test]
    fn thresholds_and_bad_cuts() {
        let t = value_tiers(
            &[500.0, 150.0, 60.0, 5.0],
            &TierCuts::Thresholds([400.0, 100.0, 50.0]),
        )
        .unwrap();
        assert_eq!(t.tier, vec![0, 1, 2, 3]);
        assert!(value_tiers(&[1.0], &TierCuts::Thresholds([1.0, 2.0, 0.0])).is_err());
        assert!(value_tiers(&[1.0], &TierCuts::Shares([0.5, 0.4, 0.3])).is_err());
        assert!(value_tiers(&[], &TierCuts::default()).is_err());
        assert!(value_tiers(&[f64::INFINITY], &TierCuts::default()).is_err());
    }

    proptest::proptest! {
        #[test]
        fn share_tiers_equal_the_rule(
            values in proptest::collection::vec(0i32..8, 1..80),
            a in 0.0f64..0.4, b in 0.0f64..0.3, c in 0.0f64..0.3,
        ) {
            // The documented rule by brute force: the share of customers worth strictly more,
            // against the cumulative shares.
            let v: Vec<f64> = values.iter().map(|&x| f64::from(x)).collect();
            let n = v.len() as f64;
            let bounds = [a, a + b, a + b + c];
            let want: Vec<u8> = v
                .iter()
                .map(|x| {
                    let above = v.iter().filter(|y| *y > x).count() as f64 / n;
                    bounds.iter().position(|&b| above < b - 1e-12).unwrap_or(3) as u8
                })
                .collect();
            let got = value_tiers(&v, &TierCuts::Shares([a, b, c])).unwrap().tier;
            proptest::prop_assert_eq!(got, want);
        }
    }
}
