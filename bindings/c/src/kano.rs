//! KANO analysis over row-major C matrices (respondents × features).

use cxkit_core::kano::{
    self as core, AnswerForm, KanoCategory, KanoOptions, KanoRule, RefinedCategory,
};
use cxkit_core::names::Named;
use cxkit_core::survey::Score;
use cxkit_core::Error;
use ndarray::ArrayView2;

use std::ffi::{c_char, CString};
use std::sync::OnceLock;

use crate::convert::{c_names, out, slice};
use crate::error::{cx_status, guard, Failure};
use crate::survey::{cx_nan_policy, nan_policy};

/// A KANO category code: CX_KANO_A … CX_KANO_Q, or CX_KANO_MISSING.
pub type cx_kano_category = u8;
/// Attractive.
pub const CX_KANO_A: cx_kano_category = 0;
/// One-dimensional.
pub const CX_KANO_O: cx_kano_category = 1;
/// Must-be.
pub const CX_KANO_M: cx_kano_category = 2;
/// Indifferent.
pub const CX_KANO_I: cx_kano_category = 3;
/// Reverse.
pub const CX_KANO_R: cx_kano_category = 4;
/// Questionable.
pub const CX_KANO_Q: cx_kano_category = 5;
/// No category: an answer was missing (under CX_NAN_OMIT), or no refined category applies.
pub const CX_KANO_MISSING: cx_kano_category = 255;

/// Questionnaire form: CX_KANO_FULL (1 like … 5 dislike) or CX_KANO_SHORT (1 like, 2 neutral,
/// 3 dislike).
pub type cx_kano_form = u32;
/// The 5-point form.
pub const CX_KANO_FULL: cx_kano_form = 0;
/// The 3-point short form.
pub const CX_KANO_SHORT: cx_kano_form = 1;

/// Which rule decided a category: CX_KANO_RULE_FONG, CX_KANO_RULE_PRIORITY (M>O>A>I) or
/// CX_KANO_RULE_ONLY.
pub type cx_kano_rule = u8;
/// The top category is significantly ahead of the second (Fong's test).
pub const CX_KANO_RULE_FONG: cx_kano_rule = 0;
/// The M > O > A > I rule chose between the top two.
pub const CX_KANO_RULE_PRIORITY: cx_kano_rule = 1;
/// Only one category was answered (or none of A, O, M, I, R: Q); a category nobody chose
/// never wins.
pub const CX_KANO_RULE_ONLY: cx_kano_rule = 2;

/// Yang's refined categories (`refined` of cx_kano_feature), or CX_KANO_MISSING.
pub type cx_kano_refined = u8;
/// Attractive and important.
pub const CX_KANO_HIGHLY_ATTRACTIVE: cx_kano_refined = 0;
/// Attractive, less important.
pub const CX_KANO_LESS_ATTRACTIVE: cx_kano_refined = 1;
/// One-dimensional and important.
pub const CX_KANO_HIGH_VALUE_ADDED: cx_kano_refined = 2;
/// One-dimensional, less important.
pub const CX_KANO_LOW_VALUE_ADDED: cx_kano_refined = 3;
/// Must-be and important.
pub const CX_KANO_CRITICAL: cx_kano_refined = 4;
/// Must-be, less important.
pub const CX_KANO_NECESSARY: cx_kano_refined = 5;
/// Indifferent yet important.
pub const CX_KANO_POTENTIAL: cx_kano_refined = 6;
/// Indifferent and unimportant.
pub const CX_KANO_CARE_FREE: cx_kano_refined = 7;

/// No cleaning limit (for max_questionable / max_indifferent).
pub const CX_KANO_NO_LIMIT: f64 = -1.0;

