//! Personal-data masking from Python (binds `cxkit::text::mask_pii`).

use cxkit_core::text as core;
use pyo3::prelude::*;

use super::each_text;

/// Masks personal data in one text or each text of a column (mobile numbers, identity
/// numbers with a valid check character, Luhn-valid card numbers, e-mail addresses).
#[pyfunction]
pub(crate) fn mask_pii<'py>(texts: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    each_text(texts, "texts", core::mask_pii, |py, r| {
        Ok(r.into_pyobject(py)?.into_any())
    })
}
