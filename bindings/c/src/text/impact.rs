//! What topics cost, over C (binds `cxkit::text::{TopicAccumulator, ImpactOptions}`): the
//! mergeable topic accumulator handle (comments in, merge, versioned bytes) and its result
//! per topic into a caller-sized array.

use std::ffi::c_char;

use cxkit_core::scale::Scale;
use cxkit_core::text as core;

use super::taxonomy::cx_taxonomy;
use super::texts as read_texts;
use crate::convert::{arg, copy_out, out, slice, strings, text};
use crate::error::{cx_status, guard, invalid, Failure};

/// What a comment's score is read as: CX_IMPACT_NPS (0–10, costs in NPS points, the default)
/// or CX_IMPACT_MEAN (points of the scale).
pub type cx_impact_metric = u32;
/// Likelihood to recommend 0–10; costs in NPS points.
pub const CX_IMPACT_NPS: cx_impact_metric = 0;
/// The mean score on the options' scale; costs in score points.
pub const CX_IMPACT_MEAN: cx_impact_metric = 1;

/// Options of cx_topic_accumulator_new; start from cx_impact_options_default().
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_impact_options {
    /// CX_IMPACT_NPS (default) or CX_IMPACT_MEAN.
    pub metric: cx_impact_metric,
    /// Lowest point of the scores' scale (0 for NPS).
    pub scale_min: i32,
    /// Highest point (10 for NPS).
    pub scale_max: i32,
    /// Confidence level of the intervals (0.95).
    pub confidence: f64,
    /// The fewest scored comments with, and without, a topic for the driver run (10).
    pub min_mentions: u64,
    /// The fewest characters of a word counted for keywords (2).
    pub min_chars: usize,
}

/// The core's default options: NPS on 0–10, 95 %, 10 mentions, words of 2 characters.
#[no_mangle]
pub extern "C" fn cx_impact_options_default() -> cx_impact_options {
    let d = core::ImpactOptions::default();
    cx_impact_options {
        metric: CX_IMPACT_NPS,
        scale_min: d.scale.min(),
        scale_max: d.scale.max(),
        confidence: d.confidence,
        min_mentions: d.min_mentions,
        min_chars: d.min_chars,
    }
}

impl cx_impact_options {
    /// The core options of `options` (NULL: the defaults).
    ///
    /// # Safety
    /// `options` NULL or valid.
    unsafe fn resolve(options: *const cx_impact_options) -> Result<core::ImpactOptions, Failure> {
        // SAFETY: caller contract.
        let o = unsafe { options.as_ref() }
            .copied()
            .unwrap_or_else(|| cx_impact_options_default());
        Ok(core::ImpactOptions {
            metric: match o.metric {
                CX_IMPACT_NPS => core::ImpactMetric::Nps,
                CX_IMPACT_MEAN => core::ImpactMetric::Mean,
                v => return Err(invalid("metric", v, "CX_IMPACT_NPS, CX_IMPACT_MEAN")),
            },
            scale: Scale::new(o.scale_min, o.scale_max)?,
            confidence: o.confidence,
            min_mentions: o.min_mentions,
            min_chars: o.min_chars,
        })
    }
}

/// One topic's cost (cx_topic_accumulator_finish). A value that does not exist is NaN:
/// `with`/`mean_with` without scored comments mentioning the topic, `without`/`mean_without`
/// and the cost when every scored comment does, `p_value` without variance.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
pub struct cx_topic_impact {
    /// Comments mentioning the topic.
    pub mentions: u64,
    /// Their share of the comments with text.
    pub share: f64,
    /// Scored comments mentioning it.
    pub scored: u64,
    /// NPS (points) or mean of scored comments mentioning it.
    pub with: f64,
    /// NPS or mean of scored comments not mentioning it.
    pub without: f64,
    /// Mean raw score with it.
    pub mean_with: f64,
    /// Mean raw score without it.
    pub mean_without: f64,
    /// The points it costs: share × (without − with).
    pub cost: f64,
    /// The cost's standard error (delta method).
    pub cost_se: f64,
    /// Lower bound of the cost's interval.
    pub cost_low: f64,
    /// Upper bound.
    pub cost_high: f64,
    /// Two-sided p-value of with − without.
    pub p_value: f64,
}

