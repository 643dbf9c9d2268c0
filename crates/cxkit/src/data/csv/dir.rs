//! A folder of a bank's data files: which of its files are the data files of the schema,
//! which are ignored and why, and which look like a data file under a wrong name.
//!
//! A file whose name is a schema name in another letter case (Survey.CSV) is read as that
//! file. A name close to a schema name (survey (1).csv, surveys.csv, customer.csv: a copy
//! suffix, or at most two letters off, one for the short kano.csv) is an error naming the
//! expected name, and so is a schema name in another format (survey.xlsx) when the data file
//! itself is not there. Hidden files, lock files, folders and other files are listed as
//! ignored.

use std::path::{Path, PathBuf};

use super::columns::{known_file, BANK_FILES};
use super::provenance::{IgnoreReason, IgnoredFile};
use super::read::file_error;
use crate::Result;

/// A data file found in a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundFile {
    /// Its name in the schema, one of [`BANK_FILES`].
    pub name: &'static str,
    /// Its name in the folder (the schema's name, or it in another letter case).
    pub source: String,
    /// Its path.
    pub path: PathBuf,
}

/// The files of a data folder: the data files to read, in the order they are read, and the
/// files that are not read with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    /// The data files, in the order of [`BANK_FILES`].
    pub files: Vec<FoundFile>,
    /// The other files, by name.
    pub ignored: Vec<IgnoredFile>,
}

impl DataDir {
    /// Opens every data file: (its name in the folder, the file).
    ///
    /// # Errors
    /// [`crate::Error::DataFile`] when a file cannot be opened.
    pub fn open(&self) -> Result<Vec<(String, std::fs::File)>> {
        self.files
            .iter()
            .map(|f| {
                let file = std::fs::File::open(&f.path).map_err(|e| {
                    file_error(&f.source, 0, None, format!("a readable file ({e})"))
                })?;
                Ok((f.source.clone(), file))
            })
            .collect()
    }
}

/// Edit distance of `a` and `b` counting an insertion, a deletion, a substitution or a swap
/// of two neighbours as one (optimal string alignment).
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

/// "survey" and ".csv" of "survey.csv".
fn split_name(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(dot) if dot > 0 => name.split_at(dot),
        _ => (name, ""),
    }
}

/// Whether `rest` is what a copy of a file adds to its stem: " (1)", " - Copy", "_2",
/// " copy", " - 副本" …
fn copy_suffix(rest: &str) -> bool {
    let rest = rest.replace("copy", "").replace("副本", "");
    !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || " _-()".contains(c))
}

/// The schema name that `name` (lower-cased, not a schema name) looks like, if any.
fn close_to(name: &str) -> Option<&'static str> {
    let (stem, ext) = split_name(name);
    let (copied, stem) = match stem.strip_prefix("copy of ") {
        Some(rest) => (true, rest),
        None => (false, stem),
    };
    BANK_FILES.iter().copied().find(|known| {
        let (known_stem, known_ext) = split_name(known);
        let limit = if known_stem.chars().count() < 6 { 1 } else { 2 };
        distance(name, known) <= limit
            || (ext == known_ext
                && stem
                    .strip_prefix(known_stem)
                    .is_some_and(|rest| (copied && rest.is_empty()) || copy_suffix(rest)))
    })
}

/// The schema name whose stem `name` (lower-cased) has, with another extension.
fn other_format(name: &str) -> Option<&'static str> {
    let (stem, ext) = split_name(name);
    BANK_FILES.iter().copied().find(|known| {
        let (known_stem, known_ext) = split_name(known);
        stem == known_stem && ext != known_ext
    })
}

