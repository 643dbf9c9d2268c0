//! Journeys and complaints for Python: the indicator tree, a mergeable journey state fed with
//! event DataFrames, window evaluation, pain points and complaint-handling metrics.

use cxkit_core::names::Named;
use std::collections::HashMap;

use cxkit_core::clv::Period;
use cxkit_core::complaints::{self as comp, ComplaintOptions, Complaints};
use cxkit_core::journey::{
    self as jr, EvaluateOptions, GapTo, IndicatorTree as CoreTree, JourneyState as CoreState,
    RejectPolicy, Window,
};
use numpy::{PyArray1, PyArrayMethods};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyType};

use crate::convert::{epoch_times, floats, frame, is_missing, named, one_time};
use crate::errors::{invalid, IntoPyResult};
use crate::labels::{LabelColumn, Missing};
use crate::results::{result_class, to_dict};
use crate::shared::Shared;

/// Journeys → stages → touchpoints → indicators. Build it with ``from_json``, ``from_toml``
/// or ``from_dict``; each indicator has a kind ({"type": "mean" | "top_box" (with
/// "threshold") | "nps" | "rate" | "percentile" (with "p") | "count"}), a direction
/// ("higher" or "lower"), a weight, a scale [worst, best] for its 0–100 index (needed for
/// mean, percentile and count), and optional target, benchmark and alert {"warning",
/// "critical"}.
///
/// >>> tree = cxkit.IndicatorTree.from_dict({"journeys": [{"id": "j", "stages": [{"id": "s",
/// ...     "touchpoints": [{"id": "app", "indicators": [{"id": "ok", "kind": {"type": "rate"}}]}]}]}]})
/// >>> tree.indicator_ids
/// ['ok']
#[pyclass(module = "cxkit", frozen)]
#[derive(Clone)]
pub struct IndicatorTree {
    inner: CoreTree,
}

fn window(kind: &str, day: i64, days: Option<u32>) -> PyResult<Window> {
    let calendar = |period| Ok(Window::Calendar { period, day });
    match kind {
        "day" => calendar(Period::Day),
        "week" => calendar(Period::Week),
        "month" => calendar(Period::Month),
        "rolling" => Ok(Window::Rolling {
            days: days.ok_or_else(|| invalid("days", "a rolling window needs days=".into()))?,
            end: day,
        }),
        _ => Err(invalid(
            "window",
            format!("expected \"day\", \"week\", \"month\" or \"rolling\", got {kind:?}"),
        )),
    }
}

fn policy(on_reject: &str) -> PyResult<RejectPolicy> {
    named(on_reject)
}

#[pymethods]
impl IndicatorTree {
    /// Parses and validates a tree in JSON.
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        Ok(IndicatorTree {
            inner: CoreTree::from_json(text).py_err()?,
        })
    }

    /// Parses and validates a tree in TOML.
    #[staticmethod]
    fn from_toml(text: &str) -> PyResult<Self> {
        Ok(IndicatorTree {
            inner: CoreTree::from_toml(text).py_err()?,
        })
    }

    /// Builds and validates a tree from nested dicts and lists (the JSON structure).
    #[staticmethod]
    fn from_dict(py: Python<'_>, spec: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text: String = py
            .import("json")?
            .call_method1("dumps", (spec,))?
            .extract()?;
        Self::from_json(&text)
    }

    /// The tree as JSON.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Indicator ids in tree order.
    #[getter]
    fn indicator_ids(&self) -> Vec<String> {
        self.inner
            .indicator_ids()
            .into_iter()
            .map(String::from)
            .collect()
    }

    /// Folds an event DataFrame (columns indicator, timestamp, value and optionally segment)
    /// and evaluates it: shorthand for ``JourneyState(tree).update(events)`` then
    /// ``evaluate(...)``.
    ///
    /// >>> import pandas as pd
    /// >>> tree = cxkit.IndicatorTree.from_dict({"journeys": [{"id": "j", "stages": [{"id": "s",
    /// ...     "touchpoints": [{"id": "app", "indicators": [{"id": "ok", "kind": {"type": "rate"}}]}]}]}]})
    /// >>> ev = pd.DataFrame({"indicator": ["ok"] * 4, "value": [1, 1, 0, 1],
    /// ...                    "timestamp": pd.to_datetime(["2025-03-03"] * 4)})
    /// >>> tree.evaluate(ev, window="day").loc["ok", ["value", "index", "n"]].tolist()
    /// [0.75, 75.0, 4.0]
    #[pyo3(signature = (events, window="week", at=None, days=None, by=None, alpha=0.05, on_reject="error"))]
    #[allow(clippy::too_many_arguments)]
    fn evaluate<'py>(
        &self,
        py: Python<'py>,
        events: &Bound<'py, PyAny>,
        window: &str,
        at: Option<&Bound<'py, PyAny>>,
        days: Option<u32>,
        by: Option<&str>,
        alpha: f64,
        on_reject: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let state = JourneyState::of(self.clone());
        state.update(py, events, on_reject)?;
        state.evaluate(py, window, at, days, by, alpha)
    }

    fn __repr__(&self) -> String {
        format!(
            "IndicatorTree({} journeys, {} indicators)",
            self.inner.journeys.len(),
            self.inner.indicator_ids().len()
        )
    }

    fn __getnewargs__(&self) -> (String,) {
        (self.inner.to_json(),)
    }

    #[new]
    fn new(json: &str) -> PyResult<Self> {
        Self::from_json(json)
    }
}

