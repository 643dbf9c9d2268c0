//! Service quality for Python: SERVQUAL, SERVPERF and the zone of tolerance, their result
//! classes and the mergeable SERVQUAL state.

use cxkit_core::quality::{self as q, DimensionWeights, Dimensions, QualityOptions};
use cxkit_core::scale::NanPolicy;
use numpy::PyArrayMethods;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyType};

use crate::convert::result::{list, mean_columns, result_class, table, Named};
use crate::convert::state::{accumulate_by_methods, accumulator_class, Columns, Shared};
use crate::convert::{named_matrix, nan_policy};
use crate::error::{invalid, IntoPyResult};
use crate::labels::{entries_in_order, in_order, matched, rows_matched};
use crate::long::{name_of, LongTable};
use crate::survey::Mean;

result_class! {
    /// SERVQUAL gaps: `items` and `dimensions` (DataFrames with the gap, sd, se, ci_low,
    /// ci_high, n), `overall` (a Mean: the unweighted SERVQUAL score) and `weighted` (a Mean,
    /// or None without weights).
    Servqual(Named<q::Servqual>) {
        overall: Mean = |r| r.result.overall.into(),
        weighted: Option<Mean> = |r| r.result.weighted.map(Mean::from),
    }
    methods {
        /// This result's chart, ``cxkit.plot.servqual(self, **kwargs)`` (``ax``, ``lang``, …;
        /// needs matplotlib: ``pip install "cxkit[plot]"``).
        #[pyo3(signature = (**kwargs))]
        fn plot<'py>(
            slf: &Bound<'py, Self>,
            kwargs: Option<&Bound<'py, pyo3::types::PyDict>>,
        ) -> PyResult<Bound<'py, PyAny>> {
            crate::convert::result::plot(slf.as_any(), "servqual", kwargs)
        }

        /// One row per item: perception, expectation, gap and the gap's interval.
        #[getter]
        fn items<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            let it = &self.inner.result.items;
            let mut cols = vec![
                ("perception", list(py, &it.iter().map(|i| i.perception).collect::<Vec<_>>())?),
                ("expectation", list(py, &it.iter().map(|i| i.expectation).collect::<Vec<_>>())?),
            ];
            cols.extend(mean_columns(py, "gap", &it.iter().map(|i| &i.gap).collect::<Vec<_>>())?);
            table(py, &self.inner.names, "item", cols)
        }

        /// One row per dimension: the gap and its interval.
        #[getter]
        fn dimensions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            dimension_table(py, &self.inner.result.dimensions, "gap")
        }
    }
}

result_class! {
    /// SERVPERF (perceptions only): `items` and `dimensions` DataFrames (score, sd, se,
    /// ci_low, ci_high, n) and `overall` (a Mean).
    Servperf(Named<q::Servperf>) {
        overall: Mean = |r| r.result.overall.into(),
    }
    methods {
        /// One row per item.
        #[getter]
        fn items<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            let it: Vec<&cxkit_core::survey::Mean> = self.inner.result.items.iter().collect();
            table(py, &self.inner.names, "item", mean_columns(py, "score", &it)?)
        }

        /// One row per dimension.
        #[getter]
        fn dimensions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            dimension_table(py, &self.inner.result.dimensions, "score")
        }
    }
}

fn dimension_table<'py>(
    py: Python<'py>,
    dims: &[q::DimensionScore],
    name: &'static str,
) -> PyResult<Bound<'py, PyAny>> {
    let names: Vec<String> = dims.iter().map(|d| d.name.clone()).collect();
    let means: Vec<&cxkit_core::survey::Mean> = dims.iter().map(|d| &d.score).collect();
    table(py, &names, "dimension", mean_columns(py, name, &means)?)
}

fn zone_table<'py>(
    py: Python<'py>,
    names: &[String],
    label: &str,
    z: &[q::ZoneScore],
) -> PyResult<Bound<'py, PyAny>> {
    let col = |g: fn(&q::ZoneScore) -> f64| list(py, &z.iter().map(g).collect::<Vec<_>>());
    table(
        py,
        names,
        label,
        vec![
            ("perceived", col(|s| s.perceived)?),
            ("adequate", col(|s| s.adequate)?),
            ("desired", col(|s| s.desired)?),
            ("msa", col(|s| s.msa)?),
            ("mss", col(|s| s.mss)?),
            (
                "position",
                list(py, &z.iter().map(|s| s.position.name()).collect::<Vec<_>>())?,
            ),
            ("share_below", col(|s| s.share_below)?),
            ("share_within", col(|s| s.share_within)?),
            ("share_above", col(|s| s.share_above)?),
            ("n", list(py, &z.iter().map(|s| s.n).collect::<Vec<_>>())?),
        ],
    )
}

