//! The missing-data rule of correlations and covariances (the core's
//! `covariance::MissingData`), shared by reliability and key drivers.

use cxkit_core::covariance::MissingData;

use crate::error::{invalid, Failure};

/// Missing values in correlations: CX_MISSING_PAIRWISE or CX_MISSING_LISTWISE.
pub type cx_missing = u32;
/// Each covariance over the rows where both columns are present.
pub const CX_MISSING_PAIRWISE: cx_missing = 0;
/// Only rows without any missing value.
pub const CX_MISSING_LISTWISE: cx_missing = 1;

pub(crate) fn missing(v: cx_missing) -> Result<MissingData, Failure> {
    match v {
        CX_MISSING_PAIRWISE => Ok(MissingData::Pairwise),
        CX_MISSING_LISTWISE => Ok(MissingData::Listwise),
        _ => Err(invalid(
            "missing",
            v,
            "CX_MISSING_PAIRWISE, CX_MISSING_LISTWISE",
        )),
    }
}
