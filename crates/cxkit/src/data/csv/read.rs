//! A bank's own data, read from the CSV files of `docs/data-schema.md` (any subset of them):
//! what `cxkit report --data DIR` and `cxkit.report(dir_or_frames)` run on.
//!
//! Every problem is an [`Error::DataFile`] naming the file, the line (counting the header as
//! line 1), the column and what was expected there.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;

use super::columns::{aliases, known_file, BANK_FILES};
use super::dates::{parse_date, parse_time};
use super::provenance::{Encoding, FileRead, Origin};
use crate::complaints::{parse_flag, FLAG_EXPECTED, NOT_YET};
use crate::data::schema::{
    BankData, Comments, ComplaintRecords, Customers, JourneyEvents, KanoSurvey, SatisfactionSurvey,
    ServqualSurvey, SurveyWaves, Transactions,
};
use crate::journey::IndicatorTree;
use crate::labels::Interner;
use crate::long;
use crate::pls::PlsModel;
use crate::quality::Dimensions;
use crate::text::MAX_TEXT_BYTES;
use crate::{Error, Result};

/// The days a date or time of a data file may fall on: 1900-01-01 to 2099-12-31.
const PLAUSIBLE_DAYS: std::ops::RangeInclusive<i64> = -25_567..=47_481;

/// The error of a data file: the file, the line (the header is line 1; 0 for the whole
/// file), the column and what was expected there.
pub(crate) fn file_error(
    file: &str,
    line: u64,
    column: Option<&str>,
    expected: impl Into<String>,
) -> Error {
    Error::DataFile {
        file: file.to_string(),
        line,
        column: column.map(str::to_string),
        expected: expected.into(),
    }
}

/// Refuses a second file for what one file holds, read from `stem`.json or `stem`.toml.
fn only_one(taken: bool, file: &str, what: &str, stem: &str) -> Result<()> {
    if taken {
        return Err(file_error(
            file,
            0,
            None,
            format!("one {what}: {stem}.json or {stem}.toml, not both"),
        ));
    }
    Ok(())
}

/// Whether a model or tree file is TOML (else JSON), by its extension.
fn is_toml(file: &str) -> bool {
    file.to_ascii_lowercase().ends_with(".toml")
}

/// Line (from 1) of byte `at` of `bytes`.
fn line_of(bytes: &[u8], at: usize) -> u64 {
    1 + bytes[..at.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
}

/// A file's bytes as text: UTF-8 (a byte-order mark is skipped), or else GB18030 (which
/// includes GBK, what Excel saves as CSV on Chinese Windows); an error naming the first line
/// with bytes that are neither.
fn decode(file: &str, bytes: Vec<u8>) -> Result<(String, Encoding)> {
    let bytes = match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            return Ok((text, Encoding::Utf8));
        }
        Err(e) => e.into_bytes(),
    };
    let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(
        decoder
            .max_utf8_buffer_length_without_replacement(bytes.len())
            .unwrap_or(2 * bytes.len()),
    );
    let mut done = 0;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[done..], &mut text, true);
        done += read;
        match result {
            encoding_rs::DecoderResult::InputEmpty => break,
            encoding_rs::DecoderResult::OutputFull => text.reserve(2 * (bytes.len() - done) + 4),
            encoding_rs::DecoderResult::Malformed(bad, after) => {
                let at = done - after as usize - bad as usize;
                let shown: Vec<String> = bytes[at..at + bad as usize]
                    .iter()
                    .map(|b| format!("0x{b:02X}"))
                    .collect();
                return Err(file_error(
                    file,
                    line_of(&bytes, at),
                    None,
                    format!(
                        "text in UTF-8 (or GBK/GB18030, as Excel saves CSV on Chinese Windows), \
                         found the bytes {}, which are neither; save the file as UTF-8 (in \
                         Excel: Save As → CSV UTF-8)",
                        shown.join(" ")
                    ),
                ));
            }
        }
    }
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok((text, Encoding::Gb18030))
}

/// One CSV file being read: its header, the current record and where it is.
struct Sheet<'a> {
    /// The file's name as given (what the messages name).
    file: &'a str,
    text: &'a [u8],
    csv: csv::Reader<&'a [u8]>,
    /// The header's names, trimmed, as written.
    header: Vec<String>,
    record: csv::StringRecord,
    /// Line of the current record (the header is line 1).
    line: u64,
    /// Line ends counted so far, up to byte `counted`.
    newlines: u64,
    counted: usize,
    /// Byte after the last record read (or the header).
    after: usize,
    /// Data rows read, rows skipped because every cell was empty.
    rows: usize,
    empty_rows: usize,
}