/// A column of ids (indicators, touchpoints, segments) as codes into its distinct labels, a
/// code of `u32::MAX` for a missing id (see `crate::labels`).
fn coded(column: &Bound<'_, PyAny>, what: &'static str) -> PyResult<(Vec<u32>, Vec<String>)> {
    let column = LabelColumn::read(column, what, Missing::Skip)?;
    let names = column.names()?;
    Ok((column.codes, names))
}

/// Events folded per indicator, segment and day for an ``IndicatorTree``: ``update`` with
/// event DataFrames (columns indicator, timestamp, value, optional segment; ``on_reject``
/// "error" or "count"), ``merge`` states built elsewhere, pickle them, ``evaluate`` any
/// window. Segments are named by their text, because the state is saved, merged and
/// matched by label across batches and partitions: an integer segment 7 is the segment "7"
/// in every batch and in the result (a batch's segment column is read as labels: missing
/// segments are "none given", float segments are refused).
///
/// >>> import pandas as pd
/// >>> tree = cxkit.IndicatorTree.from_dict({"journeys": [{"id": "j", "stages": [{"id": "s",
/// ...     "touchpoints": [{"id": "app", "indicators": [{"id": "ok", "kind": {"type": "rate"}}]}]}]}]})
/// >>> a, b = cxkit.JourneyState(tree), cxkit.JourneyState(tree)
/// >>> a.update(pd.DataFrame({"indicator": ["ok"], "timestamp": [0], "value": [1]}))
/// >>> b.update(pd.DataFrame({"indicator": ["ok"], "timestamp": [60], "value": [0]}))
/// >>> a.merge(b); a.events
/// 2
#[pyclass(module = "cxkit")]
pub struct JourneyState {
    tree: IndicatorTree,
    inner: Shared<SegmentedState>,
}

/// A core state with the labels of its segment codes.
#[derive(Clone)]
struct SegmentedState {
    state: CoreState,
    /// Segment labels by code.
    segments: Vec<String>,
}

impl SegmentedState {
    /// Adds another labelled state of the same tree, its segments matched by label; on error
    /// nothing changes.
    fn absorb(&mut self, other: &SegmentedState) -> cxkit_core::Result<()> {
        self.state
            .merge_by_label(&mut self.segments, &other.state, &other.segments)
            .map(|_| ())
    }
}

impl JourneyState {
    /// An empty state of `tree`.
    fn of(tree: IndicatorTree) -> JourneyState {
        JourneyState {
            inner: Shared::new(SegmentedState {
                state: CoreState::new(&tree.inner),
                segments: Vec::new(),
            }),
            tree,
        }
    }
}

#[pymethods]
impl JourneyState {
    #[new]
    fn new(tree: PyRef<'_, IndicatorTree>) -> Self {
        JourneyState::of((*tree).clone())
    }

