//! A bank's own files (docs/data-schema.md): the demo bank written as CSV reads back as the
//! same data and gives the same report; any subset of the files is a report of what is
//! there; every malformed file is an error naming the file, the line and the column.

use std::path::PathBuf;

use cxkit::data::{demo_bank, BankData, BANK_FILES};
use cxkit::report::{bank_report, ReportOptions};
use cxkit::Error;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cxkit-files-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `codes[i]` decoded through `names` — the reader numbers names in order of appearance,
/// so tables are compared by name, not by code.
fn decode<T: Copy + Into<u64>>(codes: &[T], names: &[String]) -> Vec<String> {
    codes
        .iter()
        .map(|&c| names[c.into() as usize].clone())
        .collect()
}

#[test]
fn the_demo_bank_written_as_csv_reads_back_as_the_same_data_and_report() {
    let bank = demo_bank(7, 4_000);
    let dir = temp_dir("roundtrip");
    bank.write_csv(&dir).unwrap();
    let read = BankData::read_dir(&dir).unwrap();

    // Customer ids are the indices' text, in the same order, so every customer column matches.
    let ids = read.customer_ids.as_ref().unwrap();
    assert_eq!(ids.len(), 4_000);
    assert!(ids.iter().enumerate().all(|(i, id)| *id == i.to_string()));
    let (a, b) = (
        bank.customers.as_ref().unwrap(),
        read.customers.as_ref().unwrap(),
    );
    assert_eq!(
        decode(&a.segment, &bank.segments),
        decode(&b.segment, &read.segments)
    );
    assert_eq!(
        (&a.age, &a.income_band, &a.products),
        (&b.age, &b.income_band, &b.products)
    );
    assert_eq!(
        (&a.gender, &a.region, &a.channel, &a.balance),
        (&b.gender, &b.region, &b.channel, &b.balance)
    );
    assert_eq!(bank.transactions, read.transactions);
    assert_eq!(bank.survey, read.survey);
    assert_eq!(bank.servqual, read.servqual);
    assert_eq!(bank.kano, read.kano);
    assert_eq!(bank.events, read.events);
    let (a, b) = (
        bank.complaints.as_ref().unwrap(),
        read.complaints.as_ref().unwrap(),
    );
    assert_eq!(
        decode(&a.channel, &bank.channels),
        decode(&b.channel, &read.channels)
    );
    assert_eq!(
        decode(&a.category, &bank.categories),
        decode(&b.category, &read.categories)
    );
    assert_eq!(
        (
            &a.customer,
            &a.opened,
            &a.first_response,
            &a.resolved,
            &a.contacts,
            &a.reopened
        ),
        (
            &b.customer,
            &b.opened,
            &b.first_response,
            &b.resolved,
            &b.contacts,
            &b.reopened
        )
    );
    assert_eq!(
        a.satisfaction
            .iter()
            .map(|v| v.to_bits())
            .collect::<Vec<_>>(),
        b.satisfaction
            .iter()
            .map(|v| v.to_bits())
            .collect::<Vec<_>>()
    );
    assert_eq!(
        cxkit::journey::IndicatorTree::from_json(&bank.journey_tree).unwrap(),
        cxkit::journey::IndicatorTree::from_json(&read.journey_tree).unwrap()
    );

    // The same data gives the same numbers (rows named by segment or channel compared by name).
    let (mut x, mut y) = (
        bank_report(&bank, &ReportOptions::default()).unwrap(),
        bank_report(&read, &ReportOptions::default()).unwrap(),
    );
    for r in [&mut x, &mut y] {
        r.survey
            .as_mut()
            .unwrap()
            .nps_by_segment
            .sort_by(|a, b| a.0.cmp(&b.0));
        r.value
            .as_mut()
            .unwrap()
            .clv_by_segment
            .sort_by(|a, b| a.0.cmp(&b.0));
        let c = r.complaints.as_mut().unwrap();
        c.by_channel.sort_by(|a, b| a.0.cmp(&b.0));
        (c.metrics.by_channel, c.metrics.by_category) = (Vec::new(), Vec::new());
    }
    assert_eq!(x, y);
    // Written again, the files are the same bytes.
    let again = temp_dir("roundtrip-again");
    read.write_csv(&again).unwrap();
    for f in [
        "customers.csv",
        "transactions.csv",
        "servqual.csv",
        "journey_events.csv",
    ] {
        assert_eq!(
            std::fs::read(dir.join(f)).unwrap(),
            std::fs::read(again.join(f)).unwrap(),
            "{f}"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
    std::fs::remove_dir_all(&again).ok();
}

#[test]
fn any_subset_of_the_files_is_a_report_of_what_is_there() {
    // Survey only, with customer ids as text and three waves: the last is compared with the first.
    let survey = "wave,customer_id,ltr,csat,ces\n\
                  1,C-1,10,5,7\n1,C-2,6,3,4\n1,C-3,9,4,6\n1,C-4,3,2,2\n\
                  2,C-1,10,5,6\n2,C-2,9,4,5\n\
                  3,C-3,10,5,7\n3,C-4,9,4,6\n3,C-5,8,4,5\n";
    let bank = BankData::read_files([("survey.csv", survey.as_bytes())]).unwrap();
    let r = bank_report(&bank, &ReportOptions::default()).unwrap();
    let s = r.survey.as_ref().unwrap();
    assert_eq!(
        s.waves.iter().map(|w| w.wave).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    // Wave 1: promoters 10, 9 of 4, detractors 6, 3: NPS 0. Wave 3: 2 promoters of 3: 66.7.
    assert_eq!(s.waves[0].nps.score, 0.0);
    assert!((s.waves[2].nps.score - 200.0 / 3.0).abs() < 1e-9);
    assert!((s.nps_change.as_ref().unwrap().delta - 200.0 / 3.0).abs() < 1e-9);
    assert!(s.finding.contains("between waves 1 and 3"), "{}", s.finding);
    assert!(r.value.is_none() && r.kano.is_none() && r.journey.is_none() && r.complaints.is_none());
    assert_eq!(r.findings().len(), 1);

    // A survey that asked only for the recommendation: no CSAT or CES, written back alike.
    let nps_only = "wave,customer_id,ltr\n1,a,9\n1,b,3\n2,a,10\n2,b,8\n";
    let bank = BankData::read_files([("survey.csv", nps_only.as_bytes())]).unwrap();
    assert_eq!(
        (
            &bank.survey.as_ref().unwrap().csat,
            &bank.survey.as_ref().unwrap().ces
        ),
        (&None, &None)
    );
    let r = bank_report(&bank, &ReportOptions::default()).unwrap();
    let w = &r.survey.as_ref().unwrap().waves;
    assert_eq!((w[0].nps.score, w[1].nps.score), (0.0, 50.0));
    assert!(w[1].csat.is_none() && w[1].ces.is_none());
    let dir = temp_dir("nps-only");
    bank.write_csv(&dir).unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.join("survey.csv")).unwrap(),
        nps_only
    );
    std::fs::remove_dir_all(&dir).ok();

    // One wave: no change to test, and the finding says so.
    let one = "wave,customer_id,ltr,csat,ces\n1,a,9,4,6\n1,b,7,3,5\n";
    let r = bank_report(
        &BankData::read_files([("survey.csv", one.as_bytes())]).unwrap(),
        &ReportOptions::default(),
    )
    .unwrap();
    assert!(r.survey.as_ref().unwrap().nps_change.is_none());
    assert!(
        r.findings()[0].contains("one survey wave (2 respondents)"),
        "{:?}",
        r.findings()
    );
    // One respondent: CES has no standard deviation, so the section is not computed, with
    // the reason, and the report is still written.
    let lonely = "wave,customer_id,ltr,csat,ces\n1,a,9,4,6\n";
    let r = bank_report(
        &BankData::read_files([("survey.csv", lonely.as_bytes())]).unwrap(),
        &ReportOptions::default(),
    )
    .unwrap();
    assert!(r.survey.is_none() && r.findings().is_empty());
    assert_eq!(
        r.not_computed,
        [(
            "survey".to_string(),
            "a standard deviation needs an effective sample size above 1, got 1".to_string()
        )]
    );
    assert!(r
        .to_html()
        .contains("<li>survey: a standard deviation needs"));

    // A SERVQUAL file of any items and dimensions, with unanswered cells.
    let servqual = "respondent_id,item,dimension,perception,expectation\n\
                    r1,1,speed,4,6\nr1,2,speed,5,6\nr1,3,care,6,6\n\
                    r2,1,speed,3,7\nr2,2,speed,,7\nr2,3,care,7,6\n\
                    r3,1,speed,4,7\nr3,2,speed,4,6\nr3,3,care,6,6\n";
    let bank = BankData::read_files([("servqual.csv", servqual.as_bytes())]).unwrap();
    let q = bank.servqual.as_ref().unwrap();
    assert_eq!(q.dimensions.names, ["speed", "care"]);
    assert_eq!(q.dimensions.of_item, [0, 0, 1]);
    assert!(q.perceptions[4].is_nan());
    let r = bank_report(&bank, &ReportOptions::default()).unwrap();
    let dims = &r.servqual.as_ref().unwrap().dimensions;
    // A respondent's dimension gap is the mean of the item gaps they answered: speed
    // r1 (−2 − 1)/2, r2 −4 (item 2 unanswered), r3 (−3 − 2)/2, mean −8/3; care 0, +1, 0: 1/3.
    assert!(
        (dims[0].1 + 8.0 / 3.0).abs() < 1e-12 && (dims[1].1 - 1.0 / 3.0).abs() < 1e-12,
        "{dims:?}"
    );
    assert!(r.findings()[0].contains("speed"));
}

fn read_error(file: &str, text: &str) -> Error {
    let mut files = vec![(file, text.as_bytes())];
    if file == "journey_events.csv" {
        files.push(("journey_tree.json", cxkit::data::DEMO_TREE.as_bytes()));
    }
    BankData::read_files(files).unwrap_err()
}

#[test]
fn malformed_files_name_the_file_line_column_and_what_was_expected() {
    let survey = "wave,customer_id,ltr,csat,ces\n";
    let complaints = "customer_id,channel,category,opened,first_response,resolved,contacts,reopened,satisfaction\n";
    let events = "touchpoint,indicator,timestamp,value\n";
    let cases: [(&str, String, u64, Option<&str>, &str); 14] = [
        ("survey.csv", format!("{survey}1,a,9,4,6\n1,b,x,4,6\n"), 3, Some("ltr"), "an integer from 0 to 10, found \"x\""),
        ("survey.csv", format!("{survey}1,a,9,6,6\n"), 2, Some("csat"), "an integer from 1 to 5, found \"6\""),
        ("survey.csv", format!("{survey}1,,9,4,6\n"), 2, Some("customer_id"), "a value, found \"\""),
        ("survey.csv", "wave,customer,ltr,csat,ces\n1,a,9,4,6\n".into(), 1, Some("customer_id"), "a column named `customer_id` (or 客户编号, 客户号, 客户ID) in the header (it has: wave, customer, ltr, csat, ces)"),
        ("survey.csv", survey.into(), 2, None, "at least one row of data"),
        ("survey.csv", format!("{survey}1,a,9,4\n"), 2, None, "5 fields like the header, found 4"),
        ("transactions.csv", "customer_id,date,amount\n7,2024-02-30,10\n".into(), 2, Some("date"), "a date YYYY-MM-DD, found \"2024-02-30\""),
        ("transactions.csv", "customer_id,date,amount\n7,2024-02-03,NaN\n".into(), 2, Some("amount"), "a finite number, found \"NaN\""),
        ("customers.csv", "customer_id,segment,age,gender,income_band,occupation,region,channel,products,balance\n1,mass,30,F,2,x,y,app,1,5\n1,mass,31,M,2,x,y,app,1,5\n".into(), 3, Some("customer_id"), "a customer id not listed before, found \"1\""),
        ("complaints.csv", format!("{complaints}a,phone,fees,2025-03-04 09:30,yesterday,,1,0,\n"), 2, Some("first_response"), "a time YYYY-MM-DDTHH:MM:SS (optionally with Z or an offset ±HH:MM), found \"yesterday\""),
        ("complaints.csv", format!("{complaints}a,phone,fees,2025-03-04,,,1,maybe,\n"), 2, Some("reopened"), "1 or 0 (true or false), found \"maybe\""),
        ("journey_events.csv", format!("{events}app_login,loan_csat,2025-01-01,1\n"), 2, Some("indicator"), "an indicator of touchpoint `app_login` in the indicator tree, found \"loan_csat\""),
        ("journey_events.csv", format!("{events}atm,login_success,2025-01-01,1\n"), 2, Some("touchpoint"), "a touchpoint of the indicator tree, found \"atm\""),
        ("servqual.csv", "respondent_id,item,dimension,perception,expectation\nr,1,a,4,5\nr,2,b,4,5\nq,2,a,4,5\n".into(), 4, Some("dimension"), "dimension `b` for item 2 as on earlier rows, found \"a\""),
    ];
    for (file, text, line, column, expected) in cases {
        let err = read_error(file, &text);
        assert_eq!(
            err,
            Error::DataFile {
                file: file.into(),
                line,
                column: column.map(String::from),
                expected: expected.into()
            },
            "{file}: {text}"
        );
    }
    // The message reads as one sentence with every part.
    let err = read_error("survey.csv", &format!("{survey}1,a,9,6,6\n"));
    assert_eq!(
        err.to_string(),
        "survey.csv, line 2, column `csat`: expected an integer from 1 to 5, found \"6\""
    );
    // A line count that follows quoted newlines: the bad row starts on line 4.
    let err = read_error(
        "survey.csv",
        &format!("{survey}1,\"a\nb\",9,4,6\n1,c,99,4,6\n"),
    );
    assert!(matches!(err, Error::DataFile { line: 4, .. }), "{err}");
    // Invalid UTF-8, a journey without its tree, a KANO respondent who skipped a feature, an
    // unknown file name, an empty directory.
    let bytes: &[u8] = b"wave,customer_id,ltr,csat,ces\n1,\xff,9,4,6\n";
    let err = BankData::read_files([("survey.csv", bytes)]).unwrap_err();
    assert_eq!(err.to_string(), "survey.csv, line 2: expected UTF-8 text");
    let err = BankData::read_files([("journey_events.csv", events.as_bytes())]).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("journey_tree.json: expected the indicator tree"),
        "{err}"
    );
    let kano =
        "respondent_id,feature,functional,dysfunctional\nr1,chat,1,5\nr1,queue,1,3\nr2,chat,2,5\n";
    let err = BankData::read_files([("kano.csv", kano.as_bytes())]).unwrap_err();
    assert!(
        err.to_string()
            .ends_with("respondent `r2` has none for `queue`"),
        "{err}"
    );
    // "NaN" is a missing value where a column may be empty, an error elsewhere (see above).
    let ok = format!("{complaints}a,phone,fees,2025-03-04,,,1,true,NaN\n");
    let bank = BankData::read_files([("complaints.csv", ok.as_bytes())]).unwrap();
    let c = bank.complaints.unwrap();
    assert!(c.satisfaction[0].is_nan() && c.reopened[0]);
    let err = BankData::read_files([("survey.xlsx", "".as_bytes())]).unwrap_err();
    assert!(matches!(&err, Error::DataFile { file, line: 0, .. } if file == "survey.xlsx"));
    let empty = temp_dir("empty");
    let err = BankData::read_dir(&empty).unwrap_err();
    assert!(
        err.to_string()
            .contains("expected at least one of customers.csv"),
        "{err}"
    );
    let err = BankData::read_dir(&empty.join("nowhere")).unwrap_err();
    assert!(
        err.to_string()
            .ends_with("expected a directory of data files"),
        "{err}"
    );
    std::fs::remove_dir_all(&empty).ok();
}

