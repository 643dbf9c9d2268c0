//! The satisfaction section, "what drives satisfaction and loyalty": the satisfaction-index
//! questionnaire's PLS path model (paths with bootstrap intervals, R², the
//! importance–performance map of the final outcome) and the last link of the chain, the
//! future value of the latest survey wave's customers by NPS group (the value at risk).

use serde::Serialize;

use super::is_demo;
use super::value::CustomerWorth;
use crate::clv::{value_at_risk, ValueAtRisk};
use crate::data::{BankData, SatisfactionSurvey};
use crate::drivers::WEAK_R2;
use crate::names::Named;
use crate::pls::{bootstrap, pls_pm, BootstrapOptions, MissingValues, PlsFit, PlsOptions};
use crate::report::lang::{Key, Table};
use crate::{Error, Result};

/// Resamples behind the significance of the paths in the report.
pub const REPORT_BOOTSTRAP_SAMPLES: usize = 500;
/// Their seed.
pub const REPORT_BOOTSTRAP_SEED: u64 = 0;

/// One structural path with its bootstrap interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChainPath {
    /// The construct it starts at.
    pub from: String,
    /// The construct it ends at.
    pub to: String,
    /// Standardised coefficient.
    pub coefficient: f64,
    /// Lower percentile bound.
    pub ci_low: f64,
    /// Upper percentile bound.
    pub ci_high: f64,
    /// Bootstrap p-value.
    pub p_value: f64,
    /// Whether the interval excludes 0.
    pub significant: bool,
}

/// One construct on the importance–performance map of the target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChainIpma {
    /// The construct.
    pub construct: String,
    /// Unstandardised total effect on the target (points of the target's 0–100 score per
    /// point of this one's).
    pub importance: f64,
    /// Standardised total effect on the target.
    pub total_effect: f64,
    /// Mean score on 0–100.
    pub performance: f64,
    /// Importance–performance quadrant label.
    pub quadrant: String,
}

/// The settings of the path model, so that a notebook can reproduce it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChainSettings {
    /// Inner weighting scheme.
    pub scheme: &'static str,
    /// Missing answers.
    pub nan_policy: &'static str,
    /// Bootstrap resamples.
    pub bootstrap_samples: usize,
    /// Their seed.
    pub seed: u64,
    /// Interval level.
    pub confidence: f64,
    /// Answer scale (min, max) of every item.
    pub scale: (f64, f64),
}

/// The path model of the satisfaction-index questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChainSection {
    /// Respondents.
    pub respondents: usize,
    /// Construct names, in the model's order.
    pub constructs: Vec<String>,
    /// Every path.
    pub paths: Vec<ChainPath>,
    /// R² of every explained construct.
    pub r_squared: Vec<(String, f64)>,
    /// The final outcome the map is drawn for (the model's last construct without successors).
    pub target: String,
    /// Its own performance (0–100).
    pub target_performance: f64,
    /// The constructs with an effect on the target.
    pub ipma: Vec<ChainIpma>,
    /// The lever: of the constructs before the target's main mediator (satisfaction), the
    /// one with the largest importance.
    pub lever: String,
    /// Of the same constructs, the one performing lowest.
    pub weakest: String,
    /// Constructs whose R² is below [`WEAK_R2`].
    pub weak_fit: Vec<String>,
    /// How it was estimated.
    pub settings: ChainSettings,
}

/// Future value of the latest survey wave's respondents by NPS group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueRiskSection {
    /// The wave.
    pub wave: u8,
    /// Its respondents.
    pub respondents: usize,
    /// Those whose customer is in the transaction log (the others have no value to count).
    pub matched: usize,
    /// Value by group, 12-month CLV; P(alive) and expected purchases over 52 weeks.
    pub risk: ValueAtRisk,
}

/// What drives satisfaction and loyalty, and what the detractors are worth.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SatisfactionSection {
    /// The path model (None without a satisfaction questionnaire).
    pub chain: Option<ChainSection>,
    /// The value at risk (None without a survey and a transaction log).
    pub value_at_risk: Option<ValueRiskSection>,
    /// What the section found.
    pub finding: String,
}

