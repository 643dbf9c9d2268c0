//! The sections of the bank report, one file each. A section's file holds everything of that
//! section: its struct(s) (what the JSON holds), the function that computes it from a
//! [`BankData`] with the library's own functions, and the one-sentence finding it writes.
//!
//! | file | section | computed from |
//! |---|---|---|
//! | `survey.rs` | NPS, CSAT and CES by wave, the change of NPS, NPS by segment | the survey (and the customers' segments) |
//! | `value.rs` | lifetime value, the customer pyramid, CLV by segment | the transactions (and the customers' segments) |
//! | `rfm.rs` | RFM segment sizes | the transactions |
//! | `kano.rs` | KANO categories of the latest wave, migrations since the first | the KANO questionnaire |
//! | `servqual.rs` | SERVQUAL gaps per dimension | the SERVQUAL survey |
//! | `satisfaction.rs` | what drives satisfaction and loyalty (PLS path model, importance–performance map), value at risk by NPS group | the satisfaction questionnaire; the survey joined to the value section's CLV |
//! | `journey.rs` | touchpoint indices by month, pain points, importance–performance | the journey events and tree |
//! | `complaints.rs` | complaint handling, first responses by channel | the complaints |
//! | `comments.rs` | what customers talk about: topics by volume and NPS cost, emerging topics, words, masked verbatims, sentiment by channel | the comments (else the complaints' descriptions) |
//!
//! Each computes `<name>_section(bank, …) -> Result<Option<Section>>`: None when the bank
//! lacks the section's data, an error when it cannot be computed (the report then lists it as
//! not computed and goes on).
//!
//! **Adding a section** is adding a file here with its struct, its `<name>_section` and its
//! finding, declared and re-exported below; then a field of
//! [`BankReport`](super::BankReport) and one line of [`bank_report`](super::bank_report)
//! (and of [`BankReport::findings`](super::BankReport::findings)) to assemble it, its text keys
//! in `lang.rs` and both `lang/*.toml` tables, and its chart in `html.rs`.
//!
//! The helpers below are the ones more than one section uses.

mod comments;
mod complaints;
mod journey;
mod kano;
mod rfm;
mod satisfaction;
mod servqual;
mod survey;
mod value;

pub use comments::{ChannelSentiment, CommentSection, EmergingTopic, TopicRow, Verbatim};
pub use complaints::{ChannelResponse, ComplaintSection};
pub use journey::JourneySection;
pub use kano::{KanoRow, KanoSection};
pub use rfm::RfmSection;
pub use satisfaction::{
    ChainIpma, ChainPath, ChainSection, ChainSettings, SatisfactionSection, ValueRiskSection,
    REPORT_BOOTSTRAP_SAMPLES, REPORT_BOOTSTRAP_SEED,
};
pub use servqual::ServqualSection;
pub use survey::{SurveySection, WaveScores};
pub use value::ValueSection;

pub(crate) use comments::comment_section;
pub(crate) use complaints::complaint_section;
pub(crate) use journey::journey_section;
pub(crate) use kano::kano_section;
pub(crate) use rfm::rfm_section;
pub(crate) use satisfaction::satisfaction_section;
pub(crate) use servqual::servqual_section;
pub(crate) use survey::survey_section;
pub(crate) use value::value_section;

use crate::data::{BankData, Origin};
use crate::{Error, Result};

/// Whether the data are the built-in demo bank, whose names the report translates (a bank's
/// own names it shows as they are spelled).
fn is_demo(bank: &BankData) -> bool {
    matches!(bank.origin, Origin::Demo { .. })
}

/// First and last day of a transaction log: the log is the observation period (value, RFM).
fn day_range(days: &[i64]) -> Result<(i64, i64)> {
    match (days.iter().min(), days.iter().max()) {
        (Some(&a), Some(&b)) => Ok((a, b)),
        _ => Err(Error::EmptyInput {
            what: "transactions",
        }),
    }
}

/// The error of a survey matrix (KANO, SERVQUAL) whose size is not respondents × items.
fn shape_error(e: ndarray::ShapeError) -> Error {
    Error::InvalidParameter {
        name: "bank",
        reason: format!("a survey matrix has the wrong size: {e}"),
    }
}
