//! Topic taxonomies over C (binds `cxkit::text::Taxonomy`): a handle read from TOML or JSON
//! (or cxkit's default), its topics, and the tagging of an array of texts into a
//! caller-sized matrix of flags.

use std::ffi::c_char;

use cxkit_core::report::Lang;
use cxkit_core::text as core;
use cxkit_core::Error;

use super::texts as read_texts;
use crate::convert::{arg, copy_text, out, text, utf8};
use crate::error::{cx_status, guard, Failure};

/// A topic taxonomy. Opaque: made by cx_taxonomy_default, cx_taxonomy_from_toml or
/// cx_taxonomy_from_json, released with cx_taxonomy_free.
pub struct cx_taxonomy {
    pub(crate) inner: core::Taxonomy,
}

/// The flag of a topic found through one of its own rules (cx_taxonomy_tag).
pub const CX_TOPIC_DIRECT: u8 = 1;
const _: () = assert!(CX_TOPIC_DIRECT == core::TOPIC_DIRECT);
/// The flag of a topic found only through a sub-topic.
pub const CX_TOPIC_VIA_SUBTOPIC: u8 = 2;
const _: () = assert!(CX_TOPIC_VIA_SUBTOPIC == core::TOPIC_VIA_SUBTOPIC);

fn boxed(inner: core::Taxonomy) -> *mut cx_taxonomy {
    Box::into_raw(Box::new(cx_taxonomy { inner }))
}

/// cxkit's default taxonomy of retail-bank topics (15 topics, Chinese and English terms).
///
/// # Safety
/// `out_taxonomy` valid for a write.
#[no_mangle]
pub unsafe extern "C" fn cx_taxonomy_default(out_taxonomy: *mut *mut cx_taxonomy) -> cx_status {
    guard("cx_taxonomy_default", || {
        // SAFETY: caller contract.
        let result = unsafe { out(out_taxonomy, "out_taxonomy") }?;
        *result = boxed(core::Taxonomy::default_bank());
        Ok(())
    })
}

/// Reads a taxonomy from `len` bytes of UTF-8 `text` with `parse` and writes its handle.
///
/// # Safety
/// `text` valid for `len` bytes; `out_taxonomy` valid for a write.
unsafe fn read(
    function: &'static str,
    text: *const c_char,
    len: usize,
    out_taxonomy: *mut *mut cx_taxonomy,
    parse: fn(&str) -> cxkit_core::Result<core::Taxonomy>,
) -> cx_status {
    guard(function, || {
        // SAFETY: caller contract.
        let (text, result) =
            unsafe { (utf8(text, len, "text")?, out(out_taxonomy, "out_taxonomy")?) };
        *result = boxed(parse(text)?);
        Ok(())
    })
}

/// Reads and checks a taxonomy from `len` bytes of UTF-8 TOML ([[topics]] with id, name,
/// parent, code and [[topics.rules]] of any/all/none terms and a window). A malformed one is
/// CX_INVALID_TAXONOMY naming the topic.
///
/// # Safety
/// `toml` valid for `len` bytes; `out_taxonomy` valid for a write.
#[no_mangle]
pub unsafe extern "C" fn cx_taxonomy_from_toml(
    toml: *const c_char,
    len: usize,
    out_taxonomy: *mut *mut cx_taxonomy,
) -> cx_status {
    // SAFETY: forwarded caller contract.
    unsafe {
        read(
            "cx_taxonomy_from_toml",
            toml,
            len,
            out_taxonomy,
            core::Taxonomy::from_toml,
        )
    }
}

/// Reads and checks a taxonomy from `len` bytes of UTF-8 JSON ({"topics": [...]}).
///
/// # Safety
/// `json` valid for `len` bytes; `out_taxonomy` valid for a write.
#[no_mangle]
pub unsafe extern "C" fn cx_taxonomy_from_json(
    json: *const c_char,
    len: usize,
    out_taxonomy: *mut *mut cx_taxonomy,
) -> cx_status {
    // SAFETY: forwarded caller contract.
    unsafe {
        read(
            "cx_taxonomy_from_json",
            json,
            len,
            out_taxonomy,
            core::Taxonomy::from_json,
        )
    }
}

/// Releases a taxonomy. NULL is a no-op.
///
/// # Safety
/// `taxonomy` NULL or a live handle, not used again.
#[no_mangle]
pub unsafe extern "C" fn cx_taxonomy_free(taxonomy: *mut cx_taxonomy) {
    if !taxonomy.is_null() {
        // SAFETY: made by Box::into_raw in this module (caller contract).
        drop(unsafe { Box::from_raw(taxonomy) });
    }
}

