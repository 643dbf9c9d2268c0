//! What the topics cost: for comments whose writer also gave a score (NPS or CSAT of the
//! same respondent), each topic's mentions, the score with and without it, the points it
//! costs with an interval, and a key-driver run of the score on the topics; folded into a
//! mergeable [`TopicAccumulator`] (partitions of a cluster, batches of a stream) with the
//! words for keywords and the sentiment of each group.
//!
//! Each scored comment i has a value yᵢ — for NPS +1 (promoter, 9–10), 0 (passive), −1
//! (detractor, 0–6), so NPS = 100·ȳ; for a mean, the score — and tᵢ = 1 when it mentions the
//! topic. With a = share of scored comments mentioning it, W̄ and Ō the mean of y with and
//! without the topic and ȳ the mean of all:
//!
//! ```text
//! cost = a · (Ō − W̄) = Ō − ȳ
//! ```
//!
//! the points the score would gain if the comments that mention the topic scored as those
//! that do not (×100 for NPS points). Its standard error is the delta method's on the means
//! of (t, t·y, y): with the influence of comment i
//!
//! ```text
//! IFᵢ = [Ō·(tᵢ − a) − (tᵢ·yᵢ − a·W̄) + a·(yᵢ − ȳ)] / (1 − a),   se² = Σ IFᵢ² / n²,
//! ```
//!
//! and the interval cost ± z·se. The difference W̄ − Ō is tested with the unpooled z-test
//! (for NPS the Wald test of two NPS). The key drivers are the relative weights of the
//! score (0–10 or the scale's points) on the top-level topics' indicators, computed from the
//! correlations of the folded counts (a topic needs `min_mentions` comments with and without
//! it).

use std::collections::BTreeMap;

use ndarray::Array2;
use serde::{Deserialize, Serialize};
use statrs::function::erf::erfc;

use super::corpus::each_text;
use super::keywords::TermCounts;
use super::sentiment::{Lexicon, Polarity, Sentiment};
use super::taxonomy::{Taxonomy, Topic};
use super::tokenize::default_tokenizer;
use crate::bytes::{from_json_bytes, json_bytes};
use crate::distribution::z_value;
use crate::drivers::{key_drivers_from_correlation, DriverOptions, KeyDrivers};
use crate::error::check_confidence;
use crate::names::named;
use crate::scale::{Located, Scale, Score};
use crate::{Error, Result};

/// The kind tag of a topic accumulator's bytes.
const TAG: u8 = 12;

/// What the score of a comment is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImpactMetric {
    /// Likelihood to recommend, 0–10: the cost is in NPS points.
    #[default]
    Nps,
    /// The mean score on the scale (CSAT 1–5, say): the cost is in score points.
    Mean,
}

named!(ImpactMetric, "metric", [Nps => "nps", Mean => "mean"]);

/// Options of [`topic_impact`] and [`TopicAccumulator`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ImpactOptions {
    /// NPS (default) or the mean score.
    pub metric: ImpactMetric,
    /// The scores' scale (0–10 for NPS).
    pub scale: Scale,
    /// Confidence level of the intervals (0.95).
    pub confidence: f64,
    /// The fewest scored comments with, and without, a topic for the key-driver run (10).
    pub min_mentions: u64,
    /// The fewest characters of a word counted for keywords (2).
    pub min_chars: usize,
}

impl Default for ImpactOptions {
    fn default() -> Self {
        ImpactOptions {
            metric: ImpactMetric::Nps,
            scale: Scale::NPS,
            confidence: 0.95,
            min_mentions: 10,
            min_chars: 2,
        }
    }
}

impl ImpactOptions {
    fn check(&self) -> Result<()> {
        check_confidence(self.confidence)?;
        if self.metric == ImpactMetric::Nps && self.scale != Scale::NPS {
            return Err(Error::InvalidParameter {
                name: "scale",
                reason: format!(
                    "NPS is on the 0–10 scale, not {}; use metric \"mean\" for another scale",
                    self.scale
                ),
            });
        }
        if self.min_chars == 0 {
            return Err(Error::InvalidParameter {
                name: "min_chars",
                reason: "a word has at least one character".into(),
            });
        }
        Ok(())
    }
}

/// Sums over scored comments: the metric's value y and the raw score.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
struct Moments {
    n: u64,
    y: f64,
    yy: f64,
    raw: f64,
    raw2: f64,
}

impl Moments {
    fn add(&mut self, y: f64, raw: f64) {
        self.n += 1;
        self.y += y;
        self.yy += y * y;
        self.raw += raw;
        self.raw2 += raw * raw;
    }

    fn merge(&mut self, o: &Moments) {
        self.n += o.n;
        self.y += o.y;
        self.yy += o.yy;
        self.raw += o.raw;
        self.raw2 += o.raw2;
    }

    /// The moments of the comments in `self` but not in `part`.
    fn minus(&self, part: &Moments) -> Moments {
        Moments {
            n: self.n - part.n,
            y: self.y - part.y,
            yy: self.yy - part.yy,
            raw: self.raw - part.raw,
            raw2: self.raw2 - part.raw2,
        }
    }

    fn mean_y(&self) -> Option<f64> {
        (self.n > 0).then(|| self.y / self.n as f64)
    }

    fn mean_raw(&self) -> Option<f64> {
        (self.n > 0).then(|| self.raw / self.n as f64)
    }

    /// The population variance of y.
    fn var_y(&self) -> f64 {
        let n = self.n as f64;
        (self.yy / n - (self.y / n).powi(2)).max(0.0)
    }
}

