//! Keywords of a corpus or of each group of it (segment, channel, wave, topic), and the terms
//! whose share of comments rose or fell most between two periods.
//!
//! The words are the tokenizer's ([`Tokenizer::tokenize`]: stop words, spaces and
//! punctuation out) of the text without its personal data ([`find_pii`](super::find_pii): no
//! phone or card number becomes a word anyone sees), of at least `min_chars` characters (2 by
//! default, as jieba's keyword extraction does: single characters are mostly function words).
//!
//! **TF-IDF.** For a group g of the corpus, with n_g(t) the occurrences of term t in g, n_g
//! all its words, N the corpus's comments and df(t) the comments holding t:
//!
//! ```text
//! tfidf_g(t) = n_g(t)/n_g · idf(t),   idf(t) = ln((1 + N)/(1 + df(t))) + 1
//! ```
//!
//! (the smoothed idf of scikit-learn's `TfidfVectorizer(smooth_idf=True)`), so a group's
//! keywords are its frequent words, weighed down where every comment has them.
//!
//! **TextRank** (Mihalcea & Tarau, *TextRank: Bringing Order into Texts*, EMNLP 2004): the
//! words of each comment are nodes, two words within `window` words of each other in a
//! comment add 1 to the weight of their edge, and the score is the weighted PageRank
//!
//! ```text
//! WS(v) = (1 − d) + d · Σ_{u ~ v} w_uv / (Σ_k w_uk) · WS(u),   d = 0.85,
//! ```
//!
//! iterated from WS = 1 until no score moves by more than 1e-10.
//!
//! **Rising and falling terms.** For each term, its share of the comments of each period
//! (comments holding it / comments), the change, and the pooled two-proportion z-test
//! z = (p₂ − p₁)/√(p̂(1 − p̂)(1/n₁ + 1/n₂)), p̂ the share of both periods together.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::corpus::{check_size, each_text};
use super::pii::without_pii;
use super::tokenize::Tokenizer;
use crate::distribution::two_proportion_z;
use crate::names::named;
use crate::{Error, Result};

/// The PageRank damping factor of TextRank (Mihalcea & Tarau 2004, after Brin & Page).
const DAMPING: f64 = 0.85;
/// TextRank stops when no score moves by more than this.
const TOLERANCE: f64 = 1e-10;
/// The most TextRank iterations (the damping makes it a contraction: 1e-10 takes about 150).
const MAX_ITERATIONS: usize = 1000;

/// How keywords are scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KeywordMethod {
    /// Term frequency in the group × smoothed inverse document frequency in the corpus.
    #[default]
    TfIdf,
    /// Weighted PageRank on the co-occurrence graph of the group's comments.
    TextRank,
}

named!(KeywordMethod, "method", [TfIdf => "tfidf", TextRank => "textrank"]);

/// Options of [`keywords`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeywordOptions {
    /// TF-IDF (default) or TextRank.
    pub method: KeywordMethod,
    /// How many keywords per group (20).
    pub top: usize,
    /// The fewest characters of a keyword (2).
    pub min_chars: usize,
    /// TextRank's co-occurrence window in words (5, as jieba's).
    pub window: usize,
}

impl Default for KeywordOptions {
    fn default() -> Self {
        KeywordOptions {
            method: KeywordMethod::TfIdf,
            top: 20,
            min_chars: 2,
            window: 5,
        }
    }
}

impl KeywordOptions {
    fn check(&self) -> Result<()> {
        let bad = |name, reason: &str| {
            Err(Error::InvalidParameter {
                name,
                reason: reason.to_string(),
            })
        };
        if self.top == 0 {
            return bad("top", "at least one keyword per group");
        }
        if self.min_chars == 0 {
            return bad("min_chars", "a keyword has at least one character");
        }
        if self.window < 2 {
            return bad(
                "window",
                "a window of at least 2 words (a word and its neighbour)",
            );
        }
        Ok(())
    }
}

/// A term's occurrences and the comments holding it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermCount {
    /// Occurrences.
    pub count: u64,
    /// Comments holding it.
    pub docs: u64,
}

/// The term counts of a corpus: comments, words, and each term's occurrences and comments.
/// Counts of partitions merge into the counts of the whole.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermCounts {
    docs: u64,
    words: u64,
    terms: HashMap<String, TermCount>,
}

