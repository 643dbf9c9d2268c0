//! The bank report over C: read a bank's CSV files (or build the demo bank) and write
//! report.html and report.json, as `cxkit report` does.

use std::ffi::c_char;
use std::path::PathBuf;

use cxkit_core::data::{demo_bank, BankData};
use cxkit_core::report::{bank_report, Lang, ReportOptions};

use crate::convert::text;
use crate::error::{cx_status, guard, Failure};

/// A NUL-terminated UTF-8 path.
///
/// # Safety
/// As [`text`].
unsafe fn path(p: *const c_char, name: &'static str) -> Result<PathBuf, Failure> {
    // SAFETY: caller contract.
    unsafe { text(p, name) }.map(PathBuf::from)
}

/// The report's options from C: `lang` NULL is English.
///
/// # Safety
/// `lang` NULL or a NUL-terminated string.
unsafe fn options(confidence: f64, lang: *const c_char) -> Result<ReportOptions, Failure> {
    let lang = if lang.is_null() {
        Lang::En
    } else {
        // SAFETY: caller contract.
        unsafe { text(lang, "lang")? }.parse()?
    };
    Ok(ReportOptions { confidence, lang })
}

/// Reads the bank's CSV files in `data_dir` (the schema of docs/data-schema.md, any subset)
/// and writes the report into `out_dir` (created if missing) as report.html and report.json.
/// A malformed file is CX_DATA_FILE, with file, line, column and what was expected in
/// cx_last_error_message(). Intervals at `confidence` (0.95 is usual). `lang` is the report's
/// language: "en" (English; also when NULL) or "zh" (Simplified Chinese); any other code is
/// CX_INVALID_PARAMETER with the supported codes in the message.
///
/// # Safety
/// `data_dir` and `out_dir` NUL-terminated strings; `lang` NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn cx_bank_report(
    data_dir: *const c_char,
    out_dir: *const c_char,
    confidence: f64,
    lang: *const c_char,
) -> cx_status {
    guard("cx_bank_report", || {
        // SAFETY: caller contract.
        let (data, out) = unsafe { (path(data_dir, "data_dir")?, path(out_dir, "out_dir")?) };
        // SAFETY: caller contract.
        let options = unsafe { options(confidence, lang)? };
        let bank = BankData::read_dir(&data)?;
        bank_report(&bank, &options)?.write(&out)?;
        Ok(())
    })
}

/// Writes the report on the demo bank (`customers` customers from `seed`; the command line's
/// default is 50 000 and 2026) into `out_dir` as report.html and report.json, in `lang`
/// ("en", also when NULL, or "zh") as cx_bank_report.
///
/// # Safety
/// `out_dir` a NUL-terminated string; `lang` NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn cx_demo_report(
    seed: u64,
    customers: usize,
    out_dir: *const c_char,
    confidence: f64,
    lang: *const c_char,
) -> cx_status {
    guard("cx_demo_report", || {
        // SAFETY: caller contract.
        let out = unsafe { path(out_dir, "out_dir")? };
        // SAFETY: caller contract.
        let options = unsafe { options(confidence, lang)? };
        bank_report(&demo_bank(seed, customers)?, &options)?.write(&out)?;
        Ok(())
    })
}
