//! Customer lifetime value over C arrays: BG/NBD, Pareto/NBD and Gamma-Gamma fits into
//! parameter structs, predictions into caller arrays, CLV.

use cxkit_core::clv::{self as core, FitOptions, Period};
use cxkit_core::Error;

use crate::convert::{arg, out, outputs, slice, write_all};
use crate::error::{cx_status, guard, Failure};

/// Options of the maximum-likelihood fits; start from cx_fit_options_default().
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_fit_options {
    /// L2 penalty on the parameters (default 0).
    pub penalizer: f64,
    /// Most quasi-Newton iterations (default 200).
    pub max_iterations: u32,
    /// Gradient tolerance (default 1e-7).
    pub tolerance: f64,
}

/// The default fit options: no penalty, 200 iterations, tolerance 1e-7.
#[no_mangle]
pub extern "C" fn cx_fit_options_default() -> cx_fit_options {
    let d = FitOptions::default();
    cx_fit_options {
        penalizer: d.penalizer,
        max_iterations: d.max_iterations as u32,
        tolerance: d.tolerance,
    }
}

fn fit_options(options: *const cx_fit_options) -> FitOptions {
    // SAFETY: NULL or valid by the entry point's contract.
    let o = unsafe { options.as_ref() }
        .copied()
        .unwrap_or_else(|| cx_fit_options_default());
    FitOptions {
        penalizer: o.penalizer,
        max_iterations: o.max_iterations as usize,
        tolerance: o.tolerance,
    }
}

/// How a fit went. `standard_errors` holds one entry per parameter (in the parameter struct's
/// order; unused entries NaN) and is valid only when `standard_errors_defined`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_fit_report {
    /// Log-likelihood at the fitted parameters.
    pub log_likelihood: f64,
    /// Quasi-Newton iterations.
    pub iterations: u32,
    /// Whether the gradient tolerance was met.
    pub converged: bool,
    /// Whether the Hessian gave standard errors.
    pub standard_errors_defined: bool,
    /// Standard errors of the parameters.
    pub standard_errors: [f64; 4],
    /// Customers fitted on.
    pub customers: u64,
}

impl From<&core::FitReport> for cx_fit_report {
    fn from(f: &core::FitReport) -> Self {
        let mut se = [f64::NAN; 4];
        if let Some(s) = &f.standard_errors {
            se.iter_mut().zip(s).for_each(|(a, b)| *a = *b);
        }
        cx_fit_report {
            log_likelihood: f.log_likelihood,
            iterations: f.iterations as u32,
            converged: f.converged,
            standard_errors_defined: f.standard_errors.is_some(),
            standard_errors: se,
            customers: f.customers as u64,
        }
    }
}

/// BG/NBD parameters.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_bgnbd_params {
    /// Shape of the purchase-rate distribution.
    pub r: f64,
    /// Scale of the purchase-rate distribution.
    pub alpha: f64,
    /// First shape of the dropout distribution.
    pub a: f64,
    /// Second shape of the dropout distribution.
    pub b: f64,
}

impl cx_bgnbd_params {
    fn model(&self) -> Result<core::BetaGeo, Failure> {
        Ok(core::BetaGeo::new(self.r, self.alpha, self.a, self.b)?)
    }
}

/// Pareto/NBD parameters.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_pareto_nbd_params {
    /// Shape of the purchase-rate distribution.
    pub r: f64,
    /// Scale of the purchase-rate distribution.
    pub alpha: f64,
    /// Shape of the dropout-rate distribution.
    pub s: f64,
    /// Scale of the dropout-rate distribution.
    pub beta: f64,
}

impl cx_pareto_nbd_params {
    fn model(&self) -> Result<core::ParetoNbd, Failure> {
        Ok(core::ParetoNbd::new(self.r, self.alpha, self.s, self.beta)?)
    }
}

/// Gamma-Gamma parameters.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_gamma_gamma_params {
    /// Shape of each transaction value's distribution.
    pub p: f64,
    /// Shape of the distribution of ν across customers.
    pub q: f64,
    /// Scale of the distribution of ν across customers.
    pub v: f64,
}

impl cx_gamma_gamma_params {
    fn model(&self) -> Result<core::GammaGamma, Failure> {
        Ok(core::GammaGamma::new(self.p, self.q, self.v)?)
    }
}

/// Time unit of a model, for CLV: CX_PERIOD_DAY, CX_PERIOD_WEEK or CX_PERIOD_MONTH.
pub type cx_period = u32;
/// Days.
pub const CX_PERIOD_DAY: cx_period = 0;
/// Weeks.
pub const CX_PERIOD_WEEK: cx_period = 1;
/// Months.
pub const CX_PERIOD_MONTH: cx_period = 2;

