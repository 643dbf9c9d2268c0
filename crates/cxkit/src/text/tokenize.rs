//! Words of Chinese and English text: Chinese by dictionary segmentation (jieba's precise
//! mode with its HMM for unknown words, the dictionary built in), everything else by Unicode
//! word boundaries (UAX #29), after full-width characters are folded to half-width and
//! letters lower-cased. A bank's own words (手机银行, 转账限额, product names) can be added;
//! stop-word lists for both languages ship with the crate and can be replaced.

use std::sync::OnceLock;

use jieba_rs::Jieba;
use rayon::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

/// The Chinese stop words shipped with cxkit (stop_words_zh.txt).
const STOP_WORDS_ZH: &str = include_str!("stop_words_zh.txt");
/// The English stop words shipped with cxkit (stop_words_en.txt).
const STOP_WORDS_EN: &str = include_str!("stop_words_en.txt");

/// The words of a stop-word file: one per line, `#` starting a comment, blank lines ignored.
fn words_of(list: &str) -> impl Iterator<Item = &str> {
    list.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|w| !w.is_empty())
}

/// `words` sorted, without repeats.
fn sorted<'a>(words: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut v: Vec<String> = words.map(str::to_string).collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// `text` with full-width ASCII forms (U+FF01–U+FF5E) and the ideographic space folded to
/// their half-width characters and letters lower-cased: "ＡＴＭ　机" → "atm 机".
///
/// ```
/// assert_eq!(cxkit::text::normalize("ＡＴＭ　取款，ＰＩＮ码"), "atm 取款,pin码");
/// ```
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_normalized(&mut out, c);
    }
    out
}

/// Appends `c` normalised ([`normalize`]) to `out`.
pub(crate) fn push_normalized(out: &mut String, c: char) {
    let c = half_width(c);
    // ASCII and Han (most of a bank's comments) without the Unicode case tables.
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if is_han(c) {
        out.push(c);
    } else {
        out.extend(c.to_lowercase());
    }
}

/// The characters `c` normalises to ([`normalize`]).
pub(crate) fn normalized_chars(c: char) -> std::char::ToLowercase {
    half_width(c).to_lowercase()
}

/// `c` with a full-width form folded to its half-width one, the ideographic space to a space.
fn half_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// A text normalised ([`normalize`]) that remembers, for each byte of the normalised text,
/// the character of the original it came from: positions found in the normalised text are
/// reported in the caller's characters.
pub(crate) struct Normalized {
    /// The normalised text.
    pub(crate) text: String,
    /// The original character of each byte of `text`, then the number of characters.
    char_of: Vec<u32>,
}

impl Normalized {
    pub(crate) fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut char_of = Vec::with_capacity(original.len() + 1);
        let mut k = 0u32;
        for c in original.chars() {
            push_normalized(&mut text, c);
            char_of.resize(text.len(), k);
            k += 1;
        }
        char_of.push(k);
        Normalized { text, char_of }
    }

    /// The character offset in the original of byte `at` of the normalised text (its length
    /// maps to the original's number of characters).
    pub(crate) fn char_at(&self, at: usize) -> usize {
        self.char_of[at] as usize
    }
}

/// Whether `c` is a Han ideograph (the CJK Unified Ideographs and their extension A, the
/// compatibility ideographs): the characters jieba segments.
fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// A tokenizer: the segmentation dictionary (jieba's, with the bank's words added) and the
/// stop words left out of [`Tokenizer::tokenize`].
pub struct Tokenizer {
    jieba: Jieba,
    /// Sorted and without repeats (a binary search; a sorted vector rather than a hash set
    /// because the default tokenizer lives as long as the process, and a leak checker sees
    /// blocks a vector points to the start of as reachable).
    stop_words: Vec<String>,
}

impl std::fmt::Debug for Tokenizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokenizer")
            .field("stop_words", &self.stop_words.len())
            .finish_non_exhaustive()
    }
}

impl Default for Tokenizer {
    fn default() -> Self {
        Self::new()
    }
}

impl Tokenizer {
    /// jieba's built-in dictionary and cxkit's Chinese and English stop words.
    pub fn new() -> Self {
        Tokenizer {
            jieba: Jieba::new(),
            stop_words: sorted(words_of(STOP_WORDS_ZH).chain(words_of(STOP_WORDS_EN))),
        }
    }