impl TermCounts {
    /// No comments yet.
    pub fn new() -> TermCounts {
        TermCounts::default()
    }

    /// The counts of `texts`' words of at least `min_chars` characters.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for a `min_chars` of 0 or a text over the size limit.
    pub fn of_texts<S: AsRef<str> + Sync>(
        texts: &[S],
        tokenizer: &Tokenizer,
        min_chars: usize,
    ) -> Result<TermCounts> {
        KeywordOptions {
            min_chars,
            ..KeywordOptions::default()
        }
        .check()?;
        let mut counts = TermCounts::new();
        for words in words_of(texts, tokenizer, min_chars)? {
            counts.add(&words);
        }
        Ok(counts)
    }

    /// Counts one comment's words (a comment without words is not counted).
    pub fn add<S: AsRef<str>>(&mut self, words: &[S]) {
        if words.is_empty() {
            return;
        }
        self.docs += 1;
        self.words += words.len() as u64;
        let mut seen: HashSet<&str> = HashSet::with_capacity(words.len());
        for w in words {
            let w = w.as_ref();
            let first = seen.insert(w);
            match self.terms.get_mut(w) {
                Some(c) => {
                    c.count += 1;
                    c.docs += u64::from(first);
                }
                None => {
                    self.terms
                        .insert(w.to_string(), TermCount { count: 1, docs: 1 });
                }
            }
        }
    }

    /// Adds the counts of another part of the corpus.
    pub fn merge(&mut self, other: &TermCounts) {
        self.docs += other.docs;
        self.words += other.words;
        for (t, c) in &other.terms {
            let e = self.terms.entry(t.clone()).or_default();
            e.count += c.count;
            e.docs += c.docs;
        }
    }

    /// The comments counted.
    pub fn docs(&self) -> u64 {
        self.docs
    }

    /// The words counted.
    pub fn words(&self) -> u64 {
        self.words
    }

    /// A term's counts (zero when it never occurs).
    pub fn get(&self, term: &str) -> TermCount {
        self.terms.get(term).copied().unwrap_or_default()
    }

    /// Every term with its counts, in no particular order.
    pub fn terms(&self) -> impl Iterator<Item = (&str, TermCount)> {
        self.terms.iter().map(|(t, c)| (t.as_str(), *c))
    }
}

/// A keyword of a corpus or group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Keyword {
    /// The word.
    pub term: String,
    /// Its TF-IDF or TextRank score.
    pub score: f64,
    /// Its occurrences in the group.
    pub count: u64,
    /// The group's comments holding it.
    pub docs: u64,
}

/// The `top` best of `scored` (by score, then by term), with their counts in `group`.
fn best(mut scored: Vec<(&str, f64)>, group: &TermCounts, top: usize) -> Vec<Keyword> {
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    scored
        .into_iter()
        .take(top)
        .map(|(term, score)| {
            let c = group.get(term);
            Keyword {
                term: term.to_string(),
                score,
                count: c.count,
                docs: c.docs,
            }
        })
        .collect()
}

/// The TF-IDF keywords of `group`, with document frequencies from `corpus` (the counts of
/// every comment, the group's included).
///
/// ```
/// use cxkit::text::{tfidf, TermCounts};
///
/// let mut corpus = TermCounts::new();
/// for words in [vec!["排队", "排队", "柜台"], vec!["柜台", "态度"]] {
///     corpus.add(&words);
/// }
/// let k = tfidf(&corpus, &corpus, 2);
/// // 排队: 2/5 · (ln(3/2) + 1); 柜台: 2/5 · (ln(3/3) + 1) = 0.4.
/// assert_eq!(k[0].term, "排队");
/// assert!((k[0].score - 0.4 * (1.5f64.ln() + 1.0)).abs() < 1e-12);
/// assert_eq!((k[1].term.as_str(), k[1].score), ("柜台", 0.4));
/// ```
pub fn tfidf(group: &TermCounts, corpus: &TermCounts, top: usize) -> Vec<Keyword> {
    if group.words == 0 {
        return Vec::new();
    }
    let n = corpus.docs as f64;
    let scored = group
        .terms()
        .map(|(t, c)| {
            let df = corpus.get(t).docs.max(c.docs) as f64;
            let idf = ((1.0 + n) / (1.0 + df)).ln() + 1.0;
            (t, c.count as f64 / group.words as f64 * idf)
        })
        .collect();
    best(scored, group, top)
}

