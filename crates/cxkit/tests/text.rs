//! Free text across the module: personal data found in any text (arbitrary Unicode, digits
//! in every grouping) without a panic, on character boundaries, in order and without
//! overlaps; masking keeps every other character; tokens are normalised words of the text.

use cxkit::text::{find_pii, mask_pii, normalize, tokenize, PiiKind};
use proptest::prelude::*;

/// Text built from the pieces personal data is made of: digits (ASCII and full-width), the
/// separators between groups, X, @, dots, letters and Chinese.
fn texty() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("1"),
            Just("3"),
            Just("8"),
            Just("6"),
            Just("0"),
            Just("9"),
            Just("4"),
            Just("１"),
            Just(" "),
            Just("-"),
            Just("X"),
            Just("@"),
            Just("."),
            Just("a"),
            Just("com"),
            Just("+"),
            Just("的"),
            Just("，"),
            Just("13812345678"),
            Just("4111111111111111"),
            Just("440524188001010014"),
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn found_data_is_well_placed(text in prop_oneof![texty(), any::<String>()]) {
        let found = find_pii(&text);
        let mut after = 0;
        for p in &found {
            prop_assert!(p.start >= after && p.start < p.end && p.end <= text.len());
            prop_assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
            after = p.end;
        }
        // Masking replaces exactly the spans found and keeps the rest.
        let mut expected = String::new();
        let mut at = 0;
        for p in &found {
            expected.push_str(&text[at..p.start]);
            expected.push_str(p.kind.placeholder());
            at = p.end;
        }
        expected.push_str(&text[at..]);
        prop_assert_eq!(mask_pii(&text), expected);
    }

    #[test]
    fn masking_removes_every_planted_number(
        prefix in "[的了，a-z ]{0,6}",
        suffix in "[的了，a-z ]{0,6}",
        which in 0usize..4,
    ) {
        let (data, kind) = [
            ("13812345678", PiiKind::Phone),
            ("4111 1111 1111 1111", PiiKind::Card),
            ("11010519491231002X", PiiKind::IdNumber),
            ("li.ming@example.com", PiiKind::Email),
        ][which];
        // A letter touching a number makes it part of a word (an order code): keep a space.
        let text = format!("{prefix} {data} {suffix}");
        let masked = mask_pii(&text);
        prop_assert_eq!(masked, format!("{prefix} {} {suffix}", kind.placeholder()));
    }
}

#[test]
fn tokens_are_normalised_words_of_the_text() {
    let texts = [
        "网点ＡＴＭ经常坏，取不了钱",
        "The app CRASHES after the update",
    ];
    for (text, words) in texts.iter().zip(tokenize(&texts)) {
        let n = normalize(text);
        assert!(!words.is_empty());
        for w in &words {
            assert!(n.contains(w.as_str()), "{w} in {n}");
            assert_eq!(w, &w.to_lowercase());
        }
    }
}
