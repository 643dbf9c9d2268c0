//! The Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"): each customer's
//! transaction values are gamma(p, ν) with ν ~ gamma(q, v) across customers.

use serde::{Deserialize, Serialize};
use statrs::function::gamma::{digamma, ln_gamma};

use super::fit::{check_positive, fit_log_params, sum_terms, Distinct, FitOptions, FitReport};
use crate::{Error, Result};

/// A fitted Gamma-Gamma model: parameters p, q, v, and the fit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GammaGamma {
    /// Shape of each transaction value's gamma distribution.
    pub p: f64,
    /// Shape of the gamma distribution of ν across customers.
    pub q: f64,
    /// Scale of the gamma distribution of ν across customers.
    pub v: f64,
    /// How the fit went (None for a model made from given parameters).
    pub fit: Option<FitReport>,
}

model_bytes!(
    GammaGamma,
    10,
    "Gamma-Gamma model",
    [p, q, v],
    "6.25, 3.74, 15.44"
);

/// Checks (frequency, monetary value) pairs and keeps the customers with repeat purchases.
fn repeat_customers(frequency: &[f64], monetary_value: &[f64]) -> Result<(Vec<f64>, Vec<f64>)> {
    if monetary_value.len() != frequency.len() {
        return Err(Error::LengthMismatch {
            what: "monetary values (one per customer)",
            expected: frequency.len(),
            actual: monetary_value.len(),
        });
    }
    let (mut x, mut m) = (Vec::new(), Vec::new());
    for (i, (&xi, &mi)) in frequency.iter().zip(monetary_value).enumerate() {
        if !(xi.is_finite() && xi >= 0.0 && mi.is_finite()) || mi < 0.0 {
            return Err(Error::InvalidObservation {
                index: i,
                reason: format!(
                    "frequency {xi} and monetary value {mi} must be finite and non-negative"
                ),
            });
        }
        if xi > 0.0 {
            if mi == 0.0 {
                return Err(Error::InvalidObservation {
                    index: i,
                    reason: format!("{xi} repeat purchases with a mean value of 0; the Gamma-Gamma model needs positive spend"),
                });
            }
            x.push(xi);
            m.push(mi);
        }
    }
    if x.is_empty() {
        return Err(Error::EmptyInput {
            what: "customers with repeat purchases (frequency > 0)",
        });
    }
    Ok((x, m))
}

/// Repeat customers' frequencies and mean values, with what the likelihood needs of them
/// that does not depend on the parameters.
struct Spend {
    x: Vec<f64>,
    m: Vec<f64>,
    ln_m: Vec<f64>,
    per: Distinct,
}

impl Spend {
    fn new(x: Vec<f64>, m: Vec<f64>) -> Spend {
        let ln_m = m.iter().map(|v| v.ln()).collect();
        let per = Distinct::new(&x);
        Spend { x, m, ln_m, per }
    }
}

/// Log-likelihood and gradient in (p, q, v).
fn log_likelihood(params: &[f64], data: &Spend) -> (f64, Vec<f64>) {
    let (p, q, v) = (params[0], params[1], params[2]);
    let (ln_q, ln_v, psi_q) = (ln_gamma(q), v.ln(), digamma(q));
    // Per distinct x: lnΓ(px + q) − lnΓ(px) + px·ln x, ψ(px + q), and ψ(px + q) − ψ(px) + ln x.
    let terms: Vec<[f64; 3]> = data
        .per
        .values
        .iter()
        .map(|&x| {
            let px = p * x;
            let psi = digamma(px + q);
            [
                ln_gamma(px + q) - ln_gamma(px) + px * x.ln(),
                psi,
                psi - digamma(px) + x.ln(),
            ]
        })
        .collect();
    sum_terms(data.x.len(), 3, &|i, grad| {
        let [g, psi_pxq, dp] = terms[data.per.index[i] as usize];
        let (xi, ln_m) = (data.x[i], data.ln_m[i]);
        let px = p * xi;
        let xm_v = xi * data.m[i] + v;
        let ln_xm_v = xm_v.ln();
        grad[0] += xi * (dp + ln_m - ln_xm_v);
        grad[1] += psi_pxq - psi_q + ln_v - ln_xm_v;
        grad[2] += q / v - (px + q) / xm_v;
        g - ln_q + q * ln_v + (px - 1.0) * ln_m - (px + q) * ln_xm_v
    })
}