/// The satisfaction section: None when the bank has neither a satisfaction questionnaire nor
/// a survey joined to customer value (`worth`).
pub(crate) fn satisfaction_section(
    bank: &BankData,
    worth: Option<&CustomerWorth>,
    confidence: f64,
    t: &Table,
) -> Result<Option<SatisfactionSection>> {
    let chain = match &bank.satisfaction {
        Some(q) => Some(chain(q, confidence)?),
        None => None,
    };
    let value_at_risk = match (worth, &bank.survey) {
        (Some(w), Some(s)) => risk(s, w, confidence)?,
        _ => None,
    };
    if chain.is_none() && value_at_risk.is_none() {
        return Ok(None);
    }
    let demo = is_demo(bank);
    let mut finding = String::new();
    if let Some(c) = &chain {
        finding.push_str(&chain_finding(c, t, demo));
    }
    if let Some(v) = &value_at_risk {
        if let Some(share) = v.risk.share_at_risk {
            finding.push_str(&t.fill(
                Key::risk_finding,
                &[
                    ("share", &format!("{:.0}", 100.0 * share)),
                    ("value", &format!("{:.0}", v.risk.value_at_risk)),
                    ("wave", &v.wave.to_string()),
                ],
            ));
        }
    }
    Ok(Some(SatisfactionSection {
        chain,
        value_at_risk,
        finding: finding.trim().to_string(),
    }))
}

fn chain_finding(c: &ChainSection, t: &Table, demo: bool) -> String {
    let row = |name: &str| c.ipma.iter().find(|r| r.construct == name);
    let (Some(lever), Some(weakest)) = (row(&c.lever), row(&c.weakest)) else {
        return String::new();
    };
    let values = [
        ("lever", t.data_name(&lever.construct, demo)),
        ("target", t.data_name(&c.target, demo)),
        ("effect", &format!("{:.2}", lever.importance)),
        ("performance", &format!("{:.0}", weakest.performance)),
        ("weakest", t.data_name(&weakest.construct, demo)),
    ];
    let mut s = if c.lever == c.weakest {
        t.fill(Key::satisfaction_finding_first, &values)
    } else {
        t.fill(Key::satisfaction_finding_split, &values)
    };
    if !c.weak_fit.is_empty() {
        let names: Vec<&str> = c.weak_fit.iter().map(String::as_str).collect();
        s.push(' ');
        s.push_str(&t.fill(
            Key::satisfaction_weak_fit,
            &[
                ("constructs", &t.list(&names, demo)),
                ("threshold", &format!("{WEAK_R2:.2}")),
            ],
        ));
    }
    s
}

