//! What the topics cost, from Python (binds `cxkit::text::{topic_impact, TopicAccumulator,
//! impact_change}`): the result class, the function over a column of texts and the
//! mergeable accumulator.

use cxkit_core::names::Named as _;
use cxkit_core::text as core;
use numpy::PyArrayMethods;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};
use serde::{Deserialize, Serialize};

use super::sentiment::Lexicon;
use super::taxonomy::Taxonomy;
use super::{plain, texts};
use crate::convert::result::{list, result_class, table, Named};
use crate::convert::state::{accumulate_by_methods, accumulator_class};
use crate::convert::{floats, frame, index_of, named, ScaleArg};
use crate::drivers::KeyDrivers;
use crate::error::{to_py, IntoPyResult};
use crate::labels::{rows_matched, LabelColumn, Missing};

/// A core result with the topics' display names and, per group, the group's result.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Impacts {
    names: Vec<String>,
    result: core::TopicImpacts,
    groups: Option<Vec<(String, core::TopicImpacts)>>,
}

result_class! {
    /// What the topics of a column of comments cost: ``score`` (NPS or the mean of all
    /// scored comments), ``comments`` (with text), ``empty``, ``scored``, ``warnings``,
    /// ``table`` (a DataFrame indexed by topic: name, mentions, share, scored, with, without,
    /// mean_with, mean_without, cost, cost_se, cost_low, cost_high, p_value), ``drivers``
    /// (KeyDrivers of the score on the top-level topics), ``sentiment`` (positive, neutral,
    /// negative, net, mean_score) and ``groups`` (label → TopicImpacts, with ``by``).
    TopicImpacts(Impacts) {
        score: Option<f64> = |r| r.result.score,
        comments: u64 = |r| r.result.comments,
        empty: u64 = |r| r.result.empty,
        scored: u64 = |r| r.result.scored,
        warnings: Vec<String> = |r| r.result.warnings.clone(),
    }
    methods {
        /// This result's chart, ``cxkit.plot.topics(self, **kwargs)`` (``ax``, ``lang``, …;
        /// needs matplotlib: ``pip install "cxkit[plot]"``).
        #[pyo3(signature = (**kwargs))]
        fn plot<'py>(
            slf: &Bound<'py, Self>,
            kwargs: Option<&Bound<'py, pyo3::types::PyDict>>,
        ) -> PyResult<Bound<'py, PyAny>> {
            crate::convert::result::plot(slf.as_any(), "topics", kwargs)
        }

        /// One row per topic.
        #[getter]
        fn table<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            impact_table(py, &self.inner)
        }

        /// The key drivers of the score on the top-level topics (None when none ran).
        #[getter]
        fn drivers(&self) -> Option<KeyDrivers> {
            let r = &self.inner.result;
            r.drivers.clone().map(|k| {
                Named {
                    names: r.driver_topics.iter().map(|&t| r.topics[t].id.clone()).collect(),
                    method: cxkit_core::drivers::DriverMethod::RelativeWeights.as_str().into(),
                    result: k,
                }
                .into()
            })
        }

        /// Positive, neutral and negative comments, the net sentiment (points) and the mean
        /// score.
        #[getter]
        fn sentiment<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
            let s = self.inner.result.sentiment;
            let d = PyDict::new(py);
            d.set_item("positive", s.positive)?;
            d.set_item("neutral", s.neutral)?;
            d.set_item("negative", s.negative)?;
            d.set_item("net", s.net())?;
            d.set_item("mean_score", s.mean_score)?;
            Ok(d)
        }

        /// Each group's result (by the labels' text), with ``by``; else None.
        #[getter]
        fn groups<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
            let Some(groups) = &self.inner.groups else {
                return Ok(None);
            };
            let d = PyDict::new(py);
            for (label, r) in groups {
                let one = TopicImpacts::from(Impacts {
                    names: self.inner.names.clone(),
                    result: r.clone(),
                    groups: None,
                });
                d.set_item(label, one)?;
            }
            Ok(Some(d))
        }

        fn _repr_html_(&self, py: Python<'_>) -> PyResult<String> {
            crate::convert::result::html(&self.table(py)?, || self.__repr__())
        }
    }
}

