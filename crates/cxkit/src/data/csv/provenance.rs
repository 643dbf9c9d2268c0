//! Where a bank's data came from: the files read (in which encoding, how many rows, how many
//! empty rows skipped), the files of the folder that were not read and why, and how the ids
//! of the tables match (customers of the transactions, survey and complaints against the
//! customer table; the segments of journey events against the customers' segments).

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::data::schema::BankData;

/// Where a [`BankData`] came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Origin {
    /// Assembled by the calling program (the default of [`BankData::default`]).
    #[default]
    Program,
    /// The built-in demo bank ([`demo_bank`](crate::data::demo_bank)).
    Demo {
        /// Its seed.
        seed: u64,
        /// Its customers.
        customers: usize,
    },
    /// Read from files ([`BankData::read_dir`], [`BankData::read_files`]); see
    /// [`BankData::files`] and [`BankData::ignored`].
    Files,
}

/// The text encoding a file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Encoding {
    /// UTF-8 (with or without a byte-order mark).
    #[serde(rename = "UTF-8")]
    Utf8,
    /// GB18030, which includes GBK: what Excel saves as "CSV" on Chinese Windows. A file whose
    /// bytes are not UTF-8 is read as GB18030 when they are that.
    #[serde(rename = "GB18030")]
    Gb18030,
}

impl Encoding {
    /// The encoding's usual name: "UTF-8" or "GB18030".
    ///
    /// ```
    /// assert_eq!(cxkit::data::Encoding::Gb18030.name(), "GB18030");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Gb18030 => "GB18030",
        }
    }
}

/// One file of a bank's data as it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRead {
    /// The file's name in the schema, one of [`BANK_FILES`](super::BANK_FILES).
    pub name: String,
    /// Its name as found or given (another letter case, e.g. "Survey.CSV", reads as the
    /// schema's name).
    pub source: String,
    /// The encoding its text was read in.
    pub encoding: Encoding,
    /// Data rows read (the header not counted; None for the indicator tree, not a table).
    pub rows: Option<usize>,
    /// Rows skipped because every cell was empty (spreadsheets leave `,,,,` rows after the
    /// data).
    pub empty_rows: usize,
}

/// Why a file of a data folder was not read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IgnoreReason {
    /// Not a file of the schema (notes, other exports …).
    NotDataFile,
    /// A hidden file (its name starts with a dot, like .DS_Store), a lock file a program
    /// keeps while it has a file open (~$survey.csv, .~lock.survey.csv#) or an editor's
    /// backup (survey.csv~).
    Hidden,
    /// A folder.
    Folder,
    /// The same name as a data file that is read, in another format (survey.xlsx beside
    /// survey.csv).
    OtherFormat {
        /// The data file that is read.
        of: String,
    },
}

/// A file of a data folder that was not read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IgnoredFile {
    /// Its name.
    pub file: String,
    /// Why.
    pub reason: IgnoreReason,
}

/// How the values of one column of a table match those of another: the customer ids of
/// transactions.csv, survey.csv and complaints.csv against customers.csv, the segments of
/// journey_events.csv against those of customers.csv. Ids are compared exactly as written
/// (see [`crate::labels`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdMatch {
    /// The table whose values are matched, by its file name (e.g. "transactions.csv").
    pub file: String,
    /// The column matched: "customer_id" or "segment".
    pub column: String,
    /// The table they are matched against: "customers.csv".
    pub against: String,
    /// Distinct values in `file`.
    pub distinct: usize,
    /// How many of them `against` has.
    pub matched: usize,
    /// The first value (in `file`'s order) that `against` lacks, when one does.
    pub unmatched_example: Option<String>,
}

impl IdMatch {
    /// Whether at least half of the distinct values are matched: below that, what is
    /// computed across the two tables would describe the mismatch rather than the customers.
    ///
    /// ```
    /// use cxkit::data::IdMatch;
    /// let m = IdMatch {
    ///     file: "transactions.csv".into(), column: "customer_id".into(),
    ///     against: "customers.csv".into(), distinct: 2_000, matched: 12,
    ///     unmatched_example: Some("123".into()),
    /// };
    /// assert!(!m.holds());
    /// ```
    pub fn holds(&self) -> bool {
        2 * self.matched >= self.distinct
    }
}