    /// Adds the bank's own words to the dictionary, so that each is one token (手机银行,
    /// 信用卡年费): jieba's `add_word` with the frequency it suggests to keep the word whole.
    ///
    /// ```
    /// use cxkit::text::Tokenizer;
    ///
    /// let mut t = Tokenizer::new();
    /// t.add_words(["转账限额"]);
    /// assert!(t.tokenize("转账限额太低").contains(&"转账限额".to_string()));
    /// ```
    pub fn add_words<'a>(&mut self, words: impl IntoIterator<Item = &'a str>) {
        for w in words {
            let w = normalize(w.trim());
            if !w.is_empty() {
                let freq = self.jieba.suggest_freq(&w);
                self.jieba.add_word(&w, Some(freq), None);
            }
        }
    }

    /// Replaces the stop words (matched after [`normalize`]).
    pub fn set_stop_words<'a>(&mut self, words: impl IntoIterator<Item = &'a str>) {
        let normalized: Vec<String> = words.into_iter().map(|w| normalize(w.trim())).collect();
        self.stop_words = sorted(normalized.iter().map(String::as_str));
    }

    /// Whether `word` (normalised) is a stop word.
    pub fn is_stop_word(&self, word: &str) -> bool {
        self.stop_words
            .binary_search_by(|w| w.as_str().cmp(word))
            .is_ok()
    }

    /// Every segment of `text` as it stands (no normalising, nothing left out): jieba's
    /// precise mode with the HMM on Han runs, Unicode word boundaries elsewhere, the spaces
    /// and punctuation between words included as segments. On Chinese text this is Python
    /// jieba's `jieba.lcut(text)`.
    pub fn segment<'a>(&self, text: &'a str) -> Vec<&'a str> {
        let mut out = Vec::new();
        self.each_run(text, |run, han| {
            if han {
                out.extend(self.jieba.cut(run, true).into_iter().map(|t| t.word));
            } else {
                out.extend(run.split_word_bounds());
            }
        });
        out
    }

    /// The words of `text`: normalised ([`normalize`]), segmented ([`Tokenizer::segment`]),
    /// without spaces, punctuation, symbols and stop words.
    ///
    /// ```
    /// use cxkit::text::Tokenizer;
    ///
    /// let t = Tokenizer::new();
    /// assert_eq!(t.tokenize("手机银行的APP总是闪退! Very slow."), ["手机", "银行", "app", "总是", "闪退", "slow"]);
    /// ```
    pub fn tokenize(&self, text: &str) -> Vec<String> {
        let text = normalize(text);
        self.segment(&text)
            .into_iter()
            .filter(|w| w.chars().any(char::is_alphanumeric) && !self.is_stop_word(w))
            .map(str::to_string)
            .collect()
    }

    /// Calls `f` on each maximal run of Han characters (`true`) and of other characters
    /// (`false`), in order.
    fn each_run<'a>(&self, text: &'a str, mut f: impl FnMut(&'a str, bool)) {
        let mut start = 0;
        let mut han = None;
        for (at, c) in text.char_indices() {
            let h = is_han(c);
            if han.is_some_and(|was| was != h) {
                f(&text[start..at], han == Some(true));
                start = at;
            }
            han = Some(h);
        }
        if let Some(h) = han {
            f(&text[start..], h);
        }
    }
}

/// The default tokenizer ([`Tokenizer::new`]), built once per process (loading jieba's
/// dictionary takes a few hundred milliseconds).
pub fn default_tokenizer() -> &'static Tokenizer {
    static DEFAULT: OnceLock<Tokenizer> = OnceLock::new();
    DEFAULT.get_or_init(Tokenizer::new)
}

/// The words of each text by the default tokenizer ([`Tokenizer::tokenize`]), in parallel.
///
/// ```
/// let words = cxkit::text::tokenize(&["排队等了一个小时", "The ATM ate my card"]);
/// assert_eq!(words[0], ["排队", "等", "小时"]);
/// assert_eq!(words[1], ["atm", "ate", "card"]);
/// ```
pub fn tokenize<S: AsRef<str> + Sync>(texts: &[S]) -> Vec<Vec<String>> {
    let t = default_tokenizer();
    texts.par_iter().map(|s| t.tokenize(s.as_ref())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_folds_width_and_case() {
        // U+FF21 'Ａ' − 0xFEE0 = U+0041 'A', lower-cased 'a'; U+FF0C '，' → ','.
        assert_eq!(normalize("Ａ，ｂ　Ｃ１"), "a,b c1");
        assert_eq!(normalize("已经ＯＫ"), "已经ok");
        assert_eq!(normalize(""), "");
    }

    #[test]
    fn normalised_positions_map_to_the_original() {
        // 'İ' (U+0130) lower-cases to two characters, "i̇"; 'Ａ' folds to one byte.
        let n = Normalized::new("İＡ排");
        assert_eq!(n.text, "i\u{307}a排");
        let chars: Vec<usize> = (0..=n.text.len()).map(|b| n.char_at(b)).collect();
        // Bytes: i (1), U+0307 (2), a (1), 排 (3), then the end.
        assert_eq!(chars, [0, 0, 0, 1, 2, 2, 2, 3]);
    }

    #[test]
    fn runs_split_han_from_the_rest() {
        let t = default_tokenizer();
        let mut runs = Vec::new();
        t.each_run("app闪退ok了", |r, h| runs.push((r, h)));
        assert_eq!(
            runs,
            [("app", false), ("闪退", true), ("ok", false), ("了", true)]
        );
    }

    #[test]
    fn segments_cover_the_text() {
        // Every byte of the text is in exactly one segment, in order.
        let t = default_tokenizer();
        for text in [
            "柜台排队太久了，服务态度差！",
            "Can't log in to the app…",
            "ＡＴＭ吞卡 3次",
            "",
        ] {
            assert_eq!(t.segment(text).concat(), text);
        }
    }

    #[test]
    fn stop_words_can_be_replaced() {
        let mut t = Tokenizer::new();
        assert_eq!(t.tokenize("the fee is high"), ["fee", "high"]);
        t.set_stop_words(["FEE"]);
        assert!(t.is_stop_word("fee"));
        assert_eq!(t.tokenize("the fee is high"), ["the", "is", "high"]);
        // The shipped lists: comments and blank lines are not words.
        assert!(words_of(STOP_WORDS_ZH).all(|w| !w.starts_with('#')));
        assert!(words_of(STOP_WORDS_EN).any(|w| w == "the"));
    }
}
