//! Result objects: frozen classes over the core's result structs with attribute access,
//! `to_dict()`, a readable `repr`, equality and pickling, and the DataFrames they show.
//!
//! Every result class pickles the same way: `__reduce__` gives `(type(obj)._from_state,
//! args)` (see [`reduce`]), where `args` holds the core result as JSON and whatever else the
//! class keeps (names of rows, segment labels); `_from_state` is a classmethod of the class.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::convert::frame;

/// A `dict` of a serializable value (nested results become nested dicts).
pub(crate) fn to_dict<'py, T: Serialize>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (to_json(value)?,))
}

/// `Name(field=value, ...)` from the serialized fields.
pub(crate) fn repr<T: Serialize>(name: &str, value: &T) -> String {
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

/// The JSON state of a result.
pub(crate) fn to_json<T: Serialize>(value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// A result read back from the JSON state written by [`to_json`].
pub(crate) fn from_json<T: serde::de::DeserializeOwned>(state: &str) -> PyResult<T> {
    serde_json::from_str(state).map_err(|e| PyValueError::new_err(format!("bad state: {e}")))
}

/// The pickle of the result object `obj`: `(type(obj)._from_state, args)`.
pub(crate) fn reduce<'py, A: IntoPyObject<'py>>(
    obj: &Bound<'py, PyAny>,
    args: A,
) -> PyResult<Bound<'py, PyTuple>> {
    let from_state = obj.get_type().getattr("_from_state")?;
    (from_state, args).into_pyobject(obj.py())
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
                $crate::convert::result::to_dict(py, &self.inner)
            }

            fn __repr__(&self) -> String {
                $crate::convert::result::repr(stringify!($name), &self.inner)
            }

            $($($extra)*)?

            fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, pyo3::types::PyTuple>> {
                let state = $crate::convert::result::to_json(&slf.get().inner)?;
                $crate::convert::result::reduce(slf.as_any(), (state,))
            }

            /// Rebuilds the result from its pickled state.
            #[classmethod]
            fn _from_state(_cls: &Bound<'_, pyo3::types::PyType>, state: &str) -> PyResult<Self> {
                Ok($name { inner: $crate::convert::result::from_json(state)? })
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

/// A core result with the names of its rows (items, drivers) and, for key drivers, the
/// method that picks the headline importance.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Named<T> {
    pub(crate) names: Vec<String>,
    #[serde(default)]
    pub(crate) method: String,
    pub(crate) result: T,
}

impl<T> Named<T> {
    pub(crate) fn new(names: Vec<String>, result: T) -> Named<T> {
        Named {
            names,
            method: String::new(),
            result,
        }
    }
}

/// A DataFrame of `columns` indexed by `names` (index named `label`).
pub(crate) fn table<'py>(
    py: Python<'py>,
    names: &[String],
    label: &str,
    columns: Vec<(&str, Bound<'py, PyAny>)>,
) -> PyResult<Bound<'py, PyAny>> {
    let cols = PyDict::new(py);
    for (k, v) in columns {
        cols.set_item(k, v)?;
    }
    frame(
        py,
        cols,
        Some(PyList::new(py, names)?.into_any()),
        Some(label),
    )
}

/// A Python list of the values.
pub(crate) fn list<'py, T: IntoPyObject<'py> + Clone>(
    py: Python<'py>,
    v: &[T],
) -> PyResult<Bound<'py, PyAny>> {
    Ok(PyList::new(py, v.iter().cloned())?.into_any())
}

/// Columns of a list of means: estimate under `name`, then sd, se, ci_low, ci_high, n.
pub(crate) fn mean_columns<'py>(
    py: Python<'py>,
    name: &'static str,
    means: &[&cxkit_core::survey::Mean],
) -> PyResult<Vec<(&'static str, Bound<'py, PyAny>)>> {
    let f = |g: fn(&cxkit_core::survey::Mean) -> f64| -> PyResult<Bound<'py, PyAny>> {
        list(py, &means.iter().map(|m| g(m)).collect::<Vec<_>>())
    };
    Ok(vec![
        (name, f(|m| m.estimate)?),
        ("sd", f(|m| m.sd)?),
        ("se", f(|m| m.se)?),
        ("ci_low", f(|m| m.ci_low)?),
        ("ci_high", f(|m| m.ci_high)?),
        (
            "n",
            list(py, &means.iter().map(|m| m.n).collect::<Vec<_>>())?,
        ),
    ])
}

/// The notebook HTML of a result shown as `table` (a DataFrame's `to_html`), or its `repr`
/// in a `<pre>` where the table is not a DataFrame (pandas missing).
pub(crate) fn html(table: &Bound<'_, PyAny>, repr: impl FnOnce() -> String) -> PyResult<String> {
    if table.hasattr("to_html")? {
        table.call_method0("to_html")?.extract()
    } else {
        Ok(format!("<pre>{}</pre>", repr()))
    }
}
