//! The numbers of the bank report: every section computed from a [`BankData`]-shaped data
//! set with the library's own functions, each with a one-sentence finding.
//!
//! This is what `cxkit report` writes as JSON and draws as HTML ([`BankReport::to_html`]);
//! keeping it in the core lets the Python package and the command line produce the same
//! report. Its text is in English or Simplified Chinese ([`Lang`], chosen in
//! [`ReportOptions`]), from one translation table per language.

mod html;
mod lang;
mod svg;

pub use lang::Lang;
use lang::{Key, Table};

use std::path::{Path, PathBuf};

use ndarray::ArrayView2;
use serde::ser::{Error as _, SerializeStruct};
use serde::{Serialize, Serializer};

use crate::clv::{
    customer_lifetime_value, summarize_transactions, BetaGeo, ClvOptions, FitOptions, GammaGamma,
    Period, SummaryOptions,
};
use crate::complaints::{complaint_metrics, ComplaintMetrics, ComplaintOptions, Complaints};
use crate::data::{
    unwritable, BankData, FileRead, IdMatch, IgnoreReason, IgnoredFile, KanoSurvey, Origin,
};
use crate::error::check_confidence;
use crate::ipa::{ipa, Crosshair};
use crate::journey::{
    pain_points, EvaluateOptions, GapTo, IndicatorTree, JourneyState, Level, PainPoint,
    RejectPolicy, Window,
};
use crate::kano::{analyze, kano_migration, KanoOptions, KanoTable};
use crate::labels::Interner;
use crate::quality::{servqual, QualityOptions};
use crate::quantile::quantile;
use crate::segment::{rfm_scores, value_tiers, RfmOptions, RfmSegmentMap, TierCuts, TierSummary};
use crate::survey::{
    ces, csat, nps, nps_test, Ces, CesOptions, Csat, NanPolicy, Nps, NpsOptions, NpsTestOptions,
    TopBoxOptions, WaveTest,
};
use crate::{Error, Result};

/// Survey scores of one wave.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WaveScores {
    /// Wave number.
    pub wave: u8,
    /// NPS.
    pub nps: Nps,
    /// CSAT (top-2 box of 1–5) and mean (None when the survey did not ask).
    pub csat: Option<Csat>,
    /// CES (share of 5–7 on 1–7) and mean (None when the survey did not ask).
    pub ces: Option<Ces>,
}

/// NPS, CSAT and CES by wave and segment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurveySection {
    /// One entry per wave.
    pub waves: Vec<WaveScores>,
    /// The last wave against the first (None with one wave).
    pub nps_change: Option<WaveTest>,
    /// NPS of the last wave per segment.
    pub nps_by_segment: Vec<(String, Nps)>,
    /// What the section found.
    pub finding: String,
}

/// Customer value: the pyramid and lifetime value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueSection {
    /// The customer pyramid by 12-month CLV.
    pub tiers: Vec<TierSummary>,
    /// CLV deciles (10th … 90th percentile) and the mean.
    pub clv_deciles: Vec<f64>,
    /// Mean CLV.
    pub clv_mean: f64,
    /// Mean CLV per segment.
    pub clv_by_segment: Vec<(String, f64)>,
    /// What the section found.
    pub finding: String,
}

/// RFM segment sizes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RfmSection {
    /// (segment name, customers), largest first.
    pub segments: Vec<(String, usize)>,
    /// What the section found.
    pub finding: String,
}

/// One KANO feature.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KanoRow {
    /// Feature.
    pub feature: String,
    /// Category letter.
    pub category: String,
    /// Better (satisfaction) coefficient.
    pub better: Option<f64>,
    /// Worse (dissatisfaction) coefficient.
    pub worse: Option<f64>,
    /// The categories over the waves, e.g. "A → O" (None with one wave).
    pub path: Option<String>,
    /// Whether the category changed significantly between two consecutive waves.
    pub migrated: bool,
    /// Better in the first wave (None with one wave).
    pub first_better: Option<f64>,
    /// Worse in the first wave (None with one wave).
    pub first_worse: Option<f64>,
}

/// The KANO classification (of the latest wave, with the migrations since the first).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KanoSection {
    /// One row per feature.
    pub features: Vec<KanoRow>,
    /// Survey waves analysed.
    pub waves: usize,
    /// What the section found.
    pub finding: String,
}

/// SERVQUAL gaps per dimension.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServqualSection {
    /// (dimension, gap, ci_low, ci_high).
    pub dimensions: Vec<(String, f64, f64, f64)>,
    /// Overall SERVQUAL score.
    pub overall: f64,
    /// What the section found.
    pub finding: String,
}

