//! Journeys for Python: the indicator tree, a mergeable journey state fed with event
//! DataFrames, window evaluation and pain points.

use std::collections::HashMap;

use cxkit_core::journey::{
    self as jr, EvaluateOptions, GapTo, IndicatorTree as CoreTree, JourneyState as CoreState,
    RejectPolicy, Window,
};
use cxkit_core::names::Named;
use numpy::PyArrayMethods;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyType};

use crate::convert::result::to_dict;
use crate::convert::state::{accumulator_class, Accumulate, Context, Shared};
use crate::convert::{epoch_times, floats, frame, json_text, named, one_time};
use crate::error::{invalid, IntoPyResult};
use crate::labels::{LabelColumn, Missing};

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
#[derive(Clone, PartialEq)]
pub struct IndicatorTree {
    inner: CoreTree,
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
    fn from_dict(spec: &Bound<'_, PyAny>) -> PyResult<Self> {
        Self::from_json(&json_text(spec)?)
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

/// A core state with the labels of its segment codes.
#[derive(Clone, PartialEq)]
struct SegmentedState {
    state: CoreState,
    /// Segment labels by code.
    segments: Vec<String>,
}

impl Accumulate for SegmentedState {
    /// Adds another labelled state of the same tree, its segments matched by label; on error
    /// nothing changes.
    fn merge(&mut self, other: &SegmentedState) -> cxkit_core::Result<()> {
        self.state
            .merge_by_label(&mut self.segments, &other.state, &other.segments)
            .map(|_| ())
    }

    /// The state as versioned bytes with its segment labels.
    fn to_bytes(&self) -> Vec<u8> {
        self.state.to_bytes(&self.segments)
    }
}

/// A state's tree is checked by the core when states merge.
impl Context for IndicatorTree {
    fn check_merge(&self, _other: &IndicatorTree) -> PyResult<()> {
        Ok(())
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

accumulator_class! {
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
    JourneyState(SegmentedState, tree: IndicatorTree) {
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
            self.inner.with(py, |l| l.merge(&batch)).py_err()
        }

        /// Events folded.
        #[getter]
        fn events(&self, py: Python<'_>) -> u64 {
            self.inner.with(py, |l| l.state.events)
        }

        /// The journey heat map of this state, ``cxkit.plot.journey_heatmap(self, **kwargs)``
        /// (``start`` and ``end``, the first and last month, are needed; ``ax``, ``lang``,
        /// ``target``, …; needs matplotlib: ``pip install "cxkit[plot]"``).
        #[pyo3(signature = (**kwargs))]
        fn plot<'py>(
            slf: &Bound<'py, Self>,
            kwargs: Option<&Bound<'py, pyo3::types::PyDict>>,
        ) -> PyResult<Bound<'py, PyAny>> {
            crate::convert::result::plot(slf.as_any(), "journey_heatmap", kwargs)
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

        fn __repr__(&self, py: Python<'_>) -> String {
            let (events, segments) = self.inner.with(py, |l| (l.state.events, l.segments.len()));
            format!("JourneyState({events} events, {segments} segments)")
        }
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
        Window::new(named(kind)?, day, days).py_err()
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

/// Adds journeys to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<IndicatorTree>()?;
    m.add_class::<JourneyState>()?;
    m.add_function(wrap_pyfunction!(pain_points, m)?)?;
    Ok(())
}
