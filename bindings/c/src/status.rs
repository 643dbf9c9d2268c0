//! Status codes, the thread's last error message, and the guard every entry point runs in.

use std::cell::RefCell;
use std::ffi::{c_char, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};

use cxkit_core::error::ErrorKind;
use cxkit_core::Error;

/// Result of every cxkit call. The numbers are stable across releases; new codes are added at
/// the end.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum cx_status {
    /// Success.
    CX_OK = 0,
    /// A required pointer argument was NULL.
    CX_NULL_ARGUMENT = 1,
    /// A score is not a point of the declared scale (out of range or fractional).
    CX_INVALID_SCORE = 2,
    /// A score is missing (NaN) and the NaN policy is CX_NAN_RAISE.
    CX_MISSING_SCORE = 3,
    /// No scores to compute on.
    CX_EMPTY_INPUT = 4,
    /// Two arrays that must be as long as each other are not.
    CX_LENGTH_MISMATCH = 5,
    /// A weight is negative, NaN or infinite.
    CX_INVALID_WEIGHT = 6,
    /// An argument is out of range (confidence, scale, top box, method, …).
    CX_INVALID_PARAMETER = 7,
    /// A statistic needs more data (a standard deviation from one response, …).
    CX_INSUFFICIENT_DATA = 8,
    /// A test is undefined because its standard error is zero.
    CX_ZERO_VARIANCE = 9,
    /// Serialized state could not be read back.
    CX_CORRUPT_BYTES = 10,
    /// Two objects cannot be combined (accumulators on different scales, …).
    CX_INCOMPATIBLE = 11,
    /// The caller's buffer is too small; the size needed was written.
    CX_BUFFER_TOO_SMALL = 12,
    /// A KANO answer is not a position of the questionnaire form.
    CX_INVALID_ANSWER = 13,
    /// A KANO answer is missing (NaN) and the NaN policy is CX_NAN_RAISE.
    CX_MISSING_ANSWER = 14,
    /// A KANO feature has no answers left to analyse.
    CX_EMPTY_FEATURE = 15,
    /// A customer's (frequency, recency, T, monetary value) observation is impossible.
    CX_INVALID_OBSERVATION = 16,
    /// An iterative computation (a model fit) did not converge.
    CX_DID_NOT_CONVERGE = 17,
    /// A matrix that must be inverted is singular (collinear columns).
    CX_SINGULAR_MATRIX = 18,
    /// A column (item, driver, outcome) is constant.
    CX_CONSTANT_COLUMN = 19,
    /// An indicator tree is malformed or inconsistent.
    CX_INVALID_TREE = 20,
    /// A data file is missing a column or holds a value its schema does not allow, or a file
    /// cannot be read or written.
    CX_DATA_FILE = 21,
    /// An id or label (customer, case, segment, feature, …) is missing or cannot be kept
    /// exactly.
    CX_INVALID_LABEL = 22,
    /// cxkit panicked: a bug in cxkit, please report it with the message.
    CX_PANIC = 99,
}

/// Why an entry point failed.
pub(crate) enum Failure {
    Null(&'static str),
    Core(Error),
    BufferTooSmall { needed: usize, capacity: usize },
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Core(e)
    }
}

/// The status of an error kind: matched exhaustively, so a new kind in the core does not
/// compile here until it has a status (whose number the test checks is the core's code).
fn status_of(kind: ErrorKind) -> cx_status {
    match kind {
        ErrorKind::InvalidScore => cx_status::CX_INVALID_SCORE,
        ErrorKind::MissingScore => cx_status::CX_MISSING_SCORE,
        ErrorKind::EmptyInput => cx_status::CX_EMPTY_INPUT,
        ErrorKind::LengthMismatch => cx_status::CX_LENGTH_MISMATCH,
        ErrorKind::InvalidWeight => cx_status::CX_INVALID_WEIGHT,
        ErrorKind::InvalidParameter => cx_status::CX_INVALID_PARAMETER,
        ErrorKind::InsufficientData => cx_status::CX_INSUFFICIENT_DATA,
        ErrorKind::ZeroVariance => cx_status::CX_ZERO_VARIANCE,
        ErrorKind::CorruptBytes => cx_status::CX_CORRUPT_BYTES,
        ErrorKind::Incompatible => cx_status::CX_INCOMPATIBLE,
        ErrorKind::InvalidAnswer => cx_status::CX_INVALID_ANSWER,
        ErrorKind::MissingAnswer => cx_status::CX_MISSING_ANSWER,
        ErrorKind::EmptyFeature => cx_status::CX_EMPTY_FEATURE,
        ErrorKind::InvalidObservation => cx_status::CX_INVALID_OBSERVATION,
        ErrorKind::DidNotConverge => cx_status::CX_DID_NOT_CONVERGE,
        ErrorKind::SingularMatrix => cx_status::CX_SINGULAR_MATRIX,
        ErrorKind::ConstantColumn => cx_status::CX_CONSTANT_COLUMN,
        ErrorKind::InvalidTree => cx_status::CX_INVALID_TREE,
        ErrorKind::DataFile => cx_status::CX_DATA_FILE,
        ErrorKind::InvalidLabel => cx_status::CX_INVALID_LABEL,
    }
}

