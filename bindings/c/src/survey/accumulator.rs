//! Opaque accumulator handles: mergeable NPS state for partitioned or streaming data.

use cxkit_core::survey::NpsAccumulator;

use crate::convert::{arg, copy_out, out, slice};
use crate::error::{cx_status, guard, Failure};
use crate::survey::{cx_nan_policy, cx_nps_options, cx_nps_result};

/// Mergeable NPS state. Opaque: make one with cx_nps_accumulator_new or
/// cx_nps_accumulator_from_bytes, release it with cx_nps_accumulator_free.
pub struct cx_nps_accumulator {
    inner: NpsAccumulator,
}

fn boxed(inner: NpsAccumulator) -> *mut cx_nps_accumulator {
    Box::into_raw(Box::new(cx_nps_accumulator { inner }))
}

/// Makes an empty NPS accumulator and writes its handle to `*out_accumulator`.
///
/// # Safety
/// `out_accumulator` valid for a write.
#[no_mangle]
pub unsafe extern "C" fn cx_nps_accumulator_new(
    out_accumulator: *mut *mut cx_nps_accumulator,
) -> cx_status {
    guard("cx_nps_accumulator_new", || {
        // SAFETY: caller contract. The handle is made only once the out-parameter is known good.
        let result = unsafe { out(out_accumulator, "out_accumulator") }?;
        *result = boxed(NpsAccumulator::new());
        Ok(())
    })
}

/// Adds `len` 0–10 `scores` (optional `weights`, NULL for none) to the accumulator. On error
/// the accumulator is unchanged.
///
/// # Safety
/// `accumulator` a live handle; `scores` valid for `len` doubles; `weights` NULL or valid for
/// `len` doubles.
#[no_mangle]
pub unsafe extern "C" fn cx_nps_accumulator_update(
    accumulator: *mut cx_nps_accumulator,
    scores: *const f64,
    len: usize,
    weights: *const f64,
    nan_policy: cx_nan_policy,
) -> cx_status {
    guard("cx_nps_accumulator_update", || {
        // SAFETY: caller contract.
        let (acc, (scores, weights)) = unsafe {
            (
                out(accumulator, "accumulator")?,
                crate::convert::scores(scores, len, weights)?,
            )
        };
        let policy = crate::survey::nan_policy(nan_policy)?;
        acc.inner.update(scores, weights, policy)?;
        Ok(())
    })
}

/// Adds `other`'s state into `accumulator` (`other` is unchanged; both may be the same handle).
///
/// # Safety
/// Both live handles.
#[no_mangle]
pub unsafe extern "C" fn cx_nps_accumulator_merge(
    accumulator: *mut cx_nps_accumulator,
    other: *const cx_nps_accumulator,
) -> cx_status {
    guard("cx_nps_accumulator_merge", || {
        if accumulator.is_null() {
            return Err(Failure::Null("accumulator"));
        }
        // SAFETY: caller contract; the clone ends the shared borrow before the mutable one.
        let other = unsafe { arg(other, "other") }?.inner.clone();
        // SAFETY: caller contract.
        let acc = unsafe { out(accumulator, "accumulator") }?;
        acc.inner.merge(&other)?;
        Ok(())
    })
}

/// Writes the NPS of everything accumulated to `*out_result`, using the confidence and method
/// of `options` (NULL for the defaults; its nan_policy is not used).
///
/// # Safety
/// `accumulator` a live handle; `options` NULL or valid; `out_result` valid for a write.
#[no_mangle]
pub unsafe extern "C" fn cx_nps_accumulator_finish(
    accumulator: *const cx_nps_accumulator,
    options: *const cx_nps_options,
    out_result: *mut cx_nps_result,
) -> cx_status {
    guard("cx_nps_accumulator_finish", || {
        // SAFETY: caller contract.
        let (acc, result) = unsafe {
            (
                arg(accumulator, "accumulator")?,
                out(out_result, "out_result")?,
            )
        };
        let o = cx_nps_options::resolve(options)?;
        *result = acc.inner.finish(o.confidence, o.method)?.into();
        Ok(())
    })
}

/// Writes the number of responses accumulated to `*out_n`.
///
/// # Safety
/// `accumulator` a live handle; `out_n` valid for a write.
#[no_mangle]
pub unsafe extern "C" fn cx_nps_accumulator_n(
    accumulator: *const cx_nps_accumulator,
    out_n: *mut u64,
) -> cx_status {
    guard("cx_nps_accumulator_n", || {
        // SAFETY: caller contract.
        let (acc, n) = unsafe { (arg(accumulator, "accumulator")?, out(out_n, "out_n")?) };
        *n = acc.inner.n();
        Ok(())
    })
}

/// Serializes the state into the caller's `buf` of `capacity` bytes and writes its length to
/// `*written`. Call with `buf` NULL to learn the size: that returns CX_BUFFER_TOO_SMALL with
/// `*written` set to the length needed.
///
/// # Safety
/// `accumulator` a live handle; `buf` NULL or valid for `capacity` bytes; `written` valid.
#[no_mangle]
pub unsafe extern "C" fn cx_nps_accumulator_to_bytes(
    accumulator: *const cx_nps_accumulator,
    buf: *mut u8,
    capacity: usize,
    written: *mut usize,
) -> cx_status {
    guard("cx_nps_accumulator_to_bytes", || {
        // SAFETY: caller contract.
        let acc = unsafe { arg(accumulator, "accumulator") }?;
        // SAFETY: caller contract.
        unsafe { copy_out(&acc.inner.to_bytes(), buf, capacity, written) }
    })
}

/// Reads state written by cx_nps_accumulator_to_bytes (of this or an earlier format version)
/// into a new handle written to `*out_accumulator`. Corrupt input gives CX_CORRUPT_BYTES.
///
/// # Safety
/// `bytes` valid for `len` bytes; `out_accumulator` valid for a write.
#[no_mangle]
pub unsafe extern "C" fn cx_nps_accumulator_from_bytes(
    bytes: *const u8,
    len: usize,
    out_accumulator: *mut *mut cx_nps_accumulator,
) -> cx_status {
    guard("cx_nps_accumulator_from_bytes", || {
        // SAFETY: caller contract.
        let (bytes, result) = unsafe {
            (
                slice(bytes, len, "bytes")?,
                out(out_accumulator, "out_accumulator")?,
            )
        };
        *result = boxed(NpsAccumulator::from_bytes(bytes)?);
        Ok(())
    })
}

/// Releases an accumulator. NULL is a no-op.
///
/// # Safety
/// `accumulator` NULL or a live handle, not used again.
#[no_mangle]
pub unsafe extern "C" fn cx_nps_accumulator_free(accumulator: *mut cx_nps_accumulator) {
    if !accumulator.is_null() {
        // SAFETY: made by Box::into_raw in this module and not freed before (caller contract).
        drop(unsafe { Box::from_raw(accumulator) });
    }
}
