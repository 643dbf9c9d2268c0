//! Survey scoring over C arrays: NPS, CSAT, CES, Wilson intervals and wave tests.

mod accumulator;

pub use accumulator::*;

use cxkit_core::survey::{
    self as core, Ces, CesOptions, Csat, Mean, NanPolicy, Nps, NpsMethod, NpsOptions,
    NpsTestOptions, Proportion, ProportionMethod, Scale, Score, TopBoxOptions, WaveTest,
};

use crate::convert::{arg, out, scores};
use crate::error::{cx_status, guard, invalid, Failure};

/// What to do with missing scores (NaN): one of CX_NAN_RAISE, CX_NAN_OMIT.
pub type cx_nan_policy = u32;
/// A NaN score fails the call with CX_MISSING_SCORE.
pub const CX_NAN_RAISE: cx_nan_policy = 0;
/// NaN scores are skipped, with their weights.
pub const CX_NAN_OMIT: cx_nan_policy = 1;

/// NPS interval method: one of CX_NPS_ADJUSTED_WALD, CX_NPS_WALD.
pub type cx_nps_method = u32;
/// Adjusted Wald: add 0.75 detractor, 1.5 passive, 0.75 promoter before the Wald interval.
pub const CX_NPS_ADJUSTED_WALD: cx_nps_method = 0;
/// Wald: NPS ± z·SE.
pub const CX_NPS_WALD: cx_nps_method = 1;

/// Proportion interval method: one of CX_INTERVAL_WILSON, CX_INTERVAL_WALD.
pub type cx_interval = u32;
/// Wilson score interval.
pub const CX_INTERVAL_WILSON: cx_interval = 0;
/// Wald interval, clipped to [0, 1].
pub const CX_INTERVAL_WALD: cx_interval = 1;

/// The C code of a NaN policy (for the option defaults, read from the core's).
pub(crate) fn nan_policy_code(p: NanPolicy) -> cx_nan_policy {
    match p {
        NanPolicy::Raise => CX_NAN_RAISE,
        NanPolicy::Omit => CX_NAN_OMIT,
    }
}

pub(crate) fn nan_policy(v: cx_nan_policy) -> Result<NanPolicy, Failure> {
    match v {
        CX_NAN_RAISE => Ok(NanPolicy::Raise),
        CX_NAN_OMIT => Ok(NanPolicy::Omit),
        _ => Err(invalid("nan_policy", v, "CX_NAN_RAISE, CX_NAN_OMIT")),
    }
}

fn nps_method(v: cx_nps_method) -> Result<NpsMethod, Failure> {
    match v {
        CX_NPS_ADJUSTED_WALD => Ok(NpsMethod::AdjustedWald),
        CX_NPS_WALD => Ok(NpsMethod::Wald),
        _ => Err(invalid("method", v, "CX_NPS_ADJUSTED_WALD, CX_NPS_WALD")),
    }
}

fn nps_method_code(m: NpsMethod) -> cx_nps_method {
    match m {
        NpsMethod::AdjustedWald => CX_NPS_ADJUSTED_WALD,
        NpsMethod::Wald => CX_NPS_WALD,
    }
}

fn interval(v: cx_interval) -> Result<ProportionMethod, Failure> {
    match v {
        CX_INTERVAL_WILSON => Ok(ProportionMethod::Wilson),
        CX_INTERVAL_WALD => Ok(ProportionMethod::Wald),
        _ => Err(invalid(
            "interval",
            v,
            "CX_INTERVAL_WILSON, CX_INTERVAL_WALD",
        )),
    }
}

fn interval_code(m: ProportionMethod) -> cx_interval {
    match m {
        ProportionMethod::Wilson => CX_INTERVAL_WILSON,
        ProportionMethod::Wald => CX_INTERVAL_WALD,
    }
}

/// Options of cx_nps and cx_nps_from_counts; start from cx_nps_options_default().
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_nps_options {
    /// Confidence level, strictly between 0 and 1 (default 0.95).
    pub confidence: f64,
    /// Interval method (default CX_NPS_ADJUSTED_WALD).
    pub method: cx_nps_method,
    /// Missing scores (default CX_NAN_RAISE).
    pub nan_policy: cx_nan_policy,
}