/// The data files of [`BANK_FILES`] in `dir` (found in any letter case) and the other files
/// of the folder with the reason they are not read.
///
/// # Errors
/// [`crate::Error::DataFile`] when `dir` is not a readable directory, holds none of the
/// data files, holds two files that are one data file in different letter cases, or holds
/// a file named like a data file but not quite (survey (1).csv, surveys.csv; survey.xlsx
/// without survey.csv): renamed or moved away, it is no longer mistaken.
///
/// ```
/// use cxkit::data::{bank_files, IgnoreReason};
///
/// let dir = std::env::temp_dir().join(format!("cxkit-files-doc-{}", std::process::id()));
/// cxkit::data::demo_bank(1, 1_000).unwrap().write_csv(&dir)?;
/// std::fs::write(dir.join("notes.txt"), "read me").unwrap();
/// let found = bank_files(&dir)?;
/// assert_eq!(found.files[0].name, "customers.csv");
/// assert_eq!(found.files.len(), 11);
/// assert_eq!(found.ignored[0].file, "notes.txt");
/// assert_eq!(found.ignored[0].reason, IgnoreReason::NotDataFile);
///
/// std::fs::write(dir.join("survey (1).csv"), "").unwrap();
/// let err = bank_files(&dir).unwrap_err();
/// assert!(err.to_string().starts_with("survey (1).csv: expected the name survey.csv"), "{err}");
/// # std::fs::remove_dir_all(&dir).ok();
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn bank_files(dir: &Path) -> Result<DataDir> {
    let shown = dir.display().to_string();
    if !dir.is_dir() {
        return Err(file_error(&shown, 0, None, "a directory of data files"));
    }
    let entries = std::fs::read_dir(dir)
        .map_err(|e| file_error(&shown, 0, None, format!("a readable directory ({e})")))?;
    let mut names: Vec<(String, bool)> = Vec::new();
    for entry in entries {
        let entry = entry
            .map_err(|e| file_error(&shown, 0, None, format!("a readable directory ({e})")))?;
        let folder = entry.file_type().is_ok_and(|t| t.is_dir());
        names.push((entry.file_name().to_string_lossy().into_owned(), folder));
    }
    names.sort();
    let mut found: Vec<Option<FoundFile>> = BANK_FILES.iter().map(|_| None).collect();
    let mut ignored = Vec::new();
    let mut formats: Vec<(String, &'static str)> = Vec::new();
    for (name, folder) in names {
        let lower = name.to_lowercase();
        let reason = if folder {
            IgnoreReason::Folder
        } else if let Some(k) = known_file(&name) {
            if let Some(earlier) = &found[k] {
                return Err(file_error(
                    &name,
                    0,
                    None,
                    format!(
                        "one file named {} (in any letter case), found {} and {name}; keep one",
                        BANK_FILES[k], earlier.source
                    ),
                ));
            }
            found[k] = Some(FoundFile {
                name: BANK_FILES[k],
                path: dir.join(&name),
                source: name,
            });
            continue;
        } else if name.starts_with('.') || name.starts_with("~$") || name.ends_with(['#', '~']) {
            IgnoreReason::Hidden
        } else if let Some(expected) = close_to(&lower) {
            return Err(file_error(
                &name,
                0,
                None,
                format!(
                    "the name {expected}: a file named this close to a data file is not read \
                     as it; rename it to {expected} if it holds those data, or move it out of \
                     {shown}"
                ),
            ));
        } else if let Some(known) = other_format(&lower) {
            formats.push((name, known));
            continue;
        } else {
            IgnoreReason::NotDataFile
        };
        ignored.push(IgnoredFile { file: name, reason });
    }
    // survey.xlsx beside survey.csv is the workbook it was saved from; alone, it is the data
    // in a format the reader does not read.
    for (name, known) in formats {
        let stem = split_name(known).0;
        let read = found
            .iter()
            .flatten()
            .find(|f| split_name(f.name).0 == stem);
        match read {
            Some(f) => ignored.push(IgnoredFile {
                file: name,
                reason: IgnoreReason::OtherFormat {
                    of: f.source.clone(),
                },
            }),
            None => {
                return Err(file_error(
                    &name,
                    0,
                    None,
                    format!(
                        "{known}: the data are read from {known} only; save {name} in that \
                         format (for a spreadsheet, in Excel: Save As → CSV UTF-8)"
                    ),
                ))
            }
        }
    }
    ignored.sort_by(|a, b| a.file.cmp(&b.file));
    let files: Vec<FoundFile> = found.into_iter().flatten().collect();
    if files.is_empty() {
        return Err(file_error(
            &shown,
            0,
            None,
            format!("at least one of {}", BANK_FILES.join(", ")),
        ));
    }
    Ok(DataDir { files, ignored })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_count_swaps_as_one() {
        assert_eq!(distance("survey.csv", "survey.csv"), 0);
        assert_eq!(distance("surveys.csv", "survey.csv"), 1);
        assert_eq!(distance("knao.csv", "kano.csv"), 1);
        assert_eq!(distance("bank.csv", "kano.csv"), 2);
        assert_eq!(distance("", "abc"), 3);
    }

    #[test]
    fn close_names_and_other_files() {
        for (name, expected) in [
            ("survey (1).csv", "survey.csv"),
            ("survey - copy.csv", "survey.csv"),
            ("survey - copy (2).csv", "survey.csv"),
            ("copy of survey.csv", "survey.csv"),
            ("survey - 副本.csv", "survey.csv"),
            ("survey_2.csv", "survey.csv"),
            ("surveys.csv", "survey.csv"),
            ("survey.cvs", "survey.csv"),
            ("customer.csv", "customers.csv"),
            ("complaint.csv", "complaints.csv"),
            ("knao.csv", "kano.csv"),
            ("kano (3).csv", "kano.csv"),
            ("journey_event.csv", "journey_events.csv"),
            ("journey_tree.jsn", "journey_tree.json"),
        ] {
            assert_eq!(close_to(name), Some(expected), "{name}");
        }
        for name in [
            "notes.txt",
            "bank.csv",
            "survey_old.csv",
            "readme.md",
            "survey.xlsx",
        ] {
            assert_eq!(close_to(name), None, "{name}");
        }
        assert_eq!(other_format("survey.xlsx"), Some("survey.csv"));
        assert_eq!(other_format("journey_tree.yaml"), Some("journey_tree.json"));
        assert_eq!(other_format("notes.txt"), None);
    }
}