/// The TextRank keywords of a group's comments, each given as its words.
///
/// # Errors
/// [`Error::InvalidParameter`] for a window under 2; [`Error::DidNotConverge`] if the
/// scores still move after 1 000 iterations (the damping makes that impossible in exact
/// arithmetic).
///
/// ```
/// use cxkit::text::textrank;
///
/// // A chain a – b – c: WS(a) = WS(c) = x, WS(b) = y with y = 0.15 + 0.85·2x and
/// // x = 0.15 + 0.85·y/2, so x = 0.21375/0.2775 and y = 0.15 + 1.7x.
/// let k = textrank(&[vec!["a", "b"], vec!["b", "c"]], 2, 3)?;
/// let x = 0.21375 / 0.2775;
/// assert_eq!(k[0].term, "b");
/// assert!((k[0].score - (0.15 + 1.7 * x)).abs() < 1e-9);
/// assert!((k[1].score - x).abs() < 1e-9 && k[1].term == "a" && k[2].term == "c");
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn textrank<S: AsRef<str>>(
    comments: &[Vec<S>],
    window: usize,
    top: usize,
) -> Result<Vec<Keyword>> {
    if window < 2 {
        return Err(Error::InvalidParameter {
            name: "window",
            reason: "a window of at least 2 words (a word and its neighbour)".into(),
        });
    }
    let mut counts = TermCounts::new();
    let mut node: HashMap<&str, usize> = HashMap::new();
    let mut terms: Vec<&str> = Vec::new();
    let mut edges: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    for words in comments {
        counts.add(words);
        let ids: Vec<usize> = words
            .iter()
            .map(|w| {
                let w = w.as_ref();
                *node.entry(w).or_insert_with(|| {
                    terms.push(w);
                    terms.len() - 1
                })
            })
            .collect();
        for (i, &a) in ids.iter().enumerate() {
            for &b in ids.iter().skip(i + 1).take(window - 1) {
                if a != b {
                    *edges.entry((a.min(b), a.max(b))).or_insert(0.0) += 1.0;
                }
            }
        }
    }
    let mut adjacent: Vec<Vec<(usize, f64)>> = vec![Vec::new(); terms.len()];
    for (&(a, b), &w) in &edges {
        adjacent[a].push((b, w));
        adjacent[b].push((a, w));
    }
    let out: Vec<f64> = adjacent
        .iter()
        .map(|a| a.iter().map(|e| e.1).sum())
        .collect();
    let mut ws = vec![1.0; terms.len()];
    let mut next = vec![0.0; terms.len()];
    let mut converged = terms.is_empty();
    for _ in 0..MAX_ITERATIONS {
        let mut moved: f64 = 0.0;
        for (v, adj) in adjacent.iter().enumerate() {
            let inflow: f64 = adj.iter().map(|&(u, w)| w / out[u] * ws[u]).sum();
            next[v] = (1.0 - DAMPING) + DAMPING * inflow;
            moved = moved.max((next[v] - ws[v]).abs());
        }
        std::mem::swap(&mut ws, &mut next);
        if moved <= TOLERANCE {
            converged = true;
            break;
        }
    }
    if !converged {
        return Err(Error::DidNotConverge {
            what: "TextRank",
            iterations: MAX_ITERATIONS,
            reason: format!("the scores still move by more than {TOLERANCE}"),
        });
    }
    Ok(best(terms.iter().copied().zip(ws).collect(), &counts, top))
}

