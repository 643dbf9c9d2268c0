//! Topics a bank can edit: topics and sub-topics, each with word rules — any of these words or
//! phrases, all of these, none of these (exclusions), optionally within a window of N
//! characters — matched in one pass over each text (one Aho–Corasick automaton over every
//! term of every rule). A text can carry several topics; every match keeps its evidence (the
//! matched terms and their character positions), and a sub-topic's match also tags its
//! parents.
//!
//! Terms and texts are compared after [`normalize`](super::normalize) (full-width to
//! half-width, lower case), so "ＡＰＰ" in a comment matches the term "app".
//!
//! In TOML (the same in JSON):
//!
//! ```toml
//! [[topics]]
//! id = "waiting"
//! name = { en = "Waiting and queues", zh = "排队等候" }
//! [[topics.rules]]
//! any = ["排队", "等了", "queue"]
//! none = ["不用排队"]
//!
//! [[topics]]
//! id = "app"
//! name = { en = "Mobile app", zh = "手机银行" }
//!
//! [[topics]]
//! id = "app_crash"
//! parent = "app"
//! code = "A-01"
//! [[topics.rules]]
//! all = ["app", "闪退"]
//! window = 10
//! ```

use std::collections::{BTreeMap, HashMap};

use aho_corasick::AhoCorasick;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::corpus::{check_size, each_text, naming_text};
use super::matcher::TermMatcher;
use super::tokenize::{normalize, Normalized};
use crate::report::Lang;
use crate::{Error, Result};

/// cxkit's default taxonomy (default_taxonomy.toml, Chinese and English terms and names).
const DEFAULT_BANK: &str = include_str!("default_taxonomy.toml");

/// One rule of a topic: it matches a text that holds any of `any` (when given), every term
/// of `all`, and none of `none`; with `window`, the terms found for `any` and `all` lie
/// within that many characters (from the first one's start to the last one's end).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Any one of these words or phrases.
    #[serde(default)]
    pub any: Vec<String>,
    /// Every one of these.
    #[serde(default)]
    pub all: Vec<String>,
    /// None of these (exclusions).
    #[serde(default)]
    pub none: Vec<String>,
    /// The characters the matched terms must lie within.
    #[serde(default)]
    pub window: Option<usize>,
}

/// One topic: an id (the bank's), names per language, an optional parent and code (for
/// example of a national complaint classification) and its rules. A topic matches a text
/// when any of its rules does, or any of its sub-topics does.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// The topic's id.
    pub id: String,
    /// Display names by language code ("en", "zh").
    #[serde(default)]
    pub name: BTreeMap<String, String>,
    /// The id of the topic this one is a sub-topic of.
    #[serde(default)]
    pub parent: Option<String>,
    /// The bank's code for it.
    #[serde(default)]
    pub code: Option<String>,
    /// The rules, any of which tags a text with the topic.
    #[serde(default)]
    pub rules: Vec<Rule>,
}

impl Topic {
    /// The topic's name in `lang`, else its English name, else its id: what a report or a
    /// table shows.
    ///
    /// ```
    /// use cxkit::{report::Lang, text::Taxonomy};
    /// let t = Taxonomy::default_bank();
    /// assert_eq!(t.topics()[0].display_name(Lang::Zh), "排队等候");
    /// assert_eq!(t.topics()[0].display_name(Lang::En), "Waiting and queues");
    /// ```
    pub fn display_name(&self, lang: Lang) -> &str {
        self.name
            .get(lang.code())
            .or_else(|| self.name.get(Lang::En.code()))
            .unwrap_or(&self.id)
    }
}

/// The file form: a list of topics.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    topics: Vec<Topic>,
}

/// A term found in a text: the rule's term and its character range in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The term as the rule writes it.
    pub term: String,
    /// Character offset (not byte) of its first character in the text.
    pub start: usize,
    /// Character offset just past its last character.
    pub end: usize,
}

/// A topic found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicMatch {
    /// The topic's position in [`Taxonomy::topics`].
    pub topic: usize,
    /// Whether one of its own rules matched (else it is tagged through a sub-topic).
    pub direct: bool,
    /// The terms that made the match (for a parent, its sub-topics' terms too).
    pub evidence: Vec<Evidence>,
}

