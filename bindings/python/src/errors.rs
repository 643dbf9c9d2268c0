//! The exception classes of `cxkit`, one per kind of [`cxkit_core::Error`].

use cxkit_core::Error;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

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

/// The Python exception for a core error, with `index` and `value` attributes where the error
/// names a position.
pub(crate) fn to_py(e: Error) -> PyErr {
    let message = e.to_string();
    let (err, index, value) = match e {
        Error::InvalidScore { index, value, .. } => (
            InvalidScoreError::new_err(message),
            Some(index),
            Some(value),
        ),
        Error::MissingScore { index } => (MissingScoreError::new_err(message), Some(index), None),
        Error::InvalidWeight { index, value } => (
            InvalidWeightError::new_err(message),
            Some(index),
            Some(value),
        ),
        Error::EmptyInput { .. } => (EmptyInputError::new_err(message), None, None),
        Error::LengthMismatch { .. } => (LengthMismatchError::new_err(message), None, None),
        Error::InvalidParameter { .. } => (InvalidParameterError::new_err(message), None, None),
        Error::InsufficientData { .. } => (InsufficientDataError::new_err(message), None, None),
        Error::ZeroVariance { .. } => (ZeroVarianceError::new_err(message), None, None),
        Error::CorruptBytes { .. } => (CorruptBytesError::new_err(message), None, None),
        Error::Incompatible { .. } => (IncompatibleError::new_err(message), None, None),
        _ => (CxError::new_err(message), None, None),
    };
    Python::attach(|py| {
        let v = err.value(py);
        // Setting attributes on a fresh exception instance cannot fail in practice; if it
        // did, the exception without them is still the right one to raise.
        if let Some(i) = index {
            let _ = v.setattr("index", i);
        }
        if let Some(x) = value {
            let _ = v.setattr("value", x);
        }
    });
    err
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
    Ok(())
}
