//! The languages of the report. Every sentence, title and axis label of the report, and the
//! display names of what the library and the demo bank name (tiers, RFM segments, KANO
//! categories, SERVQUAL dimensions, quadrants, segments, channels, touchpoints, features), lives
//! in one translation table per language: `lang/en.toml` and `lang/zh.toml` beside this
//! file. `[text]` holds the report's text by key, with `{placeholders}` for the numbers;
//! `[names]` maps a name as the data spell it to the name the reader sees. A bank's own names
//! that the table does not know are shown as they are.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::Error;

/// A language the report can be written in.
///
/// Parsed from a language code: `en` (English, the default) or `zh` (Simplified Chinese),
/// case-insensitive, with a region or script subtag allowed (`en-GB`, `zh-CN`, `zh-Hans`,
/// `zh_SG`). Any other code is an [`Error::InvalidParameter`] that lists the supported ones.
///
/// ```
/// use cxkit::report::Lang;
/// assert_eq!("zh-CN".parse::<Lang>()?, Lang::Zh);
/// assert_eq!("EN".parse::<Lang>()?, Lang::En);
/// let e = "fr".parse::<Lang>().unwrap_err();
/// assert!(e.to_string().contains("en (English), zh (Simplified Chinese)"));
/// # Ok::<(), cxkit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Every language the report has a table for.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The language code: "en" or "zh".
    ///
    /// ```
    /// assert_eq!(cxkit::report::Lang::Zh.code(), "zh");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The display names this language gives the names the library introduces (customer
    /// tiers, the default RFM segments, …), as (name as the data spell it, name the reader
    /// sees), sorted by the first: what the report shows and `cxkit.plot` draws.
    ///
    /// ```
    /// use cxkit::report::Lang;
    ///
    /// let names = Lang::Zh.display_names();
    /// assert!(names.iter().any(|(n, shown)| n == "platinum" && shown == "铂金层"));
    /// ```
    pub fn display_names(self) -> &'static [(String, String)] {
        &self.table().names
    }

    /// The language's name in English, as error messages list it.
    ///
    /// ```
    /// assert_eq!(cxkit::report::Lang::Zh.name(), "Simplified Chinese");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "Simplified Chinese",
        }
    }

    /// The tag of the HTML page's `lang` attribute (it lets the browser choose fonts).
    pub(crate) fn html_tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// The language's translation table as written.
    fn source(self) -> &'static str {
        match self {
            Lang::En => include_str!("lang/en.toml"),
            Lang::Zh => include_str!("lang/zh.toml"),
        }
    }

    /// The language's translation table.
    pub(crate) fn table(self) -> &'static Table {
        static TABLES: [OnceLock<Table>; Lang::ALL.len()] = [OnceLock::new(), OnceLock::new()];
        TABLES[self as usize].get_or_init(|| Table::parse(self.source()))
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = Error;

    fn from_str(code: &str) -> Result<Self, Error> {
        let lower = code.trim().to_ascii_lowercase().replace('_', "-");
        let mut tags = lower.split('-');
        let found = match (tags.next(), tags.next()) {
            (Some("en"), _) => Some(Lang::En),
            // Simplified Chinese: no subtag, the Hans script or a region that writes it.
            (Some("zh"), None | Some("hans" | "cn" | "sg" | "my")) => Some(Lang::Zh),
            _ => None,
        };
        found.ok_or_else(|| Error::InvalidParameter {
            name: "lang",
            reason: format!(
                "unknown language code {code:?}; supported: {}",
                Lang::ALL
                    .iter()
                    .map(|l| format!("{} ({})", l.code(), l.name()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        })
    }
}

/// Declares the keys of the `[text]` tables; the tables must hold exactly these (tested).
macro_rules! keys {
    ($($key:ident),* $(,)?) => {
        /// A piece of the report's text.
        #[allow(non_camel_case_types)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum Key { $($key),* }

        impl Key {
            /// Every key, in declaration order (`ALL[k as usize] == k`).
            pub(crate) const ALL: &'static [Key] = &[$(Key::$key),*];

            /// The key as the tables spell it.
            pub(crate) fn name(self) -> &'static str {
                match self { $(Key::$key => stringify!($key)),* }
            }
        }
    };
}

keys! {
    page_title, heading, customers, json_note, not_computed_title, not_computed_line,
    list_separator, none,
    section_survey, section_value, section_rfm, section_kano, section_servqual, section_journey,
    section_complaints,
    survey_title, survey_chart, nps_wave, nps_segment, csat_wave, survey_rose, survey_fell,
    survey_change, survey_significant, survey_not_significant, survey_one_wave,
    value_title, value_tier_chart, value_tier_customers, value_tier_value, value_decile_chart,
    value_percentile, value_finding,
    rfm_title, rfm_chart, rfm_finding,
    kano_title, kano_chart, kano_x, kano_y, kano_point, kano_finding, kano_no_change,
    kano_changed, kano_moved, kano_path_separator, kano_legend, kano_arrow_legend,
    kano_a, kano_o, kano_m, kano_i, kano_r, kano_q,
    servqual_title, servqual_chart, servqual_finding,
    section_satisfaction, satisfaction_title, satisfaction_path_chart, satisfaction_path_legend,
    satisfaction_ipma_chart, satisfaction_ipma_x, satisfaction_ipma_y, satisfaction_ipma_point,
    satisfaction_finding_first, satisfaction_finding_split, satisfaction_weak_fit,
    satisfaction_settings,
    risk_chart, risk_group, risk_customers, risk_value_mean, risk_share, risk_p_alive,
    risk_purchases, risk_finding, risk_line, risk_gap,
    journey_title, journey_heat_chart, journey_no_events, journey_ipa_chart, journey_ipa_x,
    journey_ipa_y, journey_ipa_point, journey_finding, journey_all_met,
    complaints_title, complaints_chart, complaints_channel, complaints_mean_response,
    complaints_within, complaints_finding, complaints_open, complaints_none_due,
    complaints_breached, complaints_pending,
    section_comments, comments_title, comments_volume_chart, comments_cost_chart, comments_topic,
    comments_mentions, comments_share, comments_nps_with, comments_nps_without, comments_cost,
    comments_emerging, comments_before, comments_after, comments_keywords, comments_rising,
    comments_verbatims, comments_sentiment_chart, comments_finding, comments_most,
    comments_no_topic, comments_emerging_finding, comments_no_emerging, comments_counts, comments_p,
    section_nps_by_segment,
    data_title, data_demo, data_program, data_file, data_as, data_encoding, data_rows,
    data_empty_rows, data_file_line, data_tree_line, data_ignored_line,
    ignored_not_data, ignored_hidden, ignored_folder, ignored_other_format,
    join_customer_ids, join_segments, join_line, join_too_few,
}

/// One language's table: the text of every key and the display names.
#[derive(Debug)]
pub(crate) struct Table {
    texts: Vec<String>,
    /// (name in the data, name shown), sorted by the first. A sorted vector rather than a
    /// hash map: the tables live as long as the process, and a leak checker sees blocks a
    /// vector points to the start of as reachable (a hash map points into the middle).
    /// The names the report introduces.
    names: Vec<(String, String)>,
    /// The demo bank's names, likewise.
    demo_names: Vec<(String, String)>,
}

/// The display name of `name` in a sorted table, or `name`.
fn lookup<'a>(table: &'a [(String, String)], name: &'a str) -> &'a str {
    table
        .binary_search_by(|(k, _)| k.as_str().cmp(name))
        .map_or(name, |i| &table[i].1)
}

/// A table file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TableFile {
    text: HashMap<String, String>,
    names: HashMap<String, String>,
    demo_names: HashMap<String, String>,
}