/// The keywords of the texts, or of each group of them: `groups` gives each text's group
/// code (0, 1, …), and the result holds one list per code up to the largest (empty for a
/// code no text has); without groups, one list. TF-IDF's document frequencies are the whole
/// corpus's. Empty and whitespace-only texts have no words and are not counted.
///
/// # Errors
/// [`Error::LengthMismatch`] when `groups` is not one code per text;
/// [`Error::InvalidParameter`] for options out of range or a text over
/// [`MAX_TEXT_BYTES`](super::MAX_TEXT_BYTES) (naming it).
///
/// ```
/// use cxkit::text::{default_tokenizer, keywords, KeywordOptions};
///
/// let texts = ["排队排了一个小时", "柜台排队太久", "手机银行闪退", "手机银行登录不了"];
/// let by = [0, 0, 1, 1]; // branch, app
/// let k = keywords(&texts, Some(&by), default_tokenizer(), &KeywordOptions::default())?;
/// assert_eq!(k[0][0].term, "排队");
/// assert_eq!(k[1][0].term, "手机");
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn keywords<S: AsRef<str> + Sync>(
    texts: &[S],
    groups: Option<&[usize]>,
    tokenizer: &Tokenizer,
    options: &KeywordOptions,
) -> Result<Vec<Vec<Keyword>>> {
    options.check()?;
    if let Some(g) = groups {
        if g.len() != texts.len() {
            return Err(Error::LengthMismatch {
                what: "groups (one per text)",
                expected: texts.len(),
                actual: g.len(),
            });
        }
    }
    let words = words_of(texts, tokenizer, options.min_chars)?;
    let n_groups = groups.map_or(1, |g| g.iter().max().map_or(0, |m| m + 1));
    let group_of = |i: usize| groups.map_or(0, |g| g[i]);
    match options.method {
        KeywordMethod::TfIdf => {
            let mut corpus = TermCounts::new();
            let mut parts = vec![TermCounts::new(); n_groups];
            for (i, w) in words.iter().enumerate() {
                corpus.add(w);
                parts[group_of(i)].add(w);
            }
            Ok(parts
                .iter()
                .map(|p| tfidf(p, &corpus, options.top))
                .collect())
        }
        KeywordMethod::TextRank => {
            let mut parts: Vec<Vec<Vec<String>>> = vec![Vec::new(); n_groups];
            for (i, w) in words.into_iter().enumerate() {
                parts[group_of(i)].push(w);
            }
            parts
                .iter()
                .map(|p| textrank(p, options.window, options.top))
                .collect()
        }
    }
}

/// Each text's words of at least `min_chars` characters, in parallel.
pub(crate) fn words_of<S: AsRef<str> + Sync>(
    texts: &[S],
    tokenizer: &Tokenizer,
    min_chars: usize,
) -> Result<Vec<Vec<String>>> {
    each_text(texts, |t| {
        check_size(t)?;
        let mut w = tokenizer.tokenize(&without_pii(t));
        w.retain(|w| w.chars().count() >= min_chars);
        Ok(w)
    })
}

/// The fewest comments (of both periods) a term needs to be listed by [`term_changes`]
/// where the caller does not say (Python's `min_docs`).
pub const DEFAULT_MIN_DOCS: u64 = 5;

/// A term's share of the comments in two periods and the test of its change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermChange {
    /// The word.
    pub term: String,
    /// Its share of the first period's comments.
    pub before: f64,
    /// Its share of the second period's comments.
    pub after: f64,
    /// `after − before`.
    pub change: f64,
    /// The pooled two-proportion z statistic.
    pub z: f64,
    /// Its two-sided p-value.
    pub p_value: f64,
    /// Comments holding it in the first period.
    pub docs_before: u64,
    /// Comments holding it in the second period.
    pub docs_after: u64,
}