fn impact_table<'py>(py: Python<'py>, r: &Impacts) -> PyResult<Bound<'py, PyAny>> {
    let t = &r.result.topics;
    let nan = f64::NAN;
    let f = |g: &dyn Fn(&core::TopicImpact) -> Option<f64>| {
        list(
            py,
            &t.iter().map(|x| g(x).unwrap_or(nan)).collect::<Vec<_>>(),
        )
    };
    let ids: Vec<String> = t.iter().map(|x| x.id.clone()).collect();
    table(
        py,
        &ids,
        "topic",
        vec![
            ("name", list(py, &r.names)?),
            (
                "mentions",
                list(py, &t.iter().map(|x| x.mentions).collect::<Vec<_>>())?,
            ),
            ("share", f(&|x| Some(x.share))?),
            (
                "scored",
                list(py, &t.iter().map(|x| x.scored).collect::<Vec<_>>())?,
            ),
            ("with", f(&|x| x.with)?),
            ("without", f(&|x| x.without)?),
            ("mean_with", f(&|x| x.mean_with)?),
            ("mean_without", f(&|x| x.mean_without)?),
            ("cost", f(&|x| x.cost)?),
            ("cost_se", f(&|x| x.cost_se)?),
            ("cost_low", f(&|x| x.cost_interval.map(|c| c.0))?),
            ("cost_high", f(&|x| x.cost_interval.map(|c| c.1))?),
            ("p_value", f(&|x| x.p_value)?),
        ],
    )
}

/// The core options from Python's arguments (`scale` None: 0–10 for NPS, required for a
/// mean).
fn options(
    metric: &str,
    scale: Option<ScaleArg>,
    confidence: f64,
    min_mentions: u64,
    min_chars: usize,
) -> PyResult<core::ImpactOptions> {
    let metric: core::ImpactMetric = named(metric)?;
    let defaults = core::ImpactOptions::default();
    let scale = match (scale, metric) {
        (Some(s), _) => s.0,
        (None, core::ImpactMetric::Nps) => defaults.scale,
        (None, core::ImpactMetric::Mean) => {
            return Err(crate::error::invalid(
                "scale",
                "a mean score needs its scale, e.g. scale=5 for CSAT 1–5".into(),
            ))
        }
    };
    Ok(core::ImpactOptions {
        metric,
        scale,
        confidence,
        min_mentions,
        min_chars,
    })
}

/// The comments of one update, as the core takes them: their texts, or their topics (from
/// a tags DataFrame), with the scores and group labels matched to them by index.
struct Batch {
    comments: Comments,
    scores: Option<Vec<f64>>,
    groups: Option<Vec<String>>,
}

/// What one update holds of each comment.
enum Comments {
    /// The texts (None: missing).
    Texts(Vec<Option<String>>),
    /// The topic ids of each comment (`Taxonomy.tag`'s rows, grouped by comment).
    Tagged(Vec<Vec<String>>),
}

