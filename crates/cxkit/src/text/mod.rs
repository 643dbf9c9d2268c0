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
//!   one pass per text, each match with its evidence.

mod pii;
mod taxonomy;
mod tokenize;

pub use pii::{find_pii, mask_pii, Pii, PiiKind};
pub use taxonomy::{Evidence, Rule, Taxonomy, Topic, TopicMatch, MAX_TEXT_BYTES};
pub use tokenize::{default_tokenizer, normalize, tokenize, Tokenizer};
