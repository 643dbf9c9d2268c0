//! KANO analysis for Python: answer matrices (numbers or labels) in, tables out.

use cxkit_core::kano::{self as core, Answer, AnswerForm, KanoOptions};
use cxkit_core::names::Named;
use cxkit_core::scale::NanPolicy;
use cxkit_core::Error;
use ndarray::ArrayView2;
use numpy::{PyArray2, PyArrayMethods, PyUntypedArray};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple, PyType};

use crate::convert;
use crate::convert::result::{from_json, reduce, to_dict, to_json};
use crate::convert::state::{accumulate_by_methods, accumulator_class, Columns, Shared};
use crate::error::{invalid, IntoPyResult};
use crate::labels::{in_order, matched, LabelColumn, Missing};
use crate::long::{name_of, LongTable};

/// Letters of the categories, indexed like `KanoCategory::ALL`, then "" for a missing pair.
const LETTERS: [&str; 7] = ["A", "O", "M", "I", "R", "Q", ""];

/// A 2-D numpy view of an answer matrix (a 1-D input is one feature), and the column names
/// when it was a DataFrame. Labels become 5-point positions (NaN for missing), and then the
/// form is the full one.
struct Answers<'py> {
    array: Bound<'py, PyAny>,
    columns: Option<Vec<String>>,
    labels: bool,
    /// The input was 1-D (one feature).
    flat: bool,
}

fn answers<'py>(obj: &Bound<'py, PyAny>, what: &'static str) -> PyResult<Answers<'py>> {
    let py = obj.py();
    let np = py.import("numpy")?;
    let columns = if obj.hasattr("columns")? && obj.hasattr("to_numpy")? {
        let cols = obj.getattr("columns")?;
        let names: Vec<String> = cols
            .try_iter()?
            .map(|c| c.and_then(|c| c.str().map(|s| s.to_string())))
            .collect::<PyResult<_>>()?;
        Some(names)
    } else {
        None
    };
    let mut arr = if obj.hasattr("to_numpy")? && !obj.is_instance_of::<PyUntypedArray>() {
        obj.call_method0("to_numpy")?
    } else {
        np.call_method1("asarray", (obj,))?
    };
    let ndim: usize = arr.getattr("ndim")?.extract()?;
    let flat = ndim == 1;
    match ndim {
        1 => arr = arr.call_method1("reshape", ((-1i64, 1i64),))?,
        2 => {}
        _ => {
            return Err(invalid(
                what,
                format!("must be respondents × features (2-D), got {ndim} dimensions"),
            ))
        }
    }
    let mut kind: String = arr.getattr("dtype")?.getattr("kind")?.extract()?;
    if kind == "O" {
        // Numbers with gaps (pandas' nullable integers, lists with None) read as floats with
        // NaN; anything else in an object array is taken for labels.
        if let Ok(numbers) = np.call_method1("asarray", (&arr, "float64")) {
            arr = numbers;
            kind = "f".into();
        } else if let Ok(numbers) = numeric_with_na(obj, &np) {
            arr = numbers;
            kind = "f".into();
        }
    }
    let labels = matches!(kind.as_str(), "U" | "S" | "O");
    if labels {
        arr = label_positions(&np, &arr)?;
    } else if kind == "b" || !matches!(kind.as_str(), "i" | "u" | "f") {
        return Err(PyTypeError::new_err(format!(
            "{what} must be numbers (positions) or labels, got dtype {}",
            arr.getattr("dtype")?
        )));
    }
    Ok(Answers {
        array: arr,
        columns,
        labels,
        flat,
    })
}

/// A pandas object's values as float64 with NaN for its missing values, when they are numbers.
fn numeric_with_na<'py>(
    obj: &Bound<'py, PyAny>,
    np: &Bound<'py, PyModule>,
) -> PyResult<Bound<'py, PyAny>> {
    let kwargs = PyDict::new(obj.py());
    kwargs.set_item("dtype", "float64")?;
    kwargs.set_item("na_value", np.getattr("nan")?)?;
    let arr = obj.call_method("to_numpy", (), Some(&kwargs))?;
    if arr.getattr("ndim")?.extract::<usize>()? == 1 {
        arr.call_method1("reshape", ((-1i64, 1i64),))
    } else {
        Ok(arr)
    }
}