/// Frequency, recency and T of each customer.
type Histories<'a> = (&'a [f64], &'a [f64], &'a [f64]);

/// `len` (frequency, recency, T) histories as slices.
///
/// # Safety
/// Each pointer NULL or valid for `len` doubles.
unsafe fn histories<'a>(
    x: *const f64,
    tx: *const f64,
    t: *const f64,
    len: usize,
) -> Result<Histories<'a>, Failure> {
    // SAFETY: forwarded caller contract.
    unsafe {
        Ok((
            slice(x, len, "frequency")?,
            slice(tx, len, "recency")?,
            slice(t, len, "T")?,
        ))
    }
}

/// Reads the `len` customers' histories, runs `predict` on them and writes one value per
/// customer to `out`.
///
/// # Safety
/// Arrays valid for `len` doubles; `out` NULL or valid for `len` doubles.
unsafe fn per_customer(
    frequency: *const f64,
    recency: *const f64,
    t: *const f64,
    len: usize,
    out: *mut f64,
    predict: impl FnOnce(&[f64], &[f64], &[f64]) -> Result<Vec<f64>, Failure>,
) -> Result<(), Failure> {
    // SAFETY: forwarded caller contract.
    let (x, tx, tt) = unsafe { histories(frequency, recency, t, len) }?;
    let v = predict(x, tx, tt)?;
    // SAFETY: forwarded caller contract.
    unsafe { write_all(&v, out) }
}

/// Fits the BG/NBD model to `len` customers' frequency (repeat purchases), recency (time of
/// the last) and T (time observed). Writes the parameters and, when `out_report` is not NULL,
/// the fit report. `options` may be NULL.
///
/// # Safety
/// Arrays valid for `len` doubles; `out_params` valid; `options`, `out_report` NULL or valid.
#[no_mangle]
pub unsafe extern "C" fn cx_bgnbd_fit(
    frequency: *const f64,
    recency: *const f64,
    t: *const f64,
    len: usize,
    options: *const cx_fit_options,
    out_params: *mut cx_bgnbd_params,
    out_report: *mut cx_fit_report,
) -> cx_status {
    guard("cx_bgnbd_fit", || {
        // SAFETY: caller contract.
        let ((x, tx, tt), params) = unsafe {
            (
                histories(frequency, recency, t, len)?,
                out(out_params, "out_params")?,
            )
        };
        let m = core::BetaGeo::fit(x, tx, tt, &fit_options(options))?;
        *params = cx_bgnbd_params {
            r: m.r,
            alpha: m.alpha,
            a: m.a,
            b: m.b,
        };
        // SAFETY: caller contract.
        if let (Some(report), Some(fit)) = (unsafe { out_report.as_mut() }, m.fit.as_ref()) {
            *report = fit.into();
        }
        Ok(())
    })
}

/// Expected repeat purchases in the next `horizon` periods for `len` customers, into `out`.
///
/// # Safety
/// `params` valid; arrays valid for `len` doubles; `out` valid for `len` doubles.
#[no_mangle]
pub unsafe extern "C" fn cx_bgnbd_expected_purchases(
    params: *const cx_bgnbd_params,
    horizon: f64,
    frequency: *const f64,
    recency: *const f64,
    t: *const f64,
    len: usize,
    out_values: *mut f64,
) -> cx_status {
    guard("cx_bgnbd_expected_purchases", || {
        // SAFETY: caller contract.
        let p = unsafe { arg(params, "params") }?;
        // SAFETY: caller contract.
        unsafe {
            per_customer(frequency, recency, t, len, out_values, |x, tx, tt| {
                Ok(p.model()?.expected_purchases_all(horizon, x, tx, tt)?)
            })
        }
    })
}

/// Probability that each of `len` customers is alive, into `out`.
///
/// # Safety
/// `params` valid; arrays valid for `len` doubles; `out` valid for `len` doubles.
#[no_mangle]
pub unsafe extern "C" fn cx_bgnbd_probability_alive(
    params: *const cx_bgnbd_params,
    frequency: *const f64,
    recency: *const f64,
    t: *const f64,
    len: usize,
    out_values: *mut f64,
) -> cx_status {
    guard("cx_bgnbd_probability_alive", || {
        // SAFETY: caller contract.
        let p = unsafe { arg(params, "params") }?;
        // SAFETY: caller contract.
        unsafe {
            per_customer(frequency, recency, t, len, out_values, |x, tx, tt| {
                Ok(p.model()?.probability_alive_all(x, tx, tt)?)
            })
        }
    })
}

