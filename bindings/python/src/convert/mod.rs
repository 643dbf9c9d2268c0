//! Conversion of Python arguments: array-likes of scores and weights, scales and option strings.

pub(crate) mod defaults;
pub(crate) mod result;
pub(crate) mod state;

use cxkit_core::names::Named;
use cxkit_core::survey::{Histogram, NanPolicy, NpsMethod, ProportionMethod, Scale};
use numpy::{PyArray1, PyArrayMethods};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3::types::PyList;

use crate::error::{invalid, IntoPyResult};

/// A one-dimensional, C-contiguous numpy view of `obj` (a list, numpy array, pandas or polars
/// Series). numpy arrays and numeric Series are viewed without a copy; missing values of
/// pandas' nullable dtypes and `None` in lists become NaN.
pub(crate) fn array<'py>(
    obj: &Bound<'py, PyAny>,
    what: &'static str,
) -> PyResult<Bound<'py, PyAny>> {
    let py = obj.py();
    let np = py.import("numpy")?;
    let has_to_numpy = !obj.is_instance_of::<numpy::PyUntypedArray>() && obj.hasattr("to_numpy")?;
    let mut arr = if has_to_numpy {
        obj.call_method0("to_numpy")?
    } else {
        np.call_method1("asarray", (obj,))?
    };
    if kind(&arr)? == "O" {
        let floats = if has_to_numpy {
            let kwargs = PyDict::new(py);
            kwargs.set_item("dtype", "float64")?;
            kwargs.set_item("na_value", np.getattr("nan")?)?;
            obj.call_method("to_numpy", (), Some(&kwargs))
        } else {
            np.call_method1("asarray", (obj, "float64"))
        };
        // Text or other objects among the values: the argument's error, not numpy's.
        arr = floats.map_err(|e| {
            invalid(
                what,
                format!("must be numbers (None or NaN for a missing one): {e}"),
            )
        })?;
    }
    let ndim: usize = arr.getattr("ndim")?.extract()?;
    if ndim != 1 {
        return Err(invalid(
            what,
            format!("must be one-dimensional, got {ndim} dimensions"),
        ));
    }
    // Valid numbers in a dtype the kernels do not read — big-endian integers or floats,
    // float16 — are converted to the native dtype (a copy) rather than refused.
    let dtype = arr.getattr("dtype")?;
    if "iuf".contains(kind(&arr)?.as_str()) {
        if dtype.getattr("itemsize")?.extract::<usize>()? == 2 && kind(&arr)? == "f" {
            arr = arr.call_method1("astype", ("float32",))?;
        } else if !dtype.getattr("isnative")?.extract::<bool>()? {
            arr = arr.call_method1("astype", (dtype.call_method1("newbyteorder", ("=",))?,))?;
        }
    }
    np.call_method1("ascontiguousarray", (arr,))
}

fn kind(arr: &Bound<'_, PyAny>) -> PyResult<String> {
    arr.getattr("dtype")?.getattr("kind")?.extract()
}

/// The error for a dtype cxkit does not take as scores (text, dates, objects).
fn unsupported_dtype(arr: &Bound<'_, PyAny>) -> PyErr {
    let dtype = arr
        .getattr("dtype")
        .map(|d| d.to_string())
        .unwrap_or_else(|_| "unknown".into());
    invalid(
        "scores",
        format!("must be integers or floats, got an array of dtype {dtype}"),
    )
}

/// Returns `$body` with `$s` the slice of the numpy array `$arr` in its own dtype (any integer
/// or float), or an error for another dtype.
macro_rules! by_dtype {
    ($arr:expr, $s:ident => $body:expr) => {
        by_dtype!(@each $arr, $s => $body; f64, f32, i64, i32, i16, i8, u64, u32, u16, u8)
    };
    (@each $arr:expr, $s:ident => $body:expr; $($t:ty),*) => {{
        $(
            if let Ok(a) = $arr.cast::<PyArray1<$t>>() {
                let view = a.readonly();
                let $s = view.as_slice().map_err(not_viewable)?;
                return $body;
            }
        )*
        Err(unsupported_dtype(&$arr))
    }};
}