/// Positions (1 to 5, NaN for missing) of a matrix of labels, parsing each distinct label once.
fn label_positions<'py>(
    np: &Bound<'py, PyModule>,
    arr: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = np.py();
    let text = arr.call_method1("astype", ("U",))?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("return_inverse", true)?;
    let unique = np.call_method("unique", (&text,), Some(&kwargs))?;
    let (labels, inverse): (Vec<String>, Bound<'_, PyAny>) = unique.extract()?;
    let mut table = Vec::with_capacity(labels.len());
    for (k, label) in labels.iter().enumerate() {
        // The core's reading of an answer as text (positions, labels, missing values), the
        // CSV reader's too.
        if let Ok(a) = Answer::parse(label) {
            table.push(a.map_or(f64::NAN, |a| f64::from(a.position())));
        } else {
            let flat = np.call_method1("argmax", (inverse.call_method1("__eq__", (k,))?,))?;
            let shape = arr.getattr("shape")?;
            let (respondent, feature): (usize, usize) =
                np.call_method1("unravel_index", (flat, shape))?.extract()?;
            return Err(crate::error::to_py(Error::InvalidAnswer {
                respondent,
                feature,
                value: label.clone(),
                expected: Answer::EXPECTED_TEXT,
            }));
        }
    }
    let lut = np.call_method1("asarray", (table,))?;
    lut.get_item(inverse)?
        .call_method1("reshape", (arr.getattr("shape")?,))
}

fn form(s: &str) -> PyResult<AnswerForm> {
    crate::convert::named(s)
}

/// Runs `$body` with `$f`, `$d` bound to zero-copy `ArrayView2`s of the two matrices in their
/// common dtype (converted to float64 when they differ).
macro_rules! with_views {
    ($py:expr, $fa:expr, $da:expr, |$f:ident, $d:ident| $body:expr) => {{
        let (fa, da) = common_dtype($py, $fa, $da)?;
        'found: {
            with_views!(@try fa, da, $f, $d, $body, 'found, f64, f32, i64, i32, i16, i8, u64, u32, u16, u8);
            Err(PyTypeError::new_err("answers must be integers or floats"))
        }
    }};
    (@try $fa:ident, $da:ident, $f:ident, $d:ident, $body:expr, $label:lifetime, $($t:ty),*) => {
        $(
            if let (Ok(a), Ok(b)) = ($fa.cast::<PyArray2<$t>>(), $da.cast::<PyArray2<$t>>()) {
                let (ra, rb) = (a.readonly(), b.readonly());
                let ($f, $d): (ArrayView2<$t>, ArrayView2<$t>) = (ra.as_array(), rb.as_array());
                break $label ($body);
            }
        )*
    };
}

/// Both matrices in one dtype: as they are when they agree, else float64.
fn common_dtype<'py>(
    py: Python<'py>,
    f: &Bound<'py, PyAny>,
    d: &Bound<'py, PyAny>,
) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
    if f.getattr("dtype")?.eq(d.getattr("dtype")?)? {
        return Ok((f.clone(), d.clone()));
    }
    let np = py.import("numpy")?;
    Ok((
        np.call_method1("asarray", (f, "float64"))?,
        np.call_method1("asarray", (d, "float64"))?,
    ))
}

fn options(
    form_name: &str,
    labels: bool,
    nan_policy: &str,
    max_questionable: Option<f64>,
    max_indifferent: Option<f64>,
) -> PyResult<KanoOptions> {
    let requested = form(form_name)?;
    Ok(KanoOptions {
        // Labels were turned into 5-point positions whatever the questionnaire's form.
        form: if labels { AnswerForm::Full } else { requested },
        nan_policy: convert::nan_policy(nan_policy)?,
        max_questionable,
        max_indifferent,
    })
}

/// Classifies every functional/dysfunctional answer pair with the KANO evaluation table.
///
/// Answers are positions (1 like, 2 must-be, 3 neutral, 4 live-with, 5 dislike; with
/// ``form="short"`` 1 like, 2 neutral, 3 dislike) or labels. Returns an array of letters
/// ("A", "O", "M", "I", "R", "Q"; "" where an answer is missing under ``nan_policy="omit"``)
/// of the answers' shape (a 1-D input is one feature).
///
/// >>> cxkit.kano_classify([[1, 3]], [[5, 5]]).tolist()
/// [['O', 'M']]
/// >>> cxkit.kano_classify(["like", "neutral"], ["dislike", "dislike"]).tolist()
/// ['O', 'M']
#[pyfunction]
#[pyo3(signature = (functional, dysfunctional, form="full", nan_policy="raise"))]
pub(crate) fn kano_classify<'py>(
    py: Python<'py>,
    functional: &Bound<'py, PyAny>,
    dysfunctional: &Bound<'py, PyAny>,
    form: &str,
    nan_policy: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let dysfunctional = matched(("functional", functional), ("dysfunctional", dysfunctional))?;
    let f = answers(functional, "functional")?;
    let d = answers(&dysfunctional, "dysfunctional")?;
    let opts = options(form, f.labels || d.labels, nan_policy, None, None)?;
    let codes = with_views!(py, &f.array, &d.array, |fv, dv| {
        py.detach(|| core::classify_all(fv, dv, &opts)).py_err()
    })?;
    let codes = codes.mapv(|c| c.map_or(6u8, |c| c as u8));
    let letters = py
        .import("numpy")?
        .call_method1("array", (LETTERS.to_vec(),))?;
    let out = letters.get_item(PyArray2::from_owned_array(py, codes))?;
    if f.flat {
        out.call_method0("ravel")
    } else {
        Ok(out)
    }
}

