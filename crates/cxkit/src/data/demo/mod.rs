//! Synthetic data for demos, examples, tests and benchmarks, generated deterministically from
//! a seed (the same data for the same seed on every platform):
//!
//! - `bank.rs`: the demo bank ([`demo_bank`]), every table the report reads, with the planted
//!   structure its documentation lists and the constants that name it ([`KANO_FEATURES`],
//!   [`KANO_MIGRATION`], [`DEMO_TREE`], [`SEGMENTS`] …);
//! - `comments.rs`: the demo bank's comments and complaint descriptions, with the topics it
//!   plants ([`DEMO_COSTLIEST_TOPIC`], [`DEMO_EMERGING_TOPIC`], [`DEMO_WAITING_CHANNEL`]);
//! - `satisfaction.rs`: the demo bank's satisfaction-index questionnaire and the chain it
//!   plants ([`SATISFACTION_CHAIN`], [`demo_satisfaction_model`]);
//! - `survey.rs`: a two-wave branch survey ([`demo_survey`]);
//! - `panel.rs`: BG/NBD and Pareto/NBD customer panels ([`simulate_bgnbd`],
//!   [`simulate_pareto_nbd`]).

mod bank;
mod comments;
mod panel;
mod satisfaction;
mod survey;

pub use bank::{
    check_demo_size, demo_bank, CATEGORIES, CHANNELS, DEMO_CUSTOMERS, DEMO_MIN_CUSTOMERS,
    DEMO_SEED, DEMO_TREE, KANO_FEATURES, KANO_MIGRATION, SEGMENTS, START_DAY,
};
pub use comments::{
    DEMO_COSTLIEST_TOPIC, DEMO_EMERGING_TOPIC, DEMO_LAST_QUARTER_DAYS, DEMO_WAITING_CHANNEL,
};
pub use panel::{simulate_bgnbd, simulate_pareto_nbd};
pub use satisfaction::{demo_satisfaction_model, SATISFACTION_CHAIN, SATISFACTION_CONSTRUCTS};
pub use survey::{demo_survey, DemoSurvey, DEMO_BRANCHES};
