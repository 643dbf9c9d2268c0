//! A bank's own files: reading the CSV files (and the indicator tree) of
//! `docs/data-schema.md` into a [`BankData`](super::BankData) and writing one back.
//!
//! - `columns.rs`: the files and their columns ([`BANK_FILES`], [`HEADER_ALIASES`],
//!   [`LABEL_FIELDS`]);
//! - `dir.rs`: which files of a folder are the data files ([`bank_files`]);
//! - `read.rs`: reading them ([`BankData::read_dir`](super::BankData::read_dir),
//!   [`BankData::read_files`](super::BankData::read_files)), UTF-8 or GB18030;
//! - `dates.rs`: dates and times as the files write them ([`parse_date`], [`parse_time`]);
//! - `provenance.rs`: where the data came from and how the tables' ids match ([`Origin`],
//!   [`FileRead`], [`IgnoredFile`], [`IdMatch`]);
//! - `write.rs`: writing them ([`BankData::write_csv`](super::BankData::write_csv)).

mod columns;
mod dates;
mod dir;
mod provenance;
mod read;
mod write;

pub use columns::{label_field, LabelField, BANK_FILES, HEADER_ALIASES, LABEL_FIELDS};
pub use dates::{parse_date, parse_time};
pub use dir::{bank_files, DataDir, FoundFile};
pub use provenance::{Encoding, FileRead, IdMatch, IgnoreReason, IgnoredFile, Origin};
pub(crate) use write::unwritable;