/// Analyses a KANO questionnaire: a verdict per feature.
///
/// ``functional`` and ``dysfunctional`` are respondents × features (numpy arrays, lists of
/// rows, or DataFrames whose columns name the features), positions or labels. ``importance``
/// is optional self-stated importance of the same shape (NaN = not given); ``segments`` one
/// label per respondent for a table per segment. Respondents whose share of Q (or I) answers
/// exceeds ``max_questionable`` (``max_indifferent``) are dropped.
///
/// A long (tidy) table, one row per respondent and feature as kano.csv and
/// ``load_demo_bank()["kano"]`` hold it, is read as it is: pass it as ``data`` and name its
/// columns — ``functional`` and ``dysfunctional`` (and ``importance``, ``segments``) become
/// column names, ``respondent`` and ``feature`` name the label columns (kano.csv's names by
/// default). A respondent without a row for a feature has missing answers.
///
/// >>> r = cxkit.kano_analyze([[1, 3]] * 5 + [[2, 3]], [[3, 5]] * 6, features=["queue time", "fees"])
/// >>> r.category("queue time"), r.category("fees")
/// ('A', 'M')
/// >>> import pandas as pd
/// >>> long = pd.DataFrame({"respondent_id": ["c1", "c1", "c2", "c2"], "feature": ["app", "fees"] * 2,
/// ...                      "functional": [1, 3, 1, 3], "dysfunctional": [3, 5, 3, 5]})
/// >>> cxkit.kano_analyze("functional", "dysfunctional", data=long).table["category"].to_dict()
/// {'app': 'A', 'fees': 'M'}
#[pyfunction]
#[pyo3(signature = (functional, dysfunctional, features=None, importance=None, segments=None, form="full", nan_policy="raise", max_questionable=None, max_indifferent=None, data=None, respondent="respondent_id", feature="feature"))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn kano_analyze<'py>(
    py: Python<'py>,
    functional: &Bound<'py, PyAny>,
    dysfunctional: &Bound<'py, PyAny>,
    features: Option<Vec<String>>,
    importance: Option<&Bound<'py, PyAny>>,
    segments: Option<&Bound<'py, PyAny>>,
    form: &str,
    nan_policy: &str,
    max_questionable: Option<f64>,
    max_indifferent: Option<f64>,
    data: Option<&Bound<'py, PyAny>>,
    respondent: &str,
    feature: &str,
) -> PyResult<KanoResult> {
    if let Some(data) = data.filter(|d| !d.is_none()) {
        if features.is_some() {
            return Err(invalid(
                "features",
                "with data=, the features are the labels of data's feature column".into(),
            ));
        }
        let long = LongTable::read(data, respondent, feature)?;
        if convert::nan_policy(nan_policy)? == NanPolicy::Raise {
            long.complete()?;
        }
        let wide = |obj: &Bound<'py, PyAny>, what| long.wide(&name_of(obj, what)?);
        let importance = importance.map(|w| wide(w, "importance")).transpose()?;
        let segments = segments
            .map(|s| long.per_respondent(&name_of(s, "segments")?, "segments"))
            .transpose()?;
        return kano_analyze(
            py,
            &wide(functional, "functional")?,
            &wide(dysfunctional, "dysfunctional")?,
            None,
            importance.as_ref(),
            segments.as_ref(),
            form,
            nan_policy,
            max_questionable,
            max_indifferent,
            None,
            respondent,
            feature,
        );
    }
    let dysfunctional = matched(("functional", functional), ("dysfunctional", dysfunctional))?;
    let importance = importance
        .map(|w| matched(("functional", functional), ("importance", w)))
        .transpose()?;
    let segments = segments
        .map(|s| matched(("functional", functional), ("segments", s)))
        .transpose()?;
    let f = answers(functional, "functional")?;
    let d = answers(&dysfunctional, "dysfunctional")?;
    let opts = options(
        form,
        f.labels || d.labels,
        nan_policy,
        max_questionable,
        max_indifferent,
    )?;
    let n_features: usize = f.array.getattr("shape")?.get_item(1)?.extract()?;
    let names = feature_names(features.or(f.columns.clone()), n_features)?;
    let np = py.import("numpy")?;
    let importance = importance
        .map(|w| {
            let w = answers(&w, "importance")?;
            np.call_method1("asarray", (w.array, "float64"))?
                .cast_into::<PyArray2<f64>>()
                .map_err(PyErr::from)
        })
        .transpose()?;
    let importance_view = importance.as_ref().map(|w| w.readonly());
    let w = importance_view.as_ref().map(|w| w.as_array());
    match segments.as_ref() {
        None => {
            let table = with_views!(py, &f.array, &d.array, |fv, dv| {
                py.detach(|| core::analyze(fv, dv, w, &opts)).py_err()
            })?;
            Ok(KanoResult::new(table, names, None))
        }
        Some(seg) => {
            let seg = LabelColumn::read(seg, "segments", Missing::Refuse)?.sorted()?;
            let codes: Vec<usize> = seg.codes.iter().map(|&c| c as usize).collect();
            let labels = seg.objects()?;
            let (whole, tables) = with_views!(py, &f.array, &d.array, |fv, dv| {
                py.detach(|| core::analyze_by_segment(fv, dv, w, &codes, &opts))
                    .py_err()
            })?;
            let by: Vec<(Py<PyAny>, KanoResult)> = labels
                .into_iter()
                .zip(tables)
                .map(|(label, t)| (label, KanoResult::new(t, names.clone(), None)))
                .collect();
            Ok(KanoResult::new(whole, names, Some(by)))
        }
    }
}

