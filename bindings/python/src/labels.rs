//! Label columns from Python (binds `cxkit::labels`): customer and case ids, segment labels,
//! touchpoints, channels, categories and waves, read exactly as the caller holds them.
//!
//! This is the one place where Python labels enter the core. A label is never converted to a
//! number: strings stay strings with their zeros and spaces, integers of any width (uint64,
//! values above 2^53) stay exact, and the labels handed back are the caller's own values
//! (taken from the caller's array, so in its own dtype). Floats are refused (they cannot hold
//! long ids exactly), so is a mix of numbers and text; a missing label (None, NaN, pandas NA,
//! NaT, a polars or Arrow null, an empty string) is an error naming its row unless the caller
//! skips missing labels.

use cxkit_core::labels::Interner;
use cxkit_core::Error;
use numpy::{PyArray1, PyArrayMethods};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PySlice, PyString, PyTuple};

use crate::error::{invalid, to_py};

/// The code of a missing label where missing labels are skipped.
pub(crate) const MISSING: u32 = u32::MAX;

/// What to do with a missing label.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Missing {
    /// An `InvalidLabelError` naming the row.
    Refuse,
    /// The row gets the code [`MISSING`].
    Skip,
}

/// A column of labels as dense codes (first-appearance order) and the labels themselves.
pub(crate) struct LabelColumn<'py> {
    /// The code of each row ([`MISSING`] for a skipped missing label).
    pub(crate) codes: Vec<u32>,
    /// The array the labels are taken from (the caller's values, in their dtype).
    source: Bound<'py, PyAny>,
    /// For each code, the position of its label in `source`.
    take: Vec<usize>,
}