/// The comments behind a cx_topic_accumulator_finish.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
pub struct cx_topic_summary {
    /// Comments with text.
    pub comments: u64,
    /// Missing, empty or whitespace-only texts.
    pub empty: u64,
    /// Scored comments with text.
    pub scored: u64,
    /// NPS (points) or mean of every scored comment (NaN without any).
    pub score: f64,
    /// Positive comments by the default lexicon.
    pub positive: u64,
    /// Neutral comments.
    pub neutral: u64,
    /// Negative comments.
    pub negative: u64,
    /// Net sentiment: positive minus negative share, in points.
    pub net_sentiment: f64,
}

/// A mergeable fold of comments. Opaque: made by cx_topic_accumulator_new or
/// cx_topic_accumulator_from_bytes, released with cx_topic_accumulator_free.
pub struct cx_topic_accumulator {
    inner: core::TopicAccumulator,
}

fn boxed(inner: core::TopicAccumulator) -> *mut cx_topic_accumulator {
    Box::into_raw(Box::new(cx_topic_accumulator { inner }))
}

/// An empty accumulator of comments tagged by `taxonomy` (NULL: cxkit's default) and scored
/// for sentiment by cxkit's default lexicon, with `options` (NULL: the defaults).
///
/// # Safety
/// `taxonomy` NULL or a live handle; `options` NULL or valid; `out_accumulator` valid for a
/// write.
#[no_mangle]
pub unsafe extern "C" fn cx_topic_accumulator_new(
    taxonomy: *const cx_taxonomy,
    options: *const cx_impact_options,
    out_accumulator: *mut *mut cx_topic_accumulator,
) -> cx_status {
    guard("cx_topic_accumulator_new", || {
        // SAFETY: caller contract.
        let (o, result) = unsafe {
            (
                cx_impact_options::resolve(options)?,
                out(out_accumulator, "out_accumulator")?,
            )
        };
        let default;
        // SAFETY: NULL or a live handle (caller contract).
        let t = match unsafe { taxonomy.as_ref() } {
            Some(t) => &t.inner,
            None => {
                default = core::Taxonomy::default_bank();
                &default
            }
        };
        *result = boxed(core::TopicAccumulator::new(
            t,
            &core::Lexicon::default_bank(),
            &o,
        )?);
        Ok(())
    })
}

/// Folds in `n` comments (texts as cx_taxonomy_tag takes them), with `scores` (NULL: none;
/// else `n` values, NaN where the writer gave none) and `groups` (NULL: none; else `n`
/// NUL-terminated labels). A score off the scale is CX_INVALID_SCORE naming it, an empty
/// label CX_INVALID_LABEL; on error the state is unchanged.
///
/// # Safety
/// `accumulator` a live handle; `texts` and `lens` as for cx_taxonomy_tag; `scores` NULL or
/// valid for `n` doubles; `groups` NULL or valid for `n` strings.
#[no_mangle]
pub unsafe extern "C" fn cx_topic_accumulator_add(
    accumulator: *mut cx_topic_accumulator,
    texts: *const *const c_char,
    lens: *const usize,
    n: usize,
    scores: *const f64,
    groups: *const *const c_char,
) -> cx_status {
    guard("cx_topic_accumulator_add", || {
        // SAFETY: caller contract.
        let (acc, given) = unsafe {
            (
                accumulator.as_mut().ok_or(Failure::Null("accumulator"))?,
                read_texts(texts, lens, n)?,
            )
        };
        // SAFETY: caller contract.
        let (scores, groups) = unsafe { scores_and_groups(scores, groups, n) }?;
        acc.inner.add(&given, scores, groups.as_deref())?;
        Ok(())
    })
}