/// Touchpoint indices by month and the pain points.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JourneySection {
    /// Month labels ("2025-01", …).
    pub months: Vec<String>,
    /// (touchpoint, index per month; None without events).
    pub heat_map: Vec<(String, Vec<Option<f64>>)>,
    /// Pain points of the last month, worst first.
    pub pain_points: Vec<PainPoint>,
    /// Importance–performance of each touchpoint in the last month: (touchpoint, share of
    /// the tree's weight, index, quadrant label).
    pub ipa: Vec<(String, f64, f64, String)>,
    /// What the section found.
    pub finding: String,
}

/// Complaint handling.
///
/// In the JSON, `metrics.by_channel` and `metrics.by_category` name each group (`"channel":
/// "phone"`, `"category": "fees"`) in place of its code, so that the file does not depend on
/// the order the groups first appear in.
#[derive(Debug, Clone, PartialEq)]
pub struct ComplaintSection {
    /// All complaints, with the SLAs of 24 h (response) and 72 h (resolution); its groups by
    /// the codes of `channels` and `categories`.
    pub metrics: ComplaintMetrics,
    /// First responses by channel against the 24 h service level, every channel with
    /// complaints (one never answered included).
    pub by_channel: Vec<ChannelResponse>,
    /// What the section found.
    pub finding: String,
    /// The channel of each code of `metrics.by_channel`.
    pub channels: Vec<String>,
    /// The category of each code of `metrics.by_category`.
    pub categories: Vec<String>,
}

/// First responses of one channel's complaints against the report's 24 h service level, at
/// the date of the metrics (see [`crate::complaints::Durations`] for met, breached and
/// pending).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChannelResponse {
    /// The channel.
    pub channel: String,
    /// Its complaints.
    pub complaints: usize,
    /// Mean hours to the first response of those answered (None when none was).
    pub mean_hours: Option<f64>,
    /// Share of the complaints due answered within 24 h (None when none is due yet).
    pub within_sla: Option<f64>,
    /// Complaints answered after 24 h or not at all and older than 24 h.
    pub breached: usize,
    /// Of `breached`, those never answered.
    pub unanswered: usize,
    /// Unanswered complaints younger than 24 h: not yet due.
    pub pending: usize,
}

impl Serialize for ComplaintSection {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut metrics = serde_json::to_value(&self.metrics).map_err(S::Error::custom)?;
        for (key, what, names) in [
            ("by_channel", "channel", &self.channels),
            ("by_category", "category", &self.categories),
        ] {
            let Some(rows) = metrics.get_mut(key).and_then(|v| v.as_array_mut()) else {
                continue;
            };
            for row in rows {
                let Some(fields) = row.as_object_mut() else {
                    continue;
                };
                let code = fields.remove("code").and_then(|c| c.as_u64()).unwrap_or(0);
                let name = usize::try_from(code)
                    .ok()
                    .and_then(|c| names.get(c))
                    .cloned()
                    .unwrap_or_else(|| code.to_string());
                let mut named = serde_json::Map::new();
                named.insert(what.to_string(), name.into());
                named.append(fields);
                *fields = named;
            }
        }
        let mut out = serializer.serialize_struct("ComplaintSection", 3)?;
        out.serialize_field("metrics", &metrics)?;
        out.serialize_field("by_channel", &self.by_channel)?;
        out.serialize_field("finding", &self.finding)?;
        out.end()
    }
}

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

/// Options of [`bank_report`].
///
/// ```
/// use cxkit::report::{bank_report, Lang, ReportOptions};
/// let options = ReportOptions { lang: Lang::Zh, ..ReportOptions::default() };
/// let r = bank_report(&cxkit::data::demo_bank(3, 3_000).unwrap(), &options)?;
/// assert!(r.journey.unwrap().finding.starts_with("最严重的痛点是贷款申请"));
/// # Ok::<(), cxkit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReportOptions {
    /// Confidence level of the intervals and of the wave test (0.95 by default).
    pub confidence: f64,
    /// The language of every finding, title and label, and of the names the report's
    /// translation table knows (English by default).
    pub lang: Lang,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            confidence: 0.95,
            lang: Lang::En,
        }
    }
}

/// Every section of the bank report; a section is None when its data are absent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BankReport {
    /// The language of the report's text (the findings and the HTML page); numbers and the
    /// names in the data sections stay as the data spell them.
    pub lang: Lang,
    /// Confidence level of the intervals.
    pub confidence: f64,
    /// Customers in the data (None without a customer table).
    pub customers: Option<usize>,
    /// Survey scores.
    pub survey: Option<SurveySection>,
    /// Customer value.
    pub value: Option<ValueSection>,
    /// RFM segments.
    pub rfm: Option<RfmSection>,
    /// KANO.
    pub kano: Option<KanoSection>,
    /// SERVQUAL.
    pub servqual: Option<ServqualSection>,
    /// Journeys.
    pub journey: Option<JourneySection>,
    /// Complaints.
    pub complaints: Option<ComplaintSection>,
    /// Sections whose data were there but could not be computed (a model that did not
    /// converge, too few answers, too few customer ids matching the customer table …):
    /// (section in the report's language, why).
    pub not_computed: Vec<(String, String)>,
    /// What the data were read from.
    pub files: DataFiles,
    /// How the ids of the tables match the customer table ([`BankData::id_matches`]); when
    /// fewer than half of a table's ids do ([`IdMatch::holds`]), the sections that join it to
    /// the customers are not computed (customer value and RFM for transactions.csv, NPS by
    /// segment for survey.csv).
    pub joins: Vec<IdMatch>,
}

