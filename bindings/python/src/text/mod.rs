//! Free text from Python (binds `cxkit::text`): one string or a column of them (a list,
//! tuple, numpy array, pandas or polars Series, any string dtype), read in one place; the
//! submodules mirror the core's (`pii`, `tokenize`, `taxonomy`, `sentiment`, `keywords`,
//! `impact`).

mod impact;
mod keywords;
mod pii;
mod sentiment;
mod taxonomy;
mod tokenize;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use rayon::prelude::*;

use crate::convert::{index_of, is_missing, GcPause};
use crate::error::invalid;

/// Texts of a column: each a string, or None where the text is missing (None, NaN, pandas
/// NA). Anything else is an InvalidParameterError naming its row.
pub(crate) fn texts(obj: &Bound<'_, PyAny>, what: &'static str) -> PyResult<Vec<Option<String>>> {
    let values = if obj.hasattr("to_list")? {
        obj.call_method0("to_list")?
    } else if obj.hasattr("tolist")? {
        obj.call_method0("tolist")?
    } else {
        obj.clone()
    };
    let mut out = Vec::new();
    for (row, v) in values.try_iter()?.enumerate() {
        let v = v?;
        if let Ok(s) = v.cast::<PyString>() {
            out.push(Some(s.extract::<String>()?));
        } else if is_missing(&v)? {
            out.push(None);
        } else {
            return Err(invalid(
                what,
                format!("row {row} is a {}, not a text", v.get_type().name()?),
            ));
        }
    }
    Ok(out)
}

/// The texts of `obj`: itself when it is one string, else its column ([`texts`]).
pub(crate) fn one_or_column(obj: &Bound<'_, PyAny>) -> PyResult<Vec<Option<String>>> {
    if obj.cast::<PyString>().is_ok() {
        Ok(vec![Some(obj.extract()?)])
    } else {
        texts(obj, "texts")
    }
}

/// `f` of each text of `obj` (or of `obj` itself when it is one string; texts in parallel,
/// without the GIL), shaped as the caller gave them: one value, a list, or a pandas Series on the caller's index.
pub(crate) fn each_text<'py, T: Send>(
    obj: &Bound<'py, PyAny>,
    what: &'static str,
    f: impl Fn(&str) -> T + Sync,
    mut out: impl FnMut(Python<'py>, Option<T>) -> PyResult<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = obj.py();
    if let Ok(s) = obj.cast::<PyString>() {
        let s: String = s.extract()?;
        let r = py.detach(|| f(&s));
        return out(py, Some(r));
    }
    let given = texts(obj, what)?;
    let done: Vec<Option<T>> =
        py.detach(|| given.par_iter().map(|t| t.as_deref().map(&f)).collect());
    let list = PyList::empty(py);
    let _paused = GcPause::new(py)?;
    for r in done {
        list.append(out(py, r)?)?;
    }
    match index_of(obj)? {
        Some(index) if obj.hasattr("name")? => {
            let pd = py.import("pandas")?;
            let kw = PyDict::new(py);
            kw.set_item("index", index)?;
            kw.set_item("name", obj.getattr("name")?)?;
            kw.set_item("dtype", "object")?;
            pd.call_method("Series", (list,), Some(&kw))
        }
        _ => Ok(list.into_any()),
    }
}

/// The texts of a column as plain strings, a missing text as an empty one (no words).
pub(crate) fn plain(texts: &[Option<String>]) -> Vec<&str> {
    texts.iter().map(|t| t.as_deref().unwrap_or("")).collect()
}

/// Adds the text functions and classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(pii::mask_pii, m)?)?;
    m.add_function(wrap_pyfunction!(tokenize::tokenize, m)?)?;
    m.add_function(wrap_pyfunction!(tokenize::normalize, m)?)?;
    m.add_class::<tokenize::Tokenizer>()?;
    m.add_class::<taxonomy::Taxonomy>()?;
    m.add_class::<sentiment::Lexicon>()?;
    m.add_function(wrap_pyfunction!(sentiment::sentiment, m)?)?;
    m.add_function(wrap_pyfunction!(keywords::keywords, m)?)?;
    m.add_function(wrap_pyfunction!(keywords::term_changes, m)?)?;
    impact::register(m)?;
    Ok(())
}
