//! The customer value section: lifetime value (BG/NBD and Gamma-Gamma fitted on the
//! transactions), the customer pyramid, CLV by segment, and the finding on the top tier.

use serde::Serialize;

use super::day_range;
use crate::clv::{
    customer_lifetime_value, summarize_transactions, BetaGeo, ClvOptions, FitOptions, GammaGamma,
    Period, SummaryOptions,
};
use crate::data::BankData;
use crate::quantile::quantile;
use crate::report::lang::{Key, Table};
use crate::segment::{value_tiers, TierCuts, TierSummary};
use crate::Result;

/// Customer value: the pyramid and lifetime value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueSection {
    /// The customer pyramid by 12-month CLV.
    pub tiers: Vec<TierSummary>,
    /// CLV deciles (10th … 90th percentile) and the mean.
    pub clv_deciles: Vec<f64>,
    /// Mean CLV.
    pub clv_mean: f64,
    /// Mean CLV per segment.
    pub clv_by_segment: Vec<(String, f64)>,
    /// What the section found.
    pub finding: String,
}

/// What every customer of the transaction log is worth over the report's horizon, by
/// customer code: what the satisfaction section joins the survey's respondents to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CustomerWorth {
    /// Customer codes ([`crate::data::Transactions::customer`]), ascending.
    pub customer: Vec<u64>,
    /// 12-month CLV.
    pub clv: Vec<f64>,
    /// Probability of being alive at the end of the log.
    pub p_alive: Vec<f64>,
    /// Expected purchases over the next 52 weeks.
    pub purchases: Vec<f64>,
}

impl CustomerWorth {
    /// The position of customer `code`, if the log has them.
    pub(crate) fn find(&self, code: u64) -> Option<usize> {
        self.customer.binary_search(&code).ok()
    }
}

/// Weeks in the report's 12-month horizon (for expected purchases; the CLV counts months).
const HORIZON_WEEKS: f64 = 52.0;

/// The customer value section (None without transactions): 12-month CLV of every customer of
/// the log, and what each is worth ([`CustomerWorth`]).
pub(crate) fn value_section(
    bank: &BankData,
    t: &Table,
) -> Result<Option<(ValueSection, CustomerWorth)>> {
    let Some(tx) = &bank.transactions else {
        return Ok(None);
    };
    let ids: Vec<u64> = tx.customer.iter().map(|&c| u64::from(c)).collect();
    let (_, end) = day_range(&tx.day)?;
    let summary = summarize_transactions(
        &ids,
        &tx.day,
        Some(&tx.amount),
        &SummaryOptions {
            period: Period::Week,
            observation_end: end,
            calibration_end: None,
        },
    )?;
    let fit = FitOptions {
        penalizer: 0.001,
        ..FitOptions::default()
    };
    let bg = BetaGeo::fit(&summary.frequency, &summary.recency, &summary.t, &fit)?;
    let gg = GammaGamma::fit(&summary.frequency, &summary.monetary_value, &fit)?;
    // Customers who never bought again keep the population's mean spend.
    let spend: Vec<f64> = summary
        .monetary_value
        .iter()
        .map(|&m| {
            if m > 0.0 {
                m
            } else {
                gg.p * gg.v / (gg.q - 1.0)
            }
        })
        .collect();
    let clv = customer_lifetime_value(
        &bg,
        &gg,
        &summary.frequency,
        &summary.recency,
        &summary.t,
        &spend,
        &ClvOptions {
            horizon_months: 12,
            period: Period::Week,
            discount_rate: 0.01,
        },
    )?;
    let worth = CustomerWorth {
        customer: summary.customer.clone(),
        p_alive: bg.probability_alive_all(&summary.frequency, &summary.recency, &summary.t)?,
        purchases: bg.expected_purchases_all(
            HORIZON_WEEKS,
            &summary.frequency,
            &summary.recency,
            &summary.t,
        )?,
        clv: clv.clone(),
    };
    let tiers = value_tiers(&clv, &TierCuts::default())?;
    let mut sorted = clv.clone();
    sorted.sort_unstable_by(f64::total_cmp);
    let clv_deciles = (1..10)
        .map(|d| quantile(&sorted, f64::from(d) / 10.0).expect("customers"))
        .collect();
    let clv_mean = clv.iter().sum::<f64>() / clv.len() as f64;
    let seg: &[u8] = bank.customers.as_ref().map_or(&[], |c| &c.segment);
    let names: &[String] = if seg.is_empty() { &[] } else { &bank.segments };
    // Segments without customers in the log (or only named elsewhere) have no row.
    let clv_by_segment = names
        .iter()
        .enumerate()
        .filter_map(|(k, name)| {
            let v: Vec<f64> = summary
                .customer
                .iter()
                .zip(&clv)
                .filter(|(c, _)| seg.get(**c as usize).map(|&g| g as usize) == Some(k))
                .map(|(_, v)| *v)
                .collect();
            (!v.is_empty()).then(|| (name.to_string(), v.iter().sum::<f64>() / v.len() as f64))
        })
        .collect();
    let top = &tiers.summary[0];
    Ok(Some((
        ValueSection {
            finding: t.fill(
                Key::value_finding,
                &[
                    ("share", &format!("{:.0}", 100.0 * top.customer_share)),
                    ("tier", t.name(&top.tier)),
                    (
                        "value",
                        &format!("{:.0}", 100.0 * top.value_share.unwrap_or(0.0)),
                    ),
                ],
            ),
            tiers: tiers.summary,
            clv_deciles,
            clv_mean,
            clv_by_segment,
        },
        worth,
    )))
}