impl BankReport {
    /// The one-sentence finding of every section present, in report order.
    ///
    /// ```
    /// let r = cxkit::report::bank_report(&cxkit::data::demo_bank(3, 3_000).unwrap(), &Default::default())?;
    /// assert_eq!(r.findings().len(), 7);
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn findings(&self) -> Vec<&str> {
        [
            self.survey.as_ref().map(|s| s.finding.as_str()),
            self.value.as_ref().map(|s| s.finding.as_str()),
            self.rfm.as_ref().map(|s| s.finding.as_str()),
            self.kano.as_ref().map(|s| s.finding.as_str()),
            self.servqual.as_ref().map(|s| s.finding.as_str()),
            self.journey.as_ref().map(|s| s.finding.as_str()),
            self.complaints.as_ref().map(|s| s.finding.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// One sentence per section that could not be computed, in the report's language.
    ///
    /// ```
    /// use cxkit::data::BankData;
    /// use cxkit::report::{bank_report, ReportOptions};
    /// let one = "wave,customer_id,ltr,csat,ces\n1,a,9,4,6\n";
    /// let bank = BankData::read_files([("survey.csv", one.as_bytes())])?;
    /// let r = bank_report(&bank, &ReportOptions::default())?;
    /// assert!(r.not_computed_lines()[0].starts_with("Not computed: survey (a standard deviation"));
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn not_computed_lines(&self) -> Vec<String> {
        let t = self.lang.table();
        self.not_computed
            .iter()
            .map(|(section, why)| {
                t.fill(
                    Key::not_computed_line,
                    &[("section", section), ("why", why)],
                )
            })
            .collect()
    }
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

impl BankReport {
    /// Writes the report into `dir` (created if missing) as report.html ([`Self::to_html`])
    /// and report.json (every number); returns the two paths.
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("cxkit-report-doc-{}", std::process::id()));
    /// let r = cxkit::report::bank_report(&cxkit::data::demo_bank(3, 2_000).unwrap(), &Default::default())?;
    /// let (html, json) = r.write(&dir)?;
    /// let numbers: serde_json::Value =
    ///     serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
    /// assert_eq!(numbers["customers"], 2_000);
    /// assert!(std::fs::read_to_string(html).unwrap().starts_with("<!DOCTYPE html>"));
    /// # std::fs::remove_dir_all(&dir).ok();
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn write(&self, dir: &Path) -> Result<(PathBuf, PathBuf)> {
        std::fs::create_dir_all(dir).map_err(|e| unwritable(dir, e))?;
        let (html, json) = (dir.join("report.html"), dir.join("report.json"));
        std::fs::write(&html, self.to_html()).map_err(|e| unwritable(&html, e))?;
        std::fs::write(&json, self.to_json()).map_err(|e| unwritable(&json, e))?;
        Ok((html, json))
    }

    /// Every number of the report as pretty-printed JSON (what [`Self::write`] writes).
    ///
    /// ```
    /// let r = cxkit::report::bank_report(&cxkit::data::demo_bank(3, 2_000).unwrap(), &Default::default())?;
    /// let v: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    /// assert_eq!(v["customers"], 2_000);
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("the report serializes")
    }
}

/// Computes the report of a bank, its text in `options.lang`.
///
/// ```
/// use cxkit::report::{bank_report, ReportOptions};
/// let bank = cxkit::data::demo_bank(3, 3_000).unwrap();
/// let r = bank_report(&bank, &ReportOptions::default())?;
/// assert_eq!(r.customers, Some(3_000));
/// assert!(r.journey.unwrap().finding.contains("loan_application"));
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn bank_report(bank: &BankData, options: &ReportOptions) -> Result<BankReport> {
    let confidence = options.confidence;
    check_confidence(confidence)?;
    let t = options.lang.table();
    let mut s = Sections {
        t,
        not_computed: Vec::new(),
    };
    let joins = bank.id_matches();
    // A table whose ids mostly miss the customer table cannot be joined to it.
    let broken = |file: &str| joins.iter().find(|j| j.file == file && !j.holds());
    let (survey_join, transactions_join) = (broken("survey.csv"), broken("transactions.csv"));
    let survey = s.keep(
        Key::section_survey,
        survey_section(bank, confidence, survey_join.is_none(), t),
    );
    if let (Some(j), Some(_)) = (survey_join, &survey) {
        s.hold(Key::section_nps_by_segment, j);
    }
    let (value, rfm) = match transactions_join {
        Some(j) => {
            s.hold(Key::section_value, j);
            s.hold(Key::section_rfm, j);
            (None, None)
        }
        None => (
            s.keep(Key::section_value, value_section(bank, t)),
            s.keep(Key::section_rfm, rfm_section(bank, t)),
        ),
    };
    Ok(BankReport {
        lang: options.lang,
        confidence,
        customers: bank.customers.as_ref().map(|c| c.segment.len()),
        survey,
        value,
        rfm,
        kano: s.keep(Key::section_kano, kano_section(bank, t)),
        servqual: s.keep(Key::section_servqual, servqual_section(bank, confidence, t)),
        journey: s.keep(Key::section_journey, journey_section(bank, t)),
        complaints: s.keep(Key::section_complaints, complaint_section(bank, t)),
        not_computed: s.not_computed,
        files: DataFiles {
            origin: bank.origin.clone(),
            read: bank.files.clone(),
            ignored: bank.ignored.clone(),
        },
        joins,
    })
}

/// The sections as they are computed, with the names and reasons of those that could not be.
struct Sections<'a> {
    t: &'a Table,
    not_computed: Vec<(String, String)>,
}

impl Sections<'_> {
    /// A section that could not be computed is left out with its reason; the others still
    /// report.
    fn keep<T>(&mut self, name: Key, section: Result<Option<T>>) -> Option<T> {
        section.unwrap_or_else(|e| {
            self.not_computed
                .push((self.t.get(name).to_string(), e.to_string()));
            None
        })
    }