impl<'a> Sheet<'a> {
    fn open(file: &'a str, text: &'a str) -> Result<Sheet<'a>> {
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .from_reader(text.as_bytes());
        let header = csv
            .headers()
            .map_err(|e| file_error(file, 1, None, format!("a header row ({e})")))?
            .iter()
            .map(|h| h.trim().to_string())
            .collect();
        let after = usize::try_from(csv.position().byte()).unwrap_or(usize::MAX);
        Ok(Sheet {
            file,
            text: text.as_bytes(),
            csv,
            header,
            record: csv::StringRecord::new(),
            line: 1,
            newlines: 0,
            counted: 0,
            after: after.min(text.len()),
            rows: 0,
            empty_rows: 0,
        })
    }

    /// The column named `name` or one of its [`aliases`], in any ASCII letter case, if there
    /// is one; an error when two columns are.
    fn optional(&self, name: &'static str) -> Result<Option<Column>> {
        let names = aliases(name);
        let mut found = self.header.iter().enumerate().filter(|(_, h)| {
            h.eq_ignore_ascii_case(name) || names.iter().any(|a| h.eq_ignore_ascii_case(a))
        });
        let Some((index, first)) = found.next() else {
            return Ok(None);
        };
        if let Some((again, second)) = found.next() {
            return Err(file_error(
                self.file,
                1,
                Some(name),
                format!(
                    "one column for `{name}` in the header, found two: {first:?} (column {}) and \
                     {second:?} (column {})",
                    index + 1,
                    again + 1
                ),
            ));
        }
        Ok(Some(Column { name, index }))
    }

    fn column(&self, name: &'static str) -> Result<Column> {
        match self.optional(name)? {
            Some(column) => Ok(column),
            None => Err(file_error(
                self.file,
                1,
                Some(name),
                match aliases(name) {
                    [] => format!(
                        "a column named `{name}` in the header (it has: {})",
                        self.header.join(", ")
                    ),
                    other => format!(
                        "a column named `{name}` (or {}) in the header (it has: {})",
                        other.join(", "),
                        self.header.join(", ")
                    ),
                },
            )),
        }
    }

    /// Line of the record starting at byte `at`, counting the blank lines before it as
    /// empty rows. A record's position may be the line end of the row before it ("\r\n" is
    /// read up to "\r"), so line ends there are passed over.
    fn line_at(&mut self, at: u64) -> u64 {
        let from = usize::try_from(at)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        let mut start = from;
        while start < self.text.len() && matches!(self.text[start], b'\r' | b'\n') {
            start += 1;
        }
        self.empty_rows += self.blank_lines(from, start);
        if start < self.counted {
            (self.counted, self.newlines) = (0, 0);
        }
        self.newlines += self.text[self.counted..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        self.counted = start;
        1 + self.newlines
    }

    /// Blank lines in `text[from..to]`, a run of line ends between two rows (or after the
    /// last): its "\n"s but the one ending the row before when that row ended in "\r".
    fn blank_lines(&self, from: usize, to: usize) -> usize {
        let ends = self.text[from..to].iter().filter(|&&b| b == b'\n').count();
        let split = from > 0 && self.text[from - 1] == b'\r' && self.text.get(from) == Some(&b'\n');
        ends - usize::from(split && ends > 0)
    }

    /// Moves to the next record with data, skipping (and counting) rows whose every cell
    /// is empty; false at the end of the file.
    fn next(&mut self) -> Result<bool> {
        loop {
            let more = self.csv.read_record(&mut self.record).map_err(|e| {
                file_error(
                    self.file,
                    self.line + 1,
                    None,
                    format!("readable CSV ({e})"),
                )
            })?;
            if !more {
                // Blank lines at the end are read without a record.
                self.empty_rows += self.blank_lines(self.after, self.text.len());
                return Ok(false);
            }
            self.after = usize::try_from(self.csv.position().byte())
                .unwrap_or(usize::MAX)
                .min(self.text.len());
            self.line = match self.record.position() {
                Some(p) => self.line_at(p.byte()),
                None => self.line + 1,
            };
            if self.record.iter().all(|cell| cell.trim().is_empty()) {
                self.empty_rows += 1;
                continue;
            }
            if self.record.len() != self.header.len() {
                return Err(file_error(
                    self.file,
                    self.line,
                    None,
                    format!(
                        "{} fields like the header, found {}",
                        self.header.len(),
                        self.record.len()
                    ),
                ));
            }
            self.rows += 1;
            return Ok(true);
        }
    }

    fn error(&self, column: &Column, expected: impl std::fmt::Display) -> Error {
        file_error(
            self.file,
            self.line,
            Some(column.name),
            format!("{expected}, found {:?}", self.text(column)),
        )
    }

    fn text(&self, column: &Column) -> &str {
        self.record.get(column.index).unwrap_or("").trim()
    }

    /// A cell of free text, at most [`MAX_TEXT_BYTES`] long (a comment, a complaint's
    /// description).
    fn long_text(&self, column: &Column) -> Result<&str> {
        let t = self.text(column);
        if t.len() > MAX_TEXT_BYTES {
            return Err(self.error(
                column,
                format!(
                    "a text of at most {MAX_TEXT_BYTES} bytes, found {}",
                    t.len()
                ),
            ));
        }
        Ok(t)
    }

    /// A non-empty cell.
    fn name(&self, column: &Column) -> Result<&str> {
        let t = self.text(column);
        if t.is_empty() {
            Err(self.error(column, "a value"))
        } else {
            Ok(t)
        }
    }

    /// An integer between `lo` and `hi`.
    fn integer<T: TryFrom<i64>>(&self, column: &Column, lo: i64, hi: i64) -> Result<T> {
        let t = self.text(column);
        // Spreadsheets write whole numbers as "3.0"; accept those too.
        let v = t
            .parse::<i64>()
            .ok()
            .or_else(|| {
                t.parse::<f64>()
                    .ok()
                    .filter(|v| v.fract() == 0.0 && v.abs() < 9e15)
                    .map(|v| v as i64)
            })
            .filter(|v| (lo..=hi).contains(v))
            .and_then(|v| T::try_from(v).ok());
        v.ok_or_else(|| self.error(column, format!("an integer from {lo} to {hi}")))
    }

    /// A KANO answer: its position 1–5 or a label in any of the wordings of
    /// [`Answer::parse`](crate::kano::Answer::parse), English or Chinese; every row needs one.
    fn kano_answer(&self, column: &Column) -> Result<u8> {
        use crate::kano::Answer;
        match Answer::parse(self.text(column)) {
            Ok(Some(a)) => Ok(a.position()),
            _ => Err(self.error(column, Answer::EXPECTED_TEXT)),
        }
    }

    /// A finite number, or NaN for an empty (or "NaN") cell where `missing` is allowed;
    /// within `[lo, hi]` when given.
    fn number(&self, column: &Column, missing: bool, range: Option<(f64, f64)>) -> Result<f64> {
        let t = self.text(column);
        if missing && (t.is_empty() || t.eq_ignore_ascii_case("nan")) {
            return Ok(f64::NAN);
        }
        match t.parse::<f64>() {
            Ok(v) if v.is_finite() && range.is_none_or(|(lo, hi)| (lo..=hi).contains(&v)) => Ok(v),
            _ => Err(self.error(
                column,
                match range {
                    Some((lo, hi)) => format!("a number from {lo} to {hi}"),
                    None => "a finite number".to_string(),
                },
            )),
        }
    }

    /// A date (`YYYY-MM-DD`, optionally with a valid time after it) as days since
    /// 1970-01-01 (the date as written).
    fn day(&self, column: &Column) -> Result<i64> {
        let day = parse_date(self.text(column)).ok_or_else(|| {
            self.error(
                column,
                "a date YYYY-MM-DD (optionally followed by a time THH:MM[:SS], with Z or an \
                 offset ±HH:MM)",
            )
        })?;
        self.plausible(column, day)?;
        Ok(day)
    }

    /// Errors unless `day` lies in [`PLAUSIBLE_DAYS`]: 0001-01-01 or 9999-12-31 stand for a
    /// missing date in many systems, and read as a date they stretch every time axis over
    /// centuries.
    fn plausible(&self, column: &Column, day: i64) -> Result<()> {
        if PLAUSIBLE_DAYS.contains(&day) {
            Ok(())
        } else {
            Err(self.error(
                column,
                "a date from 1900-01-01 to 2099-12-31 (0001-01-01 or 9999-12-31 usually stand \
                 for a missing date: leave the cell empty where the column may be empty)",
            ))
        }
    }

    /// A time (ISO 8601) as seconds since 1970 UTC; [`NOT_YET`] for an empty cell where
    /// `missing` is allowed.
    fn time(&self, column: &Column, missing: bool) -> Result<i64> {
        let t = self.text(column);
        if t.is_empty() && missing {
            return Ok(NOT_YET);
        }
        let time = parse_time(t).ok_or_else(|| {
            self.error(
                column,
                "a time YYYY-MM-DDTHH:MM:SS (optionally with Z or an offset ±HH:MM)",
            )
        })?;
        self.plausible(column, time.div_euclid(86_400))?;
        Ok(time)
    }

    /// Errors unless at least one record was read.
    fn done(&self) -> Result<()> {
        if self.rows == 0 {
            Err(file_error(self.file, 2, None, "at least one row of data"))
        } else {
            Ok(())
        }
    }
}