/// The distinct codes of `codes` in order of first appearance.
fn distinct(codes: &[u32]) -> Vec<u32> {
    let mut seen = HashSet::new();
    codes.iter().copied().filter(|c| seen.insert(*c)).collect()
}

impl BankData {
    /// How the ids of each table that names customers match the customer table, and the
    /// segments of the journey events those of the customers, computed from the data (so the
    /// same for a bank read from files, built in a program or the demo bank). Empty without a
    /// customer table: there is nothing to match against.
    ///
    /// A customer code below the customer table's length is a customer of that table (the
    /// reader numbers customers.csv's ids first, the demo bank numbers its customers so).
    ///
    /// ```
    /// use cxkit::data::BankData;
    /// let customers = "customer_id,segment,age,gender,income_band,occupation,region,channel,products,balance\n\
    ///                  0000123,mass,30,F,2,,,,1,\n0000124,mass,41,M,3,,,,2,\n";
    /// let transactions = "customer_id,date,amount\n123,2025-01-03,10\n0000124,2025-01-04,12\n";
    /// let bank = BankData::read_files([
    ///     ("customers.csv", customers.as_bytes()),
    ///     ("transactions.csv", transactions.as_bytes()),
    /// ])?;
    /// let m = &bank.id_matches()[0];
    /// assert_eq!((m.file.as_str(), m.distinct, m.matched), ("transactions.csv", 2, 1));
    /// assert_eq!(m.unmatched_example.as_deref(), Some("123"));
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn id_matches(&self) -> Vec<IdMatch> {
        let Some(customers) = &self.customers else {
            return Vec::new();
        };
        let n = customers.segment.len();
        let id = |c: u32| match &self.customer_ids {
            Some(ids) => ids
                .get(c as usize)
                .cloned()
                .unwrap_or_else(|| c.to_string()),
            None => c.to_string(),
        };
        let by_customer = |file: &str, codes: &[u32]| {
            let codes = distinct(codes);
            IdMatch {
                file: file.to_string(),
                column: "customer_id".to_string(),
                against: "customers.csv".to_string(),
                distinct: codes.len(),
                matched: codes.iter().filter(|&&c| (c as usize) < n).count(),
                unmatched_example: codes.iter().find(|&&c| c as usize >= n).map(|&c| id(c)),
            }
        };
        let mut out = Vec::new();
        if let Some(t) = &self.transactions {
            out.push(by_customer("transactions.csv", &t.customer));
        }
        if let Some(s) = &self.survey {
            out.push(by_customer("survey.csv", &s.customer));
        }
        if let Some(q) = &self.satisfaction {
            out.push(by_customer("satisfaction.csv", &q.customer));
        }
        if let Some(c) = &self.comments {
            out.push(by_customer("comments.csv", &c.customer));
        }
        if let Some(e) = &self.events {
            let known: HashSet<&str> = distinct(
                &customers
                    .segment
                    .iter()
                    .map(|&s| u32::from(s))
                    .collect::<Vec<_>>(),
            )
            .iter()
            .filter_map(|&s| self.segments.get(s as usize).map(String::as_str))
            .collect();
            let mut seen = HashSet::new();
            let names: Vec<&str> = e
                .segment
                .iter()
                .map(String::as_str)
                .filter(|s| !s.is_empty() && seen.insert(*s))
                .collect();
            if !names.is_empty() {
                out.push(IdMatch {
                    file: "journey_events.csv".to_string(),
                    column: "segment".to_string(),
                    against: "customers.csv".to_string(),
                    distinct: names.len(),
                    matched: names.iter().filter(|s| known.contains(*s)).count(),
                    unmatched_example: names
                        .iter()
                        .find(|s| !known.contains(*s))
                        .map(|s| s.to_string()),
                });
            }
        }
        if let Some(c) = &self.complaints {
            out.push(by_customer("complaints.csv", &c.customer));
        }
        out
    }
}