thread_local! {
    static LAST_ERROR: RefCell<String> = const { RefCell::new(String::new()) };
}

fn set_last_error(function: &str, message: String) {
    LAST_ERROR.with(|e| *e.borrow_mut() = format!("{function}: {message}"));
}

/// Runs an entry point's body: catches panics, maps failures to a status and records the
/// message for `cx_last_error_message`.
pub(crate) fn guard(
    function: &'static str,
    body: impl FnOnce() -> Result<(), Failure>,
) -> cx_status {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => cx_status::CX_OK,
        Ok(Err(Failure::Null(arg))) => {
            set_last_error(function, format!("argument `{arg}` is NULL"));
            cx_status::CX_NULL_ARGUMENT
        }
        Ok(Err(Failure::Core(e))) => {
            set_last_error(function, e.to_string());
            status_of(e.kind())
        }
        Ok(Err(Failure::BufferTooSmall { needed, capacity })) => {
            set_last_error(
                function,
                format!("output buffer holds {capacity}, {needed} needed"),
            );
            cx_status::CX_BUFFER_TOO_SMALL
        }
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            set_last_error(function, format!("internal error (please report): {what}"));
            cx_status::CX_PANIC
        }
    }
}

/// A reference from a pointer argument that must not be NULL.
///
/// # Safety
/// `ptr` is NULL or valid for reads of a `T` for the call's duration.
pub(crate) unsafe fn arg<'a, T>(ptr: *const T, name: &'static str) -> Result<&'a T, Failure> {
    // SAFETY: the caller guarantees validity when non-NULL.
    unsafe { ptr.as_ref() }.ok_or(Failure::Null(name))
}

/// A mutable reference from an out-parameter that must not be NULL.
///
/// # Safety
/// `ptr` is NULL or valid for writes of a `T` for the call's duration.
pub(crate) unsafe fn out<'a, T>(ptr: *mut T, name: &'static str) -> Result<&'a mut T, Failure> {
    // SAFETY: the caller guarantees validity when non-NULL.
    unsafe { ptr.as_mut() }.ok_or(Failure::Null(name))
}

/// A slice from a pointer and length; NULL is accepted only with length 0.
///
/// # Safety
/// `ptr` is NULL or valid for reads of `len` values for the call's duration.
pub(crate) unsafe fn slice<'a, T>(
    ptr: *const T,
    len: usize,
    name: &'static str,
) -> Result<&'a [T], Failure> {
    if ptr.is_null() {
        return if len == 0 {
            Ok(&[])
        } else {
            Err(Failure::Null(name))
        };
    }
    // SAFETY: non-NULL, and the caller guarantees `len` readable values.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// A NUL-terminated UTF-8 string.
///
/// # Safety
/// `p` NULL or a NUL-terminated string that outlives the returned one.
pub(crate) unsafe fn text<'a>(p: *const c_char, name: &'static str) -> Result<&'a str, Failure> {
    if p.is_null() {
        return Err(Failure::Null(name));
    }
    // SAFETY: caller contract.
    let s = unsafe { CStr::from_ptr(p) };
    s.to_str().map_err(|_| {
        Failure::Core(Error::InvalidParameter {
            name,
            reason: "not UTF-8".into(),
        })
    })
}

/// `n_samples × n_features` row-major values as a matrix view (NULL only when empty).
pub(crate) fn matrix<'a>(
    x: *const f64,
    n_samples: usize,
    n_features: usize,
) -> Result<ndarray::ArrayView2<'a, f64>, Failure> {
    let len = n_samples
        .checked_mul(n_features)
        .ok_or(Failure::Core(Error::InvalidParameter {
            name: "n_samples",
            reason: "n_samples × n_features overflows".into(),
        }))?;
    // SAFETY: caller contract: `x` valid for n_samples × n_features doubles.
    let values = unsafe { slice(x, len, "x") }?;
    Ok(ndarray::ArrayView2::from_shape((n_samples, n_features), values).expect("length checked"))
}

/// Scores and their optional weights (NULL for none, else `len` of them) as slices.
///
/// # Safety
/// `scores` is NULL or valid for `len` doubles; `weights` NULL or valid for `len` doubles.
pub(crate) unsafe fn scores<'a>(
    scores: *const f64,
    len: usize,
    weights: *const f64,
) -> Result<(&'a [f64], Option<&'a [f64]>), Failure> {
    // SAFETY: forwarded caller contract.
    let scores = unsafe { slice(scores, len, "scores") }?;
    // SAFETY: non-NULL weights are valid for `len` values by the caller's contract.
    let weights = (!weights.is_null()).then(|| unsafe { std::slice::from_raw_parts(weights, len) });
    Ok((scores, weights))
}

