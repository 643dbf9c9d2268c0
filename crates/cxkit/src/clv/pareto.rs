//! The Pareto/NBD model (Schmittlein, Morrison & Colombo 1987): purchases at a gamma-mixed
//! Poisson rate λ until an exponential lifetime with a gamma-mixed rate μ ends.
//!
//! The likelihood is written as (Fader & Hardie 2005, "A note on deriving the Pareto/NBD
//! model"):
//!
//! L = Γ(r+x)αʳβˢ/Γ(r) · [(α+T)^−(r+x)(β+T)^−s + s∫ₜₓᵀ (α+τ)^−(r+x)(β+τ)^−(s+1) dτ]
//!
//! which is their closed form with the Gauss hypergeometric function before integrating. The
//! integral and the integrals of its parameter derivatives (the analytic gradient) are
//! computed together by adaptive Gauss–Kronrod quadrature, in a scale that cannot underflow.

use serde::{Deserialize, Serialize};
use statrs::function::gamma::{digamma, ln_gamma};

use super::bgnbd::check_horizon;
use super::fit::{
    check_positive, check_repeat_buyers, check_rfm, fit_log_params, map_customers, sum_terms,
    Distinct, FitOptions, FitReport, ScaledTimes,
};
use super::quadrature::integrate;
use crate::Result;

/// A fitted Pareto/NBD model: r, α (purchase rate), s, β (dropout rate), and the fit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParetoNbd {
    /// Shape of the gamma purchase-rate distribution.
    pub r: f64,
    /// Scale of the gamma purchase-rate distribution (in the data's time unit).
    pub alpha: f64,
    /// Shape of the gamma dropout-rate distribution.
    pub s: f64,
    /// Scale of the gamma dropout-rate distribution (in the data's time unit).
    pub beta: f64,
    /// How the fit went (None for a model made from given parameters).
    pub fit: Option<FitReport>,
}

model_bytes!(
    ParetoNbd,
    9,
    "Pareto/NBD model",
    [r, alpha, s, beta],
    "0.55, 10.58, 0.61, 11.67"
);

/// One customer's likelihood pieces, scaled by e^(−M) with M = −(r+x)ln(α+tₓ) − s·ln(β+tₓ):
/// (alive term, integral, and for each parameter the alive term's and the integral's
/// derivative sums).
struct Pieces {
    scale: f64,
    alive: f64,
    integral: f64,
    d_alive: [f64; 4],
    d_integral: [f64; 4],
}

fn pieces(p: &[f64], x: f64, tx: f64, t: f64) -> Pieces {
    let (r, alpha, s, beta) = (p[0], p[1], p[2], p[3]);
    let rx = r + x;
    let scale = -rx * (alpha + tx).ln() - s * (beta + tx).ln();
    let (la, lb) = ((alpha + t).ln(), (beta + t).ln());
    let alive = (-rx * la - s * lb - scale).exp();
    let d_alive = [-la, -rx / (alpha + t), -lb, -s / (beta + t)];
    let [integral, i_r, i_alpha, i_s, i_beta] = if t > tx {
        integrate(
            &|tau, out: &mut [f64; 5]| {
                let (la, lb) = ((alpha + tau).ln(), (beta + tau).ln());
                let f = (-rx * la - (s + 1.0) * lb - scale).exp();
                *out = [
                    f,
                    -la * f,
                    -rx / (alpha + tau) * f,
                    -lb * f,
                    -(s + 1.0) / (beta + tau) * f,
                ];
            },
            tx,
            t,
            1e-11,
            200,
        )
    } else {
        [0.0; 5]
    };
    Pieces {
        scale,
        alive,
        integral,
        d_alive,
        d_integral: [i_r, i_alpha, i_s, i_beta],
    }
}

/// Log-likelihood of every customer and its gradient in (r, α, s, β).
fn log_likelihood(p: &[f64], x: &[f64], tx: &[f64], t: &[f64], per: &Distinct) -> (f64, Vec<f64>) {
    let (r, alpha, s, beta) = (p[0], p[1], p[2], p[3]);
    let terms: Vec<(f64, f64)> = per
        .values
        .iter()
        .map(|&xv| (ln_gamma(r + xv) - ln_gamma(r), digamma(r + xv) - digamma(r)))
        .collect();
    let constant = r * alpha.ln() + s * beta.ln();
    sum_terms(x.len(), 4, &|i, grad| {
        let (g, dg) = terms[per.index[i] as usize];
        let q = pieces(p, x[i], tx[i], t[i]);
        let total = q.alive + s * q.integral;
        for (k, g) in grad.iter_mut().enumerate() {
            let mut d = q.alive * q.d_alive[k] + s * q.d_integral[k];
            if k == 2 {
                d += q.integral;
            }
            *g += d / total;
        }
        grad[0] += dg + alpha.ln();
        grad[1] += r / alpha;
        grad[2] += beta.ln();
        grad[3] += s / beta;
        g + constant + q.scale + total.ln()
    })
}