    /// A section left out because the table it joins to the customers mostly does not match.
    fn hold(&mut self, name: Key, join: &IdMatch) {
        let t = self.t;
        let reason = t.fill(
            Key::join_too_few,
            &[
                ("matched", &join.matched.to_string()),
                ("distinct", &join.distinct.to_string()),
                ("what", join_what(t, join)),
                ("file", &join.file),
                ("against", &join.against),
                ("example", join.unmatched_example.as_deref().unwrap_or("")),
            ],
        );
        self.not_computed.push((t.get(name).to_string(), reason));
    }
}

/// What a join matches, in the report's language: customer ids or segments.
fn join_what<'a>(t: &'a Table, join: &IdMatch) -> &'a str {
    t.get(if join.column == "segment" {
        Key::join_segments
    } else {
        Key::join_customer_ids
    })
}

/// The survey section; NPS by segment only when `by_segment` (the respondents match the
/// customer table).
fn survey_section(
    bank: &BankData,
    confidence: f64,
    by_segment: bool,
    t: &Table,
) -> Result<Option<SurveySection>> {
    let Some(s) = &bank.survey else {
        return Ok(None);
    };
    let pick = |col: &[u8], keep: &dyn Fn(usize) -> bool| -> Vec<u8> {
        (0..col.len())
            .filter(|&i| keep(i))
            .map(|i| col[i])
            .collect()
    };
    let no = NpsOptions {
        confidence,
        ..NpsOptions::default()
    };
    let mut numbers = s.wave.clone();
    numbers.sort_unstable();
    numbers.dedup();
    let mut waves = Vec::new();
    for &wave in &numbers {
        let in_wave = |i: usize| s.wave[i] == wave;
        waves.push(WaveScores {
            wave,
            nps: nps(&pick(&s.ltr, &in_wave), None, &no)?,
            csat: s
                .csat
                .as_ref()
                .map(|v| {
                    let options = TopBoxOptions {
                        confidence,
                        ..TopBoxOptions::default()
                    };
                    csat(&pick(v, &in_wave), None, &options)
                })
                .transpose()?,
            ces: s
                .ces
                .as_ref()
                .map(|v| {
                    let options = CesOptions {
                        confidence,
                        ..CesOptions::default()
                    };
                    ces(&pick(v, &in_wave), None, &options)
                })
                .transpose()?,
        });
    }
    let (first, last) = match (waves.first(), waves.last()) {
        (Some(first), Some(last)) => (first, last),
        _ => {
            return Err(Error::EmptyInput {
                what: "survey answers",
            })
        }
    };
    let nps_change = if waves.len() > 1 {
        Some(nps_test(&last.nps, &first.nps, &NpsTestOptions::default())?)
    } else {
        None
    };
    let seg: &[u8] = match &bank.customers {
        Some(c) if by_segment => &c.segment,
        _ => &[],
    };
    let names: &[String] = if seg.is_empty() { &[] } else { &bank.segments };
    let nps_by_segment = names
        .iter()
        .enumerate()
        .filter_map(|(k, name)| {
            let keep = |i: usize| {
                s.wave[i] == last.wave
                    && seg.get(s.customer[i] as usize).map(|&g| g as usize) == Some(k)
            };
            let ltr = pick(&s.ltr, &keep);
            // A segment without respondents in the last wave has no NPS to show.
            (!ltr.is_empty()).then(|| Ok((name.to_string(), nps(&ltr, None, &no)?)))
        })
        .collect::<Result<Vec<_>>>()?;
    let finding = match &nps_change {
        Some(change) => t.fill(
            Key::survey_change,
            &[
                (
                    "direction",
                    t.get(if change.delta > 0.0 {
                        Key::survey_rose
                    } else {
                        Key::survey_fell
                    }),
                ),
                ("from", &format!("{:.1}", first.nps.score)),
                ("to", &format!("{:.1}", last.nps.score)),
                ("first", &first.wave.to_string()),
                ("last", &last.wave.to_string()),
                ("delta", &format!("{:+.1}", change.delta)),
                ("p", &format!("{:.2e}", change.p_value)),
                (
                    "significance",
                    t.get(if change.p_value < 1.0 - confidence {
                        Key::survey_significant
                    } else {
                        Key::survey_not_significant
                    }),
                ),
            ],
        ),
        None => t.fill(
            Key::survey_one_wave,
            &[
                ("nps", &format!("{:.1}", last.nps.score)),
                ("n", &last.nps.n.to_string()),
            ],
        ),
    };
    Ok(Some(SurveySection {
        finding,
        waves,
        nps_change,
        nps_by_segment,
    }))
}

