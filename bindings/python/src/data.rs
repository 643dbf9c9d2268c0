//! A bank's tables for Python: the demo bank and a bank's own CSV files as pandas
//! DataFrames, and DataFrames back into the tables the report reads.

use cxkit_core::data::{self as core, BankData, BANK_FILES};
use numpy::PyArray1;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3::IntoPyObjectExt;

use crate::convert::{frame, json_text};
use crate::labels::{LabelColumn, Missing};

/// Seconds since 1970 as a datetime64[s] array (`i64::MIN`, "not yet", becomes NaT).
fn datetimes<'py>(py: Python<'py>, secs: &[i64]) -> PyResult<Bound<'py, PyAny>> {
    PyArray1::from_slice(py, secs).call_method1("view", ("datetime64[s]",))
}

/// Days since 1970 as a datetime64[D] array.
fn dates<'py>(py: Python<'py>, days: &[i64]) -> PyResult<Bound<'py, PyAny>> {
    PyArray1::from_slice(py, days).call_method1("view", ("datetime64[D]",))
}

fn names(codes: &[u32], table: &[String]) -> Vec<String> {
    codes.iter().map(|&c| table[c as usize].clone()).collect()
}

/// Customer ids of `codes`: the bank's own (text) where it has them, else the indices.
fn customer_ids<'py>(
    py: Python<'py>,
    codes: &[u32],
    bank: &BankData,
) -> PyResult<Bound<'py, PyAny>> {
    match &bank.customer_ids {
        Some(ids) => codes
            .iter()
            .map(|&c| ids[c as usize].as_str())
            .collect::<Vec<_>>()
            .into_bound_py_any(py),
        None => Ok(PyArray1::from_slice(py, codes).into_any()),
    }
}

/// The respondents' own ids, each repeated for the `per` rows of a long table.
fn respondent_ids(ids: &[String], per: usize) -> Vec<&str> {
    ids.iter()
        .flat_map(|r| std::iter::repeat_n(r.as_str(), per))
        .collect()
}