result_class! {
    /// Zones of tolerance: `items` and `dimensions` DataFrames with the mean perceived,
    /// adequate and desired service, msa (P − A), mss (P − D), position (below, within,
    /// above) and the shares of respondents below, within and above their own zone.
    ZoneOfTolerance(Named<q::ZoneOfTolerance>) {}
    methods {
        /// This result's chart, ``cxkit.plot.zone_of_tolerance(self, **kwargs)`` (``ax``, ``lang``, …;
        /// needs matplotlib: ``pip install "cxkit[plot]"``).
        #[pyo3(signature = (**kwargs))]
        fn plot<'py>(
            slf: &Bound<'py, Self>,
            kwargs: Option<&Bound<'py, pyo3::types::PyDict>>,
        ) -> PyResult<Bound<'py, PyAny>> {
            crate::convert::result::plot(slf.as_any(), "zone_of_tolerance", kwargs)
        }

        /// One row per item.
        #[getter]
        fn items<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            zone_table(py, &self.inner.names, "item", &self.inner.result.items)
        }

        /// One row per dimension.
        #[getter]
        fn dimensions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            let d = &self.inner.result.dimensions;
            let names: Vec<String> = d.iter().map(|z| z.name.clone()).collect();
            zone_table(py, &names, "dimension", d)
        }
    }
}

/// The position of an item: by its label when the items are labelled (a DataFrame's columns,
/// even when they are numbers such as 1–22 after a pivot: item 3 is the column named 3), by
/// position (0, 1, …) only when they are not (numpy arrays and lists).
fn item_position(
    item: &Bound<'_, PyAny>,
    names: &[String],
    labelled: bool,
    what: &'static str,
) -> PyResult<usize> {
    if !labelled {
        return item.extract::<usize>().map_err(|_| {
            invalid(
                what,
                format!(
                    "{} is not an item position: the items have no labels (give a DataFrame \
                     to name them), so they are positions 0 to {}",
                    item.repr().map_or_else(|_| "?".into(), |r| r.to_string()),
                    names.len().saturating_sub(1)
                ),
            )
        });
    }
    let name = item.str()?.to_string();
    names.iter().position(|n| *n == name).ok_or_else(|| {
        invalid(
            what,
            format!(
                "{name:?} is not an item: the items are the columns {} (by label, not position)",
                names.join(", ")
            ),
        )
    })
}

/// The item → dimension map from None (the 22-item SERVQUAL), a dict {dimension: [items]}
/// (positions or column names) or a sequence with one dimension name per item.
fn dimensions(
    spec: Option<&Bound<'_, PyAny>>,
    names: &[String],
    labelled: bool,
) -> PyResult<Dimensions> {
    let Some(spec) = spec.filter(|s| !s.is_none()) else {
        return Ok(Dimensions::servqual());
    };
    let position = |item: &Bound<'_, PyAny>| item_position(item, names, labelled, "dimensions");
    if let Ok(d) = spec.cast::<PyDict>() {
        let groups = d
            .iter()
            .map(|(k, items)| {
                let positions = items
                    .try_iter()?
                    .map(|item| position(&item?))
                    .collect::<PyResult<Vec<usize>>>()?;
                Ok((k.str()?.to_string(), positions))
            })
            .collect::<PyResult<Vec<_>>>()?;
        return Dimensions::from_groups(names, &groups).py_err();
    }
    let labels: Vec<String> = spec
        .try_iter()?
        .map(|l| Ok(l?.str()?.to_string()))
        .collect::<PyResult<_>>()?;
    Dimensions::from_labels(&labels).py_err()
}

/// Reverse-coded items by label (or by position where the items have none).
fn reversed(
    spec: Option<&Bound<'_, PyAny>>,
    names: &[String],
    labelled: bool,
) -> PyResult<Vec<usize>> {
    let Some(spec) = spec.filter(|s| !s.is_none()) else {
        return Ok(Vec::new());
    };
    spec.try_iter()?
        .map(|item| item_position(&item?, names, labelled, "reversed"))
        .collect()
}