    /// Folds an event DataFrame (or dict of columns): indicator (ids), timestamp (datetimes
    /// or seconds since 1970), value, and optionally touchpoint (checked against the tree)
    /// and segment. Threads may update one state at once (each folds its events with the
    /// GIL released, then adds them); on error the state is unchanged.
    #[pyo3(signature = (events, on_reject="error"))]
    fn update(&self, py: Python<'_>, events: &Bound<'_, PyAny>, on_reject: &str) -> PyResult<()> {
        let policy = policy(on_reject)?;
        let col = |name: &str| events.get_item(name);
        let has = |name: &str| -> PyResult<bool> {
            events.call_method1("__contains__", (name,))?.is_truthy()
        };
        let (ind_codes, ind_labels) = coded(&col("indicator")?, "indicator")?;
        let touchpoints = if has("touchpoint")? {
            Some(coded(&col("touchpoint")?, "touchpoint")?)
        } else {
            None
        };
        let ts = epoch_times(py, &col("timestamp")?, "s", "timestamp", false)?;
        let ts = ts.readonly();
        let ts = ts
            .as_slice()
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        let value = floats(&col("value")?, "value")?;
        let value = value.readonly();
        let value = value
            .as_slice()
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        // The batch folds into a state of its own, its segment codes those of its labels, and
        // is then added to this one (segments matched by label).
        let (segment, labels) = if has("segment")? {
            let (codes, labels) = coded(&col("segment")?, "segment")?;
            (Some(codes), labels)
        } else {
            (None, Vec::new())
        };
        let tree = &self.tree.inner;
        let mut batch = SegmentedState {
            state: CoreState::new(tree),
            segments: labels,
        };
        let state = &mut batch.state;
        py.detach(|| {
            state.update_coded(
                tree,
                touchpoints
                    .as_ref()
                    .map(|(codes, labels)| jr::Coded { codes, labels }),
                jr::Coded {
                    codes: &ind_codes,
                    labels: &ind_labels,
                },
                ts,
                value,
                segment.as_deref(),
                policy,
            )
        })
        .py_err()?;
        self.inner.with(py, |l| l.absorb(&batch)).py_err()
    }

    /// Adds another state of the same tree (segments matched by label).
    fn merge(&self, py: Python<'_>, other: &JourneyState) -> PyResult<()> {
        let theirs = other.inner.snapshot(py);
        self.inner.with(py, |l| l.absorb(&theirs)).py_err()
    }

    /// Events folded.
    #[getter]
    fn events(&self, py: Python<'_>) -> u64 {
        self.inner.with(py, |l| l.state.events)
    }

