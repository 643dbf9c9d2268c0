//! Personal data in free text, found and masked before any verbatim is shown or written:
//! mainland mobile numbers, 18-digit resident identity numbers (checksum verified), bank card
//! numbers (Luhn verified) and e-mail addresses.
//!
//! Digits may be ASCII or full-width (０–９) and grouped by single spaces or hyphens
//! ("138 1234 5678", "6222-0212-3456-7890"). A run of digit groups is read from its longest
//! prefix that is one of the kinds, and again after it, so "13812345678 2 次" masks the number
//! and keeps the "2". A number that fails its checksum is not masked as an id or a card (it
//! may still be a mobile number by its shape); one that is not personal data stays.

use serde::{Deserialize, Serialize};

/// What a piece of personal data is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PiiKind {
    /// A mainland mobile number: 11 digits 1[3-9]…, optionally after +86 or 86.
    Phone,
    /// An 18-character resident identity number (GB 11643-1999) whose last character is its
    /// ISO 7064 MOD 11-2 check.
    IdNumber,
    /// A bank card number: 16 to 19 digits passing the Luhn check.
    Card,
    /// An e-mail address: local@domain.tld.
    Email,
}

impl PiiKind {
    /// Every kind, in the order a digit run is tried (an id before a card).
    pub const ALL: [PiiKind; 4] = [
        PiiKind::IdNumber,
        PiiKind::Card,
        PiiKind::Phone,
        PiiKind::Email,
    ];

    /// The kind's name: `phone`, `id_number`, `card`, `email`.
    pub fn as_str(self) -> &'static str {
        match self {
            PiiKind::Phone => "phone",
            PiiKind::IdNumber => "id_number",
            PiiKind::Card => "card",
            PiiKind::Email => "email",
        }
    }

    /// What replaces it in masked text: `[PHONE]`, `[ID]`, `[CARD]`, `[EMAIL]`.
    pub fn placeholder(self) -> &'static str {
        match self {
            PiiKind::Phone => "[PHONE]",
            PiiKind::IdNumber => "[ID]",
            PiiKind::Card => "[CARD]",
            PiiKind::Email => "[EMAIL]",
        }
    }
}

/// One piece of personal data: its kind and its byte range in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pii {
    /// What it is.
    pub kind: PiiKind,
    /// Byte offset of its first character.
    pub start: usize,
    /// Byte offset just past its last character.
    pub end: usize,
}

/// The value of an ASCII or full-width digit.
fn digit(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '０'..='９' => Some((c as u32 - '０' as u32) as u8),
        _ => None,
    }
}

/// Whether `c` is the check character X of an identity number (ASCII or full-width).
fn is_x(c: char) -> bool {
    matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ')
}

/// The ISO 7064 MOD 11-2 check character of an identity number's first 17 digits
/// (GB 11643-1999): Σ dᵢ·wᵢ with wᵢ = 2^(17−i) mod 11, and "10X98765432"[Σ mod 11].
fn id_check(digits: &[u8]) -> u8 {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = digits
        .iter()
        .zip(WEIGHTS)
        .map(|(&d, w)| u32::from(d) * w)
        .sum();
    b"10X98765432"[(sum % 11) as usize]
}

/// The Luhn check: from the right, every second digit doubled (minus 9 above 9), the sum a
/// multiple of 10 (ISO/IEC 7812-1).
/// The Luhn check digit that completes `digits` (for the demo bank's fake card numbers).
pub(crate) fn luhn_check_digit(digits: &[u8]) -> u8 {
    let mut v = digits.to_vec();
    v.push(0);
    let last = v.len() - 1;
    (0..10)
        .find(|&d| {
            v[last] = d;
            luhn(&v)
        })
        .expect("one digit completes any number")
}

fn luhn(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 1 {
                if d * 2 > 9 {
                    d * 2 - 9
                } else {
                    d * 2
                }
            } else {
                d
            }
        })
        .sum();
    sum % 10 == 0
}

