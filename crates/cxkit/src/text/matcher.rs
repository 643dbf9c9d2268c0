//! Which of a taxonomy's terms occur in a text, found while the text is normalised
//! ([`normalize`](super::normalize)) on the way: no copy of the text, one automaton step per
//! character.
//!
//! The terms (normalised) are written over an alphabet of their own characters: when they
//! hold at most 255 distinct characters (a bank taxonomy holds a few hundred terms of a few
//! hundred characters), each character gets a class 1–255 and every other character class
//! 0, which no term contains. A DFA over the classes (Aho–Corasick, standard semantics:
//! every term ending at a position is among its state's matches) then steps once per
//! character of the text — for Chinese a third of the steps over UTF-8 bytes — with the
//! class of a Han character one table lookup. With more distinct characters the DFA steps
//! over the normalised text's bytes instead.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;

use aho_corasick::{Anchored, BuildError, MatchKind, StartKind};

use super::tokenize::normalized_chars;

/// The first and last code points of the Han block the class table covers directly.
const HAN: (u32, u32) = (0x4E00, 0x9FFF);

/// Finds the terms of a text.
#[derive(Debug, Clone)]
pub(crate) struct TermMatcher {
    /// Over the characters' classes, or over bytes when `classes` is None.
    dfa: DFA,
    classes: Option<Classes>,
}

/// The class of each character of the terms.
#[derive(Debug, Clone)]
struct Classes {
    ascii: [u8; 128],
    /// U+4E00–U+9FFF.
    han: Vec<u8>,
    /// Every other character of the terms, sorted.
    other: Vec<(char, u8)>,
}

impl Classes {
    /// The classes of the characters of `terms`, None over 255 of them.
    fn new(terms: &[&str]) -> Option<Classes> {
        let mut chars: Vec<char> = terms.iter().flat_map(|t| t.chars()).collect();
        chars.sort_unstable();
        chars.dedup();
        if chars.len() > 255 {
            return None;
        }
        let mut c = Classes {
            ascii: [0; 128],
            han: vec![0; (HAN.1 - HAN.0 + 1) as usize],
            other: Vec::new(),
        };
        for (i, &ch) in chars.iter().enumerate() {
            let class = u8::try_from(i + 1).expect("at most 255 characters");
            match ch as u32 {
                u if u < 128 => c.ascii[u as usize] = class,
                u if (HAN.0..=HAN.1).contains(&u) => c.han[(u - HAN.0) as usize] = class,
                _ => c.other.push((ch, class)),
            }
        }
        Some(c)
    }

    /// The class of a normalised character (0: in no term).
    fn of(&self, c: char) -> u8 {
        match c as u32 {
            u if u < 128 => self.ascii[u as usize],
            u if (HAN.0..=HAN.1).contains(&u) => self.han[(u - HAN.0) as usize],
            _ => self
                .other
                .binary_search_by_key(&c, |&(ch, _)| ch)
                .map_or(0, |i| self.other[i].1),
        }
    }

    /// `term` written in classes.
    fn encode(&self, term: &str) -> Vec<u8> {
        term.chars().map(|c| self.of(c)).collect()
    }
}

impl TermMatcher {
    /// The matcher of `terms` (normalised; pattern i is `terms[i]`).
    pub(crate) fn new(terms: &[&str]) -> Result<TermMatcher, BuildError> {
        let classes = Classes::new(terms);
        let mut builder = DFA::builder();
        builder
            .match_kind(MatchKind::Standard)
            .start_kind(StartKind::Unanchored)
            .prefilter(false);
        let dfa = match &classes {
            Some(c) => builder.build(terms.iter().map(|t| c.encode(t)))?,
            None => builder.build(terms)?,
        };
        Ok(TermMatcher { dfa, classes })
    }

    /// Marks in `seen` (one per term) and appends to `hits` each term found in `text`
    /// (normalised on the way), once; `seen` is where the terms already found are marked.
    pub(crate) fn find(&self, text: &str, seen: &mut [bool], hits: &mut Vec<usize>) {
        let dfa = &self.dfa;
        let start = dfa
            .start_state(Anchored::No)
            .expect("an unanchored DFA has an unanchored start state");
        let mut sid = start;
        let mut step = |sid: StateID, b: u8| {
            let next = dfa.next_state(Anchored::No, sid, b);
            if dfa.is_match(next) {
                for i in 0..dfa.match_len(next) {
                    let t = dfa.match_pattern(next, i).as_usize();
                    if !seen[t] {
                        seen[t] = true;
                        hits.push(t);
                    }
                }
            }
            next
        };
        match &self.classes {
            Some(classes) => {
                // A character of class 0 is in no term: it leads every state back to the
                // start, with no match (most characters of a comment: no table lookup).
                let mut class_step = |sid: StateID, class: u8| {
                    if class == 0 {
                        start
                    } else {
                        step(sid, class)
                    }
                };
                for c in text.chars() {
                    let u = c as u32;
                    sid = if u < 128 {
                        class_step(sid, classes.ascii[c.to_ascii_lowercase() as usize])
                    } else if (HAN.0..=HAN.1).contains(&u) {
                        class_step(sid, classes.han[(u - HAN.0) as usize])
                    } else {
                        normalized_chars(c).fold(sid, |s, n| class_step(s, classes.of(n)))
                    };
                }
            }
            None => {
                for c in text.chars() {
                    if c.is_ascii() {
                        sid = step(sid, c.to_ascii_lowercase() as u8);
                    } else {
                        for n in normalized_chars(c) {
                            for b in n.encode_utf8(&mut [0; 4]).bytes() {
                                sid = step(sid, b);
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(m: &TermMatcher, text: &str, terms: usize) -> Vec<usize> {
        let (mut seen, mut hits) = (vec![false; terms], Vec::new());
        m.find(text, &mut seen, &mut hits);
        hits.sort_unstable();
        hits
    }

    #[test]
    fn classes_and_bytes_find_the_same_overlapping_terms() {
        // Overlapping terms (排队 inside 不用排队), full-width and upper-case text, a
        // character in no term breaking a match, and English.
        let terms = [
            "排队",
            "不用排队",
            "app",
            "闪退",
            "app闪退",
            "wait time",
            "ｘ",
        ];
        let by_class = TermMatcher::new(&terms).unwrap();
        assert!(by_class.classes.is_some());
        // Over 255 distinct characters: the byte path.
        let many: Vec<String> = (0..300u32)
            .map(|i| char::from_u32(0x4E00 + i).unwrap().to_string())
            .collect();
        let mut wide: Vec<&str> = terms.to_vec();
        wide.extend(many.iter().map(String::as_str));
        let by_byte = TermMatcher::new(&wide).unwrap();
        assert!(by_byte.classes.is_none());
        for (text, expected) in [
            ("今天不用排队", vec![0, 1]),
            ("ＡＰＰ闪退了", vec![2, 3, 4]),
            ("App 闪退", vec![2, 3]),
            ("排 队", vec![]),
            ("WAIT TIME", vec![5]),
            ("", vec![]),
        ] {
            assert_eq!(found(&by_class, text, terms.len()), expected, "{text}");
            let mut bytes = found(&by_byte, text, wide.len());
            bytes.retain(|&t| t < terms.len());
            assert_eq!(bytes, expected, "{text}");
        }
    }
}
