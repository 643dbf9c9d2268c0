//! Free text over C (binds `cxkit::text`): personal-data masking (`pii`), topic taxonomies
//! and tagging (`taxonomy`), and what topics cost with the mergeable topic accumulator
//! (`impact`). Arrays of texts are read in one place here.

mod impact;
mod pii;
mod taxonomy;

pub use impact::*;
pub use pii::*;
pub use taxonomy::*;

use std::ffi::c_char;

use crate::convert::{slice, text, utf8};
use crate::error::Failure;

/// `n` texts: with `lens` NULL each a NUL-terminated UTF-8 string, else `lens[i]` bytes of
/// UTF-8 (not NUL-terminated; NULL only when 0). A text that is not UTF-8 is an
/// InvalidParameter naming it.
///
/// # Safety
/// `texts` NULL (only when `n` is 0) or valid for `n` pointers as above; `lens` NULL or
/// valid for `n` lengths.
pub(crate) unsafe fn texts<'a>(
    texts: *const *const c_char,
    lens: *const usize,
    n: usize,
) -> Result<Vec<&'a str>, Failure> {
    // SAFETY: caller contract.
    let ptrs = unsafe { slice(texts, n, "texts") }?;
    // SAFETY: caller contract.
    let lens = if lens.is_null() {
        None
    } else {
        Some(unsafe { slice(lens, n, "lens") }?)
    };
    ptrs.iter()
        .enumerate()
        .map(|(i, &p)| match lens {
            // SAFETY: `lens[i]` bytes (caller contract).
            Some(l) => unsafe { utf8(p, l[i], "texts") },
            // SAFETY: NUL-terminated (caller contract).
            None => unsafe { text(p, "texts") },
        })
        .collect()
}
