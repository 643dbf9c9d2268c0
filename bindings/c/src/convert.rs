//! Conversions at the C boundary: pointer arguments checked for NULL, arrays viewed as slices
//! and matrices, results copied into caller buffers.

use std::ffi::{c_char, CStr};

use cxkit_core::Error;

use crate::error::Failure;

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

/// `len` bytes of UTF-8 text (not NUL-terminated; NULL only when empty); text that is not
/// UTF-8 is an InvalidParameter naming `name` and the byte where it stops being UTF-8.
///
/// # Safety
/// `p` NULL or valid for `len` bytes that outlive the returned string.
pub(crate) unsafe fn utf8<'a>(
    p: *const c_char,
    len: usize,
    name: &'static str,
) -> Result<&'a str, Failure> {
    // SAFETY: forwarded caller contract.
    let bytes = unsafe { slice(p.cast::<u8>(), len, name) }?;
    std::str::from_utf8(bytes).map_err(|e| {
        Failure::Core(Error::InvalidParameter {
            name,
            reason: format!("not UTF-8: {e}"),
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

/// Scores (doubles or the integers legacy systems hold) and their optional weights (NULL for
/// none, else `len` of them) as slices.
///
/// # Safety
/// `scores` is NULL or valid for `len` values; `weights` NULL or valid for `len` doubles.
pub(crate) unsafe fn scores<'a, T>(
    scores: *const T,
    len: usize,
    weights: *const f64,
) -> Result<(&'a [T], Option<&'a [f64]>), Failure> {
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

/// Copies `text` with a terminating NUL into the caller's `buf` of `capacity` bytes and
/// writes its length without the NUL into `*written` (CX_BUFFER_TOO_SMALL, with the length
/// written, when it does not fit).
///
/// # Safety
/// `buf` is NULL or valid for `capacity` bytes; `written` is NULL or valid for a write.
pub(crate) unsafe fn copy_text(
    text: &str,
    buf: *mut c_char,
    capacity: usize,
    written: *mut usize,
) -> Result<(), Failure> {
    let mut bytes = Vec::with_capacity(text.len() + 1);
    bytes.extend_from_slice(text.as_bytes());
    bytes.push(0);
    // SAFETY: forwarded caller contract.
    let status = unsafe { copy_out(&bytes, buf.cast::<u8>(), capacity, written) };
    // SAFETY: copy_out refused a NULL `written`, so here it is valid for a write.
    if let Some(w) = unsafe { written.as_mut() } {
        *w = text.len();
    }
    status
}

/// Writes `values` into the caller's array `dst` when it is not NULL.
///
/// # Safety
/// `dst` is NULL or valid for `values.len()` doubles.
pub(crate) unsafe fn write_optional(dst: *mut f64, values: impl ExactSizeIterator<Item = f64>) {
    if !dst.is_null() {
        for (i, v) in values.enumerate() {
            // SAFETY: valid for the iterator's length (caller contract).
            unsafe { *dst.add(i) = v };
        }
    }
}

/// Copies `values` into the caller's array `out` of the same length.
///
/// # Safety
/// `out` NULL or valid for `values.len()` entries.
pub(crate) unsafe fn write_all<T: Copy>(values: &[T], out: *mut T) -> Result<(), Failure> {
    if out.is_null() {
        return Err(Failure::Null("out"));
    }
    // SAFETY: non-NULL and valid for `values.len()` entries (caller contract).
    unsafe { std::ptr::copy_nonoverlapping(values.as_ptr(), out, values.len()) };
    Ok(())
}

/// Refuses the first NULL of several out-arrays, named: checked before the work, so that a
/// call writing more than one array writes none of them on an error.
pub(crate) fn outputs(arrays: &[(*const (), &'static str)]) -> Result<(), Failure> {
    match arrays.iter().find(|(ptr, _)| ptr.is_null()) {
        Some(&(_, name)) => Err(Failure::Null(name)),
        None => Ok(()),
    }
}

/// Static NUL-terminated copies of `names`, made once in `cell` (for the `cx_*_str` functions,
/// whose text is the core's own names).
pub(crate) fn c_names(
    cell: &'static std::sync::OnceLock<Vec<std::ffi::CString>>,
    names: impl FnOnce() -> Vec<&'static str>,
) -> &'static [std::ffi::CString] {
    cell.get_or_init(|| {
        names()
            .into_iter()
            .map(|n| std::ffi::CString::new(n).expect("no NUL in a name"))
            .collect()
    })
}

/// `n` NUL-terminated UTF-8 strings.
///
/// # Safety
/// `p` NULL (only when `n` is 0) or valid for `n` pointers to NUL-terminated strings.
pub(crate) unsafe fn strings(
    p: *const *const c_char,
    n: usize,
    name: &'static str,
) -> Result<Vec<String>, Failure> {
    // SAFETY: caller contract.
    let ptrs = unsafe { slice(p, n, name) }?;
    ptrs.iter()
        // SAFETY: each a NUL-terminated string (caller contract).
        .map(|&s| unsafe { text(s, name) }.map(str::to_string))
        .collect()
}

/// Copies `values` into the caller's array of `capacity` entries (CX_BUFFER_TOO_SMALL when
/// it is too short).
///
/// # Safety
/// `dst` NULL or valid for `capacity` entries.
pub(crate) unsafe fn fill<T: Copy>(
    dst: *mut T,
    capacity: usize,
    values: &[T],
    name: &'static str,
) -> Result<(), Failure> {
    if dst.is_null() {
        return Err(Failure::Null(name));
    }
    if capacity < values.len() {
        return Err(Failure::BufferTooSmall {
            needed: values.len(),
            capacity,
        });
    }
    // SAFETY: valid for `capacity` ≥ len entries (caller contract).
    unsafe { std::ptr::copy_nonoverlapping(values.as_ptr(), dst, values.len()) };
    Ok(())
}