/// The change of every term held by at least `min_docs` comments of the two periods
/// together, rising first (largest change), falling last.
///
/// # Errors
/// [`Error::EmptyInput`] when a period has no comment with words.
///
/// ```
/// use cxkit::text::{term_changes, TermCounts};
///
/// let (mut q3, mut q4) = (TermCounts::new(), TermCounts::new());
/// for i in 0..100 {
///     q3.add(&[if i < 10 { "闪退" } else { "排队" }]);
///     q4.add(&[if i < 40 { "闪退" } else { "排队" }]);
/// }
/// let c = term_changes(&q3, &q4, 5)?;
/// assert_eq!((c[0].term.as_str(), c[0].before, c[0].after), ("闪退", 0.1, 0.4));
/// assert!(c[0].p_value < 1e-5 && c[1].term == "排队");
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn term_changes(
    before: &TermCounts,
    after: &TermCounts,
    min_docs: u64,
) -> Result<Vec<TermChange>> {
    for (what, c) in [("the first period", before), ("the second period", after)] {
        if c.docs == 0 {
            return Err(Error::EmptyInput { what });
        }
    }
    let (n1, n2) = (before.docs as f64, after.docs as f64);
    let mut all: Vec<&str> = before.terms.keys().map(String::as_str).collect();
    all.extend(
        after
            .terms
            .keys()
            .map(String::as_str)
            .filter(|t| !before.terms.contains_key(*t)),
    );
    let mut out: Vec<TermChange> = all
        .into_iter()
        .filter_map(|t| {
            let (x1, x2) = (before.get(t).docs, after.get(t).docs);
            if x1 + x2 < min_docs.max(1) {
                return None;
            }
            let (p1, p2) = (x1 as f64 / n1, x2 as f64 / n2);
            // A term in every comment of both periods has no variance and no change.
            let (z, p_value) =
                two_proportion_z(x1, before.docs, x2, after.docs).unwrap_or((0.0, 1.0));
            Some(TermChange {
                term: t.to_string(),
                before: p1,
                after: p2,
                change: p2 - p1,
                z,
                p_value,
                docs_before: x1,
                docs_after: x2,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.change
            .total_cmp(&a.change)
            .then_with(|| a.term.cmp(&b.term))
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tfidf_of_a_group_by_hand() {
        // Corpus: d1 = a a b, d2 = b c, d3 = c c c d (N = 3; df a 1, b 2, c 2, d 1).
        // Group {d1, d2}: 5 words; a 2, b 2, c 1.
        //   idf(a) = ln(4/2) + 1 = 1.693147, idf(b) = idf(c) = ln(4/3) + 1 = 1.287682.
        //   a: 2/5 · 1.693147 = 0.677259; b: 2/5 · 1.287682 = 0.515073; c: 0.257536.
        let docs = [
            vec!["a", "a", "b"],
            vec!["b", "c"],
            vec!["c", "c", "c", "d"],
        ];
        let mut corpus = TermCounts::new();
        let mut group = TermCounts::new();
        for (i, d) in docs.iter().enumerate() {
            corpus.add(d);
            if i < 2 {
                group.add(d);
            }
        }
        let k = tfidf(&group, &corpus, 10);
        let got: Vec<(&str, f64, u64, u64)> = k
            .iter()
            .map(|k| (k.term.as_str(), k.score, k.count, k.docs))
            .collect();
        let want = [
            ("a", 0.677259, 2, 1),
            ("b", 0.515073, 2, 2),
            ("c", 0.257536, 1, 1),
        ];
        assert_eq!(got.len(), 3);
        for (g, w) in got.iter().zip(want) {
            assert_eq!((g.0, g.2, g.3), (w.0, w.2, w.3));
            assert!((g.1 - w.1).abs() < 1e-6, "{g:?}");
        }
        assert_eq!(tfidf(&group, &corpus, 1).len(), 1);
    }

    #[test]
    fn textrank_of_a_star_by_hand() {
        // A star: the hub h with leaves x, y, z (each edge weight 1). By symmetry the
        // leaves share x; hub: y = 0.15 + 0.85·3x; leaf: x = 0.15 + 0.85·y/3.
        // x = 0.15 + 0.85/3·(0.15 + 2.55x) = 0.1925 + 0.7225x → x = 0.1925/0.2775.
        let k = textrank(&[vec!["h", "x"], vec!["h", "y"], vec!["z", "h"]], 5, 10).unwrap();
        let x = 0.1925 / 0.2775;
        assert_eq!(k[0].term, "h");
        assert!((k[0].score - (0.15 + 2.55 * x)).abs() < 1e-9);
        for leaf in &k[1..] {
            assert!((leaf.score - x).abs() < 1e-9);
        }
        // The scores' mean is 1 (PageRank's (1 − d) + d·Σ keeps the total at the node count).
        let total: f64 = k.iter().map(|k| k.score).sum();
        assert!((total - 4.0).abs() < 1e-9);
        assert_eq!((k[0].count, k[0].docs), (3, 3));
    }

    #[test]
    fn the_window_bounds_the_edges() {
        // In "a b c" with a window of 2 only neighbours link: a – b – c (the chain), so b
        // leads; with 3, a – c links too and all three are equal.
        let chain = textrank(&[vec!["a", "b", "c"]], 2, 3).unwrap();
        assert_eq!(chain[0].term, "b");
        assert!(chain[0].score > chain[1].score);
        let full = textrank(&[vec!["a", "b", "c"]], 3, 3).unwrap();
        assert!(full.iter().all(|k| (k.score - 1.0).abs() < 1e-9));
        assert!(textrank(&[vec!["a"]], 1, 3).is_err());
        assert!(textrank::<&str>(&[], 5, 3).unwrap().is_empty());
    }

    #[test]
    fn term_changes_by_hand() {
        // 闪退 in 10 of 100 comments, then 40 of 100: pooled p̂ = 0.25,
        // se = √(0.25·0.75·0.02) = 0.0612372, z = 0.3/0.0612372 = 4.8989795,
        // p = 2·(1 − Φ(4.899)) = 9.6e-7 (scipy.stats.norm.sf(4.8989795)·2 = 9.634e-07).
        let (mut a, mut b) = (TermCounts::new(), TermCounts::new());
        for i in 0..100 {
            a.add(&[if i < 10 { "闪退" } else { "排队" }]);
            b.add(&[if i < 40 { "闪退" } else { "排队" }]);
        }
        let c = term_changes(&a, &b, 5).unwrap();
        assert!((c[0].z - 4.8989795).abs() < 1e-6);
        assert!((c[0].p_value - 9.634e-7).abs() < 1e-9);
        assert_eq!((c[1].change * 100.0).round(), -30.0);
        assert_eq!((c[1].docs_before, c[1].docs_after), (90, 60));
        // Terms held by fewer comments than min_docs are left out.
        assert!(term_changes(&a, &b, 60)
            .unwrap()
            .iter()
            .all(|c| c.term == "排队"));
        assert!(matches!(
            term_changes(&TermCounts::new(), &b, 5),
            Err(Error::EmptyInput { .. })
        ));
    }

    #[test]
    fn personal_data_never_becomes_a_word() {
        // The card and phone of the text are not words; the rest is.
        let t = super::super::default_tokenizer();
        let words = words_of(&["卡号 4111 1111 1111 1111 电话13812345678 闪退"], t, 2).unwrap();
        assert_eq!(words[0], ["卡号", "电话", "闪退"]);
    }

    #[test]
    fn counts_merge_as_if_counted_together() {
        let docs = [vec!["a", "b", "a"], vec!["b"], vec![], vec!["c", "a"]];
        let mut whole = TermCounts::new();
        let (mut left, mut right) = (TermCounts::new(), TermCounts::new());
        for (i, d) in docs.iter().enumerate() {
            whole.add(d);
            if i < 2 { &mut left } else { &mut right }.add(d);
        }
        left.merge(&right);
        assert_eq!(left, whole);
        assert_eq!((whole.docs(), whole.words()), (3, 6));
        assert_eq!(whole.get("a"), TermCount { count: 3, docs: 2 });
    }

    #[test]
    fn keywords_check_their_options_and_groups() {
        let t = super::super::default_tokenizer();
        let opts = KeywordOptions::default();
        assert!(matches!(
            keywords(&["a"], Some(&[0, 1]), t, &opts),
            Err(Error::LengthMismatch { .. })
        ));
        for bad in [
            KeywordOptions { top: 0, ..opts },
            KeywordOptions {
                min_chars: 0,
                ..opts
            },
            KeywordOptions { window: 1, ..opts },
        ] {
            assert!(matches!(
                keywords(&["a"], None, t, &bad),
                Err(Error::InvalidParameter { .. })
            ));
        }
        use crate::names::Named;
        assert!(KeywordMethod::from_name("tf-idf").is_err());
        // Groups without texts get no keywords; textrank runs per group.
        let k = keywords(
            &["手机银行闪退", "", "柜台排队"],
            Some(&[2, 2, 0]),
            t,
            &KeywordOptions {
                method: KeywordMethod::TextRank,
                ..opts
            },
        )
        .unwrap();
        assert_eq!(k.len(), 3);
        assert!(k[1].is_empty());
        // Two words of equal score, in the order of the terms.
        assert_eq!(
            k[0].iter().map(|k| k.term.as_str()).collect::<Vec<_>>(),
            ["排队", "柜台"]
        );
    }
}