/// The folded counts of one group of comments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct GroupState {
    /// Comments with text.
    comments: u64,
    /// Missing, empty or whitespace-only texts (counted, not tagged).
    empty: u64,
    /// All scored comments with text.
    scored: Moments,
    /// Comments mentioning each topic.
    mentions: Vec<u64>,
    /// Scored comments mentioning each topic.
    with: Vec<Moments>,
    /// Scored comments mentioning topics j and k (row-major k × k).
    co: Vec<u64>,
    /// Positive, neutral and negative comments.
    polarity: [u64; 3],
    /// The sum of the comments' sentiment scores.
    sentiment: f64,
    /// The words, for keywords.
    terms: TermCounts,
}

impl GroupState {
    fn new(topics: usize) -> GroupState {
        GroupState {
            comments: 0,
            empty: 0,
            scored: Moments::default(),
            mentions: vec![0; topics],
            with: vec![Moments::default(); topics],
            co: vec![0; topics * topics],
            polarity: [0; 3],
            sentiment: 0.0,
            terms: TermCounts::new(),
        }
    }

    fn merge(&mut self, o: &GroupState) {
        self.comments += o.comments;
        self.empty += o.empty;
        self.scored.merge(&o.scored);
        for (a, b) in self.mentions.iter_mut().zip(&o.mentions) {
            *a += b;
        }
        for (a, b) in self.with.iter_mut().zip(&o.with) {
            a.merge(b);
        }
        for (a, b) in self.co.iter_mut().zip(&o.co) {
            *a += b;
        }
        for (a, b) in self.polarity.iter_mut().zip(o.polarity) {
            *a += b;
        }
        self.sentiment += o.sentiment;
        self.terms.merge(&o.terms);
    }
}

/// One topic's cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicImpact {
    /// The topic's position in the taxonomy.
    pub topic: usize,
    /// Its id.
    pub id: String,
    /// Comments mentioning it.
    pub mentions: u64,
    /// Their share of the comments with text.
    pub share: f64,
    /// Scored comments mentioning it.
    pub scored: u64,
    /// The metric (NPS in points, or the mean) of scored comments mentioning it.
    pub with: Option<f64>,
    /// The metric of scored comments not mentioning it.
    pub without: Option<f64>,
    /// The mean raw score of scored comments mentioning it.
    pub mean_with: Option<f64>,
    /// The mean raw score of scored comments not mentioning it.
    pub mean_without: Option<f64>,
    /// The points it costs, `a·(Ō − W̄)` (NPS points for NPS); None when every scored
    /// comment mentions it.
    pub cost: Option<f64>,
    /// The cost's standard error (delta method).
    pub cost_se: Option<f64>,
    /// The cost's interval at the options' confidence.
    pub cost_interval: Option<(f64, f64)>,
    /// The two-sided p-value of `with − without` (None without comments on both sides or
    /// without variance).
    pub p_value: Option<f64>,
}

/// The sentiment of a group of comments.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SentimentSummary {
    /// Positive comments.
    pub positive: u64,
    /// Neutral comments (no sentiment word, or a score of 0).
    pub neutral: u64,
    /// Negative comments.
    pub negative: u64,
    /// The mean sentiment score (None without comments).
    pub mean_score: Option<f64>,
}

impl SentimentSummary {
    /// Positive minus negative share, in points (−100 to 100), None without comments.
    pub fn net(&self) -> Option<f64> {
        let n = self.positive + self.neutral + self.negative;
        (n > 0).then(|| 100.0 * (self.positive as f64 - self.negative as f64) / n as f64)
    }
}

/// What the topics of a group of comments cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicImpacts {
    /// Comments with text.
    pub comments: u64,
    /// Missing, empty or whitespace-only texts.
    pub empty: u64,
    /// Scored comments with text.
    pub scored: u64,
    /// The metric of all scored comments (None without any).
    pub score: Option<f64>,
    /// One entry per topic of the taxonomy, in its order.
    pub topics: Vec<TopicImpact>,
    /// The key drivers of the score on the top-level topics of `driver_topics`.
    pub drivers: Option<KeyDrivers>,
    /// The topics (positions) of the driver run, in its order.
    pub driver_topics: Vec<usize>,
    /// The sentiment of the comments.
    pub sentiment: SentimentSummary,
    /// What the numbers cannot carry (topics left out of the driver run, a driver run that
    /// failed).
    pub warnings: Vec<String>,
}

impl TopicImpacts {
    /// The topics by the points they cost, most first (topics without a cost left out).
    pub fn by_cost(&self) -> Vec<&TopicImpact> {
        let mut t: Vec<&TopicImpact> = self.topics.iter().filter(|t| t.cost.is_some()).collect();
        t.sort_by(|a, b| b.cost.unwrap().total_cmp(&a.cost.unwrap()));
        t
    }
}

/// The change of a topic's cost between two periods.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImpactChange {
    /// The topic's position.
    pub topic: usize,
    /// Its id.
    pub id: String,
    /// Its cost in the first period.
    pub before: f64,
    /// Its cost in the second.
    pub after: f64,
    /// `after − before`.
    pub change: f64,
    /// z = change / √(se₁² + se₂²).
    pub z: f64,
    /// Two-sided p-value.
    pub p_value: f64,
}

/// A mergeable fold of comments: per group, the topics' mentions and score sums, the
/// scored co-mentions (for the driver run), the sentiment and the words. Its size depends on
/// the taxonomy, the groups and the vocabulary, not on the number of comments.
#[derive(Debug, Clone)]
pub struct TopicAccumulator {
    taxonomy: Taxonomy,
    lexicon: Lexicon,
    sentiment: Sentiment,
    options: ImpactOptions,
    groups: BTreeMap<Option<String>, GroupState>,
}

impl PartialEq for TopicAccumulator {
    fn eq(&self, other: &Self) -> bool {
        self.taxonomy.topics() == other.taxonomy.topics()
            && self.lexicon == other.lexicon
            && self.options == other.options
            && self.groups == other.groups
    }
}

/// The serialized form: everything but the built matchers.
#[derive(Serialize, Deserialize)]
struct Stored {
    topics: Vec<Topic>,
    lexicon: Lexicon,
    options: ImpactOptions,
    groups: Vec<(Option<String>, GroupState)>,
}