/// A required column: its name (for messages) and position.
struct Column {
    name: &'static str,
    index: usize,
}

/// Everything read so far, with the codes shared between files.
#[derive(Default)]
struct Builder {
    customers: Interner<String>,
    segments: Interner<String>,
    channels: Interner<String>,
    categories: Interner<String>,
    tree: Option<IndicatorTree>,
    model: Option<PlsModel>,
}

/// Reads one table with `read` and stores it in `slot`; returns (rows, empty rows).
fn table<'a, T>(
    mut sheet: Sheet<'a>,
    slot: &mut Option<T>,
    read: impl FnOnce(&mut Sheet<'a>) -> Result<T>,
) -> Result<(Option<usize>, usize)> {
    *slot = Some(read(&mut sheet)?);
    sheet.done()?;
    Ok((Some(sheet.rows), sheet.empty_rows))
}

impl BankData {
    /// Reads a bank's data from the files of `docs/data-schema.md` present in `dir` (see
    /// [`BANK_FILES`] and [`bank_files`](super::bank_files), which says which files of a
    /// folder are read, which are ignored and which are refused); at least one must be there.
    /// Customer ids become indices in the order the files name them (customers.csv first);
    /// [`BankData::customer_ids`] maps them back. [`BankData::files`] lists the files read,
    /// [`BankData::ignored`] the others.
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("cxkit-read-doc-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir).unwrap();
    /// std::fs::write(dir.join("survey.csv"), "wave,customer_id,ltr,csat,ces\n1,a,9,4,6\n1,b,3,2,2\n").unwrap();
    /// let bank = cxkit::data::BankData::read_dir(&dir)?;
    /// assert_eq!(bank.survey.as_ref().unwrap().ltr, [9, 3]);
    /// assert!(bank.customers.is_none() && bank.transactions.is_none());
    /// assert_eq!(bank.customer_ids, Some(vec!["a".to_string(), "b".to_string()]));
    /// assert_eq!(bank.files[0].rows, Some(2));
    ///
    /// std::fs::write(dir.join("survey.csv"), "wave,customer_id,ltr,csat,ces\n1,a,11,4,6\n").unwrap();
    /// let err = cxkit::data::BankData::read_dir(&dir).unwrap_err();
    /// assert_eq!(err.to_string(), "survey.csv, line 2, column `ltr`: expected an integer from 0 to 10, found \"11\"");
    /// # std::fs::remove_dir_all(&dir).ok();
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn read_dir(dir: &Path) -> Result<BankData> {
        let found = super::bank_files(dir)?;
        let mut bank = BankData::read_files(
            found
                .open()?
                .into_iter()
                .map(|(name, f)| (name, std::io::BufReader::new(f))),
        )?;
        bank.ignored = found.ignored;
        Ok(bank)
    }

    /// Reads a bank's data from named inputs, each named as one of [`BANK_FILES`] in any
    /// ASCII letter case (any subset, any order; each at most once). Each input is UTF-8 text,
    /// or else GB18030 (GBK, as Excel saves CSV on Chinese Windows); [`BankData::files`] says
    /// which.
    ///
    /// ```
    /// use cxkit::data::{BankData, Encoding};
    ///
    /// let complaints = "customer_id,channel,category,opened,first_response,resolved,contacts,reopened,satisfaction\n\
    ///                   c1,phone,fees,2025-03-04T09:30:00Z,2025-03-04T12:00:00Z,,1,0,\n";
    /// let bank = BankData::read_files([("Complaints.CSV", complaints.as_bytes())])?;
    /// let c = bank.complaints.as_ref().unwrap();
    /// assert_eq!(c.first_response[0] - c.opened[0], 9_000); // 2 h 30 min
    /// assert_eq!(bank.channels, ["phone"]);
    /// assert_eq!((bank.files[0].name.as_str(), bank.files[0].encoding), ("complaints.csv", Encoding::Utf8));
    ///
    /// let err = BankData::read_files([("complaint.csv", "".as_bytes())]).unwrap_err();
    /// assert!(err.to_string().contains("one of customers.csv"));
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn read_files<N: AsRef<str>, R: Read>(
        files: impl IntoIterator<Item = (N, R)>,
    ) -> Result<BankData> {
        let mut inputs: Vec<Option<(String, R)>> = BANK_FILES.iter().map(|_| None).collect();
        for (name, input) in files {
            let name = name.as_ref();
            let Some(k) = known_file(name) else {
                return Err(file_error(
                    name,
                    0,
                    None,
                    format!("one of {}", BANK_FILES.join(", ")),
                ));
            };
            if let Some((earlier, _)) = &inputs[k] {
                return Err(file_error(
                    name,
                    0,
                    None,
                    if earlier == name {
                        "the file once, not twice".to_string()
                    } else {
                        format!(
                            "one file named {} (in any letter case), found {earlier} and {name}",
                            BANK_FILES[k]
                        )
                    },
                ));
            }
            inputs[k] = Some((name.to_string(), input));
        }
        let mut b = Builder::default();
        let mut bank = BankData {
            origin: Origin::Files,
            ..BankData::default()
        };
        for (k, input) in inputs.into_iter().enumerate() {
            let Some((source, mut input)) = input else {
                continue;
            };
            let file = BANK_FILES[k];
            let mut bytes = Vec::new();
            input
                .read_to_end(&mut bytes)
                .map_err(|e| file_error(&source, 0, None, format!("a readable file ({e})")))?;
            let (text, encoding) = decode(&source, bytes)?;
            let sheet = || Sheet::open(&source, &text);
            let (rows, empty_rows) = match file {
                "customers.csv" => table(sheet()?, &mut bank.customers, |s| b.customers(s))?,
                "transactions.csv" => {
                    table(sheet()?, &mut bank.transactions, |s| b.transactions(s))?
                }
                "survey.csv" => table(sheet()?, &mut bank.survey, |s| b.survey(s))?,
                "servqual.csv" => table(sheet()?, &mut bank.servqual, servqual)?,
                "kano.csv" => table(sheet()?, &mut bank.kano, kano)?,
                "satisfaction_model.json" | "satisfaction_model.toml" => {
                    b.model(&source, &text)?;
                    (None, 0)
                }
                "satisfaction.csv" => {
                    table(sheet()?, &mut bank.satisfaction, |s| b.satisfaction(s))?
                }
                "journey_events.csv" => table(sheet()?, &mut bank.events, |s| b.events(s))?,
                "complaints.csv" => table(sheet()?, &mut bank.complaints, |s| b.complaints(s))?,
                "comments.csv" => table(sheet()?, &mut bank.comments, |s| b.comments(s))?,
                _ => {
                    b.tree(&source, &text)?;
                    (None, 0)
                }
            };
            bank.files.push(FileRead {
                name: file.to_string(),
                source,
                encoding,
                rows,
                empty_rows,
            });
        }
        if let Some(tree) = &b.tree {
            bank.journey_tree = tree.to_json();
        }
        if !b.customers.is_empty() {
            bank.customer_ids = Some(b.customers.into_labels());
        }
        bank.segments = b.segments.into_labels();
        bank.channels = b.channels.into_labels();
        bank.categories = b.categories.into_labels();
        Ok(bank)
    }
}

impl Builder {
    fn customers(&mut self, s: &mut Sheet) -> Result<Customers> {
        let (id, segment, age, gender, income) = (
            s.column("customer_id")?,
            s.column("segment")?,
            s.column("age")?,
            s.column("gender")?,
            s.column("income_band")?,
        );
        let (occupation, region, channel, products, balance) = (
            s.column("occupation")?,
            s.column("region")?,
            s.column("channel")?,
            s.column("products")?,
            s.column("balance")?,
        );
        let mut c = Customers::default();
        while s.next()? {
            let name = s.name(&id)?;
            if self.customers.get(name).is_some() {
                return Err(s.error(&id, "a customer id not listed before"));
            }
            self.customers.code(name)?;
            let code = self.segments.code(s.name(&segment)?)?;
            c.segment.push(
                u8::try_from(code)
                    .map_err(|_| s.error(&segment, "at most 256 different segments"))?,
            );
            c.age.push(s.integer(&age, 0, 130)?);
            c.gender.push(s.text(&gender).to_string());
            c.income_band.push(s.integer(&income, 1, 5)?);
            c.occupation.push(s.text(&occupation).to_string());
            c.region.push(s.text(&region).to_string());
            c.channel.push(s.text(&channel).to_string());
            c.products.push(s.integer(&products, 0, 255)?);
            c.balance.push(s.number(&balance, true, None)?);
        }
        Ok(c)
    }