impl<'py> LabelColumn<'py> {
    /// Reads the labels of `obj`: a list or tuple, a numpy array, a pandas Series or Index
    /// (any dtype: object, string, str, string[pyarrow], categorical, nullable integers), a
    /// polars Series or an Arrow array. `what` is the argument's name for errors.
    pub(crate) fn read(
        obj: &Bound<'py, PyAny>,
        what: &'static str,
        missing: Missing,
    ) -> PyResult<LabelColumn<'py>> {
        let py = obj.py();
        let np = py.import("numpy")?;
        if let Some((codes, categories)) = categorical(obj)? {
            // The category codes are interned (−1 is a missing category); each code's label
            // is its category.
            let codes = np.call_method1("ascontiguousarray", (codes,))?;
            let n: usize = codes.call_method0("__len__")?.extract()?;
            let mut reader = Reader::new(what, missing, n);
            reader.any_integers(&codes, Some((-1, "a missing category")))?;
            let first: Vec<i64> = codes
                .call_method1("take", (PyArray1::from_slice(py, &reader.take),))?
                .call_method1("astype", ("int64",))?
                .extract()?;
            let take = first.into_iter().map(|c| c as usize).collect();
            return Ok(LabelColumn {
                codes: reader.codes,
                source: categories,
                take,
            });
        }
        let arr = to_numpy(obj)?;
        if arr.getattr("ndim")?.extract::<usize>()? != 1 {
            return Err(invalid(what, "must be one-dimensional".into()));
        }
        let arr = np.call_method1("ascontiguousarray", (arr,))?;
        let kind: char = arr.getattr("dtype")?.getattr("kind")?.extract()?;
        let n: usize = arr.call_method0("__len__")?.extract()?;
        let mut reader = Reader::new(what, missing, n);
        match kind {
            'i' | 'u' => reader.any_integers(&arr, None)?,
            'b' => reader.any_integers(&arr.call_method1("view", ("uint8",))?, None)?,
            'M' | 'm' => {
                // Times are int64 underneath; NaT (the smallest int64) is a missing label.
                let ints = arr.call_method1("view", ("int64",))?;
                reader.any_integers(&ints, Some((i64::MIN, "NaT")))?;
            }
            'U' | 'S' => {
                let width: usize = arr.getattr("dtype")?.getattr("itemsize")?.extract()?;
                if kind == 'U' {
                    let units = if width == 0 {
                        PyArray1::<u32>::zeros(py, 0, false).into_any()
                    } else {
                        arr.call_method1("view", ("uint32",))?
                    };
                    let units = units.cast_into::<PyArray1<u32>>()?;
                    reader.fixed_text(as_slice(&units.readonly())?, n, width / 4, |&u| {
                        char::from_u32(u).is_some_and(char::is_whitespace)
                    })?;
                } else {
                    let units = if width == 0 {
                        PyArray1::<u8>::zeros(py, 0, false).into_any()
                    } else {
                        arr.call_method1("view", ("uint8",))?
                    };
                    let units = units.cast_into::<PyArray1<u8>>()?;
                    reader.fixed_text(as_slice(&units.readonly())?, n, width, |b| {
                        b.is_ascii_whitespace()
                    })?;
                }
            }
            'O' => {
                let objects = arr.cast::<PyArray1<Py<PyAny>>>()?;
                let view = objects.readonly();
                reader.objects(py, view.as_slice().map_err(slice_error)?)?;
            }
            'f' | 'c' => {
                return Err(invalid(
                    what,
                    format!(
                        "ids and labels must be integers or text, not floating-point numbers \
                         ({}): floats lose digits past 2^53 and turn 7 into 7.0. An integer \
                         column becomes float when it has missing values: drop or fill them \
                         and convert with .astype(\"int64\"), or read the column as text",
                        arr.getattr("dtype")?
                    ),
                ))
            }
            _ => {
                return Err(invalid(
                    what,
                    format!(
                        "ids and labels must be integers or text, got dtype {}",
                        arr.getattr("dtype")?
                    ),
                ))
            }
        }
        Ok(LabelColumn {
            codes: reader.codes,
            source: arr,
            take: reader.take,
        })
    }

    /// The same column with its codes in the sorted order of the labels (numpy's order:
    /// numbers by value, text by code point), for results that list labels sorted as a
    /// pandas groupby does.
    pub(crate) fn sorted(self) -> PyResult<LabelColumn<'py>> {
        let kwargs = PyDict::new(self.source.py());
        kwargs.set_item("kind", "stable")?;
        let order: Vec<usize> = self
            .labels()?
            .call_method("argsort", (), Some(&kwargs))?
            .extract()?;
        let mut rank = vec![0u32; order.len()];
        for (r, &code) in order.iter().enumerate() {
            rank[code] = r as u32;
        }
        Ok(LabelColumn {
            codes: self
                .codes
                .iter()
                .map(|&c| if c == MISSING { c } else { rank[c as usize] })
                .collect(),
            take: order.iter().map(|&code| self.take[code]).collect(),
            source: self.source,
        })
    }

    /// The labels in code order, as a numpy array of the caller's dtype (objects for text
    /// held as Python strings).
    pub(crate) fn labels(&self) -> PyResult<Bound<'py, PyAny>> {
        let py = self.source.py();
        let positions = PyArray1::from_iter(py, self.take.iter().map(|&t| t as i64));
        self.source.call_method1("take", (positions,))
    }

    /// The labels in code order as Python objects.
    pub(crate) fn objects(&self) -> PyResult<Vec<Py<PyAny>>> {
        self.labels()?.call_method0("tolist")?.extract()
    }

    /// The labels in code order as text (`str()` of each), for the core's named results.
    pub(crate) fn names(&self) -> PyResult<Vec<String>> {
        self.labels()?
            .call_method0("tolist")?
            .try_iter()?
            .map(|v| Ok(v?.str()?.to_string()))
            .collect()
    }
}