/// Tallies array-like `scores` (with optional `weights`) on `scale`, with the GIL released.
///
/// The scores are read in their own dtype (any integer or float) without a copy where numpy's
/// layout allows; this is the one place where Python data enters the core.
pub(crate) fn tally(
    py: Python<'_>,
    scores: &Bound<'_, PyAny>,
    weights: Option<&Bound<'_, PyAny>>,
    scale: Scale,
    nan_policy: NanPolicy,
) -> PyResult<Histogram> {
    let arr = array(scores, "scores")?;
    let weights = optional_floats(weights, "weights")?;
    let w = optional_slice(&weights)?;
    by_dtype!(arr, s => py.detach(|| Histogram::from_scores(scale, s, w, nan_policy)).py_err())
}

/// The tallies of `scores` per group: `groups` codes (below `n_groups`) one per score, as
/// [`tally`] reads the scores.
pub(crate) fn tally_by_group(
    py: Python<'_>,
    scores: &Bound<'_, PyAny>,
    weights: Option<&Bound<'_, PyAny>>,
    scale: Scale,
    nan_policy: NanPolicy,
    (groups, n_groups): (&[u32], usize),
) -> PyResult<Vec<Histogram>> {
    let arr = array(scores, "scores")?;
    let weights = optional_floats(weights, "weights")?;
    let w = optional_slice(&weights)?;
    by_dtype!(arr, s => py
        .detach(|| Histogram::by_group(scale, s, w, groups, n_groups, nan_policy))
        .py_err())
}

fn not_viewable(e: numpy::AsSliceError) -> PyErr {
    pyo3::exceptions::PyValueError::new_err(e.to_string())
}

/// A scale argument: `k` for the points 1..=k, or a pair `(min, max)`.
#[derive(Clone, Copy)]
pub(crate) struct ScaleArg(pub(crate) Scale);

impl ScaleArg {
    /// The scale 1..=k (a default argument).
    pub(crate) fn one_to(k: i32) -> ScaleArg {
        ScaleArg(Scale::new(1, k).expect("a default scale is valid"))
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for ScaleArg {
    type Error = PyErr;

    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let scale = if let Ok((min, max)) = obj.extract::<(i32, i32)>() {
            Scale::new(min, max)
        } else if let Ok(k) = obj.extract::<i32>() {
            Scale::new(1, k)
        } else {
            return Err(invalid(
                "scale",
                format!(
                    "expected k (for 1..=k) or a pair (min, max), got {}",
                    obj.as_any()
                ),
            ));
        };
        scale.map(ScaleArg).py_err()
    }
}

/// An option value by its name (the core's table of names: `cxkit::names`).
pub(crate) fn named<T: Named>(name: &str) -> PyResult<T> {
    T::from_name(name).py_err()
}

/// `"raise"` or `"omit"`.
pub(crate) fn nan_policy(s: &str) -> PyResult<NanPolicy> {
    named(s)
}

/// `"adjusted_wald"` or `"wald"`.
pub(crate) fn nps_method(s: &str) -> PyResult<NpsMethod> {
    named(s)
}

/// `"wilson"` or `"wald"`.
pub(crate) fn interval(s: &str) -> PyResult<ProportionMethod> {
    named(s)
}

/// A float64 1-D array of an array-like or a number (a view when the input already is one).
pub(crate) fn floats<'py>(
    obj: &Bound<'py, PyAny>,
    what: &'static str,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let arr = if obj.extract::<f64>().is_ok() {
        array(&PyList::new(obj.py(), [obj])?.into_any(), what)?
    } else {
        array(obj, what)?
    };
    let np = obj.py().import("numpy")?;
    Ok(np
        .call_method1("ascontiguousarray", (arr, "float64"))?
        .cast_into::<PyArray1<f64>>()?)
}

/// The index of a pandas Series or DataFrame argument, if it is one.
pub(crate) fn index_of<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyAny>>> {
    if obj.hasattr("index")? && obj.hasattr("to_numpy")? {
        Ok(Some(obj.getattr("index")?))
    } else {
        Ok(None)
    }
}

