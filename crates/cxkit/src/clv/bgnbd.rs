//! The BG/NBD model (Fader, Hardie & Lee 2005): purchases at a gamma-mixed Poisson rate while
//! alive, and after each purchase a beta-mixed chance of dropping out.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use statrs::function::gamma::{digamma, ln_gamma};

use super::fit::{
    check_positive, check_repeat_buyers, check_rfm, fit_log_params, map_customers, sum_terms,
    Distinct, FitOptions, FitReport, ScaledTimes,
};
use super::special::hyp2f1;
use crate::{Error, Result};

/// A fitted BG/NBD model: parameters r, α (purchase rate), a, b (dropout), and the fit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BetaGeo {
    /// Shape of the gamma purchase-rate distribution.
    pub r: f64,
    /// Scale of the gamma purchase-rate distribution (in the data's time unit).
    pub alpha: f64,
    /// First shape of the beta dropout distribution.
    pub a: f64,
    /// Second shape of the beta dropout distribution.
    pub b: f64,
    /// How the fit went (None for a model made from given parameters).
    pub fit: Option<FitReport>,
}

model_bytes!(
    BetaGeo,
    8,
    "BG/NBD model",
    [r, alpha, a, b],
    "0.243, 4.414, 0.793, 2.426"
);

/// Log-likelihood of every customer and its gradient in (r, α, a, b).
fn log_likelihood(p: &[f64], x: &[f64], tx: &[f64], t: &[f64], per: &Distinct) -> (f64, Vec<f64>) {
    log_likelihood_memo(p, x, tx, t, per, None, None)
}

/// Customers split for fitting: those with repeat purchases one by one, and those without
/// (x = 0, so tₓ = 0) as (T, how many) — their likelihood depends on T alone.
struct Panel {
    x: Vec<f64>,
    tx: Vec<f64>,
    t: Vec<f64>,
    zeros: Vec<(f64, f64)>,
}

impl Panel {
    fn new(x: &[f64], tx: &[f64], t: &[f64]) -> Panel {
        let mut panel = Panel {
            x: Vec::new(),
            tx: Vec::new(),
            t: Vec::new(),
            zeros: Vec::new(),
        };
        let mut zero_t = Vec::new();
        for i in 0..x.len() {
            if x[i] > 0.0 {
                panel.x.push(x[i]);
                panel.tx.push(tx[i]);
                panel.t.push(t[i]);
            } else {
                zero_t.push(t[i]);
            }
        }
        zero_t.par_sort_unstable_by(|a, b| a.total_cmp(b));
        for group in zero_t.chunk_by(|a, b| a == b) {
            panel.zeros.push((group[0], group.len() as f64));
        }
        panel
    }

    /// Log-likelihood and gradient: Σ over customers without repeats of
    /// count·(r·ln α − r·ln(α + T)), plus every repeat customer's term.
    fn log_likelihood(
        &self,
        p: &[f64],
        per: &Distinct,
        dt: Option<&Distinct>,
        dtx: Option<&Distinct>,
    ) -> (f64, Vec<f64>) {
        let (r, alpha) = (p[0], p[1]);
        let (mut value, mut grad) =
            log_likelihood_memo(p, &self.x, &self.tx, &self.t, per, dt, dtx);
        let ln_alpha = alpha.ln();
        for &(t, count) in &self.zeros {
            let ln_at = (alpha + t).ln();
            value += count * r * (ln_alpha - ln_at);
            grad[0] += count * (ln_alpha - ln_at);
            grad[1] += count * r * (1.0 / alpha - 1.0 / (alpha + t));
        }
        (value, grad)
    }
}

/// (ln(α + τ), 1/(α + τ)) for each distinct τ of a time column.
fn time_terms(alpha: f64, times: Option<&Distinct>) -> Option<Vec<(f64, f64)>> {
    times.map(|d| {
        d.values
            .iter()
            .map(|&v| ((alpha + v).ln(), 1.0 / (alpha + v)))
            .collect()
    })
}

