//! Segment profiles (personas) and segment attractiveness for Python.

use cxkit_core::segment::{
    self as core, AttractivenessWeights, CategoricalAttribute, NumericAttribute, ProfileOptions,
};
use numpy::{PyArray1, PyArrayMethods, PyReadonlyArray1};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::error::{invalid, IntoPyResult};
use crate::labels::{LabelColumn, Missing, MISSING};

/// Profiles of each segment and their attractiveness, as three DataFrames.
#[pyclass(module = "cxkit", frozen)]
pub struct SegmentProfiles {
    /// One row per segment: size, share and, when a value or growth column was named,
    /// size_score, value_score, growth_score (each rescaled to [0, 1] across segments),
    /// attractiveness (0–100) and rank.
    #[pyo3(get)]
    summary: Py<PyAny>,
    /// One row per (segment, attribute), the segment level named like the segment column:
    /// count, missing, mean, std, min, the quantiles,
    /// median, max, population_mean and index (segment mean / population mean).
    #[pyo3(get)]
    numeric: Py<PyAny>,
    /// One row per (segment, attribute, level) for each segment's top levels: count, share,
    /// population_share and lift (share / population_share).
    #[pyo3(get)]
    categorical: Py<PyAny>,
}

#[pymethods]
impl SegmentProfiles {
    /// This result's chart, ``cxkit.plot.segment_profiles(self, **kwargs)`` (``ax``, ``lang``, …;
    /// needs matplotlib: ``pip install "cxkit[plot]"``).
    #[pyo3(signature = (**kwargs))]
    fn plot<'py>(
        slf: &Bound<'py, Self>,
        kwargs: Option<&Bound<'py, pyo3::types::PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::convert::result::plot(slf.as_any(), "segment_profiles", kwargs)
    }

    #[new]
    fn new(summary: Py<PyAny>, numeric: Py<PyAny>, categorical: Py<PyAny>) -> Self {
        SegmentProfiles {
            summary,
            numeric,
            categorical,
        }
    }

    fn __getnewargs__(&self, py: Python<'_>) -> (Py<PyAny>, Py<PyAny>, Py<PyAny>) {
        (
            self.summary.clone_ref(py),
            self.numeric.clone_ref(py),
            self.categorical.clone_ref(py),
        )
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "SegmentProfiles(summary=\n{})",
            self.summary.bind(py).str()?
        ))
    }

    fn _repr_html_(&self, py: Python<'_>) -> PyResult<String> {
        self.summary.bind(py).call_method0("_repr_html_")?.extract()
    }
}

/// The quantile's column name: 0.25 → "q25", 0.025 → "q2.5".
fn quantile_name(q: f64) -> String {
    let pct = format!("{:.6}", q * 100.0);
    format!("q{}", pct.trim_end_matches('0').trim_end_matches('.'))
}