impl GammaGamma {
    /// A model with given parameters (all positive and finite).
    pub fn new(p: f64, q: f64, v: f64) -> Result<GammaGamma> {
        check_positive(&[("p", p), ("q", q), ("v", v)])?;
        Ok(GammaGamma { p, q, v, fit: None })
    }

    /// Fits the model to the customers with repeat purchases (frequency > 0) and the mean
    /// value of those purchases; customers without repeats are skipped.
    ///
    /// ```
    /// use cxkit::clv::{FitOptions, GammaGamma};
    ///
    /// // 300 customers with 1 to 6 repeat purchases whose mean values differ from customer to
    /// // customer (10 to 50), and one customer without repeats (skipped).
    /// let mut x: Vec<f64> = (0..300).map(|i| f64::from(1 + i % 6)).collect();
    /// let mut m: Vec<f64> = (0..300).map(|i| 30.0 + 20.0 * (f64::from(i) * 0.37).sin()).collect();
    /// x.push(0.0);
    /// m.push(0.0);
    /// let gg = GammaGamma::fit(&x, &m, &FitOptions::default())?;
    /// assert_eq!(gg.fit.as_ref().unwrap().customers, 300);
    /// assert!(gg.q > 1.0);
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn fit(
        frequency: &[f64],
        monetary_value: &[f64],
        options: &FitOptions,
    ) -> Result<GammaGamma> {
        let (x, m) = repeat_customers(frequency, monetary_value)?;
        let data = Spend::new(x, m);
        let ll = |params: &[f64]| log_likelihood(params, &data);
        let (p, report) = fit_log_params(
            "the Gamma-Gamma fit",
            &ll,
            &[1.0, 1.0, 1.0],
            data.x.len(),
            options,
        )?;
        Ok(GammaGamma {
            p: p[0],
            q: p[1],
            v: p[2],
            fit: Some(report),
        })
    }

    /// Total log-likelihood of (frequency, monetary value) pairs with frequency > 0.
    pub fn log_likelihood(&self, frequency: &[f64], monetary_value: &[f64]) -> Result<f64> {
        let (x, m) = repeat_customers(frequency, monetary_value)?;
        Ok(log_likelihood(&[self.p, self.q, self.v], &Spend::new(x, m)).0)
    }

    /// E[M | x, m̄] = (1 − w)·p·v/(q − 1) + w·m̄ with w = px/(px + q − 1): a customer's expected
    /// mean transaction value (the population mean p·v/(q − 1) when x = 0). Needs q > 1.
    ///
    /// ```
    /// use cxkit::clv::GammaGamma;
    ///
    /// // FHL's CDNOW spend estimates p = 6.25, q = 3.74, v = 15.44: population mean
    /// // 6.25·15.44/2.74 = 35.22.
    /// let gg = GammaGamma::new(6.25, 3.74, 15.44)?;
    /// assert!((gg.expected_average_value(0.0, 0.0)? - 35.2190).abs() < 1e-3);
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn expected_average_value(&self, frequency: f64, monetary_value: f64) -> Result<f64> {
        if self.q <= 1.0 {
            return Err(Error::InvalidParameter {
                name: "q",
                reason: format!(
                    "the expected spend is infinite for q ≤ 1 (the model has q = {}); refit with more data or a penalizer",
                    self.q
                ),
            });
        }
        if !(frequency.is_finite()
            && frequency >= 0.0
            && monetary_value.is_finite()
            && monetary_value >= 0.0)
        {
            return Err(Error::InvalidParameter {
                name: "monetary_value",
                reason: format!("frequency {frequency} and monetary value {monetary_value} must be finite and non-negative"),
            });
        }
        let population = self.p * self.v / (self.q - 1.0);
        let px = self.p * frequency;
        let w = px / (px + self.q - 1.0);
        Ok((1.0 - w) * population + w * monetary_value)
    }
}