/// A bank's data as a dict of pandas DataFrames, one per file of docs/data-schema.md, with
/// the same columns (customers indexed by customer_id), and journey_tree as JSON text.
fn bank_frames<'py>(py: Python<'py>, b: &BankData) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    if let Some(c) = &b.customers {
        let cols = PyDict::new(py);
        let codes: Vec<u32> = c.segment.iter().map(|&s| u32::from(s)).collect();
        cols.set_item("segment", names(&codes, &b.segments))?;
        cols.set_item("age", PyArray1::from_slice(py, &c.age))?;
        cols.set_item("gender", c.gender.clone())?;
        cols.set_item("income_band", PyArray1::from_slice(py, &c.income_band))?;
        cols.set_item("occupation", c.occupation.clone())?;
        cols.set_item("region", c.region.clone())?;
        cols.set_item("channel", c.channel.clone())?;
        cols.set_item("products", PyArray1::from_slice(py, &c.products))?;
        cols.set_item("balance", PyArray1::from_slice(py, &c.balance))?;
        let rows: Vec<u32> = (0..c.segment.len() as u32).collect();
        let ids = customer_ids(py, &rows, b)?;
        out.set_item(
            "customers",
            frame(py, cols, Some(ids), Some("customer_id"))?,
        )?;
    }
    if let Some(t) = &b.transactions {
        let cols = PyDict::new(py);
        cols.set_item("customer_id", customer_ids(py, &t.customer, b)?)?;
        cols.set_item("date", dates(py, &t.day)?)?;
        cols.set_item("amount", PyArray1::from_slice(py, &t.amount))?;
        out.set_item("transactions", frame(py, cols, None, None)?)?;
    }
    if let Some(s) = &b.survey {
        let cols = PyDict::new(py);
        cols.set_item("wave", PyArray1::from_slice(py, &s.wave))?;
        cols.set_item("customer_id", customer_ids(py, &s.customer, b)?)?;
        cols.set_item("ltr", PyArray1::from_slice(py, &s.ltr))?;
        for (name, values) in [("csat", &s.csat), ("ces", &s.ces)] {
            if let Some(v) = values {
                cols.set_item(name, PyArray1::from_slice(py, v))?;
            }
        }
        out.set_item("survey", frame(py, cols, None, None)?)?;
    }
    if let Some(q) = &b.servqual {
        // One row per respondent and item, as in servqual.csv.
        let k = q.dimensions.of_item.len();
        let item: Vec<u16> = (0..q.respondents).flat_map(|_| 1..=k as u16).collect();
        let dimension: Vec<&str> = (0..q.respondents)
            .flat_map(|_| {
                q.dimensions
                    .of_item
                    .iter()
                    .map(|&d| q.dimensions.names[d].as_str())
            })
            .collect();
        let cols = PyDict::new(py);
        cols.set_item("respondent_id", respondent_ids(&q.respondent_ids, k))?;
        cols.set_item("item", PyArray1::from_vec(py, item))?;
        cols.set_item("dimension", dimension)?;
        cols.set_item("perception", PyArray1::from_slice(py, &q.perceptions))?;
        cols.set_item("expectation", PyArray1::from_slice(py, &q.expectations))?;
        out.set_item("servqual", frame(py, cols, None, None)?)?;
    }
    if let Some(k) = &b.kano {
        // One row per respondent and feature, as in kano.csv.
        let f = k.features.len();
        let feature: Vec<&str> = (0..k.respondents)
            .flat_map(|_| k.features.iter().map(String::as_str))
            .collect();
        let cols = PyDict::new(py);
        cols.set_item("respondent_id", respondent_ids(&k.respondent_ids, f))?;
        cols.set_item("feature", feature)?;
        cols.set_item("functional", PyArray1::from_slice(py, &k.functional))?;
        cols.set_item("dysfunctional", PyArray1::from_slice(py, &k.dysfunctional))?;
        if let Some(w) = &k.wave {
            let per_row: Vec<u8> = w.iter().flat_map(|&w| std::iter::repeat_n(w, f)).collect();
            cols.set_item("wave", PyArray1::from_vec(py, per_row))?;
        }
        out.set_item("kano", frame(py, cols, None, None)?)?;
    }
    if let Some(q) = &b.satisfaction {
        // One row per customer and item, as in satisfaction.csv; the model as JSON.
        let k = q.items.len();
        let customers: Vec<u32> = q
            .customer
            .iter()
            .flat_map(|&c| std::iter::repeat_n(c, k))
            .collect();
        let item: Vec<&str> = q
            .customer
            .iter()
            .flat_map(|_| q.items.iter().map(String::as_str))
            .collect();
        let cols = PyDict::new(py);
        cols.set_item("customer_id", customer_ids(py, &customers, b)?)?;
        cols.set_item("item", item)?;
        cols.set_item("answer", PyArray1::from_slice(py, &q.answers))?;
        out.set_item("satisfaction", frame(py, cols, None, None)?)?;
        out.set_item("satisfaction_model", q.model.to_json())?;
    }
    if let Some(e) = &b.events {
        let cols = PyDict::new(py);
        cols.set_item("touchpoint", e.touchpoint.clone())?;
        cols.set_item("indicator", e.indicator.clone())?;
        cols.set_item("timestamp", datetimes(py, &e.timestamp)?)?;
        cols.set_item("value", PyArray1::from_slice(py, &e.value))?;
        cols.set_item("segment", e.segment.clone())?;
        out.set_item("journey_events", frame(py, cols, None, None)?)?;
        out.set_item("journey_tree", &b.journey_tree)?;
    }
    if let Some(r) = &b.complaints {
        let cols = PyDict::new(py);
        cols.set_item("customer_id", customer_ids(py, &r.customer, b)?)?;
        cols.set_item("channel", names(&r.channel, &b.channels))?;
        cols.set_item("category", names(&r.category, &b.categories))?;
        cols.set_item("opened", datetimes(py, &r.opened)?)?;
        cols.set_item("first_response", datetimes(py, &r.first_response)?)?;
        cols.set_item("resolved", datetimes(py, &r.resolved)?)?;
        cols.set_item("contacts", PyArray1::from_slice(py, &r.contacts))?;
        cols.set_item("reopened", PyArray1::from_slice(py, &r.reopened))?;
        cols.set_item("satisfaction", PyArray1::from_slice(py, &r.satisfaction))?;
        if let Some(text) = &r.text {
            cols.set_item("text", text.clone())?;
        }
        out.set_item("complaints", frame(py, cols, None, None)?)?;
    }
    if let Some(c) = &b.comments {
        let cols = PyDict::new(py);
        cols.set_item("customer_id", customer_ids(py, &c.customer, b)?)?;
        cols.set_item("date", dates(py, &c.day)?)?;
        cols.set_item("channel", c.channel.clone())?;
        cols.set_item("source", c.source.clone())?;
        cols.set_item("text", c.text.clone())?;
        cols.set_item("score", PyArray1::from_slice(py, &c.score))?;
        out.set_item("comments", frame(py, cols, None, None)?)?;
    }
    Ok(out)
}