/// The wide frames of a long table, and the dimensions argument to analyse them with.
type LongFrames<'py, const N: usize> = ([Bound<'py, PyAny>; N], Option<Bound<'py, PyAny>>);

/// The wide frames of a long table (``data`` given): each of `values` names a column of
/// `data` whose values become a respondents × items frame; `dimensions`, when it is a column
/// name, becomes one dimension per item (the item's rows must agree). A respondent without a
/// row for an item is refused under ``nan_policy="raise"``.
fn long_frames<'py, const N: usize>(
    data: &Bound<'py, PyAny>,
    (respondent, item): (&str, &str),
    values: [(&Bound<'py, PyAny>, &'static str); N],
    dimensions: Option<&Bound<'py, PyAny>>,
    nan: &str,
) -> PyResult<LongFrames<'py, N>> {
    let long = LongTable::read(data, respondent, item)?;
    if nan_policy(nan)? == NanPolicy::Raise {
        long.complete()?;
    }
    let mut frames = Vec::with_capacity(N);
    for (obj, what) in values {
        frames.push(long.wide(&name_of(obj, what)?)?);
    }
    let dimensions = match dimensions.filter(|d| !d.is_none()) {
        Some(d) if d.is_instance_of::<PyString>() => {
            let per_item = long.per_label(&name_of(d, "dimensions")?, "dimensions")?;
            Some(PyList::new(data.py(), per_item)?.into_any())
        }
        other => other.cloned(),
    };
    let frames: [Bound<'py, PyAny>; N] = frames
        .try_into()
        .unwrap_or_else(|_| unreachable!("one frame per value column"));
    Ok((frames, dimensions))
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn quality_options(
    names: &[String],
    labelled: bool,
    dims: Option<&Bound<'_, PyAny>>,
    scale: (f64, f64),
    rev: Option<&Bound<'_, PyAny>>,
    nan: &str,
    confidence: f64,
) -> PyResult<QualityOptions> {
    Ok(QualityOptions {
        dimensions: dimensions(dims, names, labelled)?,
        scale,
        reversed: reversed(rev, names, labelled)?,
        nan_policy: nan_policy(nan)?,
        confidence,
    })
}

/// SERVQUAL: the gap between ``perceptions`` and ``expectations`` (respondents × items; lists,
/// numpy arrays or DataFrames, NaN for a skipped rating) per item, per dimension and overall,
/// with t-intervals. ``dimensions``: None for the 22-item SERVQUAL (tangibles 1–4, reliability
/// 5–9, responsiveness 10–13, assurance 14–17, empathy 18–22), a dict {dimension: [items]}
/// or one dimension name per item. ``weights``: 100 points over the dimensions, one list for
/// everyone or respondents × dimensions, for the weighted score. ``reversed`` items are
/// flipped on the ``scale``.
///
/// >>> r = cxkit.servqual([[5, 6], [4, 7], [6, 5]], [[6, 6], [6, 6], [7, 6]],
/// ...                    dimensions=["reliability", "empathy"])
/// >>> round(r.overall.estimate, 4), r.items["gap"].round(4).tolist()
/// (-0.6667, [-1.3333, 0.0])
///
/// A long (tidy) table, one row per respondent and item as servqual.csv and
/// ``load_demo_bank()["servqual"]`` hold it, is read as it is: pass it as ``data``; the
/// rating arguments become column names, ``dimensions`` may name the column of each item's
/// dimension, and ``respondent`` and ``item`` name the label columns (servqual.csv's by
/// default).
///
/// >>> sq = cxkit.load_demo_bank(customers=2_000)["servqual"]
/// >>> r = cxkit.servqual("perception", "expectation", dimensions="dimension", data=sq)
/// >>> r.dimensions.index.tolist()
/// ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy']
#[pyfunction]
#[pyo3(signature = (perceptions, expectations, dimensions=None, weights=None, scale=(1.0, 7.0), reversed=None, nan_policy="raise", confidence=0.95, data=None, respondent="respondent_id", item="item"), text_signature = "(perceptions, expectations, dimensions=None, weights=None, scale=(1.0, 7.0), reversed=None, nan_policy='raise', confidence=0.95, data=None, respondent='respondent_id', item='item')")]
#[allow(clippy::too_many_arguments)]
pub(crate) fn servqual<'py>(
    py: Python<'py>,
    perceptions: &Bound<'py, PyAny>,
    expectations: &Bound<'py, PyAny>,
    dimensions: Option<&Bound<'py, PyAny>>,
    weights: Option<&Bound<'py, PyAny>>,
    scale: (f64, f64),
    reversed: Option<&Bound<'py, PyAny>>,
    nan_policy: &str,
    confidence: f64,
    data: Option<&Bound<'py, PyAny>>,
    respondent: &str,
    item: &str,
) -> PyResult<Servqual> {
    if let Some(data) = data.filter(|d| !d.is_none()) {
        let values = [(perceptions, "perceptions"), (expectations, "expectations")];
        let ([p, e], dims) = long_frames(data, (respondent, item), values, dimensions, nan_policy)?;
        return servqual(
            py,
            &p,
            &e,
            dims.as_ref(),
            weights,
            scale,
            reversed,
            nan_policy,
            confidence,
            None,
            respondent,
            item,
        );
    }
    let expectations = matched(("perceptions", perceptions), ("expectations", expectations))?;
    let (p, names, index) = named_matrix(py, perceptions, "perceptions", false)?;
    let (e, _, _) = named_matrix(py, &expectations, "expectations", false)?;
    let o = quality_options(
        &names,
        index.is_some(),
        dimensions,
        scale,
        reversed,
        nan_policy,
        confidence,
    )?;
    let w = match weights.filter(|w| !w.is_none()) {
        None => None,
        Some(w) => {
            // Weights name the dimensions (a Series or dict by dimension, a DataFrame's
            // columns) and, per respondent, the rows of the perceptions.
            let dims = ("the dimensions", o.dimensions.names.as_slice());
            let w = entries_in_order(w, "weights", dims)?;
            let w = in_order(&w, "weights", Some(dims))?;
            let w = if w.hasattr("columns")? {
                rows_matched(("perceptions", perceptions), ("weights", &w))?
            } else {
                w
            };
            let (m, _, _) = named_matrix(py, &w, "weights", true)?;
            let m = m.readonly().as_array().to_owned();
            Some(if m.nrows() == 1 && p.readonly().as_array().nrows() != 1 {
                DimensionWeights::Overall(m.row(0).to_vec())
            } else {
                DimensionWeights::PerRespondent(m)
            })
        }
    };
    let (pv, ev) = (p.readonly(), e.readonly());
    let (pv, ev) = (pv.as_array(), ev.as_array());
    let r = py.detach(|| q::servqual(pv, ev, w.as_ref(), &o)).py_err()?;
    Ok(Named::new(names, r).into())
}