/// What one comment adds.
struct Folded {
    topics: Vec<usize>,
    words: Vec<String>,
    /// Its polarity and sentiment score (None for a comment added by its tags).
    sentiment: Option<(Polarity, f64)>,
}

impl TopicAccumulator {
    /// An empty fold of comments tagged by `taxonomy`, scored for sentiment by `lexicon`.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for options out of range (a confidence outside (0, 1),
    /// NPS on a scale other than 0–10, `min_chars` of 0) or an invalid lexicon.
    pub fn new(
        taxonomy: &Taxonomy,
        lexicon: &Lexicon,
        options: &ImpactOptions,
    ) -> Result<TopicAccumulator> {
        options.check()?;
        Ok(TopicAccumulator {
            taxonomy: taxonomy.clone(),
            lexicon: lexicon.clone(),
            sentiment: Sentiment::new(lexicon)?,
            options: *options,
            groups: BTreeMap::new(),
        })
    }

    /// The taxonomy the comments are tagged by.
    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    /// The options it was made with.
    pub fn options(&self) -> &ImpactOptions {
        &self.options
    }

    /// An empty fold with the same taxonomy, lexicon and options (a batch to merge in).
    pub fn empty_like(&self) -> TopicAccumulator {
        TopicAccumulator {
            taxonomy: self.taxonomy.clone(),
            lexicon: self.lexicon.clone(),
            sentiment: self.sentiment.clone(),
            options: self.options,
            groups: BTreeMap::new(),
        }
    }

    /// Folds in comments: `scores` (one per text, NaN where the writer gave none) and
    /// `groups` (one label per text) are optional. A failed update leaves the state as it
    /// was.
    ///
    /// # Errors
    /// [`Error::LengthMismatch`] when `scores` or `groups` is not one per text;
    /// [`Error::InvalidScore`] naming the first score that is not a point of the scale;
    /// [`Error::InvalidLabel`] for an empty group label; [`Error::InvalidParameter`] for a
    /// text over the size limit.
    pub fn add<S, G>(
        &mut self,
        texts: &[S],
        scores: Option<&[f64]>,
        groups: Option<&[G]>,
    ) -> Result<()>
    where
        S: AsRef<str> + Sync,
        G: AsRef<str>,
    {
        let points = self.points(texts.len(), scores, groups)?;
        let tokenizer = default_tokenizer();
        let min_chars = self.options.min_chars;
        let folded: Vec<Option<Folded>> = each_text(texts, |text| {
            let found = self.taxonomy.tag(text)?;
            if text.trim().is_empty() {
                return Ok(None);
            }
            let s = self.sentiment.score(text)?;
            let mut words = tokenizer.tokenize(&super::pii::without_pii(text));
            words.retain(|w| w.chars().count() >= min_chars);
            Ok(Some(Folded {
                topics: found.iter().map(|m| m.topic).collect(),
                words,
                sentiment: Some((s.polarity(), s.score)),
            }))
        })?;
        self.fold(folded, &points, groups);
        Ok(())
    }

    /// Folds in comments already tagged — each comment as the ids of its topics (none for
    /// a comment that mentions no topic; a sub-topic's id also tags its parents), tagged by
    /// [`Taxonomy::tag`] and reviewed by hand, say, or by another tool — with `scores` and
    /// `groups` as [`TopicAccumulator::add`] takes them. Every comment counts as one with
    /// text; their sentiment and words are unknown, so the sentiment and the keywords cover
    /// only the comments added with their text. A failed update leaves the state as it was.
    ///
    /// # Errors
    /// [`Error::InvalidLabel`] naming the first comment with a topic id the taxonomy does
    /// not hold; otherwise as [`TopicAccumulator::add`].
    ///
    /// ```
    /// use cxkit::text::{ImpactOptions, Lexicon, Taxonomy, TopicAccumulator};
    ///
    /// let mut acc = TopicAccumulator::new(
    ///     &Taxonomy::default_bank(), &Lexicon::default_bank(), &ImpactOptions::default())?;
    /// let tagged: [&[&str]; 4] = [&["fees"], &["fees", "staff"], &["app_crash"], &[]];
    /// acc.add_tagged::<_, _, &str>(&tagged, Some(&[2.0, 4.0, 6.0, 10.0]), None)?;
    /// let r = acc.finish(None)?;
    /// // app_crash tags its parent, app; NPS is −50, without the fee comments 0.
    /// assert_eq!(r.topics.iter().find(|t| t.id == "app").unwrap().mentions, 1);
    /// assert_eq!((r.score, r.topics[2].without), (Some(-50.0), Some(0.0)));
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn add_tagged<T, S, G>(
        &mut self,
        topics: &[T],
        scores: Option<&[f64]>,
        groups: Option<&[G]>,
    ) -> Result<()>
    where
        T: AsRef<[S]>,
        S: AsRef<str>,
        G: AsRef<str>,
    {
        let points = self.points(topics.len(), scores, groups)?;
        let folded = topics
            .iter()
            .enumerate()
            .map(|(index, ids)| {
                let topics =
                    self.taxonomy
                        .with_parents(ids.as_ref())
                        .map_err(|id| Error::InvalidLabel {
                            what: "topics",
                            index,
                            reason: format!("the taxonomy has no topic {id:?}"),
                        })?;
                Ok(Some(Folded {
                    topics,
                    words: Vec::new(),
                    sentiment: None,
                }))
            })
            .collect::<Result<Vec<_>>>()?;
        self.fold(folded, &points, groups);
        Ok(())
    }