/// [`log_likelihood`] with optional indexes of distinct T and tₓ values, whose logarithms are
/// then computed once per distinct value.
fn log_likelihood_memo(
    p: &[f64],
    x: &[f64],
    tx: &[f64],
    t: &[f64],
    per: &Distinct,
    distinct_t: Option<&Distinct>,
    distinct_tx: Option<&Distinct>,
) -> (f64, Vec<f64>) {
    let (r, alpha, a, b) = (p[0], p[1], p[2], p[3]);
    // Per distinct x: G = lnΓ(r+x) − lnΓ(r) + lnΓ(b+x) − lnΓ(b) + lnΓ(a+b) − lnΓ(a+b+x).
    let terms: Vec<[f64; 5]> = per
        .values
        .iter()
        .map(|&xv| {
            let g = ln_gamma(r + xv) - ln_gamma(r) + ln_gamma(b + xv) - ln_gamma(b)
                + ln_gamma(a + b)
                - ln_gamma(a + b + xv);
            let dr = digamma(r + xv) - digamma(r);
            let da = digamma(a + b) - digamma(a + b + xv);
            let db = digamma(b + xv) - digamma(b) + da;
            // ln(a/(b + x − 1)), the dropout branch's constant (unused when x = 0).
            let branch = if xv > 0.0 {
                a.ln() - (b + xv - 1.0).ln()
            } else {
                0.0
            };
            [g, dr, da, db, branch]
        })
        .collect();
    let ln_alpha = alpha.ln();
    let r_ln_alpha = r * ln_alpha;
    let (t_terms, tx_terms) = (
        time_terms(alpha, distinct_t),
        time_terms(alpha, distinct_tx),
    );
    let lookup = |terms: &Option<Vec<(f64, f64)>>, d: Option<&Distinct>, v: f64, i: usize| match (
        terms, d,
    ) {
        (Some(terms), Some(d)) => terms[d.index[i] as usize],
        _ => ((alpha + v).ln(), 1.0 / (alpha + v)),
    };
    sum_terms(x.len(), 4, &|i, grad| {
        let [g, dr, da, db, branch] = terms[per.index[i] as usize];
        let (xi, rx) = (x[i], r + x[i]);
        let (ln_at, inv_at) = lookup(&t_terms, distinct_t, t[i], i);
        let l1 = -rx * ln_at;
        // ln(e^l1 + e^l2) = l1 + softplus(l2 − l1); w2 = e^l2/(e^l1 + e^l2) = σ(l2 − l1).
        let (lse, w2, ln_ax, inv_ax) = if xi > 0.0 {
            let (ln_ax, inv_ax) = lookup(&tx_terms, distinct_tx, tx[i], i);
            let d = branch - rx * ln_ax - l1;
            let e = (-d.abs()).exp();
            let softplus = d.max(0.0) + e.ln_1p();
            let w2 = if d > 0.0 {
                1.0 / (1.0 + e)
            } else {
                e / (1.0 + e)
            };
            (l1 + softplus, w2, ln_ax, inv_ax)
        } else {
            (l1, 0.0, 0.0, 0.0)
        };
        let w1 = 1.0 - w2;
        grad[0] += dr + ln_alpha - w1 * ln_at - w2 * ln_ax;
        grad[1] += r / alpha - rx * (w1 * inv_at + w2 * inv_ax);
        grad[2] += da + w2 / a;
        if xi > 0.0 {
            grad[3] += db - w2 / (b + xi - 1.0);
        } else {
            grad[3] += db;
        }
        g + r_ln_alpha + lse
    })
}

impl BetaGeo {
    /// A model with given parameters (all positive and finite).
    ///
    /// ```
    /// use cxkit::clv::BetaGeo;
    ///
    /// // The CDNOW estimates of Fader, Hardie & Lee (2005), weeks.
    /// let m = BetaGeo::new(0.243, 4.414, 0.793, 2.426).unwrap();
    /// assert!(m.probability_alive(0.0, 0.0, 38.86).unwrap() == 1.0);
    /// ```
    pub fn new(r: f64, alpha: f64, a: f64, b: f64) -> Result<BetaGeo> {
        check_positive(&[("r", r), ("alpha", alpha), ("a", a), ("b", b)])?;
        Ok(BetaGeo {
            r,
            alpha,
            a,
            b,
            fit: None,
        })
    }