/// SERVPERF: the ``perceptions`` alone (Cronin & Taylor 1992) per item, dimension and
/// overall, with t-intervals; arguments as ``servqual`` (a long table too).
///
/// >>> round(cxkit.servperf([[5, 6], [4, 7], [6, 5]], dimensions=["a", "a"]).overall.estimate, 4)
/// 5.5
#[pyfunction]
#[pyo3(signature = (perceptions, dimensions=None, scale=(1.0, 7.0), reversed=None, nan_policy="raise", confidence=0.95, data=None, respondent="respondent_id", item="item"), text_signature = "(perceptions, dimensions=None, scale=(1.0, 7.0), reversed=None, nan_policy='raise', confidence=0.95, data=None, respondent='respondent_id', item='item')")]
#[allow(clippy::too_many_arguments)]
pub(crate) fn servperf<'py>(
    py: Python<'py>,
    perceptions: &Bound<'py, PyAny>,
    dimensions: Option<&Bound<'py, PyAny>>,
    scale: (f64, f64),
    reversed: Option<&Bound<'py, PyAny>>,
    nan_policy: &str,
    confidence: f64,
    data: Option<&Bound<'py, PyAny>>,
    respondent: &str,
    item: &str,
) -> PyResult<Servperf> {
    if let Some(data) = data.filter(|d| !d.is_none()) {
        let values = [(perceptions, "perceptions")];
        let ([p], dims) = long_frames(data, (respondent, item), values, dimensions, nan_policy)?;
        return servperf(
            py,
            &p,
            dims.as_ref(),
            scale,
            reversed,
            nan_policy,
            confidence,
            None,
            respondent,
            item,
        );
    }
    let (p, names, index) = named_matrix(py, perceptions, "perceptions", false)?;
    let o = quality_options(
        &names,
        index.is_some(),
        dimensions,
        scale,
        reversed,
        nan_policy,
        confidence,
    )?;
    let pv = p.readonly();
    let pv = pv.as_array();
    let r = py.detach(|| q::servperf(pv, &o)).py_err()?;
    Ok(Named::new(names, r).into())
}

