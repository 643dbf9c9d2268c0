//! The demo bank's customer comments (comments.csv) and complaint descriptions: Chinese
//! text from templates, with the structure [`demo_bank`](super::demo_bank) documents
//! (item 9) and the constants here name.

use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

use super::bank::START_DAY;
use crate::data::schema::{Comments, Customers};
use crate::text::luhn_check_digit;

/// The topic (of cxkit's default taxonomy) that costs the demo bank the most NPS points:
/// fees, common and written by the least satisfied.
pub const DEMO_COSTLIEST_TOPIC: &str = "fees";
/// The demo bank's emerging topic: app crashes, about 5 % of the app channel's comments
/// before the last quarter and about 35 % in it.
pub const DEMO_EMERGING_TOPIC: &str = "app_crash";
/// The channel where the demo bank's comments on waiting concentrate.
pub const DEMO_WAITING_CHANNEL: &str = "branch";
/// Days of the demo bank's last quarter (the last 91 of its two years).
pub const DEMO_LAST_QUARTER_DAYS: i64 = 91;

/// One kind of comment: its fragments and what it does to the writer's likelihood to
/// recommend.
struct Kind {
    fragments: &'static [&'static str],
    effect: f64,
}

const FEES: Kind = Kind {
    fragments: &[
        "年费乱收费",
        "手续费太贵了",
        "每个月莫名其妙扣管理费",
        "乱扣服务费，也没有提前通知",
    ],
    effect: -5.0,
};
const WAITING: Kind = Kind {
    fragments: &[
        "排队等了一个多小时",
        "叫号太慢，等候时间太长",
        "取号以后又排队等了很久",
    ],
    effect: -3.5,
};
const CRASH: Kind = Kind {
    fragments: &[
        "手机银行打开就闪退",
        "APP经常闪退",
        "APP卡顿，经常崩溃",
        "手机银行查账单时闪退",
    ],
    effect: -3.0,
};
const LOGIN: Kind = Kind {
    fragments: &["登录不了，验证码一直收不到", "人脸识别总是失败"],
    effect: -2.0,
};
const CALLS: Kind = Kind {
    fragments: &["客服电话一直打不通", "转人工客服要很久"],
    effect: -2.5,
};
const TRANSFERS: Kind = Kind {
    fragments: &["跨行转账到账太慢", "转账限额太低"],
    effect: -2.0,
};
const LOANS: Kind = Kind {
    fragments: &["房贷审批太慢", "贷款放款拖了一个月"],
    effect: -2.0,
};
const CARDS: Kind = Kind {
    fragments: &["ATM吞卡了", "补卡手续太麻烦"],
    effect: -2.0,
};
const MARKETING: Kind = Kind {
    fragments: &["天天接到推销理财的营销电话"],
    effect: -2.0,
};
const STAFF: Kind = Kind {
    fragments: &["柜员态度很好，很耐心", "大堂经理非常热情", "工作人员很专业"],
    effect: 1.5,
};
const PLAIN: &[&str] = &["服务不错，谢谢", "整体还可以", "挺方便的"];
const CLOSING: &[&str] = &["希望尽快改进", "请重视", "希望银行改进"];

/// A mainland mobile number that looks real (1, 3–9, nine digits).
fn phone(rng: &mut ChaCha8Rng) -> String {
    let mut s = format!("1{}", rng.random_range(3..=9));
    for _ in 0..9 {
        s.push(char::from(b'0' + rng.random_range(0..10u8)));
    }
    s
}

/// A 16-digit card number that passes the Luhn check, grouped in fours half the time.
fn card(rng: &mut ChaCha8Rng) -> String {
    let mut digits: Vec<u8> = vec![6, 2, 2, 2];
    digits.extend((0..11).map(|_| rng.random_range(0..10u8)));
    digits.push(luhn_check_digit(&digits));
    let plain: String = digits.iter().map(|&d| char::from(b'0' + d)).collect();
    if rng.random::<bool>() {
        plain
            .as_bytes()
            .chunks(4)
            .map(|c| std::str::from_utf8(c).expect("ASCII digits"))
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        plain
    }
}