fn value_section(bank: &BankData, t: &Table) -> Result<Option<ValueSection>> {
    let Some(tx) = &bank.transactions else {
        return Ok(None);
    };
    let ids: Vec<u64> = tx.customer.iter().map(|&c| u64::from(c)).collect();
    let (_, end) = day_range(&tx.day)?;
    let summary = summarize_transactions(
        &ids,
        &tx.day,
        Some(&tx.amount),
        &SummaryOptions {
            period: Period::Week,
            observation_end: end,
            calibration_end: None,
        },
    )?;
    let fit = FitOptions {
        penalizer: 0.001,
        ..FitOptions::default()
    };
    let bg = BetaGeo::fit(&summary.frequency, &summary.recency, &summary.t, &fit)?;
    let gg = GammaGamma::fit(&summary.frequency, &summary.monetary_value, &fit)?;
    // Customers who never bought again keep the population's mean spend.
    let spend: Vec<f64> = summary
        .monetary_value
        .iter()
        .map(|&m| {
            if m > 0.0 {
                m
            } else {
                gg.p * gg.v / (gg.q - 1.0)
            }
        })
        .collect();
    let clv = customer_lifetime_value(
        &bg,
        &gg,
        &summary.frequency,
        &summary.recency,
        &summary.t,
        &spend,
        &ClvOptions {
            horizon_months: 12,
            period: Period::Week,
            discount_rate: 0.01,
        },
    )?;
    let tiers = value_tiers(&clv, &TierCuts::default())?;
    let mut sorted = clv.clone();
    sorted.sort_unstable_by(f64::total_cmp);
    let clv_deciles = (1..10)
        .map(|d| quantile(&sorted, f64::from(d) / 10.0).expect("customers"))
        .collect();
    let clv_mean = clv.iter().sum::<f64>() / clv.len() as f64;
    let seg: &[u8] = bank.customers.as_ref().map_or(&[], |c| &c.segment);
    let names: &[String] = if seg.is_empty() { &[] } else { &bank.segments };
    // Segments without customers in the log (or only named elsewhere) have no row.
    let clv_by_segment = names
        .iter()
        .enumerate()
        .filter_map(|(k, name)| {
            let v: Vec<f64> = summary
                .customer
                .iter()
                .zip(&clv)
                .filter(|(c, _)| seg.get(**c as usize).map(|&g| g as usize) == Some(k))
                .map(|(_, v)| *v)
                .collect();
            (!v.is_empty()).then(|| (name.to_string(), v.iter().sum::<f64>() / v.len() as f64))
        })
        .collect();
    let top = &tiers.summary[0];
    Ok(Some(ValueSection {
        finding: t.fill(
            Key::value_finding,
            &[
                ("share", &format!("{:.0}", 100.0 * top.customer_share)),
                ("tier", t.name(&top.tier)),
                (
                    "value",
                    &format!("{:.0}", 100.0 * top.value_share.unwrap_or(0.0)),
                ),
            ],
        ),
        tiers: tiers.summary,
        clv_deciles,
        clv_mean,
        clv_by_segment,
    }))
}

/// First and last day of a transaction log: the log is the observation period.
fn day_range(days: &[i64]) -> Result<(i64, i64)> {
    match (days.iter().min(), days.iter().max()) {
        (Some(&a), Some(&b)) => Ok((a, b)),
        _ => Err(Error::EmptyInput {
            what: "transactions",
        }),
    }
}