/// Segment profiles (personas) of a DataFrame: for each value of ``segment_column``, its
/// size and share; for each numeric column (default: every numeric, non-boolean column)
/// count, missing (NaN/NA), mean, std, min, the ``quantiles``, median, max and the index
/// against the population mean; for each categorical column (default: the others) the
/// ``top`` levels with their share in the segment and in the population and the lift. With
/// ``value`` and/or ``growth`` (numeric column names), each segment's attractiveness from
/// size, mean value and mean growth, rescaled across segments and weighted by ``weights``
/// (a dict with keys size, value, growth; default 1 each) on a 0–100 scale.
///
/// >>> import pandas as pd
/// >>> df = pd.DataFrame({"seg": ["a", "a", "b", "b"], "clv": [10.0, 30.0, 100.0, 60.0],
/// ...                    "channel": ["app", "app", "branch", "app"]})
/// >>> p = cxkit.profile_segments(df, "seg", value="clv")
/// >>> p.numeric.loc[("b", "clv"), "index"]
/// np.float64(1.6)
/// >>> p.summary[["attractiveness", "rank"]].values.tolist()  # equal sizes; b is worth more
/// [[25.0, 2.0], [75.0, 1.0]]
#[pyfunction]
#[pyo3(signature = (frame, segment_column, numeric=None, categorical=None, quantiles=vec![0.25, 0.75], top=3, value=None, growth=None, weights=None), text_signature = "(frame, segment_column, numeric=None, categorical=None, quantiles=[0.25, 0.75], top=3, value=None, growth=None, weights=None)")]
#[allow(clippy::too_many_arguments)]
pub(crate) fn profile_segments<'py>(
    py: Python<'py>,
    frame: &Bound<'py, PyAny>,
    segment_column: &Bound<'py, PyAny>,
    numeric: Option<Vec<Bound<'py, PyAny>>>,
    categorical: Option<Vec<Bound<'py, PyAny>>>,
    quantiles: Vec<f64>,
    top: usize,
    value: Option<&Bound<'py, PyAny>>,
    growth: Option<&Bound<'py, PyAny>>,
    weights: Option<std::collections::HashMap<String, f64>>,
) -> PyResult<SegmentProfiles> {
    let pd = py.import("pandas")?;
    let np = py.import("numpy")?;
    let types = pd.getattr("api")?.getattr("types")?;
    let df = pd.call_method1("DataFrame", (frame,))?;
    // Segments are listed in sorted order, as a pandas groupby lists them.
    let segments = LabelColumn::read(
        &df.get_item(segment_column)?,
        "segment_column",
        Missing::Refuse,
    )?
    .sorted()?;
    let seg_labels = segments.labels()?;
    let segments = segments.codes;
    let others: Vec<Bound<'py, PyAny>> = df
        .getattr("columns")?
        .try_iter()?
        .filter(|c| {
            c.as_ref()
                .map_or(true, |c| !c.eq(segment_column).unwrap_or(false))
        })
        .collect::<PyResult<_>>()?;
    let is_number = |c: &Bound<'py, PyAny>| -> PyResult<bool> {
        let col = df.get_item(c)?;
        Ok(types
            .call_method1("is_numeric_dtype", (&col,))?
            .is_truthy()?
            && !types.call_method1("is_bool_dtype", (&col,))?.is_truthy()?)
    };
    let numeric = match numeric {
        Some(n) => n,
        None => others
            .iter()
            .filter_map(|c| is_number(c).map(|b| b.then(|| c.clone())).transpose())
            .collect::<PyResult<_>>()?,
    };
    let categorical = match categorical {
        Some(c) => c,
        None => others
            .iter()
            .filter_map(|c| {
                (|| -> PyResult<Option<Bound<'py, PyAny>>> {
                    let col = df.get_item(c)?;
                    let dated = types
                        .call_method1("is_datetime64_any_dtype", (&col,))?
                        .is_truthy()?;
                    Ok((!is_number(c)?
                        && !dated
                        && !numeric.iter().any(|n| n.eq(c).unwrap_or(false)))
                    .then(|| c.clone()))
                })()
                .transpose()
            })
            .collect::<PyResult<_>>()?,
    };
    let name = |c: &Bound<'py, PyAny>| -> PyResult<String> { Ok(c.str()?.to_string()) };
    let kwargs = PyDict::new(py);
    kwargs.set_item("dtype", "float64")?;
    kwargs.set_item("na_value", np.getattr("nan")?)?;
    let num_arrays: Vec<(String, Bound<'py, PyArray1<f64>>)> = numeric
        .iter()
        .map(|c| {
            let arr = df.get_item(c)?.call_method("to_numpy", (), Some(&kwargs))?;
            let arr = np.call_method1("ascontiguousarray", (arr,))?;
            Ok((name(c)?, arr.cast_into::<PyArray1<f64>>()?))
        })
        .collect::<PyResult<_>>()?;
    let cat_data: Vec<(String, Vec<Option<u32>>, Vec<String>)> = categorical
        .iter()
        .map(|c| {
            let column = LabelColumn::read(&df.get_item(c)?, "categorical", Missing::Skip)?;
            let levels = column.names()?;
            let codes = column
                .codes
                .iter()
                .map(|&k| (k != MISSING).then_some(k))
                .collect();
            Ok((name(c)?, codes, levels))
        })
        .collect::<PyResult<_>>()?;
    let views: Vec<PyReadonlyArray1<f64>> = num_arrays.iter().map(|(_, a)| a.readonly()).collect();
    let num_attrs = num_arrays
        .iter()
        .zip(&views)
        .map(|((name, _), v)| {
            Ok(NumericAttribute {
                name,
                values: v.as_slice()?,
            })
        })
        .collect::<PyResult<Vec<_>>>()?;
    let cat_attrs: Vec<CategoricalAttribute> = cat_data
        .iter()
        .map(|(name, codes, levels)| CategoricalAttribute {
            name,
            codes,
            levels,
        })
        .collect();
    let options = ProfileOptions {
        quantiles: quantiles.clone(),
        top,
    };
    let (value, growth) = (value.map(name).transpose()?, growth.map(name).transpose()?);
    let mut w = AttractivenessWeights::default();
    for (k, v) in weights.unwrap_or_default() {
        match k.as_str() {
            "size" => w.size = v,
            "value" => w.value = v,
            "growth" => w.growth = v,
            _ => {
                return Err(invalid(
                    "weights",
                    format!("keys are size, value and growth, got {k:?}"),
                ))
            }
        }
    }
    let (profiles, attractiveness) = py
        .detach(|| {
            let p = core::profile_segments(&segments, &num_attrs, &cat_attrs, &options)?;
            let a = if value.is_some() || growth.is_some() {
                Some(core::segment_attractiveness(
                    &p,
                    value.as_deref(),
                    growth.as_deref(),
                    &w,
                )?)
            } else {
                None
            };
            Ok::<_, cxkit_core::Error>((p, a))
        })
        .py_err()?;
    let label = |code: u32| seg_labels.get_item(code as usize);
    // The segment level of every frame is named like the segment column.
    let seg_name = name(segment_column)?;
    let index_named = |labels: Vec<Bound<'py, PyAny>>| -> PyResult<Bound<'py, PyAny>> {
        let idx = pd.call_method1("Index", (PyList::new(py, labels)?,))?;
        idx.setattr("name", &seg_name)?;
        Ok(idx)
    };
    // Summary, one row per segment.
    let cols = PyDict::new(py);
    let seg = |s: &core::SegmentProfile| s.segment.expect("segments carry labels");
    cols.set_item(
        "size",
        profiles.segments.iter().map(|s| s.size).collect::<Vec<_>>(),
    )?;
    cols.set_item(
        "share",
        profiles
            .segments
            .iter()
            .map(|s| s.share)
            .collect::<Vec<_>>(),
    )?;
    if let Some(a) = &attractiveness {
        for (j, key) in ["size_score", "value_score", "growth_score"]
            .iter()
            .enumerate()
        {
            if a.first().is_some_and(|r| r.criteria[j].is_some()) {
                cols.set_item(*key, a.iter().map(|r| r.criteria[j]).collect::<Vec<_>>())?;
            }
        }
        cols.set_item(
            "attractiveness",
            a.iter().map(|r| r.score).collect::<Vec<_>>(),
        )?;
        cols.set_item("rank", a.iter().map(|r| r.rank).collect::<Vec<_>>())?;
    }
    let labels = profiles
        .segments
        .iter()
        .map(|s| label(seg(s)))
        .collect::<PyResult<Vec<_>>>()?;
    let summary = crate::convert::frame(py, cols, Some(index_named(labels)?), None)?;
    // Numeric attributes, one row per (segment, attribute).
    let cols = PyDict::new(py);
    let rows: Vec<(&core::SegmentProfile, usize)> = profiles
        .segments
        .iter()
        .flat_map(|s| (0..s.numeric.len()).map(move |j| (s, j)))
        .collect();
    let opt = |v: Option<f64>| v.unwrap_or(f64::NAN);
    let stat = |f: &dyn Fn(&core::NumericSummary) -> f64| -> Vec<f64> {
        rows.iter().map(|(s, j)| f(&s.numeric[*j])).collect()
    };
    cols.set_item(
        &seg_name,
        rows.iter()
            .map(|(s, _)| label(seg(s)))
            .collect::<PyResult<Vec<_>>>()?,
    )?;
    cols.set_item(
        "attribute",
        rows.iter()
            .map(|(s, j)| s.numeric[*j].name.clone())
            .collect::<Vec<_>>(),
    )?;
    cols.set_item(
        "count",
        rows.iter()
            .map(|(s, j)| s.numeric[*j].count)
            .collect::<Vec<_>>(),
    )?;
    cols.set_item(
        "missing",
        rows.iter()
            .map(|(s, j)| s.numeric[*j].missing)
            .collect::<Vec<_>>(),
    )?;
    cols.set_item("mean", stat(&|n| opt(n.mean)))?;
    cols.set_item("std", stat(&|n| opt(n.std)))?;
    cols.set_item("min", stat(&|n| opt(n.min)))?;
    for (k, q) in quantiles.iter().enumerate() {
        cols.set_item(quantile_name(*q), stat(&|n| opt(n.quantiles[k])))?;
    }
    cols.set_item("median", stat(&|n| opt(n.median)))?;
    cols.set_item("max", stat(&|n| opt(n.max)))?;
    cols.set_item(
        "population_mean",
        rows.iter()
            .map(|(_, j)| opt(profiles.population.numeric[*j].mean))
            .collect::<Vec<_>>(),
    )?;
    cols.set_item("index", stat(&|n| opt(n.index)))?;
    let numeric = crate::convert::frame(py, cols, None, None)?
        .call_method1("set_index", (vec![seg_name.as_str(), "attribute"],))?;
    // Categorical attributes, one row per (segment, attribute, level).
    let cols = PyDict::new(py);
    let rows: Vec<(&core::SegmentProfile, &str, &core::CategoryShare)> = profiles
        .segments
        .iter()
        .flat_map(|s| {
            s.categorical
                .iter()
                .flat_map(move |c| c.top.iter().map(move |t| (s, c.name.as_str(), t)))
        })
        .collect();
    cols.set_item(
        &seg_name,
        rows.iter()
            .map(|(s, _, _)| label(seg(s)))
            .collect::<PyResult<Vec<_>>>()?,
    )?;
    cols.set_item("attribute", rows.iter().map(|r| r.1).collect::<Vec<_>>())?;
    cols.set_item(
        "level",
        rows.iter().map(|r| r.2.level.as_str()).collect::<Vec<_>>(),
    )?;
    cols.set_item("count", rows.iter().map(|r| r.2.count).collect::<Vec<_>>())?;
    cols.set_item("share", rows.iter().map(|r| r.2.share).collect::<Vec<_>>())?;
    cols.set_item(
        "population_share",
        rows.iter()
            .map(|r| r.2.population_share)
            .collect::<Vec<_>>(),
    )?;
    cols.set_item("lift", rows.iter().map(|r| r.2.lift).collect::<Vec<_>>())?;
    let categorical = crate::convert::frame(py, cols, None, None)?.call_method1(
        "set_index",
        (vec![seg_name.as_str(), "attribute", "level"],),
    )?;
    Ok(SegmentProfiles {
        summary: summary.unbind(),
        numeric: numeric.unbind(),
        categorical: categorical.unbind(),
    })
}

/// Adds segment profiles to the module.
pub(super) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(profile_segments, m)?)?;
    m.add_class::<SegmentProfiles>()?;
    Ok(())
}