    fn transactions(&mut self, s: &mut Sheet) -> Result<Transactions> {
        let (id, date, amount) = (
            s.column("customer_id")?,
            s.column("date")?,
            s.column("amount")?,
        );
        let mut t = Transactions::default();
        while s.next()? {
            t.customer.push(self.customers.code(s.name(&id)?)?);
            t.day.push(s.day(&date)?);
            t.amount.push(s.number(&amount, false, None)?);
        }
        Ok(t)
    }

    fn survey(&mut self, s: &mut Sheet) -> Result<SurveyWaves> {
        let (wave, id, ltr) = (
            s.column("wave")?,
            s.column("customer_id")?,
            s.column("ltr")?,
        );
        // CSAT and CES are optional columns: a survey may ask only for the recommendation.
        let (csat, ces) = (s.optional("csat")?, s.optional("ces")?);
        let mut w = SurveyWaves {
            csat: csat.as_ref().map(|_| Vec::new()),
            ces: ces.as_ref().map(|_| Vec::new()),
            ..SurveyWaves::default()
        };
        // The line of each (wave, customer) answer: a copy of a row would count a customer
        // twice in one wave.
        let mut answered: HashMap<(u8, u32), u64> = HashMap::new();
        while s.next()? {
            let this_wave: u8 = s.integer(&wave, 1, 255)?;
            let name = s.name(&id)?;
            let customer = self.customers.code(name)?;
            if let Some(first) = answered.insert((this_wave, customer), s.line) {
                return Err(s.error(
                    &id,
                    format!(
                        "each customer once per wave: customer `{name}` answered wave \
                         {this_wave} on line {first} already"
                    ),
                ));
            }
            w.wave.push(this_wave);
            w.customer.push(customer);
            w.ltr.push(s.integer(&ltr, 0, 10)?);
            for (column, values, hi) in [(&csat, &mut w.csat, 5), (&ces, &mut w.ces, 7)] {
                if let (Some(c), Some(v)) = (column, values) {
                    v.push(s.integer(c, 1, hi)?);
                }
            }
        }
        Ok(w)
    }