/// Options of the KANO calls; start from cx_kano_options_default().
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_kano_options {
    /// Questionnaire form (default CX_KANO_FULL).
    pub form: cx_kano_form,
    /// Missing answers (NaN): CX_NAN_RAISE (default) or CX_NAN_OMIT.
    pub nan_policy: cx_nan_policy,
    /// Drop respondents whose share of Q answers exceeds this (0…1), or CX_KANO_NO_LIMIT.
    pub max_questionable: f64,
    /// Drop respondents whose share of I answers exceeds this (0…1), or CX_KANO_NO_LIMIT.
    pub max_indifferent: f64,
}

/// The default KANO options: 5-point form, NaN raises, no cleaning.
#[no_mangle]
pub extern "C" fn cx_kano_options_default() -> cx_kano_options {
    // The core's defaults, not a copy of them.
    let d = KanoOptions::default();
    cx_kano_options {
        form: match d.form {
            AnswerForm::Full => CX_KANO_FULL,
            AnswerForm::Short => CX_KANO_SHORT,
        },
        nan_policy: crate::survey::nan_policy_code(d.nan_policy),
        max_questionable: d.max_questionable.unwrap_or(CX_KANO_NO_LIMIT),
        max_indifferent: d.max_indifferent.unwrap_or(CX_KANO_NO_LIMIT),
    }
}

impl cx_kano_options {
    fn resolve(options: *const cx_kano_options) -> Result<KanoOptions, Failure> {
        // SAFETY: `options` is NULL or valid by the entry point's contract.
        let o = unsafe { options.as_ref() }
            .copied()
            .unwrap_or_else(|| cx_kano_options_default());
        let form = match o.form {
            CX_KANO_FULL => AnswerForm::Full,
            CX_KANO_SHORT => AnswerForm::Short,
            other => {
                return Err(Failure::Core(Error::InvalidParameter {
                    name: "form",
                    reason: format!("{other} is not one of CX_KANO_FULL, CX_KANO_SHORT"),
                }))
            }
        };
        let limit = |x: f64| (x != CX_KANO_NO_LIMIT).then_some(x);
        Ok(KanoOptions {
            form,
            nan_policy: nan_policy(o.nan_policy)?,
            max_questionable: limit(o.max_questionable),
            max_indifferent: limit(o.max_indifferent),
        })
    }
}

/// The verdict on one feature. Undefined values are NaN and flagged: `better_defined` (for
/// better and worse), `chi_square_defined`, `continuous_defined` (DuMouchel scores, absent
/// from counts alone) and `importance_given` (weighted scores, importance, refined).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_kano_feature {
    /// Answers per category, in the order A, O, M, I, R, Q.
    pub counts: [u64; 6],
    /// All answers.
    pub n: u64,
    /// Most frequent category.
    pub mode: cx_kano_category,
    /// The M > O > A > I rule's category.
    pub rule_category: cx_kano_category,
    /// The (O + A + M) vs (I + R + Q) rule's category.
    pub oam_category: cx_kano_category,
    /// The final category.
    pub category: cx_kano_category,
    /// The rule that decided `category`.
    pub decided_by: cx_kano_rule,
    /// Share of the first minus share of the second category.
    pub category_strength: f64,
    /// Share of A + O + M.
    pub total_strength: f64,
    /// Whether better and worse are defined (A + O + M + I > 0).
    pub better_defined: bool,
    /// (A + O)/(A + O + M + I), or NaN.
    pub better: f64,
    /// −(O + M)/(A + O + M + I), or NaN.
    pub worse: f64,
    /// Fong: the most frequent of A, O, M, I, R.
    pub fong_first: cx_kano_category,
    /// Fong: the second.
    pub fong_second: cx_kano_category,
    /// Fong: |a − b|.
    pub fong_difference: f64,
    /// Fong: 1.65·√((a + b)(2n − a − b)/(2n)).
    pub fong_critical: f64,
    /// Fong: significant.
    pub fong_significant: bool,
    /// Whether the chi-square test is defined (A + O + M + I > 0).
    pub chi_square_defined: bool,
    /// Chi-square statistic of A, O, M, I against equal shares, or NaN.
    pub chi_square: f64,
    /// Its p-value (3 df), or NaN.
    pub chi_square_p: f64,
    /// Whether DuMouchel's scores were computed (not from counts alone).
    pub continuous_defined: bool,
    /// Mean functional score, or NaN.
    pub functional: f64,
    /// Mean dysfunctional score, or NaN.
    pub dysfunctional: f64,
    /// Whether importance was given for this feature.
    pub importance_given: bool,
    /// Importance-weighted functional score, or NaN.
    pub functional_weighted: f64,
    /// Importance-weighted dysfunctional score, or NaN.
    pub dysfunctional_weighted: f64,
    /// Mean importance, or NaN.
    pub importance: f64,
    /// Yang's refined category, or CX_KANO_MISSING.
    pub refined: cx_kano_refined,
}

