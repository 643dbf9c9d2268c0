//! The extension module `cxkit._cxkit`: Python bindings over the cxkit core.
//!
//! Only conversion lives here. Arguments are viewed without a copy where numpy allows, the
//! GIL is released around every computation, core errors become `cxkit.CxError` subclasses.
//! Each file binds the core module of its name; `convert` holds the conversions they share
//! (arrays, result classes, accumulator classes).

use pyo3::prelude::*;

mod clv;
mod complaints;
mod convert;
mod covariance;
mod data;
mod drivers;
mod error;
mod ipa;
mod journey;
mod kano;
mod labels;
mod long;
mod pls;
mod quality;
mod reliability;
mod report;
mod segment;
mod survey;
mod text;
mod value;

/// cxkit: customer-experience analytics for retail banking (compiled core).
#[pymodule]
fn _cxkit(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", cxkit_core::VERSION)?;
    error::register(m)?;
    survey::register(m)?;
    kano::register(m)?;
    clv::register(m)?;
    value::register(m)?;
    segment::register(m)?;
    quality::register(m)?;
    reliability::register(m)?;
    covariance::register(m)?;
    drivers::register(m)?;
    ipa::register(m)?;
    pls::register(m)?;
    journey::register(m)?;
    complaints::register(m)?;
    data::register(m)?;
    report::register(m)?;
    text::register(m)?;
    m.add_function(wrap_pyfunction!(convert::defaults::_defaults, m)?)?;
    Ok(())
}