/// Writes the number of topics to `*out_topics`.
///
/// # Safety
/// `taxonomy` a live handle; `out_topics` valid for a write.
#[no_mangle]
pub unsafe extern "C" fn cx_taxonomy_topics(
    taxonomy: *const cx_taxonomy,
    out_topics: *mut usize,
) -> cx_status {
    guard("cx_taxonomy_topics", || {
        // SAFETY: caller contract.
        let (t, n) = unsafe { (arg(taxonomy, "taxonomy")?, out(out_topics, "out_topics")?) };
        *n = t.inner.topics().len();
        Ok(())
    })
}

/// Writes topic `topic`'s id (NUL-terminated) into `buf` of `capacity` bytes and its length
/// into `*written` (CX_BUFFER_TOO_SMALL with the length when it does not fit). A topic
/// beyond the taxonomy is CX_INVALID_PARAMETER.
///
/// # Safety
/// `taxonomy` a live handle; `buf` NULL or valid for `capacity` bytes; `written` valid for
/// a write.
#[no_mangle]
pub unsafe extern "C" fn cx_taxonomy_topic_id(
    taxonomy: *const cx_taxonomy,
    topic: usize,
    buf: *mut c_char,
    capacity: usize,
    written: *mut usize,
) -> cx_status {
    guard("cx_taxonomy_topic_id", || {
        // SAFETY: caller contract.
        let t = unsafe { arg(taxonomy, "taxonomy") }?;
        let id = &nth(&t.inner, topic)?.id;
        // SAFETY: caller contract.
        unsafe { copy_text(id, buf, capacity, written) }
    })
}

/// Writes topic `topic`'s name in `lang` ("en" or "zh"; its English name, else its id, where
/// the taxonomy has none in that language) as cx_taxonomy_topic_id writes the id.
///
/// # Safety
/// As cx_taxonomy_topic_id; `lang` a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn cx_taxonomy_topic_name(
    taxonomy: *const cx_taxonomy,
    topic: usize,
    lang: *const c_char,
    buf: *mut c_char,
    capacity: usize,
    written: *mut usize,
) -> cx_status {
    guard("cx_taxonomy_topic_name", || {
        // SAFETY: caller contract.
        let (t, lang) = unsafe { (arg(taxonomy, "taxonomy")?, text(lang, "lang")?) };
        let lang: Lang = lang.parse()?;
        let name = nth(&t.inner, topic)?.display_name(lang);
        // SAFETY: caller contract.
        unsafe { copy_text(name, buf, capacity, written) }
    })
}

/// The topic at position `topic`.
fn nth(t: &core::Taxonomy, topic: usize) -> Result<&core::Topic, Error> {
    t.topics()
        .get(topic)
        .ok_or_else(|| Error::InvalidParameter {
            name: "topic",
            reason: format!(
                "topic {topic} of a taxonomy of {} topics (from 0)",
                t.topics().len()
            ),
        })
}

/// Tags `n` texts (with `lens` NULL each NUL-terminated, else `lens[i]` bytes of UTF-8) and
/// writes an `n` × topics row-major matrix of flags into `out_flags` of `out_len` bytes:
/// CX_TOPIC_DIRECT where a topic's own rule matched the text, CX_TOPIC_VIA_SUBTOPIC where
/// only a sub-topic did, 0 elsewhere. Empty and whitespace-only texts carry no topic. An
/// `out_len` other than n × topics is CX_LENGTH_MISMATCH; a text over 64 KiB or not UTF-8
/// is CX_INVALID_PARAMETER naming it. On error `out_flags` is untouched.
///
/// # Safety
/// `taxonomy` a live handle; `texts` valid for `n` texts as above; `lens` NULL or valid for
/// `n` lengths; `out_flags` valid for `out_len` bytes.
#[no_mangle]
pub unsafe extern "C" fn cx_taxonomy_tag(
    taxonomy: *const cx_taxonomy,
    texts: *const *const c_char,
    lens: *const usize,
    n: usize,
    out_flags: *mut u8,
    out_len: usize,
) -> cx_status {
    guard("cx_taxonomy_tag", || {
        // SAFETY: caller contract.
        let (t, given) = unsafe { (arg(taxonomy, "taxonomy")?, read_texts(texts, lens, n)?) };
        let k = t.inner.topics().len();
        let expected = n.checked_mul(k).ok_or_else(|| Error::InvalidParameter {
            name: "n",
            reason: format!("{n} texts × {k} topics overflow"),
        })?;
        if out_len != expected {
            return Err(Error::LengthMismatch {
                what: "out_flags (texts × topics)",
                expected,
                actual: out_len,
            }
            .into());
        }
        if out_flags.is_null() && out_len > 0 {
            return Err(Failure::Null("out_flags"));
        }
        let found = t.inner.flags(&given)?;
        if out_len == 0 {
            return Ok(());
        }
        // SAFETY: non-NULL and valid for `out_len` = n × k bytes (caller contract).
        unsafe { std::slice::from_raw_parts_mut(out_flags, out_len) }.copy_from_slice(&found);
        Ok(())
    })
}
