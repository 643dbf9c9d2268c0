//! # cxkit
//!
//! Customer-experience analytics for retail banking, computed correctly and fast: survey
//! scores (NPS, CSAT, CES, Likert items) with intervals, weights and wave-to-wave tests; KANO
//! analysis; customer value, lifetime value (BG/NBD, Pareto/NBD, Gamma-Gamma) and value tiers;
//! RFM and k-means segments; SERVQUAL, reliability and key drivers; journey indicators and
//! pain points; complaint handling; and the bank report (HTML and JSON, English or Chinese)
//! on the demo bank or a bank's own CSV files. States merge, for partitioned and distributed
//! runs. The README lists the modules.
//!
//! This crate is the pure-Rust core. The same functions, under the same names, are in the
//! Python package `cxkit` and the C library `libcxkit`.
//!
//! ```
//! use cxkit::survey::{nps, NpsOptions};
//!
//! let scores = [10, 9, 7, 3, 10];
//! let r = nps(&scores, None, &NpsOptions::default())?;
//! assert!((r.score - 40.0).abs() < 1e-12);
//! # Ok::<(), cxkit::Error>(())
//! ```
//!
//! Bad input is an [`Error`], never a panic and never a silent NaN.

mod bytes;
pub mod clv;
pub mod complaints;
pub mod covariance;
pub mod data;
mod distribution;
pub mod drivers;
pub mod error;
pub mod ipa;
pub mod journey;
pub mod kano;
pub mod labels;
pub mod long;
pub mod names;
pub mod pls;
pub mod quality;
mod quantile;
pub mod reliability;
pub mod report;
pub mod resample;
pub mod scale;
pub mod segment;
mod simd;
pub mod survey;
pub mod text;
pub mod value;

pub use error::{Error, Result};

/// The version of this crate (and of the C header and Python package built with it).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The README's Rust example, run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeExample;

/// The crate README's example (the page crates.io shows), run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct CrateReadmeExample;