/// The text of a comment of `kinds` (a plain remark when none), sometimes closed by a plea
/// and, for about 4 % of comments, a (fake) phone or card number.
fn write(rng: &mut ChaCha8Rng, kinds: &[&Kind]) -> String {
    let mut parts: Vec<String> = kinds
        .iter()
        .map(|k| k.fragments[rng.random_range(0..k.fragments.len())].to_string())
        .collect();
    if parts.is_empty() {
        parts.push(PLAIN[rng.random_range(0..PLAIN.len())].to_string());
    } else if rng.random::<f64>() < 0.3 {
        parts.push(CLOSING[rng.random_range(0..CLOSING.len())].to_string());
    }
    if rng.random::<f64>() < 0.04 {
        parts.push(if rng.random::<bool>() {
            format!("我的电话{}", phone(rng))
        } else {
            format!("卡号{}", card(rng))
        });
    }
    parts.join("，") + "。"
}

/// The demo bank's comments: about one per five customers over the two years.
pub(super) fn make_comments(rng: &mut ChaCha8Rng, c: &Customers, normal: &Normal<f64>) -> Comments {
    let n = (c.segment.len() / 5).clamp(200, 20_000);
    let mut out = Comments {
        customer: Vec::with_capacity(n),
        day: Vec::with_capacity(n),
        channel: Vec::with_capacity(n),
        source: Vec::with_capacity(n),
        text: Vec::with_capacity(n),
        score: Vec::with_capacity(n),
    };
    for _ in 0..n {
        let day = rng.random_range(0..730i64);
        let late = day >= 730 - DEMO_LAST_QUARTER_DAYS;
        let source = super::bank::pick(
            rng,
            &[("survey", 0.6), ("complaint", 0.2), ("app_review", 0.2)],
        );
        let channel = if source == "app_review" {
            "app"
        } else {
            super::bank::pick(rng, &[("app", 0.45), ("branch", 0.35), ("phone", 0.2)])
        };
        let (app, branch, phone) = (channel == "app", channel == "branch", channel == "phone");
        let chances: [(&Kind, f64); 10] = [
            (&FEES, if source == "complaint" { 0.4 } else { 0.18 }),
            (&WAITING, if branch { 0.4 } else { 0.03 }),
            (
                &CRASH,
                if app {
                    if late {
                        0.35
                    } else {
                        0.05
                    }
                } else {
                    0.0
                },
            ),
            (&LOGIN, if app { 0.08 } else { 0.0 }),
            (&CALLS, if phone { 0.3 } else { 0.0 }),
            (&TRANSFERS, 0.05),
            (&LOANS, 0.04),
            (&CARDS, 0.04),
            (&MARKETING, 0.03),
            (
                &STAFF,
                if branch {
                    0.2
                } else if phone {
                    0.1
                } else {
                    0.02
                },
            ),
        ];
        let kinds: Vec<&Kind> = chances
            .iter()
            .filter(|(_, p)| rng.random::<f64>() < *p)
            .map(|(k, _)| *k)
            .collect();
        let ltr = 8.0 + kinds.iter().map(|k| k.effect).sum::<f64>() + 1.2 * normal.sample(rng);
        out.customer
            .push(rng.random_range(0..c.segment.len()) as u32);
        out.day.push(START_DAY + day);
        out.channel.push(channel.to_string());
        out.source.push(source.to_string());
        out.text.push(write(rng, &kinds));
        out.score.push(if source == "survey" {
            ltr.round().clamp(0.0, 10.0)
        } else {
            f64::NAN
        });
    }
    out
}

/// A complaint's description by its category (an index into the demo bank's
/// [`CATEGORIES`](super::CATEGORIES): fees, app, loans, cards).
pub(super) fn complaint_text(rng: &mut ChaCha8Rng, category: u32) -> String {
    let kind = match category {
        0 => &FEES,
        1 => &CRASH,
        2 => &LOANS,
        _ => &CARDS,
    };
    write(rng, &[kind])
}