/// The kind of a run of digits (with `x` its trailing check character X, if any).
fn classify(digits: &[u8], x: bool, plus: bool) -> Option<PiiKind> {
    let mobile = |d: &[u8]| d.len() == 11 && d[0] == 1 && (3..=9).contains(&d[1]);
    if x {
        return (digits.len() == 17 && id_check(digits) == b'X').then_some(PiiKind::IdNumber);
    }
    if plus {
        // After a "+", only the country code 86 and a mobile number.
        return (digits.len() == 13 && digits[..2] == [8, 6] && mobile(&digits[2..]))
            .then_some(PiiKind::Phone);
    }
    match digits.len() {
        18 if id_check(&digits[..17]) == b'0' + digits[17] => Some(PiiKind::IdNumber),
        16..=19 if luhn(digits) => Some(PiiKind::Card),
        11 if mobile(digits) => Some(PiiKind::Phone),
        13 if digits[..2] == [8, 6] && mobile(&digits[2..]) => Some(PiiKind::Phone),
        _ => None,
    }
}

/// A group of digits: byte range and values.
struct Group {
    start: usize,
    end: usize,
    digits: Vec<u8>,
}

/// The personal data in `text`, in order, not overlapping.
///
/// ```
/// use cxkit::text::{find_pii, PiiKind};
///
/// let text = "我的手机 138 1234 5678，邮箱 li.ming@example.com";
/// let kinds: Vec<PiiKind> = find_pii(text).iter().map(|p| p.kind).collect();
/// assert_eq!(kinds, [PiiKind::Phone, PiiKind::Email]);
/// ```
pub fn find_pii(text: &str) -> Vec<Pii> {
    let mut found = digit_runs(text);
    found.extend(emails(text));
    found.sort_by_key(|p| p.start);
    // An e-mail address holding digits (13812345678@qq.com) is one e-mail address.
    let mut out: Vec<Pii> = Vec::with_capacity(found.len());
    for p in found {
        match out.last_mut() {
            Some(last) if p.start < last.end => {
                if p.kind == PiiKind::Email {
                    *last = p;
                }
            }
            _ => out.push(p),
        }
    }
    out
}

/// `text` with every piece of personal data replaced by its kind's placeholder
/// ([`PiiKind::placeholder`]).
///
/// ```
/// use cxkit::text::mask_pii;
///
/// assert_eq!(
///     mask_pii("卡号6222 0212 3456 7894，身份证11010519491231002X，电话+86 13812345678"),
///     "卡号[CARD]，身份证[ID]，电话[PHONE]"
/// );
/// // A number that fails its checksum is not an id or a card: it stays.
/// assert_eq!(mask_pii("订单 110105194912310021"), "订单 110105194912310021");
/// ```
pub fn mask_pii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for p in find_pii(text) {
        out.push_str(&text[at..p.start]);
        out.push_str(p.kind.placeholder());
        at = p.end;
    }
    out.push_str(&text[at..]);
    out
}

/// `text` with each piece of personal data replaced by a space: what words are counted from
/// (keywords, rising words), so that no number or address becomes a word anyone sees.
pub(crate) fn without_pii(text: &str) -> std::borrow::Cow<'_, str> {
    let found = find_pii(text);
    if found.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for p in found {
        out.push_str(&text[at..p.start]);
        out.push(' ');
        at = p.end;
    }
    out.push_str(&text[at..]);
    std::borrow::Cow::Owned(out)
}

/// The ids, cards and phone numbers among the runs of digit groups of `text`.
fn digit_runs(text: &str) -> Vec<Pii> {
    let mut found = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if digit(chars[i].1).is_none() {
            i += 1;
            continue;
        }
        // A digit after a letter or digit-like character is inside a word (an order code
        // like A13812345678 is not a phone number); read the run anyway, to skip it whole.
        let inside_word = i > 0 && chars[i - 1].1.is_ascii_alphabetic();
        let plus = (i > 0 && matches!(chars[i - 1].1, '+' | '＋')).then(|| chars[i - 1].0);
        // The run: groups of digits joined by one space or hyphen each.
        let mut groups: Vec<Group> = Vec::new();
        let mut x_end = None;
        loop {
            let start = chars[i].0;
            let mut digits = Vec::new();
            while i < chars.len() {
                match digit(chars[i].1) {
                    Some(d) => digits.push(d),
                    None => break,
                }
                i += 1;
            }
            let end = chars.get(i).map_or(text.len(), |c| c.0);
            groups.push(Group { start, end, digits });
            if i < chars.len() && is_x(chars[i].1) {
                // The check character ends the run: an id number's X.
                x_end = Some(chars.get(i + 1).map_or(text.len(), |c| c.0));
                i += 1;
                break;
            }
            let joined = i + 1 < chars.len()
                && matches!(chars[i].1, ' ' | '-' | '－')
                && digit(chars[i + 1].1).is_some();
            if !joined {
                break;
            }
            i += 1;
        }
        let word_after = chars.get(i).is_some_and(|c| c.1.is_ascii_alphanumeric());
        if inside_word || (word_after && x_end.is_none()) {
            continue;
        }
        read_groups(&groups, x_end, plus, &mut found);
    }
    found
}

