//! Customer lifetime value: discounted expected purchases times expected spend.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::bgnbd::BetaGeo;
use super::fit::check_rfm;
use super::gamma_gamma::GammaGamma;
use super::summary::Period;
use crate::{Error, Result};

/// A model of how many purchases a customer with history (x, tₓ, T) makes in the next t
/// periods.
pub trait TransactionModel: Sync {
    /// Expected purchases in the next `horizon` periods.
    fn expected_purchases(&self, horizon: f64, x: f64, tx: f64, t: f64) -> Result<f64>;
}

impl TransactionModel for BetaGeo {
    fn expected_purchases(&self, horizon: f64, x: f64, tx: f64, t: f64) -> Result<f64> {
        BetaGeo::expected_purchases(self, horizon, x, tx, t)
    }
}

impl TransactionModel for super::pareto::ParetoNbd {
    fn expected_purchases(&self, horizon: f64, x: f64, tx: f64, t: f64) -> Result<f64> {
        super::pareto::ParetoNbd::expected_purchases(self, horizon, x, tx, t)
    }
}

/// Options for [`customer_lifetime_value`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ClvOptions {
    /// Months ahead. Default 12.
    pub horizon_months: u32,
    /// The time unit the models were fitted in. Default weeks.
    pub period: Period,
    /// Monthly discount rate. Default 0.01.
    pub discount_rate: f64,
}

impl Default for ClvOptions {
    fn default() -> Self {
        ClvOptions {
            horizon_months: 12,
            period: Period::Week,
            discount_rate: 0.01,
        }
    }
}

/// Periods per month, as the `lifetimes` package counts them (30 days, 4.345 weeks).
fn periods_per_month(period: Period) -> f64 {
    match period {
        Period::Day => 30.0,
        Period::Week => 4.345,
        Period::Month => 1.0,
    }
}

/// CLV of each customer over `horizon_months` months: Σₖ [E(k) − E(k − 1)]·spend/(1 + d)ᵏ,
/// E(k) the expected purchases in the next k months and spend the Gamma-Gamma expected average
/// value, as `lifetimes`' `customer_lifetime_value` computes it.
///
/// ```
/// use cxkit::clv::{customer_lifetime_value, BetaGeo, ClvOptions, GammaGamma};
///
/// let bg = BetaGeo::new(0.243, 4.414, 0.793, 2.426)?;
/// let gg = GammaGamma::new(6.25, 3.74, 15.44)?;
/// let clv = customer_lifetime_value(&bg, &gg, &[2.0], &[30.43], &[38.86], &[40.0], &ClvOptions::default())?;
/// assert!(clv[0] > 0.0);
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn customer_lifetime_value(
    model: &dyn TransactionModel,
    spend: &GammaGamma,
    frequency: &[f64],
    recency: &[f64],
    t: &[f64],
    monetary_value: &[f64],
    options: &ClvOptions,
) -> Result<Vec<f64>> {
    check_rfm(frequency, recency, t)?;
    if monetary_value.len() != frequency.len() {
        return Err(Error::LengthMismatch {
            what: "monetary values (one per customer)",
            expected: frequency.len(),
            actual: monetary_value.len(),
        });
    }
    if !(options.discount_rate.is_finite() && options.discount_rate > -1.0) {
        return Err(Error::InvalidParameter {
            name: "discount_rate",
            reason: format!("must be finite and above −1, got {}", options.discount_rate),
        });
    }
    let step = periods_per_month(options.period);
    (0..frequency.len())
        .into_par_iter()
        .map(|i| {
            let (x, tx, ti) = (frequency[i], recency[i], t[i]);
            let value = spend.expected_average_value(x, monetary_value[i])?;
            let mut clv = 0.0;
            let mut before = 0.0;
            for k in 1..=options.horizon_months {
                let now = model.expected_purchases(f64::from(k) * step, x, tx, ti)?;
                clv += (now - before) * value / (1.0 + options.discount_rate).powi(k as i32);
                before = now;
            }
            Ok(clv)
        })
        .collect()
}