    /// Events skipped with ``on_reject="count"``: {"unknown_touchpoint": n,
    /// "unknown_indicator": n, "invalid_value": n}.
    #[getter]
    fn rejects<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.inner.with(py, |l| l.state.rejects))
    }

    /// Every node in a window: "day", "week" (Monday–Sunday), "month" containing ``at``
    /// (default: the last day with events), or "rolling" ``days`` ending at ``at``. A
    /// DataFrame indexed by node id with level, parent, value, index (0–100), n, target,
    /// benchmark, previous, change, p_value and alert; with ``by="segment"`` one block per
    /// segment.
    #[pyo3(signature = (window="week", at=None, days=None, by=None, alpha=0.05))]
    fn evaluate<'py>(
        &self,
        py: Python<'py>,
        window: &str,
        at: Option<&Bound<'py, PyAny>>,
        days: Option<u32>,
        by: Option<&str>,
        alpha: f64,
    ) -> PyResult<Bound<'py, PyAny>> {
        let w = self.window(py, window, at, days)?;
        let l = self.inner.snapshot(py);
        let segments: Vec<Option<u32>> = match by {
            None => vec![None],
            Some("segment") => l.state.segments().into_iter().map(Some).collect(),
            Some(other) => {
                return Err(invalid(
                    "by",
                    format!("expected None or \"segment\", got {other:?}"),
                ))
            }
        };
        let mut rows: Vec<(Option<u32>, jr::NodeResult)> = Vec::new();
        for s in segments {
            let o = EvaluateOptions { segment: s, alpha };
            let r = l.state.evaluate(&self.tree.inner, &w, &o).py_err()?;
            rows.extend(r.into_iter().map(|n| (s, n)));
        }
        let cols = PyDict::new(py);
        let opt = |v: Option<f64>| v.unwrap_or(f64::NAN);
        let f = |g: &dyn Fn(&jr::NodeResult) -> f64| {
            rows.iter().map(|(_, n)| g(n)).collect::<Vec<f64>>()
        };
        let level = |l: jr::Level| l.as_str();
        if by.is_some() {
            cols.set_item(
                "segment",
                rows.iter()
                    .map(|(s, _)| s.map(|s| l.segments[s as usize].clone()))
                    .collect::<Vec<_>>(),
            )?;
        }
        cols.set_item(
            "level",
            rows.iter().map(|(_, n)| level(n.level)).collect::<Vec<_>>(),
        )?;
        cols.set_item(
            "parent",
            rows.iter()
                .map(|(_, n)| n.parent.clone())
                .collect::<Vec<_>>(),
        )?;
        cols.set_item("value", f(&|n| opt(n.value)))?;
        cols.set_item("index", f(&|n| opt(n.index)))?;
        cols.set_item("n", rows.iter().map(|(_, n)| n.n).collect::<Vec<_>>())?;
        cols.set_item("target", f(&|n| opt(n.target)))?;
        cols.set_item("benchmark", f(&|n| opt(n.benchmark)))?;
        cols.set_item("previous", f(&|n| opt(n.previous)))?;
        cols.set_item("change", f(&|n| opt(n.change)))?;
        cols.set_item("p_value", f(&|n| opt(n.p_value)))?;
        cols.set_item(
            "alert",
            rows.iter()
                .map(|(_, n)| n.alert.map(|a| a.as_str()))
                .collect::<Vec<_>>(),
        )?;
        let ids = PyList::new(py, rows.iter().map(|(_, n)| n.id.clone()))?;
        frame(py, cols, Some(ids.into_any()), Some("node"))
    }

    /// The state as versioned bytes with its segment labels (the tree is not in them: give
    /// it to ``from_bytes``).
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.inner.with(py, |l| l.state.to_bytes(&l.segments)))
    }

    /// Reads state written by ``to_bytes`` for ``tree``; raises CorruptBytesError on
    /// anything else and IncompatibleError when the state was made for another tree.
    ///
    /// >>> tree = cxkit.IndicatorTree.from_dict({"journeys": [{"id": "j", "stages": [{"id": "s",
    /// ...     "touchpoints": [{"id": "app", "indicators": [{"id": "ok", "kind": {"type": "rate"}}]}]}]}]})
    /// >>> st = cxkit.JourneyState(tree)
    /// >>> st.update({"indicator": ["ok"], "timestamp": [0], "value": [1.0], "segment": ["retail"]})
    /// >>> cxkit.JourneyState.from_bytes(st.to_bytes(), tree).events
    /// 1
    #[classmethod]
    fn from_bytes(
        _cls: &Bound<'_, PyType>,
        data: &[u8],
        tree: PyRef<'_, IndicatorTree>,
    ) -> PyResult<Self> {
        let (state, segments) = CoreState::from_bytes(data).py_err()?;
        let mut inner = CoreState::new(&tree.inner);
        inner.merge(&state).py_err()?;
        Ok(JourneyState {
            tree: tree.clone(),
            inner: Shared::new(SegmentedState {
                state: inner,
                segments,
            }),
        })
    }

    fn __getstate__(&self, py: Python<'_>) -> (String, String, Vec<String>) {
        let l = self.inner.snapshot(py);
        (self.tree.inner.to_json(), l.state.to_json(), l.segments)
    }

    fn __setstate__(&mut self, state: (String, String, Vec<String>)) -> PyResult<()> {
        self.tree = IndicatorTree::from_json(&state.0)?;
        self.inner = Shared::new(SegmentedState {
            state: CoreState::from_json(&state.1).py_err()?,
            segments: state.2,
        });
        Ok(())
    }

    fn __getnewargs__(&self) -> (IndicatorTree,) {
        (self.tree.clone(),)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let (events, segments) = self.inner.with(py, |l| (l.state.events, l.segments.len()));
        format!("JourneyState({events} events, {segments} segments)")
    }
}

