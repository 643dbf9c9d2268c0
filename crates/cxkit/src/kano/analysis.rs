//! The whole questionnaire: classify every answer pair, clean respondents, count per feature,
//! score continuously, and give the verdict per feature (optionally per segment).

use ndarray::{s, Array2, ArrayView2, Axis};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::answer::{Answer, AnswerForm, Coded};
use super::category::{classify, pair_category, KanoCategory, KanoCounts};
use super::continuous::{continuous, ImportanceSums, RefinedCategory};
use super::verdict::KanoFeature;
use crate::scale::{NanPolicy, Score};
use crate::{Error, Result};

/// Respondents per parallel chunk.
const ROWS: usize = 4096;

/// Options for [`analyze`], [`analyze_by_segment`] and [`classify_all`].
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct KanoOptions {
    /// The questionnaire form the answer positions refer to. Default 5-point.
    pub form: AnswerForm,
    /// What to do with a missing answer (NaN): raise (default), or omit that feature's pair
    /// for that respondent.
    pub nan_policy: NanPolicy,
    /// Drop respondents whose share of Q (questionable) answers exceeds this fraction.
    pub max_questionable: Option<f64>,
    /// Drop respondents whose share of I (indifferent) answers exceeds this fraction.
    pub max_indifferent: Option<f64>,
}

/// The analysis of a KANO questionnaire: one verdict per feature (column).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KanoTable {
    /// One verdict per feature, in column order, with continuous scores.
    pub features: Vec<KanoFeature>,
    /// Respondents (rows) given.
    pub respondents: usize,
    /// Respondents dropped by the Q / I cleaning rules.
    pub dropped: usize,
    /// The importance that splits Yang's refined categories: the mean of the features' mean
    /// importances (None without importance).
    pub importance_cut: Option<f64>,
}

/// Marks a missing answer pair in the chunk buffer.
const MISSING: u8 = u8::MAX;

/// Per-feature sums of one group of respondents: how often each of the 25 answer pairs
/// occurred (categories and DuMouchel scores follow from these), and importance sums.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Sums {
    pub(crate) pairs: Vec<[u64; 25]>,
    importance: Vec<ImportanceSums>,
    pub(crate) respondents: usize,
    dropped: usize,
}

impl Sums {
    pub(crate) fn new(features: usize) -> Sums {
        Sums {
            pairs: vec![[0; 25]; features],
            importance: vec![ImportanceSums::default(); features],
            ..Sums::default()
        }
    }