impl From<&core::KanoFeature> for cx_kano_feature {
    fn from(f: &core::KanoFeature) -> Self {
        let nan = f64::NAN;
        let code = |c: core::KanoCategory| c as u8;
        let cont = f.continuous;
        let weighted = cont.and_then(|c| c.importance);
        cx_kano_feature {
            counts: f.counts.as_array(),
            n: f.n,
            mode: code(f.mode),
            rule_category: code(f.rule_category),
            oam_category: code(f.oam_category),
            category: code(f.category),
            decided_by: rule_code(f.decided_by),
            category_strength: f.category_strength,
            total_strength: f.total_strength,
            better_defined: f.better.is_some(),
            better: f.better.unwrap_or(nan),
            worse: f.worse.unwrap_or(nan),
            fong_first: code(f.fong.first),
            fong_second: code(f.fong.second),
            fong_difference: f.fong.difference,
            fong_critical: f.fong.critical,
            fong_significant: f.fong.significant,
            chi_square_defined: f.chi_square.is_some(),
            chi_square: f.chi_square.map_or(nan, |c| c.statistic),
            chi_square_p: f.chi_square.map_or(nan, |c| c.p_value),
            continuous_defined: cont.is_some(),
            functional: cont.map_or(nan, |c| c.functional),
            dysfunctional: cont.map_or(nan, |c| c.dysfunctional),
            importance_given: weighted.is_some(),
            functional_weighted: cont.and_then(|c| c.functional_weighted).unwrap_or(nan),
            dysfunctional_weighted: cont.and_then(|c| c.dysfunctional_weighted).unwrap_or(nan),
            importance: weighted.unwrap_or(nan),
            refined: cont
                .and_then(|c| c.refined)
                .map_or(CX_KANO_MISSING, |r| r as u8),
        }
    }
}

/// The C code of the rule that decided a category.
fn rule_code(rule: KanoRule) -> cx_kano_rule {
    match rule {
        KanoRule::Fong => CX_KANO_RULE_FONG,
        KanoRule::Priority => CX_KANO_RULE_PRIORITY,
        KanoRule::Only => CX_KANO_RULE_ONLY,
    }
}

/// Totals of a cx_kano_analyze call.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_kano_summary {
    /// Respondents given.
    pub respondents: u64,
    /// Respondents dropped by the cleaning limits.
    pub dropped: u64,
    /// The importance splitting Yang's refined categories, or NaN without importance.
    pub importance_cut: f64,
}

/// A respondents × features row-major matrix view of `len` values at `ptr`.
///
/// # Safety
/// `ptr` is NULL or valid for `respondents * features` values.
unsafe fn matrix<'a, T>(
    ptr: *const T,
    respondents: usize,
    features: usize,
    name: &'static str,
) -> Result<ArrayView2<'a, T>, Failure> {
    let len = respondents.checked_mul(features).ok_or_else(|| {
        Failure::Core(Error::InvalidParameter {
            name: "respondents",
            reason: "respondents × features overflows".into(),
        })
    })?;
    // SAFETY: forwarded caller contract.
    let values = unsafe { slice(ptr, len, name) }?;
    Ok(ArrayView2::from_shape((respondents, features), values).expect("length checked"))
}