/// The zone of tolerance: ``perceived``, ``adequate`` and ``desired`` service ratings
/// (respondents × items). Per item and dimension: the means, msa = P − A, mss = P − D, where
/// the mean perception lies (below, within or above the zone) and the shares of respondents
/// below, within and above their own zone; arguments as ``servqual`` (a long table too).
///
/// >>> z = cxkit.zone_of_tolerance([[5], [3], [7]], [[4], [4], [4]], [[6], [6], [6]], dimensions=["all"])
/// >>> z.items[["msa", "mss", "position"]].values.tolist()
/// [[1.0, -1.0, 'within']]
#[pyfunction]
#[pyo3(signature = (perceived, adequate, desired, dimensions=None, scale=(1.0, 7.0), reversed=None, nan_policy="raise", data=None, respondent="respondent_id", item="item"), text_signature = "(perceived, adequate, desired, dimensions=None, scale=(1.0, 7.0), reversed=None, nan_policy='raise', data=None, respondent='respondent_id', item='item')")]
#[allow(clippy::too_many_arguments)]
pub(crate) fn zone_of_tolerance<'py>(
    py: Python<'py>,
    perceived: &Bound<'py, PyAny>,
    adequate: &Bound<'py, PyAny>,
    desired: &Bound<'py, PyAny>,
    dimensions: Option<&Bound<'py, PyAny>>,
    scale: (f64, f64),
    reversed: Option<&Bound<'py, PyAny>>,
    nan_policy: &str,
    data: Option<&Bound<'py, PyAny>>,
    respondent: &str,
    item: &str,
) -> PyResult<ZoneOfTolerance> {
    if let Some(data) = data.filter(|d| !d.is_none()) {
        let values = [
            (perceived, "perceived"),
            (adequate, "adequate"),
            (desired, "desired"),
        ];
        let ([p, a, d], dims) =
            long_frames(data, (respondent, item), values, dimensions, nan_policy)?;
        return zone_of_tolerance(
            py,
            &p,
            &a,
            &d,
            dims.as_ref(),
            scale,
            reversed,
            nan_policy,
            None,
            respondent,
            item,
        );
    }
    let adequate = matched(("perceived", perceived), ("adequate", adequate))?;
    let desired = matched(("perceived", perceived), ("desired", desired))?;
    let (p, names, index) = named_matrix(py, perceived, "perceived", false)?;
    let (a, _, _) = named_matrix(py, &adequate, "adequate", false)?;
    let (d, _, _) = named_matrix(py, &desired, "desired", false)?;
    let o = quality_options(
        &names,
        index.is_some(),
        dimensions,
        scale,
        reversed,
        nan_policy,
        0.95,
    )?;
    let (pv, av, dv) = (p.readonly(), a.readonly(), d.readonly());
    let (pv, av, dv) = (pv.as_array(), av.as_array(), dv.as_array());
    let r = py
        .detach(|| q::zone_of_tolerance(pv, av, dv, &o))
        .py_err()?;
    Ok(Named::new(names, r).into())
}

accumulate_by_methods!(q::ServqualAccumulator);