/// The longest prefix of the groups from each position that is personal data, left to right
/// (`plus` the byte offset of a "+" before the first group). A number written in groups has
/// groups of 3 to 8 digits ("138 1234 5678", "6222 0212 3456 7894", "110105 19491231 002X"),
/// or the country code 86 and a number: "2024 13812345678" is a year and a phone number.
fn read_groups(groups: &[Group], x_end: Option<usize>, plus: Option<usize>, found: &mut Vec<Pii>) {
    let grouped =
        |g: &Group, first: bool| (if first { 2 } else { 3 }..=8).contains(&g.digits.len());
    let mut from = 0;
    while from < groups.len() {
        let mut best = None;
        let mut digits = Vec::new();
        for to in from..groups.len() {
            let country = to == from + 1 && groups[from].digits == [8, 6];
            if to > from
                && !(grouped(&groups[from], true) && (country || grouped(&groups[to], false)))
            {
                break;
            }
            digits.extend_from_slice(&groups[to].digits);
            let last = to + 1 == groups.len();
            let x = last && x_end.is_some();
            if let Some(kind) = classify(&digits, x, plus.is_some() && from == 0) {
                let end = if x {
                    x_end.unwrap_or(groups[to].end)
                } else {
                    groups[to].end
                };
                best = Some((to, kind, end));
            }
        }
        match best {
            Some((to, kind, end)) => {
                let start = match plus {
                    Some(at) if from == 0 => at,
                    _ => groups[from].start,
                };
                found.push(Pii { kind, start, end });
                from = to + 1;
            }
            None => from += 1,
        }
    }
}

