//! The SERVQUAL section: the gap of every dimension with its interval, the overall score, and
//! the finding on the largest gap.

use ndarray::ArrayView2;
use serde::Serialize;

use super::{is_demo, shape_error};
use crate::data::BankData;
use crate::quality::{servqual, QualityOptions};
use crate::report::lang::{Key, Table};
use crate::survey::NanPolicy;
use crate::Result;

/// SERVQUAL gaps per dimension.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServqualSection {
    /// (dimension, gap, ci_low, ci_high).
    pub dimensions: Vec<(String, f64, f64, f64)>,
    /// Overall SERVQUAL score.
    pub overall: f64,
    /// What the section found.
    pub finding: String,
}

/// The SERVQUAL section (None without a SERVQUAL survey), its intervals at `confidence`.
pub(crate) fn servqual_section(
    bank: &BankData,
    confidence: f64,
    t: &Table,
) -> Result<Option<ServqualSection>> {
    let Some(q) = &bank.servqual else {
        return Ok(None);
    };
    let shape = (q.respondents, q.dimensions.of_item.len());
    let p = ArrayView2::from_shape(shape, &q.perceptions).map_err(shape_error)?;
    let e = ArrayView2::from_shape(shape, &q.expectations).map_err(shape_error)?;
    let r = servqual(
        p,
        e,
        None,
        &QualityOptions {
            dimensions: q.dimensions.clone(),
            nan_policy: NanPolicy::Omit,
            confidence,
            ..QualityOptions::default()
        },
    )?;
    let dimensions: Vec<(String, f64, f64, f64)> = r
        .dimensions
        .iter()
        .map(|d| {
            (
                d.name.clone(),
                d.score.estimate,
                d.score.ci_low,
                d.score.ci_high,
            )
        })
        .collect();
    let worst = dimensions
        .iter()
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .expect("five dimensions");
    Ok(Some(ServqualSection {
        finding: t.fill(
            Key::servqual_finding,
            &[
                ("dimension", t.data_name(&worst.0, is_demo(bank))),
                ("gap", &format!("{:.2}", worst.1)),
            ],
        ),
        dimensions,
        overall: r.overall.estimate,
    }))
}
