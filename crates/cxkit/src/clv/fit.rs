//! What every buy-till-you-die fit shares: options, the report, input checks, parallel sums.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::optimize::{hessian, inverse_positive_definite, minimize, Objective};
use crate::error::check_lengths;
use crate::{Error, Result};

/// Customers per parallel chunk of a log-likelihood sum.
const CHUNK: usize = 16_384;

/// Options of a maximum-likelihood fit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FitOptions {
    /// L2 penalty λ: the fit minimises −LL/n + λ·Σ parameter² (as `lifetimes` does). Default 0.
    pub penalizer: f64,
    /// Most quasi-Newton iterations. Default 200.
    pub max_iterations: usize,
    /// Converged when every component of the gradient of −LL/n with respect to the
    /// log-parameters is below this. Default 1e-7.
    pub tolerance: f64,
}

impl Default for FitOptions {
    fn default() -> Self {
        FitOptions {
            penalizer: 0.0,
            max_iterations: 200,
            tolerance: 1e-7,
        }
    }
}

/// How a fit went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FitReport {
    /// Log-likelihood of the data at the fitted parameters (without the penalty).
    pub log_likelihood: f64,
    /// Quasi-Newton iterations.
    pub iterations: usize,
    /// Whether the gradient tolerance was met: always true, since every model follows one
    /// rule — a fit that stops short of the tolerance (at `max_iterations`, or where no step
    /// improves the likelihood) is [`Error::DidNotConverge`], never a model.
    pub converged: bool,
    /// Standard errors of the parameters, in their order, from the inverse Hessian of the
    /// (penalised) negative log-likelihood at the maximum. Always present after a fit: a fit
    /// whose Hessian is not positive definite has no interior maximum and is an error.
    pub standard_errors: Option<Vec<f64>>,
    /// Customers the model was fitted on.
    pub customers: usize,
}

impl FitOptions {
    pub(crate) fn check(&self) -> Result<()> {
        if !(self.penalizer.is_finite() && self.penalizer >= 0.0) {
            return Err(Error::InvalidParameter {
                name: "penalizer",
                reason: format!("must be finite and non-negative, got {}", self.penalizer),
            });
        }
        if self.tolerance.is_nan() || self.tolerance <= 0.0 {
            return Err(Error::InvalidParameter {
                name: "tolerance",
                reason: format!("must be positive, got {}", self.tolerance),
            });
        }
        Ok(())
    }
}

/// Checks (frequency, recency, T) observations: equal lengths, not empty, finite, x ≥ 0,
/// 0 ≤ tₓ ≤ T, and tₓ = 0 when x = 0.
pub(crate) fn check_rfm(x: &[f64], tx: &[f64], t: &[f64]) -> Result<()> {
    check_lengths(
        x.len(),
        &[
            ("recency (one per customer)", tx.len()),
            ("T (one per customer)", t.len()),
        ],
    )?;
    if x.is_empty() {
        return Err(Error::EmptyInput { what: "customers" });
    }
    let bad = (0..x.len()).into_par_iter().find_first(|&i| {
        let (xi, ri, ti) = (x[i], tx[i], t[i]);
        !(xi.is_finite() && ri.is_finite() && ti.is_finite())
            || xi < 0.0
            || ri < 0.0
            || ri > ti
            || (xi == 0.0 && ri > 0.0)
    });
    if let Some(i) = bad {
        let (xi, ri, ti) = (x[i], tx[i], t[i]);
        let reason = if !(xi.is_finite() && ri.is_finite() && ti.is_finite()) {
            format!("frequency {xi}, recency {ri}, T {ti} must all be finite")
        } else if xi < 0.0 {
            format!("frequency {xi} is negative")
        } else if ri < 0.0 {
            format!("recency {ri} is negative")
        } else if ri > ti {
            format!("recency {ri} is after T {ti}")
        } else {
            format!("recency {ri} must be 0 when frequency is 0")
        };
        return Err(Error::InvalidObservation { index: i, reason });
    }
    Ok(())
}

/// Errors unless some customer made a repeat purchase: without one, the likelihood of a
/// buy-till-you-die model has no interior maximum (the purchase rate runs to zero), whatever
/// the optimiser reports.
pub(crate) fn check_repeat_buyers(what: &'static str, frequency: &[f64]) -> Result<()> {
    if frequency.iter().any(|&x| x > 0.0) {
        Ok(())
    } else {
        Err(Error::DidNotConverge {
            what,
            iterations: 0,
            reason: format!(
                "the likelihood has no interior maximum: none of the {} customers bought again \
                 (every frequency is 0), so the purchase rate runs to zero",
                frequency.len()
            ),
        })
    }
}

