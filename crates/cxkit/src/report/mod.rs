//! The numbers of the bank report: every section computed from a [`BankData`]-shaped data
//! set with the library's own functions, each with a one-sentence finding.
//!
//! Each section — its struct, its computation and its finding — is one file under
//! `sections/`; this module assembles them into a [`BankReport`] ([`bank_report`]), beside the
//! part on the data read (`data_read.rs`), the HTML page (`html.rs`, charts in `svg/`) and
//! the translation tables (`lang.rs`, `lang/*.toml`).
//!
//! This is what `cxkit report` writes as JSON and draws as HTML ([`BankReport::to_html`]);
//! keeping it in the core lets the Python package and the command line produce the same
//! report. Its text is in English or Simplified Chinese ([`Lang`], chosen in
//! [`ReportOptions`]), from one translation table per language.

mod data_read;
mod html;
mod lang;
mod sections;
mod svg;

pub use data_read::DataFiles;
pub use html::CJK_FONTS;
pub use lang::Lang;
pub use sections::{
    ChainIpma, ChainPath, ChainSection, ChainSettings, ChannelResponse, ChannelSentiment,
    CommentSection, ComplaintSection, EmergingTopic, JourneySection, KanoRow, KanoSection,
    RfmSection, SatisfactionSection, ServqualSection, SurveySection, TopicRow, ValueRiskSection,
    ValueSection, Verbatim, WaveScores, REPORT_BOOTSTRAP_SAMPLES, REPORT_BOOTSTRAP_SEED,
};

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::data::{unwritable, BankData, IdMatch};
use crate::error::check_confidence;
use crate::Result;
use data_read::join_what;
use lang::{Key, Table};
use sections::{
    comment_section, complaint_section, journey_section, kano_section, rfm_section,
    satisfaction_section, servqual_section, survey_section, value_section,
};

/// The directory the report is written to when none is given (CLI and Python).
pub const DEFAULT_OUT: &str = "cxkit-report";

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
    /// What drives satisfaction and loyalty, and the value at risk.
    pub satisfaction: Option<SatisfactionSection>,
    /// Journeys.
    pub journey: Option<JourneySection>,
    /// Complaints.
    pub complaints: Option<ComplaintSection>,
    /// What customers talk about.
    pub comments: Option<CommentSection>,
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
    /// assert_eq!(r.findings().len(), 9);
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn findings(&self) -> Vec<&str> {
        [
            self.survey.as_ref().map(|s| s.finding.as_str()),
            self.value.as_ref().map(|s| s.finding.as_str()),
            self.rfm.as_ref().map(|s| s.finding.as_str()),
            self.kano.as_ref().map(|s| s.finding.as_str()),
            self.servqual.as_ref().map(|s| s.finding.as_str()),
            self.satisfaction.as_ref().map(|s| s.finding.as_str()),
            self.journey.as_ref().map(|s| s.finding.as_str()),
            self.complaints.as_ref().map(|s| s.finding.as_str()),
            self.comments.as_ref().map(|s| s.finding.as_str()),
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
    let (value, worth) = value.map_or((None, None), |(v, w)| (Some(v), Some(w)));
    // The value at risk joins the survey to customer value: not when either join is broken.
    let worth = worth.filter(|_| survey_join.is_none());
    Ok(BankReport {
        lang: options.lang,
        confidence,
        customers: bank.customers.as_ref().map(|c| c.segment.len()),
        survey,
        value,
        rfm,
        kano: s.keep(Key::section_kano, kano_section(bank, t)),
        servqual: s.keep(Key::section_servqual, servqual_section(bank, confidence, t)),
        satisfaction: s.keep(
            Key::section_satisfaction,
            satisfaction_section(bank, worth.as_ref(), confidence, t),
        ),
        journey: s.keep(Key::section_journey, journey_section(bank, t)),
        complaints: s.keep(Key::section_complaints, complaint_section(bank, t)),
        comments: s.keep(
            Key::section_comments,
            comment_section(bank, confidence, options.lang, t),
        ),
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