/// A categorical column's codes (−1 missing) and categories: pandas Series of dtype
/// "category", `pd.Categorical`, `CategoricalIndex`.
fn categorical<'py>(
    obj: &Bound<'py, PyAny>,
) -> PyResult<Option<(Bound<'py, PyAny>, Bound<'py, PyAny>)>> {
    let cat = if obj.hasattr("cat")? && is_pandas(obj)? {
        obj.getattr("cat")?
    } else if obj.hasattr("codes")? && obj.hasattr("categories")? && is_pandas(obj)? {
        obj.clone()
    } else {
        return Ok(None);
    };
    let codes = cat.getattr("codes")?;
    let codes = if codes.hasattr("to_numpy")? {
        codes.call_method0("to_numpy")?
    } else {
        codes
    };
    let categories = cat.getattr("categories")?;
    Ok(Some((codes, to_numpy(&categories)?)))
}

fn is_pandas(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok(module_of(obj)?.starts_with("pandas"))
}

fn module_of(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    obj.get_type()
        .getattr("__module__")
        .and_then(|m| m.extract::<String>())
        .or_else(|_| Ok(String::new()))
}

/// A numpy array of `obj`'s values without numeric conversion: lists and tuples as objects,
/// pandas through `to_numpy()`, polars and Arrow arrays with nulls as Python values (None).
pub(crate) fn to_numpy<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = obj.py();
    let np = py.import("numpy")?;
    let object = py.import("builtins")?.getattr("object")?;
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        // numpy would turn ["a", 7] into ["a", "7"] and [1, 2.5] into floats: keep objects.
        let arr = np.call_method1("asarray", (obj, &object))?;
        return narrow_objects(&np, arr);
    }
    if obj.is_instance_of::<numpy::PyUntypedArray>() {
        return Ok(obj.clone());
    }
    let module = module_of(obj)?;
    if module.starts_with("polars") || module.starts_with("pyarrow") {
        // polars has null_count(), Arrow a null_count property.
        let nulls = obj.getattr("null_count")?;
        let nulls: usize = if nulls.is_callable() {
            nulls.call0()?.extract()?
        } else {
            nulls.extract()?
        };
        if nulls > 0 {
            // Their to_numpy turns integers with nulls into floats: go through Python values.
            let values = obj
                .call_method0("to_pylist")
                .or_else(|_| obj.call_method0("to_list"))?;
            return np.call_method1("asarray", (values, object));
        }
        if module.starts_with("pyarrow") {
            let kwargs = PyDict::new(py);
            kwargs.set_item("zero_copy_only", false)?;
            return obj.call_method("to_numpy", (), Some(&kwargs));
        }
        return obj.call_method0("to_numpy");
    }
    if obj.hasattr("to_numpy")? {
        let arr = obj.call_method0("to_numpy")?;
        // pandas' nullable integers with NA come out as floats: take their Python values.
        let integers = obj
            .getattr("dtype")
            .and_then(|d| d.getattr("kind"))
            .and_then(|k| k.extract::<char>())
            .is_ok_and(|k| "iub".contains(k));
        if integers && arr.getattr("dtype")?.getattr("kind")?.extract::<char>()? == 'f' {
            let kwargs = PyDict::new(py);
            kwargs.set_item("dtype", object)?;
            return obj.call_method("to_numpy", (), Some(&kwargs));
        }
        return Ok(arr);
    }
    np.call_method1("asarray", (obj,))
}

/// An object array of Python ints only becomes an int64 (or uint64) array when it fits, so
/// that a list of integer ids comes back as integers of numpy's usual dtype.
fn narrow_objects<'py>(
    np: &Bound<'py, PyModule>,
    arr: Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = np.py();
    let all_ints = arr
        .try_iter()?
        .all(|v| v.is_ok_and(|v| v.is_instance_of::<PyInt>() && !v.is_instance_of::<PyBool>()));
    let n: usize = arr.call_method0("__len__")?.extract()?;
    if all_ints && n > 0 {
        for dtype in ["int64", "uint64"] {
            let kwargs = PyDict::new(py);
            kwargs.set_item("dtype", dtype)?;
            if let Ok(ints) = np.call_method("array", (arr.call_method0("tolist")?,), Some(&kwargs))
            {
                return Ok(ints);
            }
        }
    }
    Ok(arr)
}