impl ParetoNbd {
    /// A model with given parameters (all positive and finite).
    ///
    /// ```
    /// use cxkit::clv::ParetoNbd;
    ///
    /// // Fader & Hardie's CDNOW estimates (weeks).
    /// let m = ParetoNbd::new(0.55, 10.58, 0.61, 11.67).unwrap();
    /// let p = m.probability_alive(2.0, 30.43, 38.86).unwrap();
    /// assert!(p > 0.0 && p < 1.0);
    /// ```
    pub fn new(r: f64, alpha: f64, s: f64, beta: f64) -> Result<ParetoNbd> {
        check_positive(&[("r", r), ("alpha", alpha), ("s", s), ("beta", beta)])?;
        Ok(ParetoNbd {
            r,
            alpha,
            s,
            beta,
            fit: None,
        })
    }

    /// Fits the model by maximum likelihood to (frequency, recency, T) per customer; times are
    /// rescaled internally (longest T = 10), as for [`BetaGeo::fit`](super::BetaGeo::fit).
    pub fn fit(
        frequency: &[f64],
        recency: &[f64],
        t: &[f64],
        options: &FitOptions,
    ) -> Result<ParetoNbd> {
        let scaled = ScaledTimes::new(frequency, recency, t)?;
        check_repeat_buyers("the Pareto/NBD fit", frequency)?;
        let per = Distinct::new(frequency);
        let ll = |p: &[f64]| log_likelihood(p, frequency, &scaled.recency, &scaled.t, &per);
        let (mut params, mut report) = fit_log_params(
            "the Pareto/NBD fit",
            &ll,
            &[1.0, 1.0, 1.0, 1.0],
            frequency.len(),
            options,
        )?;
        scaled.unscale(&mut params, &mut report, &[1, 3]);
        report.log_likelihood = log_likelihood(&params, frequency, recency, t, &per).0;
        Ok(ParetoNbd {
            r: params[0],
            alpha: params[1],
            s: params[2],
            beta: params[3],
            fit: Some(report),
        })
    }

    /// Total log-likelihood of observations under this model's parameters.
    pub fn log_likelihood(&self, frequency: &[f64], recency: &[f64], t: &[f64]) -> Result<f64> {
        check_rfm(frequency, recency, t)?;
        let per = Distinct::new(frequency);
        let p = [self.r, self.alpha, self.s, self.beta];
        Ok(log_likelihood(&p, frequency, recency, t, &per).0)
    }

    /// P(alive | x, tₓ, T): the alive term's share of the likelihood.
    pub fn probability_alive(&self, x: f64, tx: f64, t: f64) -> Result<f64> {
        check_rfm(&[x], &[tx], &[t])?;
        let q = pieces(&[self.r, self.alpha, self.s, self.beta], x, tx, t);
        Ok(q.alive / (q.alive + self.s * q.integral))
    }

    /// Expected purchases in the next `horizon` periods given (x, tₓ, T) (Schmittlein et al.
    /// 1987): P(alive)·(r+x)(β+T)/((α+T)(s−1))·[1 − ((β+T)/(β+T+t))^(s−1)], with its limit
    /// (r+x)/(α+T)·(β+T)·ln(1 + t/(β+T)) at s = 1.
    pub fn expected_purchases(&self, horizon: f64, x: f64, tx: f64, t: f64) -> Result<f64> {
        check_horizon(horizon)?;
        let alive = self.probability_alive(x, tx, t)?;
        let (r, alpha, s, beta) = (self.r, self.alpha, self.s, self.beta);
        let rate = (r + x) / (alpha + t) * (beta + t);
        let ratio = ((beta + t) / (beta + t + horizon)).ln();
        let time = if (s - 1.0).abs() < 1e-10 {
            -ratio
        } else {
            -((s - 1.0) * ratio).exp_m1() / (s - 1.0)
        };
        Ok(alive * rate * time)
    }

    /// Expected purchases of a new customer in `horizon` periods (Schmittlein et al. 1987):
    /// rβ/(α(s−1))·[1 − (β/(β+t))^(s−1)], and rβ/α·ln(1 + t/β) at s = 1.
    ///
    /// ```
    /// use cxkit::clv::ParetoNbd;
    ///
    /// let m = ParetoNbd::new(0.55, 10.58, 0.61, 11.67)?;
    /// let e = m.unconditional_expected_purchases(52.0)?;
    /// let by_hand = 0.55 * 11.67 / (10.58 * -0.39) * (1.0 - (11.67f64 / 63.67).powf(-0.39));
    /// assert!((e - by_hand).abs() < 1e-12);
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn unconditional_expected_purchases(&self, horizon: f64) -> Result<f64> {
        check_horizon(horizon)?;
        let (r, alpha, s, beta) = (self.r, self.alpha, self.s, self.beta);
        let ratio = (beta / (beta + horizon)).ln();
        let time = if (s - 1.0).abs() < 1e-10 {
            -ratio
        } else {
            -((s - 1.0) * ratio).exp_m1() / (s - 1.0)
        };
        Ok(r * beta / alpha * time)
    }