/// E-mail addresses: a local part of letters, digits and ._%+- , an @, and a domain of
/// labels joined by dots ending in a top-level label of two or more letters.
fn emails(text: &str) -> Vec<Pii> {
    let bytes = text.as_bytes();
    let local = |b: u8| b.is_ascii_alphanumeric() || b"._%+-".contains(&b);
    let domain = |b: u8| b.is_ascii_alphanumeric() || b == b'.' || b == b'-';
    let mut out = Vec::new();
    let mut after = 0;
    for (at, _) in text.match_indices('@') {
        if at < after {
            continue;
        }
        let mut start = at;
        while start > after && local(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < bytes.len() && domain(bytes[end]) {
            end += 1;
        }
        while end > at + 1 && matches!(bytes[end - 1], b'.' | b'-') {
            end -= 1;
        }
        let host = &text[at + 1..end];
        let tld_ok = host.rsplit_once('.').is_some_and(|(name, tld)| {
            !name.is_empty() && tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic())
        });
        if start < at && tld_ok {
            out.push(Pii {
                kind: PiiKind::Email,
                start,
                end,
            });
            after = end;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(PiiKind, &str)> {
        find_pii(text)
            .iter()
            .map(|p| (p.kind, &text[p.start..p.end]))
            .collect()
    }

    #[test]
    fn identity_numbers_by_their_check_character() {
        // GB 11643-1999's examples: 11010519491231002X (Σ dᵢwᵢ = 167, 167 mod 11 = 2 → X)
        // and 440524188001010014 (→ 4).
        assert_eq!(
            id_check(&[1, 1, 0, 1, 0, 5, 1, 9, 4, 9, 1, 2, 3, 1, 0, 0, 2]),
            b'X'
        );
        for text in [
            "11010519491231002X",
            "11010519491231002x",
            "440524188001010014",
        ] {
            assert_eq!(kinds(text), [(PiiKind::IdNumber, text)]);
        }
        // Grouped 6-8-4 and in full-width digits.
        assert_eq!(
            kinds("证件 110105 19491231 002X 已核")[0].0,
            PiiKind::IdNumber
        );
        assert_eq!(
            kinds("４４０５２４１８８００１０１００１４")[0].0,
            PiiKind::IdNumber
        );
        // One digit off: the check fails and nothing is masked.
        assert!(kinds("440524188001010015").is_empty());
        assert!(kinds("11010519491231003X").is_empty());
    }

    #[test]
    fn cards_by_the_luhn_check() {
        // 4111 1111 1111 1111 (the card networks' test number): every second digit from the
        // right doubled, the 4 gives 8 and seven 1s give 14, plus eight 1s: 30, a multiple of
        // 10; ending in 2 gives 31.
        assert!(luhn(&[4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]));
        assert!(!luhn(&[4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2]));
        assert_eq!(
            kinds("4111111111111111"),
            [(PiiKind::Card, "4111111111111111")]
        );
        assert_eq!(
            kinds("卡号6222 0212 3456 7894。"),
            [(PiiKind::Card, "6222 0212 3456 7894")]
        );
        assert_eq!(kinds("6222-0212-3456-7894")[0].0, PiiKind::Card);
        // 19 digits: 6217 0000 1000 0000 003 (its sum with every second digit doubled is 20).
        assert!(luhn(&[
            6, 2, 1, 7, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3
        ]));
        assert_eq!(kinds("6217000010000000003")[0].0, PiiKind::Card);
        assert!(kinds("4111111111111112").is_empty());
    }

    #[test]
    fn mobile_numbers_by_their_shape() {
        for (text, number) in [
            ("电话13812345678请回电", "13812345678"),
            ("call 138 1234 5678 now", "138 1234 5678"),
            ("138-1234-5678", "138-1234-5678"),
            ("+86 13812345678", "+86 13812345678"),
            ("+8613812345678", "+8613812345678"),
            ("86 13812345678", "86 13812345678"),
            ("１３８１２３４５６７８", "１３８１２３４５６７８"),
        ] {
            assert_eq!(kinds(text), [(PiiKind::Phone, number)], "{text}");
        }
        // Not a mobile number: 12 digits, a landline, a second digit of 2, inside a code.
        for text in [
            "138123456789",
            "010 6543 2100",
            "12812345678",
            "A13812345678",
            "13812345678B",
        ] {
            assert!(kinds(text).is_empty(), "{text}");
        }
        // A run read in parts: the count after the number stays, and so does a year before it.
        assert_eq!(
            kinds("打了13812345678 2次"),
            [(PiiKind::Phone, "13812345678")]
        );
        assert_eq!(kinds("2024 13812345678"), [(PiiKind::Phone, "13812345678")]);
    }

    #[test]
    fn email_addresses() {
        assert_eq!(
            kinds("请联系 li.ming+bank@mail.example.com."),
            [(PiiKind::Email, "li.ming+bank@mail.example.com")]
        );
        // Digits in the local part: one e-mail address, not a phone number inside one.
        assert_eq!(
            kinds("13812345678@qq.com"),
            [(PiiKind::Email, "13812345678@qq.com")]
        );
        for text in ["@bank", "a@b", "a@b.c", "x@.com", "微博@招商银行"] {
            assert!(kinds(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn masking_keeps_everything_else() {
        let text = "我是张三，卡号 4111 1111 1111 1111，电话 13812345678，邮箱 zs@example.cn，\
                    身份证 440524188001010014，订单号 20240101001，金额 ¥1,200";
        assert_eq!(
            mask_pii(text),
            "我是张三，卡号 [CARD]，电话 [PHONE]，邮箱 [EMAIL]，身份证 [ID]，订单号 20240101001，金额 ¥1,200"
        );
        assert_eq!(mask_pii(""), "");
        assert_eq!(mask_pii("没有个人信息"), "没有个人信息");
    }
}
