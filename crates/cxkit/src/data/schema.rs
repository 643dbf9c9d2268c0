//! The tables of a bank's data: [`BankData`] holds one of each kind, each optional
//! ([`Customers`], [`Transactions`], [`SurveyWaves`], [`ServqualSurvey`], [`KanoSurvey`],
//! [`SatisfactionSurvey`], [`JourneyEvents`], [`ComplaintRecords`]), with the names the codes of its columns stand for
//! and where the data came from. The demo bank ([`demo`](super::demo)) fills them from a seed;
//! [`csv`](super::csv) reads them from a bank's files and writes them back.

use serde::{Deserialize, Serialize};

use super::csv::{FileRead, IgnoredFile, Origin};
use crate::pls::PlsModel;
use crate::quality::Dimensions;

/// Customers, a column each; row i is customer i (see [`BankData::customer_ids`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Customers {
    /// Segment code (index into [`BankData::segments`]).
    pub segment: Vec<u8>,
    /// Age in years.
    pub age: Vec<u8>,
    /// "F" or "M".
    pub gender: Vec<String>,
    /// Income band 1 (lowest) to 5.
    pub income_band: Vec<u8>,
    /// Occupation.
    pub occupation: Vec<String>,
    /// Region.
    pub region: Vec<String>,
    /// Preferred channel.
    pub channel: Vec<String>,
    /// Products held.
    pub products: Vec<u8>,
    /// Total balance.
    pub balance: Vec<f64>,
}

/// The transaction log.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Transactions {
    /// Customer (index, see [`BankData::customer_ids`]).
    pub customer: Vec<u32>,
    /// Day (days since 1970-01-01).
    pub day: Vec<i64>,
    /// Amount.
    pub amount: Vec<f64>,
}

/// NPS/CSAT/CES answers of survey waves (the demo bank has two).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SurveyWaves {
    /// Wave, 1, 2, …
    pub wave: Vec<u8>,
    /// Respondent (customer index, see [`BankData::customer_ids`]).
    pub customer: Vec<u32>,
    /// Likelihood to recommend, 0–10.
    pub ltr: Vec<u8>,
    /// Satisfaction, 1–5 (None: the survey did not ask).
    pub csat: Option<Vec<u8>>,
    /// Customer effort, 1–7, 7 = very easy (None: the survey did not ask).
    pub ces: Option<Vec<u8>>,
}

/// A SERVQUAL survey: perceptions and expectations, respondents × items, row-major (the demo
/// bank's are the 22 items of [`Dimensions::servqual`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServqualSurvey {
    /// Respondents.
    pub respondents: usize,
    /// The respondents' own ids, by row (the order of first appearance in servqual.csv; the
    /// demo bank's are customer ids of its customer table).
    #[serde(default)]
    pub respondent_ids: Vec<String>,
    /// The dimension of each item.
    pub dimensions: Dimensions,
    /// Perceptions, 1–7 (NaN: not answered).
    pub perceptions: Vec<f64>,
    /// Expectations, 1–7 (NaN: not answered).
    pub expectations: Vec<f64>,
}

/// A KANO questionnaire: functional and dysfunctional answers 1–5 (1 like … 5 dislike),
/// respondents × features, row-major (the demo bank's are its [`KANO_FEATURES`](super::KANO_FEATURES)).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KanoSurvey {
    /// Respondents.
    pub respondents: usize,
    /// The respondents' own ids, by row (the order of first appearance in kano.csv; the
    /// demo bank's are customer ids of its customer table).
    #[serde(default)]
    pub respondent_ids: Vec<String>,
    /// Feature names, in column order.
    pub features: Vec<String>,
    /// Functional answers.
    pub functional: Vec<u8>,
    /// Dysfunctional answers.
    pub dysfunctional: Vec<u8>,
    /// The survey wave of each respondent (1, 2, …), when the questionnaire was run more than
    /// once.
    #[serde(default)]
    pub wave: Option<Vec<u8>>,
}

/// A satisfaction-index questionnaire (ACSI/ECSI/CCSI-type items, answers 1–10),
/// respondents × items, row-major, with the path model of its constructs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SatisfactionSurvey {
    /// Respondent (customer index, see [`BankData::customer_ids`]), by row.
    pub customer: Vec<u32>,
    /// Item names, in column order.
    pub items: Vec<String>,
    /// Answers 1–10 (NaN: not answered), respondents × items.
    pub answers: Vec<f64>,
    /// The constructs the items measure and the paths between them.
    pub model: PlsModel,
}