    fn tree(&mut self, file: &str, text: &str) -> Result<()> {
        only_one(self.tree.is_some(), file, "indicator tree", "journey_tree")?;
        self.tree = Some(if is_toml(file) {
            IndicatorTree::from_toml(text)?
        } else {
            IndicatorTree::from_json(text)?
        });
        Ok(())
    }

    fn model(&mut self, file: &str, text: &str) -> Result<()> {
        only_one(
            self.model.is_some(),
            file,
            "path model",
            "satisfaction_model",
        )?;
        let read = if is_toml(file) {
            PlsModel::from_toml(text)
        } else {
            PlsModel::from_json(text)
        };
        let model = read.map_err(|e| {
            let why = match e {
                Error::InvalidParameter { reason, .. } => reason,
                other => other.to_string(),
            };
            file_error(file, 0, None, format!("a valid path model ({why})"))
        })?;
        self.model = Some(model);
        Ok(())
    }

    /// satisfaction.csv: one row per customer and item, pivoted to customers × the model's
    /// indicators (an item a customer has no row for is NaN, as an empty cell).
    fn satisfaction(&mut self, s: &mut Sheet) -> Result<SatisfactionSurvey> {
        let Some(model) = self.model.take() else {
            return Err(file_error(
                "satisfaction_model.json",
                0,
                None,
                "the path model of the items in satisfaction.csv (or satisfaction_model.toml)",
            ));
        };
        let items: Vec<String> = model
            .constructs
            .iter()
            .flat_map(|c| c.indicators.iter().cloned())
            .collect();
        let column_of: HashMap<&str, usize> = items
            .iter()
            .enumerate()
            .map(|(j, n)| (n.as_str(), j))
            .collect();
        let (id, item, answer) = (
            s.column("customer_id")?,
            s.column("item")?,
            s.column("answer")?,
        );
        let (lo, hi) = SatisfactionSurvey::SCALE;
        let mut row_of: HashMap<u32, usize> = HashMap::new();
        let mut customer = Vec::new();
        let mut cells: HashMap<(usize, usize), f64> = HashMap::new();
        let mut answered = vec![false; items.len()];
        while s.next()? {
            let code = self.customers.code(s.name(&id)?)?;
            let name = s.name(&item)?;
            let Some(&j) = column_of.get(name) else {
                return Err(s.error(
                    &item,
                    format!("an item of the path model ({})", items.join(", ")),
                ));
            };
            let r = *row_of.entry(code).or_insert_with(|| {
                customer.push(code);
                customer.len() - 1
            });
            let v = s.number(&answer, true, Some((lo, hi)))?;
            answered[j] |= !v.is_nan();
            if cells.insert((r, j), v).is_some() {
                return Err(s.error(&item, "each item once per customer"));
            }
        }
        if let Some(j) = answered.iter().position(|a| !a) {
            return Err(file_error(
                s.file,
                0,
                Some("item"),
                format!(
                    "an answer to every item of the path model; nobody answered `{}`",
                    items[j]
                ),
            ));
        }
        let k = items.len();
        let mut answers = vec![f64::NAN; customer.len() * k];
        for ((r, j), v) in cells {
            answers[r * k + j] = v;
        }
        Ok(SatisfactionSurvey {
            customer,
            items,
            answers,
            model,
        })
    }