fn as_slice<'a, T: numpy::Element>(view: &'a numpy::PyReadonlyArray1<'_, T>) -> PyResult<&'a [T]> {
    view.as_slice().map_err(slice_error)
}

fn slice_error(e: numpy::AsSliceError) -> PyErr {
    pyo3::exceptions::PyValueError::new_err(e.to_string())
}

fn missing_error(what: &'static str, index: usize, found: &str) -> PyErr {
    to_py(Error::InvalidLabel {
        what,
        index,
        reason: format!(
            "is missing ({found}); every row needs one — drop the rows without one or fill them"
        ),
    })
}

/// Codes rows of one kind of label.
struct Reader {
    what: &'static str,
    missing: Missing,
    codes: Vec<u32>,
    take: Vec<usize>,
}

impl Reader {
    fn new(what: &'static str, missing: Missing, rows: usize) -> Reader {
        Reader {
            what,
            missing,
            codes: Vec::with_capacity(rows),
            take: Vec::new(),
        }
    }

    /// Adds the code of row `i`'s label (from `interner`); a new code remembers the row.
    fn push<K, Q>(&mut self, interner: &mut Interner<K>, label: &Q, i: usize) -> PyResult<()>
    where
        K: std::hash::Hash + Eq + Clone + std::borrow::Borrow<Q>,
        Q: std::hash::Hash + Eq + ToOwned<Owned = K> + ?Sized,
    {
        let before = interner.len();
        let c = interner.code(label).map_err(to_py)?;
        if interner.len() > before {
            self.take.push(i);
        }
        self.codes.push(c);
        Ok(())
    }

    fn skip(&mut self, i: usize, found: &str) -> PyResult<()> {
        match self.missing {
            Missing::Refuse => Err(missing_error(self.what, i, found)),
            Missing::Skip => {
                self.codes.push(MISSING);
                Ok(())
            }
        }
    }

    /// An integer (or boolean) array of any width, read where it is.
    fn any_integers(
        &mut self,
        arr: &Bound<'_, PyAny>,
        absent: Option<(i64, &str)>,
    ) -> PyResult<()> {
        macro_rules! dispatch {
            ($($t:ty),*) => {
                $(
                    if let Ok(a) = arr.cast::<PyArray1<$t>>() {
                        return self.integers(as_slice(&a.readonly())?, absent);
                    }
                )*
            };
        }
        dispatch!(i64, i32, i16, i8, u64, u32, u16, u8);
        Err(invalid(
            self.what,
            format!("cannot read integers of dtype {}", arr.getattr("dtype")?),
        ))
    }