impl JourneyState {
    fn window<'py>(
        &self,
        py: Python<'py>,
        kind: &str,
        at: Option<&Bound<'py, PyAny>>,
        days: Option<u32>,
    ) -> PyResult<Window> {
        let day = match at {
            Some(at) => one_time(py, at, "D", "at")?,
            None => self
                .inner
                .with(py, |l| l.state.last_day())
                .ok_or_else(|| invalid("at", "no events yet: give the window's date".into()))?,
        };
        window(kind, day, days)
    }
}

/// Touchpoints ranked by importance × gap to target (``gap_to="target"``) or to the peer
/// benchmark, in a window of a ``JourneyState`` (as ``JourneyState.evaluate``). Importance
/// is the touchpoint's share of the tree's weight, or ``importance`` ({touchpoint: value}).
/// Returns a DataFrame (touchpoint, stage, journey, importance, gap, score, evidence).
///
/// >>> import pandas as pd
/// >>> tree = cxkit.IndicatorTree.from_dict({"journeys": [{"id": "j", "stages": [{"id": "s",
/// ...     "touchpoints": [{"id": "app", "indicators": [{"id": "ok", "kind": {"type": "rate"}, "target": 0.9}]}]}]}]})
/// >>> st = cxkit.JourneyState(tree)
/// >>> st.update(pd.DataFrame({"indicator": ["ok", "ok"], "timestamp": [0, 0], "value": [1, 0]}))
/// >>> cxkit.pain_points(st, window="day")[["touchpoint", "gap", "score"]].values.tolist()
/// [['app', 40.0, 40.0]]
#[pyfunction]
#[pyo3(signature = (state, window="week", at=None, days=None, gap_to="target", importance=None))]
pub(crate) fn pain_points<'py>(
    py: Python<'py>,
    state: &JourneyState,
    window: &str,
    at: Option<&Bound<'py, PyAny>>,
    days: Option<u32>,
    gap_to: &str,
    importance: Option<HashMap<String, f64>>,
) -> PyResult<Bound<'py, PyAny>> {
    let gap: GapTo = named(gap_to)?;
    let w = state.window(py, window, at, days)?;
    let r = state
        .inner
        .with(py, |l| {
            l.state
                .evaluate(&state.tree.inner, &w, &EvaluateOptions::default())
        })
        .py_err()?;
    let p = jr::pain_points(&state.tree.inner, &r, gap, importance.as_ref());
    let cols = PyDict::new(py);
    cols.set_item(
        "touchpoint",
        p.iter().map(|x| x.touchpoint.clone()).collect::<Vec<_>>(),
    )?;
    cols.set_item(
        "stage",
        p.iter().map(|x| x.stage.clone()).collect::<Vec<_>>(),
    )?;
    cols.set_item(
        "journey",
        p.iter().map(|x| x.journey.clone()).collect::<Vec<_>>(),
    )?;
    cols.set_item(
        "importance",
        p.iter().map(|x| x.importance).collect::<Vec<_>>(),
    )?;
    cols.set_item("gap", p.iter().map(|x| x.gap).collect::<Vec<_>>())?;
    cols.set_item("score", p.iter().map(|x| x.score).collect::<Vec<_>>())?;
    let evidence = PyList::empty(py);
    for x in &p {
        evidence.append(to_dict(py, &x.evidence)?)?;
    }
    cols.set_item("evidence", evidence)?;
    frame(py, cols, None, None)
}

result_class! {
    /// Complaint-handling metrics: counts, first_contact_resolution, backlog, reopen_rate,
    /// per_1000, ``response`` and ``resolution`` (dicts: n, outstanding, mean, percentiles in
    /// seconds, and against the service level within_sla, breached, breached_outstanding and
    /// pending: an unanswered complaint older than the service level at ``as_of`` is a
    /// breach, a younger one pending, and within_sla is the share of the complaints due that
    /// met it) and ``by_channel`` / ``by_category`` DataFrames.
    ComplaintMetrics(Labelled) {
        complaints: usize = |r| r.metrics.complaints,
        resolved: usize = |r| r.metrics.resolved,
        first_contact_resolution: Option<f64> = |r| r.metrics.first_contact_resolution,
        backlog: usize = |r| r.metrics.backlog,
        reopen_rate: Option<f64> = |r| r.metrics.reopen_rate,
        per_1000: Option<f64> = |r| r.metrics.per_1000,
    }
    methods {
        /// Time to first response.
        #[getter]
        fn response<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            to_dict(py, &self.inner.metrics.response)
        }

        /// Time to resolution.
        #[getter]
        fn resolution<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            to_dict(py, &self.inner.metrics.resolution)
        }

        /// Complaints, share and per-1,000 rate by channel.
        #[getter]
        fn by_channel<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            group_frame(py, &self.inner.metrics.by_channel, &self.inner.channels, "channel")
        }

        /// Complaints, share and per-1,000 rate by category.
        #[getter]
        fn by_category<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            group_frame(py, &self.inner.metrics.by_category, &self.inner.categories, "category")
        }
    }
}

