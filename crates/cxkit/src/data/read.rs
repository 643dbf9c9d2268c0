//! A bank's own data, read from the CSV files of `docs/data-schema.md` (any subset of them):
//! what `cxkit report --data DIR` and `cxkit.report(dir_or_frames)` run on.
//!
//! Every problem is an [`Error::DataFile`] naming the file, the line (counting the header as
//! line 1), the column and what was expected there.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;

use super::bank::{
    BankData, ComplaintRecords, Customers, JourneyEvents, KanoSurvey, ServqualSurvey, SurveyWaves,
    Transactions,
};
use crate::clv::days_from_civil;
use crate::complaints::NOT_YET;
use crate::journey::IndicatorTree;
use crate::quality::Dimensions;
use crate::{Error, Result};

/// The files a bank's data may consist of, in the order they are read.
pub const BANK_FILES: [&str; 9] = [
    "customers.csv",
    "transactions.csv",
    "survey.csv",
    "servqual.csv",
    "kano.csv",
    "journey_tree.json",
    "journey_tree.toml",
    "journey_events.csv",
    "complaints.csv",
];

/// The Chinese headers accepted for each column, beside its English name (listed in
/// docs/data-schema.md).
///
/// ```
/// use cxkit::data::{BankData, HEADER_ALIASES};
///
/// assert!(HEADER_ALIASES.contains(&("amount", &["金额", "交易金额"][..])));
/// let csv = "客户编号,交易日期,金额\nc1,2025-01-03,120.5\n";
/// let bank = BankData::read_files([("transactions.csv", csv.as_bytes())])?;
/// assert_eq!(bank.transactions.unwrap().amount, vec![120.5]);
/// # Ok::<(), cxkit::Error>(())
/// ```
pub const HEADER_ALIASES: &[(&str, &[&str])] = &[
    ("customer_id", &["客户编号", "客户号", "客户ID"]),
    ("segment", &["客群", "客户分群"]),
    ("age", &["年龄"]),
    ("income_band", &["收入档次", "收入等级"]),
    ("products", &["持有产品数", "产品数"]),
    ("gender", &["性别"]),
    ("region", &["地区", "区域"]),
    ("occupation", &["职业"]),
    ("balance", &["余额"]),
    ("date", &["交易日期", "日期"]),
    ("amount", &["金额", "交易金额"]),
    ("wave", &["调查轮次", "轮次"]),
    ("ltr", &["推荐意愿", "推荐可能性"]),
    ("csat", &["满意度"]),
    ("ces", &["费力度"]),
    ("respondent_id", &["受访者编号", "答卷编号"]),
    ("item", &["题号"]),
    ("dimension", &["维度"]),
    ("perception", &["感知评分", "感知"]),
    ("expectation", &["期望评分", "期望"]),
    ("feature", &["功能", "属性"]),
    ("functional", &["正向回答", "正向问题"]),
    ("dysfunctional", &["反向回答", "反向问题"]),
    ("touchpoint", &["触点"]),
    ("indicator", &["指标"]),
    ("timestamp", &["时间", "时间戳"]),
    ("value", &["数值"]),
    ("channel", &["渠道"]),
    ("category", &["投诉类别", "类别"]),
    ("opened", &["受理时间", "投诉时间"]),
    ("first_response", &["首次响应时间"]),
    ("resolved", &["办结时间", "解决时间"]),
    ("contacts", &["联系次数"]),
    ("reopened", &["是否重开"]),
    ("satisfaction", &["回访满意度"]),
];

/// The Chinese headers accepted for column `name`.
fn aliases(name: &str) -> &'static [&'static str] {
    HEADER_ALIASES
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(&[], |(_, a)| a)
}

fn file_error(file: &str, line: u64, column: Option<&str>, expected: impl Into<String>) -> Error {
    Error::DataFile {
        file: file.to_string(),
        line,
        column: column.map(str::to_string),
        expected: expected.into(),
    }
}

/// Names mapped to dense codes 0, 1, … in order of first appearance.
#[derive(Default)]
struct Codes {
    names: Vec<String>,
    index: HashMap<String, u32>,
}