    /// Fits the model by maximum likelihood to each customer's repeat purchases `frequency`
    /// (x), time of the last one `recency` (tₓ) and time observed `t` (T), all in one time
    /// unit. Times are rescaled internally (longest T = 10) for conditioning, as `lifetimes`
    /// does.
    pub fn fit(
        frequency: &[f64],
        recency: &[f64],
        t: &[f64],
        options: &FitOptions,
    ) -> Result<BetaGeo> {
        let scaled = ScaledTimes::new(frequency, recency, t)?;
        check_repeat_buyers("the BG/NBD fit", frequency)?;
        let panel = Panel::new(frequency, &scaled.recency, &scaled.t);
        let per = Distinct::new(&panel.x);
        let (distinct_t, distinct_tx) = (Distinct::if_few(&panel.t), Distinct::if_few(&panel.tx));
        let ll =
            |p: &[f64]| panel.log_likelihood(p, &per, distinct_t.as_ref(), distinct_tx.as_ref());
        let (mut p, mut report) = fit_log_params(
            "the BG/NBD fit",
            &ll,
            &[1.0, 1.0, 1.0, 1.0],
            frequency.len(),
            options,
        )?;
        scaled.unscale(&mut p, &mut report, &[1]);
        let original = Panel::new(frequency, recency, t);
        report.log_likelihood = original
            .log_likelihood(&p, &Distinct::new(&original.x), None, None)
            .0;
        Ok(BetaGeo {
            r: p[0],
            alpha: p[1],
            a: p[2],
            b: p[3],
            fit: Some(report),
        })
    }

    /// Total log-likelihood of observations under this model's parameters.
    pub fn log_likelihood(&self, frequency: &[f64], recency: &[f64], t: &[f64]) -> Result<f64> {
        check_rfm(frequency, recency, t)?;
        let per = Distinct::new(frequency);
        Ok(log_likelihood(
            &[self.r, self.alpha, self.a, self.b],
            frequency,
            recency,
            t,
            &per,
        )
        .0)
    }

    /// P(alive | x, tₓ, T) = 1/(1 + 1{x>0}·a/(b+x−1)·((α+T)/(α+tₓ))^(r+x)).
    pub fn probability_alive(&self, x: f64, tx: f64, t: f64) -> Result<f64> {
        check_rfm(&[x], &[tx], &[t])?;
        Ok(1.0 / (1.0 + self.dead_odds(x, tx, t)))
    }

    /// Expected repeat purchases in the next `horizon` periods of a customer with history
    /// (x, tₓ, T) (FHL 2005, eq. 10).
    pub fn expected_purchases(&self, horizon: f64, x: f64, tx: f64, t: f64) -> Result<f64> {
        check_rfm(&[x], &[tx], &[t])?;
        self.check_a("the conditional expected purchases")?;
        check_horizon(horizon)?;
        Ok(self.if_alive(horizon, x, t)? / (1.0 + self.dead_odds(x, tx, t)))
    }

    /// Eq. 10's numerator: expected purchases in the next `horizon` periods if alive at T.
    fn if_alive(&self, horizon: f64, x: f64, t: f64) -> Result<f64> {
        let (r, alpha, a, b) = (self.r, self.alpha, self.a, self.b);
        let z = horizon / (alpha + t + horizon);
        let f = hyp2f1(r + x, b + x, a + b + x - 1.0, z)?;
        let ln_ratio = (r + x) * ((alpha + t).ln() - (alpha + t + horizon).ln());
        Ok((a + b + x - 1.0) / (a - 1.0) * (1.0 - ln_ratio.exp() * f))
    }

    /// Odds of having dropped out at tₓ rather than being alive at T.
    fn dead_odds(&self, x: f64, tx: f64, t: f64) -> f64 {
        if x > 0.0 {
            (self.a.ln() - (self.b + x - 1.0).ln()
                + (self.r + x) * ((self.alpha + t).ln() - (self.alpha + tx).ln()))
            .exp()
        } else {
            0.0
        }
    }

    /// Expected repeat purchases of a new customer in `horizon` periods (FHL 2005, eq. 9).
    pub fn unconditional_expected_purchases(&self, horizon: f64) -> Result<f64> {
        self.check_a("the expected purchases")?;
        check_horizon(horizon)?;
        let (r, alpha, a, b) = (self.r, self.alpha, self.a, self.b);
        let z = horizon / (alpha + horizon);
        let f = hyp2f1(r, b, a + b - 1.0, z)?;
        Ok((a + b - 1.0) / (a - 1.0) * (1.0 - (alpha / (alpha + horizon)).powf(r) * f))
    }

    /// [`probability_alive`](Self::probability_alive) for every customer.
    pub fn probability_alive_all(&self, x: &[f64], tx: &[f64], t: &[f64]) -> Result<Vec<f64>> {
        map_customers(x, tx, t, &|x, tx, t| self.probability_alive(x, tx, t))
    }