    /// Each comment's score (None where the writer gave none), after checking that scores
    /// and groups are one per comment and every group is labelled.
    fn points<G: AsRef<str>>(
        &self,
        n: usize,
        scores: Option<&[f64]>,
        groups: Option<&[G]>,
    ) -> Result<Vec<Option<f64>>> {
        if let Some(s) = scores {
            check_length("scores (one per text)", n, s.len())?;
        }
        if let Some(g) = groups {
            check_length("groups (one per text)", n, g.len())?;
            if let Some(index) = g.iter().position(|g| g.as_ref().trim().is_empty()) {
                return Err(Error::InvalidLabel {
                    what: "groups",
                    index,
                    reason: "an empty group label".into(),
                });
            }
        }
        match scores {
            None => Ok(vec![None; n]),
            Some(s) => s
                .iter()
                .enumerate()
                .map(|(index, &v)| match v.locate(self.options.scale) {
                    Located::Point(_) => Ok(Some(v)),
                    Located::Missing => Ok(None),
                    Located::Invalid => Err(Error::InvalidScore {
                        index,
                        value: v,
                        scale: self.options.scale,
                    }),
                })
                .collect(),
        }
    }

    /// Adds checked comments (None: an empty text) to their groups' state.
    fn fold<G: AsRef<str>>(
        &mut self,
        folded: Vec<Option<Folded>>,
        points: &[Option<f64>],
        groups: Option<&[G]>,
    ) {
        let k = self.taxonomy.topics().len();
        for (i, f) in folded.into_iter().enumerate() {
            let key = groups.map(|g| g[i].as_ref().to_string());
            let g = self.groups.entry(key).or_insert_with(|| GroupState::new(k));
            let Some(f) = f else {
                g.empty += 1;
                continue;
            };
            g.comments += 1;
            if let Some((polarity, score)) = f.sentiment {
                g.polarity[match polarity {
                    Polarity::Positive => 0,
                    Polarity::Neutral => 1,
                    Polarity::Negative => 2,
                }] += 1;
                g.sentiment += score;
            }
            g.terms.add(&f.words);
            for &t in &f.topics {
                g.mentions[t] += 1;
            }
            if let Some(raw) = points[i] {
                let y = match self.options.metric {
                    ImpactMetric::Nps if raw >= 9.0 => 1.0,
                    ImpactMetric::Nps if raw <= 6.0 => -1.0,
                    ImpactMetric::Nps => 0.0,
                    ImpactMetric::Mean => raw,
                };
                g.scored.add(y, raw);
                for &a in &f.topics {
                    g.with[a].add(y, raw);
                    for &b in &f.topics {
                        g.co[a * k + b] += 1;
                    }
                }
            }
        }
    }

    /// Adds another fold of comments (another partition).
    ///
    /// # Errors
    /// [`Error::Incompatible`] when the two were made with different taxonomies, lexicons or
    /// options.
    pub fn merge(&mut self, other: &TopicAccumulator) -> Result<()> {
        let differs = if self.taxonomy.topics() != other.taxonomy.topics() {
            Some("taxonomies")
        } else if self.lexicon != other.lexicon {
            Some("lexicons")
        } else if self.options != other.options {
            Some("options")
        } else {
            None
        };
        if let Some(what) = differs {
            return Err(Error::Incompatible {
                reason: format!("the topic accumulators were made with different {what}"),
            });
        }
        for (key, state) in &other.groups {
            match self.groups.get_mut(key) {
                Some(mine) => mine.merge(state),
                None => {
                    self.groups.insert(key.clone(), state.clone());
                }
            }
        }
        Ok(())
    }

    /// The group labels seen, sorted (comments added without groups are in none of them).
    pub fn groups(&self) -> Vec<&str> {
        self.groups.keys().filter_map(|k| k.as_deref()).collect()
    }

    /// The folded state of `group` (None: every comment).
    fn state(&self, group: Option<&str>) -> Result<GroupState> {
        let k = self.taxonomy.topics().len();
        match group {
            None => {
                let mut all = GroupState::new(k);
                for s in self.groups.values() {
                    all.merge(s);
                }
                Ok(all)
            }
            Some(label) => self
                .groups
                .get(&Some(label.to_string()))
                .cloned()
                .ok_or_else(|| Error::InvalidParameter {
                    name: "group",
                    reason: format!("no comment of the group {label:?} was added"),
                }),
        }
    }

    /// The words of `group` (None: every comment), for [`tfidf`](super::tfidf) keywords.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for a group no comment was added to.
    pub fn term_counts(&self, group: Option<&str>) -> Result<TermCounts> {
        Ok(self.state(group)?.terms)
    }

