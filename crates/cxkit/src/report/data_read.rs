//! The "Data read" part of the report: what the data were read from (the demo bank, the
//! calling program or files), every file read, every join of a table to the customer table,
//! and every file of the folder not read, each as one line in the report's language.

use serde::Serialize;

use super::lang::{Key, Table};
use super::BankReport;
use crate::data::{FileRead, IdMatch, IgnoreReason, IgnoredFile, Origin};

/// What the report was computed from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DataFiles {
    /// The demo bank, files, or the calling program.
    pub origin: Origin,
    /// The files read, in the order read.
    pub read: Vec<FileRead>,
    /// The files of the data folder not read, with the reason.
    pub ignored: Vec<IgnoredFile>,
}

impl BankReport {
    /// What the data were read from, one line each in the report's language: the demo bank
    /// (or the calling program), every file read (its encoding, rows and empty rows skipped),
    /// every join to the customer table, every file of the folder ignored and why. What
    /// `cxkit report` prints and the HTML's "Data read" part shows.
    ///
    /// ```
    /// let r = cxkit::report::bank_report(&cxkit::data::demo_bank(3, 2_000).unwrap(), &Default::default())?;
    /// let lines = r.data_lines();
    /// assert!(lines[0].starts_with("Data: the built-in demo bank (seed 3, 2000 customers)"));
    /// assert!(lines[1].starts_with("transactions.csv: "));
    ///
    /// let bank = cxkit::data::BankData::read_files([("Survey.csv", "wave,customer_id,ltr\n1,a,9\n,,\n".as_bytes())])?;
    /// let r = cxkit::report::bank_report(&bank, &Default::default())?;
    /// assert_eq!(r.data_lines(), ["Read survey.csv (as Survey.csv): 1 rows (UTF-8), 1 empty rows skipped."]);
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn data_lines(&self) -> Vec<String> {
        let t = self.lang.table();
        let mut lines: Vec<String> = self.origin_line().into_iter().collect();
        lines.extend(self.files.read.iter().map(|f| {
            let file = file_label(t, f);
            match f.rows {
                Some(rows) => t.fill(
                    Key::data_file_line,
                    &[
                        ("file", &file),
                        ("rows", &rows.to_string()),
                        ("encoding", f.encoding.name()),
                        ("empty", &f.empty_rows.to_string()),
                    ],
                ),
                None => t.fill(
                    Key::data_tree_line,
                    &[("file", &file), ("encoding", f.encoding.name())],
                ),
            }
        }));
        lines.extend(self.join_lines());
        lines.extend(self.ignored_lines());
        lines
    }

    /// The sentence on where the data came from, unless from files (which are listed).
    pub(crate) fn origin_line(&self) -> Option<String> {
        let t = self.lang.table();
        match &self.files.origin {
            Origin::Demo { seed, customers } => Some(t.fill(
                Key::data_demo,
                &[
                    ("seed", &seed.to_string()),
                    ("customers", &customers.to_string()),
                ],
            )),
            Origin::Program => Some(t.get(Key::data_program).to_string()),
            Origin::Files => None,
        }
    }

    /// One sentence per join to the customer table.
    pub(crate) fn join_lines(&self) -> Vec<String> {
        let t = self.lang.table();
        self.joins
            .iter()
            .map(|j| {
                t.fill(
                    Key::join_line,
                    &[
                        ("file", &j.file),
                        ("matched", &j.matched.to_string()),
                        ("distinct", &j.distinct.to_string()),
                        ("what", join_what(t, j)),
                        ("against", &j.against),
                    ],
                )
            })
            .collect()
    }

    /// One sentence per file of the folder not read.
    pub(crate) fn ignored_lines(&self) -> Vec<String> {
        let t = self.lang.table();
        self.files
            .ignored
            .iter()
            .map(|f| {
                let reason = match &f.reason {
                    IgnoreReason::NotDataFile => t.get(Key::ignored_not_data).to_string(),
                    IgnoreReason::Hidden => t.get(Key::ignored_hidden).to_string(),
                    IgnoreReason::Folder => t.get(Key::ignored_folder).to_string(),
                    IgnoreReason::OtherFormat { of } => {
                        t.fill(Key::ignored_other_format, &[("of", of)])
                    }
                };
                t.fill(
                    Key::data_ignored_line,
                    &[("file", &f.file), ("reason", &reason)],
                )
            })
            .collect()
    }
}

/// A file's schema name, with its own name when that differs.
pub(crate) fn file_label(t: &Table, f: &FileRead) -> String {
    if f.source == f.name {
        f.name.clone()
    } else {
        t.fill(Key::data_as, &[("file", &f.name), ("source", &f.source)])
    }
}

/// What a join matches, in the report's language: customer ids or segments.
pub(super) fn join_what<'a>(t: &'a Table, join: &IdMatch) -> &'a str {
    t.get(if join.column == "segment" {
        Key::join_segments
    } else {
        Key::join_customer_ids
    })
}
