//! Free text from Python (binds `cxkit::text`): personal-data masking and tokenising of one
//! string or a column of them (a list, tuple, numpy array, pandas or polars Series, any
//! string dtype); a pandas Series comes back as a Series on the same index.

use cxkit_core::report::Lang;
use cxkit_core::text as core;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use pyo3::IntoPyObjectExt;

use crate::convert::{frame, index_of, is_missing, json_text, named};
use crate::error::{invalid, to_py};
use crate::labels::{rows_matched, LabelColumn, Missing};

/// Texts of a column: each a string, or None where the text is missing (None, NaN, pandas
/// NA). Anything else is an InvalidParameterError naming its row.
fn texts(obj: &Bound<'_, PyAny>, what: &'static str) -> PyResult<Vec<Option<String>>> {
    let values = if obj.hasattr("to_list")? {
        obj.call_method0("to_list")?
    } else if obj.hasattr("tolist")? {
        obj.call_method0("tolist")?
    } else {
        obj.clone()
    };
    let mut out = Vec::new();
    for (row, v) in values.try_iter()?.enumerate() {
        let v = v?;
        if let Ok(s) = v.cast::<PyString>() {
            out.push(Some(s.extract::<String>()?));
        } else if is_missing(&v)? {
            out.push(None);
        } else {
            return Err(invalid(
                what,
                format!("row {row} is a {}, not a text", v.get_type().name()?),
            ));
        }
    }
    Ok(out)
}

/// The texts of `obj`: itself when it is one string, else its column ([`texts`]).
fn one_or_column(obj: &Bound<'_, PyAny>) -> PyResult<Vec<Option<String>>> {
    if obj.cast::<PyString>().is_ok() {
        Ok(vec![Some(obj.extract()?)])
    } else {
        texts(obj, "texts")
    }
}

/// `f` of each text of `obj` (or of `obj` itself when it is one string), shaped as the
/// caller gave them: one value, a list, or a pandas Series on the caller's index.
fn each_text<'py, T: Send>(
    obj: &Bound<'py, PyAny>,
    what: &'static str,
    f: impl Fn(&str) -> T + Sync,
    out: impl Fn(Python<'py>, Option<T>) -> PyResult<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = obj.py();
    if let Ok(s) = obj.cast::<PyString>() {
        let s: String = s.extract()?;
        let r = py.detach(|| f(&s));
        return out(py, Some(r));
    }
    let given = texts(obj, what)?;
    let done: Vec<Option<T>> = py.detach(|| given.iter().map(|t| t.as_deref().map(&f)).collect());
    let list = PyList::empty(py);
    for r in done {
        list.append(out(py, r)?)?;
    }
    match index_of(obj)? {
        Some(index) if obj.hasattr("name")? => {
            let pd = py.import("pandas")?;
            let kw = PyDict::new(py);
            kw.set_item("index", index)?;
            kw.set_item("name", obj.getattr("name")?)?;
            kw.set_item("dtype", "object")?;
            pd.call_method("Series", (list,), Some(&kw))
        }
        _ => Ok(list.into_any()),
    }
}

/// Masks personal data in one text or each text of a column (mobile numbers, identity
/// numbers with a valid check character, Luhn-valid card numbers, e-mail addresses).
#[pyfunction]
fn mask_pii<'py>(texts: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    each_text(texts, "texts", core::mask_pii, |py, r| {
        Ok(r.into_pyobject(py)?.into_any())
    })
}

/// The words of one text or of each text of a column by the default tokenizer.
#[pyfunction]
fn tokenize<'py>(texts: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let t = core::default_tokenizer();
    each_text(
        texts,
        "texts",
        |s| t.tokenize(s),
        |py, r| Ok(r.unwrap_or_default().into_pyobject(py)?.into_any()),
    )
}

/// A tokenizer with the bank's own words and stop words.
#[pyclass(module = "cxkit", name = "Tokenizer")]
struct Tokenizer {
    inner: core::Tokenizer,
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
        each_text(
            texts,
            "texts",
            |s| self.inner.tokenize(s),
            |py, r| Ok(r.unwrap_or_default().into_pyobject(py)?.into_any()),
        )
    }

    fn __repr__(&self) -> String {
        "Tokenizer()".to_string()
    }
}