/// The classify entry points' body, for answers of any type the core reads.
///
/// # Safety
/// As for cx_kano_classify, with the matrices valid for respondents × features values of `S`.
unsafe fn classify_of<S: Score>(
    function: &'static str,
    functional: *const S,
    dysfunctional: *const S,
    respondents: usize,
    features: usize,
    options: *const cx_kano_options,
    out_categories: *mut cx_kano_category,
) -> cx_status {
    guard(function, || {
        // SAFETY: caller contract.
        let (f, d) = unsafe {
            (
                matrix(functional, respondents, features, "functional")?,
                matrix(dysfunctional, respondents, features, "dysfunctional")?,
            )
        };
        if out_categories.is_null() {
            return Err(Failure::Null("out_categories"));
        }
        let categories = core::classify_all(f, d, &cx_kano_options::resolve(options)?)?;
        // SAFETY: non-NULL and valid for respondents × features bytes (caller contract).
        let out = unsafe { std::slice::from_raw_parts_mut(out_categories, f.len()) };
        for (o, c) in out.iter_mut().zip(categories.iter()) {
            *o = c.map_or(CX_KANO_MISSING, |c| c as u8);
        }
        Ok(())
    })
}

/// Classifies every answer pair of two row-major respondents × features matrices of
/// positions (NaN = missing) into `out_categories` (respondents × features codes,
/// CX_KANO_MISSING where an answer is missing under CX_NAN_OMIT). `options` may be NULL.
///
/// # Safety
/// `functional`, `dysfunctional` valid for respondents × features doubles; `out_categories`
/// valid for as many bytes; `options` NULL or valid.
#[no_mangle]
pub unsafe extern "C" fn cx_kano_classify(
    functional: *const f64,
    dysfunctional: *const f64,
    respondents: usize,
    features: usize,
    options: *const cx_kano_options,
    out_categories: *mut cx_kano_category,
) -> cx_status {
    // SAFETY: forwarded caller contract.
    unsafe {
        classify_of(
            "cx_kano_classify",
            functional,
            dysfunctional,
            respondents,
            features,
            options,
            out_categories,
        )
    }
}

/// cx_kano_classify of 32-bit integer answer positions (no missing answers).
///
/// # Safety
/// As for cx_kano_classify, with the matrices valid for respondents × features int32 values.
#[no_mangle]
pub unsafe extern "C" fn cx_kano_classify_int32(
    functional: *const i32,
    dysfunctional: *const i32,
    respondents: usize,
    features: usize,
    options: *const cx_kano_options,
    out_categories: *mut cx_kano_category,
) -> cx_status {
    // SAFETY: forwarded caller contract.
    unsafe {
        classify_of(
            "cx_kano_classify_int32",
            functional,
            dysfunctional,
            respondents,
            features,
            options,
            out_categories,
        )
    }
}

/// cx_kano_classify of byte answer positions (no missing answers).
///
/// # Safety
/// As for cx_kano_classify, with the matrices valid for respondents × features bytes.
#[no_mangle]
pub unsafe extern "C" fn cx_kano_classify_uint8(
    functional: *const u8,
    dysfunctional: *const u8,
    respondents: usize,
    features: usize,
    options: *const cx_kano_options,
    out_categories: *mut cx_kano_category,
) -> cx_status {
    // SAFETY: forwarded caller contract.
    unsafe {
        classify_of(
            "cx_kano_classify_uint8",
            functional,
            dysfunctional,
            respondents,
            features,
            options,
            out_categories,
        )
    }
}

/// The verdict on one feature from its counts of A, O, M, I, R and Q answers.
///
/// # Safety
/// `out_feature` valid for a write.
#[no_mangle]
pub unsafe extern "C" fn cx_kano_from_counts(
    a: u64,
    o: u64,
    m: u64,
    i: u64,
    r: u64,
    q: u64,
    out_feature: *mut cx_kano_feature,
) -> cx_status {
    guard("cx_kano_from_counts", || {
        // SAFETY: caller contract.
        let result = unsafe { out(out_feature, "out_feature") }?;
        let f = core::from_counts(core::KanoCounts::new(a, o, m, i, r, q))?;
        *result = (&f).into();
        Ok(())
    })
}