/// The default NPS options: 95 %, adjusted Wald, NaN raises.
#[no_mangle]
pub extern "C" fn cx_nps_options_default() -> cx_nps_options {
    let d = NpsOptions::default();
    cx_nps_options {
        confidence: d.confidence,
        method: nps_method_code(d.method),
        nan_policy: nan_policy_code(d.nan_policy),
    }
}

impl cx_nps_options {
    /// The core options; NULL means the defaults.
    pub(crate) fn resolve(options: *const cx_nps_options) -> Result<NpsOptions, Failure> {
        // SAFETY: `options` is NULL or valid by the entry point's contract.
        let o = unsafe { options.as_ref() }
            .copied()
            .unwrap_or_else(|| cx_nps_options_default());
        Ok(NpsOptions {
            confidence: o.confidence,
            method: nps_method(o.method)?,
            nan_policy: nan_policy(o.nan_policy)?,
        })
    }
}

/// A Net Promoter Score. Score, SE and bounds in points (−100…100), shares as fractions.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_nps_result {
    /// NPS in points.
    pub score: f64,
    /// Share of promoters (9–10).
    pub promoters: f64,
    /// Share of passives (7–8).
    pub passives: f64,
    /// Share of detractors (0–6).
    pub detractors: f64,
    /// Number of responses.
    pub n: u64,
    /// Kish effective sample size (= n when unweighted).
    pub n_effective: f64,
    /// Standard error in points.
    pub se: f64,
    /// Lower confidence bound in points.
    pub ci_low: f64,
    /// Upper confidence bound in points.
    pub ci_high: f64,
    /// Confidence level.
    pub confidence: f64,
    /// Interval method used.
    pub method: cx_nps_method,
}

impl From<Nps> for cx_nps_result {
    fn from(r: Nps) -> Self {
        cx_nps_result {
            score: r.score,
            promoters: r.promoters,
            passives: r.passives,
            detractors: r.detractors,
            n: r.n,
            n_effective: r.n_effective,
            se: r.se,
            ci_low: r.ci_low,
            ci_high: r.ci_high,
            confidence: r.confidence,
            method: nps_method_code(r.method),
        }
    }
}

impl cx_nps_result {
    pub(crate) fn to_core(self) -> Result<Nps, Failure> {
        Ok(Nps {
            score: self.score,
            promoters: self.promoters,
            passives: self.passives,
            detractors: self.detractors,
            n: self.n,
            n_effective: self.n_effective,
            se: self.se,
            ci_low: self.ci_low,
            ci_high: self.ci_high,
            confidence: self.confidence,
            method: nps_method(self.method)?,
        })
    }
}

/// A share (fraction) with its confidence interval.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_proportion {
    /// The share.
    pub estimate: f64,
    /// Lower confidence bound.
    pub ci_low: f64,
    /// Upper confidence bound.
    pub ci_high: f64,
    /// Number of responses.
    pub n: u64,
    /// Kish effective sample size.
    pub n_effective: f64,
    /// Confidence level.
    pub confidence: f64,
    /// Interval method used.
    pub method: cx_interval,
}

impl From<Proportion> for cx_proportion {
    fn from(p: Proportion) -> Self {
        cx_proportion {
            estimate: p.estimate,
            ci_low: p.ci_low,
            ci_high: p.ci_high,
            n: p.n,
            n_effective: p.n_effective,
            confidence: p.confidence,
            method: interval_code(p.method),
        }
    }
}

impl cx_proportion {
    fn to_core(self) -> Result<Proportion, Failure> {
        Ok(Proportion {
            estimate: self.estimate,
            ci_low: self.ci_low,
            ci_high: self.ci_high,
            n: self.n,
            n_effective: self.n_effective,
            confidence: self.confidence,
            method: interval(self.method)?,
        })
    }
}

