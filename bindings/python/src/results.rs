//! Result classes: frozen wrappers of the core's result structs with attribute access,
//! `to_dict()`, a readable `repr`, equality and pickling.

use cxkit_core::names::Named;
use cxkit_core::survey as core;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use serde_json::Value;

/// A `dict` of a serializable value (nested results become nested dicts).
pub(crate) fn to_dict<'py, T: serde::Serialize>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let json = serde_json::to_string(value).map_err(|e| PyValueError::new_err(e.to_string()))?;
    py.import("json")?.call_method1("loads", (json,))
}

/// `Name(field=value, ...)` from the serialized fields.
pub(crate) fn repr<T: serde::Serialize>(name: &str, value: &T) -> String {
    fn show(v: &Value) -> String {
        match v {
            Value::String(s) => format!("'{s}'"),
            Value::Object(m) => {
                let fields: Vec<String> =
                    m.iter().map(|(k, v)| format!("{k}={}", show(v))).collect();
                format!("({})", fields.join(", "))
            }
            Value::Array(a) => {
                let items: Vec<String> = a.iter().map(show).collect();
                format!("[{}]", items.join(", "))
            }
            other => other.to_string(),
        }
    }
    let body = serde_json::to_value(value)
        .map(|v| show(&v))
        .unwrap_or_default();
    format!("{name}{body}")
}

/// Rebuilds a result from its class name and JSON state (the pickle constructor).
#[pyfunction]
pub(crate) fn _restore(py: Python<'_>, kind: &str, state: &str) -> PyResult<Py<PyAny>> {
    fn load<T: serde::de::DeserializeOwned>(state: &str) -> PyResult<T> {
        serde_json::from_str(state).map_err(|e| PyValueError::new_err(format!("bad state: {e}")))
    }
    let obj = match kind {
        "Nps" => Nps {
            inner: load(state)?,
        }
        .into_pyobject(py)?
        .into_any(),
        "Proportion" => Proportion {
            inner: load(state)?,
        }
        .into_pyobject(py)?
        .into_any(),
        "Mean" => Mean {
            inner: load(state)?,
        }
        .into_pyobject(py)?
        .into_any(),
        "Csat" => Csat {
            inner: load(state)?,
        }
        .into_pyobject(py)?
        .into_any(),
        "Ces" => Ces {
            inner: load(state)?,
        }
        .into_pyobject(py)?
        .into_any(),
        "Likert" => Likert {
            inner: load(state)?,
        }
        .into_pyobject(py)?
        .into_any(),
        "WaveTest" => WaveTest {
            inner: load(state)?,
        }
        .into_pyobject(py)?
        .into_any(),
        _ => {
            let found = match crate::quality::restore(py, kind, state)? {
                Some(obj) => Some(obj),
                None => crate::journey::restore(py, kind, state)?,
            };
            return found
                .ok_or_else(|| PyValueError::new_err(format!("unknown result kind {kind:?}")));
        }
    };
    Ok(obj.unbind())
}

/// Defines a frozen result class wrapping a core struct, with one getter per listed field.
macro_rules! result_class {
    (
        $(#[$doc:meta])*
        $name:ident($inner:ty) {
            $($field:ident: $ty:ty = |$r:ident| $get:expr),* $(,)?
        }
        $(methods { $($extra:tt)* })?
    ) => {
        $(#[$doc])*
        #[pyclass(module = "cxkit", frozen, eq)]
        #[derive(Clone, PartialEq)]
        pub struct $name {
            pub(crate) inner: $inner,
        }

        #[pymethods]
        impl $name {
            $(
                #[getter]
                fn $field(&self) -> $ty {
                    let $r = &self.inner;
                    $get
                }
            )*

            /// The result as a dict of plain Python values (nested results become dicts).
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                $crate::results::to_dict(py, &self.inner)
            }

            fn __repr__(&self) -> String {
                $crate::results::repr(stringify!($name), &self.inner)
            }

            $($($extra)*)?

            fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyTuple>> {
                let state = serde_json::to_string(&self.inner)
                    .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
                let restore = py.import("cxkit._cxkit")?.getattr("_restore")?;
                (restore, (stringify!($name), state)).into_pyobject(py)
            }
        }

        impl From<$inner> for $name {
            fn from(inner: $inner) -> Self {
                $name { inner }
            }
        }
    };
}
pub(crate) use result_class;

fn nps_method_name(m: core::NpsMethod) -> &'static str {
    m.as_str()
}

fn interval_name(m: core::ProportionMethod) -> &'static str {
    m.as_str()
}

fn bounds(s: core::Scale) -> (i32, i32) {
    (s.min(), s.max())
}

result_class! {
    /// A Net Promoter Score: `score`, `se`, `ci_low`, `ci_high` in points (-100..100);
    /// `promoters`, `passives`, `detractors` as fractions; `n` responses and Kish's
    /// `n_effective`.
    Nps(core::Nps) {
        score: f64 = |r| r.score,
        promoters: f64 = |r| r.promoters,
        passives: f64 = |r| r.passives,
        detractors: f64 = |r| r.detractors,
        n: u64 = |r| r.n,
        n_effective: f64 = |r| r.n_effective,
        se: f64 = |r| r.se,
        ci_low: f64 = |r| r.ci_low,
        ci_high: f64 = |r| r.ci_high,
        confidence: f64 = |r| r.confidence,
        method: &'static str = |r| nps_method_name(r.method),
    }
}

