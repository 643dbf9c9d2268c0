//! Texts as a corpus: the size limit of one text and the per-text work done in parallel,
//! an error naming the text it came from.

use rayon::prelude::*;

use crate::{Error, Result};

/// The longest text analysed, in bytes (64 KiB): a comment, a complaint description or a
/// call note; a longer text is refused, not cut.
pub const MAX_TEXT_BYTES: usize = 1 << 16;

/// Refuses a text over [`MAX_TEXT_BYTES`].
pub(crate) fn check_size(text: &str) -> Result<()> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(Error::InvalidParameter {
            name: "text",
            reason: format!(
                "{} bytes, over the limit of {MAX_TEXT_BYTES} for one text",
                text.len()
            ),
        });
    }
    Ok(())
}

/// `f` of each text, in parallel; an [`Error::InvalidParameter`] names the text (from 0).
pub(crate) fn each_text<S, T, F>(texts: &[S], f: F) -> Result<Vec<T>>
where
    S: AsRef<str> + Sync,
    T: Send,
    F: Fn(&str) -> Result<T> + Sync,
{
    texts
        .par_iter()
        .enumerate()
        .map(|(row, text)| f(text.as_ref()).map_err(|e| naming_text(row, e)))
        .collect()
}

/// `e` of text `row`: an [`Error::InvalidParameter`] names the text (from 0).
pub(crate) fn naming_text(row: usize, e: Error) -> Error {
    match e {
        Error::InvalidParameter { name, reason } => Error::InvalidParameter {
            name,
            reason: format!("text {row}: {reason}"),
        },
        other => other,
    }
}