fn rfm_section(bank: &BankData, t: &Table) -> Result<Option<RfmSection>> {
    let Some(tx) = &bank.transactions else {
        return Ok(None);
    };
    // Every customer id of the transactions has a slot, known customers without any too.
    let n = bank
        .customers
        .as_ref()
        .map_or(0, |c| c.segment.len())
        .max(tx.customer.iter().max().map_or(0, |&m| m as usize + 1));
    let (start, end) = day_range(&tx.day)?;
    let (mut last, mut count, mut total) = (vec![start - 1; n], vec![0.0; n], vec![0.0; n]);
    for ((&c, &d), &a) in tx.customer.iter().zip(&tx.day).zip(&tx.amount) {
        let c = c as usize;
        last[c] = last[c].max(d);
        count[c] += 1.0;
        total[c] += a;
    }
    let recency: Vec<f64> = last.iter().map(|&d| (end - d) as f64).collect();
    let map = RfmSegmentMap::default();
    let s = rfm_scores(&recency, &count, &total, &RfmOptions::default(), &map)?;
    let mut sizes = vec![0usize; s.segment_names.len()];
    for &k in &s.segment {
        sizes[k as usize] += 1;
    }
    let mut segments: Vec<(String, usize)> = s
        .segment_names
        .iter()
        .cloned()
        .zip(sizes)
        .filter(|(_, n)| *n > 0)
        .collect();
    segments.sort_by_key(|s| std::cmp::Reverse(s.1));
    Ok(Some(RfmSection {
        finding: t.fill(
            Key::rfm_finding,
            &[
                ("segment", t.name(&segments[0].0)),
                (
                    "share",
                    &format!("{:.0}", 100.0 * segments[0].1 as f64 / n as f64),
                ),
            ],
        ),
        segments,
    }))
}

fn kano_section(bank: &BankData, t: &Table) -> Result<Option<KanoSection>> {
    let Some(k) = &bank.kano else {
        return Ok(None);
    };
    let tables = kano_waves(k)?;
    let latest = tables.last().expect("at least one wave");
    let migration = if tables.len() > 1 {
        Some(kano_migration(&tables, 0.05)?)
    } else {
        None
    };
    let features: Vec<KanoRow> = latest
        .features
        .iter()
        .zip(&k.features)
        .enumerate()
        .map(|(j, (r, name))| {
            let m = migration.as_ref().map(|m| &m[j]);
            KanoRow {
                feature: name.clone(),
                category: format!("{:?}", r.category),
                better: r.better,
                worse: r.worse,
                path: m.map(|m| m.path_text()),
                migrated: m.is_some_and(|m| m.migrated),
                first_better: m.and_then(|m| m.better[0]),
                first_worse: m.and_then(|m| m.worse[0]),
            }
        })
        .collect();
    let of = |c: &str| -> Vec<&str> {
        features
            .iter()
            .filter(|r| r.category == c)
            .map(|r| r.feature.as_str())
            .collect()
    };
    let mut finding = t.fill(
        Key::kano_finding,
        &[
            ("attractive", &t.list(&of("A"), is_demo(bank))),
            ("must_be", &t.list(&of("M"), is_demo(bank))),
        ],
    );
    if let Some(migration) = &migration {
        let moved: Vec<String> = features
            .iter()
            .zip(migration)
            .filter(|(_, m)| m.migrated)
            .map(|(r, m)| {
                let path: Vec<String> = m
                    .path
                    .iter()
                    .map(|c| t.kano_category(&c.to_string()).to_string())
                    .collect();
                t.fill(
                    Key::kano_moved,
                    &[
                        ("feature", t.data_name(&r.feature, is_demo(bank))),
                        ("path", &path.join(t.get(Key::kano_path_separator))),
                    ],
                )
            })
            .collect();
        finding += &if moved.is_empty() {
            t.fill(Key::kano_no_change, &[("waves", &tables.len().to_string())])
        } else {
            let moved: Vec<&str> = moved.iter().map(String::as_str).collect();
            t.fill(
                Key::kano_changed,
                &[("features", &t.list(&moved, is_demo(bank)))],
            )
        };
    }
    Ok(Some(KanoSection {
        finding,
        waves: tables.len(),
        features,
    }))
}

