//! What customers say, joined to what they are worth: their future value by NPS group, and
//! the share of it held by detractors (the value at risk).

use serde::{Deserialize, Serialize};

use crate::distribution::welch;
use crate::error::check_confidence;
use crate::scale::{Located, Scale, Score};
use crate::{Error, Result};

/// A respondent's NPS group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NpsGroup {
    /// 0 to 6.
    Detractor,
    /// 7 or 8.
    Passive,
    /// 9 or 10.
    Promoter,
}

crate::names::named!(NpsGroup, "group", [Detractor => "detractor", Passive => "passive", Promoter => "promoter"]);

impl NpsGroup {
    /// The three groups, detractors first.
    pub const ALL: [NpsGroup; 3] = [NpsGroup::Detractor, NpsGroup::Passive, NpsGroup::Promoter];

    /// The group of a 0–10 likelihood-to-recommend point.
    pub fn of(point: usize) -> NpsGroup {
        match point {
            0..=6 => NpsGroup::Detractor,
            7 | 8 => NpsGroup::Passive,
            _ => NpsGroup::Promoter,
        }
    }
}

/// One NPS group's customers and their worth.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupWorth {
    /// The group.
    pub group: NpsGroup,
    /// Respondents in it.
    pub customers: usize,
    /// Their total future value.
    pub value_total: f64,
    /// Their mean future value (None for an empty group).
    pub value_mean: Option<f64>,
    /// Their share of all respondents' future value (None when the total is not positive or
    /// some value is negative: a share of gains netted against losses is not a share).
    pub value_share: Option<f64>,
    /// Their mean probability of being alive, when given.
    pub p_alive_mean: Option<f64>,
    /// Their mean expected purchases, when given.
    pub purchases_mean: Option<f64>,
}

/// Promoters' mean minus detractors', with Welch's interval and two-sided p-value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GroupGap {
    /// Promoters' mean.
    pub promoters: f64,
    /// Detractors' mean.
    pub detractors: f64,
    /// promoters − detractors.
    pub difference: f64,
    /// Lower bound of the difference.
    pub ci_low: f64,
    /// Upper bound.
    pub ci_high: f64,
    /// Welch's two-sided p-value.
    pub p_value: f64,
}

/// Future value by NPS group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValueAtRisk {
    /// Detractors, passives, promoters.
    pub groups: Vec<GroupWorth>,
    /// The detractors' total future value.
    pub value_at_risk: f64,
    /// The detractors' share of the respondents' future value (as `GroupWorth::value_share`).
    pub share_at_risk: Option<f64>,
    /// P(alive) of promoters against detractors (None without P(alive), or with fewer than
    /// two of either, or no variance).
    pub p_alive_gap: Option<GroupGap>,
    /// Expected purchases of promoters against detractors (as `p_alive_gap`).
    pub purchases_gap: Option<GroupGap>,
}

fn check_values(v: &[f64], n: usize, what: &'static str) -> Result<()> {
    if v.len() != n {
        return Err(Error::LengthMismatch {
            what,
            expected: n,
            actual: v.len(),
        });
    }
    if let Some(i) = v.iter().position(|x| !x.is_finite()) {
        return Err(Error::InvalidParameter {
            name: what,
            reason: format!("value {} of respondent {i} is not a finite number", v[i]),
        });
    }
    Ok(())
}

/// Splits respondents by their NPS group (`scores`, 0–10) and sums their customers' future
/// `value` (expected value over a horizon, e.g. 12-month CLV), with mean P(alive) and
/// expected purchases when given: the value at risk is the detractors' total, and the gaps
/// say whether promoters are likelier to stay and buy more (Welch's test). Row i of every
/// input is one respondent's customer: join by customer id before (the report and the
/// bindings do, and say how many ids matched).
///
/// # Errors
/// [`Error::EmptyInput`] without respondents; [`Error::InvalidScore`] /
/// [`Error::MissingScore`] for a score that is not 0–10; [`Error::LengthMismatch`] and
/// [`Error::InvalidParameter`] for inputs of another length or with a non-finite value;
/// a confidence outside (0, 1).
///
/// ```
/// use cxkit::clv::value_at_risk;
///
/// let scores = [10u8, 9, 3, 6, 8];
/// let value = [500.0, 300.0, 100.0, 100.0, 0.0];
/// let r = value_at_risk(&scores, &value, None, None, 0.95)?;
/// assert_eq!(r.value_at_risk, 200.0);
/// assert_eq!(r.share_at_risk, Some(0.2));
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn value_at_risk<S: Score>(
    scores: &[S],
    value: &[f64],
    p_alive: Option<&[f64]>,
    purchases: Option<&[f64]>,
    confidence: f64,
) -> Result<ValueAtRisk> {
    check_confidence(confidence)?;
    let n = scores.len();
    if n == 0 {
        return Err(Error::EmptyInput {
            what: "respondents",
        });
    }
    check_values(value, n, "value (one per respondent)")?;
    if let Some(p) = p_alive {
        check_values(p, n, "p_alive (one per respondent)")?;
    }
    if let Some(p) = purchases {
        check_values(p, n, "purchases (one per respondent)")?;
    }
    let groups: Vec<NpsGroup> = scores
        .iter()
        .enumerate()
        .map(|(index, &s)| match s.locate(Scale::NPS) {
            Located::Point(p) => Ok(NpsGroup::of(p)),
            Located::Missing => Err(Error::MissingScore { index }),
            Located::Invalid => Err(Error::InvalidScore {
                index,
                value: s.to_f64(),
                scale: Scale::NPS,
            }),
        })
        .collect::<Result<_>>()?;
    let total: f64 = value.iter().sum();
    let shares = total > 0.0 && value.iter().all(|v| *v >= 0.0);
    let of = |g: NpsGroup, v: &[f64]| -> Vec<f64> {
        groups
            .iter()
            .zip(v)
            .filter(|(x, _)| **x == g)
            .map(|(_, v)| *v)
            .collect()
    };
    let mean = |v: &[f64]| (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64);
    let worth: Vec<GroupWorth> = NpsGroup::ALL
        .iter()
        .map(|&g| {
            let v = of(g, value);
            let sum: f64 = v.iter().sum();
            GroupWorth {
                group: g,
                customers: v.len(),
                value_total: sum,
                value_mean: mean(&v),
                value_share: shares.then(|| sum / total),
                p_alive_mean: p_alive.and_then(|p| mean(&of(g, p))),
                purchases_mean: purchases.and_then(|p| mean(&of(g, p))),
            }
        })
        .collect();
    let gap = |v: Option<&[f64]>| {
        let v = v?;
        let (promoters, detractors, difference, ci_low, ci_high, p_value) = welch(
            &of(NpsGroup::Promoter, v),
            &of(NpsGroup::Detractor, v),
            confidence,
        )?;
        Some(GroupGap {
            promoters,
            detractors,
            difference,
            ci_low,
            ci_high,
            p_value,
        })
    };
    Ok(ValueAtRisk {
        value_at_risk: worth[0].value_total,
        share_at_risk: worth[0].value_share,
        groups: worth,
        p_alive_gap: gap(p_alive),
        purchases_gap: gap(purchases),
    })
}