    fn events(&mut self, s: &mut Sheet) -> Result<JourneyEvents> {
        let Some(tree) = &self.tree else {
            return Err(file_error(
                "journey_tree.json",
                0,
                None,
                "the indicator tree of the touchpoints in journey_events.csv (or journey_tree.toml)",
            ));
        };
        let mut pairs = HashSet::new();
        for j in &tree.journeys {
            for st in &j.stages {
                for t in &st.touchpoints {
                    for i in &t.indicators {
                        pairs.insert((t.id.as_str(), i.id.as_str()));
                    }
                }
            }
        }
        let (touchpoint, indicator, timestamp, value) = (
            s.column("touchpoint")?,
            s.column("indicator")?,
            s.column("timestamp")?,
            s.column("value")?,
        );
        let segment = s.optional("segment")?;
        let mut e = JourneyEvents::default();
        while s.next()? {
            let (t, i) = (s.name(&touchpoint)?, s.name(&indicator)?);
            if !pairs.contains(&(t, i)) {
                return Err(if pairs.iter().any(|p| p.0 == t) {
                    s.error(
                        &indicator,
                        format!("an indicator of touchpoint `{t}` in the indicator tree"),
                    )
                } else {
                    s.error(&touchpoint, "a touchpoint of the indicator tree")
                });
            }
            e.touchpoint.push(t.to_string());
            e.indicator.push(i.to_string());
            e.timestamp.push(s.time(&timestamp, false)?);
            e.value.push(s.number(&value, false, None)?);
            e.segment
                .push(segment.as_ref().map_or("", |c| s.text(c)).to_string());
        }
        Ok(e)
    }