/// Width and case normalising: full-width forms to half-width, letters lower-cased.
#[pyfunction]
fn normalize(text: &str) -> String {
    core::normalize(text)
}

/// Adds the text functions and classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(mask_pii, m)?)?;
    m.add_function(wrap_pyfunction!(tokenize, m)?)?;
    m.add_function(wrap_pyfunction!(normalize, m)?)?;
    m.add_class::<Tokenizer>()?;
    m.add_class::<Taxonomy>()?;
    m.add_class::<Lexicon>()?;
    m.add_function(wrap_pyfunction!(sentiment, m)?)?;
    m.add_function(wrap_pyfunction!(keywords, m)?)?;
    m.add_function(wrap_pyfunction!(term_changes, m)?)?;
    Ok(())
}

/// A topic taxonomy: topics and sub-topics with word rules (any, all, none, window); ``lang``
/// ("en" or "zh") is the language of the ``name`` columns.
#[pyclass(module = "cxkit", name = "Taxonomy", frozen)]
struct Taxonomy {
    inner: core::Taxonomy,
    lang: Lang,
}

impl Taxonomy {
    /// Wraps a core taxonomy, its names shown in `lang`.
    fn new(inner: cxkit_core::Result<core::Taxonomy>, lang: &str) -> PyResult<Self> {
        Ok(Taxonomy {
            inner: inner.map_err(to_py)?,
            lang: lang.parse().map_err(to_py)?,
        })
    }

    /// The display name of every topic, in the taxonomy's language.
    fn names(&self) -> Vec<&str> {
        let topics = self.inner.topics();
        topics.iter().map(|t| t.display_name(self.lang)).collect()
    }
}

#[pymethods]
impl Taxonomy {
    /// cxkit's default taxonomy of retail-bank topics (Chinese and English terms and names).
    #[staticmethod]
    #[pyo3(signature = (lang="en"))]
    fn default(lang: &str) -> PyResult<Self> {
        Self::new(Ok(core::Taxonomy::default_bank()), lang)
    }

