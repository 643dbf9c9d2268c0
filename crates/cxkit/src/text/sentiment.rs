//! Sentiment by lexicon: each word of the bank's lexicon carries a weight; negations and
//! degree words standing up to `window` words before it turn and scale it; a comment's score
//! is the sum, and every word that made it is kept.
//!
//! The words are the tokenizer's ([`Tokenizer::segment`], after [`normalize`]); a lexicon
//! entry also matches a run of up to four of them ("乱收费", "a bit"), and a word that is a
//! negation or degree word joined to a lexicon word (jieba's "很差", "不好", "不太") counts as
//! its parts. For a sentiment word of weight w with modifiers m₁ … mₖ before it (in text
//! order, within the window, not across punctuation or another sentiment word):
//!
//! ```text
//! value = w · Π f(mᵢ),   f(negation) = −1,   f(degree d) = d,
//! f(negation directly before a degree word) = −½ for the pair ("不太满意", "not very good")
//! score = Σ value over the comment's sentiment words
//! ```
//!
//! so 满意 = 1, 非常满意 = 2, 不满意 = −1, 非常不满意 = −2, 不太满意 = −½, 没有不满意 = 1.
//! A comment is positive for a score above 0, negative below, neutral otherwise (also with no
//! sentiment word).
//!
//! The lexicon in TOML (the shipped one is `Lexicon::default_toml()`):
//!
//! ```toml
//! window = 3
//! negations = ["不", "没有", "not", "never"]
//! [degrees]
//! "非常" = 2.0
//! "有点" = 0.6
//! [words]
//! "满意" = 1.0
//! "慢" = -1.0
//! ```

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::corpus::{check_size, each_text};
use super::tokenize::{normalize, Normalized, Tokenizer};
use crate::{Error, Result};

/// cxkit's default lexicon (default_lexicon.toml).
const DEFAULT_LEXICON: &str = include_str!("default_lexicon.toml");

/// The factor of a negation directly before a degree word ("不太", "not very").
const NOT_VERY: f64 = -0.5;

/// The most words one lexicon entry may span.
const MAX_RUN: usize = 4;

/// A sentiment lexicon as a bank writes it: word weights, negations, degree words and the
/// window in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lexicon {
    /// The weight of each sentiment word: above 0 pleased, below 0 displeased.
    #[serde(default)]
    pub words: BTreeMap<String, f64>,
    /// Words that turn the sentiment of a word after them.
    #[serde(default)]
    pub negations: Vec<String>,
    /// Words that scale it, with their factor.
    #[serde(default)]
    pub degrees: BTreeMap<String, f64>,
    /// How many words before a sentiment word its negations and degrees may stand.
    #[serde(default = "default_window")]
    pub window: usize,
}

fn default_window() -> usize {
    3
}

impl Lexicon {
    /// cxkit's default lexicon of bank-service words in Chinese and English, written for
    /// cxkit.
    pub fn default_bank() -> Lexicon {
        Lexicon::from_toml(DEFAULT_LEXICON).expect("the shipped lexicon is valid (tested)")
    }

    /// The default lexicon's TOML, for a bank to copy and edit.
    pub fn default_toml() -> &'static str {
        DEFAULT_LEXICON
    }

    /// Reads a lexicon from TOML.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] (`lexicon`) when it does not parse.
    pub fn from_toml(text: &str) -> Result<Lexicon> {
        toml::from_str(text).map_err(|e| bad(format!("the TOML lexicon does not parse: {e}")))
    }

    /// Reads a lexicon from JSON (`{"words": {...}, "negations": [...], ...}`).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] (`lexicon`) when it does not parse.
    pub fn from_json(text: &str) -> Result<Lexicon> {
        serde_json::from_str(text).map_err(|e| bad(format!("the JSON lexicon does not parse: {e}")))
    }
}

fn bad(reason: impl Into<String>) -> Error {
    Error::InvalidParameter {
        name: "lexicon",
        reason: reason.into(),
    }
}