    /// Integers; `absent` is the value that stands for a missing label (NaT in a datetime
    /// array, −1 among a categorical's codes) and how to call it.
    fn integers<T: Copy + Into<i128>>(
        &mut self,
        values: &[T],
        absent: Option<(i64, &str)>,
    ) -> PyResult<()> {
        let absent_value = absent.map(|(a, _)| i128::from(a));
        let present = values
            .iter()
            .map(|&v| v.into())
            .filter(|&v| Some(v) != absent_value);
        let (lo, hi) = present.fold((i128::MAX, i128::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
        // Labels within a small range (category codes, customer numbers 0..n) are coded
        // through a table instead of a hash map.
        let span = hi.saturating_sub(lo);
        if lo <= hi && span < (4 * values.len() as i128).clamp(1 << 16, 1 << 28) {
            let mut table = vec![MISSING; span as usize + 1];
            for (i, &v) in values.iter().enumerate() {
                let v: i128 = v.into();
                if Some(v) == absent_value {
                    self.skip(i, absent.map_or("", |(_, f)| f))?;
                    continue;
                }
                let slot = &mut table[(v - lo) as usize];
                if *slot == MISSING {
                    *slot = self.take.len() as u32;
                    self.take.push(i);
                }
                self.codes.push(*slot);
            }
            return Ok(());
        }
        let mut interner: Interner<i128> = Interner::new();
        for (i, &v) in values.iter().enumerate() {
            let v: i128 = v.into();
            if Some(v) == absent_value {
                self.skip(i, absent.map_or("", |(_, f)| f))?;
            } else {
                self.push(&mut interner, &v, i)?;
            }
        }
        Ok(())
    }

    /// Fixed-width text (numpy `U` as code points, `S` as bytes): `width` units per row,
    /// trailing zeros are padding. An empty or blank label is missing.
    fn fixed_text<T: Copy + Eq + std::hash::Hash + Default>(
        &mut self,
        units: &[T],
        n: usize,
        width: usize,
        blank: impl Fn(&T) -> bool,
    ) -> PyResult<()> {
        let mut interner: Interner<Vec<T>> = Interner::new();
        for i in 0..n {
            let row = if width == 0 {
                &[][..]
            } else {
                &units[i * width..(i + 1) * width]
            };
            let end = row
                .iter()
                .rposition(|u| *u != T::default())
                .map_or(0, |e| e + 1);
            let label = &row[..end];
            if label.iter().all(&blank) {
                self.skip(i, "an empty string")?;
            } else {
                self.push(&mut interner, label, i)?;
            }
        }
        Ok(())
    }

    /// Python objects: all strings or all integers (or all booleans); None, NaN, pandas NA
    /// and NaT are missing.
    fn objects(&mut self, py: Python<'_>, values: &[Py<PyAny>]) -> PyResult<()> {
        let mut text: Interner<String> = Interner::new();
        let mut ints: Interner<i128> = Interner::new();
        // The kind of the first label and where it was, to name both ends of a mix.
        let mut first: Option<(&'static str, usize)> = None;
        for (i, v) in values.iter().enumerate() {
            let v = v.bind(py);
            let kind = if let Ok(s) = v.cast::<PyString>() {
                if s.to_cow()?.trim().is_empty() {
                    self.skip(i, "an empty string")?;
                    continue;
                }
                "text"
            } else if v.is_instance_of::<PyBool>() {
                "booleans"
            } else if v.is_instance_of::<PyInt>() {
                "integers"
            } else if let Some(found) = missing_object(v)? {
                self.skip(i, &found)?;
                continue;
            } else if v.is_instance_of::<PyFloat>() {
                return Err(to_py(Error::InvalidLabel {
                    what: self.what,
                    index: i,
                    reason: format!(
                        "is the float {}; ids and labels must be integers or text (floats \
                         lose digits past 2^53)",
                        v.repr()?
                    ),
                }));
            } else {
                return Err(to_py(Error::InvalidLabel {
                    what: self.what,
                    index: i,
                    reason: format!(
                        "is {} of type {}; ids and labels must be integers or text",
                        v.repr()?,
                        v.get_type().name()?
                    ),
                }));
            };
            match first {
                None => first = Some((kind, i)),
                Some((k, at)) if k != kind => {
                    return Err(to_py(Error::InvalidLabel {
                        what: self.what,
                        index: i,
                        reason: format!(
                            "is {} ({}) but the label at index {at} is {k}: a column of ids \
                             must hold one kind (7 and \"007\" would otherwise be told apart \
                             or merged by accident); convert it to text or to integers",
                            kind_one(kind),
                            v.repr()?
                        ),
                    }))
                }
                Some(_) => {}
            }
            match kind {
                "text" => self.push(&mut text, &*v.cast::<PyString>()?.to_cow()?, i)?,
                _ => {
                    let n: i128 = v.extract().map_err(|_| {
                        to_py(Error::InvalidLabel {
                            what: self.what,
                            index: i,
                            reason: "is an integer beyond 128 bits".into(),
                        })
                    })?;
                    self.push(&mut ints, &n, i)?;
                }
            }
        }
        Ok(())
    }
}

fn kind_one(kind: &str) -> &'static str {
    match kind {
        "text" => "text",
        "booleans" => "a boolean",
        _ => "an integer",
    }
}

/// "None", "NaN", "pandas NA" or "NaT" when `v` is a missing value of Python, numpy or pandas.
fn missing_object(v: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
    if v.is_none() {
        return Ok(Some("None".into()));
    }
    if let Ok(f) = v.cast::<PyFloat>() {
        return Ok(f.value().is_nan().then(|| "NaN".into()));
    }
    let name = v.get_type().name()?.to_string();
    Ok(match name.as_str() {
        "NAType" => Some("pandas NA".into()),
        "NaTType" => Some("NaT".into()),
        _ => None,
    })
}

/// The names of a pandas object's columns or index, as text (`str()` of each).
fn names_of(labels: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    labels
        .try_iter()?
        .map(|v| Ok(v?.str()?.to_string()))
        .collect()
}

/// `other` matched to `reference` by name, never by position: when both are pandas objects
/// their rows are matched by index label and, when both are DataFrames, their columns by
/// name (through `cxkit::labels::align`); `other` comes back reordered where its order
/// differs, unchanged where it is the same or where either input carries no names (numpy
/// arrays, lists: positions are all there is).
///
/// # Errors
/// `IncompatibleError` when the two do not hold the same names, listing those only one has.
pub(crate) fn matched<'py>(
    reference: (&'static str, &Bound<'py, PyAny>),
    other: (&'static str, &Bound<'py, PyAny>),
) -> PyResult<Bound<'py, PyAny>> {
    matched_by(reference, other, true)
}

