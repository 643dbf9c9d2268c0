//! The whole questionnaire: classify every answer pair, clean respondents, count per feature,
//! score continuously, and give the verdict per feature (optionally per segment).

use ndarray::{s, Array2, ArrayView2};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::answer::{Answer, AnswerForm, Coded};
use super::category::{classify, KanoCategory, KanoCounts};
use super::continuous::{ContinuousSums, RefinedCategory};
use super::verdict::KanoFeature;
use crate::survey::{NanPolicy, Score};
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

/// Per-feature sums of one group of respondents.
#[derive(Debug, Clone, Default)]
struct Sums {
    counts: Vec<KanoCounts>,
    continuous: Vec<ContinuousSums>,
    respondents: usize,
    dropped: usize,
}

impl Sums {
    fn new(features: usize) -> Sums {
        Sums {
            counts: vec![KanoCounts::default(); features],
            continuous: vec![ContinuousSums::default(); features],
            ..Sums::default()
        }
    }

    fn merge(&mut self, o: &Sums) {
        for (a, b) in self.counts.iter_mut().zip(&o.counts) {
            a.merge(b);
        }
        for (a, b) in self.continuous.iter_mut().zip(&o.continuous) {
            a.merge(b);
        }
        self.respondents += o.respondents;
        self.dropped += o.dropped;
    }

    fn finish(self) -> Result<KanoTable> {
        let mut features = Vec::with_capacity(self.counts.len());
        for (j, (counts, sums)) in self.counts.iter().zip(&self.continuous).enumerate() {
            let mut f = KanoFeature::from_counts(*counts, j)?;
            f.continuous = Some(sums.finish());
            features.push(f);
        }
        let importances: Vec<f64> = self
            .continuous
            .iter()
            .filter_map(ContinuousSums::importance)
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
fn check_inputs<S>(
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
                AnswerForm::Full => "a position 1..=5",
                AnswerForm::Short => "a position 1..=3",
            },
        }),
    };
    let (f, d) = (one(f)?, one(d)?);
    Ok(f.zip(d))
}

/// One classified answer pair with its DuMouchel scores and importance.
#[derive(Clone, Copy)]
struct Cell {
    category: KanoCategory,
    functional: f64,
    dysfunctional: f64,
    importance: Option<f64>,
}

/// Folds the rows `offset..offset + f.nrows()` into `groups[group_of(row)]`.
fn fold_rows<S: Score>(
    f: ArrayView2<S>,
    d: ArrayView2<S>,
    w: Option<ArrayView2<f64>>,
    offset: usize,
    options: &KanoOptions,
    groups: &mut [Sums],
    group_of: &dyn Fn(usize) -> usize,
) -> Result<()> {
    let features = f.ncols();
    let mut row_buf: Vec<Option<Cell>> = Vec::with_capacity(features);
    for r in 0..f.nrows() {
        let row = offset + r;
        row_buf.clear();
        let (mut answered, mut q, mut i) = (0usize, 0usize, 0usize);
        for j in 0..features {
            let pair = decode_pair(f[[r, j]], d[[r, j]], row, j, options)?;
            let importance = match w {
                Some(w) => importance_at(w[[r, j]], row, j)?,
                None => None,
            };
            row_buf.push(pair.map(|(fa, da)| {
                let category = classify(fa, da);
                answered += 1;
                q += usize::from(category == KanoCategory::Q);
                i += usize::from(category == KanoCategory::I);
                Cell {
                    category,
                    functional: fa.functional_score(),
                    dysfunctional: da.dysfunctional_score(),
                    importance,
                }
            }));
        }
        let sums = &mut groups[group_of(row)];
        sums.respondents += 1;
        let exceeds = |k: usize, limit: Option<f64>| {
            limit.is_some_and(|l| answered > 0 && k as f64 / answered as f64 > l)
        };
        if exceeds(q, options.max_questionable) || exceeds(i, options.max_indifferent) {
            sums.dropped += 1;
            continue;
        }
        for (j, cell) in row_buf.iter().enumerate() {
            if let Some(c) = cell {
                sums.counts[j].add(c.category);
                sums.continuous[j].add(c.functional, c.dysfunctional, c.importance);
            }
        }
    }
    Ok(())
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
fn fold<S: Score>(
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
    let mut groups = fold(functional, dysfunctional, importance, options, 1, &|_| 0)?;
    groups.remove(0).finish()
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
        .into_iter()
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
    for ((r, j), cell) in out.indexed_iter_mut() {
        *cell = decode_pair(functional[[r, j]], dysfunctional[[r, j]], r, j, options)?
            .map(|(f, d)| classify(f, d));
    }
    Ok(out)
}