fn feature_names(given: Option<Vec<String>>, n: usize) -> PyResult<Vec<String>> {
    match given {
        Some(names) if names.len() != n => Err(crate::error::to_py(Error::LengthMismatch {
            what: "features (one name per column)",
            expected: n,
            actual: names.len(),
        })),
        Some(names) => Ok(names),
        None => Ok((1..=n).map(|j| format!("F{j}")).collect()),
    }
}

/// The verdict on one feature from its counts of A, O, M, I, R and Q answers.
///
/// >>> v = cxkit.kano_from_counts(10, 25, 40, 15, 5, 5)
/// >>> v.category, v.decided_by, round(v.better, 4)
/// ('M', 'fong', 0.3889)
#[pyfunction]
#[pyo3(name = "kano_from_counts", signature = (A, O, M, I, R=0, Q=0))]
#[allow(non_snake_case)]
pub(crate) fn kano_from_counts(
    A: i64,
    O: i64,
    M: i64,
    I: i64,
    R: i64,
    Q: i64,
) -> PyResult<KanoFeature> {
    let c = |name, v| convert::count(name, v);
    let counts = core::KanoCounts::new(
        c("A", A)?,
        c("O", O)?,
        c("M", M)?,
        c("I", I)?,
        c("R", R)?,
        c("Q", Q)?,
    );
    core::from_counts(counts)
        .py_err()
        .map(|inner| KanoFeature { inner, name: None })
}

/// The verdict on one feature: counts, the categories the rules give, strengths,
/// Better/Worse (None when A + O + M + I = 0), Fong's and the chi-square test, and
/// DuMouchel's continuous scores when computed from answers.
#[pyclass(module = "cxkit", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct KanoFeature {
    inner: core::KanoFeature,
    name: Option<String>,
}