/// The analyze entry points' body, for answers of any type the core reads.
///
/// # Safety
/// As for cx_kano_analyze, with the answer matrices valid for respondents × features values
/// of `S`.
#[allow(clippy::too_many_arguments)]
unsafe fn analyze_of<S: Score>(
    function: &'static str,
    functional: *const S,
    dysfunctional: *const S,
    importance: *const f64,
    respondents: usize,
    features: usize,
    options: *const cx_kano_options,
    out_features: *mut cx_kano_feature,
    out_len: usize,
    out_summary: *mut cx_kano_summary,
) -> cx_status {
    guard(function, || {
        // SAFETY: caller contract.
        let (f, d) = unsafe {
            (
                matrix(functional, respondents, features, "functional")?,
                matrix(dysfunctional, respondents, features, "dysfunctional")?,
            )
        };
        let w = if importance.is_null() {
            None
        } else {
            // SAFETY: caller contract.
            Some(unsafe { matrix(importance, respondents, features, "importance") }?)
        };
        if out_features.is_null() {
            return Err(Failure::Null("out_features"));
        }
        if out_len < features {
            return Err(Failure::BufferTooSmall {
                needed: features,
                capacity: out_len,
            });
        }
        let table = core::analyze(f, d, w, &cx_kano_options::resolve(options)?)?;
        // SAFETY: non-NULL and valid for `out_len` ≥ features entries (caller contract).
        let out = unsafe { std::slice::from_raw_parts_mut(out_features, features) };
        for (o, feature) in out.iter_mut().zip(&table.features) {
            *o = feature.into();
        }
        // SAFETY: caller contract.
        if let Some(summary) = unsafe { out_summary.as_mut() } {
            *summary = cx_kano_summary {
                respondents: table.respondents as u64,
                dropped: table.dropped as u64,
                importance_cut: table.importance_cut.unwrap_or(f64::NAN),
            };
        }
        Ok(())
    })
}

/// Analyses a questionnaire: row-major respondents × features matrices of functional and
/// dysfunctional positions (NaN = missing) and optional `importance` (NULL, or the same
/// shape, NaN = not given). Writes one cx_kano_feature per feature into the caller's
/// `out_features` array of `out_len` entries (CX_BUFFER_TOO_SMALL when `out_len` <
/// `features`) and, when `out_summary` is not NULL, the totals. `options` may be NULL.
///
/// # Safety
/// Matrices valid for respondents × features doubles; `out_features` valid for `out_len`
/// entries; `options`, `out_summary` NULL or valid.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn cx_kano_analyze(
    functional: *const f64,
    dysfunctional: *const f64,
    importance: *const f64,
    respondents: usize,
    features: usize,
    options: *const cx_kano_options,
    out_features: *mut cx_kano_feature,
    out_len: usize,
    out_summary: *mut cx_kano_summary,
) -> cx_status {
    // SAFETY: forwarded caller contract.
    unsafe {
        analyze_of(
            "cx_kano_analyze",
            functional,
            dysfunctional,
            importance,
            respondents,
            features,
            options,
            out_features,
            out_len,
            out_summary,
        )
    }
}

/// cx_kano_analyze of 32-bit integer answer positions (no missing answers; importance stays
/// double, NaN = not given).
///
/// # Safety
/// As for cx_kano_analyze, with the answer matrices valid for respondents × features int32
/// values.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn cx_kano_analyze_int32(
    functional: *const i32,
    dysfunctional: *const i32,
    importance: *const f64,
    respondents: usize,
    features: usize,
    options: *const cx_kano_options,
    out_features: *mut cx_kano_feature,
    out_len: usize,
    out_summary: *mut cx_kano_summary,
) -> cx_status {
    // SAFETY: forwarded caller contract.
    unsafe {
        analyze_of(
            "cx_kano_analyze_int32",
            functional,
            dysfunctional,
            importance,
            respondents,
            features,
            options,
            out_features,
            out_len,
            out_summary,
        )
    }
}

