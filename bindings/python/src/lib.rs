//! The extension module `cxkit._cxkit`: Python bindings over the cxkit core.
//!
//! Only conversion lives here. Arguments are viewed without a copy where numpy allows, the
//! GIL is released around every computation, core errors become `cxkit.CxError` subclasses.

use pyo3::prelude::*;

mod accumulators;
mod cluster;
mod clv;
mod convert;
mod datasets;
mod errors;
mod functions;
mod journey;
mod kano;
mod labels;
mod profile;
mod quality;
mod results;
mod segment;
mod shared;
mod sums;

/// cxkit: customer-experience analytics for retail banking (compiled core).
#[pymodule]
fn _cxkit(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", cxkit_core::VERSION)?;
    errors::register(m)?;
    results::register(m)?;
    functions::register(m)?;
    accumulators::register(m)?;
    kano::register(m)?;
    clv::register(m)?;
    segment::register(m)?;
    cluster::register(m)?;
    profile::register(m)?;
    quality::register(m)?;
    sums::register(m)?;
    journey::register(m)?;
    datasets::register(m)?;
    Ok(())
}