accumulator_class! {
    /// Mergeable SERVQUAL state: ``update`` with batches of respondents (perceptions and
    /// expectations, respondents × items), ``merge`` partitions, ``finish`` into the Servqual
    /// that ``cxkit.servqual`` gives on all of them at once (without the weighted score). The
    /// items are a count or their names; the other arguments are those of ``cxkit.servqual``.
    ///
    /// >>> north = cxkit.ServqualAccumulator(["speed", "fees"], dimensions=["a", "b"])
    /// >>> north.update([[5, 6]], [[6, 6]])
    /// >>> south = cxkit.ServqualAccumulator(["speed", "fees"], dimensions=["a", "b"])
    /// >>> south.update([[4, 7], [6, 5]], [[6, 6], [7, 6]])
    /// >>> north.merge(cxkit.ServqualAccumulator.from_bytes(south.to_bytes(), ["speed", "fees"]))
    /// >>> north.respondents, round(north.finish().overall.estimate, 4)
    /// (3, -0.6667)
    ServqualAccumulator(q::ServqualAccumulator, items: Columns) {
        #[new]
        #[pyo3(signature = (items, dimensions=None, scale=(1.0, 7.0), reversed=None, nan_policy="raise", confidence=0.95), text_signature = "(items, dimensions=None, scale=(1.0, 7.0), reversed=None, nan_policy='raise', confidence=0.95)")]
        fn new(
            items: &Bound<'_, PyAny>,
            dimensions: Option<&Bound<'_, PyAny>>,
            scale: (f64, f64),
            reversed: Option<&Bound<'_, PyAny>>,
            nan_policy: &str,
            confidence: f64,
        ) -> PyResult<Self> {
            // Items given by name are labels; a count gives positions.
            let labelled = items.extract::<usize>().is_err();
            let items = Columns::of(items, "items")?;
            let o = quality_options(
                &items.given(), labelled, dimensions, scale, reversed, nan_policy, confidence,
            )?;
            Ok(ServqualAccumulator {
                inner: Shared::new(q::ServqualAccumulator::new(o).py_err()?),
                items,
            })
        }

        /// Adds a batch of respondents. On error the state is unchanged. Threads may update
        /// one state at once (each summarises its batch with the GIL released).
        fn update<'py>(
            &self,
            py: Python<'py>,
            perceptions: &Bound<'py, PyAny>,
            expectations: &Bound<'py, PyAny>,
        ) -> PyResult<()> {
            let expectations = matched(("perceptions", perceptions), ("expectations", expectations))?;
            let p = self.items.batch(perceptions, "perceptions")?;
            let e = self.items.batch(&expectations, "expectations")?;
            let (p, e) = (p.readonly(), e.readonly());
            let (p, e) = (p.as_array(), e.as_array());
            let mut batch =
                q::ServqualAccumulator::new(self.inner.with(py, |a| a.options().clone())).py_err()?;
            py.detach(|| batch.update(p, e)).py_err()?;
            self.inner.with(py, |a| a.merge(&batch)).py_err()
        }

        /// Respondents with at least one rated item so far.
        #[getter]
        fn respondents(&self, py: Python<'_>) -> u64 {
            self.inner.with(py, |a| a.respondents())
        }

        /// Item names.
        #[getter]
        fn items(&self) -> Vec<String> {
            self.items.given()
        }

        /// The SERVQUAL analysis of every respondent seen.
        fn finish(&self, py: Python<'_>) -> PyResult<Servqual> {
            let r = self.inner.with(py, |a| a.finish()).py_err()?;
            Ok(Named::new(self.items.given(), r).into())
        }

        /// Reads state written by ``to_bytes`` (with the item names, default "0", "1", …);
        /// raises CorruptBytesError on anything else.
        #[classmethod]
        #[pyo3(signature = (data, items=None))]
        fn from_bytes(
            _cls: &Bound<'_, PyType>,
            data: &[u8],
            items: Option<&Bound<'_, PyAny>>,
        ) -> PyResult<Self> {
            let inner = q::ServqualAccumulator::from_bytes(data).py_err()?;
            let items = Columns::read(items, inner.options().dimensions.of_item.len(), "items")?;
            Ok(ServqualAccumulator {
                items,
                inner: Shared::new(inner),
            })
        }

        fn __repr__(&self, py: Python<'_>) -> String {
            format!(
                "ServqualAccumulator({} items, {} respondents)",
                self.items.given().len(),
                self.inner.with(py, |a| a.respondents())
            )
        }
    }
}

/// Adds the service-quality functions and classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(servqual, m)?)?;
    m.add_function(wrap_pyfunction!(servperf, m)?)?;
    m.add_function(wrap_pyfunction!(zone_of_tolerance, m)?)?;
    m.add_class::<Servqual>()?;
    m.add_class::<Servperf>()?;
    m.add_class::<ZoneOfTolerance>()?;
    m.add_class::<ServqualAccumulator>()?;
    Ok(())
}