/// cx_kano_analyze of byte answer positions (no missing answers; importance stays double).
///
/// # Safety
/// As for cx_kano_analyze, with the answer matrices valid for respondents × features bytes.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn cx_kano_analyze_uint8(
    functional: *const u8,
    dysfunctional: *const u8,
    importance: *const f64,
    respondents: usize,
    features: usize,
    options: *const cx_kano_options,
    out_features: *mut cx_kano_feature,
    out_len: usize,
    out_summary: *mut cx_kano_summary,
) -> cx_status {
    // SAFETY: forwarded caller contract.
    unsafe {
        analyze_of(
            "cx_kano_analyze_uint8",
            functional,
            dysfunctional,
            importance,
            respondents,
            features,
            options,
            out_features,
            out_len,
            out_summary,
        )
    }
}

/// The name of a category code: "attractive", "one-dimensional", "must-be", "indifferent",
/// "reverse", "questionable"; "missing" for CX_KANO_MISSING, "unknown category" for any other
/// code. Static: do not free it.
#[no_mangle]
pub extern "C" fn cx_kano_category_str(category: cx_kano_category) -> *const c_char {
    static NAMES: OnceLock<Vec<CString>> = OnceLock::new();
    let names = c_names(&NAMES, || {
        KanoCategory::ALL.iter().map(|c| c.name()).collect()
    });
    match names.get(usize::from(category)) {
        Some(name) => name.as_ptr(),
        None if category == CX_KANO_MISSING => c"missing".as_ptr(),
        None => c"unknown category".as_ptr(),
    }
}

/// The one-letter code of a category: "A", "O", "M", "I", "R" or "Q"; "" for
/// CX_KANO_MISSING and any other code. Static: do not free it.
#[no_mangle]
pub extern "C" fn cx_kano_category_letter(category: cx_kano_category) -> *const c_char {
    static LETTERS: OnceLock<Vec<CString>> = OnceLock::new();
    let letters = c_names(&LETTERS, || {
        KanoCategory::ALL.iter().map(|c| c.letter()).collect()
    });
    letters
        .get(usize::from(category))
        .map_or(c"".as_ptr(), |l| l.as_ptr())
}

/// The name of a refined category code ("highly_attractive" … "care_free", as the report and
/// Python name them); "missing" for CX_KANO_MISSING, "unknown refined category" otherwise.
/// Static: do not free it.
#[no_mangle]
pub extern "C" fn cx_kano_refined_str(refined: cx_kano_refined) -> *const c_char {
    static NAMES: OnceLock<Vec<CString>> = OnceLock::new();
    let names = c_names(&NAMES, || {
        RefinedCategory::NAMES.iter().map(|(_, n)| *n).collect()
    });
    match RefinedCategory::NAMES
        .iter()
        .position(|(r, _)| *r as u8 == refined)
    {
        Some(i) => names[i].as_ptr(),
        None if refined == CX_KANO_MISSING => c"missing".as_ptr(),
        None => c"unknown refined category".as_ptr(),
    }
}

/// The name of the rule that decided a category ("fong", "m>o>a>i" or "only", as the report
/// and Python name them); "unknown rule" for any other code. Static: do not free it.
#[no_mangle]
pub extern "C" fn cx_kano_rule_str(rule: cx_kano_rule) -> *const c_char {
    static NAMES: OnceLock<Vec<CString>> = OnceLock::new();
    let names = c_names(&NAMES, || KanoRule::NAMES.iter().map(|(_, n)| *n).collect());
    match KanoRule::NAMES
        .iter()
        .position(|(r, _)| rule_code(*r) == rule)
    {
        Some(i) => names[i].as_ptr(),
        None => c"unknown rule".as_ptr(),
    }
}
