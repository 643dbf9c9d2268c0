//! Personal-data masking over C (binds `cxkit::text::mask_pii`) into a caller's buffer.

use std::ffi::c_char;

use cxkit_core::text as core;

use crate::convert::{copy_text, utf8};
use crate::error::{cx_status, guard};

/// Masks personal data in the UTF-8 `text` of `len` bytes (not NUL-terminated): mainland
/// mobile numbers become [PHONE], identity numbers with a valid check character [ID],
/// Luhn-valid card numbers [CARD], e-mail addresses [EMAIL]. Writes the masked text with a
/// NUL into `buf` of `capacity` bytes and its length without the NUL into `*written`; a
/// short buffer is CX_BUFFER_TOO_SMALL with the length written (a placeholder can be longer
/// than what it replaces, so size with `buf` NULL and `capacity` 0). Text that is not UTF-8
/// is CX_INVALID_PARAMETER naming the byte.
///
/// # Safety
/// `text` valid for `len` bytes (NULL only when `len` is 0); `buf` NULL or valid for
/// `capacity` bytes; `written` valid for a write.
#[no_mangle]
pub unsafe extern "C" fn cx_mask_pii(
    text: *const c_char,
    len: usize,
    buf: *mut c_char,
    capacity: usize,
    written: *mut usize,
) -> cx_status {
    guard("cx_mask_pii", || {
        // SAFETY: caller contract.
        let text = unsafe { utf8(text, len, "text") }?;
        let masked = core::mask_pii(text);
        // SAFETY: caller contract.
        unsafe { copy_text(&masked, buf, capacity, written) }
    })
}
