//! Complaints for Python: complaint-handling metrics with service levels, the service-recovery
//! effect and the complaint iceberg.

use std::collections::HashMap;

use cxkit_core::complaints::{self as comp, ComplaintOptions, Complaints};
use numpy::{PyArray1, PyArrayMethods};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::convert::result::{result_class, to_dict};
use crate::convert::{epoch_times, floats, frame, is_missing, one_time};
use crate::error::{invalid, IntoPyResult};
use crate::labels::{LabelColumn, Missing};

result_class! {
    /// Complaint-handling metrics: counts, first_contact_resolution, backlog, reopen_rate,
    /// per_1000, ``response`` and ``resolution`` (dicts: n, outstanding, mean, percentiles in
    /// seconds, and against the service level within_sla, breached, breached_outstanding and
    /// pending: an unanswered complaint older than the service level at ``as_of`` is a
    /// breach, a younger one pending, and within_sla is the share of the complaints due that
    /// met it) and ``by_channel`` / ``by_category`` DataFrames.
    ComplaintMetrics(Labelled) {
        complaints: usize = |r| r.metrics.complaints,
        resolved: usize = |r| r.metrics.resolved,
        first_contact_resolution: Option<f64> = |r| r.metrics.first_contact_resolution,
        backlog: usize = |r| r.metrics.backlog,
        reopen_rate: Option<f64> = |r| r.metrics.reopen_rate,
        per_1000: Option<f64> = |r| r.metrics.per_1000,
    }
    methods {
        /// This result's chart, ``cxkit.plot.complaints_sla(self, **kwargs)`` (``ax``, ``lang``, …; one bar, or pass a dict channel → result to the function;
        /// needs matplotlib: ``pip install "cxkit[plot]"``).
        #[pyo3(signature = (**kwargs))]
        fn plot<'py>(
            slf: &Bound<'py, Self>,
            kwargs: Option<&Bound<'py, pyo3::types::PyDict>>,
        ) -> PyResult<Bound<'py, PyAny>> {
            crate::convert::result::plot(slf.as_any(), "complaints_sla", kwargs)
        }

        /// Time to first response.
        #[getter]
        fn response<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            to_dict(py, &self.inner.metrics.response)
        }

        /// Time to resolution.
        #[getter]
        fn resolution<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            to_dict(py, &self.inner.metrics.resolution)
        }

        /// Complaints, share and per-1,000 rate by channel.
        #[getter]
        fn by_channel<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            group_frame(py, &self.inner.metrics.by_channel, &self.inner.channels, "channel")
        }

        /// Complaints, share and per-1,000 rate by category.
        #[getter]
        fn by_category<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            group_frame(py, &self.inner.metrics.by_category, &self.inner.categories, "category")
        }
    }
}

/// Metrics with the channel and category labels behind their codes.
#[derive(Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Labelled {
    metrics: comp::ComplaintMetrics,
    channels: Vec<String>,
    categories: Vec<String>,
}

fn group_frame<'py>(
    py: Python<'py>,
    g: &[comp::GroupRate],
    labels: &[String],
    name: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let cols = PyDict::new(py);
    cols.set_item(
        "complaints",
        g.iter().map(|x| x.complaints).collect::<Vec<_>>(),
    )?;
    cols.set_item("share", g.iter().map(|x| x.share).collect::<Vec<_>>())?;
    cols.set_item(
        "per_1000",
        g.iter()
            .map(|x| x.per_1000.unwrap_or(f64::NAN))
            .collect::<Vec<_>>(),
    )?;
    let index = PyList::new(py, g.iter().map(|x| labels[x.code as usize].clone()))?;
    frame(py, cols, Some(index.into_any()), Some(name))
}

/// Codes and labels of a label column (None when absent; a missing label is an error).
fn codes(
    frame: &Bound<'_, PyAny>,
    name: &'static str,
) -> PyResult<Option<(Vec<u32>, Vec<String>)>> {
    if !frame.call_method1("__contains__", (name,))?.is_truthy()? {
        return Ok(None);
    }
    let column = LabelColumn::read(&frame.get_item(name)?, name, Missing::Refuse)?;
    let names = column.names()?;
    Ok(Some((column.codes, names)))
}

/// The contacts column: whole numbers from 0 (integers of any dtype, or floats such as 3.0);
/// a missing, fractional or negative count is an error naming the row.
fn counts(column: &Bound<'_, PyAny>) -> PyResult<Vec<u32>> {
    column
        .try_iter()?
        .enumerate()
        .map(|(i, v)| {
            let v = v?;
            let bad = |what: &str| {
                invalid(
                    "contacts",
                    format!("row {i}: expected a whole number of contacts from 0, found {what}"),
                )
            };
            if let Ok(k) = v.extract::<u32>() {
                return Ok(k);
            }
            if is_missing(&v)? {
                return Err(bad("a missing value"));
            }
            match v.extract::<f64>() {
                Ok(x) if x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&x) => {
                    Ok(x as u32)
                }
                _ => Err(bad(&v.repr()?.to_cow()?)),
            }
        })
        .collect()
}