/// Metrics with the channel and category labels behind their codes.
#[derive(Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Labelled {
    metrics: comp::ComplaintMetrics,
    channels: Vec<String>,
    categories: Vec<String>,
}

fn group_frame<'py>(
    py: Python<'py>,
    g: &[comp::GroupRate],
    labels: &[String],
    name: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let cols = PyDict::new(py);
    cols.set_item(
        "complaints",
        g.iter().map(|x| x.complaints).collect::<Vec<_>>(),
    )?;
    cols.set_item("share", g.iter().map(|x| x.share).collect::<Vec<_>>())?;
    cols.set_item(
        "per_1000",
        g.iter()
            .map(|x| x.per_1000.unwrap_or(f64::NAN))
            .collect::<Vec<_>>(),
    )?;
    let index = PyList::new(py, g.iter().map(|x| labels[x.code as usize].clone()))?;
    frame(py, cols, Some(index.into_any()), Some(name))
}

/// Codes and labels of a label column (None when absent; a missing label is an error).
fn codes(
    frame: &Bound<'_, PyAny>,
    name: &'static str,
) -> PyResult<Option<(Vec<u32>, Vec<String>)>> {
    if !frame.call_method1("__contains__", (name,))?.is_truthy()? {
        return Ok(None);
    }
    let column = LabelColumn::read(&frame.get_item(name)?, name, Missing::Refuse)?;
    let names = column.names()?;
    Ok(Some((column.codes, names)))
}

/// The contacts column: whole numbers from 0 (integers of any dtype, or floats such as 3.0);
/// a missing, fractional or negative count is an error naming the row.
fn counts(column: &Bound<'_, PyAny>) -> PyResult<Vec<u32>> {
    column
        .try_iter()?
        .enumerate()
        .map(|(i, v)| {
            let v = v?;
            let bad = |what: &str| {
                invalid(
                    "contacts",
                    format!("row {i}: expected a whole number of contacts from 0, found {what}"),
                )
            };
            if let Ok(k) = v.extract::<u32>() {
                return Ok(k);
            }
            if is_missing(&v)? {
                return Err(bad("a missing value"));
            }
            match v.extract::<f64>() {
                Ok(x) if x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&x) => {
                    Ok(x as u32)
                }
                _ => Err(bad(&v.repr()?.to_cow()?)),
            }
        })
        .collect()
}

/// The reopened column: booleans, 0 and 1, or yes/no texts as the CSV reader reads them
/// (`complaints::parse_flag`: "no", "0", "false" and 否 are no); a missing value (None, NaN,
/// NA) is "not reopened", as an empty cell of complaints.csv. Anything else is an error
/// naming the row, never a guess from Python's truthiness.
fn flags(column: &Bound<'_, PyAny>) -> PyResult<Vec<bool>> {
    column
        .try_iter()?
        .enumerate()
        .map(|(i, v)| {
            let v = v?;
            let bad = || {
                let found = v.repr().map_or_else(|_| "?".to_string(), |r| r.to_string());
                invalid(
                    "reopened",
                    format!(
                        "row {i}: expected {} (or True/False), found {found}",
                        comp::FLAG_EXPECTED
                    ),
                )
            };
            if let Ok(text) = v.cast::<pyo3::types::PyString>() {
                return comp::parse_flag(&text.to_cow()?).ok_or_else(bad);
            }
            if is_missing(&v)? {
                return Ok(false);
            }
            match v.extract::<f64>() {
                Ok(0.0) => Ok(false),
                Ok(1.0) => Ok(true),
                _ => Err(bad()),
            }
        })
        .collect()
}