impl Codes {
    fn code(&mut self, name: &str) -> u32 {
        if let Some(&c) = self.index.get(name) {
            return c;
        }
        let c = self.names.len() as u32;
        self.names.push(name.to_string());
        self.index.insert(name.to_string(), c);
        c
    }
}

/// One CSV file being read: its header, the current record and where it is.
struct Sheet<R: Read> {
    file: &'static str,
    csv: csv::Reader<R>,
    header: Vec<String>,
    record: csv::StringRecord,
    line: u64,
}

impl<R: Read> Sheet<R> {
    fn open(file: &'static str, input: R) -> Result<Sheet<R>> {
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(input);
        let header = csv
            .headers()
            .map_err(|e| file_error(file, 1, None, format!("a header row ({e})")))?
            .iter()
            .map(|h| h.trim().to_ascii_lowercase())
            .collect();
        Ok(Sheet {
            file,
            csv,
            header,
            record: csv::StringRecord::new(),
            line: 1,
        })
    }

    fn optional_column(&self, name: &str) -> Option<usize> {
        let names = aliases(name);
        self.header
            .iter()
            .position(|h| h == name || names.contains(&h.as_str()))
    }

    /// A column that may be absent.
    fn optional(&self, name: &'static str) -> Option<Column> {
        self.optional_column(name)
            .map(|index| Column { name, index })
    }

