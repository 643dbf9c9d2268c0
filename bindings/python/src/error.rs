//! The exception classes of `cxkit`, one per kind of [`cxkit_core::Error`].

use cxkit_core::error::ErrorKind;
use cxkit_core::Error;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::IntoPyObjectExt;

pyo3::create_exception!(
    cxkit,
    CxError,
    PyValueError,
    "Base class of every cxkit error (a ValueError)."
);
pyo3::create_exception!(
    cxkit,
    InvalidScoreError,
    CxError,
    "A score is not a point of the declared scale (out of range, fractional or infinite). Attributes: index, value."
);
pyo3::create_exception!(
    cxkit,
    MissingScoreError,
    CxError,
    "A score is missing (NaN) and nan_policy is \"raise\". Attribute: index."
);
pyo3::create_exception!(cxkit, EmptyInputError, CxError, "Nothing to compute on.");
pyo3::create_exception!(
    cxkit,
    InvalidObservationError,
    CxError,
    "A customer's (frequency, recency, T, monetary value) observation is impossible. Attribute: index."
);
pyo3::create_exception!(
    cxkit,
    DidNotConvergeError,
    CxError,
    "An iterative computation (a model fit) did not converge."
);
pyo3::create_exception!(
    cxkit,
    SingularMatrixError,
    CxError,
    "A matrix that must be inverted is singular (perfectly collinear columns)."
);
pyo3::create_exception!(
    cxkit,
    InvalidTreeError,
    CxError,
    "An indicator tree is malformed or inconsistent. Attribute: path."
);
pyo3::create_exception!(
    cxkit,
    InvalidTaxonomyError,
    CxError,
    "A topic taxonomy (topics, sub-topics, word rules) is malformed or inconsistent. Attribute: topic."
);
pyo3::create_exception!(
    cxkit,
    DataFileError,
    CxError,
    "A data file is missing a column or holds a value its schema does not allow, or cannot be read or written. Attributes: file, line (0: the whole file), column (None: no one column)."
);
pyo3::create_exception!(
    cxkit,
    ConstantColumnError,
    CxError,
    "A column (item, driver, outcome) has no variance. Attribute: index."
);
pyo3::create_exception!(
    cxkit,
    InvalidAnswerError,
    CxError,
    "A KANO answer is not a position of the questionnaire form or a known label. Attributes: respondent, feature, value."
);
pyo3::create_exception!(
    cxkit,
    MissingAnswerError,
    CxError,
    "A KANO answer is missing and nan_policy is \"raise\". Attributes: respondent, feature."
);
pyo3::create_exception!(
    cxkit,
    EmptyFeatureError,
    CxError,
    "A KANO feature has no answers left to analyse. Attribute: feature."
);
pyo3::create_exception!(
    cxkit,
    LengthMismatchError,
    CxError,
    "Two inputs that must be as long as each other are not."
);
pyo3::create_exception!(
    cxkit,
    InvalidWeightError,
    CxError,
    "A survey weight is negative, NaN or infinite. Attributes: index, value."
);
pyo3::create_exception!(
    cxkit,
    InvalidParameterError,
    CxError,
    "An argument is outside the values it may take."
);
pyo3::create_exception!(
    cxkit,
    InsufficientDataError,
    CxError,
    "A statistic needs more data than it was given."
);
pyo3::create_exception!(
    cxkit,
    ZeroVarianceError,
    CxError,
    "A test is undefined because its standard error is zero."
);
pyo3::create_exception!(
    cxkit,
    CorruptBytesError,
    CxError,
    "Serialized state could not be read back."
);
pyo3::create_exception!(
    cxkit,
    IncompatibleError,
    CxError,
    "Two objects cannot be combined (accumulators on different scales, ...)."
);

pyo3::create_exception!(
    cxkit,
    InvalidLabelError,
    CxError,
    "An id or label (customer, case, segment, feature, ...) is missing or of a kind that cannot be kept exactly (floats, a mix of numbers and text)."
);