    /// The default taxonomy's TOML, for a bank to copy and edit.
    #[staticmethod]
    fn default_toml() -> &'static str {
        core::Taxonomy::default_toml()
    }

    /// Reads a taxonomy from JSON ({"topics": [...]}).
    #[staticmethod]
    #[pyo3(signature = (text, lang="en"))]
    fn from_json(text: &str, lang: &str) -> PyResult<Self> {
        Self::new(core::Taxonomy::from_json(text), lang)
    }

    /// Reads a taxonomy from TOML ([[topics]] tables).
    #[staticmethod]
    #[pyo3(signature = (text, lang="en"))]
    fn from_toml(text: &str, lang: &str) -> PyResult<Self> {
        Self::new(core::Taxonomy::from_toml(text), lang)
    }

    /// Builds a taxonomy from nested dicts and lists (the JSON structure).
    #[staticmethod]
    #[pyo3(signature = (spec, lang="en"))]
    fn from_dict(spec: &Bound<'_, PyAny>, lang: &str) -> PyResult<Self> {
        Self::from_json(&json_text(spec)?, lang)
    }

    /// The topics: id, name (in the taxonomy's language), parent, code and the names per
    /// language, one row each.
    #[getter]
    fn topics<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let topics = self.inner.topics();
        let columns = PyDict::new(py);
        columns.set_item(
            "id",
            topics.iter().map(|t| t.id.clone()).collect::<Vec<_>>(),
        )?;
        columns.set_item("name", self.names())?;
        columns.set_item(
            "parent",
            topics.iter().map(|t| t.parent.clone()).collect::<Vec<_>>(),
        )?;
        columns.set_item(
            "code",
            topics.iter().map(|t| t.code.clone()).collect::<Vec<_>>(),
        )?;
        let mut langs: Vec<&String> = topics.iter().flat_map(|t| t.name.keys()).collect();
        langs.sort();
        langs.dedup();
        for lang in langs {
            let names: Vec<Option<String>> =
                topics.iter().map(|t| t.name.get(lang).cloned()).collect();
            columns.set_item(format!("name_{lang}"), names)?;
        }
        frame(py, columns, None, None)
    }

    /// One row per text and topic found in it: `text` (the Series' index label, else the
    /// position), `topic`, `name` (the topic's, in the taxonomy's language), `direct` (its own
    /// rule matched, not only a sub-topic's), `terms`
    /// (the matched terms) and `evidence` ((term, start, end) in characters). Missing,
    /// empty and whitespace-only texts carry no topic.
    fn tag<'py>(&self, texts: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let py = texts.py();
        let given = one_or_column(texts)?;
        let labels: Option<Vec<Py<PyAny>>> = match index_of(texts)? {
            Some(index) => Some(index.call_method0("tolist")?.extract()?),
            None => None,
        };
        let plain = plain(&given);
        let found = py.detach(|| self.inner.tag_all(&plain)).map_err(to_py)?;
        let topics = self.inner.topics();
        let names = self.names();
        let (mut row, mut topic, mut name, mut direct, mut terms, mut evidence) = (
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
        );
        for (i, matches) in found.iter().enumerate() {
            for m in matches {
                row.push(match &labels {
                    Some(l) => l[i].clone_ref(py),
                    None => i.into_py_any(py)?,
                });
                topic.push(topics[m.topic].id.clone());
                name.push(names[m.topic]);
                direct.push(m.direct);
                let mut t: Vec<&str> = m.evidence.iter().map(|e| e.term.as_str()).collect();
                t.dedup();
                terms.push(t.into_iter().map(str::to_string).collect::<Vec<_>>());
                evidence.push(
                    m.evidence
                        .iter()
                        .map(|e| (e.term.clone(), e.start, e.end))
                        .collect::<Vec<_>>(),
                );
            }
        }
        let columns = PyDict::new(py);
        columns.set_item("text", row)?;
        columns.set_item("topic", topic)?;
        columns.set_item("name", name)?;
        columns.set_item("direct", direct)?;
        columns.set_item("terms", terms)?;
        columns.set_item("evidence", evidence)?;
        frame(py, columns, None, None)
    }

    fn __repr__(&self) -> String {
        format!(
            "Taxonomy({} topics, lang={:?})",
            self.inner.topics().len(),
            self.lang.code()
        )
    }
}

/// A sentiment lexicon (word weights, negations, degree words, a window in words), checked
/// when it is read.
#[pyclass(module = "cxkit", name = "Lexicon", frozen)]
struct Lexicon {
    inner: core::Sentiment,
    window: usize,
    words: usize,
}

impl Lexicon {
    fn new(lexicon: cxkit_core::Result<core::Lexicon>) -> PyResult<Self> {
        let lexicon = lexicon.map_err(to_py)?;
        Ok(Lexicon {
            inner: core::Sentiment::new(&lexicon).map_err(to_py)?,
            window: lexicon.window,
            words: lexicon.words.len(),
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
        format!("Lexicon({} words, window={})", self.words, self.window)
    }
}

/// The sentiment of one text or each text of a column, by ``lexicon`` (default: cxkit's):
/// one row per text (a pandas Series keeps its index) with ``score`` (the sum of the
/// sentiment words' values), ``polarity`` ("positive", "neutral", "negative"), ``words``
/// (the sentiment words) and ``hits`` ((word, modifiers, value, start, end), positions in
/// characters). A missing text has a missing score and polarity.
#[pyfunction]
#[pyo3(signature = (texts, lexicon=None))]
fn sentiment<'py>(
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

/// The texts of a column as plain strings, a missing text as an empty one (no words).
fn plain(texts: &[Option<String>]) -> Vec<&str> {
    texts.iter().map(|t| t.as_deref().unwrap_or("")).collect()
}

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
fn keywords<'py>(
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
fn term_changes<'py>(
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