impl Table {
    /// Reads a table. A missing key shows as its own name (the tables are complete: tested).
    fn parse(source: &str) -> Table {
        let file: TableFile = toml::from_str(source).unwrap_or_else(|_| TableFile {
            text: HashMap::new(),
            names: HashMap::new(),
            demo_names: HashMap::new(),
        });
        let sorted = |m: HashMap<String, String>| {
            let mut names: Vec<(String, String)> = m.into_iter().collect();
            names.sort_unstable();
            names
        };
        Table {
            texts: Key::ALL
                .iter()
                .map(|k| file.text.get(k.name()).map_or(k.name(), String::as_str))
                .map(String::from)
                .collect(),
            names: sorted(file.names),
            demo_names: sorted(file.demo_names),
        }
    }

    /// The text of a key.
    pub(crate) fn get(&self, key: Key) -> &str {
        &self.texts[key as usize]
    }

    /// The text of a key with each `{name}` replaced by its value.
    pub(crate) fn fill(&self, key: Key, values: &[(&str, &str)]) -> String {
        let mut out = self.get(key).to_string();
        for (name, value) in values {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }

    /// The display name of a name the report itself introduces: a tier, an RFM segment of
    /// the default map, an importance–performance quadrant (unchanged when unknown).
    pub(crate) fn name<'a>(&'a self, name: &'a str) -> &'a str {
        lookup(&self.names, name)
    }

    /// The display name of a name from the data — a segment, channel, touchpoint, feature or
    /// dimension: the demo bank's names are translated in a report on the demo bank; a bank's
    /// own names are shown as the bank spells them, even when they equal a demo name.
    pub(crate) fn data_name<'a>(&'a self, name: &'a str, demo: bool) -> &'a str {
        if demo {
            lookup(&self.demo_names, name)
        } else {
            name
        }
    }

    /// Names from the data ([`data_name`](Self::data_name)) joined with the language's
    /// separator, or the word for none.
    pub(crate) fn list(&self, names: &[&str], demo: bool) -> String {
        if names.is_empty() {
            return self.get(Key::none).to_string();
        }
        names
            .iter()
            .map(|n| self.data_name(n, demo))
            .collect::<Vec<_>>()
            .join(self.get(Key::list_separator))
    }

    /// The name of a KANO category letter (A, O, M, I, R, Q).
    pub(crate) fn kano_category<'a>(&'a self, letter: &'a str) -> &'a str {
        match letter {
            "A" => self.get(Key::kano_a),
            "O" => self.get(Key::kano_o),
            "M" => self.get(Key::kano_m),
            "I" => self.get(Key::kano_i),
            "R" => self.get(Key::kano_r),
            "Q" => self.get(Key::kano_q),
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn file(lang: Lang) -> TableFile {
        toml::from_str(lang.source()).unwrap_or_else(|e| panic!("{lang} table: {e}"))
    }

    /// The `{placeholders}` of a text.
    fn placeholders(text: &str) -> BTreeSet<&str> {
        text.split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(p, _)| p))
            .collect()
    }

    #[test]
    fn every_table_has_every_key_and_no_other() {
        let keys: BTreeSet<&str> = Key::ALL.iter().map(|k| k.name()).collect();
        for (i, k) in Key::ALL.iter().enumerate() {
            assert_eq!(*k as usize, i);
        }
        let en = file(Lang::En);
        for lang in Lang::ALL {
            let f = file(lang);
            let have: BTreeSet<&str> = f.text.keys().map(String::as_str).collect();
            let missing: Vec<_> = keys.difference(&have).collect();
            let extra: Vec<_> = have.difference(&keys).collect();
            assert!(missing.is_empty(), "{lang} [text] lacks {missing:?}");
            assert!(extra.is_empty(), "{lang} [text] has unknown keys {extra:?}");
            for (k, v) in &f.text {
                assert!(!v.trim().is_empty(), "{lang} [text] {k} is empty");
                assert_eq!(
                    placeholders(v),
                    placeholders(&en.text[k]),
                    "{lang} [text] {k} has other placeholders than English"
                );
            }
            for (table, mine, english) in [
                ("names", &f.names, &en.names),
                ("demo_names", &f.demo_names, &en.demo_names),
            ] {
                let names: BTreeSet<&String> = mine.keys().collect();
                let en_names: BTreeSet<&String> = english.keys().collect();
                assert_eq!(names, en_names, "{lang} [{table}] differ from English's");
                assert!(mine.values().all(|v| !v.trim().is_empty()));
            }
        }
    }

    #[test]
    fn chinese_table_is_chinese() {
        let zh = Lang::Zh.table();
        // The category names of the issue and of the usual Chinese KANO literature.
        let cats: Vec<&str> = ["A", "O", "M", "I", "R", "Q"]
            .iter()
            .map(|c| zh.kano_category(c))
            .collect();
        assert_eq!(cats, ["魅力", "期望", "必备", "无差异", "反向", "可疑"]);
        // Every text with letters besides its placeholders has Chinese in it too.
        let han = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        for k in Key::ALL {
            let t = zh.get(*k);
            let mut bare = t.to_string();
            for p in placeholders(t) {
                bare = bare.replace(&format!("{{{p}}}"), "");
            }
            let letters = bare.chars().any(|c| c.is_ascii_alphabetic());
            assert!(
                han(&bare) || !letters,
                "zh [text] {} is not Chinese: {t}",
                k.name()
            );
        }
        for (en, zh) in zh.names.iter().chain(&zh.demo_names) {
            assert!(han(zh), "zh names: {en} is not Chinese: {zh}");
        }
    }

    #[test]
    fn fill_names_and_lists() {
        let en = Lang::En.table();
        assert_eq!(
            en.fill(Key::rfm_finding, &[("segment", "Lost"), ("share", "12")]),
            "The largest RFM segment is Lost (12 % of customers)."
        );
        let zh = Lang::Zh.table();
        assert_eq!(zh.name("platinum"), "铂金层");
        assert_eq!(zh.name("a bank's own segment"), "a bank's own segment");
        assert_eq!(
            zh.list(&["mass", "private"], true),
            "大众客户、私人银行客户"
        );
        // Issue 19: a bank's own names are never translated, even when they spell a demo
        // name or one the report uses itself ("Other" is also an RFM segment).
        assert_eq!(
            zh.list(&["mass", "private", "Other"], false),
            "mass、private、Other"
        );
        assert_eq!(zh.data_name("Other", false), "Other");
        assert_eq!(zh.name("Other"), "其他客户");
        assert_eq!(zh.list(&[], false), "无");
        assert_eq!(en.list(&[], true), "none");
    }

    #[test]
    fn codes() {
        for (code, lang) in [
            ("en", Lang::En),
            ("en-US", Lang::En),
            ("zh", Lang::Zh),
            ("zh-CN", Lang::Zh),
            ("zh_cn", Lang::Zh),
            ("zh-Hans", Lang::Zh),
            (" ZH ", Lang::Zh),
        ] {
            assert_eq!(code.parse::<Lang>().unwrap(), lang, "{code}");
        }
        for code in ["", "fr", "zh-TW", "zh-Hant", "english", "e"] {
            let e = code.parse::<Lang>().unwrap_err().to_string();
            assert!(
                e.contains(&format!("{code:?}"))
                    && e.contains("supported: en (English), zh (Simplified Chinese)"),
                "{e}"
            );
        }
        for (i, lang) in Lang::ALL.into_iter().enumerate() {
            assert_eq!(lang.code().parse::<Lang>().unwrap(), lang);
            assert_eq!(
                lang as usize, i,
                "Lang::table indexes its tables by ALL's order"
            );
        }
    }
}