    /// [`expected_purchases`](Self::expected_purchases) for every customer. The
    /// hypergeometric part depends only on (x, T), so it is computed once per distinct pair.
    pub fn expected_purchases_all(
        &self,
        horizon: f64,
        x: &[f64],
        tx: &[f64],
        t: &[f64],
    ) -> Result<Vec<f64>> {
        check_rfm(x, tx, t)?;
        self.check_a("the conditional expected purchases")?;
        check_horizon(horizon)?;
        let mut out = match (Distinct::if_few(x), Distinct::if_few(t)) {
            // Few frequencies and few T (whole periods): a grid of (x, T) cells, filled where
            // a customer needs one, without sorting.
            (Some(dx), Some(dt)) if dx.values.len() * dt.values.len() <= x.len() => {
                let cols = dt.values.len();
                let cell = |i: usize| dx.index[i] as usize * cols + dt.index[i] as usize;
                let mut needed = vec![false; dx.values.len() * cols];
                (0..x.len()).for_each(|i| needed[cell(i)] = true);
                let grid: Vec<Option<Result<f64>>> = needed
                    .par_iter()
                    .enumerate()
                    .map(|(c, &need)| {
                        need.then(|| {
                            self.if_alive(horizon, dx.values[c / cols], dt.values[c % cols])
                        })
                    })
                    .collect();
                let grid: Vec<f64> = grid
                    .into_iter()
                    .map(|v| v.transpose().map(|v| v.unwrap_or(0.0)))
                    .collect::<Result<_>>()?;
                (0..x.len())
                    .into_par_iter()
                    .map(|i| grid[cell(i)])
                    .collect()
            }
            _ => {
                let mut order: Vec<u32> = (0..x.len() as u32).collect();
                let key = |i: u32| (x[i as usize].to_bits(), t[i as usize].to_bits());
                order.par_sort_unstable_by_key(|&i| key(i));
                let groups: Vec<&[u32]> = order.chunk_by(|&i, &j| key(i) == key(j)).collect();
                let mut out = vec![0.0; x.len()];
                let values: Vec<Result<f64>> = groups
                    .par_iter()
                    .map(|g| self.if_alive(horizon, x[g[0] as usize], t[g[0] as usize]))
                    .collect();
                for (g, value) in groups.iter().zip(values) {
                    let value = value?;
                    for &i in g.iter() {
                        out[i as usize] = value;
                    }
                }
                out
            }
        };
        out.par_iter_mut().enumerate().for_each(|(i, v)| {
            *v /= 1.0 + self.dead_odds(x[i], tx[i], t[i]);
        });
        Ok(out)
    }

    fn check_a(&self, what: &str) -> Result<()> {
        if (self.a - 1.0).abs() > 1e-12 {
            Ok(())
        } else {
            Err(Error::InvalidParameter {
                name: "a",
                reason: format!(
                    "{what} has a removable singularity at a = 1; the model has a = {}",
                    self.a
                ),
            })
        }
    }
}

