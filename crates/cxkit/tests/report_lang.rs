//! The report in each language: the same numbers, the planted structure found in Chinese, no
//! English left in the Chinese page and no Chinese in the English one, a bank's own names kept.

use std::sync::OnceLock;

use cxkit::data::{demo_bank, BankData};
use cxkit::report::{bank_report, BankReport, Lang, ReportOptions};

fn bank() -> &'static BankData {
    static BANK: OnceLock<BankData> = OnceLock::new();
    BANK.get_or_init(|| demo_bank(42, 20_000).unwrap())
}

fn report(lang: Lang) -> BankReport {
    let options = ReportOptions {
        lang,
        ..ReportOptions::default()
    };
    bank_report(bank(), &options).unwrap()
}

/// The report's JSON without its text: what must not depend on the language.
fn numbers(r: &BankReport) -> serde_json::Value {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                m.remove("finding");
                m.remove("lang");
                m.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(r).unwrap();
    strip(&mut v);
    v
}

/// The visible text of a page: every text node outside <style> and outside the customers'
/// own words (`class="data"`: verbatims and keywords, in the language they were written in),
/// entities decoded enough.
fn text_nodes(html: &str) -> Vec<String> {
    let mut body = html[html.find("</style>").unwrap()..].to_string();
    for (open, close) in [
        ("<q class=\"data\">", "</q>"),
        ("<span class=\"data\">", "</span>"),
    ] {
        while let Some(a) = body.find(open) {
            let b = a + body[a..].find(close).unwrap() + close.len();
            body.replace_range(a..b, "");
        }
    }
    body.split('>')
        .filter_map(|part| part.split('<').next())
        .map(|t| {
            t.replace("&amp;", "&")
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .trim()
                .to_string()
        })
        .filter(|t| !t.is_empty())
        .collect()
}

