//! The customer pyramid: platinum, gold, iron and lead value tiers.

use serde::{Deserialize, Serialize};

use rayon::prelude::*;

use super::rank::check_finite;
use crate::{Error, Result};

/// The four tiers, most valuable first.
pub const TIER_NAMES: [&str; 4] = ["platinum", "gold", "iron", "lead"];

/// Where the tiers are cut.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TierCuts {
    /// Shares of customers in platinum, gold and iron (lead takes the rest), by value rank.
    /// Equal values share a tier, placed by the middle of their ranks: a customer's tier is
    /// the first whose cumulative share exceeds (customers worth strictly more + half the
    /// customers worth the same) / n. So a tie goes where most of it belongs — 99 % of the
    /// customers at 0 below 1 % worth more are lead, not platinum — and when every customer
    /// is worth the same (all 0, say) there is no pyramid: the middle is 50 %, all are lead.
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
    /// Their share of the total value: None when the total is 0, or when some customers are
    /// worth less than nothing (a share of a total that nets gains against losses is not a
    /// share; `value` still sums each tier).
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
            by_middle_rank(value, bounds)
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
    let shareable = grand > 0.0 && value.iter().all(|&v| v >= 0.0);
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
                value_share: shareable.then(|| total / grand),
            }
        })
        .collect();
    Ok(ValueTiers { tier, summary })
}

/// The tier of each customer under cumulative share `bounds`: each group of equal values by
/// the middle of its ranks, (worth strictly more + half the group) / n, against the bounds.
fn by_middle_rank(value: &[f64], bounds: [f64; 3]) -> Vec<u8> {
    let n = value.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.par_sort_unstable_by(|&a, &b| value[b].total_cmp(&value[a]));
    let mut tier = vec![0u8; n];
    let mut start = 0;
    while start < n {
        let v = value[order[start]];
        let end = start
            + order[start..]
                .iter()
                .take_while(|&&i| value[i] == v)
                .count();
        let middle = (start as f64 + (end - start) as f64 / 2.0) / n as f64;
        let t = bounds.iter().position(|&b| middle < b - 1e-12).unwrap_or(3) as u8;
        for &i in &order[start..end] {
            tier[i] = t;
        }
        start = end;
    }
    tier
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
        // Ten customers; three tied at the top (30 %, six times the 5 % platinum share): their
        // middle rank is 1.5/10 = .15, so they are gold together; then .35, .45 (iron), .55…
        // against the cumulative bounds .05/.20/.50.
        let value = [100.0, 100.0, 100.0, 50.0, 40.0, 30.0, 20.0, 10.0, 5.0, 1.0];
        let t = value_tiers(&value, &TierCuts::Shares([0.05, 0.15, 0.30])).unwrap();
        assert_eq!(t.tier, vec![1, 1, 1, 2, 2, 3, 3, 3, 3, 3]);
        assert_eq!(t.summary[0].customers, 0);
        let total: f64 = value.iter().sum();
        assert!((t.summary[1].value_share.unwrap() - 300.0 / total).abs() < 1e-15);
        let shares: f64 = t.summary.iter().map(|s| s.customer_share).sum();
        assert!((shares - 1.0).abs() < 1e-15);
    }

    #[test]
    fn ties_negative_values_and_no_value_follow_the_documented_rules() {
        // Issue 19: 99 customers at 0 and one worth 10 put 99 % in platinum (nobody worth
        // strictly more than 99 % of them). Their middle rank is (1 + 49.5)/100: lead.
        let mut value = vec![0.0; 100];
        value[7] = 10.0;
        let t = value_tiers(&value, &TierCuts::default()).unwrap();
        let sizes: Vec<usize> = t.summary.iter().map(|s| s.customers).collect();
        assert_eq!(sizes, vec![1, 0, 0, 99]);
        assert_eq!(t.tier[7], 0);
        // Every value 0: no pyramid (all lead) and no share of a zero total (was NaN).
        let t = value_tiers(&[0.0; 10], &TierCuts::default()).unwrap();
        assert_eq!(t.summary[3].customers, 10);
        assert!(t.summary.iter().all(|s| s.value_share.is_none()));
        // One customer worth less than nothing (a share of −99 before): no shares, the sums
        // still there.
        let t = value_tiers(&[100.0, 2.0, -1.0, -100.0], &TierCuts::default()).unwrap();
        assert!(t.summary.iter().all(|s| s.value_share.is_none()));
        assert_eq!(t.summary.iter().map(|s| s.value).sum::<f64>(), 1.0);
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
            // The documented rule by brute force: the middle rank (worth strictly more + half
            // worth the same) / n against the cumulative shares.
            let v: Vec<f64> = values.iter().map(|&x| f64::from(x)).collect();
            let n = v.len() as f64;
            let bounds = [a, a + b, a + b + c];
            let want: Vec<u8> = v
                .iter()
                .map(|x| {
                    let above = v.iter().filter(|y| *y > x).count() as f64;
                    let same = v.iter().filter(|y| *y == x).count() as f64;
                    let middle = (above + same / 2.0) / n;
                    bounds.iter().position(|&b| middle < b - 1e-12).unwrap_or(3) as u8
                })
                .collect();
            let got = value_tiers(&v, &TierCuts::Shares([a, b, c])).unwrap().tier;
            proptest::prop_assert_eq!(got, want);
        }
    }
}