/// Folds in `n` comments already tagged (by cx_taxonomy_tag and reviewed, say): comment i
/// has `topic_counts[i]` topic ids, all comments' ids one after another in `topic_ids`
/// (NUL-terminated; a sub-topic's id also tags its parents; a comment with 0 ids mentions
/// no topic). `scores` and `groups` as for cx_topic_accumulator_add. Every comment counts
/// as one with text; their sentiment and words are unknown. An id the taxonomy does not
/// hold is CX_INVALID_LABEL naming the comment; on error the state is unchanged.
///
/// # Safety
/// `accumulator` a live handle; `topic_counts` valid for `n` values; `topic_ids` valid for
/// their sum of strings (NULL when it is 0); `scores` and `groups` as for
/// cx_topic_accumulator_add.
#[no_mangle]
pub unsafe extern "C" fn cx_topic_accumulator_add_tagged(
    accumulator: *mut cx_topic_accumulator,
    topic_counts: *const usize,
    topic_ids: *const *const c_char,
    n: usize,
    scores: *const f64,
    groups: *const *const c_char,
) -> cx_status {
    guard("cx_topic_accumulator_add_tagged", || {
        // SAFETY: caller contract.
        let (acc, counts) = unsafe {
            (
                accumulator.as_mut().ok_or(Failure::Null("accumulator"))?,
                slice(topic_counts, n, "topic_counts")?,
            )
        };
        let total = counts
            .iter()
            .try_fold(0usize, |a, &c| a.checked_add(c))
            .ok_or(Failure::Core(cxkit_core::Error::InvalidParameter {
                name: "topic_counts",
                reason: "their sum overflows".into(),
            }))?;
        // SAFETY: caller contract.
        let ids = unsafe { strings(topic_ids, total, "topic_ids") }?;
        let mut at = 0;
        let tagged: Vec<&[String]> = counts
            .iter()
            .map(|&c| {
                at += c;
                &ids[at - c..at]
            })
            .collect();
        // SAFETY: caller contract.
        let (scores, groups) = unsafe { scores_and_groups(scores, groups, n) }?;
        acc.inner.add_tagged(&tagged, scores, groups.as_deref())?;
        Ok(())
    })
}

/// The optional scores and group labels of a batch of comments.
type ScoresAndGroups<'a> = (Option<&'a [f64]>, Option<Vec<String>>);

/// The optional `scores` and `groups` of `n` comments.
///
/// # Safety
/// `scores` NULL or valid for `n` doubles; `groups` NULL or valid for `n` strings.
unsafe fn scores_and_groups<'a>(
    scores: *const f64,
    groups: *const *const c_char,
    n: usize,
) -> Result<ScoresAndGroups<'a>, Failure> {
    let scores = if scores.is_null() {
        None
    } else {
        // SAFETY: caller contract.
        Some(unsafe { slice(scores, n, "scores") }?)
    };
    let groups = if groups.is_null() {
        None
    } else {
        // SAFETY: caller contract.
        Some(unsafe { strings(groups, n, "groups") }?)
    };
    Ok((scores, groups))
}

/// Adds `other` (made with the same taxonomy and options) into `accumulator`;
/// CX_INCOMPATIBLE otherwise, leaving it unchanged.
///
/// # Safety
/// Both live handles.
#[no_mangle]
pub unsafe extern "C" fn cx_topic_accumulator_merge(
    accumulator: *mut cx_topic_accumulator,
    other: *const cx_topic_accumulator,
) -> cx_status {
    guard("cx_topic_accumulator_merge", || {
        // SAFETY: caller contract.
        let (acc, other) = unsafe {
            (
                accumulator.as_mut().ok_or(Failure::Null("accumulator"))?,
                arg(other, "other")?,
            )
        };
        if std::ptr::eq(acc, other) {
            let copy = other.inner.clone();
            acc.inner.merge(&copy)?;
        } else {
            acc.inner.merge(&other.inner)?;
        }
        Ok(())
    })
}

/// Serializes the state (with its taxonomy, lexicon and options) into `buf` of `capacity`
/// bytes and its length into `*written`; with `buf` NULL, CX_BUFFER_TOO_SMALL and the
/// length needed.
///
/// # Safety
/// `accumulator` a live handle; `buf` NULL or valid for `capacity` bytes; `written` valid.
#[no_mangle]
pub unsafe extern "C" fn cx_topic_accumulator_to_bytes(
    accumulator: *const cx_topic_accumulator,
    buf: *mut u8,
    capacity: usize,
    written: *mut usize,
) -> cx_status {
    guard("cx_topic_accumulator_to_bytes", || {
        // SAFETY: caller contract.
        let acc = unsafe { arg(accumulator, "accumulator") }?;
        // SAFETY: caller contract.
        unsafe { copy_out(&acc.inner.to_bytes(), buf, capacity, written) }
    })
}