    /// What the topics of `group` (None: every comment) cost.
    ///
    /// # Errors
    /// [`Error::EmptyInput`] when no comment with text was added (to the group);
    /// [`Error::InvalidParameter`] for a group no comment was added to.
    pub fn finish(&self, group: Option<&str>) -> Result<TopicImpacts> {
        let s = self.state(group)?;
        if s.comments == 0 {
            return Err(Error::EmptyInput {
                what: "comments with text",
            });
        }
        let topics = self.taxonomy.topics();
        let k = topics.len();
        let n = s.scored.n as f64;
        let z = z_value(self.options.confidence);
        let points = match self.options.metric {
            ImpactMetric::Nps => 100.0,
            ImpactMetric::Mean => 1.0,
        };
        let mut impacts = Vec::with_capacity(k);
        for (t, topic) in topics.iter().enumerate() {
            let with = s.with[t];
            let without = s.scored.minus(&with);
            let (mut cost, mut cost_se, mut cost_interval) = (None, None, None);
            if with.n < s.scored.n {
                let a = with.n as f64 / n;
                let o = without.mean_y().expect("comments without the topic");
                let w = with.mean_y().unwrap_or(0.0);
                let e = s.scored.y / n;
                let c = a * (o - w);
                // Σ IFᵢ²·(1 − a)² from the sums: for a comment with the topic the bracket
                // is α − (1 − a)·y, without it a·y + C, where C = a·w − o·a − a·e and
                // α = o + C (see the module docs).
                let cc = a * w - o * a - a * e;
                let alpha = o + cc;
                let sum = with.n as f64 * alpha * alpha - 2.0 * alpha * (1.0 - a) * with.y
                    + (1.0 - a).powi(2) * with.yy
                    + a * a * without.yy
                    + 2.0 * a * cc * without.y
                    + without.n as f64 * cc * cc;
                let se = (sum.max(0.0) / (1.0 - a).powi(2)).sqrt() / n;
                cost = Some(points * c);
                cost_se = Some(points * se);
                cost_interval = Some((points * (c - z * se), points * (c + z * se)));
            }
            let p_value = if with.n > 0 && without.n > 0 {
                let se = (with.var_y() / with.n as f64 + without.var_y() / without.n as f64).sqrt();
                (se > 0.0).then(|| {
                    let d = with.mean_y().unwrap() - without.mean_y().unwrap();
                    erfc((d / se).abs() / std::f64::consts::SQRT_2)
                })
            } else {
                None
            };
            impacts.push(TopicImpact {
                topic: t,
                id: topic.id.clone(),
                mentions: s.mentions[t],
                share: s.mentions[t] as f64 / s.comments as f64,
                scored: with.n,
                with: with.mean_y().map(|m| points * m),
                without: without.mean_y().map(|m| points * m),
                mean_with: with.mean_raw(),
                mean_without: without.mean_raw(),
                cost,
                cost_se,
                cost_interval,
                p_value,
            });
        }
        let (drivers, driver_topics, warnings) = self.drivers(&s);
        let total = s.polarity.iter().sum::<u64>();
        Ok(TopicImpacts {
            comments: s.comments,
            empty: s.empty,
            scored: s.scored.n,
            score: s.scored.mean_y().map(|m| points * m),
            topics: impacts,
            drivers,
            driver_topics,
            sentiment: SentimentSummary {
                positive: s.polarity[0],
                neutral: s.polarity[1],
                negative: s.polarity[2],
                mean_score: (total > 0).then(|| s.sentiment / total as f64),
            },
            warnings,
        })
    }

    /// The key drivers of the raw score on the top-level topics with at least
    /// `min_mentions` scored comments with and without them, from the folded correlations.
    fn drivers(&self, s: &GroupState) -> (Option<KeyDrivers>, Vec<usize>, Vec<String>) {
        let topics = self.taxonomy.topics();
        let k = topics.len();
        let m = self.options.min_mentions.max(1);
        let mut warnings = Vec::new();
        let mut chosen = Vec::new();
        let mut left_out = Vec::new();
        for (t, topic) in topics.iter().enumerate() {
            if topic.parent.is_some() {
                continue;
            }
            if s.with[t].n >= m && s.scored.n - s.with[t].n >= m {
                chosen.push(t);
            } else {
                left_out.push(topic.id.as_str());
            }
        }
        if !left_out.is_empty() {
            warnings.push(format!(
                "topics with fewer than {m} scored comments with or without them are not in \
                 the driver run: {}",
                left_out.join(", ")
            ));
        }
        let n = s.scored.n as f64;
        let var_y = s.scored.raw2 / n - (s.scored.raw / n).powi(2);
        if chosen.is_empty() || var_y <= 0.0 {
            if !chosen.is_empty() {
                warnings.push("every scored comment has the same score: no driver run".into());
            }
            return (None, Vec::new(), warnings);
        }
        let d = chosen.len();
        let share = |t: usize| s.with[t].n as f64 / n;
        let mut r = Array2::<f64>::eye(d + 1);
        for (i, &a) in chosen.iter().enumerate() {
            let va = share(a) * (1.0 - share(a));
            for (j, &b) in chosen.iter().enumerate().skip(i + 1) {
                let vb = share(b) * (1.0 - share(b));
                let cov = s.co[a * k + b] as f64 / n - share(a) * share(b);
                r[[i, j]] = cov / (va * vb).sqrt();
                r[[j, i]] = r[[i, j]];
            }
            let cov_y = s.with[a].raw / n - share(a) * s.scored.raw / n;
            r[[i, d]] = cov_y / (va * var_y).sqrt();
            r[[d, i]] = r[[i, d]];
        }
        match key_drivers_from_correlation(r.view(), &DriverOptions::default()) {
            Ok(k) => (Some(k), chosen, warnings),
            Err(e) => {
                warnings.push(format!("no driver run: {e}"));
                (None, Vec::new(), warnings)
            }
        }
    }

    /// The state as bytes: the header (kind 12), then JSON of the taxonomy's topics, the
    /// lexicon, the options and the groups' counts.
    pub fn to_bytes(&self) -> Vec<u8> {
        json_bytes(
            TAG,
            &Stored {
                topics: self.taxonomy.topics().to_vec(),
                lexicon: self.lexicon.clone(),
                options: self.options,
                groups: self
                    .groups
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
            },
        )
    }

    /// Reads [`TopicAccumulator::to_bytes`].
    ///
    /// # Errors
    /// [`Error::CorruptBytes`] for bytes that are not a topic accumulator's or whose counts
    /// do not fit the taxonomy.
    pub fn from_bytes(bytes: &[u8]) -> Result<TopicAccumulator> {
        let stored: Stored = from_json_bytes(bytes, TAG, "topic accumulator")?;
        let corrupt = |e: Error| Error::CorruptBytes {
            reason: format!("topic accumulator: {e}"),
        };
        let taxonomy = Taxonomy::new(stored.topics).map_err(corrupt)?;
        let mut acc =
            TopicAccumulator::new(&taxonomy, &stored.lexicon, &stored.options).map_err(corrupt)?;
        let k = taxonomy.topics().len();
        for (key, g) in stored.groups {
            if g.mentions.len() != k || g.with.len() != k || g.co.len() != k * k {
                return Err(Error::CorruptBytes {
                    reason: "topic accumulator: counts of another number of topics".into(),
                });
            }
            acc.groups.insert(key, g);
        }
        Ok(acc)
    }
}