/// An attribute set on an exception: name and value.
type Attribute = (&'static str, PyResult<Py<PyAny>>);

/// The Python exception for a core error, with attributes (`index`, `value`, `respondent`,
/// `feature`) where the error names a position.
pub(crate) fn to_py(e: Error) -> PyErr {
    let message = e.to_string();
    Python::attach(|py| {
        let err = class_of(e.kind())(message);
        let attrs: Vec<Attribute> = match e {
            Error::InvalidScore { index, value, .. } | Error::InvalidWeight { index, value } => {
                vec![
                    ("index", index.into_py_any(py)),
                    ("value", value.into_py_any(py)),
                ]
            }
            Error::MissingScore { index }
            | Error::InvalidObservation { index, .. }
            | Error::ConstantColumn { index, .. }
            | Error::InvalidLabel { index, .. } => vec![("index", index.into_py_any(py))],
            Error::InvalidAnswer {
                respondent,
                feature,
                value,
                ..
            } => vec![
                ("respondent", respondent.into_py_any(py)),
                ("feature", feature.into_py_any(py)),
                ("value", value.into_py_any(py)),
            ],
            Error::MissingAnswer {
                respondent,
                feature,
            } => vec![
                ("respondent", respondent.into_py_any(py)),
                ("feature", feature.into_py_any(py)),
            ],
            Error::EmptyFeature { feature } => vec![("feature", feature.into_py_any(py))],
            Error::InvalidTree { path, .. } => vec![("path", path.into_py_any(py))],
            Error::InvalidTaxonomy { topic, .. } => vec![("topic", topic.into_py_any(py))],
            Error::DataFile {
                file, line, column, ..
            } => vec![
                ("file", file.into_py_any(py)),
                ("line", line.into_py_any(py)),
                ("column", column.into_py_any(py)),
            ],
            // The other kinds name no position.
            _ => vec![],
        };
        let v = err.value(py);
        for (name, value) in attrs {
            // Setting an attribute on a fresh exception instance cannot fail in practice; if
            // it did, the exception without it is still the right one to raise.
            if let Ok(value) = value {
                let _ = v.setattr(name, value);
            }
        }
        err
    })
}

/// The exception class of an error kind (matched exhaustively).
fn class_of(kind: ErrorKind) -> fn(String) -> PyErr {
    match kind {
        ErrorKind::InvalidScore => InvalidScoreError::new_err,
        ErrorKind::MissingScore => MissingScoreError::new_err,
        ErrorKind::EmptyInput => EmptyInputError::new_err,
        ErrorKind::LengthMismatch => LengthMismatchError::new_err,
        ErrorKind::InvalidWeight => InvalidWeightError::new_err,
        ErrorKind::InvalidParameter => InvalidParameterError::new_err,
        ErrorKind::InsufficientData => InsufficientDataError::new_err,
        ErrorKind::ZeroVariance => ZeroVarianceError::new_err,
        ErrorKind::CorruptBytes => CorruptBytesError::new_err,
        ErrorKind::Incompatible => IncompatibleError::new_err,
        ErrorKind::InvalidAnswer => InvalidAnswerError::new_err,
        ErrorKind::MissingAnswer => MissingAnswerError::new_err,
        ErrorKind::EmptyFeature => EmptyFeatureError::new_err,
        ErrorKind::InvalidObservation => InvalidObservationError::new_err,
        ErrorKind::DidNotConverge => DidNotConvergeError::new_err,
        ErrorKind::SingularMatrix => SingularMatrixError::new_err,
        ErrorKind::ConstantColumn => ConstantColumnError::new_err,
        ErrorKind::InvalidTree => InvalidTreeError::new_err,
        ErrorKind::InvalidTaxonomy => InvalidTaxonomyError::new_err,
        ErrorKind::DataFile => DataFileError::new_err,
        ErrorKind::InvalidLabel => InvalidLabelError::new_err,
    }
}

/// `map_err` adaptor: core result to Python result.
pub(crate) trait IntoPyResult<T> {
    fn py_err(self) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for Result<T, Error> {
    fn py_err(self) -> PyResult<T> {
        self.map_err(to_py)
    }
}

/// An [`InvalidParameterError`] for a bad argument.
pub(crate) fn invalid(name: &'static str, reason: String) -> PyErr {
    to_py(Error::InvalidParameter { name, reason })
}

/// Adds the exception classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("CxError", py.get_type::<CxError>())?;
    m.add("InvalidScoreError", py.get_type::<InvalidScoreError>())?;
    m.add("MissingScoreError", py.get_type::<MissingScoreError>())?;
    m.add("EmptyInputError", py.get_type::<EmptyInputError>())?;
    m.add(
        "InvalidObservationError",
        py.get_type::<InvalidObservationError>(),
    )?;
    m.add("DidNotConvergeError", py.get_type::<DidNotConvergeError>())?;
    m.add("SingularMatrixError", py.get_type::<SingularMatrixError>())?;
    m.add("ConstantColumnError", py.get_type::<ConstantColumnError>())?;
    m.add("InvalidTreeError", py.get_type::<InvalidTreeError>())?;
    m.add(
        "InvalidTaxonomyError",
        py.get_type::<InvalidTaxonomyError>(),
    )?;
    m.add("DataFileError", py.get_type::<DataFileError>())?;
    m.add("InvalidAnswerError", py.get_type::<InvalidAnswerError>())?;
    m.add("MissingAnswerError", py.get_type::<MissingAnswerError>())?;
    m.add("EmptyFeatureError", py.get_type::<EmptyFeatureError>())?;
    m.add("LengthMismatchError", py.get_type::<LengthMismatchError>())?;
    m.add("InvalidWeightError", py.get_type::<InvalidWeightError>())?;
    m.add(
        "InvalidParameterError",
        py.get_type::<InvalidParameterError>(),
    )?;
    m.add(
        "InsufficientDataError",
        py.get_type::<InsufficientDataError>(),
    )?;
    m.add("ZeroVarianceError", py.get_type::<ZeroVarianceError>())?;
    m.add("CorruptBytesError", py.get_type::<CorruptBytesError>())?;
    m.add("IncompatibleError", py.get_type::<IncompatibleError>())?;
    m.add("InvalidLabelError", py.get_type::<InvalidLabelError>())?;
    Ok(())
}