/// Reads state written by cx_topic_accumulator_to_bytes into a new handle; CX_CORRUPT_BYTES
/// for anything else.
///
/// # Safety
/// `bytes` valid for `len` bytes; `out_accumulator` valid for a write.
#[no_mangle]
pub unsafe extern "C" fn cx_topic_accumulator_from_bytes(
    bytes: *const u8,
    len: usize,
    out_accumulator: *mut *mut cx_topic_accumulator,
) -> cx_status {
    guard("cx_topic_accumulator_from_bytes", || {
        // SAFETY: caller contract.
        let (bytes, result) = unsafe {
            (
                slice(bytes, len, "bytes")?,
                out(out_accumulator, "out_accumulator")?,
            )
        };
        *result = boxed(core::TopicAccumulator::from_bytes(bytes)?);
        Ok(())
    })
}

/// Releases an accumulator. NULL is a no-op.
///
/// # Safety
/// `accumulator` NULL or a live handle, not used again.
#[no_mangle]
pub unsafe extern "C" fn cx_topic_accumulator_free(accumulator: *mut cx_topic_accumulator) {
    if !accumulator.is_null() {
        // SAFETY: made by Box::into_raw in this module (caller contract).
        drop(unsafe { Box::from_raw(accumulator) });
    }
}

/// What the topics of `group` (NULL: every comment) cost: one cx_topic_impact per topic of
/// the taxonomy, in its order, into `out_topics` of `topics` entries (CX_LENGTH_MISMATCH
/// unless it is the taxonomy's number of topics), and the summary into `*out_summary` (may
/// be NULL). No comment with text is CX_EMPTY_INPUT; a group never added
/// CX_INVALID_PARAMETER.
///
/// # Safety
/// `accumulator` a live handle; `group` NULL or a NUL-terminated string; `out_topics` valid
/// for `topics` entries; `out_summary` NULL or valid for a write.
#[no_mangle]
pub unsafe extern "C" fn cx_topic_accumulator_finish(
    accumulator: *const cx_topic_accumulator,
    group: *const c_char,
    out_topics: *mut cx_topic_impact,
    topics: usize,
    out_summary: *mut cx_topic_summary,
) -> cx_status {
    guard("cx_topic_accumulator_finish", || {
        // SAFETY: caller contract.
        let acc = unsafe { arg(accumulator, "accumulator") }?;
        // SAFETY: caller contract.
        let group = if group.is_null() {
            None
        } else {
            Some(unsafe { text(group, "group") }?)
        };
        let k = acc.inner.taxonomy().topics().len();
        if topics != k {
            return Err(cxkit_core::Error::LengthMismatch {
                what: "out_topics (one per topic of the taxonomy)",
                expected: k,
                actual: topics,
            }
            .into());
        }
        if out_topics.is_null() && k > 0 {
            return Err(Failure::Null("out_topics"));
        }
        let r = acc.inner.finish(group)?;
        let nan = f64::NAN;
        for (i, t) in r.topics.iter().enumerate() {
            let row = cx_topic_impact {
                mentions: t.mentions,
                share: t.share,
                scored: t.scored,
                with: t.with.unwrap_or(nan),
                without: t.without.unwrap_or(nan),
                mean_with: t.mean_with.unwrap_or(nan),
                mean_without: t.mean_without.unwrap_or(nan),
                cost: t.cost.unwrap_or(nan),
                cost_se: t.cost_se.unwrap_or(nan),
                cost_low: t.cost_interval.map_or(nan, |c| c.0),
                cost_high: t.cost_interval.map_or(nan, |c| c.1),
                p_value: t.p_value.unwrap_or(nan),
            };
            // SAFETY: non-NULL and valid for `topics` = k entries (caller contract).
            unsafe { *out_topics.add(i) = row };
        }
        // SAFETY: NULL or valid for a write (caller contract).
        if let Some(s) = unsafe { out_summary.as_mut() } {
            *s = cx_topic_summary {
                comments: r.comments,
                empty: r.empty,
                scored: r.scored,
                score: r.score.unwrap_or(nan),
                positive: r.sentiment.positive,
                neutral: r.sentiment.neutral,
                negative: r.sentiment.negative,
                net_sentiment: r.sentiment.net().unwrap_or(nan),
            };
        }
        Ok(())
    })
}