/// P(X(t) = x): the probability that a new customer makes exactly `x` repeat purchases in
/// (0, t] under the BG/NBD model (Fader, Hardie & Lee 2005, eq. 8), into `out_probability`.
///
/// # Safety
/// `params` and `out_probability` valid.
#[no_mangle]
pub unsafe extern "C" fn cx_bgnbd_probability_of_purchases(
    params: *const cx_bgnbd_params,
    x: u32,
    t: f64,
    out_probability: *mut f64,
) -> cx_status {
    guard("cx_bgnbd_probability_of_purchases", || {
        // SAFETY: caller contract.
        let (p, dst) = unsafe {
            (
                arg(params, "params")?,
                out(out_probability, "out_probability")?,
            )
        };
        *dst = p.model()?.probability_of_purchases(x, t)?;
        Ok(())
    })
}

/// The `len` customers by their number of repeat purchases `frequency` in their own time
/// observed `t` (T), in `bins` bins: `out_observed[k]` customers observed with k repeat
/// purchases and `out_expected[k]` as the model expects (the sum of their P(X(T) = k)), for
/// k = 0 … `bins` − 2, the last bin being "`bins` − 1 or more". Both outputs hold `bins`
/// entries; nothing is written on an error.
///
/// # Safety
/// `params` valid; `frequency`, `t` valid for `len` doubles; `out_observed`, `out_expected`
/// valid for `bins` entries.
#[no_mangle]
pub unsafe extern "C" fn cx_bgnbd_period_transactions(
    params: *const cx_bgnbd_params,
    frequency: *const f64,
    t: *const f64,
    len: usize,
    bins: usize,
    out_observed: *mut u64,
    out_expected: *mut f64,
) -> cx_status {
    guard("cx_bgnbd_period_transactions", || {
        // SAFETY: caller contract.
        let (p, x, tt) = unsafe {
            (
                arg(params, "params")?,
                slice(frequency, len, "frequency")?,
                slice(t, len, "T")?,
            )
        };
        outputs(&[
            (out_observed.cast(), "out_observed"),
            (out_expected.cast(), "out_expected"),
        ])?;
        let counts = p.model()?.period_transactions(x, tt, bins)?;
        // SAFETY: both valid for `bins` entries (caller contract), `bins` values each.
        unsafe {
            write_all(&counts.observed, out_observed)?;
            write_all(&counts.expected, out_expected)
        }
    })
}

/// Fits the Pareto/NBD model to `len` customers' frequency, recency and T. Writes the
/// parameters and, when `out_report` is not NULL, the fit report. `options` may be NULL.
///
/// # Safety
/// Arrays valid for `len` doubles; `out_params` valid; `options`, `out_report` NULL or valid.
#[no_mangle]
pub unsafe extern "C" fn cx_pareto_nbd_fit(
    frequency: *const f64,
    recency: *const f64,
    t: *const f64,
    len: usize,
    options: *const cx_fit_options,
    out_params: *mut cx_pareto_nbd_params,
    out_report: *mut cx_fit_report,
) -> cx_status {
    guard("cx_pareto_nbd_fit", || {
        // SAFETY: caller contract.
        let ((x, tx, tt), params) = unsafe {
            (
                histories(frequency, recency, t, len)?,
                out(out_params, "out_params")?,
            )
        };
        let m = core::ParetoNbd::fit(x, tx, tt, &fit_options(options))?;
        *params = cx_pareto_nbd_params {
            r: m.r,
            alpha: m.alpha,
            s: m.s,
            beta: m.beta,
        };
        // SAFETY: caller contract.
        if let (Some(report), Some(fit)) = (unsafe { out_report.as_mut() }, m.fit.as_ref()) {
            *report = fit.into();
        }
        Ok(())
    })
}

/// Pareto/NBD expected repeat purchases in the next `horizon` periods for `len` customers.
///
/// # Safety
/// `params` valid; arrays valid for `len` doubles; `out` valid for `len` doubles.
#[no_mangle]
pub unsafe extern "C" fn cx_pareto_nbd_expected_purchases(
    params: *const cx_pareto_nbd_params,
    horizon: f64,
    frequency: *const f64,
    recency: *const f64,
    t: *const f64,
    len: usize,
    out_values: *mut f64,
) -> cx_status {
    guard("cx_pareto_nbd_expected_purchases", || {
        // SAFETY: caller contract.
        let p = unsafe { arg(params, "params") }?;
        // SAFETY: caller contract.
        unsafe {
            per_customer(frequency, recency, t, len, out_values, |x, tx, tt| {
                Ok(p.model()?.expected_purchases_all(horizon, x, tx, tt)?)
            })
        }
    })
}