impl SatisfactionSurvey {
    /// The answer scale of every item (docs/data-schema.md), from which performances are
    /// rescaled to 0–100.
    pub const SCALE: (f64, f64) = (1.0, 10.0);
}

/// Journey events (the demo bank's are for [`DEMO_TREE`](super::DEMO_TREE)).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct JourneyEvents {
    /// Touchpoint id.
    pub touchpoint: Vec<String>,
    /// Indicator id.
    pub indicator: Vec<String>,
    /// Seconds since 1970-01-01 UTC.
    pub timestamp: Vec<i64>,
    /// Value.
    pub value: Vec<f64>,
    /// Customer's segment name.
    pub segment: Vec<String>,
}

/// Complaint records.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ComplaintRecords {
    /// Customer (index, see [`BankData::customer_ids`]).
    pub customer: Vec<u32>,
    /// Channel code (index into [`BankData::channels`]).
    pub channel: Vec<u32>,
    /// Category code (index into [`BankData::categories`]).
    pub category: Vec<u32>,
    /// Opened, seconds since 1970.
    pub opened: Vec<i64>,
    /// First response ([`NOT_YET`](crate::complaints::NOT_YET) when none).
    pub first_response: Vec<i64>,
    /// Resolved ([`NOT_YET`](crate::complaints::NOT_YET) while open).
    pub resolved: Vec<i64>,
    /// Contacts until resolution.
    pub contacts: Vec<u32>,
    /// Reopened after resolution.
    pub reopened: Vec<bool>,
    /// Satisfaction after resolution, 0–10 (NaN when not asked or not resolved).
    pub satisfaction: Vec<f64>,
    /// What the customer wrote (投诉内容), when the file has the column.
    #[serde(default)]
    pub text: Option<Vec<String>>,
}

/// What customers wrote: survey comments, complaint descriptions, app reviews.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Comments {
    /// Customer (index, see [`BankData::customer_ids`]).
    pub customer: Vec<u32>,
    /// The day written, days since 1970-01-01.
    pub day: Vec<i64>,
    /// The channel it came through ("" when not given).
    pub channel: Vec<String>,
    /// Where it came from: "survey", "complaint", "app_review" or the bank's own ("" when
    /// not given).
    pub source: Vec<String>,
    /// The text, as written (masked only when shown).
    pub text: Vec<String>,
    /// The writer's likelihood to recommend, 0–10, where the comment came with one (NaN
    /// otherwise).
    pub score: Vec<f64>,
}

/// A bank's data, each kind optional (a bank's own files may cover only some); the demo
/// bank has every kind (see [`demo_bank`](super::demo_bank) for its planted structure).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BankData {
    /// Customers.
    pub customers: Option<Customers>,
    /// Two years of transactions.
    pub transactions: Option<Transactions>,
    /// Two NPS/CSAT/CES survey waves.
    pub survey: Option<SurveyWaves>,
    /// A SERVQUAL survey.
    pub servqual: Option<ServqualSurvey>,
    /// A KANO questionnaire.
    pub kano: Option<KanoSurvey>,
    /// A satisfaction-index questionnaire with its path model.
    #[serde(default)]
    pub satisfaction: Option<SatisfactionSurvey>,
    /// Journey touchpoint events.
    pub events: Option<JourneyEvents>,
    /// Complaint records.
    pub complaints: Option<ComplaintRecords>,
    /// Customer comments.
    #[serde(default)]
    pub comments: Option<Comments>,
    /// Customers' own ids by index, where they are not the indices themselves: the demo bank
    /// numbers its customers 0, 1, …; a bank's files name them as they like.
    pub customer_ids: Option<Vec<String>>,
    /// Segment names, indexed by [`Customers::segment`].
    pub segments: Vec<String>,
    /// Channel names, indexed by [`ComplaintRecords::channel`].
    pub channels: Vec<String>,
    /// Category names, indexed by [`ComplaintRecords::category`].
    pub categories: Vec<String>,
    /// The journeys' indicator tree, JSON (empty without journey events).
    pub journey_tree: String,
    /// Where the data came from: the demo bank, files, or the calling program.
    #[serde(default)]
    pub origin: Origin,
    /// The files read, in the order read (empty unless read from files).
    #[serde(default)]
    pub files: Vec<FileRead>,
    /// The files of the data folder that were not read, and why (see
    /// [`bank_files`](super::bank_files)).
    #[serde(default)]
    pub ignored: Vec<IgnoredFile>,
}