/// Σ over customers of `term(i)` (a value and a gradient of length `n`), in parallel chunks
/// added up in order: the same sums on any number of threads.
pub(crate) fn sum_terms(
    customers: usize,
    n: usize,
    term: &(dyn Fn(usize, &mut [f64]) -> f64 + Sync),
) -> (f64, Vec<f64>) {
    let starts: Vec<usize> = (0..customers).step_by(CHUNK).collect();
    let parts: Vec<(f64, Vec<f64>)> = starts
        .par_iter()
        .map(|&lo| {
            let mut grad = vec![0.0; n];
            let mut value = 0.0;
            for i in lo..(lo + CHUNK).min(customers) {
                value += term(i, &mut grad);
            }
            (value, grad)
        })
        .collect();
    let mut grad = vec![0.0; n];
    let mut value = 0.0;
    for (v, g) in parts {
        value += v;
        grad.iter_mut().zip(g).for_each(|(a, b)| *a += b);
    }
    (value, grad)
}

/// Fits by maximum likelihood over log-parameters. `ll(params)` gives the log-likelihood and
/// its gradient in natural parameters over `customers` customers. Returns the parameters and
/// the report; errors when the optimum is not finite.
pub(crate) fn fit_log_params(
    what: &'static str,
    ll: &Objective<'_>,
    start: &[f64],
    customers: usize,
    options: &FitOptions,
) -> Result<(Vec<f64>, FitReport)> {
    options.check()?;
    let n = customers as f64;
    let objective = |theta: &[f64]| {
        let p: Vec<f64> = theta.iter().map(|t| t.exp()).collect();
        if p.iter().any(|v| !v.is_finite() || *v <= 0.0) {
            return (f64::INFINITY, vec![f64::NAN; p.len()]);
        }
        let (value, grad) = ll(&p);
        let penalty: f64 = p.iter().map(|v| v * v).sum::<f64>() * options.penalizer;
        let g = grad
            .iter()
            .zip(&p)
            .map(|(g, p)| -g * p / n + 2.0 * options.penalizer * p * p)
            .collect();
        (-value / n + penalty, g)
    };
    let start: Vec<f64> = start.iter().map(|v| v.ln()).collect();
    let (f0, _) = objective(&start);
    if !f0.is_finite() {
        return Err(Error::InvalidParameter {
            name: what,
            reason: "the log-likelihood is not finite at the starting values".into(),
        });
    }
    let m = minimize(&objective, start, options.max_iterations, options.tolerance);
    let params: Vec<f64> = m.x.iter().map(|t| t.exp()).collect();
    if !m.f.is_finite() || params.iter().any(|p| !p.is_finite()) {
        return Err(Error::DidNotConverge {
            what,
            iterations: m.iterations,
            reason: "the parameters or the log-likelihood became non-finite".into(),
        });
    }
    if !m.converged {
        return Err(Error::DidNotConverge {
            what,
            iterations: m.iterations,
            reason: format!(
                "the largest gradient component was still {:.2e} (tolerance {:.0e}) after {} \
                 iterations; raise max_iterations, or check the data",
                m.gradient, options.tolerance, m.iterations
            ),
        });
    }
    let (log_likelihood, _) = ll(&params);
    // The penalised objective's Hessian in natural parameters: a usable maximum is a strict
    // one, where it is positive definite (the likelihood curves down in every direction).
    let penalty = 2.0 * options.penalizer * n;
    let gradient = |p: &[f64]| -> Vec<f64> {
        ll(p)
            .1
            .iter()
            .zip(p)
            .map(|(g, v)| -g + penalty * v)
            .collect()
    };
    let Some(inverse) = inverse_positive_definite(&hessian(&gradient, &params), params.len())
    else {
        return Err(Error::DidNotConverge {
            what,
            iterations: m.iterations,
            reason: format!(
                "the likelihood has no interior maximum (the parameters ran to {}); the data may \
                 hold too few repeat purchases, or a penalizer may help",
                params
                    .iter()
                    .map(|p| format!("{p:.3e}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    };
    let standard_errors = Some(
        (0..params.len())
            .map(|i| inverse[i * params.len() + i].sqrt())
            .collect(),
    );
    Ok((
        params,
        FitReport {
            log_likelihood,
            iterations: m.iterations,
            converged: m.converged,
            standard_errors,
            customers,
        },
    ))
}

/// `f(x, tₓ, T)` for every customer, in parallel, after checking the histories once.
pub(crate) fn map_customers(
    x: &[f64],
    tx: &[f64],
    t: &[f64],
    f: &(dyn Fn(f64, f64, f64) -> Result<f64> + Sync),
) -> Result<Vec<f64>> {
    check_rfm(x, tx, t)?;
    (0..x.len())
        .into_par_iter()
        .map(|i| f(x[i], tx[i], t[i]))
        .collect()
}

/// The distinct values of a column and each customer's index among them: likelihood terms
/// that depend only on that column are computed once per distinct value.
pub(crate) struct Distinct {
    pub(crate) values: Vec<f64>,
    pub(crate) index: Vec<u32>,
}

impl Distinct {
    pub(crate) fn new(x: &[f64]) -> Distinct {
        // Whole numbers from 0 to a modest maximum (frequencies, whole weeks) index themselves.
        let max = x.par_iter().copied().reduce(|| 0.0, f64::max);
        if max <= 10_000.0 && x.par_iter().all(|v| *v >= 0.0 && v.fract() == 0.0) {
            return Distinct {
                values: (0..=max as u32).map(f64::from).collect(),
                index: x.par_iter().map(|v| *v as u32).collect(),
            };
        }
        let mut values: Vec<f64> = x.to_vec();
        values.par_sort_unstable_by(|a, b| a.total_cmp(b));
        values.dedup();
        let index = x
            .par_iter()
            .map(|v| values.partition_point(|u| u < v) as u32)
            .collect();
        Distinct { values, index }
    }

    /// The index when the column has few distinct values (at most one per eight customers,
    /// as with whole weeks), else None: then memoising costs more than it saves.
    pub(crate) fn if_few(x: &[f64]) -> Option<Distinct> {
        // A sample of evenly spaced values first: continuous columns are given up cheaply.
        let step = (x.len() / 4096).max(1);
        let mut sample: Vec<u64> = x.iter().step_by(step).map(|v| v.to_bits()).collect();
        let sampled = sample.len();
        sample.sort_unstable();
        sample.dedup();
        if sample.len() * 8 > sampled {
            return None;
        }
        let d = Distinct::new(x);
        (d.values.len() * 8 <= x.len()).then_some(d)
    }
}

/// Recency and T rescaled so that the longest T is 10, for conditioning (as `lifetimes`
/// does); rate parameters fitted on them are divided by `factor` to return to the data's unit.
pub(crate) struct ScaledTimes {
    pub(crate) recency: Vec<f64>,
    pub(crate) t: Vec<f64>,
    pub(crate) factor: f64,
}

impl ScaledTimes {
    /// Checks the histories and rescales their times.
    pub(crate) fn new(x: &[f64], tx: &[f64], t: &[f64]) -> Result<ScaledTimes> {
        check_rfm(x, tx, t)?;
        let max_t = t.iter().fold(0.0f64, |m, v| m.max(*v));
        if max_t.is_nan() || max_t <= 0.0 {
            return Err(Error::InvalidParameter {
                name: "T",
                reason: "every customer has T = 0: nothing was observed".into(),
            });
        }
        let factor = 10.0 / max_t;
        Ok(ScaledTimes {
            recency: tx.par_iter().map(|v| v * factor).collect(),
            t: t.par_iter().map(|v| v * factor).collect(),
            factor,
        })
    }

    /// Returns the rate parameters at `rates` (and their standard errors) to the data's unit.
    pub(crate) fn unscale(&self, params: &mut [f64], report: &mut FitReport, rates: &[usize]) {
        for &k in rates {
            params[k] /= self.factor;
            if let Some(se) = report.standard_errors.as_mut() {
                se[k] /= self.factor;
            }
        }
    }
}

/// Errors with [`Error::InvalidParameter`] naming the first parameter that is not positive
/// and finite.
pub(crate) fn check_positive(params: &[(&'static str, f64)]) -> Result<()> {
    match params.iter().find(|(_, v)| !(v.is_finite() && *v > 0.0)) {
        None => Ok(()),
        Some(&(name, v)) => Err(Error::InvalidParameter {
            name,
            reason: format!("must be positive and finite, got {v}"),
        }),
    }
}

/// Test helper: the analytic gradient of `ll` at `p` equals central finite differences
/// (step 10⁻⁶·pₖ) to 10⁻⁵ relative.
#[cfg(test)]
pub(crate) fn assert_gradient(ll: impl Fn(&[f64; 4]) -> (f64, Vec<f64>), p: [f64; 4]) {
    let grad = ll(&p).1;
    for k in 0..4 {
        let h = 1e-6 * p[k];
        let (mut up, mut down) = (p, p);
        up[k] += h;
        down[k] -= h;
        let numeric = (ll(&up).0 - ll(&down).0) / (2.0 * h);
        assert!(
            (grad[k] - numeric).abs() < 1e-5 * (1.0 + numeric.abs()),
            "{p:?} ∂{k}: {} vs {numeric}",
            grad[k]
        );
    }
}