/// The demo bank (a deterministic synthetic retail bank with planted structure, see the Rust
/// crate's ``cxkit::data::demo_bank``) as a dict of pandas DataFrames, one per file that
/// ``cxkit demo-data`` writes and ``cxkit.report`` reads, with the same columns
/// (docs/data-schema.md): customers (indexed by customer_id), transactions, survey
/// (NPS/CSAT/CES waves), servqual and kano (one row per respondent and item or feature),
/// satisfaction (one row per customer and item of the satisfaction-index questionnaire),
/// journey_events, complaints (with each complaint's text), comments (what customers wrote,
/// with the writer's likelihood to recommend where a survey asked); journey_tree (the indicator tree as JSON) and
/// satisfaction_model (the questionnaire's path model as JSON, for
/// :meth:`PlsModel.from_json`). ``customers`` must be at least 1000 (InvalidParameterError
/// otherwise), as for ``cxkit report --demo``.
///
/// >>> bank = cxkit.load_demo_bank(seed=1, customers=2_000)
/// >>> sorted(bank)[:3], len(bank["customers"])
/// (['comments', 'complaints', 'customers'], 2000)
/// >>> bank["kano"].pivot(index="respondent_id", columns="feature", values="functional").shape
/// (60, 12)
/// >>> answers = bank["satisfaction"].pivot(index="customer_id", columns="item", values="answer")
/// >>> model = cxkit.PlsModel.from_json(bank["satisfaction_model"])
/// >>> answers.shape[1], list(model.constructs)[-1]
/// (20, 'Loyalty')
#[pyfunction]
#[pyo3(signature = (seed=2026, customers=50_000))]
pub(crate) fn load_demo_bank<'py>(
    py: Python<'py>,
    seed: u64,
    customers: usize,
) -> PyResult<Bound<'py, PyDict>> {
    let b = py
        .detach(|| core::demo_bank(seed, customers))
        .map_err(crate::error::to_py)?;
    bank_frames(py, &b)
}

/// Reads a bank's CSV files from ``path`` (the files and columns of docs/data-schema.md, any
/// subset) into the same dict of DataFrames as :func:`load_demo_bank`. A malformed file
/// raises DataFileError with ``file``, ``line`` and ``column``.
///
/// >>> import pathlib, tempfile
/// >>> d = pathlib.Path(tempfile.mkdtemp())
/// >>> _ = (d / "survey.csv").write_text("wave,customer_id,ltr,csat,ces\n1,A7,9,4,6\n")
/// >>> cxkit.read_bank(d)["survey"].customer_id.tolist()
/// ['A7']
#[pyfunction]
pub(crate) fn read_bank<'py>(
    py: Python<'py>,
    path: std::path::PathBuf,
) -> PyResult<Bound<'py, PyDict>> {
    let b = py
        .detach(|| BankData::read_dir(&path))
        .map_err(crate::error::to_py)?;
    bank_frames(py, &b)
}