/// A pandas DataFrame of `columns`, indexed by `index` (renamed `index_name` when given).
/// Without pandas, the dict of columns, with the index as column `index_name` when named.
pub(crate) fn frame<'py>(
    py: Python<'py>,
    columns: Bound<'py, PyDict>,
    index: Option<Bound<'py, PyAny>>,
    index_name: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    match py.import("pandas") {
        Ok(pd) => {
            let kwargs = PyDict::new(py);
            if let Some(mut index) = index {
                if let Some(name) = index_name {
                    index = pd.call_method1("Index", (index,))?;
                    index.setattr("name", name)?;
                }
                kwargs.set_item("index", index)?;
            }
            pd.call_method("DataFrame", (columns,), Some(&kwargs))
        }
        Err(_) => {
            if let (Some(index), Some(name)) = (index, index_name) {
                columns.set_item(name, index)?;
            }
            Ok(columns.into_any())
        }
    }
}

/// A read-only float64 view of an optional array-like (weights, amounts, …); None and
/// Python's None both mean absent.
pub(crate) fn optional_floats<'py>(
    obj: Option<&Bound<'py, PyAny>>,
    what: &'static str,
) -> PyResult<Option<numpy::PyReadonlyArray1<'py, f64>>> {
    Ok(obj
        .filter(|o| !o.is_none())
        .map(|o| floats(o, what))
        .transpose()?
        .map(|a| a.readonly()))
}

/// The slice of an optional read-only view.
pub(crate) fn optional_slice<'a>(
    view: &'a Option<numpy::PyReadonlyArray1<'_, f64>>,
) -> PyResult<Option<&'a [f64]>> {
    view.as_ref()
        .map(|v| v.as_slice())
        .transpose()
        .map_err(not_viewable)
}

/// A float64 samples × columns matrix (a view when the input already is float64, in any
/// layout), its column names (a DataFrame's, else "0", "1", …) and a DataFrame's index. With
/// `row_vector`, a 1-D input is one row.
#[allow(clippy::type_complexity)]
pub(crate) fn named_matrix<'py>(
    py: Python<'py>,
    obj: &Bound<'py, PyAny>,
    what: &'static str,
    row_vector: bool,
) -> PyResult<(
    Bound<'py, numpy::PyArray2<f64>>,
    Vec<String>,
    Option<Bound<'py, PyAny>>,
)> {
    let np = py.import("numpy")?;
    let is_frame = obj.hasattr("columns")? && obj.hasattr("index")?;
    let (names, index) = if is_frame {
        let names: Vec<String> = obj
            .getattr("columns")?
            .try_iter()?
            .map(|c| c.and_then(|c| c.str().map(|s| s.to_string())))
            .collect::<PyResult<_>>()?;
        (Some(names), Some(obj.getattr("index")?))
    } else {
        (None, None)
    };
    let source = if is_frame {
        // All-float64 frames convert without a copy; others (nullable integers with NA,
        // mixed dtypes) through pandas' NA-aware conversion.
        let float64 = obj
            .getattr("dtypes")?
            .call_method1("__eq__", ("float64",))?
            .call_method0("all")?
            .is_truthy()?;
        if float64 {
            obj.call_method0("to_numpy")?
        } else {
            let kwargs = PyDict::new(py);
            kwargs.set_item("dtype", "float64")?;
            kwargs.set_item("na_value", np.getattr("nan")?)?;
            obj.call_method("to_numpy", (), Some(&kwargs))?
        }
    } else {
        obj.clone()
    };
    let arr = np.call_method1("asarray", (source, "float64"))?;
    let arr = if row_vector && arr.getattr("ndim")?.extract::<usize>()? == 1 {
        arr.call_method1("reshape", ((1i64, -1i64),))?
    } else {
        arr
    };
    let arr = arr
        .cast_into::<numpy::PyArray2<f64>>()
        .map_err(|_| invalid(what, "must be two-dimensional (rows × columns)".into()))?;
    let cols = numpy::PyUntypedArrayMethods::shape(&arr)[1];
    let names = names.unwrap_or_else(|| (0..cols).map(|j| j.to_string()).collect());
    Ok((arr, names, index))
}

