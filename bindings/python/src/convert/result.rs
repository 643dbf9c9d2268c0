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

/// `Name(field=value, ...)` from the serialized fields, for reading: numbers to four
/// significant digits (`to_dict` keeps them whole), and a field holding a list of records
/// (drivers, items, topics) one record per line, the first [`REPR_ROWS`] of them.
pub(crate) fn repr<T: Serialize>(name: &str, value: &T) -> String {
    let Ok(v) = serde_json::to_value(value) else {
        return format!("{name}()");
    };
    let Value::Object(top) = &v else {
        return format!("{name}({})", show(&v));
    };
    // A named result (`Named`): its result's fields beside the others, and each name in
    // the records it names.
    let mut fields = serde_json::Map::new();
    let mut names = None;
    for (k, v) in top {
        match (k.as_str(), v) {
            ("result", Value::Object(inner)) => fields.extend(inner.clone()),
            ("names", Value::Array(n)) => names = Some(n.clone()),
            _ => {
                fields.insert(k.clone(), v.clone());
            }
        }
    }
    fields.retain(|_, v| !(v.is_null() || v.as_str() == Some("")));
    for v in fields.values_mut() {
        if let (Value::Array(rows), Some(names)) = (v, &names) {
            if rows.len() == names.len() && rows.iter().all(Value::is_object) {
                for (row, n) in rows.iter_mut().zip(names) {
                    let Value::Object(r) = row else { continue };
                    let mut named = serde_json::Map::new();
                    named.insert("name".into(), n.clone());
                    named.extend(std::mem::take(r));
                    *r = named;
                }
            }
        }
    }
    if let Some(n) = names.filter(|_| {
        !fields
            .values()
            .any(|v| matches!(v, Value::Array(r) if r.iter().any(|x| x.get("name").is_some())))
    }) {
        fields.insert("names".into(), Value::Array(n));
    }
    let is_table = |v: &Value| matches!(v, Value::Array(a) if a.iter().any(Value::is_object));
    let (tables, plain): (Vec<_>, Vec<_>) = fields.iter().partition(|(_, v)| is_table(v));
    let head: Vec<String> = plain
        .iter()
        .map(|(k, v)| format!("{k}={}", show(v)))
        .collect();
    if tables.is_empty() {
        return format!("{name}({})", head.join(", "));
    }
    let mut out = format!("{name}({}", head.join(", "));
    for (k, v) in tables {
        let Value::Array(rows) = v else { continue };
        out += &format!(",\n  {k}=[");
        for row in rows.iter().take(REPR_ROWS) {
            out += &format!("\n    {},", show(row));
        }
        if rows.len() > REPR_ROWS {
            out += &format!("\n    … {} more,", rows.len() - REPR_ROWS);
        }
        out += "\n  ]";
    }
    out + ")"
}

/// The records of a table field a repr shows.
const REPR_ROWS: usize = 12;

/// One serialized value as a repr shows it.
fn show(v: &Value) -> String {
    match v {
        Value::String(s) => format!("'{s}'"),
        Value::Number(n) => n
            .as_f64()
            .filter(|_| n.is_f64())
            .map_or(n.to_string(), rounded),
        Value::Object(m) => {
            let fields: Vec<String> = m.iter().map(|(k, v)| format!("{k}={}", show(v))).collect();
            format!("({})", fields.join(", "))
        }
        Value::Array(a) => {
            let items: Vec<String> = a.iter().map(show).collect();
            format!("[{}]", items.join(", "))
        }
        other => other.to_string(),
    }
}

/// `x` to four significant digits, without trailing zeros ("30", "0.1235", "1.235e-05").
fn rounded(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return x.to_string();
    }
    let magnitude = x.abs().log10().floor() as i32;
    if !(-4..6).contains(&magnitude) {
        return format!("{x:.3e}");
    }
    let decimals = (3 - magnitude).max(0) as usize;
    let s = format!("{x:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reprs_round_and_put_records_on_lines() {
        assert_eq!(rounded(30.0), "30");
        assert_eq!(rounded(0.123456), "0.1235");
        assert_eq!(rounded(-27.3861), "-27.39");
        assert_eq!(rounded(1.23456e-5), "1.235e-5");
        let v =
            serde_json::json!({"r2": 0.63123, "n": 80, "drivers": [{"name": "a", "share": 32.51}]});
        assert_eq!(
            repr("KeyDrivers", &v),
            "KeyDrivers(r2=0.6312, n=80,\n  drivers=[\n    (name='a', share=32.51),\n  ])"
        );
    }
}

/// `cxkit.plot.<chart>(obj, **kwargs)`: the chart of a result object, for its `plot` method.
pub(crate) fn plot<'py>(
    obj: &Bound<'py, PyAny>,
    chart: &str,
    kwargs: Option<&Bound<'py, pyo3::types::PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    obj.py()
        .import("cxkit.plot")?
        .getattr(chart)?
        .call((obj,), kwargs)
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