/// Pareto/NBD probability that each of `len` customers is alive.
///
/// # Safety
/// `params` valid; arrays valid for `len` doubles; `out` valid for `len` doubles.
#[no_mangle]
pub unsafe extern "C" fn cx_pareto_nbd_probability_alive(
    params: *const cx_pareto_nbd_params,
    frequency: *const f64,
    recency: *const f64,
    t: *const f64,
    len: usize,
    out_values: *mut f64,
) -> cx_status {
    guard("cx_pareto_nbd_probability_alive", || {
        // SAFETY: caller contract.
        let p = unsafe { arg(params, "params") }?;
        // SAFETY: caller contract.
        unsafe {
            per_customer(frequency, recency, t, len, out_values, |x, tx, tt| {
                Ok(p.model()?.probability_alive_all(x, tx, tt)?)
            })
        }
    })
}

/// Fits the Gamma-Gamma spend model to the customers with frequency > 0 (others are skipped)
/// and their mean purchase value. `options` and `out_report` may be NULL.
///
/// # Safety
/// Arrays valid for `len` doubles; `out_params` valid; `options`, `out_report` NULL or valid.
#[no_mangle]
pub unsafe extern "C" fn cx_gamma_gamma_fit(
    frequency: *const f64,
    monetary_value: *const f64,
    len: usize,
    options: *const cx_fit_options,
    out_params: *mut cx_gamma_gamma_params,
    out_report: *mut cx_fit_report,
) -> cx_status {
    guard("cx_gamma_gamma_fit", || {
        // SAFETY: caller contract.
        let (x, m, params) = unsafe {
            (
                slice(frequency, len, "frequency")?,
                slice(monetary_value, len, "monetary_value")?,
                out(out_params, "out_params")?,
            )
        };
        let g = core::GammaGamma::fit(x, m, &fit_options(options))?;
        *params = cx_gamma_gamma_params {
            p: g.p,
            q: g.q,
            v: g.v,
        };
        // SAFETY: caller contract.
        if let (Some(report), Some(fit)) = (unsafe { out_report.as_mut() }, g.fit.as_ref()) {
            *report = fit.into();
        }
        Ok(())
    })
}

/// Each customer's expected mean purchase value (needs q > 1), into `out`.
///
/// # Safety
/// `params` valid; arrays valid for `len` doubles; `out` valid for `len` doubles.
#[no_mangle]
pub unsafe extern "C" fn cx_gamma_gamma_expected_average_value(
    params: *const cx_gamma_gamma_params,
    frequency: *const f64,
    monetary_value: *const f64,
    len: usize,
    out_values: *mut f64,
) -> cx_status {
    guard("cx_gamma_gamma_expected_average_value", || {
        // SAFETY: caller contract.
        let (p, x, m) = unsafe {
            (
                arg(params, "params")?,
                slice(frequency, len, "frequency")?,
                slice(monetary_value, len, "monetary_value")?,
            )
        };
        let v = p.model()?.expected_average_values(x, m)?;
        // SAFETY: caller contract.
        unsafe { write_all(&v, out_values) }
    })
}

/// CLV of `len` customers over `horizon_months` months with a monthly `discount_rate`, the
/// models fitted in `period` units, into `out`.
///
/// # Safety
/// `transactions`, `spend` valid; arrays valid for `len` doubles; `out` valid for `len`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn cx_customer_lifetime_value(
    transactions: *const cx_bgnbd_params,
    spend: *const cx_gamma_gamma_params,
    frequency: *const f64,
    recency: *const f64,
    t: *const f64,
    monetary_value: *const f64,
    len: usize,
    horizon_months: u32,
    period: cx_period,
    discount_rate: f64,
    out_values: *mut f64,
) -> cx_status {
    guard("cx_customer_lifetime_value", || {
        // SAFETY: caller contract.
        let (bg, gg, (x, tx, tt), m) = unsafe {
            (
                arg(transactions, "transactions")?,
                arg(spend, "spend")?,
                histories(frequency, recency, t, len)?,
                slice(monetary_value, len, "monetary_value")?,
            )
        };
        let period = match period {
            CX_PERIOD_DAY => Period::Day,
            CX_PERIOD_WEEK => Period::Week,
            CX_PERIOD_MONTH => Period::Month,
            other => {
                return Err(Failure::Core(Error::InvalidParameter {
                    name: "period",
                    reason: format!(
                        "{other} is not one of CX_PERIOD_DAY, CX_PERIOD_WEEK, CX_PERIOD_MONTH"
                    ),
                }))
            }
        };
        let options = core::ClvOptions {
            horizon_months,
            period,
            discount_rate,
        };
        let v = core::customer_lifetime_value(&bg.model()?, &gg.model()?, x, tx, tt, m, &options)?;
        // SAFETY: caller contract.
        unsafe { write_all(&v, out_values) }
    })
}