impl Batch {
    /// `texts` is a column of texts, or the DataFrame of `Taxonomy.tag` (columns `text` and
    /// `topic`): then the comments are the rows of `scores` (or of `by`), and each tag row
    /// is matched to one of them by its `text` label (positions for a list or array).
    fn read(
        texts: &Bound<'_, PyAny>,
        scores: Option<&Bound<'_, PyAny>>,
        by: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Batch> {
        if is_tags(texts)? {
            let Some(comments) = scores.or(by) else {
                return Err(crate::error::invalid(
                    "texts",
                    "is a tags DataFrame (columns text and topic): give scores or by, one per \
                     comment with or without topics, to say which comments there are"
                        .into(),
                ));
            };
            let tagged = tagged(texts, comments)?;
            return Batch::of(Comments::Tagged(tagged), comments, scores, by);
        }
        Batch::of(
            Comments::Texts(self::texts(texts, "texts")?),
            texts,
            scores,
            by,
        )
    }

    /// The batch of `comments`, with `scores` and `by` matched to the rows of `rows`.
    fn of(
        comments: Comments,
        rows: &Bound<'_, PyAny>,
        scores: Option<&Bound<'_, PyAny>>,
        by: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Batch> {
        let scores = scores
            .map(|s| -> PyResult<Vec<f64>> {
                let s = rows_matched(("texts", rows), ("scores", s))?;
                Ok(floats(&s, "scores")?.readonly().as_slice()?.to_vec())
            })
            .transpose()?;
        let groups = by
            .map(|by| -> PyResult<Vec<String>> {
                let by = rows_matched(("texts", rows), ("by", by))?;
                let column = LabelColumn::read(&by, "by", Missing::Refuse)?;
                let names = column.names()?;
                Ok(column
                    .codes
                    .iter()
                    .map(|&c| names[c as usize].clone())
                    .collect())
            })
            .transpose()?;
        Ok(Batch {
            comments,
            scores,
            groups,
        })
    }

    fn add_to(&self, acc: &mut core::TopicAccumulator) -> cxkit_core::Result<()> {
        match &self.comments {
            Comments::Texts(texts) => acc.add(
                &plain(texts),
                self.scores.as_deref(),
                self.groups.as_deref(),
            ),
            Comments::Tagged(topics) => {
                acc.add_tagged(topics, self.scores.as_deref(), self.groups.as_deref())
            }
        }
    }
}

/// Whether `obj` is a tags DataFrame (`Taxonomy.tag`'s: columns `text` and `topic`).
fn is_tags(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    if !(obj.hasattr("columns")? && obj.hasattr("index")?) {
        return Ok(false);
    }
    let columns = obj.getattr("columns")?;
    Ok(columns.contains("text")? && columns.contains("topic")?)
}

/// The topic ids of each row of `comments` (its index labels, or positions without an
/// index), from the tag rows of `tags` matched to them by their `text` label.
///
/// # Errors
/// `IncompatibleError` when a tag names a comment `comments` does not hold or the index of
/// `comments` repeats a label; `InvalidParameterError` for a missing topic id.
fn tagged(tags: &Bound<'_, PyAny>, comments: &Bound<'_, PyAny>) -> PyResult<Vec<Vec<String>>> {
    let py = tags.py();
    let pd = py.import("pandas")?;
    let n = comments.len()?;
    let labels = match index_of(comments)? {
        Some(index) => index,
        None => pd.call_method1("RangeIndex", (n,))?,
    };
    if !labels.getattr("is_unique")?.is_truthy()? {
        return Err(to_py(cxkit_core::Error::Incompatible {
            reason: "the comments' index repeats a label: tags cannot be matched to them".into(),
        }));
    }
    let rows = labels.call_method1("get_indexer", (tags.get_item("text")?,))?;
    let rows: Vec<i64> = rows.call_method0("tolist")?.extract()?;
    let topics = self::texts(&tags.get_item("topic")?, "tags' topic")?;
    let mut out = vec![Vec::new(); n];
    let mut unknown = Vec::new();
    for (i, (row, topic)) in rows.iter().zip(topics).enumerate() {
        let Some(topic) = topic else {
            return Err(crate::error::invalid(
                "texts",
                format!("the topic of tag row {i} is missing"),
            ));
        };
        match usize::try_from(*row) {
            Ok(r) => out[r].push(topic),
            Err(_) => unknown.push(i),
        }
    }
    if !unknown.is_empty() {
        let text = tags.get_item("text")?.call_method0("tolist")?;
        let shown: Vec<String> = unknown
            .iter()
            .take(5)
            .map(|&i| Ok(text.get_item(i)?.repr()?.to_string()))
            .collect::<PyResult<_>>()?;
        return Err(to_py(cxkit_core::Error::Incompatible {
            reason: format!(
                "{} tag rows name comments the scores do not hold (matched by label, not by \
                 position): {}",
                unknown.len(),
                shown.join(", ")
            ),
        }));
    }
    Ok(out)
}

/// The result of `acc`, with its groups' when it has any.
fn finish(
    acc: &core::TopicAccumulator,
    names: Vec<String>,
    group: Option<&str>,
) -> cxkit_core::Result<Impacts> {
    let result = acc.finish(group)?;
    let labels = acc.groups();
    let groups = if group.is_none() && !labels.is_empty() {
        Some(
            labels
                .into_iter()
                .map(|g| Ok((g.to_string(), acc.finish(Some(g))?)))
                .collect::<cxkit_core::Result<_>>()?,
        )
    } else {
        None
    };
    Ok(Impacts {
        names,
        result,
        groups,
    })
}

/// What each topic of ``taxonomy`` (default: cxkit's) costs among the ``texts``: ``scores``
/// (one per text, matched to a pandas Series by index; NaN where the writer gave none) are
/// likelihood to recommend 0–10 (``metric="nps"``: costs in NPS points) or points of
/// ``scale`` (``metric="mean"``). ``by`` gives each text's group (segment, channel, wave).
/// The cost is share × (score without − score with), with a delta-method interval at
/// ``confidence``; the drivers run on top-level topics with ``min_mentions`` scored comments
/// with and without them.
///
/// ``texts`` may instead be the tags DataFrame of ``Taxonomy.tag`` (columns ``text`` and
/// ``topic``; reviewed or edited by hand, say): the comments are then the rows of ``scores``
/// (or of ``by``), each tag row matched to one by its ``text`` label, never by position, and
/// comments without a tag row mention no topic. Their sentiment is unknown (zero counts).
///
/// >>> r = cxkit.topic_impact(["手续费太贵", "年费乱收费", "柜员很耐心", "服务很好"], [2, 4, 10, 9])
/// >>> r.score, float(r.table.loc["fees", "cost"])
/// (0.0, 100.0)
/// >>> import pandas as pd
/// >>> scores = pd.Series([2, 4, 10, 9], index=["c1", "c2", "c3", "c4"])
/// >>> tags = pd.DataFrame({"text": ["c2", "c1"], "topic": ["fees", "fees"]})
/// >>> float(cxkit.topic_impact(tags, scores).table.loc["fees", "cost"])
/// 100.0
#[pyfunction]
#[pyo3(signature = (texts, scores, by=None, taxonomy=None, lexicon=None, metric="nps", scale=None, confidence=0.95, min_mentions=10))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn topic_impact(
    py: Python<'_>,
    texts: &Bound<'_, PyAny>,
    scores: &Bound<'_, PyAny>,
    by: Option<&Bound<'_, PyAny>>,
    taxonomy: Option<PyRef<'_, Taxonomy>>,
    lexicon: Option<PyRef<'_, Lexicon>>,
    metric: &str,
    scale: Option<ScaleArg>,
    confidence: f64,
    min_mentions: u64,
) -> PyResult<TopicImpacts> {
    let opts = options(
        metric,
        scale,
        confidence,
        min_mentions,
        core::ImpactOptions::default().min_chars,
    )?;
    let acc = TopicAccumulator::build(taxonomy, lexicon, &opts)?;
    let batch = Batch::read(texts, Some(scores), by)?;
    let names = acc.names.0.clone();
    let mut inner = acc.inner.snapshot(py);
    let r = py
        .detach(|| {
            batch.add_to(&mut inner)?;
            finish(&inner, names, None)
        })
        .py_err()?;
    Ok(r.into())
}

/// The change of each topic's cost from ``before`` to ``after`` (two TopicImpacts of one
/// taxonomy, e.g. two quarters): before, after, change, z and p_value per topic with a cost
/// and a standard error in both.
#[pyfunction]
pub(crate) fn impact_change<'py>(
    py: Python<'py>,
    before: PyRef<'py, TopicImpacts>,
    after: PyRef<'py, TopicImpacts>,
) -> PyResult<Bound<'py, PyAny>> {
    let changes = core::impact_change(&before.inner.result, &after.inner.result).map_err(to_py)?;
    let columns = PyDict::new(py);
    macro_rules! column {
        ($($field:ident),*) => {
            $(columns.set_item(
                stringify!($field),
                changes.iter().map(|c| c.$field.clone()).collect::<Vec<_>>(),
            )?;)*
        };
    }
    column!(id, before, after, change, z, p_value);
    frame(py, columns, None, None)
}