result_class! {
    /// A share (a fraction) with its confidence interval.
    Proportion(core::Proportion) {
        estimate: f64 = |r| r.estimate,
        ci_low: f64 = |r| r.ci_low,
        ci_high: f64 = |r| r.ci_high,
        n: u64 = |r| r.n,
        n_effective: f64 = |r| r.n_effective,
        confidence: f64 = |r| r.confidence,
        method: &'static str = |r| interval_name(r.method),
    }
}

result_class! {
    /// A mean with its Student-t confidence interval.
    Mean(core::Mean) {
        estimate: f64 = |r| r.estimate,
        sd: f64 = |r| r.sd,
        se: f64 = |r| r.se,
        ci_low: f64 = |r| r.ci_low,
        ci_high: f64 = |r| r.ci_high,
        n: u64 = |r| r.n,
        n_effective: f64 = |r| r.n_effective,
        confidence: f64 = |r| r.confidence,
    }
}

result_class! {
    /// Customer satisfaction: `top_box` (the CSAT score, a Proportion) and `mean` (a Mean).
    Csat(core::Csat) {
        scale: (i32, i32) = |r| bounds(r.scale),
        top: u32 = |r| r.top,
        top_box: Proportion = |r| r.top_box.into(),
        mean: Mean = |r| r.mean.into(),
        score: f64 = |r| r.top_box.estimate,
    }
}

result_class! {
    /// Customer Effort Score: `mean` (the CES, a Mean) and `easy`, the share at or above the
    /// threshold (a Proportion).
    Ces(core::Ces) {
        scale: (i32, i32) = |r| bounds(r.scale),
        threshold: i32 = |r| r.threshold,
        mean: Mean = |r| r.mean.into(),
        easy: Proportion = |r| r.easy.into(),
        score: f64 = |r| r.mean.estimate,
    }
}

result_class! {
    /// A Likert item's distribution: counts and shares per point (lowest first), mean, sd,
    /// median, top and bottom box shares.
    Likert(core::Likert) {
        scale: (i32, i32) = |r| bounds(r.scale),
        points: Vec<i32> = |r| (r.scale.min()..=r.scale.max()).collect(),
        counts: Vec<u64> = |r| r.counts.clone(),
        shares: Vec<f64> = |r| r.shares.clone(),
        n: u64 = |r| r.n,
        n_effective: f64 = |r| r.n_effective,
        mean: f64 = |r| r.mean,
        sd: f64 = |r| r.sd,
        median: f64 = |r| r.median,
        boxes: u32 = |r| r.boxes,
        top_box: f64 = |r| r.top_box,
        bottom_box: f64 = |r| r.bottom_box,
    }
    methods {
        /// The distribution as a pandas DataFrame with columns point, count, share.
        fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            let r = &self.inner;
            let columns = pyo3::types::PyDict::new(py);
            columns.set_item("point", (r.scale.min()..=r.scale.max()).collect::<Vec<i32>>())?;
            columns.set_item("count", r.counts.clone())?;
            columns.set_item("share", r.shares.clone())?;
            py.import("pandas")?.call_method1("DataFrame", (columns,))
        }

        /// An HTML table of the distribution, for notebooks.
        fn _repr_html_(&self) -> String {
            let r = &self.inner;
            let rows: String = (r.scale.min()..=r.scale.max())
                .zip(r.counts.iter().zip(&r.shares))
                .map(|(p, (c, s))| format!("<tr><td>{p}</td><td>{c}</td><td>{:.1}%</td></tr>", 100.0 * s))
                .collect();
            format!(
                "<table><caption>Likert {}..{}: n = {}, mean {:.2}, sd {:.2}, median {}, \
                 top-{b} {:.1}%, bottom-{b} {:.1}%</caption>\
                 <tr><th>point</th><th>count</th><th>share</th></tr>{rows}</table>",
                r.scale.min(), r.scale.max(), r.n, r.mean, r.sd, r.median,
                100.0 * r.top_box, 100.0 * r.bottom_box, b = r.boxes
            )
        }
    }
}

result_class! {
    /// A two-wave z-test: `delta` = a - b (points for NPS, fractions for shares), `se`, `z`,
    /// two-sided `p_value` and the difference's confidence interval.
    WaveTest(core::WaveTest) {
        delta: f64 = |r| r.delta,
        se: f64 = |r| r.se,
        z: f64 = |r| r.z,
        p_value: f64 = |r| r.p_value,
        ci_low: f64 = |r| r.ci_low,
        ci_high: f64 = |r| r.ci_high,
        confidence: f64 = |r| r.confidence,
    }
}

/// Adds the result classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Nps>()?;
    m.add_class::<Proportion>()?;
    m.add_class::<Mean>()?;
    m.add_class::<Csat>()?;
    m.add_class::<Ces>()?;
    m.add_class::<Likert>()?;
    m.add_class::<WaveTest>()?;
    m.add_function(wrap_pyfunction!(_restore, m)?)?;
    Ok(())
}