/// `other`'s rows matched to `reference`'s by index label, as [`matched`] does, for two
/// tables whose columns are different things (value and cost components, say).
pub(crate) fn rows_matched<'py>(
    reference: (&'static str, &Bound<'py, PyAny>),
    other: (&'static str, &Bound<'py, PyAny>),
) -> PyResult<Bound<'py, PyAny>> {
    matched_by(reference, other, false)
}

fn matched_by<'py>(
    reference: (&'static str, &Bound<'py, PyAny>),
    other: (&'static str, &Bound<'py, PyAny>),
    columns: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let ((what_a, a), (what_b, b)) = (reference, other);
    let frame = |o: &Bound<'py, PyAny>| -> PyResult<bool> {
        Ok(is_pandas(o)? && o.hasattr("columns")? && o.hasattr("index")?)
    };
    let series = |o: &Bound<'py, PyAny>| -> PyResult<bool> {
        Ok(is_pandas(o)? && o.hasattr("index")? && o.hasattr("to_numpy")?)
    };
    if !(series(a)? && series(b)?) {
        return Ok(b.clone());
    }
    let mut b = b.clone();
    if columns && frame(a)? && frame(&b)? {
        let (ca, cb) = (a.getattr("columns")?, b.getattr("columns")?);
        if !ca.call_method1("equals", (&cb,))?.is_truthy()? {
            let order =
                cxkit_core::labels::align((what_a, &names_of(&ca)?), (what_b, &names_of(&cb)?))
                    .map_err(to_py)?;
            let order = PyArray1::from_iter(b.py(), order.into_iter().map(|j| j as i64));
            b = b
                .getattr("iloc")?
                .get_item((PySlice::full(b.py()), order))?;
        }
    }
    let (ia, ib) = (a.getattr("index")?, b.getattr("index")?);
    if ia.call_method1("equals", (&ib,))?.is_truthy()? {
        return Ok(b);
    }
    let unique = |i: &Bound<'py, PyAny>| -> PyResult<bool> { i.getattr("is_unique")?.is_truthy() };
    let only_a = ia.call_method1("difference", (&ib,))?;
    let only_b = ib.call_method1("difference", (&ia,))?;
    let same_set = only_a.len()? == 0 && only_b.len()? == 0;
    if same_set && unique(&ia)? && unique(&ib)? {
        return b.getattr("loc")?.get_item(ia);
    }
    let show = |i: &Bound<'py, PyAny>| -> PyResult<String> {
        let shown: Vec<String> = i
            .call_method1("__getitem__", (PySlice::new(i.py(), 0, 5, 1),))?
            .try_iter()?
            .map(|v| Ok(v?.repr()?.to_string()))
            .collect::<PyResult<_>>()?;
        let more = i.len()?.saturating_sub(5);
        Ok(if more > 0 {
            format!("{} and {more} more", shown.join(", "))
        } else {
            shown.join(", ")
        })
    };
    let mut reason = format!(
        "{what_a} and {what_b} must describe the same rows (matched by index label, not by \
         position)"
    );
    if !same_set {
        if only_a.len()? > 0 {
            reason += &format!("; only {what_a} has {}", show(&only_a)?);
        }
        if only_b.len()? > 0 {
            reason += &format!("; only {what_b} has {}", show(&only_b)?);
        }
    } else {
        reason += "; an index repeats a label";
    }
    Err(to_py(Error::Incompatible { reason }))
}