/// The KANO analysis of each wave, oldest first (one table without waves).
fn kano_waves(k: &KanoSurvey) -> Result<Vec<KanoTable>> {
    let f = k.features.len();
    let mut waves: Vec<u8> = k.wave.clone().unwrap_or_default();
    waves.sort_unstable();
    waves.dedup();
    if waves.len() < 2 {
        let shape = (k.respondents, f);
        let fa = ArrayView2::from_shape(shape, &k.functional).map_err(shape_error)?;
        let da = ArrayView2::from_shape(shape, &k.dysfunctional).map_err(shape_error)?;
        return Ok(vec![analyze(fa, da, None, &KanoOptions::default())?]);
    }
    let of_respondent = k.wave.as_deref().unwrap_or_default();
    waves
        .iter()
        .map(|&w| {
            let rows: Vec<usize> = (0..k.respondents)
                .filter(|&r| of_respondent.get(r) == Some(&w))
                .collect();
            let pick = |a: &[u8]| -> Vec<u8> {
                rows.iter()
                    .flat_map(|&r| a[r * f..(r + 1) * f].iter().copied())
                    .collect()
            };
            let (fa, da) = (pick(&k.functional), pick(&k.dysfunctional));
            let shape = (rows.len(), f);
            let fa = ArrayView2::from_shape(shape, &fa).map_err(shape_error)?;
            let da = ArrayView2::from_shape(shape, &da).map_err(shape_error)?;
            analyze(fa, da, None, &KanoOptions::default())
        })
        .collect()
}

fn shape_error(e: ndarray::ShapeError) -> Error {
    Error::InvalidParameter {
        name: "bank",
        reason: format!("a survey matrix has the wrong size: {e}"),
    }
}

fn servqual_section(
    bank: &BankData,
    confidence: f64,
    t: &Table,
) -> Result<Option<ServqualSection>> {
    let Some(q) = &bank.servqual else {
        return Ok(None);
    };
    let shape = (q.respondents, q.dimensions.of_item.len());
    let p = ArrayView2::from_shape(shape, &q.perceptions).map_err(shape_error)?;
    let e = ArrayView2::from_shape(shape, &q.expectations).map_err(shape_error)?;
    let r = servqual(
        p,
        e,
        None,
        &QualityOptions {
            dimensions: q.dimensions.clone(),
            nan_policy: NanPolicy::Omit,
            confidence,
            ..QualityOptions::default()
        },
    )?;
    let dimensions: Vec<(String, f64, f64, f64)> = r
        .dimensions
        .iter()
        .map(|d| {
            (
                d.name.clone(),
                d.score.estimate,
                d.score.ci_low,
                d.score.ci_high,
            )
        })
        .collect();
    let worst = dimensions
        .iter()
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .expect("five dimensions");
    Ok(Some(ServqualSection {
        finding: t.fill(
            Key::servqual_finding,
            &[
                ("dimension", t.data_name(&worst.0, is_demo(bank))),
                ("gap", &format!("{:.2}", worst.1)),
            ],
        ),
        dimensions,
        overall: r.overall.estimate,
    }))
}

fn journey_section(bank: &BankData, t: &Table) -> Result<Option<JourneySection>> {
    let Some(e) = &bank.events else {
        return Ok(None);
    };
    let tree = IndicatorTree::from_json(&bank.journey_tree)?;
    let mut st = JourneyState::new(&tree);
    // The events' own segment names (the section shows no segment; the codes only group).
    let mut segments: Interner<String> = Interner::new();
    let seg: Vec<u32> = e
        .segment
        .iter()
        .map(|s| segments.code(s.as_str()))
        .collect::<Result<_>>()?;
    st.update_ids(
        &tree,
        Some(&e.touchpoint),
        &e.indicator,
        &e.timestamp,
        &e.value,
        Some(&seg),
        RejectPolicy::Error,
    )?;
    let first = e
        .timestamp
        .iter()
        .min()
        .copied()
        .unwrap_or(0)
        .div_euclid(86_400);
    let last = st.last_day().unwrap_or(first);
    let mut months = Vec::new();
    let mut columns: Vec<Vec<crate::journey::NodeResult>> = Vec::new();
    let mut day = first;
    while day <= last {
        let w = Window::Calendar {
            period: Period::Month,
            day,
        };
        columns.push(st.evaluate(&tree, &w, &EvaluateOptions::default())?);
        months.push(month_label(day));
        // The first day of the next month.
        while Period::Month.index(day) == Period::Month.index(day + 1) {
            day += 1;
        }
        day += 1;
    }
    let touchpoints: Vec<String> = columns[0]
        .iter()
        .filter(|n| n.level == Level::Touchpoint)
        .map(|n| n.id.clone())
        .collect();
    let heat_map = touchpoints
        .iter()
        .map(|t| {
            let row = columns
                .iter()
                .map(|c| c.iter().find(|n| &n.id == t).and_then(|n| n.index))
                .collect();
            (t.clone(), row)
        })
        .collect();
    let latest = columns.last().expect("at least one month");
    let pain = pain_points(&tree, latest, GapTo::Target, None);
    let importance: Vec<(String, f64, f64)> = tree
        .touchpoint_shares()
        .into_iter()
        .filter_map(|(_, _, t, share)| {
            let index = latest.iter().find(|n| n.id == t.id).and_then(|n| n.index)?;
            Some((t.id.clone(), share, index))
        })
        .collect();
    let grid = ipa(
        &importance.iter().map(|r| r.1).collect::<Vec<_>>(),
        &importance.iter().map(|r| r.2).collect::<Vec<_>>(),
        Crosshair::Mean,
    )?;
    let ipa_rows = importance
        .into_iter()
        .zip(&grid.quadrants)
        .map(|((t, i, p), q)| (t, i, p, q.label().to_string()))
        .collect();
    let finding = match pain.first() {
        Some(p) => t.fill(
            Key::journey_finding,
            &[
                ("touchpoint", t.data_name(&p.touchpoint, is_demo(bank))),
                ("gap", &format!("{:.0}", p.gap)),
            ],
        ),
        None => t.get(Key::journey_all_met).to_string(),
    };
    Ok(Some(JourneySection {
        months,
        heat_map,
        pain_points: pain,
        ipa: ipa_rows,
        finding,
    }))
}

