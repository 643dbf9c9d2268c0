//! A bank's data, in three parts:
//!
//! - **schema** — the tables: [`BankData`] with one optional table of each kind
//!   ([`Customers`], [`Transactions`], [`SurveyWaves`], [`ServqualSurvey`], [`KanoSurvey`],
//!   [`SatisfactionSurvey`], [`JourneyEvents`], [`ComplaintRecords`], [`Comments`]), what every analysis and the report read;
//! - **demo** — synthetic data generated deterministically from a seed: the demo bank
//!   ([`demo_bank`], every table, with documented planted structure), a two-wave customer
//!   survey ([`demo_survey`]), and BG/NBD / Pareto/NBD customer panels ([`simulate_bgnbd`],
//!   [`simulate_pareto_nbd`]);
//! - **csv** — a bank's own files: the CSV files of `docs/data-schema.md` read
//!   ([`BankData::read_dir`], [`BankData::read_files`], [`bank_files`]) and written
//!   ([`BankData::write_csv`]), with where the data came from ([`Origin`], [`FileRead`]) and
//!   how the tables' ids match ([`IdMatch`]).
//!
//! Everything is used from here: `cxkit::data::demo_bank`, `cxkit::data::BankData`, ….

mod csv;
mod demo;
mod schema;

pub(crate) use self::csv::unwritable;
pub use self::csv::{
    bank_files, label_field, parse_date, parse_time, DataDir, Encoding, FileRead, FoundFile,
    IdMatch, IgnoreReason, IgnoredFile, LabelField, Origin, BANK_FILES, HEADER_ALIASES,
    LABEL_FIELDS,
};
pub use demo::{
    check_demo_size, demo_bank, demo_satisfaction_model, demo_survey, simulate_bgnbd,
    simulate_pareto_nbd, DemoSurvey, CATEGORIES, CHANNELS, DEMO_BRANCHES, DEMO_COSTLIEST_TOPIC,
    DEMO_CUSTOMERS, DEMO_EMERGING_TOPIC, DEMO_LAST_QUARTER_DAYS, DEMO_MIN_CUSTOMERS, DEMO_SEED,
    DEMO_TREE, DEMO_WAITING_CHANNEL, KANO_FEATURES, KANO_MIGRATION, SATISFACTION_CHAIN,
    SATISFACTION_CONSTRUCTS, SEGMENTS, START_DAY,
};
pub use schema::{
    BankData, Comments, ComplaintRecords, Customers, JourneyEvents, KanoSurvey, SatisfactionSurvey,
    ServqualSurvey, SurveyWaves, Transactions,
};