pub(crate) fn check_horizon(horizon: f64) -> Result<()> {
    if horizon.is_finite() && horizon >= 0.0 {
        Ok(())
    } else {
        Err(Error::InvalidParameter {
            name: "t",
            reason: format!("the horizon must be finite and non-negative, got {horizon}"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clv::fit::assert_gradient;

    /// Independent per-customer likelihood straight from FHL (2005) eq. 6, without logs.
    fn likelihood(r: f64, alpha: f64, a: f64, b: f64, x: f64, tx: f64, t: f64) -> f64 {
        use statrs::function::gamma::gamma;
        let beta = |p: f64, q: f64| gamma(p) * gamma(q) / gamma(p + q);
        let common = gamma(r + x) * alpha.powf(r) / gamma(r);
        let first = beta(a, b + x) / beta(a, b) * common / (alpha + t).powf(r + x);
        let second = if x > 0.0 {
            beta(a + 1.0, b + x - 1.0) / beta(a, b) * common / (alpha + tx).powf(r + x)
        } else {
            0.0
        };
        first + second
    }

    #[test]
    fn log_likelihood_matches_the_paper_formula_and_its_gradient_the_differences() {
        let (x, tx, t) = (
            vec![0.0, 2.0, 5.0, 1.0],
            vec![0.0, 30.43, 20.0, 1.5],
            vec![38.86, 38.86, 30.0, 10.0],
        );
        let p = [0.243, 4.414, 0.793, 2.426];
        let per = Distinct::new(&x);
        let (ll, _) = log_likelihood(&p, &x, &tx, &t, &per);
        let direct: f64 = (0..4)
            .map(|i| likelihood(p[0], p[1], p[2], p[3], x[i], tx[i], t[i]).ln())
            .sum();
        assert!((ll - direct).abs() < 1e-9, "{ll} vs {direct}");
        assert_gradient(|q| log_likelihood(q, &x, &tx, &t, &per), p);
    }

    #[test]
    fn grouping_customers_without_repeats_gives_the_same_likelihood() {
        let (x, tx, t) = (
            vec![0.0, 2.0, 0.0, 1.0, 0.0],
            vec![0.0, 30.0, 0.0, 10.0, 0.0],
            vec![52.0, 52.0, 52.0, 40.0, 40.0],
        );
        let p = [0.3, 5.0, 0.9, 2.0];
        let plain = log_likelihood(&p, &x, &tx, &t, &Distinct::new(&x));
        let panel = Panel::new(&x, &tx, &t);
        assert_eq!(panel.zeros, vec![(40.0, 1.0), (52.0, 2.0)]);
        let grouped = panel.log_likelihood(&p, &Distinct::new(&panel.x), None, None);
        assert!((plain.0 - grouped.0).abs() < 1e-12);
        assert!(plain
            .1
            .iter()
            .zip(&grouped.1)
            .all(|(a, b)| (a - b).abs() < 1e-12));
    }

    #[test]
    fn memoised_times_give_the_same_likelihood() {
        let (x, tx, t) = (
            vec![0.0, 2.0, 2.0, 1.0],
            vec![0.0, 30.0, 30.0, 10.0],
            vec![52.0; 4],
        );
        let p = [0.3, 5.0, 0.9, 2.0];
        let per = Distinct::new(&x);
        let (dt, dtx) = (Distinct::new(&t), Distinct::new(&tx));
        let plain = log_likelihood(&p, &x, &tx, &t, &per);
        let memo = log_likelihood_memo(&p, &x, &tx, &t, &per, Some(&dt), Some(&dtx));
        assert!((plain.0 - memo.0).abs() < 1e-12);
        assert!(plain
            .1
            .iter()
            .zip(&memo.1)
            .all(|(a, b)| (a - b).abs() < 1e-12));
    }

    #[test]
    fn cdnow_conditional_expectation() {
        // Fader, Hardie & Lee (2005), CDNOW parameters: a customer with x = 2, tₓ = 30.43,
        // T = 38.86 weeks is expected to make 1.226 purchases in the next 39 weeks.
        let m = BetaGeo::new(0.243, 4.414, 0.793, 2.426).unwrap();
        let e = m.expected_purchases(39.0, 2.0, 30.43, 38.86).unwrap();
        assert!((e - 1.226).abs() < 5e-4, "{e}");
    }

    #[test]
    fn batch_predictions_match_one_at_a_time() {
        // Whole weeks (the grid path) and continuous times (the sorted path).
        let m = BetaGeo::new(0.243, 4.414, 0.793, 2.426).unwrap();
        let n = 400;
        let x: Vec<f64> = (0..n).map(|i| f64::from(i % 5)).collect();
        for continuous in [false, true] {
            let t: Vec<f64> = (0..n)
                .map(|i| {
                    30.0 + f64::from(i % 3) + if continuous { f64::from(i) * 1e-3 } else { 0.0 }
                })
                .collect();
            let tx: Vec<f64> = (0..n as usize)
                .map(|i| if x[i] > 0.0 { t[i] / 2.0 } else { 0.0 })
                .collect();
            let all = m.expected_purchases_all(20.0, &x, &tx, &t).unwrap();
            for i in 0..n as usize {
                let one = m.expected_purchases(20.0, x[i], tx[i], t[i]).unwrap();
                assert!((all[i] - one).abs() < 1e-12, "{continuous} {i}");
            }
        }
    }

    #[test]
    fn p_alive_by_hand() {
        // FHL parameters; x = 2, tₓ = 30.43, T = 38.86:
        // odds = 0.793/3.426 · (43.274/34.844)^2.243 = 0.231465 · 1.62675 = 0.376541 → 0.726456.
        let m = BetaGeo::new(0.243, 4.414, 0.793, 2.426).unwrap();
        let p = m.probability_alive(2.0, 30.43, 38.86).unwrap();
        let odds = 0.793 / 3.426 * (43.274f64 / 34.844).powf(2.243);
        assert!((p - 1.0 / (1.0 + odds)).abs() < 1e-12);
    }
}