/// Seconds of a duration given as a number of hours, a ``datetime.timedelta`` or a pandas
/// ``Timedelta``.
fn seconds(d: &Bound<'_, PyAny>) -> PyResult<f64> {
    if let Ok(h) = d.extract::<f64>() {
        return Ok(h * 3600.0);
    }
    d.call_method0("total_seconds")?.extract()
}

/// Complaint-handling metrics from complaint records (a DataFrame or dict of columns):
/// opened, first_response, resolved (datetimes; NaT when not yet), and optionally contacts
/// (whole numbers), reopened (booleans, 0/1 or yes/no texts as complaints.csv has them; a
/// missing value is "not reopened"), channel, category. ``sla``: {"response": …, "resolution": …} as hours or
/// timedeltas. ``customers`` (a number, or dicts ``customers_by_channel`` /
/// ``customers_by_category`` by label) gives complaints per 1,000 customers. Times in the
/// result are seconds.
///
/// >>> import pandas as pd
/// >>> t = pd.to_datetime
/// >>> f = pd.DataFrame({"opened": t(["2025-01-01 09:00", "2025-01-01 10:00"]),
/// ...     "first_response": t(["2025-01-01 10:00", None]), "resolved": t(["2025-01-01 12:00", None]),
/// ...     "contacts": [1, 2], "channel": ["app", "branch"]})
/// >>> m = cxkit.complaint_metrics(f, sla={"response": 2}, as_of="2025-01-02")
/// >>> m.first_contact_resolution, m.backlog, m.response["within_sla"]  # one met, one unanswered for 14 h
/// (1.0, 1, 0.5)
/// >>> m.response["breached_outstanding"], m.response["pending"]
/// (1, 0)
#[pyfunction]
#[pyo3(signature = (frame, sla=None, percentiles=vec![50.0, 90.0, 95.0], as_of=None, customers=None, customers_by_channel=None, customers_by_category=None), text_signature = "(frame, sla=None, percentiles=[50.0, 90.0, 95.0], as_of=None, customers=None, customers_by_channel=None, customers_by_category=None)")]
#[allow(clippy::too_many_arguments)]
pub(crate) fn complaint_metrics<'py>(
    py: Python<'py>,
    frame: &Bound<'py, PyAny>,
    sla: Option<&Bound<'py, PyDict>>,
    percentiles: Vec<f64>,
    as_of: Option<&Bound<'py, PyAny>>,
    customers: Option<f64>,
    customers_by_channel: Option<HashMap<String, f64>>,
    customers_by_category: Option<HashMap<String, f64>>,
) -> PyResult<ComplaintMetrics> {
    let time = |name: &str| epoch_times(py, &frame.get_item(name)?, "s", "complaint times", true);
    let (opened, first, resolved) = (time("opened")?, time("first_response")?, time("resolved")?);
    let (opened, first, resolved) = (opened.readonly(), first.readonly(), resolved.readonly());
    let err = |e: numpy::AsSliceError| PyValueError::new_err(e.to_string());
    let column = |name: &str| -> PyResult<Option<Bound<'py, PyAny>>> {
        if !frame.call_method1("__contains__", (name,))?.is_truthy()? {
            return Ok(None);
        }
        frame.get_item(name).map(Some)
    };
    let contacts = column("contacts")?.map(|c| counts(&c)).transpose()?;
    let reopened = column("reopened")?.map(|c| flags(&c)).transpose()?;
    let channel = codes(frame, "channel")?;
    let category = codes(frame, "category")?;
    let by_label = |m: Option<HashMap<String, f64>>, labels: Option<&Vec<String>>| {
        m.zip(labels)
            .map(|(m, l)| l.iter().map(|x| m.get(x).copied().unwrap_or(0.0)).collect())
    };
    let get_sla = |k: &str| -> PyResult<Option<f64>> {
        match sla.map(|d| d.get_item(k)).transpose()?.flatten() {
            Some(v) => Ok(Some(seconds(&v)?)),
            None => Ok(None),
        }
    };
    let options = ComplaintOptions {
        response_sla: get_sla("response")?,
        resolution_sla: get_sla("resolution")?,
        percentiles,
        as_of: as_of.map(|a| one_time(py, a, "s", "as_of")).transpose()?,
        customers,
        customers_by_channel: by_label(customers_by_channel, channel.as_ref().map(|c| &c.1)),
        customers_by_category: by_label(customers_by_category, category.as_ref().map(|c| &c.1)),
    };
    let records = Complaints {
        opened: opened.as_slice().map_err(err)?,
        first_response: first.as_slice().map_err(err)?,
        resolved: resolved.as_slice().map_err(err)?,
        contacts: contacts.as_deref(),
        reopened: reopened.as_deref(),
        channel: channel.as_ref().map(|c| c.0.as_slice()),
        category: category.as_ref().map(|c| c.0.as_slice()),
    };
    let m = comp::complaint_metrics(&records, &options).py_err()?;
    Ok(Labelled {
        metrics: m,
        channels: channel.map(|c| c.1).unwrap_or_default(),
        categories: category.map(|c| c.1).unwrap_or_default(),
    }
    .into())
}