/// The flag of a topic one of whose own rules matched a text ([`Taxonomy::flags`]).
pub const TOPIC_DIRECT: u8 = 1;
/// The flag of a topic found in a text only through a sub-topic ([`Taxonomy::flags`]).
pub const TOPIC_VIA_SUBTOPIC: u8 = 2;

/// A rule with its terms as automaton patterns.
#[derive(Debug, Clone)]
struct Compiled {
    any: Vec<usize>,
    all: Vec<usize>,
    none: Vec<usize>,
    window: Option<usize>,
}

impl Compiled {
    /// Whether the rule's terms allow a match, `present(t)` telling whether term t occurs
    /// (none of `none`, all of `all`, one of `any` when it has any); a window is checked
    /// apart.
    fn holds(&self, present: impl Fn(usize) -> bool) -> bool {
        !self.none.iter().any(|&t| present(t))
            && self.all.iter().all(|&t| present(t))
            && (self.any.is_empty() || self.any.iter().any(|&t| present(t)))
    }
}

/// A validated taxonomy, ready to tag texts.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    topics: Vec<Topic>,
    parent: Vec<Option<usize>>,
    rules: Vec<Vec<Compiled>>,
    /// The terms as written (pattern i is the normalised `terms[i]`).
    terms: Vec<String>,
    automaton: AhoCorasick,
    /// The same terms, found while normalising ([`Taxonomy::flags`]).
    matcher: TermMatcher,
    /// For each term, the topics with a rule whose `any` or `all` holds it (the topics a
    /// text can carry are among those of its terms).
    term_topics: Vec<Vec<usize>>,
    /// Whether a rule has a window (flags then need the terms' positions).
    windowed: bool,
}

fn invalid(topic: &str, reason: impl Into<String>) -> Error {
    Error::InvalidTaxonomy {
        topic: topic.to_string(),
        reason: reason.into(),
    }
}

impl Taxonomy {
    /// Validates `topics` and builds the matcher.
    ///
    /// # Errors
    /// [`Error::InvalidTaxonomy`] naming the topic: an empty or repeated id, an unknown
    /// parent, parents that form a cycle, a rule with neither `any` nor `all` terms, an
    /// empty term, a window of 0, or a topic with no rules and no sub-topics.
    ///
    /// ```
    /// use cxkit::text::{Rule, Taxonomy, Topic};
    ///
    /// let fees = Topic {
    ///     id: "fees".into(),
    ///     rules: vec![Rule { any: vec!["手续费".into(), "年费".into()], ..Rule::default() }],
    ///     ..Topic::default()
    /// };
    /// let t = Taxonomy::new(vec![fees])?;
    /// let found = t.tag("信用卡年费太贵")?;
    /// assert_eq!(found[0].evidence[0].term, "年费");
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn new(topics: Vec<Topic>) -> Result<Taxonomy> {
        let mut index: HashMap<&str, usize> = HashMap::new();
        for (i, t) in topics.iter().enumerate() {
            if t.id.trim().is_empty() {
                return Err(invalid(&format!("#{}", i + 1), "a topic needs an id"));
            }
            if index.insert(t.id.as_str(), i).is_some() {
                return Err(invalid(&t.id, "the id is used by two topics"));
            }
        }
        let mut parent = Vec::with_capacity(topics.len());
        for t in &topics {
            parent.push(match &t.parent {
                None => None,
                Some(p) => Some(*index.get(p.as_str()).ok_or_else(|| {
                    invalid(
                        &t.id,
                        format!("its parent `{p}` is not a topic of the taxonomy"),
                    )
                })?),
            });
        }
        for start in 0..topics.len() {
            let mut at = start;
            let mut path = vec![topics[start].id.as_str()];
            while let Some(p) = parent[at] {
                path.push(topics[p].id.as_str());
                if p == start {
                    return Err(invalid(
                        &topics[start].id,
                        format!("its parents form a cycle: {}", path.join(" → ")),
                    ));
                }
                at = p;
                if path.len() > topics.len() + 1 {
                    break; // a cycle above this topic, reported from a topic on it
                }
            }
        }
        let mut terms: Vec<String> = Vec::new();
        let mut pattern: HashMap<String, usize> = HashMap::new();
        let mut rules = Vec::with_capacity(topics.len());
        for (i, t) in topics.iter().enumerate() {
            if t.rules.is_empty() && !parent.contains(&Some(i)) {
                return Err(invalid(&t.id, "a topic needs a rule or a sub-topic"));
            }
            let mut compiled = Vec::with_capacity(t.rules.len());
            for (r, rule) in t.rules.iter().enumerate() {
                let what = format!("rule {}", r + 1);
                if rule.any.is_empty() && rule.all.is_empty() {
                    return Err(invalid(
                        &t.id,
                        format!("{what} has no `any` or `all` terms"),
                    ));
                }
                if rule.window == Some(0) {
                    return Err(invalid(
                        &t.id,
                        format!("{what} has a window of 0 characters"),
                    ));
                }
                let mut ids = |list: &[String]| -> Result<Vec<usize>> {
                    list.iter()
                        .map(|term| {
                            let key = normalize(term.trim());
                            if key.is_empty() {
                                return Err(invalid(&t.id, format!("{what} has an empty term")));
                            }
                            Ok(*pattern.entry(key).or_insert_with(|| {
                                terms.push(term.clone());
                                terms.len() - 1
                            }))
                        })
                        .collect()
                };
                compiled.push(Compiled {
                    any: ids(&rule.any)?,
                    all: ids(&rule.all)?,
                    none: ids(&rule.none)?,
                    window: rule.window,
                });
            }
            rules.push(compiled);
        }
        let mut keys: Vec<(&String, &usize)> = pattern.iter().collect();
        keys.sort_by_key(|(_, &i)| i);
        let keys: Vec<&str> = keys.iter().map(|(k, _)| k.as_str()).collect();
        let unbuilt = |e: aho_corasick::BuildError| {
            invalid("(all)", format!("the terms do not build a matcher: {e}"))
        };
        let automaton = AhoCorasick::new(&keys).map_err(unbuilt)?;
        let matcher = TermMatcher::new(&keys).map_err(unbuilt)?;
        let mut term_topics = vec![Vec::new(); keys.len()];
        for (i, compiled) in rules.iter().enumerate() {
            for r in compiled {
                for &t in r.any.iter().chain(&r.all) {
                    if term_topics[t].last() != Some(&i) {
                        term_topics[t].push(i);
                    }
                }
            }
        }
        let windowed = rules.iter().flatten().any(|r| r.window.is_some());
        Ok(Taxonomy {
            topics,
            parent,
            rules,
            terms,
            automaton,
            matcher,
            term_topics,
            windowed,
        })
    }

