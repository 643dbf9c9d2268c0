//! Words of Chinese and English text from Python (binds `cxkit::text::tokenize`).

use std::collections::HashMap;

use cxkit_core::text as core;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

use super::each_text;

/// Lists of words as Python lists, each distinct word one Python string shared by every list
/// that holds it (a column's vocabulary is small beside its words).
#[derive(Default)]
struct WordLists<'py> {
    seen: HashMap<String, Bound<'py, PyString>>,
}

impl<'py> WordLists<'py> {
    fn list(&mut self, py: Python<'py>, words: Option<Vec<String>>) -> PyResult<Bound<'py, PyAny>> {
        let words = words.unwrap_or_default();
        let mut items = Vec::with_capacity(words.len());
        for w in words {
            let s = match self.seen.get(&w) {
                Some(s) => s.clone(),
                None => {
                    let s = PyString::new(py, &w);
                    self.seen.insert(w, s.clone());
                    s
                }
            };
            items.push(s);
        }
        Ok(PyList::new(py, items)?.into_any())
    }
}

/// The words of one text or of each text of a column by the default tokenizer.
#[pyfunction]
pub(crate) fn tokenize<'py>(texts: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let t = core::default_tokenizer();
    let mut lists = WordLists::default();
    each_text(texts, "texts", |s| t.tokenize(s), |py, r| lists.list(py, r))
}

/// A tokenizer with the bank's own words and stop words.
#[pyclass(module = "cxkit", name = "Tokenizer")]
pub(crate) struct Tokenizer {
    pub(crate) inner: core::Tokenizer,
}

#[pymethods]
impl Tokenizer {
    #[new]
    #[pyo3(signature = (words=None, stop_words=None))]
    fn new(py: Python<'_>, words: Option<Vec<String>>, stop_words: Option<Vec<String>>) -> Self {
        let mut inner = py.detach(core::Tokenizer::new);
        if let Some(w) = words {
            inner.add_words(w.iter().map(String::as_str));
        }
        if let Some(s) = stop_words {
            inner.set_stop_words(s.iter().map(String::as_str));
        }
        Tokenizer { inner }
    }

    /// Adds words to the dictionary, each then kept as one token.
    fn add_words(&mut self, words: Vec<String>) {
        self.inner.add_words(words.iter().map(String::as_str));
    }

    /// Replaces the stop words.
    fn set_stop_words(&mut self, words: Vec<String>) {
        self.inner.set_stop_words(words.iter().map(String::as_str));
    }

    /// Whether a word (after normalising) is a stop word.
    fn is_stop_word(&self, word: &str) -> bool {
        self.inner.is_stop_word(&core::normalize(word))
    }

    /// Every segment of one text, as it stands (jieba.lcut on Chinese text).
    fn segment(&self, text: &str) -> Vec<String> {
        self.inner
            .segment(text)
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    /// The words of one text or of each text of a column.
    fn tokenize<'py>(&self, texts: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let mut lists = WordLists::default();
        each_text(
            texts,
            "texts",
            |s| self.inner.tokenize(s),
            |py, r| lists.list(py, r),
        )
    }

    fn __repr__(&self) -> String {
        "Tokenizer()".to_string()
    }
}

/// Width and case normalising: full-width forms to half-width, letters lower-cased.
#[pyfunction]
pub(crate) fn normalize(text: &str) -> String {
    core::normalize(text)
}