/// What a lexicon entry does.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Entry {
    Word(f64),
    Negation,
    Degree(f64),
}

/// A sentiment word found in a comment and what it added to the score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentimentHit {
    /// The lexicon's word, normalised.
    pub word: String,
    /// The negations and degree words that applied to it, in text order.
    pub modifiers: Vec<String>,
    /// Its weight times the modifiers' factors.
    pub value: f64,
    /// Character offset (not byte) of the word in the text.
    pub start: usize,
    /// Character offset just past it.
    pub end: usize,
}

/// The polarity of a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    /// A score above 0.
    Positive,
    /// A score of 0, or no sentiment word.
    Neutral,
    /// A score below 0.
    Negative,
}

impl Polarity {
    /// "positive", "neutral" or "negative".
    pub fn name(self) -> &'static str {
        match self {
            Polarity::Positive => "positive",
            Polarity::Neutral => "neutral",
            Polarity::Negative => "negative",
        }
    }
}

/// The sentiment of one comment: its score and the words that made it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentimentScore {
    /// The sum of the hits' values.
    pub score: f64,
    /// The sentiment words, in text order.
    pub hits: Vec<SentimentHit>,
}

impl SentimentScore {
    /// Positive above 0, negative below, neutral otherwise.
    pub fn polarity(&self) -> Polarity {
        if self.score > 0.0 {
            Polarity::Positive
        } else if self.score < 0.0 {
            Polarity::Negative
        } else {
            Polarity::Neutral
        }
    }
}

/// A piece of a comment as the scorer sees it.
#[derive(Debug, Clone, Copy)]
enum Piece {
    /// A lexicon entry at bytes `start..end` of the normalised text.
    Entry(Entry, usize, usize),
    /// A word not in the lexicon.
    Other,
    /// Punctuation: modifiers do not reach across it.
    Boundary,
}

/// A lexicon-based sentiment scorer.
#[derive(Clone)]
pub struct Sentiment {
    entries: HashMap<String, Entry>,
    /// The longest entry, in characters (prefixes longer are not looked up).
    longest: usize,
    window: usize,
    tokenizer: &'static Tokenizer,
}

impl std::fmt::Debug for Sentiment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sentiment")
            .field("entries", &self.entries.len())
            .field("window", &self.window)
            .finish_non_exhaustive()
    }
}

impl Sentiment {
    /// Validates `lexicon` and builds the scorer (on the default tokenizer).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] (`lexicon`) naming the word: no sentiment words, an empty
    /// word, a weight that is 0 or not finite, a degree factor that is not finite and
    /// positive, a word listed twice (as a word, a negation or a degree), a window of 0 or
    /// over 20 words.
    ///
    /// ```
    /// use cxkit::text::{Lexicon, Sentiment};
    ///
    /// let lexicon = Lexicon::from_toml(r#"
    ///     negations = ["不"]
    ///     [degrees]
    ///     "非常" = 2.0
    ///     [words]
    ///     "满意" = 1.0
    /// "#)?;
    /// let s = Sentiment::new(&lexicon)?;
    /// assert_eq!(s.score("非常满意")?.score, 2.0);
    /// assert_eq!(s.score("不满意")?.score, -1.0);
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn new(lexicon: &Lexicon) -> Result<Sentiment> {
        if lexicon.words.is_empty() {
            return Err(bad("a lexicon needs sentiment words"));
        }
        if lexicon.window == 0 || lexicon.window > 20 {
            return Err(bad(format!(
                "a window of {} words; it is from 1 to 20",
                lexicon.window
            )));
        }
        let mut entries = HashMap::new();
        let mut add = |word: &str, entry: Entry| -> Result<()> {
            let key = normalize(word.trim());
            if key.is_empty() {
                return Err(bad("an empty word"));
            }
            if entries.insert(key, entry).is_some() {
                return Err(bad(format!("`{word}` is listed twice")));
            }
            Ok(())
        };
        for (word, &weight) in &lexicon.words {
            if !weight.is_finite() || weight == 0.0 {
                return Err(bad(format!(
                    "`{word}` has the weight {weight}; a weight is finite and not 0"
                )));
            }
            add(word, Entry::Word(weight))?;
        }
        for word in &lexicon.negations {
            add(word, Entry::Negation)?;
        }
        for (word, &factor) in &lexicon.degrees {
            if !(factor.is_finite() && factor > 0.0) {
                return Err(bad(format!(
                    "`{word}` has the degree {factor}; a degree is finite and above 0"
                )));
            }
            add(word, Entry::Degree(factor))?;
        }
        let longest = entries.keys().map(|k| k.chars().count()).max().unwrap_or(0);
        Ok(Sentiment {
            entries,
            longest,
            window: lexicon.window,
            tokenizer: super::default_tokenizer(),
        })
    }

