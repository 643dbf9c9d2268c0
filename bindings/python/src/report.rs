//! The bank report for Python: HTML and JSON from the demo bank, a directory of CSV files or
//! a dict of DataFrames.

use cxkit_core::data::{self as core, BankData};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::data::bank_from_frames;

/// Writes the bank report — NPS/CSAT/CES by wave and segment, customer value, RFM segments,
/// KANO, SERVQUAL, journeys and pain points, complaint handling — as ``out``/report.html
/// (self-contained, inline SVG charts) and ``out``/report.json (every number), and returns
/// the numbers as a dict. ``data`` is a directory of CSV files (docs/data-schema.md, any
/// subset), a dict of DataFrames shaped like :func:`load_demo_bank`'s (any subset), or None
/// for the demo bank built from ``seed`` and ``customers``. ``out`` defaults to
/// "cxkit-report". Sections whose data are absent are None; sections that could not be
/// computed are listed under "not_computed" with the reason. ``lang`` is the language of the
/// findings, titles and chart labels: "en" (English) or "zh" (Simplified Chinese; "zh-CN"
/// and the like are accepted); any other code raises InvalidParameterError listing those.
///
/// >>> import tempfile, os
/// >>> out = tempfile.mkdtemp()
/// >>> r = cxkit.report(out=out, customers=2_000, seed=1)
/// >>> sorted(os.listdir(out)), r["customers"]
/// (['report.html', 'report.json'], 2000)
/// >>> bank = cxkit.load_demo_bank(seed=1, customers=2_000)
/// >>> r = cxkit.report({"survey": bank["survey"]}, out=out)
/// >>> r["survey"]["waves"][1]["wave"], r["kano"]
/// (2, None)
/// >>> cxkit.report({"survey": bank["survey"]}, out=out, lang="zh")["survey"]["finding"]
/// 'NPS 从第 1 轮的 -5.0 上升至第 2 轮的 10.0（+15.0 分，p = 6.56e-2：变化不显著）。'
#[pyfunction]
#[pyo3(signature = (data=None, out=None, seed=2026, customers=50_000, confidence=0.95, lang="en"))]
pub(crate) fn report<'py>(
    py: Python<'py>,
    data: Option<&Bound<'py, PyAny>>,
    out: Option<std::path::PathBuf>,
    seed: u64,
    customers: usize,
    confidence: f64,
    lang: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let options = cxkit_core::report::ReportOptions {
        confidence,
        lang: lang.parse().map_err(crate::error::to_py)?,
    };
    let out = out.unwrap_or_else(|| cxkit_core::report::DEFAULT_OUT.into());
    let bank = match data.filter(|d| !d.is_none()) {
        None => py
            .detach(|| core::demo_bank(seed, customers))
            .map_err(crate::error::to_py)?,
        Some(d) => match d.cast::<PyDict>() {
            Ok(frames) => bank_from_frames(frames)?,
            Err(_) => {
                let dir: std::path::PathBuf = d.extract().map_err(|_| {
                    crate::error::invalid(
                        "data",
                        "must be a directory path, a dict of DataFrames or None (the demo bank)"
                            .into(),
                    )
                })?;
                py.detach(|| BankData::read_dir(&dir))
                    .map_err(crate::error::to_py)?
            }
        },
    };
    let json = py
        .detach(|| {
            let r = cxkit_core::report::bank_report(&bank, &options)?;
            r.write(&out)?;
            Ok::<_, cxkit_core::Error>(r.to_json())
        })
        .map_err(crate::error::to_py)?;
    py.import("json")?.call_method1("loads", (json,))
}

/// Adds the report to the module, and for `cxkit.plot` the report's Chinese fonts
/// (`_CJK_FONTS`) and its display names by language (`_DISPLAY_NAMES`, {"zh": {name: shown}}).
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(report, m)?)?;
    m.add("_CJK_FONTS", cxkit_core::report::CJK_FONTS.to_vec())?;
    let names = pyo3::types::PyDict::new(m.py());
    for lang in cxkit_core::report::Lang::ALL {
        let shown: std::collections::HashMap<&str, &str> = lang
            .display_names()
            .iter()
            .map(|(n, s)| (n.as_str(), s.as_str()))
            .collect();
        names.set_item(lang.code(), shown)?;
    }
    m.add("_DISPLAY_NAMES", names)?;
    Ok(())
}