/// A mean with its Student-t confidence interval.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_mean {
    /// The mean.
    pub estimate: f64,
    /// Sample standard deviation.
    pub sd: f64,
    /// Standard error.
    pub se: f64,
    /// Lower confidence bound.
    pub ci_low: f64,
    /// Upper confidence bound.
    pub ci_high: f64,
    /// Number of responses.
    pub n: u64,
    /// Kish effective sample size.
    pub n_effective: f64,
    /// Confidence level.
    pub confidence: f64,
}

impl From<Mean> for cx_mean {
    fn from(m: Mean) -> Self {
        cx_mean {
            estimate: m.estimate,
            sd: m.sd,
            se: m.se,
            ci_low: m.ci_low,
            ci_high: m.ci_high,
            n: m.n,
            n_effective: m.n_effective,
            confidence: m.confidence,
        }
    }
}

/// Options of cx_csat; start from cx_csat_options_default().
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_csat_options {
    /// Lowest point of the scale (default 1).
    pub scale_min: i32,
    /// Highest point of the scale (default 5).
    pub scale_max: i32,
    /// How many top points count as satisfied (default 2).
    pub top: u32,
    /// Confidence level (default 0.95).
    pub confidence: f64,
    /// Interval for the share (default CX_INTERVAL_WILSON).
    pub interval: cx_interval,
    /// Missing scores (default CX_NAN_RAISE).
    pub nan_policy: cx_nan_policy,
}

/// The default CSAT options: 1–5, top 2, 95 %, Wilson, NaN raises.
#[no_mangle]
pub extern "C" fn cx_csat_options_default() -> cx_csat_options {
    let d = TopBoxOptions::default();
    cx_csat_options {
        scale_min: d.scale.min(),
        scale_max: d.scale.max(),
        top: d.top,
        confidence: d.confidence,
        interval: interval_code(d.interval),
        nan_policy: CX_NAN_RAISE,
    }
}

/// CSAT: the top-box share and the mean score.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_csat_result {
    /// Lowest point of the scale.
    pub scale_min: i32,
    /// Highest point of the scale.
    pub scale_max: i32,
    /// Top points counted as satisfied.
    pub top: u32,
    /// Share of satisfied responses (the CSAT score).
    pub top_box: cx_proportion,
    /// Mean score.
    pub mean: cx_mean,
}

impl From<Csat> for cx_csat_result {
    fn from(r: Csat) -> Self {
        cx_csat_result {
            scale_min: r.scale.min(),
            scale_max: r.scale.max(),
            top: r.top,
            top_box: r.top_box.into(),
            mean: r.mean.into(),
        }
    }
}

/// Options of cx_ces; start from cx_ces_options_default().
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_ces_options {
    /// Lowest point of the scale (default 1).
    pub scale_min: i32,
    /// Highest point of the scale (default 7).
    pub scale_max: i32,
    /// Scores at or above this count as easy (default 5).
    pub threshold: i32,
    /// Confidence level (default 0.95).
    pub confidence: f64,
    /// Interval for the share (default CX_INTERVAL_WILSON).
    pub interval: cx_interval,
    /// Missing scores (default CX_NAN_RAISE).
    pub nan_policy: cx_nan_policy,
}

/// The default CES options: 1–7, threshold 5, 95 %, Wilson, NaN raises.
#[no_mangle]
pub extern "C" fn cx_ces_options_default() -> cx_ces_options {
    let d = CesOptions::default();
    cx_ces_options {
        scale_min: d.scale.min(),
        scale_max: d.scale.max(),
        threshold: d.threshold,
        confidence: d.confidence,
        interval: interval_code(d.interval),
        nan_policy: CX_NAN_RAISE,
    }
}

/// Customer Effort Score: mean agreement and the share at or above the threshold.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_ces_result {
    /// Lowest point of the scale.
    pub scale_min: i32,
    /// Highest point of the scale.
    pub scale_max: i32,
    /// Scores at or above this count as easy.
    pub threshold: i32,
    /// Mean score (the CES).
    pub mean: cx_mean,
    /// Share at or above the threshold.
    pub easy: cx_proportion,
}

