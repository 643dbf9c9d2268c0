//! The voice of the customer: what customers write in complaints, survey comments and app
//! reviews, in Chinese and English.
//!
//! - [`mask_pii`] / [`find_pii`]: personal data (mainland mobile numbers, resident identity
//!   numbers with their checksum, bank card numbers with the Luhn check, e-mail addresses)
//!   found and masked before any verbatim is shown or written.
//! - [`Tokenizer`] / [`tokenize`]: words of Chinese (jieba's dictionary segmentation, built
//!   in: no download) and English (Unicode word boundaries), width and case normalised
//!   ([`normalize`]), with the bank's own words and replaceable stop words.
//! - [`Taxonomy`]: topics and sub-topics with any/all/none word rules and windows, matched in
//!   one pass per text, each match with its evidence ([`Taxonomy::tag`]) or as a texts ×
//!   topics matrix of flags ([`Taxonomy::flags`], the text normalised while the matcher steps).
//! - [`keywords`]: TF-IDF or TextRank keywords of a corpus or each group of it, and
//!   [`term_changes`]: the terms whose share rose or fell between two periods, tested.
//! - [`topic_impact`] / [`TopicAccumulator`]: what each topic costs in NPS (or mean score)
//!   points, with an interval and a key-driver run, folded per group and mergeable.
//! - [`Sentiment`] / [`sentiment`]: a score per comment from the bank's [`Lexicon`] (a
//!   default one for bank service ships), negation and degree words within a window, with
//!   the words that made it.

mod corpus;
mod impact;
mod keywords;
mod matcher;
mod pii;
mod sentiment;
mod taxonomy;
mod tokenize;

pub use corpus::MAX_TEXT_BYTES;
pub use impact::{
    impact_change, topic_impact, ImpactChange, ImpactMetric, ImpactOptions, SentimentSummary,
    TopicAccumulator, TopicImpact, TopicImpacts,
};
pub use keywords::{
    keywords, term_changes, textrank, tfidf, Keyword, KeywordMethod, KeywordOptions, TermChange,
    TermCount, TermCounts, DEFAULT_MIN_DOCS,
};
pub(crate) use pii::luhn_check_digit;
pub use pii::{find_pii, mask_pii, Pii, PiiKind};
pub use sentiment::{sentiment, Lexicon, Polarity, Sentiment, SentimentHit, SentimentScore};
pub use taxonomy::{Evidence, Rule, Taxonomy, Topic, TopicMatch, TOPIC_DIRECT, TOPIC_VIA_SUBTOPIC};
pub use tokenize::{default_tokenizer, normalize, tokenize, Tokenizer};