    fn complaints(&mut self, s: &mut Sheet) -> Result<ComplaintRecords> {
        let (id, channel, category, opened, first, resolved) = (
            s.column("customer_id")?,
            s.column("channel")?,
            s.column("category")?,
            s.column("opened")?,
            s.column("first_response")?,
            s.column("resolved")?,
        );
        let (contacts, reopened, satisfaction) = (
            s.column("contacts")?,
            s.column("reopened")?,
            s.column("satisfaction")?,
        );
        // The complaint's description is an optional column.
        let text = s.optional("text")?;
        let mut r = ComplaintRecords {
            text: text.as_ref().map(|_| Vec::new()),
            ..ComplaintRecords::default()
        };
        while s.next()? {
            r.customer.push(self.customers.code(s.name(&id)?)?);
            r.channel.push(self.channels.code(s.name(&channel)?)?);
            r.category.push(self.categories.code(s.name(&category)?)?);
            r.opened.push(s.time(&opened, false)?);
            r.first_response.push(s.time(&first, true)?);
            r.resolved.push(s.time(&resolved, true)?);
            r.contacts
                .push(s.integer(&contacts, 0, i64::from(u32::MAX))?);
            r.reopened.push(
                parse_flag(s.text(&reopened)).ok_or_else(|| s.error(&reopened, FLAG_EXPECTED))?,
            );
            r.satisfaction
                .push(s.number(&satisfaction, true, Some((0.0, 10.0)))?);
            if let (Some(c), Some(v)) = (&text, &mut r.text) {
                v.push(s.long_text(c)?.to_string());
            }
        }
        Ok(r)
    }

