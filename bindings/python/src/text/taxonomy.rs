//! Topic taxonomies from Python (binds `cxkit::text::Taxonomy`).

use cxkit_core::report::Lang;
use cxkit_core::text as core;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3::IntoPyObjectExt;

use super::{one_or_column, plain};
use crate::convert::{frame, index_of, json_text, GcPause};
use crate::error::to_py;

/// A topic taxonomy: topics and sub-topics with word rules (any, all, none, window); ``lang``
/// ("en" or "zh") is the language of the ``name`` columns.
#[pyclass(module = "cxkit", name = "Taxonomy", frozen)]
pub(crate) struct Taxonomy {
    pub(crate) inner: core::Taxonomy,
    pub(crate) lang: Lang,
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
    pub(crate) fn names(&self) -> Vec<&str> {
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

    /// One row per text (the Series' index, else positions) and one boolean column per
    /// topic id: whether the text carries the topic (by its own rules or a sub-topic's) —
    /// the topics of ``tag`` without their evidence, in one fast pass: the topic-indicator
    /// matrix for counts, crosstabs and driver runs. Missing, empty and whitespace-only
    /// texts carry none.
    ///
    /// >>> m = cxkit.Taxonomy.default().indicators(["APP更新后一直闪退", "收费太高", ""])
    /// >>> m[["app", "app_crash", "fees"]].sum().tolist()
    /// [1, 1, 1]
    fn indicators<'py>(&self, texts: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let py = texts.py();
        let given = one_or_column(texts)?;
        let plain = plain(&given);
        let flags = py.detach(|| self.inner.flags(&plain)).map_err(to_py)?;
        let (n, topics) = (given.len(), self.inner.topics());
        let columns = PyDict::new(py);
        for (j, topic) in topics.iter().enumerate() {
            let column: Vec<bool> = (0..n).map(|i| flags[i * topics.len() + j] != 0).collect();
            columns.set_item(&topic.id, numpy::PyArray1::from_vec(py, column))?;
        }
        frame(py, columns, index_of(texts)?, None)
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
        let _paused = GcPause::new(py)?;
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