/// A two-wave z-test: delta = a − b (points for NPS, fractions for shares).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_wave_test {
    /// Difference a − b.
    pub delta: f64,
    /// Standard error of the difference.
    pub se: f64,
    /// z statistic.
    pub z: f64,
    /// Two-sided p-value.
    pub p_value: f64,
    /// Lower confidence bound of the difference.
    pub ci_low: f64,
    /// Upper confidence bound of the difference.
    pub ci_high: f64,
    /// Confidence level.
    pub confidence: f64,
}

impl From<WaveTest> for cx_wave_test {
    fn from(t: WaveTest) -> Self {
        cx_wave_test {
            delta: t.delta,
            se: t.se,
            z: t.z,
            p_value: t.p_value,
            ci_low: t.ci_low,
            ci_high: t.ci_high,
            confidence: t.confidence,
        }
    }
}

/// The NPS entry points' body, for scores of any type the core reads.
///
/// # Safety
/// As for cx_nps, with `scores` valid for `len` values of `S`.
unsafe fn nps_of<S: Score>(
    function: &'static str,
    scores: *const S,
    len: usize,
    weights: *const f64,
    options: *const cx_nps_options,
    out_result: *mut cx_nps_result,
) -> cx_status {
    guard(function, || {
        // SAFETY: pointer contracts are the caller's, as documented.
        let ((scores, weights), result) = unsafe {
            (
                self::scores(scores, len, weights)?,
                out(out_result, "out_result")?,
            )
        };
        let r = core::nps(scores, weights, &cx_nps_options::resolve(options)?)?;
        *result = r.into();
        Ok(())
    })
}

/// Net Promoter Score of `len` 0–10 `scores` (NaN = missing), with optional `weights` (NULL
/// for none, else `len` of them). `options` may be NULL for the defaults.
///
/// # Safety
/// `scores` is valid for `len` doubles (or NULL when `len` is 0), `weights` NULL or valid for
/// `len` doubles, `options` NULL or valid, `out` valid for a write.
#[no_mangle]
pub unsafe extern "C" fn cx_nps(
    scores: *const f64,
    len: usize,
    weights: *const f64,
    options: *const cx_nps_options,
    out_result: *mut cx_nps_result,
) -> cx_status {
    // SAFETY: forwarded caller contract.
    unsafe { nps_of("cx_nps", scores, len, weights, options, out_result) }
}

/// cx_nps of 32-bit integer scores (as core systems store them; no missing values).
///
/// # Safety
/// As for cx_nps, with `scores` valid for `len` int32 values.
#[no_mangle]
pub unsafe extern "C" fn cx_nps_int32(
    scores: *const i32,
    len: usize,
    weights: *const f64,
    options: *const cx_nps_options,
    out_result: *mut cx_nps_result,
) -> cx_status {
    // SAFETY: forwarded caller contract.
    unsafe { nps_of("cx_nps_int32", scores, len, weights, options, out_result) }
}

/// cx_nps of byte scores (0–10 in one byte each; no missing values).
///
/// # Safety
/// As for cx_nps, with `scores` valid for `len` bytes.
#[no_mangle]
pub unsafe extern "C" fn cx_nps_uint8(
    scores: *const u8,
    len: usize,
    weights: *const f64,
    options: *const cx_nps_options,
    out_result: *mut cx_nps_result,
) -> cx_status {
    // SAFETY: forwarded caller contract.
    unsafe { nps_of("cx_nps_uint8", scores, len, weights, options, out_result) }
}

/// Net Promoter Score from counts of detractors, passives and promoters. `options` may be NULL.
///
/// # Safety
/// `options` NULL or valid; `out_result` valid for a write.
#[no_mangle]
pub unsafe extern "C" fn cx_nps_from_counts(
    detractors: u64,
    passives: u64,
    promoters: u64,
    options: *const cx_nps_options,
    out_result: *mut cx_nps_result,
) -> cx_status {
    guard("cx_nps_from_counts", || {
        // SAFETY: caller contract.
        let result = unsafe { out(out_result, "out_result") }?;
        let options = cx_nps_options::resolve(options)?;
        *result = core::nps_from_counts(detractors, passives, promoters, &options)?.into();
        Ok(())
    })
}

