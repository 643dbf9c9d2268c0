//! The comments section, "What customers talk about": the topics of the customers' comments
//! (cxkit's default taxonomy) by volume and by the NPS points they cost, the topics rising
//! in the last quarter, the top and the rising words, two masked verbatims for each costliest
//! topic and the sentiment by channel; the finding names the costliest and the emerging
//! topic.

use serde::Serialize;

use super::is_demo;
use crate::data::BankData;
use crate::distribution::two_proportion_z;
use crate::report::lang::{Key, Table};
use crate::report::Lang;
use crate::text::{
    find_pii, mask_pii, term_changes, tfidf, ImpactOptions, Keyword, Lexicon, Taxonomy, TermChange,
    TermCounts, TopicAccumulator,
};
use crate::Result;

/// The days counted as the last quarter: the last 91 days of the comments.
const QUARTER_DAYS: i64 = 91;
/// The p-value below which a topic or a word counts as rising.
const RISING_P: f64 = 0.001;
/// The fewest comments of the last quarter a rising topic needs.
const RISING_MIN: u64 = 10;
/// How many topics get verbatims, keywords and rising words are shown.
const SHOWN: usize = 3;
/// The longest verbatim shown, in characters.
const VERBATIM_CHARS: usize = 120;

/// One topic of the comments.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicRow {
    /// The topic's id in the taxonomy.
    pub id: String,
    /// Its name in the report's language (not in the JSON, which names it by `id`).
    #[serde(skip)]
    pub name: String,
    /// Comments mentioning it.
    pub mentions: u64,
    /// Their share of the comments with text.
    pub share: f64,
    /// NPS of scored comments mentioning it.
    pub nps_with: Option<f64>,
    /// NPS of scored comments not mentioning it.
    pub nps_without: Option<f64>,
    /// The NPS points it costs (share × gap), with its interval.
    pub cost: Option<f64>,
    /// The cost's interval at the report's confidence.
    pub cost_interval: Option<(f64, f64)>,
}

/// A topic whose share of comments rose in the last quarter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EmergingTopic {
    /// The topic's id.
    pub id: String,
    /// Its name in the report's language (not in the JSON).
    #[serde(skip)]
    pub name: String,
    /// Its share of the comments before the last quarter.
    pub before: f64,
    /// Its share in the last quarter.
    pub after: f64,
    /// The pooled two-proportion z-test's p-value.
    pub p_value: f64,
}

/// A comment shown as it was written, personal data masked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verbatim {
    /// The id of the topic it illustrates.
    pub topic: String,
    /// That topic's name in the report's language (not in the JSON).
    #[serde(skip)]
    pub name: String,
    /// The masked text (cut at 120 characters).
    pub text: String,
}

/// The sentiment of one channel's comments.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChannelSentiment {
    /// The channel, as the data name it.
    pub channel: String,
    /// Its name in the report (translated for the demo bank; not in the JSON).
    #[serde(skip)]
    pub name: String,
    /// Its comments with text.
    pub comments: u64,
    /// Positive minus negative share, in points.
    pub net: Option<f64>,
}

/// What customers talk about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommentSection {
    /// Comments with text.
    pub comments: u64,
    /// Empty texts (counted, not tagged).
    pub empty: u64,
    /// Comments with the writer's likelihood to recommend.
    pub scored: u64,
    /// NPS of the scored comments.
    pub nps: Option<f64>,
    /// The topics mentioned, most mentioned first.
    pub topics: Vec<TopicRow>,
    /// The topics rising in the last quarter, most significant first.
    pub emerging: Vec<EmergingTopic>,
    /// The words rising most in the last quarter.
    pub rising_words: Vec<TermChange>,
    /// The top TF-IDF keywords of every comment.
    pub keywords: Vec<Keyword>,
    /// Two masked comments for each of the costliest (else commonest) topics.
    pub verbatims: Vec<Verbatim>,
    /// Net sentiment by channel.
    pub sentiment: Vec<ChannelSentiment>,
    /// What the section found.
    pub finding: String,
}

/// The texts the section reads: comments.csv, else the complaints' descriptions.
struct Texts<'a> {
    text: &'a [String],
    day: Vec<i64>,
    score: Vec<f64>,
    channel: Option<Vec<&'a str>>,
}