/// Times since 1970-01-01 in `unit` ("D" days, "s" seconds) of array-like dates
/// (datetime64, pandas timestamps, ISO strings; plain numbers are read in `unit`). Missing
/// times (NaT) are an error unless `allow_missing`, and then `i64::MIN` (numpy's NaT).
///
/// Days follow the core's one rule (`data::parse_date`): the date as written in its own time
/// zone, so text is read by the CSV reader's parser and time-zone-aware pandas timestamps by
/// their wall-clock date; times are instants (an offset is applied, as `data::parse_time`).
pub(crate) fn epoch_times<'py>(
    py: Python<'py>,
    dates: &Bound<'py, PyAny>,
    unit: &str,
    what: &'static str,
    allow_missing: bool,
) -> PyResult<Bound<'py, PyArray1<i64>>> {
    let np = py.import("numpy")?;
    let wall_clock;
    let dates = match (unit, local_dates(dates)?) {
        ("D", Some(local)) => {
            wall_clock = local;
            &wall_clock
        }
        _ => dates,
    };
    let raw = np.call_method1("asarray", (dates,))?;
    let one_dimensional = raw.getattr("ndim")?.extract::<usize>()? == 1;
    let kind: char = raw.getattr("dtype")?.getattr("kind")?.extract()?;
    // Only text or object columns can hold text dates; datetime64 and integer columns never
    // go through Python objects.
    if one_dimensional && "UO".contains(kind) {
        if let Some(parsed) = text_times(&raw, unit, what, allow_missing)? {
            return Ok(PyArray1::from_vec(py, parsed));
        }
    }
    // Integers already are times since 1970 in `unit`: read them as they are (no copy when
    // they are a contiguous int64 array).
    if one_dimensional && "iu".contains(kind) {
        let kwargs = pyo3::types::PyDict::new(py);
        kwargs.set_item("copy", false)?;
        let ints = raw.call_method("astype", ("int64",), Some(&kwargs))?;
        return Ok(np
            .call_method1("ascontiguousarray", (ints,))?
            .cast_into::<PyArray1<i64>>()?);
    }
    let arr = np
        .call_method1("asarray", (dates, format!("datetime64[{unit}]")))
        .map_err(|e| invalid(what, format!("could not be read as dates: {e}")))?;
    if !allow_missing {
        let nat = np.call_method1("isnat", (&arr,))?.call_method0("any")?;
        if nat.extract::<bool>()? {
            return Err(invalid(what, "contain missing values (NaT)".into()));
        }
    }
    let arr = np.call_method1("ravel", (arr,))?;
    Ok(np
        .call_method1(
            "ascontiguousarray",
            (arr.call_method1("view", ("int64",))?,),
        )?
        .cast_into::<PyArray1<i64>>()?)
}

/// The wall-clock timestamps of time-zone-aware pandas timestamps (a Series or an index),
/// None for anything else.
fn local_dates<'py>(dates: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyAny>>> {
    let has_tz = |obj: &Bound<'py, PyAny>| -> PyResult<bool> {
        Ok(obj.hasattr("tz")? && !obj.getattr("tz")?.is_none() && obj.hasattr("tz_localize")?)
    };
    if dates.hasattr("dt")? {
        if let Ok(dt) = dates.getattr("dt") {
            if has_tz(&dt)? {
                return Ok(Some(dt.call_method1("tz_localize", (py_none(dates),))?));
            }
        }
    } else if has_tz(dates)? {
        return Ok(Some(dates.call_method1("tz_localize", (py_none(dates),))?));
    }
    Ok(None)
}

fn py_none<'py>(obj: &Bound<'py, PyAny>) -> Bound<'py, PyAny> {
    obj.py().None().into_bound(obj.py())
}