/// The reopened column: booleans, 0 and 1, or yes/no texts as the CSV reader reads them
/// (`complaints::parse_flag`: "no", "0", "false" and 否 are no); a missing value (None, NaN,
/// NA) is "not reopened", as an empty cell of complaints.csv. Anything else is an error
/// naming the row, never a guess from Python's truthiness.
fn flags(column: &Bound<'_, PyAny>) -> PyResult<Vec<bool>> {
    column
        .try_iter()?
        .enumerate()
        .map(|(i, v)| {
            let v = v?;
            let bad = || {
                let found = v.repr().map_or_else(|_| "?".to_string(), |r| r.to_string());
                invalid(
                    "reopened",
                    format!(
                        "row {i}: expected {} (or True/False), found {found}",
                        comp::FLAG_EXPECTED
                    ),
                )
            };
            if let Ok(text) = v.cast::<pyo3::types::PyString>() {
                return comp::parse_flag(&text.to_cow()?).ok_or_else(bad);
            }
            if is_missing(&v)? {
                return Ok(false);
            }
            match v.extract::<f64>() {
                Ok(0.0) => Ok(false),
                Ok(1.0) => Ok(true),
                _ => Err(bad()),
            }
        })
        .collect()
}

/// Seconds of a duration given as a number of hours, a ``datetime.timedelta`` or a pandas
/// ``Timedelta``.
fn seconds(d: &Bound<'_, PyAny>) -> PyResult<f64> {
    if let Ok(h) = d.extract::<f64>() {
        return Ok(h * 3600.0);
    }
    d.call_method0("total_seconds")?.extract()
}

/// Complaint-handling metrics from complaint records (a DataFrame or dict of columns):
/// opened, first_response, resolved (datetimes; NaT when not yet), and optionally contacts
/// (whole numbers), reopened (booleans, 0/1 or yes/no texts as complaints.csv has them; a
/// missing value is "not reopened"), channel, category. ``sla``: {"response": …, "resolution": …} as hours or
/// timedeltas. ``customers`` (a number, or dicts ``customers_by_channel`` /
/// ``customers_by_category`` by label) gives complaints per 1,000 customers. Times in the
/// result are seconds.
///
/// >>> import pandas as pd
/// >>> t = pd.to_datetime
/// >>> f = pd.DataFrame({"opened": t(["2025-01-01 09:00", "2025-01-01 10:00"]),
/// ...     "first_response": t(["2025-01-01 10:00", None]), "resolved": t(["2025-01-01 12:00", None]),
/// ...     "contacts": [1, 2], "channel": ["app", "branch"]})
/// >>> m = cxkit.complaint_metrics(f, sla={"response": 2}, as_of="2025-01-02")
/// >>> m.first_contact_resolution, m.backlog, m.response["within_sla"]  # one met, one unanswered for 14 h
/// (1.0, 1, 0.5)
/// >>> m.response["breached_outstanding"], m.response["pending"]
/// (1, 0)
#[pyfunction]
#[pyo3(signature = (frame, sla=None, percentiles=vec![50.0, 90.0, 95.0], as_of=None, customers=None, customers_by_channel=None, customers_by_category=None), text_signature = "(frame, sla=None, percentiles=[50.0, 90.0, 95.0], as_of=None, customers=None, customers_by_channel=None, customers_by_category=None)")]
#[allow(clippy::too_many_arguments)]
pub(crate) fn complaint_metrics<'py>(
    py: Python<'py>,
    frame: &Bound<'py, PyAny>,
    sla: Option<&Bound<'py, PyDict>>,
    percentiles: Vec<f64>,
    as_of: Option<&Bound<'py, PyAny>>,
    customers: Option<f64>,
    customers_by_channel: Option<HashMap<String, f64>>,
    customers_by_category: Option<HashMap<String, f64>>,
) -> PyResult<ComplaintMetrics> {
    let time = |name: &str| epoch_times(py, &frame.get_item(name)?, "s", "complaint times", true);
    let (opened, first, resolved) = (time("opened")?, time("first_response")?, time("resolved")?);
    let (opened, first, resolved) = (opened.readonly(), first.readonly(), resolved.readonly());
    let err = |e: numpy::AsSliceError| PyValueError::new_err(e.to_string());
    let column = |name: &str| -> PyResult<Option<Bound<'py, PyAny>>> {
        if !frame.call_method1("__contains__", (name,))?.is_truthy()? {
            return Ok(None);
        }
        frame.get_item(name).map(Some)
    };
    let contacts = column("contacts")?.map(|c| counts(&c)).transpose()?;
    let reopened = column("reopened")?.map(|c| flags(&c)).transpose()?;
    let channel = codes(frame, "channel")?;
    let category = codes(frame, "category")?;
    let by_label = |m: Option<HashMap<String, f64>>, labels: Option<&Vec<String>>| {
        m.zip(labels)
            .map(|(m, l)| l.iter().map(|x| m.get(x).copied().unwrap_or(0.0)).collect())
    };
    let get_sla = |k: &str| -> PyResult<Option<f64>> {
        match sla.map(|d| d.get_item(k)).transpose()?.flatten() {
            Some(v) => Ok(Some(seconds(&v)?)),
            None => Ok(None),
        }
    };
    let options = ComplaintOptions {
        response_sla: get_sla("response")?,
        resolution_sla: get_sla("resolution")?,
        percentiles,
        as_of: as_of.map(|a| one_time(py, a, "s", "as_of")).transpose()?,
        customers,
        customers_by_channel: by_label(customers_by_channel, channel.as_ref().map(|c| &c.1)),
        customers_by_category: by_label(customers_by_category, category.as_ref().map(|c| &c.1)),
    };
    let records = Complaints {
        opened: opened.as_slice().map_err(err)?,
        first_response: first.as_slice().map_err(err)?,
        resolved: resolved.as_slice().map_err(err)?,
        contacts: contacts.as_deref(),
        reopened: reopened.as_deref(),
        channel: channel.as_ref().map(|c| c.0.as_slice()),
        category: category.as_ref().map(|c| c.0.as_slice()),
    };
    let m = comp::complaint_metrics(&records, &options).py_err()?;
    Ok(Labelled {
        metrics: m,
        channels: channel.map(|c| c.1).unwrap_or_default(),
        categories: category.map(|c| c.1).unwrap_or_default(),
    }
    .into())
}

