//! The demo bank as pandas DataFrames.

use cxkit_core::data as core;
use cxkit_core::quality::Dimensions;
use numpy::{PyArray1, PyArray2};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::frame;

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

/// A respondents × columns float matrix as a DataFrame with the given column names.
fn matrix<'py>(
    py: Python<'py>,
    values: &[f64],
    rows: usize,
    columns: &[String],
) -> PyResult<Bound<'py, PyAny>> {
    let arr = PyArray2::from_vec2(
        py,
        &values
            .chunks(columns.len())
            .map(<[f64]>::to_vec)
            .collect::<Vec<_>>(),
    )?;
    debug_assert_eq!(values.len(), rows * columns.len());
    let kwargs = PyDict::new(py);
    kwargs.set_item("columns", columns.to_vec())?;
    py.import("pandas")?
        .call_method("DataFrame", (arr,), Some(&kwargs))
}

/// The demo bank (a deterministic synthetic retail bank with planted structure, see the Rust
/// crate's ``cxkit::data``) as a dict of pandas DataFrames: customers, transactions, survey
/// (NPS/CSAT/CES waves), servqual_perceptions and servqual_expectations (22 items),
/// kano_functional and kano_dysfunctional (one column per feature), journey_events,
/// complaints; and journey_tree (the indicator tree as JSON).
///
/// >>> bank = cxkit.load_demo_bank(seed=1, customers=2_000)
/// >>> sorted(bank)[:3], len(bank["customers"])
/// (['complaints', 'customers', 'journey_events'], 2000)
#[pyfunction]
#[pyo3(signature = (seed=2026, customers=50_000))]
pub(crate) fn load_demo_bank<'py>(
    py: Python<'py>,
    seed: u64,
    customers: usize,
) -> PyResult<Bound<'py, PyDict>> {
    let b = py.detach(|| core::demo_bank(seed, customers));
    let out = PyDict::new(py);
    let c = b.customers.as_ref().expect("the demo bank has every table");
    let cols = PyDict::new(py);
    cols.set_item(
        "segment",
        c.segment
            .iter()
            .map(|&s| b.segments[s as usize].clone())
            .collect::<Vec<_>>(),
    )?;
    cols.set_item("age", PyArray1::from_slice(py, &c.age))?;
    cols.set_item("gender", c.gender.clone())?;
    cols.set_item("income_band", PyArray1::from_slice(py, &c.income_band))?;
    cols.set_item("occupation", c.occupation.clone())?;
    cols.set_item("region", c.region.clone())?;
    cols.set_item("channel", c.channel.clone())?;
    cols.set_item("products", PyArray1::from_slice(py, &c.products))?;
    cols.set_item("balance", PyArray1::from_slice(py, &c.balance))?;
    let ids = py
        .import("builtins")?
        .getattr("range")?
        .call1((c.segment.len(),))?;
    out.set_item(
        "customers",
        frame(py, cols, Some(ids), Some("customer_id"))?,
    )?;
    let t = b
        .transactions
        .as_ref()
        .expect("the demo bank has every table");
    let cols = PyDict::new(py);
    cols.set_item("customer_id", PyArray1::from_slice(py, &t.customer))?;
    cols.set_item("date", dates(py, &t.day)?)?;
    cols.set_item("amount", PyArray1::from_slice(py, &t.amount))?;
    out.set_item("transactions", frame(py, cols, None, None)?)?;
    let s = b.survey.as_ref().expect("the demo bank has every table");
    let cols = PyDict::new(py);
    cols.set_item("wave", PyArray1::from_slice(py, &s.wave))?;
    cols.set_item("customer_id", PyArray1::from_slice(py, &s.customer))?;
    cols.set_item("ltr", PyArray1::from_slice(py, &s.ltr))?;
    cols.set_item("csat", PyArray1::from_slice(py, &s.csat))?;
    cols.set_item("ces", PyArray1::from_slice(py, &s.ces))?;
    out.set_item("survey", frame(py, cols, None, None)?)?;
    let dims = Dimensions::servqual();
    let mut count = vec![0; dims.names.len()];
    let items: Vec<String> = dims
        .of_item
        .iter()
        .map(|&d| {
            count[d] += 1;
            format!("{}_{}", dims.names[d], count[d])
        })
        .collect();
    let q = b.servqual.as_ref().expect("the demo bank has every table");
    out.set_item(
        "servqual_perceptions",
        matrix(py, &q.perceptions, q.respondents, &items)?,
    )?;
    out.set_item(
        "servqual_expectations",
        matrix(py, &q.expectations, q.respondents, &items)?,
    )?;
    let k = b.kano.as_ref().expect("the demo bank has every table");
    let features = &k.features;
    let as_f64 = |v: &[u8]| v.iter().map(|&x| f64::from(x)).collect::<Vec<_>>();
    out.set_item(
        "kano_functional",
        matrix(py, &as_f64(&k.functional), k.respondents, features)?,
    )?;
    out.set_item(
        "kano_dysfunctional",
        matrix(py, &as_f64(&k.dysfunctional), k.respondents, features)?,
    )?;
    let e = b.events.as_ref().expect("the demo bank has every table");
    let cols = PyDict::new(py);
    cols.set_item("touchpoint", e.touchpoint.clone())?;
    cols.set_item("indicator", e.indicator.clone())?;
    cols.set_item("timestamp", datetimes(py, &e.timestamp)?)?;
    cols.set_item("value", PyArray1::from_slice(py, &e.value))?;
    cols.set_item("segment", e.segment.clone())?;
    out.set_item("journey_events", frame(py, cols, None, None)?)?;
    let r = b
        .complaints
        .as_ref()
        .expect("the demo bank has every table");
    let cols = PyDict::new(py);
    cols.set_item("customer_id", PyArray1::from_slice(py, &r.customer))?;
    cols.set_item("channel", names(&r.channel, &b.channels))?;
    cols.set_item("category", names(&r.category, &b.categories))?;
    cols.set_item("opened", datetimes(py, &r.opened)?)?;
    cols.set_item("first_response", datetimes(py, &r.first_response)?)?;
    cols.set_item("resolved", datetimes(py, &r.resolved)?)?;
    cols.set_item("contacts", PyArray1::from_slice(py, &r.contacts))?;
    cols.set_item("reopened", PyArray1::from_slice(py, &r.reopened))?;
    cols.set_item("satisfaction", PyArray1::from_slice(py, &r.satisfaction))?;
    out.set_item("complaints", frame(py, cols, None, None)?)?;
    out.set_item("journey_tree", &b.journey_tree)?;
    Ok(out)
}