/// One NPS group's worth in a cx_value_at_risk_result (NaN where undefined).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_group_worth {
    /// Respondents in the group.
    pub customers: u64,
    /// Their total future value.
    pub value_total: f64,
    /// Their mean future value.
    pub value_mean: f64,
    /// Their share of all respondents' future value (NaN when the total is not positive or a
    /// value is negative).
    pub value_share: f64,
    /// Their mean P(alive) (NaN without p_alive).
    pub p_alive_mean: f64,
    /// Their mean expected purchases (NaN without purchases).
    pub purchases_mean: f64,
}

/// Promoters' mean minus detractors' with Welch's interval and p-value (`defined` false
/// when not computed: no values given, fewer than two in a group, or no variance).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_group_gap {
    /// Whether the comparison was computed.
    pub defined: bool,
    /// promoters − detractors.
    pub difference: f64,
    /// Lower bound.
    pub ci_low: f64,
    /// Upper bound.
    pub ci_high: f64,
    /// Two-sided p-value.
    pub p_value: f64,
}

/// Future value by NPS group.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_value_at_risk_result {
    /// Detractors, passives, promoters.
    pub groups: [cx_group_worth; 3],
    /// The detractors' total future value.
    pub value_at_risk: f64,
    /// Their share of the respondents' future value (NaN as for value_share).
    pub share_at_risk: f64,
    /// P(alive) of promoters against detractors.
    pub p_alive_gap: cx_group_gap,
    /// Expected purchases of promoters against detractors.
    pub purchases_gap: cx_group_gap,
}

/// Future value by NPS group of `len` respondents: 0–10 `scores` and their customers'
/// future `value`, optionally `p_alive` and `purchases` (NULL when not given); row i of each
/// is one respondent's customer (join by customer id first).
///
/// # Safety
/// `scores` and `value` valid for `len` doubles; `p_alive`, `purchases` NULL or valid for
/// `len` doubles; `out_result` valid for a write.
#[no_mangle]
pub unsafe extern "C" fn cx_value_at_risk(
    scores: *const f64,
    value: *const f64,
    p_alive: *const f64,
    purchases: *const f64,
    len: usize,
    confidence: f64,
    out_result: *mut cx_value_at_risk_result,
) -> cx_status {
    guard("cx_value_at_risk", || {
        // SAFETY: caller contract.
        let (s, v, result) = unsafe {
            (
                slice(scores, len, "scores")?,
                slice(value, len, "value")?,
                out(out_result, "out_result")?,
            )
        };
        // SAFETY: NULL or valid for `len` doubles (caller contract).
        let optional =
            |p: *const f64| (!p.is_null()).then(|| unsafe { std::slice::from_raw_parts(p, len) });
        let r = core::value_at_risk(s, v, optional(p_alive), optional(purchases), confidence)?;
        let nan = |x: Option<f64>| x.unwrap_or(f64::NAN);
        let group = |g: &core::GroupWorth| cx_group_worth {
            customers: g.customers as u64,
            value_total: g.value_total,
            value_mean: nan(g.value_mean),
            value_share: nan(g.value_share),
            p_alive_mean: nan(g.p_alive_mean),
            purchases_mean: nan(g.purchases_mean),
        };
        let gap = |g: Option<core::GroupGap>| match g {
            Some(g) => cx_group_gap {
                defined: true,
                difference: g.difference,
                ci_low: g.ci_low,
                ci_high: g.ci_high,
                p_value: g.p_value,
            },
            None => cx_group_gap {
                defined: false,
                difference: f64::NAN,
                ci_low: f64::NAN,
                ci_high: f64::NAN,
                p_value: f64::NAN,
            },
        };
        *result = cx_value_at_risk_result {
            groups: [
                group(&r.groups[0]),
                group(&r.groups[1]),
                group(&r.groups[2]),
            ],
            value_at_risk: r.value_at_risk,
            share_at_risk: nan(r.share_at_risk),
            p_alive_gap: gap(r.p_alive_gap),
            purchases_gap: gap(r.purchases_gap),
        };
        Ok(())
    })
}