/// The service-recovery effect: mean satisfaction of complainants whose issue was resolved
/// minus that of similar customers who never complained, with Welch's interval and p-value.
/// Returns a dict.
///
/// >>> cxkit.service_recovery([8, 9, 7, 9], [7, 7, 8, 6])["difference"]
/// 1.25
#[pyfunction]
#[pyo3(signature = (complainants, others, confidence=0.95))]
pub(crate) fn service_recovery<'py>(
    py: Python<'py>,
    complainants: &Bound<'py, PyAny>,
    others: &Bound<'py, PyAny>,
    confidence: f64,
) -> PyResult<Bound<'py, PyAny>> {
    let (a, b) = (
        floats(complainants, "complainants")?,
        floats(others, "others")?,
    );
    let (a, b): (Bound<'py, PyArray1<f64>>, Bound<'py, PyArray1<f64>>) = (a, b);
    let (a, b) = (a.readonly(), b.readonly());
    let err = |e: numpy::AsSliceError| PyValueError::new_err(e.to_string());
    let r = comp::service_recovery(
        a.as_slice().map_err(err)?,
        b.as_slice().map_err(err)?,
        confidence,
    )
    .py_err()?;
    to_dict(py, &r)
}

/// The complaint iceberg: estimated dissatisfied customers (``dissatisfied`` of
/// ``respondents`` in a survey, times ``customers``), how many of them never complain, the
/// interval of that number from the survey share's Wilson interval, and the assumption
/// behind it. Returns a dict.
///
/// >>> r = cxkit.complaint_iceberg(100_000, 500, dissatisfied=60, respondents=1_000)
/// >>> round(r["silent"]), round(r["per_complainant"], 6)
/// (5500, 12.0)
#[pyfunction]
#[pyo3(signature = (customers, complainants, dissatisfied, respondents, confidence=0.95))]
pub(crate) fn complaint_iceberg<'py>(
    py: Python<'py>,
    customers: f64,
    complainants: f64,
    dissatisfied: f64,
    respondents: f64,
    confidence: f64,
) -> PyResult<Bound<'py, PyAny>> {
    let r = comp::complaint_iceberg(
        customers,
        complainants,
        dissatisfied,
        respondents,
        confidence,
    )
    .py_err()?;
    to_dict(py, &r)
}

/// Adds the complaint functions and class to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<ComplaintMetrics>()?;
    m.add_function(wrap_pyfunction!(complaint_metrics, m)?)?;
    m.add_function(wrap_pyfunction!(service_recovery, m)?)?;
    m.add_function(wrap_pyfunction!(complaint_iceberg, m)?)?;
    Ok(())
}