fn texts(bank: &BankData) -> Option<Texts<'_>> {
    if let Some(c) = &bank.comments {
        let channel = c
            .channel
            .iter()
            .all(|g| !g.trim().is_empty())
            .then(|| c.channel.iter().map(String::as_str).collect());
        return Some(Texts {
            text: &c.text,
            day: c.day.clone(),
            score: c.score.clone(),
            channel,
        });
    }
    let r = bank.complaints.as_ref()?;
    let text = r.text.as_ref()?;
    Some(Texts {
        text,
        day: r.opened.iter().map(|s| s.div_euclid(86_400)).collect(),
        score: vec![f64::NAN; text.len()],
        channel: Some(
            r.channel
                .iter()
                .map(|&k| bank.channels[k as usize].as_str())
                .collect(),
        ),
    })
}

/// The comments section (None without comments or complaint descriptions).
pub(crate) fn comment_section(
    bank: &BankData,
    confidence: f64,
    lang: Lang,
    t: &Table,
) -> Result<Option<CommentSection>> {
    let Some(c) = texts(bank) else {
        return Ok(None);
    };
    let demo = is_demo(bank);
    let taxonomy = Taxonomy::default_bank();
    let options = ImpactOptions {
        confidence,
        ..ImpactOptions::default()
    };
    let mut acc = TopicAccumulator::new(&taxonomy, &Lexicon::default_bank(), &options)?;
    acc.add(c.text, Some(&c.score), c.channel.as_deref())?;
    let whole = acc.finish(None)?;
    let topics = taxonomy.topics();
    let name = |i: usize| topics[i].display_name(lang).to_string();
    let mut rows: Vec<TopicRow> = whole
        .topics
        .iter()
        .filter(|r| r.mentions > 0)
        .map(|r| TopicRow {
            id: r.id.clone(),
            name: name(r.topic),
            mentions: r.mentions,
            share: r.share,
            nps_with: r.with,
            nps_without: r.without,
            cost: r.cost.filter(|_| r.scored > 0),
            cost_interval: r.cost_interval.filter(|_| r.scored > 0),
        })
        .collect();
    rows.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.id.cmp(&b.id)));

    // The last quarter against the time before it: each topic's share of the comments.
    let tags = taxonomy.tag_all(c.text)?;
    let last = c.day.iter().copied().max().unwrap_or(0) - QUARTER_DAYS;
    let late = |i: usize| c.day[i] > last;
    let (mut n, mut x) = ([0u64; 2], vec![[0u64; 2]; topics.len()]);
    for (i, found) in tags.iter().enumerate() {
        if c.text[i].trim().is_empty() {
            continue;
        }
        let p = usize::from(late(i));
        n[p] += 1;
        for m in found {
            x[m.topic][p] += 1;
        }
    }
    let mut emerging: Vec<EmergingTopic> = Vec::new();
    for (k, counts) in x.iter().enumerate() {
        let Some((z, p_value)) = two_proportion_z(counts[0], n[0], counts[1], n[1]) else {
            continue;
        };
        let (p1, p2) = (
            counts[0] as f64 / n[0] as f64,
            counts[1] as f64 / n[1] as f64,
        );
        if counts[1] >= RISING_MIN && z > 0.0 && p_value < RISING_P && p2 >= 1.5 * p1 {
            emerging.push(EmergingTopic {
                id: topics[k].id.clone(),
                name: name(k),
                before: p1,
                after: p2,
                p_value,
            });
        }
    }
    // A parent rises through its rising sub-topic: the sub-topic says which.
    let rising: Vec<String> = emerging.iter().map(|e| e.id.clone()).collect();
    emerging.retain(|e| {
        !topics
            .iter()
            .any(|t| t.parent.as_deref() == Some(e.id.as_str()) && rising.contains(&t.id))
    });
    // Most significant first.
    emerging.sort_by(|a, b| {
        a.p_value
            .total_cmp(&b.p_value)
            .then_with(|| (b.after - b.before).total_cmp(&(a.after - a.before)))
    });

    let (early_texts, late_texts): (Vec<&str>, Vec<&str>) = {
        let mut e = Vec::new();
        let mut l = Vec::new();
        for (i, text) in c.text.iter().enumerate() {
            if late(i) { &mut l } else { &mut e }.push(text.as_str());
        }
        (e, l)
    };
    let tokenizer = crate::text::default_tokenizer();
    let rising_words = match (
        TermCounts::of_texts(&early_texts, tokenizer, options.min_chars)?,
        TermCounts::of_texts(&late_texts, tokenizer, options.min_chars)?,
    ) {
        (a, b) if a.docs() > 0 && b.docs() > 0 => term_changes(&a, &b, RISING_MIN)?
            .into_iter()
            .filter(|w| w.change > 0.0 && w.p_value < RISING_P)
            .take(SHOWN + 2)
            .collect(),
        _ => Vec::new(),
    };
    let words = acc.term_counts(None)?;
    let keywords = tfidf(&words, &words, 10);

    // Verbatims: the costliest topics (the commonest without scores), two comments each,
    // the first one whose masking mattered when there is one.
    let shown: Vec<usize> = if whole.scored > 0 {
        whole
            .by_cost()
            .iter()
            .filter(|r| r.cost.is_some_and(|c| c > 0.0) && topics[r.topic].parent.is_none())
            .take(SHOWN)
            .map(|r| r.topic)
            .collect()
    } else {
        rows.iter()
            .filter_map(|r| topics.iter().position(|t| t.id == r.id))
            .filter(|&k| topics[k].parent.is_none())
            .take(SHOWN)
            .collect()
    };
    let mut verbatims = Vec::new();
    for &k in &shown {
        let of_topic: Vec<usize> = (0..c.text.len())
            .filter(|&i| tags[i].iter().any(|m| m.topic == k))
            .collect();
        let masked = of_topic
            .iter()
            .position(|&i| !find_pii(&c.text[i]).is_empty());
        let first = masked.unwrap_or(0);
        for &i in of_topic.get(first).into_iter().chain(
            of_topic
                .iter()
                .enumerate()
                .find(|&(j, _)| j != first)
                .map(|(_, i)| i),
        ) {
            let text: String = mask_pii(&c.text[i]).chars().take(VERBATIM_CHARS).collect();
            verbatims.push(Verbatim {
                topic: topics[k].id.clone(),
                name: name(k),
                text,
            });
        }
    }

    let sentiment = acc
        .groups()
        .into_iter()
        .map(|g| {
            let r = acc.finish(Some(g))?;
            Ok(ChannelSentiment {
                channel: g.to_string(),
                name: t.data_name(g, demo).to_string(),
                comments: r.comments,
                net: r.sentiment.net(),
            })
        })
        .collect::<Result<Vec<_>>>()?;

    let percent = |v: f64| format!("{:.0}", 100.0 * v);
    let costliest = whole
        .by_cost()
        .into_iter()
        .find(|r| r.scored > 0 && r.cost.is_some_and(|c| c > 0.0));
    let mut finding = match (costliest, rows.first()) {
        (Some(r), _) => t.fill(
            Key::comments_finding,
            &[
                ("topic", &name(r.topic)),
                ("cost", &format!("{:.1}", r.cost.unwrap_or(0.0))),
                ("share", &percent(r.share)),
            ],
        ),
        (None, Some(r)) => t.fill(
            Key::comments_most,
            &[("topic", &r.name), ("share", &percent(r.share))],
        ),
        (None, None) => t.get(Key::comments_no_topic).to_string(),
    };
    finding.push(' ');
    finding.push_str(&match emerging.first() {
        Some(e) => t.fill(
            Key::comments_emerging_finding,
            &[
                ("topic", &e.name),
                ("before", &percent(e.before)),
                ("after", &percent(e.after)),
            ],
        ),
        None => t.get(Key::comments_no_emerging).to_string(),
    });
    Ok(Some(CommentSection {
        comments: whole.comments,
        empty: whole.empty,
        scored: whole.scored,
        nps: whole.score,
        topics: rows,
        emerging,
        rising_words,
        keywords,
        verbatims,
        sentiment,
        finding,
    }))
}