/// The service-recovery effect: mean satisfaction of complainants whose issue was resolved
/// minus that of similar customers who never complained, with Welch's interval and p-value.
/// Returns a dict.
///
/// >>> cxkit.service_recovery([8, 9, 7, 9], [7, 7, 8, 6])["difference"]
/// 1.25
#[pyfunction]
#[pyo3(signature = (complainants, others, confidence=0.95))]
pub(crate) fn service_recovery<'py>(
    py: Python<'py>,
    complainants: &Bound<'py, PyAny>,
    others: &Bound<'py, PyAny>,
    confidence: f64,
) -> PyResult<Bound<'py, PyAny>> {
    let (a, b) = (
        floats(complainants, "complainants")?,
        floats(others, "others")?,
    );
    let (a, b): (Bound<'py, PyArray1<f64>>, Bound<'py, PyArray1<f64>>) = (a, b);
    let (a, b) = (a.readonly(), b.readonly());
    let err = |e: numpy::AsSliceError| PyValueError::new_err(e.to_string());
    let r = comp::service_recovery(
        a.as_slice().map_err(err)?,
        b.as_slice().map_err(err)?,
        confidence,
    )
    .py_err()?;
    to_dict(py, &r)
}

/// The complaint iceberg: estimated dissatisfied customers (``dissatisfied`` of
/// ``respondents`` in a survey, times ``customers``), how many of them never complain, the
/// interval of that number from the survey share's Wilson interval, and the assumption
/// behind it. Returns a dict.
///
/// >>> r = cxkit.complaint_iceberg(100_000, 500, dissatisfied=60, respondents=1_000)
/// >>> round(r["silent"]), round(r["per_complainant"], 6)
/// (5500, 12.0)
#[pyfunction]
#[pyo3(signature = (customers, complainants, dissatisfied, respondents, confidence=0.95))]
pub(crate) fn complaint_iceberg<'py>(
    py: Python<'py>,
    customers: f64,
    complainants: f64,
    dissatisfied: f64,
    respondents: f64,
    confidence: f64,
) -> PyResult<Bound<'py, PyAny>> {
    let r = comp::complaint_iceberg(
        customers,
        complainants,
        dissatisfied,
        respondents,
        confidence,
    )
    .py_err()?;
    to_dict(py, &r)
}

/// Rebuilds a result of this module from its class name and JSON state.
pub(crate) fn restore(py: Python<'_>, kind: &str, state: &str) -> PyResult<Option<Py<PyAny>>> {
    match kind {
        "ComplaintMetrics" => {
            let inner: Labelled = serde_json::from_str(state)
                .map_err(|e| PyValueError::new_err(format!("bad state: {e}")))?;
            Ok(Some(
                ComplaintMetrics { inner }
                    .into_pyobject(py)?
                    .into_any()
                    .unbind(),
            ))
        }
        _ => Ok(None),
    }
}

/// Adds journeys and complaints to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<IndicatorTree>()?;
    m.add_class::<JourneyState>()?;
    m.add_class::<ComplaintMetrics>()?;
    m.add_function(wrap_pyfunction!(pain_points, m)?)?;
    m.add_function(wrap_pyfunction!(complaint_metrics, m)?)?;
    m.add_function(wrap_pyfunction!(service_recovery, m)?)?;
    m.add_function(wrap_pyfunction!(complaint_iceberg, m)?)?;
    Ok(())
}