accumulate_by_methods!(core::TopicAccumulator);

/// The topic names a TopicAccumulator shows (its taxonomy's, in the taxonomy's language);
/// they are not in its bytes.
#[derive(Clone, PartialEq)]
pub(crate) struct TopicNames(Vec<String>);

impl crate::convert::state::Context for TopicNames {
    fn check_merge(&self, _other: &Self) -> PyResult<()> {
        Ok(()) // the core compares the taxonomies themselves
    }
}

impl<'py> IntoPyObject<'py> for TopicNames {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;

    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.0.into_pyobject(py)?.into_any())
    }
}

accumulator_class! {
    /// A mergeable fold of comments (per group: the topics' mentions and score sums, the
    /// co-mentions for the driver run, the sentiment and the words for keywords), for
    /// partitions of a cluster or batches of a stream. Its size depends on the taxonomy,
    /// the groups and the vocabulary, not on the number of comments.
    ///
    /// >>> acc = cxkit.TopicAccumulator()
    /// >>> acc.add(["手续费太贵", "柜员很耐心"], [2, 10])
    /// >>> acc.add(["年费乱收费", "服务很好"], [4, 9])
    /// >>> int(acc.finish().table.loc["fees", "mentions"])
    /// 2
    TopicAccumulator(core::TopicAccumulator, names: TopicNames) {
        #[new]
        #[pyo3(signature = (taxonomy=None, lexicon=None, metric="nps", scale=None, confidence=0.95, min_mentions=10, min_chars=2))]
        #[allow(clippy::too_many_arguments)]
        fn new(
            taxonomy: Option<PyRef<'_, Taxonomy>>,
            lexicon: Option<PyRef<'_, Lexicon>>,
            metric: &str,
            scale: Option<ScaleArg>,
            confidence: f64,
            min_mentions: u64,
            min_chars: usize,
        ) -> PyResult<Self> {
            let opts = options(metric, scale, confidence, min_mentions, min_chars)?;
            TopicAccumulator::build(taxonomy, lexicon, &opts)
        }

        /// Folds in comments: ``scores`` (one per text, NaN where none) and ``by`` (a
        /// group label per text) are optional and matched to a pandas Series by index.
        /// ``texts`` may be a tags DataFrame, as ``topic_impact`` takes it. On error the
        /// state is unchanged.
        #[pyo3(signature = (texts, scores=None, by=None))]
        fn add(
            &self,
            py: Python<'_>,
            texts: &Bound<'_, PyAny>,
            scores: Option<&Bound<'_, PyAny>>,
            by: Option<&Bound<'_, PyAny>>,
        ) -> PyResult<()> {
            let batch = Batch::read(texts, scores, by)?;
            let mut part = self.inner.with(py, |a| a.empty_like());
            py.detach(|| batch.add_to(&mut part)).py_err()?;
            self.inner.with(py, |a| a.merge(&part)).py_err()
        }

        /// What the topics cost among the comments so far (of one ``group``, or all with
        /// every group's in ``groups``).
        #[pyo3(signature = (group=None))]
        fn finish(&self, py: Python<'_>, group: Option<&str>) -> PyResult<TopicImpacts> {
            let names = self.names.0.clone();
            let r = self.inner.with(py, |a| finish(a, names, group)).py_err()?;
            Ok(r.into())
        }

        /// The topic names shown (the taxonomy's, in its language), in its order.
        #[getter]
        fn names(&self) -> Vec<String> {
            self.names.0.clone()
        }

        /// The group labels seen, sorted.
        #[getter]
        fn groups(&self, py: Python<'_>) -> Vec<String> {
            self.inner
                .with(py, |a| a.groups().into_iter().map(str::to_string).collect())
        }

        /// The TF-IDF keywords of one ``group`` (or all comments) from the folded words,
        /// with the document frequencies of all comments: rank, term, score, count, docs.
        #[pyo3(signature = (group=None, top=20))]
        fn keywords<'py>(
            &self,
            py: Python<'py>,
            group: Option<&str>,
            top: usize,
        ) -> PyResult<Bound<'py, PyAny>> {
            let found = self
                .inner
                .with(py, |a| -> cxkit_core::Result<_> {
                    let corpus = a.term_counts(None)?;
                    Ok(core::tfidf(&a.term_counts(group)?, &corpus, top))
                })
                .py_err()?;
            let columns = PyDict::new(py);
            columns.set_item("rank", (1..=found.len()).collect::<Vec<_>>())?;
            columns.set_item("term", found.iter().map(|k| k.term.clone()).collect::<Vec<_>>())?;
            columns.set_item("score", found.iter().map(|k| k.score).collect::<Vec<_>>())?;
            columns.set_item("count", found.iter().map(|k| k.count).collect::<Vec<_>>())?;
            columns.set_item("docs", found.iter().map(|k| k.docs).collect::<Vec<_>>())?;
            frame(py, columns, None, None)
        }

        /// Reads state written by ``to_bytes`` (its taxonomy and lexicon are in it; ``names``
        /// are the topic names to show, by default the taxonomy's English ones); raises
        /// CorruptBytesError on anything else.
        #[classmethod]
        #[pyo3(signature = (data, names=None))]
        fn from_bytes(
            _cls: &Bound<'_, PyType>,
            data: &[u8],
            names: Option<Vec<String>>,
        ) -> PyResult<Self> {
            let inner = core::TopicAccumulator::from_bytes(data).py_err()?;
            let names = names.unwrap_or_else(|| display_names(inner.taxonomy(), Default::default()));
            Ok(TopicAccumulator {
                inner: crate::convert::state::Shared::new(inner),
                names: TopicNames(names),
            })
        }

        fn __repr__(&self, py: Python<'_>) -> String {
            let (topics, groups) = self
                .inner
                .with(py, |a| (a.taxonomy().topics().len(), a.groups().len()));
            format!("TopicAccumulator({topics} topics, {groups} groups)")
        }
    }
}