#[pymethods]
impl KanoFeature {
    /// Feature name (None from counts).
    #[getter]
    fn name(&self) -> Option<String> {
        self.name.clone()
    }
    /// Counts as a dict {"A": …, "O": …, "M": …, "I": …, "R": …, "Q": …}.
    #[getter]
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (c, n) in core::KanoCategory::ALL
            .iter()
            .zip(self.inner.counts.as_array())
        {
            d.set_item(c.letter(), n)?;
        }
        Ok(d)
    }
    #[getter]
    fn n(&self) -> u64 {
        self.inner.n
    }
    #[getter]
    fn mode(&self) -> &'static str {
        self.inner.mode.letter()
    }
    #[getter]
    fn rule_category(&self) -> &'static str {
        self.inner.rule_category.letter()
    }
    #[getter]
    fn oam_category(&self) -> &'static str {
        self.inner.oam_category.letter()
    }
    #[getter]
    fn category(&self) -> &'static str {
        self.inner.category.letter()
    }
    /// "fong" (the top category is significantly ahead) or "m>o>a>i".
    #[getter]
    fn decided_by(&self) -> &'static str {
        rule_name(self.inner.decided_by)
    }
    #[getter]
    fn category_strength(&self) -> f64 {
        self.inner.category_strength
    }
    #[getter]
    fn total_strength(&self) -> f64 {
        self.inner.total_strength
    }
    #[getter]
    fn better(&self) -> Option<f64> {
        self.inner.better
    }
    #[getter]
    fn worse(&self) -> Option<f64> {
        self.inner.worse
    }
    #[getter]
    fn fong_significant(&self) -> bool {
        self.inner.fong.significant
    }
    /// Fong's left side |a − b|.
    #[getter]
    fn fong_difference(&self) -> f64 {
        self.inner.fong.difference
    }
    /// Fong's right side 1.65·√((a + b)(2n − a − b)/(2n)).
    #[getter]
    fn fong_critical(&self) -> f64 {
        self.inner.fong.critical
    }
    #[getter]
    fn chi_square_p(&self) -> Option<f64> {
        self.inner.chi_square.map(|c| c.p_value)
    }
    /// Every field as plain Python values (continuous scores included).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let d = to_dict(py, &self.inner)?;
        d.set_item("name", self.name.clone())?;
        Ok(d)
    }
    fn __repr__(&self) -> String {
        let v = &self.inner;
        format!(
            "KanoFeature(name={:?}, category='{}' ({}), n={}, better={}, worse={})",
            self.name.as_deref().unwrap_or(""),
            v.category,
            rule_name(v.decided_by),
            v.n,
            v.better.map_or("None".into(), |b| format!("{b:.4}")),
            v.worse.map_or("None".into(), |w| format!("{w:.4}")),
        )
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let me = slf.get();
        reduce(slf.as_any(), (to_json(&me.inner)?, me.name.clone()))
    }
    /// Rebuilds the verdict from its pickled state.
    #[classmethod]
    fn _from_state(_cls: &Bound<'_, PyType>, state: &str, name: Option<String>) -> PyResult<Self> {
        Ok(KanoFeature {
            inner: from_json(state)?,
            name,
        })
    }
}

fn rule_name(r: core::KanoRule) -> &'static str {
    r.as_str()
}

/// The analysis of a KANO questionnaire: `table` (a pandas DataFrame, one row per feature),
/// `features`, `respondents`, `dropped`, `importance_cut`, `segments` (label → KanoResult).
#[pyclass(module = "cxkit", frozen)]
pub struct KanoResult {
    table: core::KanoTable,
    names: Vec<String>,
    segments: Option<Vec<(Py<PyAny>, KanoResult)>>,
}

impl KanoResult {
    fn new(
        table: core::KanoTable,
        names: Vec<String>,
        segments: Option<Vec<(Py<PyAny>, KanoResult)>>,
    ) -> Self {
        KanoResult {
            table,
            names,
            segments,
        }
    }

    fn feature_index(&self, name: &str) -> PyResult<usize> {
        self.names
            .iter()
            .position(|n| n == name)
            .ok_or_else(|| pyo3::exceptions::PyKeyError::new_err(name.to_string()))
    }