/// A dict of DataFrames (keys: the file names of docs/data-schema.md without ".csv", and
/// journey_tree and satisfaction_model as JSON text or a dict) as a bank: each frame goes
/// through the CSV reader, so frames and files are checked alike.
pub(crate) fn bank_from_frames(data: &Bound<'_, PyDict>) -> PyResult<BankData> {
    let py = data.py();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for (key, value) in data.iter() {
        let key: String = key.extract()?;
        if key == "journey_tree" || key == "satisfaction_model" {
            let text: String = if value.is_instance_of::<pyo3::types::PyString>() {
                value.extract()?
            } else {
                json_text(&value)?
            };
            files.push((format!("{key}.json"), text.into_bytes()));
            continue;
        }
        let name = format!("{key}.csv");
        if !BANK_FILES.contains(&name.as_str()) {
            let known: Vec<&str> = BANK_FILES
                .iter()
                .filter_map(|f| f.strip_suffix(".csv"))
                .chain(["journey_tree", "satisfaction_model"])
                .collect();
            return Err(crate::error::invalid(
                "data",
                format!("unknown table {key:?}; the tables are {}", known.join(", ")),
            ));
        }
        let (pandas, polars) = (value.hasattr("to_csv")?, value.hasattr("write_csv")?);
        if !pandas && !polars {
            return Err(crate::error::invalid(
                "data",
                format!("table {key:?} must be a pandas or polars DataFrame"),
            ));
        }
        check_labels(&key, &value)?;
        let text: String = if pandas {
            // pandas: a named index (customers' customer_id) is a column of the file.
            let named = !value.getattr("index")?.getattr("name")?.is_none();
            let kwargs = PyDict::new(py);
            kwargs.set_item("index", named)?;
            value.call_method("to_csv", (), Some(&kwargs))?.extract()?
        } else {
            value.call_method0("write_csv")?.extract()? // polars
        };
        files.push((name, text.into_bytes()));
    }
    py.detach(|| BankData::read_files(files.iter().map(|(n, t)| (n.as_str(), t.as_slice()))))
        .map_err(crate::error::to_py)
}

/// Reads each id and label column of a frame (and a pandas frame's named index) through the
/// label reader before the frame becomes CSV text, so that float ids (`7.0` from a column with
/// a NaN) and missing required ids are refused naming the table, column and row instead of
/// joining nothing.
fn check_labels(table: &str, frame: &Bound<'_, PyAny>) -> PyResult<()> {
    let required = |f: &cxkit_core::data::LabelField| {
        if f.required {
            Missing::Refuse
        } else {
            Missing::Skip
        }
    };
    for name in frame.getattr("columns")?.try_iter()? {
        let name = name?;
        if let Some(f) = cxkit_core::data::label_field(table, &name.str()?.to_cow()?) {
            LabelColumn::read(&frame.get_item(&name)?, f.qualified, required(f))?;
        }
    }
    if let Ok(index) = frame.getattr("index") {
        let name = index.getattr("name")?;
        if !name.is_none() {
            if let Some(f) = cxkit_core::data::label_field(table, &name.str()?.to_cow()?) {
                LabelColumn::read(&index, f.qualified, required(f))?;
            }
        }
    }
    Ok(())
}

/// Adds the demo bank and the bank reader to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(load_demo_bank, m)?)?;
    m.add_function(wrap_pyfunction!(read_bank, m)?)?;
    Ok(())
}