    pub(crate) fn merge(&mut self, o: &Sums) {
        for (a, b) in self.pairs.iter_mut().zip(&o.pairs) {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
        for (a, b) in self.importance.iter_mut().zip(&o.importance) {
            a.merge(b);
        }
        self.respondents += o.respondents;
        self.dropped += o.dropped;
    }

    pub(crate) fn finish(&self) -> Result<KanoTable> {
        let mut features = Vec::with_capacity(self.pairs.len());
        for (j, (pairs, importance)) in self.pairs.iter().zip(&self.importance).enumerate() {
            let mut f = KanoFeature::from_counts(KanoCounts::from_pairs(pairs), j)?;
            f.continuous = Some(continuous(pairs, importance));
            features.push(f);
        }
        let importances: Vec<f64> = self
            .importance
            .iter()
            .filter_map(ImportanceSums::importance)
            .collect();
        let importance_cut = (!importances.is_empty())
            .then(|| importances.iter().sum::<f64>() / importances.len() as f64);
        if let Some(cut) = importance_cut {
            for f in &mut features {
                let category = f.category;
                if let Some(c) = f.continuous.as_mut() {
                    c.refined = c
                        .importance
                        .and_then(|imp| RefinedCategory::refine(category, imp >= cut));
                }
            }
        }
        Ok(KanoTable {
            features,
            respondents: self.respondents,
            dropped: self.dropped,
            importance_cut,
        })
    }
}

/// Checks shapes and options shared by every entry point.
pub(crate) fn check_inputs<S>(
    functional: &ArrayView2<S>,
    dysfunctional: &ArrayView2<S>,
    importance: Option<&ArrayView2<f64>>,
    options: &KanoOptions,
) -> Result<()> {
    let shape = functional.dim();
    let mismatch = |what, other: (usize, usize)| Error::LengthMismatch {
        what,
        expected: shape.0 * shape.1,
        actual: other.0 * other.1,
    };
    if dysfunctional.dim() != shape {
        return Err(mismatch(
            "dysfunctional answers (same respondents × features as functional)",
            dysfunctional.dim(),
        ));
    }
    if let Some(w) = importance {
        if w.dim() != shape {
            return Err(mismatch(
                "importance (same respondents × features as functional)",
                w.dim(),
            ));
        }
    }
    if shape.1 == 0 {
        return Err(Error::EmptyInput { what: "features" });
    }
    for (name, limit) in [
        ("max_questionable", options.max_questionable),
        ("max_indifferent", options.max_indifferent),
    ] {
        if let Some(x) = limit {
            if !(0.0..=1.0).contains(&x) {
                return Err(Error::InvalidParameter {
                    name,
                    reason: format!("must be a share between 0 and 1, got {x}"),
                });
            }
        }
    }
    Ok(())
}

/// The pair of answers in one cell, or None when missing (under nan_policy omit).
fn decode_pair<S: Score>(
    f: S,
    d: S,
    row: usize,
    feature: usize,
    options: &KanoOptions,
) -> Result<Option<(Answer, Answer)>> {
    let one = |code: S| match Answer::decode(code, options.form) {
        Coded::Answer(a) => Ok(Some(a)),
        Coded::Missing if options.nan_policy == NanPolicy::Omit => Ok(None),
        Coded::Missing => Err(Error::MissingAnswer {
            respondent: row,
            feature,
        }),
        Coded::Invalid => Err(Error::InvalidAnswer {
            respondent: row,
            feature,
            value: code.to_f64().to_string(),
            expected: match options.form {
                AnswerForm::Full => "a position 1 to 5",
                AnswerForm::Short => "a position 1 to 3",
            },
        }),
    };
    let (f, d) = (one(f)?, one(d)?);
    Ok(f.zip(d))
}

/// The pair code 5·f + d of one cell, MISSING for a pair skipped under nan_policy omit, or
/// Err(()) for a cell that is an error (found again, in order, by `first_error`).
#[inline]
fn pair_code<S: Score>(f: S, d: S, options: &KanoOptions) -> Result<u8, ()> {
    match (
        Answer::decode(f, options.form),
        Answer::decode(d, options.form),
    ) {
        (Coded::Answer(f), Coded::Answer(d)) => Ok(f as u8 * 5 + d as u8),
        (Coded::Invalid, _) | (_, Coded::Invalid) => Err(()),
        _ if options.nan_policy == NanPolicy::Omit => Ok(MISSING),
        _ => Err(()),
    }
}

/// The first error of a chunk in row-major order (respondent, then feature).
fn first_error<S: Score>(
    f: ArrayView2<S>,
    d: ArrayView2<S>,
    offset: usize,
    options: &KanoOptions,
) -> Error {
    for ((r, j), &fv) in f.indexed_iter() {
        if let Err(e) = decode_pair(fv, d[[r, j]], offset + r, j, options) {
            return e;
        }
    }
    unreachable!("first_error is called only on a chunk with an error")
}

/// Folds the rows `offset..offset + f.nrows()` into `groups[group_of(row)]`: codes every
/// cell feature by feature (cache-friendly for row- and column-major input alike), applies the
/// cleaning rules per respondent, then counts answer pairs.
fn fold_rows<S: Score>(
    f: ArrayView2<S>,
    d: ArrayView2<S>,
    w: Option<ArrayView2<f64>>,
    offset: usize,
    options: &KanoOptions,
    groups: &mut [Sums],
    group_of: &dyn Fn(usize) -> usize,
) -> Result<()> {
    let (rows, features) = f.dim();
    let mut codes = vec![MISSING; rows * features];
    for j in 0..features {
        let (fc, dc) = (f.column(j), d.column(j));
        for r in 0..rows {
            match pair_code(fc[r], dc[r], options) {
                Ok(code) => codes[r * features + j] = code,
                Err(()) => return Err(first_error(f, d, offset, options)),
            }
        }
    }
    let cleaning = options.max_questionable.is_some() || options.max_indifferent.is_some();
    for (r, row) in codes.chunks_exact(features).enumerate() {
        let sums = &mut groups[group_of(offset + r)];
        sums.respondents += 1;
        if cleaning && exceeds_limits(row, options) {
            sums.dropped += 1;
            continue;
        }
        for (pairs, &code) in sums.pairs.iter_mut().zip(row) {
            if code != MISSING {
                pairs[code as usize] += 1;
            }
        }
        if let Some(w) = w {
            for (j, &code) in row.iter().enumerate() {
                if code != MISSING {
                    if let Some(x) = importance_at(w[[r, j]], offset + r, j)? {
                        sums.importance[j].add(x, code as usize);
                    }
                }
            }
        }
    }
    Ok(())
}

/// Whether a respondent's share of Q (or I) answers exceeds the cleaning limits.
fn exceeds_limits(row: &[u8], options: &KanoOptions) -> bool {
    let (mut answered, mut q, mut i) = (0usize, 0usize, 0usize);
    for &code in row.iter().filter(|&&c| c != MISSING) {
        answered += 1;
        match pair_category(code as usize) {
            KanoCategory::Q => q += 1,
            KanoCategory::I => i += 1,
            _ => {}
        }
    }
    let over = |k: usize, limit: Option<f64>| {
        limit.is_some_and(|l| answered > 0 && k as f64 / answered as f64 > l)
    };
    over(q, options.max_questionable) || over(i, options.max_indifferent)
}

fn importance_at(value: f64, respondent: usize, feature: usize) -> Result<Option<f64>> {
    if value.is_nan() {
        Ok(None)
    } else if value.is_finite() && value >= 0.0 {
        Ok(Some(value))
    } else {
        Err(Error::InvalidParameter {
            name: "importance",
            reason: format!(
                "importance {value} of respondent {respondent} to feature {feature} is not a finite non-negative number (NaN marks a missing one)"
            ),
        })
    }
}

/// Folds all rows in parallel chunks, merged in order (deterministic sums and first error).
pub(crate) fn fold<S: Score>(
    f: ArrayView2<S>,
    d: ArrayView2<S>,
    w: Option<ArrayView2<f64>>,
    options: &KanoOptions,
    n_groups: usize,
    group_of: &(dyn Fn(usize) -> usize + Sync),
) -> Result<Vec<Sums>> {
    let rows = f.nrows();
    let features = f.ncols();
    let chunks: Vec<usize> = (0..rows.div_ceil(ROWS)).collect();
    let parts: Vec<Result<Vec<Sums>>> = chunks
        .par_iter()
        .map(|&c| {
            let (lo, hi) = (c * ROWS, ((c + 1) * ROWS).min(rows));
            let mut groups = vec![Sums::new(features); n_groups];
            fold_rows(
                f.slice(s![lo..hi, ..]),
                d.slice(s![lo..hi, ..]),
                w.map(|w| w.slice_move(s![lo..hi, ..])),
                lo,
                options,
                &mut groups,
                group_of,
            )?;
            Ok(groups)
        })
        .collect();
    let mut total = vec![Sums::new(features); n_groups];
    for part in parts {
        for (t, p) in total.iter_mut().zip(&part?) {
            t.merge(p);
        }
    }
    Ok(total)
}

/// Analyses a questionnaire: `functional` and `dysfunctional` answers are respondents ×
/// features (any strides, any numeric type, positions of `options.form`); `importance`
/// optional self-stated importance of the same shape (NaN = not given).
///
/// ```
/// use cxkit::kano::{analyze, KanoCategory, KanoOptions};
/// use ndarray::array;
///
/// // Three respondents, two features: feature 0 is wanted (like / dislike → O),
/// // feature 1 expected (neutral / dislike → M).
/// let functional = array![[1, 3], [1, 3], [1, 2]];
/// let dysfunctional = array![[5, 5], [5, 5], [5, 5]];
/// let t = analyze(functional.view(), dysfunctional.view(), None, &KanoOptions::default())?;
/// assert_eq!(t.features[0].category, KanoCategory::O);
/// assert_eq!(t.features[1].category, KanoCategory::M);
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn analyze<S: Score>(
    functional: ArrayView2<S>,
    dysfunctional: ArrayView2<S>,
    importance: Option<ArrayView2<f64>>,
    options: &KanoOptions,
) -> Result<KanoTable> {
    check_inputs(&functional, &dysfunctional, importance.as_ref(), options)?;
    let groups = fold(functional, dysfunctional, importance, options, 1, &|_| 0)?;
    groups[0].finish()
}

/// [`analyze`] per segment in the same pass: `segments[r]` is respondent r's segment code,
/// 0 to k − 1 with every code used. Returns the table of all respondents and one table per
/// code.
///
/// ```
/// use cxkit::kano::{analyze_by_segment, KanoCategory, KanoOptions};
/// use ndarray::array;
///
/// let functional = array![[1], [1], [3], [3]];
/// let dysfunctional = array![[3], [3], [5], [5]];
/// let (all, by) = analyze_by_segment(functional.view(), dysfunctional.view(), None,
///                                    &[0, 0, 1, 1], &KanoOptions::default())?;
/// assert_eq!(all.respondents, 4);
/// assert_eq!(by[0].features[0].category, KanoCategory::A);
/// assert_eq!(by[1].features[0].category, KanoCategory::M);
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn analyze_by_segment<S: Score>(
    functional: ArrayView2<S>,
    dysfunctional: ArrayView2<S>,
    importance: Option<ArrayView2<f64>>,
    segments: &[usize],
    options: &KanoOptions,
) -> Result<(KanoTable, Vec<KanoTable>)> {
    check_inputs(&functional, &dysfunctional, importance.as_ref(), options)?;
    if segments.len() != functional.nrows() {
        return Err(Error::LengthMismatch {
            what: "segments (one per respondent)",
            expected: functional.nrows(),
            actual: segments.len(),
        });
    }
    let k = segments.iter().max().map_or(0, |m| m + 1);
    if k > segments.len() {
        return Err(unused_segment(segments.len()));
    }
    let groups = fold(functional, dysfunctional, importance, options, k, &|r| {
        segments[r]
    })?;
    if let Some(c) = groups.iter().position(|g| g.respondents == 0) {
        return Err(unused_segment(c));
    }
    let mut whole = Sums::new(functional.ncols());
    for g in &groups {
        whole.merge(g);
    }
    let tables = groups
        .iter()
        .map(Sums::finish)
        .collect::<Result<Vec<_>>>()?;
    Ok((whole.finish()?, tables))
}

fn unused_segment(code: usize) -> Error {
    Error::InvalidParameter {
        name: "segments",
        reason: format!(
            "codes must run from 0 to k − 1 with every code used; code {code} has no respondents"
        ),
    }
}

/// Classifies every answer pair: the result has the answers' shape, None where an answer is
/// missing (under nan_policy omit).
///
/// ```
/// use cxkit::kano::{classify_all, KanoCategory, KanoOptions};
/// use ndarray::array;
///
/// let c = classify_all(array![[1, 2]].view(), array![[5, 5]].view(), &KanoOptions::default())?;
/// assert_eq!(c[[0, 0]], Some(KanoCategory::O));
/// assert_eq!(c[[0, 1]], Some(KanoCategory::M));
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn classify_all<S: Score>(
    functional: ArrayView2<S>,
    dysfunctional: ArrayView2<S>,
    options: &KanoOptions,
) -> Result<Array2<Option<KanoCategory>>> {
    check_inputs(&functional, &dysfunctional, None, options)?;
    let mut out = Array2::from_elem(functional.dim(), None);
    let parts: Vec<Result<()>> = out
        .axis_chunks_iter_mut(Axis(0), ROWS)
        .into_par_iter()
        .enumerate()
        .map(|(c, mut chunk)| {
            for ((r, j), cell) in chunk.indexed_iter_mut() {
                let row = c * ROWS + r;
                *cell = decode_pair(
                    functional[[row, j]],
                    dysfunctional[[row, j]],
                    row,
                    j,
                    options,
                )?
                .map(|(f, d)| classify(f, d));
            }
            Ok(())
        })
        .collect();
    parts.into_iter().collect::<Result<()>>()?;
    Ok(out)
}