    /// Columns of the per-feature table, in order.
    fn columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let cols = PyDict::new(py);
        let fs = &self.table.features;
        for (k, c) in core::KanoCategory::ALL.iter().enumerate() {
            cols.set_item(
                c.letter(),
                fs.iter()
                    .map(|f| f.counts.as_array()[k])
                    .collect::<Vec<_>>(),
            )?;
        }
        let col = |name: &str, v: Vec<Py<PyAny>>| cols.set_item(name, v);
        use pyo3::IntoPyObjectExt;
        let each =
            |g: &dyn Fn(&core::KanoFeature) -> PyResult<Py<PyAny>>| -> PyResult<Vec<Py<PyAny>>> {
                fs.iter().map(g).collect()
            };
        col("n", each(&|f| f.n.into_py_any(py))?)?;
        col("mode", each(&|f| f.mode.letter().into_py_any(py))?)?;
        col(
            "rule_category",
            each(&|f| f.rule_category.letter().into_py_any(py))?,
        )?;
        col(
            "oam_category",
            each(&|f| f.oam_category.letter().into_py_any(py))?,
        )?;
        col("category", each(&|f| f.category.letter().into_py_any(py))?)?;
        col(
            "decided_by",
            each(&|f| rule_name(f.decided_by).into_py_any(py))?,
        )?;
        col(
            "better",
            each(&|f| f.better.unwrap_or(f64::NAN).into_py_any(py))?,
        )?;
        col(
            "worse",
            each(&|f| f.worse.unwrap_or(f64::NAN).into_py_any(py))?,
        )?;
        col(
            "category_strength",
            each(&|f| f.category_strength.into_py_any(py))?,
        )?;
        col(
            "total_strength",
            each(&|f| f.total_strength.into_py_any(py))?,
        )?;
        col(
            "fong_significant",
            each(&|f| f.fong.significant.into_py_any(py))?,
        )?;
        col(
            "fong_difference",
            each(&|f| f.fong.difference.into_py_any(py))?,
        )?;
        col("fong_critical", each(&|f| f.fong.critical.into_py_any(py))?)?;
        col(
            "chi_square_p",
            each(&|f| f.chi_square.map_or(f64::NAN, |c| c.p_value).into_py_any(py))?,
        )?;
        let cont = |g: fn(&core::KanoContinuous) -> Option<f64>| {
            each(&|f| {
                f.continuous
                    .as_ref()
                    .and_then(g)
                    .unwrap_or(f64::NAN)
                    .into_py_any(py)
            })
        };
        col("functional", cont(|c| Some(c.functional))?)?;
        col("dysfunctional", cont(|c| Some(c.dysfunctional))?)?;
        col("functional_weighted", cont(|c| c.functional_weighted)?)?;
        col(
            "dysfunctional_weighted",
            cont(|c| c.dysfunctional_weighted)?,
        )?;
        col("importance", cont(|c| c.importance)?)?;
        col(
            "refined",
            each(&|f| {
                f.continuous
                    .and_then(|c| c.refined)
                    .map(|r| r.as_str())
                    .into_py_any(py)
            })?,
        )?;
        Ok(cols)
    }
}

#[pymethods]
impl KanoResult {
    /// This result's chart, ``cxkit.plot.kano(self, **kwargs)`` (``ax``, ``lang``, …;
    /// needs matplotlib: ``pip install "cxkit[plot]"``).
    #[pyo3(signature = (**kwargs))]
    fn plot<'py>(
        slf: &Bound<'py, Self>,
        kwargs: Option<&Bound<'py, pyo3::types::PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::convert::result::plot(slf.as_any(), "kano", kwargs)
    }

    /// One row per feature (index: feature names): counts A O M I R Q, n, mode,
    /// rule_category (M>O>A>I), oam_category, category, decided_by, better, worse (NaN when
    /// undefined), category_strength, total_strength, fong_significant, fong_difference,
    /// fong_critical, chi_square_p, functional, dysfunctional, functional_weighted,
    /// dysfunctional_weighted, importance, refined. A pandas DataFrame when pandas is
    /// installed, else a dict of columns.
    #[getter]
    fn table<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let cols = self.columns(py)?;
        match py.import("pandas") {
            Ok(pd) => {
                let kwargs = PyDict::new(py);
                kwargs.set_item("index", PyList::new(py, &self.names)?)?;
                pd.call_method("DataFrame", (cols,), Some(&kwargs))
            }
            Err(_) => {
                cols.set_item("feature", self.names.clone())?;
                Ok(cols.into_any())
            }
        }
    }
    /// Feature names, in column order.
    #[getter]
    fn features(&self) -> Vec<String> {
        self.names.clone()
    }
    /// Respondents given.
    #[getter]
    fn respondents(&self) -> usize {
        self.table.respondents
    }
    /// Respondents dropped by the cleaning rules.
    #[getter]
    fn dropped(&self) -> usize {
        self.table.dropped
    }
    /// The importance splitting Yang's refined categories (None without importance).
    #[getter]
    fn importance_cut(&self) -> Option<f64> {
        self.table.importance_cut
    }
    /// Segment label → KanoResult (None when no segments were given).
    #[getter]
    fn segments<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        let Some(by) = &self.segments else {
            return Ok(None);
        };
        let d = PyDict::new(py);
        for (label, r) in by {
            d.set_item(
                label.bind(py),
                Py::new(py, KanoResult::new(r.table.clone(), r.names.clone(), None))?,
            )?;
        }
        Ok(Some(d))
    }
    /// The verdict on one feature, by name.
    fn feature(&self, name: &str) -> PyResult<KanoFeature> {
        let j = self.feature_index(name)?;
        Ok(KanoFeature {
            inner: self.table.features[j].clone(),
            name: Some(name.to_string()),
        })
    }
    /// The final category letter of one feature, by name.
    fn category(&self, name: &str) -> PyResult<&'static str> {
        Ok(self.table.features[self.feature_index(name)?]
            .category
            .letter())
    }
    /// Everything as plain Python values.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let d = to_dict(py, &self.table)?;
        d.set_item("feature_names", self.names.clone())?;
        Ok(d)
    }
    fn __repr__(&self) -> String {
        let cats: Vec<String> = self
            .names
            .iter()
            .zip(&self.table.features)
            .map(|(n, f)| format!("{n}: {}", f.category))
            .collect();
        format!(
            "KanoResult(respondents={}, dropped={}, categories={{{}}})",
            self.table.respondents,
            self.table.dropped,
            cats.join(", ")
        )
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let (py, me) = (slf.py(), slf.get());
        let segments = match &me.segments {
            None => None,
            Some(by) => Some(
                by.iter()
                    .map(|(label, r)| Ok((label.clone_ref(py), to_json(&r.table)?)))
                    .collect::<PyResult<Vec<_>>>()?,
            ),
        };
        reduce(
            slf.as_any(),
            (to_json(&me.table)?, me.names.clone(), segments),
        )
    }
    /// Rebuilds the analysis from its pickled state.
    #[classmethod]
    fn _from_state(
        _cls: &Bound<'_, PyType>,
        table: &str,
        names: Vec<String>,
        segments: Option<Vec<(Py<PyAny>, String)>>,
    ) -> PyResult<Self> {
        let segments = segments
            .map(|by| {
                by.into_iter()
                    .map(|(label, t)| {
                        Ok((label, KanoResult::new(from_json(&t)?, names.clone(), None)))
                    })
                    .collect::<PyResult<Vec<_>>>()
            })
            .transpose()?;
        Ok(KanoResult::new(from_json(table)?, names, segments))
    }
    fn _repr_html_(&self, py: Python<'_>) -> PyResult<String> {
        crate::convert::result::html(&self.table(py)?, || self.__repr__())
    }
}

