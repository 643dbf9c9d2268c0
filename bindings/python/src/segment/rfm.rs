//! RFM scores and named segments for Python.

use cxkit_core::segment::{self as core, RfmBinning, RfmOptions, RfmSegmentMap};
use numpy::{PyArrayMethods, ToPyArray};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::categorical;
use crate::convert::{floats, frame, index_of};
use crate::error::IntoPyResult;
use crate::labels::matched;

/// A segment map from a list of dicts {"name", "r": (lo, hi), "f": (lo, hi), "m": (lo, hi)}.
fn segment_map(rules: &Bound<'_, PyAny>, bins: u32, fallback: &str) -> PyResult<RfmSegmentMap> {
    let mut out = Vec::new();
    for rule in rules.try_iter()? {
        let rule = rule?;
        let get = |k: &str, default: (u8, u8)| -> PyResult<(u8, u8)> {
            match rule.get_item(k) {
                Ok(v) => v.extract(),
                Err(_) => Ok(default),
            }
        };
        let all = (1, bins as u8);
        out.push(core::RfmRule {
            name: rule.get_item("name")?.extract()?,
            r: get("r", all)?,
            f: get("f", all)?,
            m: get("m", all)?,
        });
    }
    Ok(RfmSegmentMap {
        rules: out,
        fallback: fallback.to_string(),
        bins,
    })
}

/// RFM scores: recency (time since the last purchase, smaller is better), frequency and
/// monetary value scored 1..``bins`` in quantile bins (5 best), where a score is
/// 1 + floor(bins × customers strictly worse / n) so ties share a bin; ``binning`` is
/// "independent" or "nested" (F within R, M within R×F). Returns a DataFrame with r, f, m,
/// cell (e.g. 545) and segment, a categorical column (the default R×F map for 5 bins, or
/// ``segments``: a list of {"name", "r": (lo, hi), "f": (lo, hi), "m": (lo, hi)} rules,
/// first match wins).
///
/// >>> s = cxkit.rfm_scores([2, 40, 10, 90, 5], [12, 1, 4, 1, 8], [900, 20, 150, 35, 400])
/// >>> s["cell"].tolist(), s["segment"].tolist()[0]
/// ([555, 211, 333, 112, 444], 'Champions')
#[pyfunction]
#[pyo3(signature = (recency, frequency, monetary, bins=5, binning="independent", segments=None, fallback="Other"))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn rfm_scores<'py>(
    py: Python<'py>,
    recency: &Bound<'py, PyAny>,
    frequency: &Bound<'py, PyAny>,
    monetary: &Bound<'py, PyAny>,
    bins: u32,
    binning: &str,
    segments: Option<&Bound<'py, PyAny>>,
    fallback: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let binning: RfmBinning = crate::convert::named(binning)?;
    let map = match segments {
        Some(rules) => segment_map(rules, bins, fallback)?,
        None => RfmSegmentMap {
            fallback: fallback.to_string(),
            ..RfmSegmentMap::default()
        },
    };
    let index = index_of(recency)?;
    let frequency = matched(("recency", recency), ("frequency", frequency))?;
    let monetary = matched(("recency", recency), ("monetary", monetary))?;
    let (r, f, m) = (
        floats(recency, "recency")?,
        floats(&frequency, "frequency")?,
        floats(&monetary, "monetary")?,
    );
    let (r, f, m) = (r.readonly(), f.readonly(), m.readonly());
    let err = |e: numpy::AsSliceError| PyValueError::new_err(e.to_string());
    let (r, f, m) = (
        r.as_slice().map_err(err)?,
        f.as_slice().map_err(err)?,
        m.as_slice().map_err(err)?,
    );
    let options = RfmOptions { bins, binning };
    let s = py
        .detach(|| core::rfm_scores(r, f, m, &options, &map))
        .py_err()?;
    let cols = PyDict::new(py);
    cols.set_item("r", s.r.to_pyarray(py))?;
    cols.set_item("f", s.f.to_pyarray(py))?;
    cols.set_item("m", s.m.to_pyarray(py))?;
    cols.set_item("cell", s.cell.to_pyarray(py))?;
    cols.set_item(
        "segment",
        categorical(py, s.segment.to_pyarray(py).into_any(), &s.segment_names)?,
    )?;
    frame(py, cols, index, None)
}

/// Adds RFM scores to the module.
pub(super) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(rfm_scores, m)?)?;
    Ok(())
}