fn han(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn both_languages_report_the_same_numbers() {
    let (en, zh) = (report(Lang::En), report(Lang::Zh));
    assert_eq!(numbers(&en), numbers(&zh));
    assert_eq!((en.lang, zh.lang), (Lang::En, Lang::Zh));
    let json: serde_json::Value = serde_json::from_str(&zh.to_json()).unwrap();
    assert_eq!(json["lang"], "zh");
    assert_eq!(json["confidence"], 0.95);
}

#[test]
fn the_chinese_report_states_the_planted_structure() {
    let r = report(Lang::Zh);
    let f = r.findings();
    assert_eq!(f.len(), 9);
    // Survey: NPS rose significantly from wave 1 to wave 2 (the English report says the same).
    assert!(
        f[0].starts_with("NPS 从第 1 轮的")
            && f[0].contains("上升至第 2 轮")
            && f[0].ends_with("变化显著）。"),
        "{}",
        f[0]
    );
    assert!(f[1].contains("（铂金层）"), "{}", f[1]);
    // KANO: the planted attractive and must-be features, by their Chinese names, and the one
    // migration with its path in category names (data::KANO_MIGRATION: A → O).
    assert!(
        f[3].starts_with("魅力属性：排队时间显示、私人理财顾问、消费分析；必备属性：ATM 免费取款、手机银行一键冻卡、生物识别安全登录。"),
        "{}",
        f[3]
    );
    assert!(
        f[3].ends_with("与第一轮相比类别发生变化的属性：实时动账通知（魅力 → 期望）。"),
        "{}",
        f[3]
    );
    assert!(
        f[4].starts_with("服务与期望差距最大的维度是可靠性"),
        "{}",
        f[4]
    );
    // The satisfaction chain's lever by its Chinese name (data::SATISFACTION_CHAIN), then the
    // value at risk.
    assert!(
        f[5].starts_with("感知质量对顾客忠诚的总效应最大") && f[5].contains("贬损者持有"),
        "{}",
        f[5]
    );
    assert!(f[6].starts_with("最严重的痛点是贷款申请"), "{}", f[6]);
    assert!(f[7].contains("电话渠道表现最差"), "{}", f[7]);
    // Comments: the costliest and the emerging topic by their Chinese names.
    assert!(
        f[8].starts_with("收费造成的 NPS 损失最大") && f[8].contains("闪退卡顿正在上升"),
        "{}",
        f[8]
    );
    for finding in f {
        assert!(!finding.contains('{'), "a placeholder left: {finding}");
    }
}

#[test]
fn the_chinese_page_has_no_english_and_the_english_page_no_chinese() {
    let zh = report(Lang::Zh).to_html();
    assert!(zh.contains("<html lang=\"zh-CN\">"));
    // Words that stay as they are in a Chinese report: the names of methods and measures, the
    // p of a p-value and the author the Better/Worse coefficients are cited by.
    let kept = [
        "SERVQUAL", "KANO", "Better", "Worse", "NPS", "CSAT", "CLV", "RFM", "JSON", "cxkit", "ATM",
        "p =", "p <", "Berger", "PLS", "R²",
    ];
    for t in text_nodes(&zh) {
        let mut rest = t.clone();
        // File names (the "Data read" part) are the schema's, in every language.
        for f in cxkit::data::BANK_FILES {
            rest = rest.replace(f, "");
        }
        for k in kept {
            rest = rest.replace(k, "");
        }
        // The p-value's exponent ("7.27e-11") is a number.
        let rest: String = rest
            .split(|c: char| c.is_whitespace() || "（）()：:，,".contains(c))
            .filter(|w| !w.starts_with(|c: char| c.is_ascii_digit() || c == '-'))
            .collect();
        assert!(
            !rest.chars().any(|c| c.is_ascii_alphabetic()),
            "English in the Chinese page: {t:?}"
        );
    }
    let en = report(Lang::En).to_html();
    assert!(en.contains("<html lang=\"en\">"));
    assert!(
        !text_nodes(&en).iter().any(|t| han(t)),
        "Chinese in the English page"
    );
    assert!(en.contains("instant payment notifications (O)"));
}

#[test]
fn a_banks_own_names_pass_through() {
    // Names the table does not know are shown as the data spell them, in either language.
    let mut own = bank().clone();
    own.segments = vec![
        "Jade Club".into(),
        "普通客户".into(),
        "Private Circle".into(),
    ];
    let r = bank_report(
        &own,
        &ReportOptions {
            lang: Lang::Zh,
            ..ReportOptions::default()
        },
    )
    .unwrap();
    let html = r.to_html();
    for name in [
        "NPS 第 2 轮，Jade Club",
        "NPS 第 2 轮，普通客户",
        "NPS 第 2 轮，Private Circle",
    ] {
        assert!(html.contains(name), "{name}");
    }
    assert_eq!(
        r.survey.unwrap().nps_by_segment[0].0,
        "Jade Club",
        "the data keep their names"
    );
}

#[test]
fn a_banks_own_names_that_spell_a_known_name_are_not_translated() {
    // Issue 19: a bank whose segments are "private" and "Other" saw 私人银行客户 (a demo
    // name) and 其他客户 (an RFM segment of the report's own) in its Chinese report. Only the
    // demo bank's names and the report's own are translated: the same data read from files
    // are the bank's, and keep their spelling.
    let dir = std::env::temp_dir().join(format!("cxkit-own-names-{}", std::process::id()));
    let mut own = bank().clone();
    own.segments = vec!["mass".into(), "Other".into(), "private".into()];
    own.write_csv(&dir).unwrap();
    let from_files = BankData::read_dir(&dir).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let options = ReportOptions {
        lang: Lang::Zh,
        ..ReportOptions::default()
    };
    let html = bank_report(&from_files, &options).unwrap().to_html();
    for name in [
        "NPS 第 2 轮，private",
        "NPS 第 2 轮，Other",
        "NPS 第 2 轮，mass",
    ] {
        assert!(html.contains(name), "{name}");
    }
    assert!(!html.contains("私人银行客户") && !html.contains("大众客户"));
    // The demo bank's own names are translated in a report on the demo bank.
    let demo = report(Lang::Zh).to_html();
    assert!(demo.contains("NPS 第 2 轮，私人银行客户"));
}

#[test]
fn a_section_not_computed_says_so_in_the_report_language() {
    let one = "wave,customer_id,ltr,csat,ces\n1,a,9,4,6\n";
    let bank = BankData::read_files([("survey.csv", one.as_bytes())]).unwrap();
    let options = ReportOptions {
        lang: Lang::Zh,
        ..ReportOptions::default()
    };
    let r = bank_report(&bank, &options).unwrap();
    assert_eq!(r.not_computed[0].0, "调查");
    assert!(r.not_computed_lines()[0].starts_with("未能计算：调查（a standard deviation"));
    assert!(r.to_html().contains("<h2>未能计算</h2>"));
}

#[test]
fn an_unknown_language_lists_the_supported_ones() {
    let e = "de".parse::<Lang>().unwrap_err();
    assert!(matches!(
        e,
        cxkit::Error::InvalidParameter { name: "lang", .. }
    ));
    assert_eq!(
        e.to_string(),
        "invalid lang: unknown language code \"de\"; supported: en (English), zh (Simplified Chinese)"
    );
}

#[test]
fn chart_titles_state_the_confidence_of_their_intervals() {
    for (confidence, en, zh) in [
        (0.9, "with 90 % intervals", "90% 置信区间"),
        (0.975, "with 97.5 % intervals", "97.5% 置信区间"),
    ] {
        for (lang, text) in [(Lang::En, en), (Lang::Zh, zh)] {
            let html = bank_report(bank(), &ReportOptions { confidence, lang })
                .unwrap()
                .to_html();
            assert!(html.contains(text), "{lang} {confidence}");
        }
    }
}

#[test]
fn the_data_read_part_is_in_the_report_language() {
    // Issue 18.6/18.7: the page ends with what the data were read from, in either language.
    let (en, zh) = (report(Lang::En), report(Lang::Zh));
    let (en_html, zh_html) = (en.to_html(), zh.to_html());
    assert!(en_html.contains(
        "<footer><h2>Data read</h2><p>Data: the built-in demo bank (seed 42, 20000 customers)"
    ));
    assert!(zh_html
        .contains("<footer><h2>读取的数据</h2><p>数据：内置的演示银行（种子 42，客户 20000 位）"));
    assert!(
        zh.data_lines()[1].starts_with("transactions.csv："),
        "{:?}",
        zh.data_lines()
    );
    // A bank's own files: one row per file, with the encoding.
    let survey = "wave,customer_id,ltr\n1,a,9\n1,b,7\n,,\n";
    let bank = BankData::read_files([("Survey.csv", survey.as_bytes())]).unwrap();
    let options = ReportOptions {
        lang: Lang::Zh,
        ..ReportOptions::default()
    };
    let r = bank_report(&bank, &options).unwrap();
    assert!(
        r.to_html().contains(
            "<tr><td>survey.csv（文件名为 Survey.csv）</td><td>UTF-8</td><td>2</td><td>1</td></tr>"
        ),
        "{}",
        r.to_html()
    );
    assert_eq!(
        r.data_lines(),
        ["已读取 survey.csv（文件名为 Survey.csv）：2 行（UTF-8），跳过空行 1 行。"]
    );
}