accumulate_by_methods!(core::KanoAccumulator);

accumulator_class! {
    /// Mergeable KANO counts per feature (cleaning rules and continuous scores need whole
    /// respondents, so they are not part of it).
    ///
    /// >>> acc = cxkit.KanoAccumulator(2)
    /// >>> acc.update([[1, 3]], [[5, 5]])
    /// >>> acc.update([[1, 3]], [[5, 5]])
    /// >>> acc.finish().table["category"].tolist()
    /// ['O', 'M']
    KanoAccumulator(core::KanoAccumulator, names: Columns) {
        #[new]
        #[pyo3(signature = (features, names=None))]
        fn new(features: usize, names: Option<Vec<String>>) -> PyResult<Self> {
            let names = names
                .map(|n| feature_names(Some(n), features))
                .transpose()?;
            Ok(KanoAccumulator {
                inner: Shared::new(core::KanoAccumulator::new(features)),
                names: Columns { what: "features", names },
            })
        }

        /// Adds a batch of respondents (positions or labels). On error the state is
        /// unchanged. Threads may update one accumulator at once (each counts its batch with
        /// the GIL released; the counts add up as serial updates would).
        #[pyo3(signature = (functional, dysfunctional, form="full", nan_policy="raise"))]
        fn update(
            &self,
            py: Python<'_>,
            functional: &Bound<'_, PyAny>,
            dysfunctional: &Bound<'_, PyAny>,
            form: &str,
            nan_policy: &str,
        ) -> PyResult<()> {
            let names = self
                .names
                .names
                .as_deref()
                .map(|n| ("the accumulator's features", n));
            let functional = in_order(functional, "functional", names)?;
            let dysfunctional = matched(
                ("functional", &functional),
                ("dysfunctional", dysfunctional),
            )?;
            let dysfunctional = in_order(&dysfunctional, "dysfunctional", names)?;
            let f = answers(&functional, "functional")?;
            let d = answers(&dysfunctional, "dysfunctional")?;
            let opts = options(form, f.labels || d.labels, nan_policy, None, None)?;
            let mut batch = core::KanoAccumulator::new(self.inner.with(py, |a| a.features()));
            with_views!(py, &f.array, &d.array, |fv, dv| {
                py.detach(|| batch.update(fv, dv, &opts)).py_err()
            })?;
            self.inner.with(py, |a| a.merge(&batch)).py_err()
        }

        /// The verdict per feature from the counts so far.
        fn finish(&self, py: Python<'_>) -> PyResult<KanoResult> {
            let table = self.inner.with(py, |a| a.finish()).py_err()?;
            let names = feature_names(self.names.names.clone(), table.features.len())?;
            Ok(KanoResult::new(table, names, None))
        }

        /// Reads state written by ``to_bytes`` (with the feature names, if any); raises
        /// CorruptBytesError on anything else.
        #[classmethod]
        #[pyo3(signature = (data, names=None))]
        fn from_bytes(
            _cls: &Bound<'_, PyType>,
            data: &[u8],
            names: Option<Vec<String>>,
        ) -> PyResult<Self> {
            let inner = core::KanoAccumulator::from_bytes(data).py_err()?;
            let names = names
                .map(|n| feature_names(Some(n), inner.counts().len()))
                .transpose()?;
            Ok(KanoAccumulator {
                inner: Shared::new(inner),
                names: Columns { what: "features", names },
            })
        }

        fn __repr__(&self, py: Python<'_>) -> String {
            format!(
                "KanoAccumulator(features={})",
                self.inner.with(py, |a| a.features())
            )
        }
    }
}