/// Tests whether two waves' NPS differ (delta = a − b in points). `method` is CX_NPS_WALD or
/// CX_NPS_ADJUSTED_WALD.
///
/// # Safety
/// `a`, `b` valid for reads; `out_result` valid for a write.
#[no_mangle]
pub unsafe extern "C" fn cx_nps_test(
    a: *const cx_nps_result,
    b: *const cx_nps_result,
    method: cx_nps_method,
    confidence: f64,
    out_result: *mut cx_wave_test,
) -> cx_status {
    guard("cx_nps_test", || {
        // SAFETY: caller contract.
        let (a, b, result) =
            unsafe { (arg(a, "a")?, arg(b, "b")?, out(out_result, "out_result")?) };
        let options = NpsTestOptions {
            method: nps_method(method)?,
            confidence,
        };
        *result = core::nps_test(&a.to_core()?, &b.to_core()?, &options)?.into();
        Ok(())
    })
}

/// Tests whether two waves' top-box shares differ (delta = a − b, a fraction).
///
/// # Safety
/// `a`, `b` valid for reads; `out_result` valid for a write.
#[no_mangle]
pub unsafe extern "C" fn cx_top_box_test(
    a: *const cx_proportion,
    b: *const cx_proportion,
    confidence: f64,
    out_result: *mut cx_wave_test,
) -> cx_status {
    guard("cx_top_box_test", || {
        // SAFETY: caller contract.
        let (a, b, result) =
            unsafe { (arg(a, "a")?, arg(b, "b")?, out(out_result, "out_result")?) };
        *result = core::top_box_test(&a.to_core()?, &b.to_core()?, confidence)?.into();
        Ok(())
    })
}

/// The CSAT entry points' body, for scores of any type the core reads.
///
/// # Safety
/// As for cx_csat, with `scores` valid for `len` values of `S`.
unsafe fn csat_of<S: Score>(
    function: &'static str,
    scores: *const S,
    len: usize,
    weights: *const f64,
    options: *const cx_csat_options,
    out_result: *mut cx_csat_result,
) -> cx_status {
    guard(function, || {
        // SAFETY: caller contract.
        let ((scores, weights), result) = unsafe {
            (
                self::scores(scores, len, weights)?,
                out(out_result, "out_result")?,
            )
        };
        // SAFETY: caller contract.
        let o = unsafe { options.as_ref() }
            .copied()
            .unwrap_or_else(|| cx_csat_options_default());
        let options = TopBoxOptions {
            scale: Scale::new(o.scale_min, o.scale_max)?,
            top: o.top,
            confidence: o.confidence,
            interval: interval(o.interval)?,
            nan_policy: nan_policy(o.nan_policy)?,
        };
        *result = core::csat(scores, weights, &options)?.into();
        Ok(())
    })
}

/// CSAT of `len` `scores` on the options' scale: top-box share and mean. `weights` may be
/// NULL; `options` may be NULL for the defaults (1–5, top 2).
///
/// # Safety
/// As for cx_nps.
#[no_mangle]
pub unsafe extern "C" fn cx_csat(
    scores: *const f64,
    len: usize,
    weights: *const f64,
    options: *const cx_csat_options,
    out_result: *mut cx_csat_result,
) -> cx_status {
    // SAFETY: forwarded caller contract.
    unsafe { csat_of("cx_csat", scores, len, weights, options, out_result) }
}

/// cx_csat of 32-bit integer scores.
///
/// # Safety
/// As for cx_csat, with `scores` valid for `len` int32 values.
#[no_mangle]
pub unsafe extern "C" fn cx_csat_int32(
    scores: *const i32,
    len: usize,
    weights: *const f64,
    options: *const cx_csat_options,
    out_result: *mut cx_csat_result,
) -> cx_status {
    // SAFETY: forwarded caller contract.
    unsafe { csat_of("cx_csat_int32", scores, len, weights, options, out_result) }
}