fn check_length(what: &'static str, expected: usize, actual: usize) -> Result<()> {
    if expected == actual {
        Ok(())
    } else {
        Err(Error::LengthMismatch {
            what,
            expected,
            actual,
        })
    }
}

/// What the topics of `texts` cost, by their `scores` (NaN where the writer gave none):
/// [`TopicAccumulator`] over the texts at once, with cxkit's default lexicon.
///
/// # Errors
/// As [`TopicAccumulator::add`] and [`TopicAccumulator::finish`].
///
/// ```
/// use cxkit::text::{topic_impact, ImpactOptions, Taxonomy};
///
/// let t = Taxonomy::default_bank();
/// let texts = ["手续费太贵", "年费乱收费", "柜员很耐心", "服务很好"];
/// let scores = [2.0, 4.0, 10.0, 9.0];
/// let r = topic_impact(&t, &texts, &scores, &ImpactOptions::default())?;
/// let fees = &r.topics[2];
/// assert_eq!((fees.id.as_str(), fees.mentions), ("fees", 2));
/// // NPS 0 overall; without the fee comments 100: fees cost 100 points.
/// assert_eq!((r.score, fees.with, fees.without), (Some(0.0), Some(-100.0), Some(100.0)));
/// assert_eq!(fees.cost, Some(100.0));
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn topic_impact<S: AsRef<str> + Sync>(
    taxonomy: &Taxonomy,
    texts: &[S],
    scores: &[f64],
    options: &ImpactOptions,
) -> Result<TopicImpacts> {
    let mut acc = TopicAccumulator::new(taxonomy, &Lexicon::default_bank(), options)?;
    acc.add::<S, &str>(texts, Some(scores), None)?;
    acc.finish(None)
}

