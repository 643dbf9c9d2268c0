//! Long (tidy) tables from Python (binds `cxkit::long`): a pandas or polars DataFrame with one
//! row per respondent and feature (or item), read into the wide frames — respondents as the
//! index, features as the columns, both the caller's own labels — that the matrix forms of
//! `kano_analyze`, `servqual`, `servperf` and `zone_of_tolerance` take.

use cxkit_core::long::Grid;
use numpy::PyArray1;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::error::{invalid, IntoPyResult};
use crate::labels::{to_numpy, LabelColumn, Missing};

/// A long table laid out as a grid: its two label columns read once, the place of every row.
pub(crate) struct LongTable<'py> {
    data: Bound<'py, PyAny>,
    respondent: String,
    label: String,
    respondents: LabelColumn<'py>,
    labels: LabelColumn<'py>,
    grid: Grid,
}

impl<'py> LongTable<'py> {
    /// Reads `data`'s label columns `respondent` and `label` (missing labels refused) and
    /// places each row.
    pub(crate) fn read(
        data: &Bound<'py, PyAny>,
        respondent: &str,
        label: &str,
    ) -> PyResult<LongTable<'py>> {
        let respondents =
            LabelColumn::read(&column(data, respondent)?, "respondent", Missing::Refuse)?;
        let labels = LabelColumn::read(
            &column(data, label)?,
            "data's label column",
            Missing::Refuse,
        )?;
        let grid = Grid::new(&respondents.codes, &labels.codes, (respondent, label)).py_err()?;
        Ok(LongTable {
            data: data.clone(),
            respondent: respondent.to_string(),
            label: label.to_string(),
            respondents,
            labels,
            grid,
        })
    }

    /// The value column `name` as a wide pandas DataFrame (index: the respondents, columns:
    /// the labels, in order of first appearance): numbers as float64 with NaN, anything else
    /// (answer labels) as objects with None, where a respondent has no row for a label.
    pub(crate) fn wide(&self, name: &str) -> PyResult<Bound<'py, PyAny>> {
        let py = self.data.py();
        let np = py.import("numpy")?;
        let values = to_numpy(&column(&self.data, name)?)?;
        let numeric = values
            .getattr("dtype")?
            .getattr("kind")?
            .extract::<char>()
            .is_ok_and(|k| "iubf".contains(k));
        let (values, empty) = if numeric {
            (
                values.call_method1("astype", ("float64",))?,
                np.getattr("nan")?,
            )
        } else {
            (
                values.call_method1("astype", ("object",))?,
                py.None().into_bound(py),
            )
        };
        let sources: Vec<Option<usize>> = self.grid.sources().collect();
        let take = PyArray1::from_iter(py, sources.iter().map(|s| s.unwrap_or(0) as i64));
        let holes = PyArray1::from_iter(py, sources.iter().map(Option::is_none));
        let cells = values.call_method1("take", (take,))?;
        cells.set_item(holes, empty)?;
        let (n, k) = self.grid.shape();
        let cells = cells.call_method1("reshape", ((n, k),))?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("index", self.respondents.labels()?)?;
        kwargs.set_item("columns", self.labels.labels()?)?;
        py.import("pandas")?
            .getattr("DataFrame")?
            .call((cells,), Some(&kwargs))
    }

    /// The column `name` that belongs to the respondent (a segment), one label per
    /// respondent as a pandas Series indexed by respondent.
    pub(crate) fn per_respondent(
        &self,
        name: &str,
        what: &'static str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = self.data.py();
        let values = LabelColumn::read(&column(&self.data, name)?, what, Missing::Refuse)?;
        let codes = self
            .grid
            .per_row(what, &self.respondents.codes, &values.codes)
            .py_err()?;
        let labels = values.labels()?.call_method1(
            "take",
            (PyArray1::from_iter(py, codes.iter().map(|&c| c as i64)),),
        )?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("index", self.respondents.labels()?)?;
        py.import("pandas")?
            .getattr("Series")?
            .call((labels,), Some(&kwargs))
    }

    /// The column `name` that belongs to the label (an item's dimension), one label per
    /// column of the wide frames, as text.
    pub(crate) fn per_label(&self, name: &str, what: &'static str) -> PyResult<Vec<String>> {
        let values = LabelColumn::read(&column(&self.data, name)?, what, Missing::Refuse)?;
        let names = values.names()?;
        let codes = self
            .grid
            .per_column(what, &self.labels.codes, &values.codes)
            .py_err()?;
        Ok(codes.iter().map(|&c| names[c as usize].clone()).collect())
    }

    /// A `MissingAnswerError` naming the first respondent without a row for a label, for an
    /// analysis told to raise on missing answers.
    pub(crate) fn complete(&self) -> PyResult<()> {
        let Some((r, c)) = self.grid.first_empty() else {
            return Ok(());
        };
        let who = self.respondents.objects()?.swap_remove(r);
        let what = self.labels.objects()?.swap_remove(c);
        let py = self.data.py();
        let message = format!(
            "data has no row for {} {} and {} {}: every respondent answers every {}, or pass \
             nan_policy=\"omit\" to skip missing answers",
            self.respondent,
            who.bind(py).repr()?,
            self.label,
            what.bind(py).repr()?,
            self.label
        );
        let err = crate::error::MissingAnswerError::new_err(message);
        let value = err.value(py);
        value.setattr("respondent", who)?;
        value.setattr("feature", what)?;
        Err(err)
    }
}

/// `data[name]`, or an `InvalidParameterError` listing the columns `data` has.
fn column<'py>(data: &Bound<'py, PyAny>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    let columns: Vec<String> = data
        .getattr("columns")
        .map_err(|_| invalid("data", "must be a pandas or polars DataFrame".into()))?
        .try_iter()?
        .map(|c| c.and_then(|c| c.str().map(|s| s.to_string())))
        .collect::<PyResult<_>>()?;
    if !columns.iter().any(|c| c == name) {
        return Err(invalid(
            "data",
            format!("has no column {name:?}; its columns are {columns:?}"),
        ));
    }
    data.get_item(name)
}

/// The column name an argument holds when `data` is given.
pub(crate) fn name_of(obj: &Bound<'_, PyAny>, what: &'static str) -> PyResult<String> {
    obj.extract::<String>().map_err(|_| {
        invalid(
            what,
            format!(
                "with data=, {what} is the name of a column of data, got {}",
                obj.get_type()
                    .name()
                    .map_or_else(|_| "?".into(), |n| n.to_string())
            ),
        )
    })
}