/// The CSV file at `path` with every header name replaced by its first Chinese alias, a
/// UTF-8 byte-order mark first (as spreadsheets export), and each cell passed through `cell`
/// (column name, text).
fn in_chinese(path: &std::path::Path, cell: impl Fn(&str, &str) -> String) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let alias = |h: &str| {
        cxkit::data::HEADER_ALIASES
            .iter()
            .find(|(name, _)| *name == h)
            .map_or(h.to_string(), |(_, a)| a[0].to_string())
    };
    let mut out = String::from("\u{feff}");
    out += &header
        .iter()
        .map(|h| alias(h))
        .collect::<Vec<_>>()
        .join(",");
    out.push('\n');
    for line in lines {
        let cells: Vec<String> = line
            .split(',')
            .zip(&header)
            .map(|(c, h)| cell(h, c))
            .collect();
        out += &cells.join(",");
        out.push('\n');
    }
    std::fs::write(path, out).unwrap();
}

#[test]
fn chinese_headers_and_kano_labels_read_as_the_english_files() {
    let bank = demo_bank(3, 1_000);
    let dir = temp_dir("chinese");
    bank.write_csv(&dir).unwrap();
    let english = BankData::read_dir(&dir).unwrap();
    // Functional answers as the Chinese questionnaire's labels, dysfunctional ones as English
    // labels: languages may mix within one file and one question.
    let zh = ["我很喜欢", "理所当然", "无所谓", "能忍受", "我很不喜欢"];
    let en = ["like", "must-be", "neutral", "live with", "dislike"];
    for file in BANK_FILES.iter().filter(|f| f.ends_with(".csv")) {
        let path = dir.join(file);
        if path.exists() {
            in_chinese(&path, |column, text| match column {
                "functional" => zh[text.parse::<usize>().unwrap() - 1].to_string(),
                "dysfunctional" => en[text.parse::<usize>().unwrap() - 1].to_string(),
                _ => text.to_string(),
            });
        }
    }
    let header = std::fs::read_to_string(dir.join("transactions.csv")).unwrap();
    assert!(
        header.starts_with("\u{feff}客户编号,交易日期,金额"),
        "{header}"
    );
    let chinese = BankData::read_dir(&dir).unwrap();
    // Compared as printed, table by table (so a difference names its table, and the
    // complaints' missing satisfaction scores, NaN, compare equal).
    let tables = |b: &BankData| {
        [
            format!("{:?}", b.customers),
            format!("{:?}", b.transactions),
            format!("{:?}", b.survey),
            format!("{:?}", b.servqual),
            format!("{:?}", b.kano),
            format!("{:?}", b.events),
            format!("{:?}", b.complaints),
            format!("{:?}", b),
        ]
    };
    let names = [
        "customers",
        "transactions",
        "survey",
        "servqual",
        "kano",
        "events",
        "complaints",
        "all",
    ];
    for ((a, b), name) in tables(&chinese).iter().zip(tables(&english)).zip(names) {
        assert!(*a == b, "{name} differ");
    }

    // An unknown label is an error that names it.
    let kano = dir.join("kano.csv");
    let text = std::fs::read_to_string(&kano)
        .unwrap()
        .replacen("我很喜欢", "还行吧", 1);
    std::fs::write(&kano, text).unwrap();
    let Err(Error::DataFile {
        file,
        column,
        expected,
        ..
    }) = BankData::read_dir(&dir)
    else {
        panic!("an unknown label must be an error");
    };
    assert_eq!(
        (file.as_str(), column.as_deref()),
        ("kano.csv", Some("functional"))
    );
    assert!(expected.contains("found \"还行吧\""), "{expected}");
}

#[test]
fn the_schema_lists_every_chinese_header() {
    let schema = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/data-schema.md"),
    )
    .unwrap();
    for (name, aliases) in cxkit::data::HEADER_ALIASES {
        let row = format!("| `{name}` | {} |", aliases.join(", "));
        assert!(
            schema.contains(&row),
            "docs/data-schema.md lacks the row {row}"
        );
    }
}