/// Adds the datasets to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(load_demo_bank, m)?)?;
    m.add_function(wrap_pyfunction!(report, m)?)?;
    Ok(())
}

/// Writes the bank report — NPS/CSAT/CES by wave and segment, customer value, RFM segments,
/// KANO, SERVQUAL, journeys and pain points, complaint handling — as ``out``/report.html
/// (self-contained, inline SVG charts) and ``out``/report.json (every number), and returns
/// the numbers as a dict. ``data=None`` reports on the demo bank built from ``seed`` and
/// ``customers`` (reading a data directory comes with ``cxkit report --data``). ``out``
/// defaults to "cxkit-report".
///
/// >>> import tempfile, os
/// >>> out = tempfile.mkdtemp()
/// >>> r = cxkit.report(out=out, customers=2_000, seed=1)
/// >>> sorted(os.listdir(out)), r["customers"]
/// (['report.html', 'report.json'], 2000)
#[pyfunction]
#[pyo3(signature = (data=None, out=None, seed=2026, customers=50_000, confidence=0.95))]
pub(crate) fn report<'py>(
    py: Python<'py>,
    data: Option<&Bound<'py, PyAny>>,
    out: Option<std::path::PathBuf>,
    seed: u64,
    customers: usize,
    confidence: f64,
) -> PyResult<Bound<'py, PyAny>> {
    let out = out.unwrap_or_else(|| "cxkit-report".into());
    if data.is_some_and(|d| !d.is_none()) {
        return Err(crate::errors::invalid(
            "data",
            "only the demo bank (data=None) can be reported on so far".into(),
        ));
    }
    let (html, json) = py
        .detach(|| {
            let bank = core::demo_bank(seed, customers);
            let r = cxkit_core::report::bank_report(&bank, confidence)?;
            Ok::<_, cxkit_core::Error>((
                r.to_html(),
                serde_json::to_string_pretty(&r).expect("the report serializes"),
            ))
        })
        .map_err(crate::errors::to_py)?;
    let io =
        |e: std::io::Error| pyo3::exceptions::PyOSError::new_err(format!("{}: {e}", out.display()));
    std::fs::create_dir_all(&out).map_err(io)?;
    std::fs::write(out.join("report.html"), html).map_err(io)?;
    std::fs::write(out.join("report.json"), &json).map_err(io)?;
    py.import("json")?.call_method1("loads", (json,))
}