impl GammaGamma {
    /// [`expected_average_value`](Self::expected_average_value) for every customer.
    pub fn expected_average_values(
        &self,
        frequency: &[f64],
        monetary_value: &[f64],
    ) -> Result<Vec<f64>> {
        if monetary_value.len() != frequency.len() {
            return Err(Error::LengthMismatch {
                what: "monetary values (one per customer)",
                expected: frequency.len(),
                actual: monetary_value.len(),
            });
        }
        frequency
            .iter()
            .zip(monetary_value)
            .map(|(&x, &m)| self.expected_average_value(x, m))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_likelihood_matches_its_definition_and_gradient_the_differences() {
        // Independent: the Gamma-Gamma marginal of x purchases averaging m̄ (FHL 2005b, eq. 3):
        // Γ(px+q)/(Γ(px)Γ(q)) · v^q m̄^(px−1) x^(px) / (v + x m̄)^(px+q).
        use statrs::function::gamma::gamma;
        let (x, m) = (vec![1.0, 3.0, 2.0], vec![20.0, 35.5, 12.0]);
        let p = [6.25, 3.74, 15.44];
        let data = Spend::new(x.clone(), m.clone());
        let (ll, grad) = log_likelihood(&p, &data);
        let direct: f64 = x
            .iter()
            .zip(&m)
            .map(|(&xi, &mi)| {
                let px = p[0] * xi;
                (gamma(px + p[1]) / (gamma(px) * gamma(p[1]))
                    * p[2].powf(p[1])
                    * mi.powf(px - 1.0)
                    * xi.powf(px)
                    / (p[2] + xi * mi).powf(px + p[1]))
                .ln()
            })
            .sum();
        assert!((ll - direct).abs() < 1e-9, "{ll} vs {direct}");
        for k in 0..3 {
            let h = 1e-6 * p[k];
            let (mut up, mut down) = (p, p);
            up[k] += h;
            down[k] -= h;
            let numeric =
                (log_likelihood(&up, &data).0 - log_likelihood(&down, &data).0) / (2.0 * h);
            assert!((grad[k] - numeric).abs() < 1e-5 * (1.0 + numeric.abs()));
        }
    }

    #[test]
    fn expected_value_shrinks_towards_the_population_mean() {
        // w = 6.25·2/(12.5 + 2.74) = 0.820210; E = 0.179790·35.2190 + 0.820210·50 = 47.3426.
        let gg = GammaGamma::new(6.25, 3.74, 15.44).unwrap();
        let e = gg.expected_average_value(2.0, 50.0).unwrap();
        let w = 12.5 / (12.5 + 2.74);
        assert!((e - ((1.0 - w) * 6.25 * 15.44 / 2.74 + w * 50.0)).abs() < 1e-12);
        let heavy = GammaGamma::new(1.0, 0.9, 10.0).unwrap();
        assert!(matches!(
            heavy.expected_average_value(1.0, 5.0),
            Err(Error::InvalidParameter { name: "q", .. })
        ));
    }

    #[test]
    fn bad_spend() {
        let o = FitOptions::default();
        assert!(matches!(
            GammaGamma::fit(&[1.0], &[-3.0], &o),
            Err(Error::InvalidObservation { .. })
        ));
        assert!(matches!(
            GammaGamma::fit(&[2.0], &[0.0], &o),
            Err(Error::InvalidObservation { .. })
        ));
        assert!(matches!(
            GammaGamma::fit(&[0.0], &[0.0], &o),
            Err(Error::EmptyInput { .. })
        ));
    }
}