    /// [`probability_alive`](Self::probability_alive) for every customer.
    pub fn probability_alive_all(&self, x: &[f64], tx: &[f64], t: &[f64]) -> Result<Vec<f64>> {
        map_customers(x, tx, t, &|x, tx, t| self.probability_alive(x, tx, t))
    }

    /// [`expected_purchases`](Self::expected_purchases) for every customer.
    pub fn expected_purchases_all(
        &self,
        horizon: f64,
        x: &[f64],
        tx: &[f64],
        t: &[f64],
    ) -> Result<Vec<f64>> {
        map_customers(x, tx, t, &|x, tx, t| {
            self.expected_purchases(horizon, x, tx, t)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clv::fit::assert_gradient;
    use crate::clv::hyp2f1;

    /// Fader & Hardie (2005) closed form: L = Γ(r+x)αʳβˢ/Γ(r)·[1/((α+T)^(r+x)(β+T)ˢ) +
    /// s/(r+s+x)·A₀], A₀ from ₂F₁ on whichever of α, β is larger.
    fn closed_form(r: f64, alpha: f64, s: f64, beta: f64, x: f64, tx: f64, t: f64) -> f64 {
        let rsx = r + s + x;
        let a0 = if alpha >= beta {
            let f = |y: f64| {
                hyp2f1(rsx, s + 1.0, rsx + 1.0, (alpha - beta) / (alpha + y)).unwrap()
                    / (alpha + y).powf(rsx)
            };
            f(tx) - f(t)
        } else {
            let f = |y: f64| {
                hyp2f1(rsx, r + x, rsx + 1.0, (beta - alpha) / (beta + y)).unwrap()
                    / (beta + y).powf(rsx)
            };
            f(tx) - f(t)
        };
        let lead = (ln_gamma(r + x) - ln_gamma(r) + r * alpha.ln() + s * beta.ln()).exp();
        (lead / ((alpha + t).powf(r + x) * (beta + t).powf(s)) + lead * s / rsx * a0).ln()
    }

    #[test]
    fn quadrature_matches_the_hypergeometric_closed_form() {
        let (x, tx, t) = (
            vec![0.0, 2.0, 5.0, 1.0, 12.0],
            vec![0.0, 30.43, 20.0, 1.5, 37.0],
            vec![38.86, 38.86, 30.0, 10.0, 39.0],
        );
        let per = Distinct::new(&x);
        // α ≥ β and α < β: Fader & Hardie's CDNOW estimates and a swapped variant.
        for p in [
            [0.55, 10.58, 0.61, 11.67],
            [0.55, 11.67, 0.61, 10.58],
            [1.3, 2.0, 0.4, 25.0],
        ] {
            let (ll, _) = log_likelihood(&p, &x, &tx, &t, &per);
            let direct: f64 = (0..x.len())
                .map(|i| closed_form(p[0], p[1], p[2], p[3], x[i], tx[i], t[i]))
                .sum();
            assert!(
                (ll - direct).abs() < 1e-8 * direct.abs(),
                "{p:?}: {ll} vs {direct}"
            );
            assert_gradient(|q| log_likelihood(q, &x, &tx, &t, &per), p);
        }
    }

    #[test]
    fn predictions_by_hand() {
        // P(alive) falls as the silence since the last purchase grows, and the expectation is
        // continuous through its s = 1 limit.
        let m = ParetoNbd::new(0.55, 10.58, 0.61, 11.67).unwrap();
        let recent = m.probability_alive(3.0, 38.0, 38.86).unwrap();
        let silent = m.probability_alive(3.0, 5.0, 38.86).unwrap();
        assert!(recent > silent);
        let near_one = ParetoNbd::new(0.55, 10.58, 1.0 + 1e-7, 11.67).unwrap();
        let one = ParetoNbd::new(0.55, 10.58, 1.0, 11.67).unwrap();
        let (a, b) = (
            near_one.expected_purchases(20.0, 2.0, 30.0, 38.0).unwrap(),
            one.expected_purchases(20.0, 2.0, 30.0, 38.0).unwrap(),
        );
        assert!((a - b).abs() < 1e-5 * b, "{a} vs {b}");
    }
}