/// Whether the data are the built-in demo bank, whose names the report translates (a bank's
/// own names it shows as they are spelled).
fn is_demo(bank: &BankData) -> bool {
    matches!(bank.origin, Origin::Demo { .. })
}

/// "YYYY-MM" of a day number.
fn month_label(day: i64) -> String {
    let m = Period::Month.index(day);
    format!("{}-{:02}", 1970 + m.div_euclid(12), m.rem_euclid(12) + 1)
}

fn complaint_section(bank: &BankData, t: &Table) -> Result<Option<ComplaintSection>> {
    let Some(c) = &bank.complaints else {
        return Ok(None);
    };
    let options = ComplaintOptions {
        response_sla: Some(24.0 * 3600.0),
        resolution_sla: Some(72.0 * 3600.0),
        customers: bank.customers.as_ref().map(|c| c.segment.len() as f64),
        ..ComplaintOptions::default()
    };
    let metrics = complaint_metrics(
        &Complaints {
            opened: &c.opened,
            first_response: &c.first_response,
            resolved: &c.resolved,
            contacts: Some(&c.contacts),
            reopened: Some(&c.reopened),
            channel: Some(&c.channel),
            category: Some(&c.category),
        },
        &options,
    )?;
    // Each channel at the date of the whole table, so that a channel's unanswered complaints
    // are aged as the others are.
    let at = ComplaintOptions {
        as_of: Some(metrics.as_of),
        ..options
    };
    let by_channel: Vec<ChannelResponse> = bank
        .channels
        .iter()
        .enumerate()
        .filter_map(|(k, name)| {
            let idx: Vec<usize> = (0..c.channel.len())
                .filter(|&i| c.channel[i] as usize == k)
                .collect();
            let pick = |v: &[i64]| idx.iter().map(|&i| v[i]).collect::<Vec<_>>();
            let (o, f, r) = (pick(&c.opened), pick(&c.first_response), pick(&c.resolved));
            let m = complaint_metrics(
                &Complaints {
                    opened: &o,
                    first_response: &f,
                    resolved: &r,
                    ..Complaints::default()
                },
                &at,
            )
            .ok()?;
            let d = m.response;
            Some(ChannelResponse {
                channel: name.to_string(),
                complaints: m.complaints,
                mean_hours: d.mean.map(|s| s / 3600.0),
                within_sla: d.within_sla,
                breached: d.breached.unwrap_or(0),
                unanswered: d.breached_outstanding.unwrap_or(0),
                pending: d.pending.unwrap_or(0),
            })
        })
        .collect();
    // The channel doing worst: the lowest share within the service level, then the slowest.
    let worst = by_channel
        .iter()
        .filter(|c| c.within_sla.is_some())
        .min_by(|a, b| {
            a.within_sla
                .partial_cmp(&b.within_sla)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(
                    b.mean_hours
                        .unwrap_or(f64::INFINITY)
                        .total_cmp(&a.mean_hours.unwrap_or(f64::INFINITY)),
                )
        });
    let r = &metrics.response;
    let percent = |v: Option<f64>| format!("{:.0}", 100.0 * v.unwrap_or(0.0));
    let mut finding = match worst {
        Some(w) => t.fill(
            Key::complaints_finding,
            &[
                ("share", &percent(r.within_sla)),
                ("channel", t.data_name(&w.channel, is_demo(bank))),
                ("channel_share", &percent(w.within_sla)),
            ],
        ),
        None => t.get(Key::complaints_none_due).to_string(),
    };
    let (unanswered, pending) = (r.breached_outstanding.unwrap_or(0), r.pending.unwrap_or(0));
    if unanswered + pending > 0 {
        finding.push(' ');
        finding.push_str(&t.fill(
            Key::complaints_open,
            &[
                ("unanswered", &unanswered.to_string()),
                ("pending", &pending.to_string()),
            ],
        ));
    }
    Ok(Some(ComplaintSection {
        finding,
        metrics,
        by_channel,
        channels: bank.channels.clone(),
        categories: bank.categories.clone(),
    }))
}
