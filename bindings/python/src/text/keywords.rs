//! Keywords and rising terms from Python (binds `cxkit::text::{keywords, term_changes}`).

use cxkit_core::text as core;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::tokenize::Tokenizer;
use super::{plain, texts};
use crate::convert::{frame, named};
use crate::error::to_py;
use crate::labels::{rows_matched, LabelColumn, Missing};

/// The keywords of a column of texts, or of each group of it (``by``: one label per text,
/// matched to a pandas Series by index): ``method`` "tfidf" (term frequency in the group ×
/// smoothed inverse document frequency in the corpus) or "textrank" (PageRank on the words'
/// co-occurrence within ``window`` words), the ``top`` best per group, of words of at least
/// ``min_chars`` characters by ``tokenizer`` (default: cxkit's). One row per keyword:
/// ``group`` (with ``by``), ``rank`` (from 1), ``term``, ``score``, ``count`` (occurrences) and
/// ``docs`` (comments holding it).
#[pyfunction]
#[pyo3(signature = (texts, by=None, method="tfidf", top=20, min_chars=2, window=5, tokenizer=None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn keywords<'py>(
    texts: &Bound<'py, PyAny>,
    by: Option<&Bound<'py, PyAny>>,
    method: &str,
    top: usize,
    min_chars: usize,
    window: usize,
    tokenizer: Option<PyRef<'py, Tokenizer>>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = texts.py();
    let options = core::KeywordOptions {
        method: named(method)?,
        top,
        min_chars,
        window,
    };
    let given = self::texts(texts, "texts")?;
    let groups = match by {
        Some(by) => {
            let by = rows_matched(("texts", texts), ("by", by))?;
            Some(LabelColumn::read(&by, "by", Missing::Refuse)?.sorted()?)
        }
        None => None,
    };
    let codes: Option<Vec<usize>> = groups
        .as_ref()
        .map(|g| g.codes.iter().map(|&c| c as usize).collect());
    let tokenizer = tokenizer
        .as_ref()
        .map_or(core::default_tokenizer(), |t| &t.inner);
    let plain = plain(&given);
    let found = py
        .detach(|| core::keywords(&plain, codes.as_deref(), tokenizer, &options))
        .map_err(to_py)?;
    let labels = groups.as_ref().map(LabelColumn::objects).transpose()?;
    let columns = PyDict::new(py);
    let (mut group, mut rank, mut term, mut score, mut count, mut docs) = (
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    for (g, list) in found.into_iter().enumerate() {
        for (r, k) in list.into_iter().enumerate() {
            if let Some(labels) = &labels {
                group.push(labels[g].clone_ref(py));
            }
            rank.push(r + 1);
            term.push(k.term);
            score.push(k.score);
            count.push(k.count);
            docs.push(k.docs);
        }
    }
    if labels.is_some() {
        columns.set_item("group", group)?;
    }
    columns.set_item("rank", rank)?;
    columns.set_item("term", term)?;
    columns.set_item("score", score)?;
    columns.set_item("count", count)?;
    columns.set_item("docs", docs)?;
    frame(py, columns, None, None)
}

/// The terms whose share of comments changed from ``before`` to ``after`` (two columns of
/// texts), each held by at least ``min_docs`` comments of the two together: ``term``,
/// ``before`` and ``after`` (shares of the period's comments), ``change``, ``z`` and
/// ``p_value`` (the pooled two-proportion z-test), ``docs_before``, ``docs_after``; rising
/// first, falling last.
#[pyfunction]
#[pyo3(signature = (before, after, min_docs=5, min_chars=2, tokenizer=None))]
pub(crate) fn term_changes<'py>(
    before: &Bound<'py, PyAny>,
    after: &Bound<'py, PyAny>,
    min_docs: u64,
    min_chars: usize,
    tokenizer: Option<PyRef<'py, Tokenizer>>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = before.py();
    let (a, b) = (texts(before, "before")?, texts(after, "after")?);
    let tokenizer = tokenizer
        .as_ref()
        .map_or(core::default_tokenizer(), |t| &t.inner);
    let (a, b) = (plain(&a), plain(&b));
    let changes = py
        .detach(|| {
            let a = core::TermCounts::of_texts(&a, tokenizer, min_chars)?;
            let b = core::TermCounts::of_texts(&b, tokenizer, min_chars)?;
            core::term_changes(&a, &b, min_docs)
        })
        .map_err(to_py)?;
    let columns = PyDict::new(py);
    macro_rules! column {
        ($($field:ident),*) => {
            $(columns.set_item(
                stringify!($field),
                changes.iter().map(|c| c.$field.clone()).collect::<Vec<_>>(),
            )?;)*
        };
    }
    column!(
        term,
        before,
        after,
        change,
        z,
        p_value,
        docs_before,
        docs_after
    );
    frame(py, columns, None, None)
}