    /// The scorer of cxkit's default lexicon ([`Lexicon::default_bank`]), built once.
    pub fn default_bank() -> &'static Sentiment {
        static DEFAULT: OnceLock<Sentiment> = OnceLock::new();
        DEFAULT.get_or_init(|| {
            Sentiment::new(&Lexicon::default_bank()).expect("the shipped lexicon is valid")
        })
    }

    /// The sentiment of one comment.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for a text over [`MAX_TEXT_BYTES`](super::MAX_TEXT_BYTES).
    ///
    /// ```
    /// use cxkit::text::{Polarity, Sentiment};
    ///
    /// let s = Sentiment::default_bank().score("柜员态度非常好，但是排队太久了")?;
    /// let words: Vec<&str> = s.hits.iter().map(|h| h.word.as_str()).collect();
    /// assert_eq!(words, ["好", "久"]);
    /// assert_eq!(s.score, 2.0 - 1.8); // 非常好 = 1 × 2, 太久 = −1 × 1.8
    /// assert_eq!(s.polarity(), Polarity::Positive);
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn score(&self, text: &str) -> Result<SentimentScore> {
        check_size(text)?;
        let norm = Normalized::new(text);
        let pieces = self.pieces(&norm.text);
        let mut hits = Vec::new();
        for (i, piece) in pieces.iter().enumerate() {
            let &Piece::Entry(Entry::Word(weight), start, end) = piece else {
                continue;
            };
            // The modifiers before it, nearest first.
            let mut before = Vec::new();
            for p in pieces[..i].iter().rev().take(self.window) {
                match *p {
                    Piece::Entry(Entry::Word(_), ..) | Piece::Boundary => break,
                    Piece::Entry(e, s, t) => before.push(Some((e, s, t))),
                    Piece::Other => before.push(None),
                }
            }
            before.reverse();
            let mut factor = 1.0;
            let mut modifiers = Vec::new();
            let mut k = 0;
            while k < before.len() {
                if let Some((e, s, t)) = before[k] {
                    modifiers.push(norm.text[s..t].to_string());
                    match (e, before.get(k + 1).copied().flatten()) {
                        (Entry::Negation, Some((Entry::Degree(_), s2, t2))) => {
                            modifiers.push(norm.text[s2..t2].to_string());
                            factor *= NOT_VERY;
                            k += 1;
                        }
                        (Entry::Negation, _) => factor = -factor,
                        (Entry::Degree(d), _) => factor *= d,
                        (Entry::Word(_), _) => unreachable!("the walk stops at a word"),
                    }
                }
                k += 1;
            }
            hits.push(SentimentHit {
                word: norm.text[start..end].to_string(),
                modifiers,
                value: weight * factor,
                start: norm.char_at(start),
                end: norm.char_at(end),
            });
        }
        Ok(SentimentScore {
            score: hits.iter().map(|h| h.value).sum(),
            hits,
        })
    }

    /// The sentiment of each comment ([`Sentiment::score`]), in parallel.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] naming the first text (from 0) over the size limit.
    pub fn score_all<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Result<Vec<SentimentScore>> {
        each_text(texts, |text| self.score(text))
    }

    /// The pieces of normalised `text`: runs of up to [`MAX_RUN`] words that are one entry
    /// (the longest first), words split into modifiers and an entry, other words, and
    /// punctuation as boundaries; spaces are skipped.
    fn pieces(&self, text: &str) -> Vec<Piece> {
        let words: Vec<(usize, usize)> = self
            .tokenizer
            .segment(text)
            .into_iter()
            .map(|w| {
                let at = w.as_ptr() as usize - text.as_ptr() as usize;
                (at, at + w.len())
            })
            .filter(|&(s, e)| !text[s..e].trim().is_empty())
            .collect();
        let mut pieces = Vec::with_capacity(words.len());
        let mut i = 0;
        'words: while i < words.len() {
            for n in (2..=MAX_RUN.min(words.len() - i)).rev() {
                let (start, end) = (words[i].0, words[i + n - 1].1);
                if let Some(&e) = self.entries.get(&text[start..end]) {
                    pieces.push(Piece::Entry(e, start, end));
                    i += n;
                    continue 'words;
                }
            }
            let (start, end) = words[i];
            let word = &text[start..end];
            if let Some(&e) = self.entries.get(word) {
                pieces.push(Piece::Entry(e, start, end));
            } else if !word.chars().any(char::is_alphanumeric) {
                pieces.push(Piece::Boundary);
            } else {
                match self.split(word, start) {
                    Some(parts) => pieces.extend(parts),
                    None => pieces.push(Piece::Other),
                }
            }
            i += 1;
        }
        pieces
    }

    /// `word` (at byte `at`) as modifiers then one last entry, each the longest entry that
    /// prefixes the rest ("很差" → 很 + 差, "不太" → 不 + 太), if it splits so.
    fn split(&self, word: &str, at: usize) -> Option<Vec<Piece>> {
        let mut parts = Vec::new();
        let mut rest = word;
        while !rest.is_empty() {
            let ends: Vec<usize> = rest
                .char_indices()
                .map(|(i, c)| i + c.len_utf8())
                .take(self.longest)
                .collect();
            let (&end, &entry) = ends
                .iter()
                .rev()
                .find_map(|end| self.entries.get(&rest[..*end]).map(|e| (end, e)))?;
            let start = at + word.len() - rest.len();
            if matches!(entry, Entry::Word(_)) && end < rest.len() {
                return None; // a sentiment word inside a longer word (好像, 差不多)
            }
            parts.push(Piece::Entry(entry, start, start + end));
            rest = &rest[end..];
        }
        Some(parts)
    }
}