/// cx_csat of byte scores.
///
/// # Safety
/// As for cx_csat, with `scores` valid for `len` bytes.
#[no_mangle]
pub unsafe extern "C" fn cx_csat_uint8(
    scores: *const u8,
    len: usize,
    weights: *const f64,
    options: *const cx_csat_options,
    out_result: *mut cx_csat_result,
) -> cx_status {
    // SAFETY: forwarded caller contract.
    unsafe { csat_of("cx_csat_uint8", scores, len, weights, options, out_result) }
}

/// The CES entry points' body, for scores of any type the core reads.
///
/// # Safety
/// As for cx_ces, with `scores` valid for `len` values of `S`.
unsafe fn ces_of<S: Score>(
    function: &'static str,
    scores: *const S,
    len: usize,
    weights: *const f64,
    options: *const cx_ces_options,
    out_result: *mut cx_ces_result,
) -> cx_status {
    guard(function, || {
        // SAFETY: caller contract.
        let ((scores, weights), result) = unsafe {
            (
                self::scores(scores, len, weights)?,
                out(out_result, "out_result")?,
            )
        };
        // SAFETY: caller contract.
        let o = unsafe { options.as_ref() }
            .copied()
            .unwrap_or_else(|| cx_ces_options_default());
        let options = CesOptions {
            scale: Scale::new(o.scale_min, o.scale_max)?,
            threshold: o.threshold,
            confidence: o.confidence,
            interval: interval(o.interval)?,
            nan_policy: nan_policy(o.nan_policy)?,
        };
        let r: Ces = core::ces(scores, weights, &options)?;
        *result = cx_ces_result {
            scale_min: r.scale.min(),
            scale_max: r.scale.max(),
            threshold: r.threshold,
            mean: r.mean.into(),
            easy: r.easy.into(),
        };
        Ok(())
    })
}

/// Customer Effort Score of `len` `scores`: mean and share at or above the threshold.
/// `weights` may be NULL; `options` may be NULL for the defaults (1–7, threshold 5).
///
/// # Safety
/// As for cx_nps.
#[no_mangle]
pub unsafe extern "C" fn cx_ces(
    scores: *const f64,
    len: usize,
    weights: *const f64,
    options: *const cx_ces_options,
    out_result: *mut cx_ces_result,
) -> cx_status {
    // SAFETY: forwarded caller contract.
    unsafe { ces_of("cx_ces", scores, len, weights, options, out_result) }
}

/// cx_ces of 32-bit integer scores.
///
/// # Safety
/// As for cx_ces, with `scores` valid for `len` int32 values.
#[no_mangle]
pub unsafe extern "C" fn cx_ces_int32(
    scores: *const i32,
    len: usize,
    weights: *const f64,
    options: *const cx_ces_options,
    out_result: *mut cx_ces_result,
) -> cx_status {
    // SAFETY: forwarded caller contract.
    unsafe { ces_of("cx_ces_int32", scores, len, weights, options, out_result) }
}

/// cx_ces of byte scores.
///
/// # Safety
/// As for cx_ces, with `scores` valid for `len` bytes.
#[no_mangle]
pub unsafe extern "C" fn cx_ces_uint8(
    scores: *const u8,
    len: usize,
    weights: *const f64,
    options: *const cx_ces_options,
    out_result: *mut cx_ces_result,
) -> cx_status {
    // SAFETY: forwarded caller contract.
    unsafe { ces_of("cx_ces_uint8", scores, len, weights, options, out_result) }
}

/// Wilson score interval for `successes` of `n` (both may be fractional) at `confidence`.
///
/// # Safety
/// `low` and `high` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn cx_wilson_interval(
    successes: f64,
    n: f64,
    confidence: f64,
    low: *mut f64,
    high: *mut f64,
) -> cx_status {
    guard("cx_wilson_interval", || {
        // SAFETY: caller contract.
        let (low, high) = unsafe { (out(low, "low")?, out(high, "high")?) };
        let (l, h) = core::wilson_interval(successes, n, confidence)?;
        (*low, *high) = (l, h);
        Ok(())
    })
}