    /// cxkit's default taxonomy of what retail-bank customers write about, with Chinese and
    /// English terms and names: waiting and queues, staff attitude, fees and charges, the
    /// mobile app (login, crashes, updates), cards and ATMs, transfers and limits, loans and
    /// mortgages, account opening and paperwork, security and fraud, marketing calls and
    /// messages, the branch environment and the call centre. Its codes are cxkit's own
    /// (CX-nn); a bank starts from the file (`default_toml`) and edits it.
    ///
    /// ```
    /// let t = cxkit::text::Taxonomy::default_bank();
    /// let found = t.tag("APP更新后一直闪退")?;
    /// let ids: Vec<&str> = found.iter().map(|m| t.topics()[m.topic].id.as_str()).collect();
    /// assert_eq!(ids, ["app", "app_crash", "app_update"]);
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn default_bank() -> Taxonomy {
        Taxonomy::from_toml(DEFAULT_BANK).expect("the shipped taxonomy is valid (tested)")
    }

    /// The default taxonomy's TOML, for a bank to copy and edit.
    pub fn default_toml() -> &'static str {
        DEFAULT_BANK
    }

    /// Reads a taxonomy from JSON (`{"topics": [...]}`).
    ///
    /// # Errors
    /// [`Error::InvalidTaxonomy`] when it does not parse (topic "(file)"), and as
    /// [`Taxonomy::new`].
    pub fn from_json(text: &str) -> Result<Taxonomy> {
        let spec: Spec = serde_json::from_str(text)
            .map_err(|e| invalid("(file)", format!("the JSON taxonomy does not parse: {e}")))?;
        Taxonomy::new(spec.topics)
    }

    /// Reads a taxonomy from TOML (`[[topics]]` tables).
    ///
    /// # Errors
    /// [`Error::InvalidTaxonomy`] when it does not parse (topic "(file)"), and as
    /// [`Taxonomy::new`].
    pub fn from_toml(text: &str) -> Result<Taxonomy> {
        let spec: Spec = toml::from_str(text)
            .map_err(|e| invalid("(file)", format!("the TOML taxonomy does not parse: {e}")))?;
        Taxonomy::new(spec.topics)
    }

    /// The topics, in the order given.
    pub fn topics(&self) -> &[Topic] {
        &self.topics
    }

    /// The parent of topic `i`, its parent's parent, … (the parents form no cycle).
    fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.parent[i], |&p| self.parent[p])
    }

    /// The positions of the topics `ids` and of their parents, sorted and each once (the
    /// topics a text tagged with `ids` carries); Err with the first id the taxonomy does not
    /// hold.
    pub(crate) fn with_parents<S: AsRef<str>>(
        &self,
        ids: &[S],
    ) -> std::result::Result<Vec<usize>, String> {
        let mut found = Vec::with_capacity(ids.len());
        for id in ids {
            let id = id.as_ref();
            let Some(at) = self.topics.iter().position(|t| t.id == id) else {
                return Err(id.to_string());
            };
            found.push(at);
            found.extend(self.ancestors(at));
        }
        found.sort_unstable();
        found.dedup();
        Ok(found)
    }

    /// The topics found in `text`, in the taxonomy's order; none for an empty or
    /// whitespace-only text.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for a text over [`MAX_TEXT_BYTES`](super::MAX_TEXT_BYTES).
    pub fn tag(&self, text: &str) -> Result<Vec<TopicMatch>> {
        check_size(text)?;
        if text.trim().is_empty() {
            return Ok(Vec::new());
        }
        let norm = Normalized::new(text);
        // Every occurrence of every term, in one pass.
        let mut hits: Vec<Vec<(usize, usize)>> = vec![Vec::new(); self.terms.len()];
        for m in self.automaton.find_overlapping_iter(&norm.text) {
            hits[m.pattern().as_usize()].push((norm.char_at(m.start()), norm.char_at(m.end())));
        }
        let mut direct: Vec<Option<Vec<Evidence>>> = vec![None; self.topics.len()];
        for (i, rules) in self.rules.iter().enumerate() {
            for rule in rules {
                if let Some(found) = self.matches(rule, &hits) {
                    direct[i].get_or_insert_with(Vec::new).extend(found);
                }
            }
        }
        // A sub-topic tags its parents, with its evidence.
        let mut evidence: Vec<Option<Vec<Evidence>>> = direct.clone();
        for (i, found) in direct.iter().enumerate() {
            if let Some(found) = found {
                for p in self.ancestors(i) {
                    evidence[p]
                        .get_or_insert_with(Vec::new)
                        .extend(found.iter().cloned());
                }
            }
        }
        Ok(evidence
            .into_iter()
            .enumerate()
            .filter_map(|(topic, e)| {
                e.map(|mut evidence| {
                    evidence
                        .sort_by(|a, b| (a.start, a.end, &a.term).cmp(&(b.start, b.end, &b.term)));
                    evidence.dedup();
                    TopicMatch {
                        topic,
                        direct: direct[topic].is_some(),
                        evidence,
                    }
                })
            })
            .collect())
    }

    /// The topics of each text ([`Taxonomy::tag`]), in parallel.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] naming the first text (from 0) over [`MAX_TEXT_BYTES`](super::MAX_TEXT_BYTES).
    pub fn tag_all<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Result<Vec<Vec<TopicMatch>>> {
        each_text(texts, |text| self.tag(text))
    }

    /// The topics of each text as flags, without their evidence: row i of the texts ×
    /// topics matrix (row-major, one byte per topic) holds [`TOPIC_DIRECT`] where one of the
    /// topic's own rules matched text i, [`TOPIC_VIA_SUBTOPIC`] where only a sub-topic did,
    /// 0 elsewhere — the topics [`Taxonomy::tag`] finds, in one pass per text with no
    /// allocation per text (texts in parallel).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] naming the first text (from 0) over
    /// [`MAX_TEXT_BYTES`](super::MAX_TEXT_BYTES).
    ///
    /// ```
    /// use cxkit::text::{Taxonomy, TOPIC_DIRECT, TOPIC_VIA_SUBTOPIC};
    ///
    /// let t = Taxonomy::default_bank();
    /// let k = t.topics().len();
    /// let flags = t.flags(&["APP更新后一直闪退", "收费太高"])?;
    /// // The app through its sub-topics (crashes, updates); fees, the third topic, directly.
    /// assert_eq!((flags[3], flags[5], flags[6]), (TOPIC_VIA_SUBTOPIC, TOPIC_DIRECT, TOPIC_DIRECT));
    /// assert_eq!(flags[k + 2], TOPIC_DIRECT);
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn flags<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Result<Vec<u8>> {
        let k = self.topics.len();
        let mut out = vec![0u8; texts.len() * k];
        if k == 0 {
            return Ok(out);
        }
        out.par_chunks_mut(k)
            .zip(texts.par_iter())
            .enumerate()
            .try_for_each_init(
                || (vec![false; self.terms.len()], Vec::new()),
                |(seen, hits), (row, (flags, text))| {
                    self.flags_of(text.as_ref(), flags, seen, hits)
                        .map_err(|e| naming_text(row, e))
                },
            )?;
        Ok(out)
    }

    /// The flags of one text into `flags` (zeros), with the caller's scratch: `seen` (one
    /// per term, all false) and `hits` (empty) for the terms found, left as they were given.
    fn flags_of(
        &self,
        text: &str,
        flags: &mut [u8],
        seen: &mut [bool],
        hits: &mut Vec<usize>,
    ) -> Result<()> {
        check_size(text)?;
        if text.trim().is_empty() {
            return Ok(());
        }
        if self.windowed {
            for m in self.tag(text)? {
                flags[m.topic] = if m.direct {
                    TOPIC_DIRECT
                } else {
                    TOPIC_VIA_SUBTOPIC
                };
            }
            return Ok(());
        }
        self.matcher.find(text, seen, hits);
        for &t in hits.iter() {
            for &i in &self.term_topics[t] {
                if flags[i] == 0 && self.rules[i].iter().any(|r| r.holds(|t| seen[t])) {
                    flags[i] = TOPIC_DIRECT;
                }
            }
        }
        for &t in hits.iter() {
            seen[t] = false;
        }
        hits.clear();
        for i in 0..flags.len() {
            if flags[i] == TOPIC_DIRECT {
                for p in self.ancestors(i) {
                    if flags[p] == 0 {
                        flags[p] = TOPIC_VIA_SUBTOPIC;
                    }
                }
            }
        }
        Ok(())
    }

    /// The evidence of `rule` in a text with term occurrences `hits`, if it matches.
    fn matches(&self, rule: &Compiled, hits: &[Vec<(usize, usize)>]) -> Option<Vec<Evidence>> {
        if !rule.holds(|t| !hits[t].is_empty()) {
            return None;
        }
        // The groups that must each be present: every `all` term, and `any` as one group.
        let mut groups: Vec<Vec<usize>> = rule.all.iter().map(|&t| vec![t]).collect();
        if !rule.any.is_empty() {
            groups.push(rule.any.clone());
        }
        let evidence = |t: usize, (start, end): (usize, usize)| Evidence {
            term: self.terms[t].clone(),
            start,
            end,
        };
        let Some(window) = rule.window else {
            return Some(
                groups
                    .iter()
                    .flatten()
                    .flat_map(|&t| hits[t].iter().map(move |&h| evidence(t, h)))
                    .collect(),
            );
        };
        // The narrowest span holding one occurrence of each group: occurrences sorted by
        // start, a sliding window over them (at most a few dozen per comment).
        let mut occ: Vec<(usize, usize, usize, usize)> = Vec::new(); // (start, end, group, term)
        for (g, terms) in groups.iter().enumerate() {
            for &t in terms {
                occ.extend(hits[t].iter().map(|&(s, e)| (s, e, g, t)));
            }
        }
        occ.sort_unstable();
        let mut best: Option<(usize, usize, usize)> = None; // (span, from, to)
        for from in 0..occ.len() {
            let mut seen = vec![false; groups.len()];
            let mut end = 0;
            for (to, o) in occ.iter().enumerate().skip(from) {
                seen[o.2] = true;
                end = end.max(o.1);
                if end - occ[from].0 > window {
                    break;
                }
                if seen.iter().all(|&s| s) {
                    let span = end - occ[from].0;
                    if best.is_none_or(|b| span < b.0) {
                        best = Some((span, from, to));
                    }
                    break;
                }
            }
        }
        let (_, from, to) = best?;
        Some(
            occ[from..=to]
                .iter()
                .map(|&(s, e, _, t)| evidence(t, (s, e)))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::text::MAX_TEXT_BYTES;

    const BANK: &str = r#"
[[topics]]
id = "waiting"
name = { en = "Waiting and queues", zh = "排队等候" }
[[topics.rules]]
any = ["排队", "等了", "queue"]
none = ["不用排队"]

[[topics]]
id = "app"
name = { en = "Mobile app" }

[[topics]]
id = "app_crash"
parent = "app"
code = "A-01"
[[topics.rules]]
all = ["app", "闪退"]
window = 8

[[topics]]
id = "fees"
[[topics.rules]]
any = ["手续费", "年费"]
[[topics.rules]]
all = ["收费", "不合理"]
"#;

    fn ids(t: &Taxonomy, text: &str) -> Vec<String> {
        t.tag(text)
            .unwrap()
            .iter()
            .map(|m| t.topics()[m.topic].id.clone())
            .collect()
    }

    #[test]
    fn rules_any_all_none_and_window() {
        let t = Taxonomy::from_toml(BANK).unwrap();
        // any: one term is enough; none: an exclusion vetoes the rule.
        assert_eq!(ids(&t, "柜台排队一小时"), ["waiting"]);
        assert!(ids(&t, "预约了不用排队").is_empty());
        // all: both terms; the second rule of fees matches without the first.
        assert_eq!(ids(&t, "收费很不合理"), ["fees"]);
        assert!(ids(&t, "收费合理").is_empty());
        // window 8: "app" (characters 0..3) and "闪退" (4..6) span 6 ≤ 8; with fourteen
        // characters between them (闪退 at 17..19) the span is 19 and the rule fails.
        assert_eq!(ids(&t, "APP又闪退了"), ["app", "app_crash"]);
        assert!(ids(&t, "app昨天今天前天都很好用但是后来闪退").is_empty());
        // Several topics in one comment, in the taxonomy's order.
        assert_eq!(ids(&t, "排队等了很久，手续费还贵"), ["waiting", "fees"]);
        // Empty and whitespace-only texts carry no topic.
        assert!(ids(&t, "").is_empty() && ids(&t, " \n ").is_empty());
    }

    #[test]
    fn evidence_in_characters_and_parents_through_sub_topics() {
        let t = Taxonomy::from_toml(BANK).unwrap();
        let found = t.tag("ＡＰＰ闪退").unwrap();
        // "ＡＰＰ" is three full-width characters (nine bytes) normalised to "app".
        let crash = found
            .iter()
            .find(|m| t.topics()[m.topic].id == "app_crash")
            .unwrap();
        assert!(crash.direct);
        assert_eq!(
            crash.evidence,
            [
                Evidence {
                    term: "app".into(),
                    start: 0,
                    end: 3
                },
                Evidence {
                    term: "闪退".into(),
                    start: 3,
                    end: 5
                },
            ]
        );
        let app = found
            .iter()
            .find(|m| t.topics()[m.topic].id == "app")
            .unwrap();
        assert!(!app.direct && app.evidence == crash.evidence);
        // Overlapping occurrences are all evidence: "排队" and "等了" in "排队等了".
        let w = t.tag("排队等了").unwrap();
        let terms: Vec<&str> = w[0].evidence.iter().map(|e| e.term.as_str()).collect();
        assert_eq!(terms, ["排队", "等了"]);
    }

    #[test]
    fn malformed_taxonomies_name_the_topic() {
        let err = |toml: &str| match Taxonomy::from_toml(toml).unwrap_err() {
            Error::InvalidTaxonomy { topic, reason } => (topic, reason),
            other => panic!("{other}"),
        };
        let rule = "[[topics.rules]]\nany = [\"x\"]\n";
        let (topic, why) = err(&format!(
            "[[topics]]\nid = \"a\"\n{rule}[[topics]]\nid = \"a\"\n{rule}"
        ));
        assert!(topic == "a" && why.contains("two topics"), "{why}");
        let (topic, why) = err(&format!("[[topics]]\nid = \"a\"\nparent = \"zz\"\n{rule}"));
        assert!(topic == "a" && why.contains("`zz`"), "{why}");
        let (_, why) = err(&format!(
            "[[topics]]\nid = \"a\"\nparent = \"b\"\n{rule}[[topics]]\nid = \"b\"\nparent = \"a\"\n{rule}"
        ));
        assert!(why.contains("a → b → a"), "{why}");
        let (topic, why) = err("[[topics]]\nid = \"a\"\n[[topics.rules]]\nnone = [\"x\"]\n");
        assert!(
            topic == "a" && why.contains("rule 1 has no `any` or `all`"),
            "{why}"
        );
        let (_, why) = err("[[topics]]\nid = \"a\"\n[[topics.rules]]\nany = [\" \"]\n");
        assert!(why.contains("empty term"), "{why}");
        let (_, why) = err("[[topics]]\nid = \"lonely\"\n");
        assert!(why.contains("a rule or a sub-topic"), "{why}");
        let (topic, why) = err("[[topics]]\nid = \"a\"\nrulez = 1\n");
        assert!(topic == "(file)" && why.contains("does not parse"), "{why}");
        assert!(matches!(
            Taxonomy::from_json("{"),
            Err(Error::InvalidTaxonomy { .. })
        ));
    }

    #[test]
    fn the_default_taxonomy_in_both_languages() {
        let t = Taxonomy::default_bank();
        assert_eq!(t.topics().len(), 15);
        assert!(t
            .topics()
            .iter()
            .all(|t| t.name.contains_key("en") && t.name.contains_key("zh")));
        for (text, expected) in [
            ("柜台排队一个小时", vec!["waiting"]),
            ("信用卡年费乱收费", vec!["fees", "cards_atm"]),
            ("办了免年费的信用卡", vec!["cards_atm"]),
            ("The ATM swallowed my card", vec!["cards_atm"]),
            (
                "Waited 40 minutes, the staff were rude",
                vec!["waiting", "staff"],
            ),
            (
                "can't log in after the update",
                vec!["app", "app_login", "app_update"],
            ),
            ("天天接到推销理财的营销电话", vec!["marketing"]),
            ("谢谢", vec![]),
        ] {
            assert_eq!(ids(&t, text), expected, "{text}");
        }
    }

    #[test]
    fn flags_are_the_topics_tag_finds() {
        // On the demo bank's comments, crafted mixed-case and full-width texts and empty
        // ones, with the default taxonomy and one with a window rule (the path through
        // positions): the flags are tag's topics, direct or through a sub-topic.
        let bank = crate::data::demo_bank(3, 1_000).unwrap();
        let mut texts: Vec<String> = bank.comments.unwrap().text;
        texts.extend(
            [
                "ＡＰＰ闪退",
                "  ",
                "",
                "No queue today, but the FEE!",
                "免年费，不用排队",
            ]
            .map(String::from),
        );
        let windowed = Taxonomy::from_toml(
            "[[topics]]\nid = \"app\"\n[[topics]]\nid = \"crash\"\nparent = \"app\"\n\
             [[topics.rules]]\nall = [\"app\", \"闪退\"]\nwindow = 6\n",
        )
        .unwrap();
        for t in [Taxonomy::default_bank(), windowed] {
            let k = t.topics().len();
            let flags = t.flags(&texts).unwrap();
            let mut tagged = 0;
            for (i, found) in t.tag_all(&texts).unwrap().iter().enumerate() {
                let mut expected = vec![0u8; k];
                for m in found {
                    expected[m.topic] = if m.direct {
                        TOPIC_DIRECT
                    } else {
                        TOPIC_VIA_SUBTOPIC
                    };
                }
                tagged += usize::from(!found.is_empty());
                assert_eq!(flags[i * k..(i + 1) * k], expected, "{}", texts[i]);
            }
            assert!(tagged > 100 || k == 2, "the comments carry topics");
        }
        let long = "排".repeat(30_000);
        let e = Taxonomy::default_bank()
            .flags(&["ok", long.as_str()])
            .unwrap_err();
        assert!(e.to_string().contains("text 1:"), "{e}");
    }

    #[test]
    fn texts_over_the_limit_are_refused() {
        let t = Taxonomy::from_toml(BANK).unwrap();
        let long = "排".repeat(MAX_TEXT_BYTES / 3 + 1);
        assert!(matches!(
            t.tag(&long),
            Err(Error::InvalidParameter { name: "text", .. })
        ));
    }
}