/// The sentiment of each comment by cxkit's default lexicon ([`Sentiment::default_bank`]).
///
/// # Errors
/// [`Error::InvalidParameter`] naming the first text over the size limit.
///
/// ```
/// let s = cxkit::text::sentiment(&["非常满意", "The staff were not helpful"])?;
/// assert_eq!((s[0].score, s[1].score), (2.0, -1.0));
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn sentiment<S: AsRef<str> + Sync>(texts: &[S]) -> Result<Vec<SentimentScore>> {
    Sentiment::default_bank().score_all(texts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(text: &str) -> f64 {
        Sentiment::default_bank().score(text).unwrap().score
    }

    #[test]
    fn negation_and_degree_words() {
        // By the rule in the module docs, with the default lexicon's factors
        // (非常 2, 很 1.5, 太 1.8, 有点 0.6; not-very −½).
        for (text, expected) in [
            ("满意", 1.0),
            ("非常满意", 2.0),      // 1 × 2
            ("不满意", -1.0),       // 1 × −1
            ("非常不满意", -2.0),   // 2 × −1 × 1
            ("不太满意", -0.5),     // jieba's 不太 = 不 + 太: the not-very pair
            ("不是很满意", -0.5),   // 不是 + 很
            ("没有不满意", 1.0),    // two negations
            ("服务态度很差", -1.5), // jieba's 很差 = 很 + 差
            ("排队太久了", -1.8),   // 太久 = 太 + 久
            ("态度不好", -1.0),     // 不好 = 不 + 好
            ("有点慢", -0.6),
            ("好像没什么问题", 0.0), // 好 inside 好像 is not the word
            ("差不多吧", 0.0),
            ("The staff were very rude", -2.25), // −1.5 × 1.5
            ("not very good", -0.5),
            ("It is not good, great app though", -1.0 + 1.5),
            ("a bit slow", -0.6), // a two-word degree
            ("", 0.0),
        ] {
            assert!(
                (score(text) - expected).abs() < 1e-12,
                "{text}: {}",
                score(text)
            );
        }
    }

    #[test]
    fn modifiers_stay_within_the_window_and_the_clause() {
        // 不 … 满意 three words apart reaches (window 3); four does not.
        let s = Sentiment::default_bank();
        let far = s.score("不 a b 满意").unwrap();
        assert_eq!(far.score, -1.0);
        assert_eq!(far.hits[0].modifiers, ["不"]);
        assert_eq!(s.score("不 a b c 满意").unwrap().score, 1.0);
        // Punctuation ends the reach: 不，满意 is not 不满意.
        assert_eq!(s.score("不，满意").unwrap().score, 1.0);
        // A sentiment word between stops it: in "不好满意" 不 turns 好 only.
        let two = s.score("不好 满意").unwrap();
        assert_eq!(
            two.hits.iter().map(|h| h.value).collect::<Vec<_>>(),
            [-1.0, 1.0]
        );
    }

    #[test]
    fn hits_carry_the_words_and_their_places() {
        // Positions are the caller's characters: the full-width 'ＶＥＲＹ' is 4 characters.
        let s = Sentiment::default_bank()
            .score("ＶＥＲＹ good! 乱收费")
            .unwrap();
        let words: Vec<(&str, usize, usize)> = s
            .hits
            .iter()
            .map(|h| (h.word.as_str(), h.start, h.end))
            .collect();
        assert_eq!(words, [("good", 5, 9), ("乱收费", 11, 14)]);
        assert_eq!(s.hits[0].modifiers, ["very"]);
        assert_eq!(s.score, 1.5 - 1.5);
        assert_eq!(s.polarity(), Polarity::Neutral);
    }

    #[test]
    fn bad_lexicons_are_refused_naming_the_word() {
        let err = |toml: &str| match Lexicon::from_toml(toml).and_then(|l| Sentiment::new(&l)) {
            Err(Error::InvalidParameter {
                name: "lexicon",
                reason,
            }) => reason,
            other => panic!("{other:?}"),
        };
        assert!(err("negations = [\"不\"]").contains("needs sentiment words"));
        assert!(err("[words]\n\"好\" = 0.0").contains("`好` has the weight 0"));
        assert!(err("[words]\n\"好\" = nan").contains("finite"));
        assert!(err("negations = [\"好\"]\n[words]\n\"好\" = 1.0").contains("`好` is listed twice"));
        assert!(
            err("[degrees]\n\"很\" = -1.0\n[words]\n\"好\" = 1.0").contains("`很` has the degree")
        );
        assert!(err("window = 0\n[words]\n\"好\" = 1.0").contains("window of 0"));
        assert!(err("[words]\n\" \" = 1.0").contains("empty word"));
        assert!(err("[word]\n\"好\" = 1.0").contains("does not parse"));
        assert!(Lexicon::from_json(r#"{"words": {"好": 1}}"#).is_ok());
    }

    #[test]
    fn the_default_lexicon_reads_and_texts_over_the_limit_are_refused() {
        assert_eq!(Lexicon::default_bank().window, 3);
        let long = "好".repeat(super::super::MAX_TEXT_BYTES / 3 + 1);
        let err = sentiment(&["好", long.as_str()]).unwrap_err();
        assert!(err.to_string().contains("text 1"), "{err}");
    }
}