/// The path model of a questionnaire with its bootstrap and its map.
fn chain(q: &SatisfactionSurvey, confidence: f64) -> Result<ChainSection> {
    let k = q.items.len();
    let data = ndarray::ArrayView2::from_shape((q.customer.len(), k), &q.answers).map_err(|e| {
        Error::InvalidParameter {
            name: "bank",
            reason: format!("the satisfaction answers have the wrong size: {e}"),
        }
    })?;
    let options = PlsOptions {
        nan_policy: MissingValues::Mean,
        ..PlsOptions::default()
    };
    let model = &q.model;
    let fit = pls_pm(model, data, &q.items, &options)?;
    let boot = bootstrap(
        model,
        data,
        &q.items,
        &options,
        &BootstrapOptions {
            samples: REPORT_BOOTSTRAP_SAMPLES,
            seed: REPORT_BOOTSTRAP_SEED,
            confidence,
        },
    )?;
    let name = |j: usize| fit.constructs[j].clone();
    let paths = fit
        .paths
        .iter()
        .zip(&boot.paths)
        .map(|(p, b)| ChainPath {
            from: name(p.from),
            to: name(p.to),
            coefficient: p.coefficient,
            ci_low: b.ci_low,
            ci_high: b.ci_high,
            p_value: b.p_value,
            significant: b.ci_low > 0.0 || b.ci_high < 0.0,
        })
        .collect();
    let r_squared: Vec<(String, f64)> = fit
        .r_squared
        .iter()
        .enumerate()
        .filter_map(|(j, r)| r.map(|r| (name(j), r)))
        .collect();
    let weak_fit = r_squared
        .iter()
        .filter(|(_, r)| *r < WEAK_R2)
        .map(|(n, _)| n.clone())
        .collect();
    let target = (0..fit.constructs.len())
        .rev()
        .find(|&j| model.successors(j).is_empty() && !model.predecessors(j).is_empty())
        .ok_or_else(|| Error::InvalidParameter {
            name: "model",
            reason: "the satisfaction model has no explained construct".into(),
        })?;
    let map = fit.ipma(target, &[SatisfactionSurvey::SCALE])?;
    let levers = levers(&fit, model, target);
    let pick = |key: &dyn Fn(&crate::pls::IpmaRow) -> f64| {
        map.rows
            .iter()
            .filter(|r| levers.contains(&r.construct))
            .max_by(|a, b| key(a).total_cmp(&key(b)))
            .map_or_else(String::new, |r| name(r.construct))
    };
    let lever = pick(&|r| r.importance);
    let weakest = pick(&|r| -r.performance);
    let ipma = map
        .rows
        .iter()
        .map(|r| ChainIpma {
            construct: name(r.construct),
            importance: r.importance,
            total_effect: total_effect(&fit, r.construct, target),
            performance: r.performance,
            quadrant: r.quadrant.label().to_string(),
        })
        .collect();
    Ok(ChainSection {
        respondents: fit.n,
        constructs: fit.constructs.clone(),
        paths,
        r_squared,
        target: name(target),
        target_performance: map.target_performance,
        ipma,
        lever,
        weakest,
        weak_fit,
        settings: ChainSettings {
            scheme: options.scheme.as_str(),
            nan_policy: options.nan_policy.as_str(),
            bootstrap_samples: REPORT_BOOTSTRAP_SAMPLES,
            seed: REPORT_BOOTSTRAP_SEED,
            confidence,
            scale: SatisfactionSurvey::SCALE,
        },
    })
}

/// The total effect of construct `from` on `to` (0 where `from` does not reach `to`).
fn total_effect(fit: &PlsFit, from: usize, to: usize) -> f64 {
    fit.effects
        .iter()
        .find(|e| e.from == from && e.to == to)
        .map_or(0.0, |e| e.total)
}

/// The constructs a bank can act on for `target`: those before the target's main mediator
/// (its predecessor with the largest total effect on it, satisfaction in a satisfaction
/// index), or every construct with an effect on the target when that mediator has none
/// before it.
fn levers(fit: &PlsFit, model: &crate::pls::PlsModel, target: usize) -> Vec<usize> {
    let reaching = |to: usize| -> Vec<usize> {
        fit.effects
            .iter()
            .filter(|e| e.to == to && e.total != 0.0)
            .map(|e| e.from)
            .collect()
    };
    let total = |from: usize| total_effect(fit, from, target).abs();
    let mediator = model
        .predecessors(target)
        .iter()
        .copied()
        .max_by(|&a, &b| total(a).total_cmp(&total(b)));
    match mediator.map(reaching) {
        Some(before) if !before.is_empty() => before,
        _ => reaching(target),
    }
}

/// Value at risk of the latest wave, its respondents joined to the log by customer code
/// (None when no respondent's customer is in the log).
fn risk(
    s: &crate::data::SurveyWaves,
    w: &CustomerWorth,
    confidence: f64,
) -> Result<Option<ValueRiskSection>> {
    let Some(&wave) = s.wave.iter().max() else {
        return Ok(None);
    };
    let (mut scores, mut value, mut alive, mut purchases) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut respondents = 0;
    for ((&v, &c), &ltr) in s.wave.iter().zip(&s.customer).zip(&s.ltr) {
        if v != wave {
            continue;
        }
        respondents += 1;
        if let Some(i) = w.find(u64::from(c)) {
            scores.push(ltr);
            value.push(w.clv[i]);
            alive.push(w.p_alive[i]);
            purchases.push(w.purchases[i]);
        }
    }
    if scores.is_empty() {
        return Ok(None);
    }
    Ok(Some(ValueRiskSection {
        wave,
        respondents,
        matched: scores.len(),
        risk: value_at_risk(&scores, &value, Some(&alive), Some(&purchases), confidence)?,
    }))
}
