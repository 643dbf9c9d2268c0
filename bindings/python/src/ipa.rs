//! Importance–performance analysis for Python.

use cxkit_core::ipa::{self as ip, Crosshair};
use numpy::PyArrayMethods;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::convert::floats;
use crate::convert::result::{list, table};
use crate::error::{invalid, IntoPyResult};
use crate::labels::matched;

/// Importance–performance analysis (Martilla & James 1977): each attribute's quadrant —
/// "concentrate here" (important, performing below the cut), "keep up the good work",
/// "low priority", "possible overkill" — with crosshairs at the "mean", the "median" or a
/// given (importance, performance) pair such as scale midpoints; a value on a cut counts as
/// high. Importance may be stated or derived (e.g. ``key_drivers(...).table["importance"]``).
/// Returns a DataFrame (importance, performance, quadrant) with the cuts in ``attrs``.
///
/// >>> t = cxkit.ipa([0.4, 0.3, 0.1, 0.2], [3, 6, 2, 6.5], names=["fees", "app", "branch", "cards"])
/// >>> t["quadrant"].tolist()
/// ['concentrate here', 'keep up the good work', 'low priority', 'possible overkill']
#[pyfunction]
#[pyo3(signature = (importance, performance, names=None, crosshair=None))]
pub(crate) fn ipa<'py>(
    py: Python<'py>,
    importance: &Bound<'py, PyAny>,
    performance: &Bound<'py, PyAny>,
    names: Option<Vec<String>>,
    crosshair: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let cross = match crosshair.filter(|c| !c.is_none()) {
        None => Crosshair::default(),
        Some(c) => match c.extract::<String>() {
            Ok(s) => Crosshair::from_name(&s).py_err()?,
            Err(_) => {
                let (importance, performance): (f64, f64) = c.extract()?;
                Crosshair::At {
                    importance,
                    performance,
                }
            }
        },
    };
    let performance = matched(("importance", importance), ("performance", performance))?;
    let index = crate::convert::index_of(importance)?;
    let imp = floats(importance, "importance")?;
    let perf = floats(&performance, "performance")?;
    let (iv, pv) = (imp.readonly(), perf.readonly());
    let err = |e: numpy::AsSliceError| PyValueError::new_err(e.to_string());
    let (is, ps) = (iv.as_slice().map_err(err)?, pv.as_slice().map_err(err)?);
    let r = ip::ipa(is, ps, cross).py_err()?;
    let names: Vec<String> = match (names, &index) {
        (Some(n), _) => n,
        (None, Some(ix)) => ix
            .try_iter()?
            .map(|v| Ok(v?.str()?.to_string()))
            .collect::<PyResult<_>>()?,
        (None, None) => (0..is.len()).map(|j| j.to_string()).collect(),
    };
    if names.len() != is.len() {
        return Err(invalid(
            "names",
            format!("{} names for {} attributes", names.len(), is.len()),
        ));
    }
    let t = table(
        py,
        &names,
        "attribute",
        vec![
            ("importance", list(py, is)?),
            ("performance", list(py, ps)?),
            (
                "quadrant",
                list(
                    py,
                    &r.quadrants.iter().map(|q| q.label()).collect::<Vec<_>>(),
                )?,
            ),
        ],
    )?;
    if let Ok(attrs) = t.getattr("attrs") {
        attrs.set_item("importance_cut", r.importance_cut)?;
        attrs.set_item("performance_cut", r.performance_cut)?;
    }
    Ok(t)
}

/// Adds importance–performance analysis to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(ipa, m)?)?;
    Ok(())
}
