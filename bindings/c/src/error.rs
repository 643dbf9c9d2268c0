//! Status codes (the C side of the core's `error::ErrorKind`), the thread's last error
//! message, and the guard every entry point runs in.

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
    /// A topic taxonomy (topics, sub-topics, word rules) is malformed or inconsistent.
    CX_INVALID_TAXONOMY = 23,
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
        ErrorKind::InvalidTaxonomy => cx_status::CX_INVALID_TAXONOMY,
    }
}

/// An option code that is none of the `allowed` constants.
pub(crate) fn invalid(name: &'static str, value: u32, allowed: &str) -> Failure {
    Failure::Core(Error::InvalidParameter {
        name,
        reason: format!("{value} is not one of {allowed}"),
    })
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

/// A static description of a status code, e.g. "invalid score" for CX_INVALID_SCORE.
/// Unknown codes give "unknown status". The string is static: do not free it.
#[no_mangle]
pub extern "C" fn cx_status_str(status: u32) -> *const c_char {
    // The core's names of its error kinds, made NUL-terminated once; the C ABI's own codes.
    static NAMES: std::sync::OnceLock<Vec<std::ffi::CString>> = std::sync::OnceLock::new();
    let names =
        crate::convert::c_names(&NAMES, || ErrorKind::ALL.iter().map(|k| k.name()).collect());
    let text: &CStr = match status {
        0 => c"ok",
        1 => c"NULL argument",
        12 => c"buffer too small",
        99 => c"internal error (panic)",
        _ => ErrorKind::ALL
            .iter()
            .position(|k| k.code() == status)
            .map_or(c"unknown status", |i| names[i].as_c_str()),
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