/// Text dates (a one-dimensional numpy array of strings or objects; None or NaN for a missing
/// one) read by the core's parsers: `data::parse_date` for days, `data::parse_time` for
/// seconds. None when the values are not text.
fn text_times(
    raw: &Bound<'_, PyAny>,
    unit: &str,
    what: &'static str,
    allow_missing: bool,
) -> PyResult<Option<Vec<i64>>> {
    let values: Vec<Bound<'_, PyAny>> = raw.call_method0("tolist")?.extract()?;
    if values.is_empty()
        || !values
            .iter()
            .any(|v| v.is_instance_of::<pyo3::types::PyString>())
    {
        return Ok(None);
    }
    let parse = if unit == "D" {
        cxkit_core::data::parse_date
    } else {
        cxkit_core::data::parse_time
    };
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            if let Ok(text) = v.cast::<pyo3::types::PyString>() {
                let text = text.to_cow()?;
                return parse(text.trim()).ok_or_else(|| {
                    invalid(
                        what,
                        format!(
                            "row {i}: {text:?} is not a date YYYY-MM-DD (optionally followed by \
                             a time THH:MM[:SS], with Z or an offset ±HH:MM)"
                        ),
                    )
                });
            }
            match (is_missing(v)?, allow_missing) {
                (true, true) => Ok(i64::MIN),
                (true, false) => Err(invalid(what, format!("row {i} is missing"))),
                (false, _) => Err(invalid(
                    what,
                    format!("row {i}: {} is neither a date nor text", v.repr()?),
                )),
            }
        })
        .collect::<PyResult<Vec<i64>>>()
        .map(Some)
}

/// Nested dicts and lists (a tree, model or taxonomy spec) as JSON text.
pub(crate) fn json_text(spec: &Bound<'_, PyAny>) -> PyResult<String> {
    spec.py()
        .import("json")?
        .call_method1("dumps", (spec,))?
        .extract()
}

/// Whether a value is a missing one: None, NaN, pandas NA or NaT.
pub(crate) fn is_missing(v: &Bound<'_, PyAny>) -> PyResult<bool> {
    if v.is_none() {
        return Ok(true);
    }
    if let Ok(x) = v.extract::<f64>() {
        return Ok(x.is_nan());
    }
    let kind = v.get_type().name()?;
    Ok(kind == "NAType" || kind == "NaTType")
}

/// One date as time since 1970-01-01 in `unit`.
pub(crate) fn one_time<'py>(
    py: Python<'py>,
    date: &Bound<'py, PyAny>,
    unit: &str,
    what: &'static str,
) -> PyResult<i64> {
    let d = epoch_times(py, &PyList::new(py, [date])?.into_any(), unit, what, false)
        .map_err(|_| invalid(what, format!("{date} is not a date")))?;
    let d = d.readonly();
    Ok(d.as_slice().map_err(not_viewable)?[0])
}

/// A count given from Python: a whole number of at least 0 (an InvalidParameterError naming
/// `name` for a negative one, where a plain u64 argument would raise OverflowError).
pub(crate) fn count(name: &'static str, value: i64) -> PyResult<u64> {
    u64::try_from(value).map_err(|_| {
        crate::error::invalid(name, format!("must be a count of at least 0, got {value}"))
    })
}

/// Python's cyclic garbage collector paused while many containers are built (a list of
/// words per text, say: a collection pass every few hundred new lists would scan the
/// growing heap again and again), resumed on drop if it was running before.
pub(crate) struct GcPause<'py> {
    gc: Option<Bound<'py, PyModule>>,
}

impl<'py> GcPause<'py> {
    pub(crate) fn new(py: Python<'py>) -> PyResult<Self> {
        let gc = py.import("gc")?;
        if gc.call_method0("isenabled")?.is_truthy()? {
            gc.call_method0("disable")?;
            Ok(GcPause { gc: Some(gc) })
        } else {
            Ok(GcPause { gc: None })
        }
    }
}

impl Drop for GcPause<'_> {
    fn drop(&mut self) {
        if let Some(gc) = &self.gc {
            // Re-enabling cannot fail; a failure would leave only the collector paused.
            let _ = gc.call_method0("enable");
        }
    }
}