    fn column(&self, name: &'static str) -> Result<Column> {
        match self.optional_column(name) {
            Some(index) => Ok(Column { name, index }),
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

    /// Moves to the next record; false at the end of the file.
    fn next(&mut self) -> Result<bool> {
        match self.csv.read_record(&mut self.record) {
            Ok(more) => {
                if let Some(p) = self.record.position() {
                    self.line = p.line();
                }
                Ok(more)
            }
            Err(e) => {
                let line = e.position().map_or(self.line + 1, |p| p.line());
                let expected = match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => format!("{expected_len} fields like the header, found {len}"),
                    csv::ErrorKind::Utf8 { .. } => "UTF-8 text".to_string(),
                    _ => format!("readable CSV ({e})"),
                };
                Err(file_error(self.file, line, None, expected))
            }
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
    /// [`Answer::from_label`](crate::kano::Answer::from_label), English or Chinese.
    fn kano_answer(&self, column: &Column) -> Result<u8> {
        self.integer(column, 1, 5).or_else(|_| {
            crate::kano::Answer::from_label(self.text(column))
                .map(|a| a.position())
                .ok_or_else(|| {
                    self.error(
                        column,
                        "an answer 1 to 5 or a KANO label (like, must-be, neutral, live with, \
                         dislike, 我很喜欢, 理所当然, 无所谓, 能忍受, 我很不喜欢, …)",
                    )
                })
        })
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

    /// A date (`YYYY-MM-DD`, a time after it is ignored) as days since 1970-01-01.
    fn day(&self, column: &Column) -> Result<i64> {
        parse_date(self.text(column)).ok_or_else(|| self.error(column, "a date YYYY-MM-DD"))
    }

    /// A time (ISO 8601) as seconds since 1970 UTC; [`NOT_YET`] for an empty cell where
    /// `missing` is allowed.
    fn time(&self, column: &Column, missing: bool) -> Result<i64> {
        let t = self.text(column);
        if t.is_empty() && missing {
            return Ok(NOT_YET);
        }
        parse_time(t).ok_or_else(|| {
            self.error(
                column,
                "a time YYYY-MM-DDTHH:MM:SS (optionally with Z or an offset ±HH:MM)",
            )
        })
    }

    /// Errors unless at least one record was read.
    fn done(&self, rows: usize) -> Result<()> {
        if rows == 0 {
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

/// Days since 1970 of "YYYY-MM-DD" (anything after the date, a time, is ignored).
pub(crate) fn parse_date(t: &str) -> Option<i64> {
    let b = t.as_bytes();
    if b.len() < 10
        || b[4] != b'-'
        || b[7] != b'-'
        || (b.len() > 10 && !matches!(b[10], b'T' | b' '))
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = t.get(r)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    days_from_civil(num(0..4)?, num(5..7)?, num(8..10)?)
}

/// Seconds since 1970 UTC of an ISO 8601 time: "YYYY-MM-DD", "YYYY-MM-DD[T ]HH:MM[:SS[.f]]",
/// then optionally "Z" or an offset "±HH:MM" / "±HHMM" (none means UTC). Fractions of a second
/// are dropped.
pub(crate) fn parse_time(t: &str) -> Option<i64> {
    let day = parse_date(t)?;
    let rest = &t[10..];
    if rest.is_empty() {
        return Some(day * 86_400);
    }
    let rest = &rest[1..];
    let digits = |s: &str| s.len() == 2 && s.bytes().all(|c| c.is_ascii_digit());
    let two = |s: &str| -> Option<i64> { digits(s).then(|| s.parse().ok())? };
    let (h, m) = (two(rest.get(0..2)?)?, two(rest.get(3..5)?)?);
    if rest.as_bytes()[2] != b':' || h > 23 || m > 59 {
        return None;
    }
    let mut rest = &rest[5..];
    let mut s = 0;
    if let Some(r) = rest.strip_prefix(':') {
        s = two(r.get(0..2)?)?;
        if s > 60 {
            return None;
        }
        rest = &r[2..];
        if let Some(f) = rest.strip_prefix('.') {
            let n = f.bytes().take_while(u8::is_ascii_digit).count();
            if n == 0 {
                return None;
            }
            rest = &f[n..];
        }
    }
    let offset = match rest {
        "" | "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let o = rest[1..].replace(':', "");
            if o.len() != 4 {
                return None;
            }
            let (oh, om) = (two(o.get(0..2)?)?, two(o.get(2..4)?)?);
            if oh > 23 || om > 59 {
                return None;
            }
            sign * (oh * 3600 + om * 60)
        }
    };
    Some(day * 86_400 + h * 3600 + m * 60 + s - offset)
}

/// The data files of [`BANK_FILES`] present in `dir`, opened; an error when `dir` is not a
/// directory, holds none of them or one cannot be opened.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("cxkit-files-doc-{}", std::process::id()));
/// cxkit::data::demo_bank(1, 1_000).write_csv(&dir)?;
/// let files = cxkit::data::bank_files(&dir)?;
/// assert_eq!(files[0].0, "customers.csv");
/// assert_eq!(files.len(), 8);
/// # std::fs::remove_dir_all(&dir).ok();
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn bank_files(dir: &Path) -> Result<Vec<(&'static str, std::fs::File)>> {
    let shown = dir.display().to_string();
    if !dir.is_dir() {
        return Err(file_error(&shown, 0, None, "a directory of data files"));
    }
    let files: Vec<_> = BANK_FILES
        .iter()
        .map(|&name| (name, dir.join(name)))
        .filter(|(_, path)| path.is_file())
        .collect();
    if files.is_empty() {
        return Err(file_error(
            &shown,
            0,
            None,
            format!("at least one of {}", BANK_FILES.join(", ")),
        ));
    }
    files
        .into_iter()
        .map(|(name, path)| {
            let f = std::fs::File::open(path)
                .map_err(|e| file_error(name, 0, None, format!("a readable file ({e})")))?;
            Ok((name, f))
        })
        .collect()
}

/// Everything read so far, with the codes shared between files.
#[derive(Default)]
struct Builder {
    customers: Codes,
    segments: Codes,
    channels: Codes,
    categories: Codes,
    tree: Option<IndicatorTree>,
}

impl BankData {
    /// Reads a bank's data from the files of `docs/data-schema.md` present in `dir` (see
    /// [`BANK_FILES`]); at least one must be there. Customer ids become indices in the order
    /// the files name them (customers.csv first); [`BankData::customer_ids`] maps them back.
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("cxkit-read-doc-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir).unwrap();
    /// std::fs::write(dir.join("survey.csv"), "wave,customer_id,ltr,csat,ces\n1,a,9,4,6\n1,b,3,2,2\n").unwrap();
    /// let bank = cxkit::data::BankData::read_dir(&dir)?;
    /// assert_eq!(bank.survey.as_ref().unwrap().ltr, [9, 3]);
    /// assert!(bank.customers.is_none() && bank.transactions.is_none());
    /// assert_eq!(bank.customer_ids, Some(vec!["a".to_string(), "b".to_string()]));
    ///
    /// std::fs::write(dir.join("survey.csv"), "wave,customer_id,ltr,csat,ces\n1,a,11,4,6\n").unwrap();
    /// let err = cxkit::data::BankData::read_dir(&dir).unwrap_err();
    /// assert_eq!(err.to_string(), "survey.csv, line 2, column `ltr`: expected an integer from 0 to 10, found \"11\"");
    /// # std::fs::remove_dir_all(&dir).ok();
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn read_dir(dir: &Path) -> Result<BankData> {
        let files = bank_files(dir)?;
        BankData::read_files(
            files
                .into_iter()
                .map(|(name, f)| (name, std::io::BufReader::new(f))),
        )
    }

    /// Reads a bank's data from named inputs, each named as one of [`BANK_FILES`] (any
    /// subset, any order; each at most once).
    ///
    /// ```
    /// use cxkit::data::BankData;
    ///
    /// let complaints = "customer_id,channel,category,opened,first_response,resolved,contacts,reopened,satisfaction\n\
    ///                   c1,phone,fees,2025-03-04T09:30:00Z,2025-03-04T12:00:00Z,,1,0,\n";
    /// let bank = BankData::read_files([("complaints.csv", complaints.as_bytes())])?;
    /// let c = bank.complaints.as_ref().unwrap();
    /// assert_eq!(c.first_response[0] - c.opened[0], 9_000); // 2 h 30 min
    /// assert_eq!(bank.channels, ["phone"]);
    ///
    /// let err = BankData::read_files([("complaint.csv", "".as_bytes())]).unwrap_err();
    /// assert!(err.to_string().contains("one of customers.csv"));
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn read_files<N: AsRef<str>, R: Read>(
        files: impl IntoIterator<Item = (N, R)>,
    ) -> Result<BankData> {
        let mut inputs: Vec<Option<R>> = BANK_FILES.iter().map(|_| None).collect();
        for (name, input) in files {
            let name = name.as_ref();
            let Some(k) = BANK_FILES.iter().position(|f| *f == name) else {
                return Err(file_error(
                    name,
                    0,
                    None,
                    format!("one of {}", BANK_FILES.join(", ")),
                ));
            };
            if inputs[k].replace(input).is_some() {
                return Err(file_error(name, 0, None, "the file once, not twice"));
            }
        }
        let mut b = Builder::default();
        let mut bank = BankData::default();
        for (k, input) in inputs.into_iter().enumerate() {
            let Some(input) = input else { continue };
            let file = BANK_FILES[k];
            match file {
                "customers.csv" => bank.customers = Some(b.customers(Sheet::open(file, input)?)?),
                "transactions.csv" => {
                    bank.transactions = Some(b.transactions(Sheet::open(file, input)?)?);
                }
                "survey.csv" => bank.survey = Some(b.survey(Sheet::open(file, input)?)?),
                "servqual.csv" => bank.servqual = Some(servqual(Sheet::open(file, input)?)?),
                "kano.csv" => bank.kano = Some(kano(Sheet::open(file, input)?)?),
                "journey_events.csv" => bank.events = Some(b.events(Sheet::open(file, input)?)?),
                "complaints.csv" => {
                    bank.complaints = Some(b.complaints(Sheet::open(file, input)?)?);
                }
                _ => b.tree(file, input)?,
            }
        }
        if let Some(tree) = &b.tree {
            bank.journey_tree = tree.to_json();
        }
        if !b.customers.names.is_empty() {
            bank.customer_ids = Some(b.customers.names);
        }
        bank.segments = b.segments.names;
        bank.channels = b.channels.names;
        bank.categories = b.categories.names;
        Ok(bank)
    }
}

impl Builder {
    fn customers<R: Read>(&mut self, mut s: Sheet<R>) -> Result<Customers> {
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
            if self.customers.index.contains_key(name) {
                return Err(s.error(&id, "a customer id not listed before"));
            }
            self.customers.code(name);
            let code = self.segments.code(s.name(&segment)?);
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
        s.done(c.segment.len())?;
        Ok(c)
    }

    fn transactions<R: Read>(&mut self, mut s: Sheet<R>) -> Result<Transactions> {
        let (id, date, amount) = (
            s.column("customer_id")?,
            s.column("date")?,
            s.column("amount")?,
        );
        let mut t = Transactions::default();
        while s.next()? {
            t.customer.push(self.customers.code(s.name(&id)?));
            t.day.push(s.day(&date)?);
            t.amount.push(s.number(&amount, false, None)?);
        }
        s.done(t.customer.len())?;
        Ok(t)
    }

    fn survey<R: Read>(&mut self, mut s: Sheet<R>) -> Result<SurveyWaves> {
        let (wave, id, ltr) = (
            s.column("wave")?,
            s.column("customer_id")?,
            s.column("ltr")?,
        );
        // CSAT and CES are optional columns: a survey may ask only for the recommendation.
        let (csat, ces) = (s.optional("csat"), s.optional("ces"));
        let mut w = SurveyWaves {
            csat: csat.as_ref().map(|_| Vec::new()),
            ces: ces.as_ref().map(|_| Vec::new()),
            ..SurveyWaves::default()
        };
        while s.next()? {
            w.wave.push(s.integer(&wave, 1, 255)?);
            w.customer.push(self.customers.code(s.name(&id)?));
            w.ltr.push(s.integer(&ltr, 0, 10)?);
            for (column, values, hi) in [(&csat, &mut w.csat, 5), (&ces, &mut w.ces, 7)] {
                if let (Some(c), Some(v)) = (column, values) {
                    v.push(s.integer(c, 1, hi)?);
                }
            }
        }
        s.done(w.wave.len())?;
        Ok(w)
    }

    fn tree<R: Read>(&mut self, file: &'static str, mut input: R) -> Result<()> {
        if self.tree.is_some() {
            return Err(file_error(
                file,
                0,
                None,
                "one indicator tree: journey_tree.json or journey_tree.toml, not both",
            ));
        }
        let mut text = String::new();
        input
            .read_to_string(&mut text)
            .map_err(|e| file_error(file, 0, None, format!("UTF-8 text ({e})")))?;
        self.tree = Some(if file.ends_with(".toml") {
            IndicatorTree::from_toml(&text)?
        } else {
            IndicatorTree::from_json(&text)?
        });
        Ok(())
    }

    fn events<R: Read>(&mut self, mut s: Sheet<R>) -> Result<JourneyEvents> {
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
        let segment = s.optional("segment");
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
            let seg = segment.as_ref().map_or("", |c| s.text(c));
            if !seg.is_empty() {
                self.segments.code(seg);
            }
            e.segment.push(seg.to_string());
        }
        s.done(e.touchpoint.len())?;
        Ok(e)
    }

    fn complaints<R: Read>(&mut self, mut s: Sheet<R>) -> Result<ComplaintRecords> {
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
        let mut r = ComplaintRecords::default();
        while s.next()? {
            r.customer.push(self.customers.code(s.name(&id)?));
            r.channel.push(self.channels.code(s.name(&channel)?));
            r.category.push(self.categories.code(s.name(&category)?));
            r.opened.push(s.time(&opened, false)?);
            r.first_response.push(s.time(&first, true)?);
            r.resolved.push(s.time(&resolved, true)?);
            r.contacts
                .push(s.integer(&contacts, 0, i64::from(u32::MAX))?);
            r.reopened
                .push(match s.text(&reopened).to_ascii_lowercase().as_str() {
                    "1" | "true" | "yes" => true,
                    "0" | "false" | "no" | "" => false,
                    _ => return Err(s.error(&reopened, "1 or 0 (true or false)")),
                });
            r.satisfaction
                .push(s.number(&satisfaction, true, Some((0.0, 10.0)))?);
        }
        s.done(r.customer.len())?;
        Ok(r)
    }
}

/// servqual.csv: one row per respondent and item, pivoted to respondents × items.
fn servqual<R: Read>(mut s: Sheet<R>) -> Result<ServqualSurvey> {
    let (id, item, dimension, perception, expectation) = (
        s.column("respondent_id")?,
        s.column("item")?,
        s.column("dimension")?,
        s.column("perception")?,
        s.column("expectation")?,
    );
    let mut respondents = Codes::default();
    let mut dims = Codes::default();
    let mut of_item: Vec<Option<u32>> = Vec::new();
    let mut cells: HashMap<(u32, usize), (f64, f64)> = HashMap::new();
    while s.next()? {
        let r = respondents.code(s.name(&id)?);
        let j: usize = s.integer::<usize>(&item, 1, 1_000)? - 1;
        let d = dims.code(s.name(&dimension)?);
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
                        dims.names[known as usize],
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
    s.done(cells.len())?;
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
    let (n, k) = (respondents.names.len(), of_item.len());
    let mut q = ServqualSurvey {
        respondents: n,
        dimensions: Dimensions {
            names: dims.names,
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
fn kano<R: Read>(mut s: Sheet<R>) -> Result<KanoSurvey> {
    let (id, feature, functional, dysfunctional) = (
        s.column("respondent_id")?,
        s.column("feature")?,
        s.column("functional")?,
        s.column("dysfunctional")?,
    );
    let wave_column = s.optional("wave");
    let mut respondents = Codes::default();
    let mut features = Codes::default();
    let mut answers: HashMap<(u32, u32), (u8, u8)> = HashMap::new();
    let mut waves: Vec<u8> = Vec::new();
    while s.next()? {
        let r = respondents.code(s.name(&id)?);
        let f = features.code(s.name(&feature)?);
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
    s.done(answers.len())?;
    let (n, k) = (respondents.names.len(), features.names.len());
    if answers.len() < n * k {
        let (r, f) = (0..n as u32)
            .flat_map(|r| (0..k as u32).map(move |f| (r, f)))
            .find(|p| !answers.contains_key(p))
            .expect("a missing answer");
        return Err(file_error(
            s.file,
            0,
            None,
            format!(
                "an answer of every respondent to every feature; respondent `{}` has none for `{}`",
                respondents.names[r as usize], features.names[f as usize]
            ),
        ));
    }
    let mut survey = KanoSurvey {
        respondents: n,
        features: features.names,
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
    use super::*;

    #[test]
    fn times() {
        // 2025-03-04 is day 20 151 (2024-01-01 = 19 723, + 366 + 31 + 28 + 3).
        let day = 20_151 * 86_400;
        assert_eq!(parse_date("2025-03-04"), Some(20_151));
        assert_eq!(parse_date("2025-03-04 13:00:00"), Some(20_151));
        assert_eq!(parse_time("2025-03-04"), Some(day));
        assert_eq!(parse_time("2025-03-04T09:30:00Z"), Some(day + 34_200));
        assert_eq!(parse_time("2025-03-04 09:30"), Some(day + 34_200));
        assert_eq!(parse_time("2025-03-04T09:30:15.250"), Some(day + 34_215));
        // 09:30 at +08:00 is 01:30 UTC; at −05:00 it is 14:30 UTC.
        assert_eq!(parse_time("2025-03-04T09:30:00+08:00"), Some(day + 5_400));
        assert_eq!(parse_time("2025-03-04T09:30:00-0500"), Some(day + 52_200));
        for bad in [
            "",
            "2025-3-4",
            "2025-02-30",
            "04/03/2025",
            "2025-03-04T9:30",
            "2025-03-04T24:00",
            "2025-03-04T09:30:00+8",
            "2025-03-04T09:30:00.",
            "2025-03-04X09:30",
            "２０２５-03-04",
            "2025-03-04T09:30:00+1é2",
        ] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }
}