    fn comments(&mut self, s: &mut Sheet) -> Result<Comments> {
        let (id, date, text) = (
            s.column("customer_id")?,
            s.column("date")?,
            s.column("text")?,
        );
        let (channel, source, score) = (
            s.optional("channel")?,
            s.optional("source")?,
            s.optional("score")?,
        );
        let mut c = Comments::default();
        while s.next()? {
            c.customer.push(self.customers.code(s.name(&id)?)?);
            c.day.push(s.day(&date)?);
            c.text.push(s.long_text(&text)?.to_string());
            for (column, values) in [(&channel, &mut c.channel), (&source, &mut c.source)] {
                values.push(column.as_ref().map_or("", |k| s.text(k)).to_string());
            }
            c.score.push(match &score {
                Some(k) => s.number(k, true, Some((0.0, 10.0)))?,
                None => f64::NAN,
            });
        }
        Ok(c)
    }
}

/// servqual.csv: one row per respondent and item, pivoted to respondents × items (an item a
/// respondent has no row for is NaN, as an empty cell).
fn servqual(s: &mut Sheet) -> Result<ServqualSurvey> {
    let (id, item, dimension, perception, expectation) = (
        s.column(long::SERVQUAL.respondent)?,
        s.column(long::SERVQUAL.label)?,
        s.column("dimension")?,
        s.column("perception")?,
        s.column("expectation")?,
    );
    let mut respondents: Interner<String> = Interner::new();
    let mut dims: Interner<String> = Interner::new();
    let mut of_item: Vec<Option<u32>> = Vec::new();
    let mut cells: HashMap<(u32, usize), (f64, f64)> = HashMap::new();
    while s.next()? {
        let r = respondents.code(s.name(&id)?)?;
        let j: usize = s.integer::<usize>(&item, 1, 1_000)? - 1;
        let d = dims.code(s.name(&dimension)?)?;
        if of_item.len() <= j {
            of_item.resize(j + 1, None);
        }
        match of_item[j] {
            None => of_item[j] = Some(d),
            Some(known) if known != d => {
                return Err(s.error(
                    &dimension,
                    format!(
                        "dimension `{}` for item {} as on earlier rows",
                        dims.labels()[known as usize],
                        j + 1
                    ),
                ))
            }
            Some(_) => {}
        }
        let p = s.number(&perception, true, Some((1.0, 7.0)))?;
        let e = s.number(&expectation, true, Some((1.0, 7.0)))?;
        match cells.entry((r, j)) {
            Entry::Occupied(_) => {
                return Err(s.error(&item, "each item once per respondent"));
            }
            Entry::Vacant(v) => {
                v.insert((p, e));
            }
        }
    }
    let of_item = of_item
        .iter()
        .enumerate()
        .map(|(j, d)| {
            d.map(|d| d as usize).ok_or_else(|| {
                file_error(
                    s.file,
                    0,
                    Some("item"),
                    format!(
                        "items numbered 1 to {} without gaps; item {} is missing",
                        of_item.len(),
                        j + 1
                    ),
                )
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let (n, k) = (respondents.len(), of_item.len());
    let mut q = ServqualSurvey {
        respondents: n,
        respondent_ids: respondents.into_labels(),
        dimensions: Dimensions {
            names: dims.into_labels(),
            of_item,
        },
        perceptions: vec![f64::NAN; n * k],
        expectations: vec![f64::NAN; n * k],
    };
    for ((r, j), (p, e)) in cells {
        q.perceptions[r as usize * k + j] = p;
        q.expectations[r as usize * k + j] = e;
    }
    Ok(q)
}

/// kano.csv: one row per respondent and feature, pivoted to respondents × features.
fn kano(s: &mut Sheet) -> Result<KanoSurvey> {
    let (id, feature, functional, dysfunctional) = (
        s.column(long::KANO.respondent)?,
        s.column(long::KANO.label)?,
        s.column("functional")?,
        s.column("dysfunctional")?,
    );
    let wave_column = s.optional("wave")?;
    let mut respondents: Interner<String> = Interner::new();
    let mut features: Interner<String> = Interner::new();
    let mut answers: HashMap<(u32, u32), (u8, u8)> = HashMap::new();
    let mut waves: Vec<u8> = Vec::new();
    while s.next()? {
        let r = respondents.code(s.name(&id)?)?;
        let f = features.code(s.name(&feature)?)?;
        if let Some(w) = &wave_column {
            let wave: u8 = s.integer(w, 1, 255)?;
            match waves.get(r as usize) {
                None => waves.push(wave),
                Some(&earlier) if earlier != wave => {
                    return Err(s.error(w, format!("the respondent's wave {earlier} on every row")))
                }
                Some(_) => {}
            }
        }
        let pair = (s.kano_answer(&functional)?, s.kano_answer(&dysfunctional)?);
        if answers.insert((r, f), pair).is_some() {
            return Err(s.error(&feature, "each feature once per respondent"));
        }
    }
    let (n, k) = (respondents.len(), features.len());
    if let Some((r, f)) = (0..n as u32)
        .flat_map(|r| (0..k as u32).map(move |f| (r, f)))
        .find(|p| !answers.contains_key(p))
    {
        return Err(file_error(
            s.file,
            0,
            None,
            format!(
                "an answer of every respondent to every feature; respondent `{}` has none for `{}`",
                respondents.labels()[r as usize],
                features.labels()[f as usize]
            ),
        ));
    }
    let mut survey = KanoSurvey {
        respondents: n,
        respondent_ids: respondents.into_labels(),
        features: features.into_labels(),
        functional: vec![0; n * k],
        dysfunctional: vec![0; n * k],
        wave: wave_column.map(|_| waves),
    };
    for ((r, f), (a, b)) in answers {
        survey.functional[r as usize * k + f as usize] = a;
        survey.dysfunctional[r as usize * k + f as usize] = b;
    }
    Ok(survey)
}

#[cfg(test)]
mod tests {
    use super::super::columns::HEADER_ALIASES;
    use super::*;
    use crate::clv::days_from_civil;

    #[test]
    fn the_plausible_days_are_1900_to_2099() {
        assert_eq!(days_from_civil(1900, 1, 1), Some(*PLAUSIBLE_DAYS.start()));
        assert_eq!(days_from_civil(2099, 12, 31), Some(*PLAUSIBLE_DAYS.end()));
    }

    #[test]
    fn every_header_alias_matches_as_written_and_in_any_ascii_case() {
        // Issue 18.4: the header is matched in any ASCII letter case, never folded before
        // matching (客户ID has upper-case letters).
        for (name, aliases) in HEADER_ALIASES {
            let upper = name.to_ascii_uppercase();
            let mut spellings = vec![name.to_string(), upper, format!("  {name} ")];
            for a in *aliases {
                spellings.push(a.to_string());
                spellings.push(a.to_ascii_uppercase());
                spellings.push(a.to_ascii_lowercase());
            }
            for spelling in spellings {
                let text = format!("other,{spelling}\n");
                let sheet = Sheet::open("x.csv", &text).unwrap();
                let column = sheet.optional(name).unwrap();
                assert_eq!(column.map(|c| c.index), Some(1), "{name}: {spelling:?}");
            }
        }
    }

    #[test]
    fn gb18030_is_read_when_the_bytes_are_not_utf8() {
        let (text, encoding) = decode("x.csv", "客户编号\n".as_bytes().to_vec()).unwrap();
        assert_eq!((text.as_str(), encoding), ("客户编号\n", Encoding::Utf8));
        let (gbk, _, _) = encoding_rs::GBK.encode("客户编号,金额\n张三,1\n");
        let (text, encoding) = decode("x.csv", gbk.into_owned()).unwrap();
        assert_eq!(
            (text.as_str(), encoding),
            ("客户编号,金额\n张三,1\n", Encoding::Gb18030)
        );
        // 0x81 0x20 is neither (a GB18030 lead byte needs a trail byte): the line is named.
        let err = decode("x.csv", b"a\nb\n\x81 c\n".to_vec()).unwrap_err();
        assert!(
            matches!(&err, Error::DataFile { line: 3, expected, .. } if expected.contains("0x81")),
            "{err}"
        );
    }
}