/// The change of each topic's cost between two periods (or two groups), tested by
/// z = (after − before)/√(se₁² + se₂²); topics without a cost or a standard error in either
/// are left out.
///
/// # Errors
/// [`Error::Incompatible`] when the two do not list the same topics.
pub fn impact_change(before: &TopicImpacts, after: &TopicImpacts) -> Result<Vec<ImpactChange>> {
    let ids = |r: &TopicImpacts| r.topics.iter().map(|t| t.id.clone()).collect::<Vec<_>>();
    if ids(before) != ids(after) {
        return Err(Error::Incompatible {
            reason: "the two topic impacts are of different taxonomies".into(),
        });
    }
    Ok(before
        .topics
        .iter()
        .zip(&after.topics)
        .filter_map(|(b, a)| {
            let (cb, ca) = (b.cost?, a.cost?);
            let se = (b.cost_se?.powi(2) + a.cost_se?.powi(2)).sqrt();
            if se <= 0.0 {
                return None;
            }
            let z = (ca - cb) / se;
            Some(ImpactChange {
                topic: b.topic,
                id: b.id.clone(),
                before: cb,
                after: ca,
                change: ca - cb,
                z,
                p_value: erfc(z.abs() / std::f64::consts::SQRT_2),
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drivers::key_drivers;

    /// Comments on fees, the app and staff with scores: fee comments score low, staff high.
    fn corpus() -> (Vec<String>, Vec<f64>) {
        let mut texts = Vec::new();
        let mut scores = Vec::new();
        for i in 0..300u32 {
            let (text, score) = match i % 6 {
                0 => ("手续费太贵了", [0.0, 3.0, 6.0, 8.0][(i / 6 % 4) as usize]),
                1 => (
                    "年费乱收费，APP也闪退",
                    [2.0, 5.0, 7.0][(i / 6 % 3) as usize],
                ),
                2 => ("APP闪退", [6.0, 8.0, 9.0][(i / 6 % 3) as usize]),
                3 => ("柜员态度很好", [9.0, 10.0, 8.0][(i / 6 % 3) as usize]),
                4 => ("", 10.0),
                _ => ("谢谢", [10.0, 7.0, 9.0, f64::NAN][(i / 6 % 4) as usize]),
            };
            texts.push(text.to_string());
            scores.push(score);
        }
        (texts, scores)
    }

    fn y_of(s: f64) -> f64 {
        if s >= 9.0 {
            1.0
        } else if s <= 6.0 {
            -1.0
        } else {
            0.0
        }
    }

    #[test]
    fn cost_and_its_standard_error_by_the_influence_function() {
        // The closed form from the folded sums against each comment's influence
        // IFᵢ = [Ō(tᵢ − a) − (tᵢyᵢ − aW̄) + a(yᵢ − ȳ)]/(1 − a), summed directly.
        let (texts, scores) = corpus();
        let t = Taxonomy::default_bank();
        let r = topic_impact(&t, &texts, &scores, &ImpactOptions::default()).unwrap();
        let tags = t.tag_all(&texts).unwrap();
        let fees = t.topics().iter().position(|t| t.id == "fees").unwrap();
        let rows: Vec<(f64, f64)> = texts
            .iter()
            .zip(&scores)
            .zip(&tags)
            .filter(|((text, s), _)| !text.trim().is_empty() && !s.is_nan())
            .map(|((_, &s), m)| (f64::from(m.iter().any(|m| m.topic == fees)), y_of(s)))
            .collect();
        let n = rows.len() as f64;
        let a = rows.iter().map(|r| r.0).sum::<f64>() / n;
        let e = rows.iter().map(|r| r.1).sum::<f64>() / n;
        let w = rows.iter().filter(|r| r.0 == 1.0).map(|r| r.1).sum::<f64>() / (a * n);
        let o = rows.iter().filter(|r| r.0 == 0.0).map(|r| r.1).sum::<f64>() / ((1.0 - a) * n);
        let ss: f64 = rows
            .iter()
            .map(|&(t, y)| ((o * (t - a) - (t * y - a * w) + a * (y - e)) / (1.0 - a)).powi(2))
            .sum();
        let f = &r.topics[fees];
        assert_eq!(f.scored as f64, a * n);
        assert!((f.cost.unwrap() - 100.0 * a * (o - w)).abs() < 1e-9);
        assert!((f.cost.unwrap() - 100.0 * (o - e)).abs() < 1e-9); // = Ō − ȳ
        assert!((f.cost_se.unwrap() - 100.0 * ss.sqrt() / n).abs() < 1e-9);
        let (lo, hi) = f.cost_interval.unwrap();
        assert!((hi - lo - 2.0 * 1.959964 * f.cost_se.unwrap()).abs() < 1e-4);
        // Counts: 250 comments with text (the empty ones counted apart), 238 scored.
        assert_eq!((r.comments, r.empty, r.scored), (250, 50, 238));
        assert_eq!(f.mentions, 100);
        assert!((f.share - 0.4).abs() < 1e-12);
        // Fees cost the most; the staff's comments raise the score (a negative cost).
        assert_eq!(r.by_cost()[0].id, "fees");
        let staff = r.topics.iter().find(|t| t.id == "staff").unwrap();
        assert!(staff.cost.unwrap() < 0.0 && staff.p_value.unwrap() < 1e-6);
    }

    #[test]
    fn the_driver_run_equals_key_drivers_on_the_indicators() {
        // The folded correlations give the relative weights key_drivers finds on the 0/1
        // indicator matrix of the top-level topics itself.
        let (texts, scores) = corpus();
        let t = Taxonomy::default_bank();
        let opts = ImpactOptions {
            min_mentions: 5,
            ..ImpactOptions::default()
        };
        let r = topic_impact(&t, &texts, &scores, &opts).unwrap();
        let k = r.drivers.as_ref().unwrap();
        let ids: Vec<&str> = r
            .driver_topics
            .iter()
            .map(|&i| t.topics()[i].id.as_str())
            .collect();
        assert_eq!(ids, ["staff", "fees", "app"]);
        assert!(r.warnings[0].contains("waiting"));
        let tags = t.tag_all(&texts).unwrap();
        let mut x = Vec::new();
        let mut y = Vec::new();
        for ((text, &s), m) in texts.iter().zip(&scores).zip(&tags) {
            if text.trim().is_empty() || s.is_nan() {
                continue;
            }
            for &d in &r.driver_topics {
                x.push(f64::from(m.iter().any(|m| m.topic == d)));
            }
            y.push(s);
        }
        let x = Array2::from_shape_vec((y.len(), 3), x).unwrap();
        let direct = key_drivers(x.view(), &y, &DriverOptions::default()).unwrap();
        assert!((k.r2 - direct.r2).abs() < 1e-9);
        for (a, b) in k.drivers.iter().zip(&direct.drivers) {
            assert!((a.relative_weight - b.relative_weight).abs() < 1e-9);
        }
    }

    #[test]
    fn folds_merge_and_travel_as_bytes() {
        let (texts, scores) = corpus();
        let groups: Vec<&str> = (0..texts.len())
            .map(|i| if i % 2 == 0 { "branch" } else { "app" })
            .collect();
        let t = Taxonomy::default_bank();
        let lex = Lexicon::default_bank();
        let opts = ImpactOptions::default();
        let mut whole = TopicAccumulator::new(&t, &lex, &opts).unwrap();
        whole.add(&texts, Some(&scores), Some(&groups)).unwrap();
        let mut left = TopicAccumulator::new(&t, &lex, &opts).unwrap();
        let mut right = TopicAccumulator::new(&t, &lex, &opts).unwrap();
        left.add(&texts[..100], Some(&scores[..100]), Some(&groups[..100]))
            .unwrap();
        right
            .add(&texts[100..], Some(&scores[100..]), Some(&groups[100..]))
            .unwrap();
        let right = TopicAccumulator::from_bytes(&right.to_bytes()).unwrap();
        left.merge(&right).unwrap();
        assert_eq!(left.groups(), ["app", "branch"]);
        for g in [None, Some("app"), Some("branch")] {
            let (a, b) = (left.finish(g).unwrap(), whole.finish(g).unwrap());
            assert_eq!(a.comments, b.comments);
            for (x, y) in a.topics.iter().zip(&b.topics) {
                assert_eq!(x.mentions, y.mentions);
                assert!((x.cost.unwrap_or(0.0) - y.cost.unwrap_or(0.0)).abs() < 1e-9);
            }
            let (sa, sb) = (a.sentiment, b.sentiment);
            assert_eq!(
                (sa.positive, sa.neutral, sa.negative),
                (sb.positive, sb.neutral, sb.negative)
            );
            assert!((sa.mean_score.unwrap() - sb.mean_score.unwrap()).abs() < 1e-12);
        }
        assert_eq!(
            left.term_counts(None).unwrap(),
            whole.term_counts(None).unwrap()
        );
        // The whole is the groups together.
        let all = whole.finish(None).unwrap();
        let parts: u64 = ["app", "branch"]
            .iter()
            .map(|g| whole.finish(Some(g)).unwrap().comments)
            .sum();
        assert_eq!(all.comments, parts);
        // Another taxonomy does not merge; corrupt bytes are refused.
        let other =
            Taxonomy::from_toml("[[topics]]\nid = \"x\"\n[[topics.rules]]\nany = [\"x\"]").unwrap();
        let stranger = TopicAccumulator::new(&other, &lex, &opts).unwrap();
        assert!(matches!(
            left.merge(&stranger),
            Err(Error::Incompatible { .. })
        ));
        let mut bytes = whole.to_bytes();
        bytes.truncate(bytes.len() - 3);
        assert!(matches!(
            TopicAccumulator::from_bytes(&bytes),
            Err(Error::CorruptBytes { .. })
        ));
        assert!(whole.finish(Some("atm")).is_err());
    }

    #[test]
    fn comments_added_by_their_tags_cost_as_by_their_text() {
        // The tags of Taxonomy::tag, folded by add_tagged, give every topic's mentions and
        // cost as folding the texts does; the sentiment counts only comments with text. (A
        // tagged comment is one with text: the empty texts are left out of both.)
        let (texts, scores): (Vec<String>, Vec<f64>) = corpus()
            .0
            .into_iter()
            .zip(corpus().1)
            .filter(|(t, _)| !t.is_empty())
            .unzip();
        let t = Taxonomy::default_bank();
        let lex = Lexicon::default_bank();
        let opts = ImpactOptions::default();
        let mut by_text = TopicAccumulator::new(&t, &lex, &opts).unwrap();
        by_text.add::<_, &str>(&texts, Some(&scores), None).unwrap();
        // Only the sub-topics' ids: their parents come with them.
        let tagged: Vec<Vec<&str>> = t
            .tag_all(&texts)
            .unwrap()
            .iter()
            .map(|found| {
                found
                    .iter()
                    .filter(|m| m.direct)
                    .map(|m| t.topics()[m.topic].id.as_str())
                    .collect()
            })
            .collect();
        let mut by_tags = TopicAccumulator::new(&t, &lex, &opts).unwrap();
        by_tags
            .add_tagged::<_, _, &str>(&tagged, Some(&scores), None)
            .unwrap();
        let (a, b) = (by_text.finish(None).unwrap(), by_tags.finish(None).unwrap());
        assert_eq!(
            (a.comments, a.scored, a.score),
            (b.comments, b.scored, b.score)
        );
        assert!(a.topics.iter().any(|x| x.mentions > 0));
        for (x, y) in a.topics.iter().zip(&b.topics) {
            assert_eq!((x.mentions, x.cost_se), (y.mentions, y.cost_se), "{}", x.id);
            assert_eq!(x.cost, y.cost);
        }
        assert_eq!(a.drivers, b.drivers);
        let s = b.sentiment;
        assert_eq!(
            (s.positive + s.neutral + s.negative, s.mean_score),
            (0, None)
        );
    }

    #[test]
    fn a_failed_update_leaves_the_state() {
        let t = Taxonomy::default_bank();
        let mut acc =
            TopicAccumulator::new(&t, &Lexicon::default_bank(), &ImpactOptions::default()).unwrap();
        acc.add::<_, &str>(&["手续费太贵"], Some(&[3.0]), None)
            .unwrap();
        let before = acc.to_bytes();
        let e = acc
            .add::<_, &str>(&["排队", "闪退"], Some(&[3.0, 11.0]), None)
            .unwrap_err();
        assert!(matches!(e, Error::InvalidScore { index: 1, .. }));
        assert!(matches!(
            acc.add::<_, &str>(&["排队"], Some(&[3.0, 4.0]), None),
            Err(Error::LengthMismatch { .. })
        ));
        assert!(matches!(
            acc.add(&["排队"], None, Some(&[" "])),
            Err(Error::InvalidLabel { index: 0, .. })
        ));
        let long = "排".repeat(30_000);
        assert!(acc.add::<_, &str>(&[long.as_str()], None, None).is_err());
        let e = acc
            .add_tagged::<_, _, &str>(&[vec!["fees"], vec!["no_such_topic"]], None, None)
            .unwrap_err();
        assert!(
            matches!(&e, Error::InvalidLabel { what: "topics", index: 1, reason } if reason.contains("\"no_such_topic\"")),
            "{e}"
        );
        assert_eq!(acc.to_bytes(), before);
        // NPS needs the 0–10 scale.
        let csat = ImpactOptions {
            scale: Scale::CSAT,
            ..ImpactOptions::default()
        };
        assert!(TopicAccumulator::new(&t, &Lexicon::default_bank(), &csat).is_err());
    }

    #[test]
    fn mean_scores_and_the_change_between_periods() {
        // CSAT 1–5: fee comments 1, others 5; 2 of 4 mention fees → cost = ½·(5 − 1) = 2.
        let t = Taxonomy::default_bank();
        let opts = ImpactOptions {
            metric: ImpactMetric::Mean,
            scale: Scale::CSAT,
            ..ImpactOptions::default()
        };
        let texts = ["手续费太贵", "年费太贵", "很好", "谢谢"];
        let r = topic_impact(&t, &texts, &[1.0, 1.0, 5.0, 5.0], &opts).unwrap();
        let fees = r.topics.iter().find(|t| t.id == "fees").unwrap();
        assert_eq!(
            (fees.with, fees.without, fees.cost),
            (Some(1.0), Some(5.0), Some(2.0))
        );
        // No variance on either side, yet the share of fee comments is a sample's: only a
        // varies, se(a) = √(½·½/4) = ¼, so se(cost) = (Ō − W̄)·¼ = 1 (the delta method's
        // influences are ±2 here: Σ IF² = 16, √16/4 = 1). Without variance, no p-value.
        assert!((fees.cost_se.unwrap() - 1.0).abs() < 1e-12);
        assert_eq!(fees.p_value, None);
        // The change between two periods: fees cost 2, then ½·(5 − 3) = 1.
        let later = topic_impact(&t, &texts, &[2.0, 4.0, 5.0, 5.0], &opts).unwrap();
        let changes = impact_change(&r, &later).unwrap();
        let f = changes.iter().find(|c| c.id == "fees").unwrap();
        assert_eq!((f.before, f.after, f.change), (2.0, 1.0, -1.0));
        let se = (1.0f64 + later.topics[f.topic].cost_se.unwrap().powi(2)).sqrt();
        assert!((f.z + 1.0 / se).abs() < 1e-12);
        assert!(f.p_value > 0.0 && f.p_value <= 1.0);
    }
}