fn display_names(t: &core::Taxonomy, lang: cxkit_core::report::Lang) -> Vec<String> {
    t.topics()
        .iter()
        .map(|t| t.display_name(lang).to_string())
        .collect()
}

impl TopicAccumulator {
    /// An empty accumulator of `taxonomy` and `lexicon` (cxkit's where None).
    fn build(
        taxonomy: Option<PyRef<'_, Taxonomy>>,
        lexicon: Option<PyRef<'_, Lexicon>>,
        opts: &core::ImpactOptions,
    ) -> PyResult<Self> {
        let default_taxonomy;
        let (t, lang) = match &taxonomy {
            Some(t) => (&t.inner, t.lang),
            None => {
                default_taxonomy = core::Taxonomy::default_bank();
                (&default_taxonomy, Default::default())
            }
        };
        let default_lexicon;
        let l = match &lexicon {
            Some(l) => &l.lexicon,
            None => {
                default_lexicon = core::Lexicon::default_bank();
                &default_lexicon
            }
        };
        let inner = core::TopicAccumulator::new(t, l, opts).map_err(to_py)?;
        Ok(TopicAccumulator {
            inner: crate::convert::state::Shared::new(inner),
            names: TopicNames(display_names(t, lang)),
        })
    }
}

/// Adds the topic-impact function, result and accumulator classes.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(topic_impact, m)?)?;
    m.add_function(wrap_pyfunction!(impact_change, m)?)?;
    m.add_class::<TopicImpacts>()?;
    m.add_class::<TopicAccumulator>()?;
    Ok(())
}