/// Each feature's KANO category, Better and Worse over survey ``waves`` (KanoResults of the
/// same features, e.g. one ``kano_analyze`` per wave, oldest first): a DataFrame indexed by
/// feature with the ``path`` ("A → O → M"), ``migrated`` (the category changed between two
/// consecutive waves and a chi-square test of homogeneity of their category counts rejects at
/// ``alpha``), ``category_1``…, ``better_1``…, ``worse_1``… per wave and ``p_value_1_2``…
/// per pair of consecutive waves.
///
/// >>> before = cxkit.kano_analyze([[1]] * 60 + [[2]] * 40, [[3]] * 60 + [[5]] * 40, features=["fx"])
/// >>> after = cxkit.kano_analyze([[1]] * 70 + [[2]] * 30, [[5]] * 70 + [[5]] * 30, features=["fx"])
/// >>> m = cxkit.kano_migration([before, after])
/// >>> m.loc["fx", "path"], bool(m.loc["fx", "migrated"])
/// ('A → O', True)
#[pyfunction]
#[pyo3(signature = (waves, alpha=0.05))]
pub(crate) fn kano_migration<'py>(
    py: Python<'py>,
    waves: Vec<PyRef<'py, KanoResult>>,
    alpha: f64,
) -> PyResult<Bound<'py, PyAny>> {
    let names = waves.first().map(|w| w.names.clone()).unwrap_or_default();
    if let Some(w) = waves.iter().find(|w| w.names != names) {
        return Err(invalid(
            "waves",
            format!(
                "every wave must have the features {names:?}, one has {:?}",
                w.names
            ),
        ));
    }
    let tables: Vec<core::KanoTable> = waves.iter().map(|w| w.table.clone()).collect();
    let m = core::kano_migration(&tables, alpha).py_err()?;
    let cols = PyDict::new(py);
    cols.set_item("path", m.iter().map(|f| f.path_text()).collect::<Vec<_>>())?;
    cols.set_item("migrated", m.iter().map(|f| f.migrated).collect::<Vec<_>>())?;
    for t in 0..tables.len() {
        let letter = |f: &core::KanoMigration| f.categories[t].to_string();
        cols.set_item(
            format!("category_{}", t + 1),
            m.iter().map(letter).collect::<Vec<_>>(),
        )?;
        let nan = |v: Option<f64>| v.unwrap_or(f64::NAN);
        cols.set_item(
            format!("better_{}", t + 1),
            m.iter().map(|f| nan(f.better[t])).collect::<Vec<_>>(),
        )?;
        cols.set_item(
            format!("worse_{}", t + 1),
            m.iter().map(|f| nan(f.worse[t])).collect::<Vec<_>>(),
        )?;
    }
    for t in 0..tables.len() - 1 {
        cols.set_item(
            format!("p_value_{}_{}", t + 1, t + 2),
            m.iter().map(|f| f.changes[t].p_value).collect::<Vec<_>>(),
        )?;
    }
    convert::frame(
        py,
        cols,
        Some(PyList::new(py, &names)?.into_any()),
        Some("feature"),
    )
}

/// Adds the KANO functions and classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(kano_classify, m)?)?;
    m.add_function(wrap_pyfunction!(kano_analyze, m)?)?;
    m.add_function(wrap_pyfunction!(kano_from_counts, m)?)?;
    m.add_function(wrap_pyfunction!(kano_migration, m)?)?;
    m.add_class::<KanoFeature>()?;
    m.add_class::<KanoResult>()?;
    m.add_class::<KanoAccumulator>()?;
    Ok(())
}
