//! Sentiment by lexicon from Python (binds `cxkit::text::{Lexicon, Sentiment}`).

use cxkit_core::text as core;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::{one_or_column, plain};
use crate::convert::{frame, index_of, json_text};
use crate::error::to_py;

/// A sentiment lexicon (word weights, negations, degree words, a window in words), checked
/// when it is read.
#[pyclass(module = "cxkit", name = "Lexicon", frozen)]
pub(crate) struct Lexicon {
    pub(crate) inner: core::Sentiment,
    pub(crate) lexicon: core::Lexicon,
}

impl Lexicon {
    fn new(lexicon: cxkit_core::Result<core::Lexicon>) -> PyResult<Self> {
        let lexicon = lexicon.map_err(to_py)?;
        Ok(Lexicon {
            inner: core::Sentiment::new(&lexicon).map_err(to_py)?,
            lexicon,
        })
    }
}

#[pymethods]
impl Lexicon {
    /// cxkit's default lexicon of bank-service words in Chinese and English.
    #[staticmethod]
    fn default() -> PyResult<Self> {
        Self::new(Ok(core::Lexicon::default_bank()))
    }

    /// The default lexicon's TOML, for a bank to copy and edit.
    #[staticmethod]
    fn default_toml() -> &'static str {
        core::Lexicon::default_toml()
    }

    /// Reads a lexicon from TOML (window, negations, [degrees], [words]).
    #[staticmethod]
    fn from_toml(text: &str) -> PyResult<Self> {
        Self::new(core::Lexicon::from_toml(text))
    }

    /// Reads a lexicon from JSON ({"words": {...}, "negations": [...], ...}).
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        Self::new(core::Lexicon::from_json(text))
    }

    /// Builds a lexicon from a dict (the JSON structure).
    #[staticmethod]
    fn from_dict(spec: &Bound<'_, PyAny>) -> PyResult<Self> {
        Self::from_json(&json_text(spec)?)
    }

    fn __repr__(&self) -> String {
        format!(
            "Lexicon({} words, window={})",
            self.lexicon.words.len(),
            self.lexicon.window
        )
    }
}

/// The sentiment of one text or each text of a column, by ``lexicon`` (default: cxkit's):
/// one row per text (a pandas Series keeps its index) with ``score`` (the sum of the
/// sentiment words' values), ``polarity`` ("positive", "neutral", "negative"), ``words``
/// (the sentiment words) and ``hits`` ((word, modifiers, value, start, end), positions in
/// characters). A missing text has a missing score and polarity.
#[pyfunction]
#[pyo3(signature = (texts, lexicon=None))]
pub(crate) fn sentiment<'py>(
    texts: &Bound<'py, PyAny>,
    lexicon: Option<&Lexicon>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = texts.py();
    let given = one_or_column(texts)?;
    let scorer: &core::Sentiment = match lexicon {
        Some(l) => &l.inner,
        None => core::Sentiment::default_bank(),
    };
    let plain = plain(&given);
    let scores = py.detach(|| scorer.score_all(&plain)).map_err(to_py)?;
    let (mut score, mut polarity, mut words, mut hits) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (text, s) in given.iter().zip(scores) {
        let known = text.is_some();
        score.push(if known { s.score } else { f64::NAN });
        polarity.push(known.then(|| s.polarity().name()));
        words.push(s.hits.iter().map(|h| h.word.clone()).collect::<Vec<_>>());
        hits.push(
            s.hits
                .into_iter()
                .map(|h| (h.word, h.modifiers, h.value, h.start, h.end))
                .collect::<Vec<_>>(),
        );
    }
    let columns = PyDict::new(py);
    columns.set_item("score", score)?;
    columns.set_item("polarity", polarity)?;
    columns.set_item("words", words)?;
    columns.set_item("hits", hits)?;
    frame(py, columns, index_of(texts)?, None)
}