/// Copies `bytes` into the caller's buffer `buf` of `capacity` bytes and writes the length to
/// `written`; when it does not fit, writes the length needed and fails with CX_BUFFER_TOO_SMALL.
///
/// # Safety
/// `buf` is NULL or valid for `capacity` bytes; `written` is NULL or valid for a write.
pub(crate) unsafe fn copy_out(
    bytes: &[u8],
    buf: *mut u8,
    capacity: usize,
    written: *mut usize,
) -> Result<(), Failure> {
    // SAFETY: forwarded caller contract.
    let written = unsafe { out(written, "written") }?;
    *written = bytes.len();
    if buf.is_null() || capacity < bytes.len() {
        return Err(Failure::BufferTooSmall {
            needed: bytes.len(),
            capacity,
        });
    }
    // SAFETY: `buf` holds at least `bytes.len()` bytes and cannot overlap our own buffer.
    unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), buf, bytes.len()) };
    Ok(())
}

/// A static description of a status code, e.g. "invalid score" for CX_INVALID_SCORE.
/// Unknown codes give "unknown status". The string is static: do not free it.
#[no_mangle]
pub extern "C" fn cx_status_str(status: u32) -> *const c_char {
    // The core's names of its error kinds, made NUL-terminated once; the C ABI's own codes.
    static NAMES: std::sync::OnceLock<Vec<(u32, std::ffi::CString)>> = std::sync::OnceLock::new();
    let names = NAMES.get_or_init(|| {
        ErrorKind::ALL
            .iter()
            .map(|k| {
                let name = std::ffi::CString::new(k.name()).expect("no NUL in a kind's name");
                (k.code(), name)
            })
            .collect()
    });
    let text: &CStr = match status {
        0 => c"ok",
        1 => c"NULL argument",
        12 => c"buffer too small",
        99 => c"internal error (panic)",
        _ => names
            .iter()
            .find(|(code, _)| *code == status)
            .map_or(c"unknown status", |(_, name)| name.as_c_str()),
    };
    text.as_ptr()
}

/// Copies this thread's last error message (empty if no call has failed) into `buf` as a
/// NUL-terminated string, and writes its length without the NUL to `*written`. If `buf` is
/// NULL or `len` too small, copies what fits (when `len` > 0), writes the full length and
/// returns CX_BUFFER_TOO_SMALL. This call never changes the stored message.
///
/// # Safety
/// `buf` is NULL or valid for `len` bytes; `written` is NULL or valid for a write.
#[no_mangle]
pub unsafe extern "C" fn cx_last_error_message(
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> cx_status {
    let result = catch_unwind(AssertUnwindSafe(|| {
        LAST_ERROR.with(|e| {
            let message = e.borrow();
            let bytes = message.as_bytes();
            if !written.is_null() {
                // SAFETY: non-NULL and valid by the caller's contract.
                unsafe { *written = bytes.len() };
            }
            if buf.is_null() || len == 0 {
                return if written.is_null() {
                    cx_status::CX_NULL_ARGUMENT
                } else {
                    cx_status::CX_BUFFER_TOO_SMALL
                };
            }
            let n = bytes.len().min(len - 1);
            // SAFETY: `buf` holds `len` > n bytes.
            unsafe {
                std::ptr::copy_nonoverlapping(bytes.as_ptr(), buf.cast::<u8>(), n);
                *buf.add(n) = 0;
            }
            if n < bytes.len() {
                cx_status::CX_BUFFER_TOO_SMALL
            } else {
                cx_status::CX_OK
            }
        })
    }));
    result.unwrap_or(cx_status::CX_PANIC)
}

/// The library version, e.g. "0.1.0" (the same as CXKIT_VERSION in the header this library
/// was built with). Static: do not free it.
#[no_mangle]
pub extern "C" fn cx_version() -> *const c_char {
    static VERSION: &CStr =
        match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
            Ok(v) => v,
            Err(_) => panic!("version has no interior NUL"),
        };
    VERSION.as_ptr()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_core_error_kind_has_its_code_and_name() {
        for k in ErrorKind::ALL {
            assert_eq!(status_of(k) as u32, k.code(), "{k:?}");
            // SAFETY: cx_status_str returns a static NUL-terminated string.
            let name = unsafe { CStr::from_ptr(cx_status_str(k.code())) };
            assert_eq!(name.to_str().unwrap(), k.name());
        }
        // SAFETY: as above.
        let unknown = unsafe { CStr::from_ptr(cx_status_str(57)) };
        assert_eq!(unknown.to_str().unwrap(), "unknown status");
    }
}