/// `obj` with its columns in the order of `expected` when it is a DataFrame (matched by
/// name through `cxkit::labels::align`); other inputs as they are (positions).
///
/// # Errors
/// `IncompatibleError` when a DataFrame's columns are not the names of `expected`;
/// `InvalidParameterError` when `expected` is None and `obj` names its columns (`owner` then
/// needs names to match them by).
pub(crate) fn in_order<'py>(
    obj: &Bound<'py, PyAny>,
    what: &'static str,
    expected: Option<(&'static str, &[String])>,
) -> PyResult<Bound<'py, PyAny>> {
    if !(is_pandas(obj)? && obj.hasattr("columns")?) {
        return Ok(obj.clone());
    }
    let columns = names_of(&obj.getattr("columns")?)?;
    let Some((owner, expected)) = expected else {
        return Err(invalid(
            what,
            format!(
                "names its columns {columns:?} but the state has no names to match them by \
                 (it would pair columns by position); create it with names="
            ),
        ));
    };
    if columns == expected {
        return Ok(obj.clone());
    }
    let order = cxkit_core::labels::align((owner, expected), (what, &columns)).map_err(to_py)?;
    let order = PyArray1::from_iter(obj.py(), order.into_iter().map(|j| j as i64));
    obj.getattr("iloc")?
        .get_item((PySlice::full(obj.py()), order))
}

/// A pandas Series (or a dict) whose index names the entries of `expected`, in `expected`'s
/// order; other inputs as they are (positions).
///
/// # Errors
/// `IncompatibleError` when the index does not hold the names of `expected`.
pub(crate) fn entries_in_order<'py>(
    obj: &Bound<'py, PyAny>,
    what: &'static str,
    (owner, expected): (&'static str, &[String]),
) -> PyResult<Bound<'py, PyAny>> {
    let py = obj.py();
    let obj = if obj.is_instance_of::<PyDict>() {
        py.import("pandas")?.call_method1("Series", (obj,))?
    } else {
        obj.clone()
    };
    if !(is_pandas(&obj)? && obj.hasattr("index")? && !obj.hasattr("columns")?) {
        return Ok(obj);
    }
    let index = names_of(&obj.getattr("index")?)?;
    if index == expected {
        return Ok(obj);
    }
    let order = cxkit_core::labels::align((owner, expected), (what, &index)).map_err(to_py)?;
    let order = PyArray1::from_iter(py, order.into_iter().map(|j| j as i64));
    obj.getattr("iloc")?.get_item(order)
}
