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
    let bank = demo_bank(7, 4_000).unwrap();
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
    // The satisfaction questionnaire: same customers, items and model; the blank answers
    // (NaN) stay blank.
    let (q, r) = (
        bank.satisfaction.as_ref().unwrap(),
        read.satisfaction.as_ref().unwrap(),
    );
    assert_eq!(
        (&q.customer, &q.items, &q.model),
        (&r.customer, &r.items, &r.model)
    );
    let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&q.answers), bits(&r.answers));
    assert!(q.answers.iter().any(|a| a.is_nan()));
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
    assert_eq!(a.text, b.text);
    let (c, d) = (
        bank.comments.as_ref().unwrap(),
        read.comments.as_ref().unwrap(),
    );
    assert_eq!(
        (&c.customer, &c.day, &c.channel, &c.source, &c.text),
        (&d.customer, &d.day, &d.channel, &d.source, &d.text)
    );
    assert_eq!(bits(&c.score), bits(&d.score));
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
        c.by_channel.sort_by(|a, b| a.channel.cmp(&b.channel));
        (c.metrics.by_channel, c.metrics.by_category) = (Vec::new(), Vec::new());
        (c.channels, c.categories) = (Vec::new(), Vec::new());
    }
    // The one difference: what the data were read from.
    assert_eq!(
        x.files.origin,
        cxkit::data::Origin::Demo {
            seed: 7,
            customers: 4_000
        }
    );
    assert_eq!(y.files.origin, cxkit::data::Origin::Files);
    assert_eq!(y.files.read.len(), 11);
    y.files = x.files.clone();
    assert_eq!(x, y);
    // Written again, the files are the same bytes.
    let again = temp_dir("roundtrip-again");
    read.write_csv(&again).unwrap();
    for f in [
        "customers.csv",
        "transactions.csv",
        "servqual.csv",
        "satisfaction.csv",
        "satisfaction_model.json",
        "journey_events.csv",
        "comments.csv",
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
    let cases: [(&str, String, u64, Option<&str>, &str); 17] = [
        ("survey.csv", format!("{survey}1,a,9,4,6\n1,b,x,4,6\n"), 3, Some("ltr"), "an integer from 0 to 10, found \"x\""),
        ("survey.csv", format!("{survey}1,a,9,6,6\n"), 2, Some("csat"), "an integer from 1 to 5, found \"6\""),
        // Issue 19: three copies of one answer counted three respondents (NPS 50 instead of 0).
        ("survey.csv", format!("{survey}1,a,9,4,6\n1,b,0,4,6\n1,a,9,4,6\n1,a,9,4,6\n"), 4, Some("customer_id"), "each customer once per wave: customer `a` answered wave 1 on line 2 already, found \"a\""),
        ("survey.csv", format!("{survey}1,,9,4,6\n"), 2, Some("customer_id"), "a value, found \"\""),
        ("survey.csv", "wave,customer,ltr,csat,ces\n1,a,9,4,6\n".into(), 1, Some("customer_id"), "a column named `customer_id` (or 客户编号, 客户号, 客户ID) in the header (it has: wave, customer, ltr, csat, ces)"),
        ("survey.csv", survey.into(), 2, None, "at least one row of data"),
        ("survey.csv", format!("{survey}1,a,9,4\n"), 2, None, "5 fields like the header, found 4"),
        ("transactions.csv", "customer_id,date,amount\n7,2024-02-30,10\n".into(), 2, Some("date"), "a date YYYY-MM-DD (optionally followed by a time THH:MM[:SS], with Z or an offset ±HH:MM), found \"2024-02-30\""),
        ("transactions.csv", "customer_id,date,amount\n7,2024-02-03,NaN\n".into(), 2, Some("amount"), "a finite number, found \"NaN\""),
        // Issue 19: a placeholder date stretched the journey heat map over 24,300 months.
        ("transactions.csv", "customer_id,date,amount\n7,0001-01-01,10\n".into(), 2, Some("date"), "a date from 1900-01-01 to 2099-12-31 (0001-01-01 or 9999-12-31 usually stand for a missing date: leave the cell empty where the column may be empty), found \"0001-01-01\""),
        ("journey_events.csv", format!("{events}app_login,login_success,9999-12-31T00:00:00Z,1\n"), 2, Some("timestamp"), "a date from 1900-01-01 to 2099-12-31 (0001-01-01 or 9999-12-31 usually stand for a missing date: leave the cell empty where the column may be empty), found \"9999-12-31T00:00:00Z\""),
        ("customers.csv", "customer_id,segment,age,gender,income_band,occupation,region,channel,products,balance\n1,mass,30,F,2,x,y,app,1,5\n1,mass,31,M,2,x,y,app,1,5\n".into(), 3, Some("customer_id"), "a customer id not listed before, found \"1\""),
        ("complaints.csv", format!("{complaints}a,phone,fees,2025-03-04 09:30,yesterday,,1,0,\n"), 2, Some("first_response"), "a time YYYY-MM-DDTHH:MM:SS (optionally with Z or an offset ±HH:MM), found \"yesterday\""),
        ("complaints.csv", format!("{complaints}a,phone,fees,2025-03-04,,,1,maybe,\n"), 2, Some("reopened"), "yes or no: 1 or 0, true or false, yes or no, 是 or 否, found \"maybe\""),
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
    assert_eq!(
        err.to_string(),
        "survey.csv, line 2: expected text in UTF-8 (or GBK/GB18030, as Excel saves CSV on \
         Chinese Windows), found the bytes 0xFF, which are neither; save the file as UTF-8 (in \
         Excel: Save As → CSV UTF-8)"
    );
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
    let bank = demo_bank(3, 1_000).unwrap();
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

/// The line an error names, for `text` read as `file`.
fn error_line(file: &str, text: &str) -> u64 {
    match read_error(file, text) {
        Error::DataFile { line, .. } => line,
        other => panic!("{other}"),
    }
}

#[test]
fn line_numbers_are_right_for_lf_crlf_and_quoted_newlines() {
    // Issue 18.1: the bad value is on line 3 (the header is line 1) with every line ending.
    let rows = [
        "wave,customer_id,ltr,csat,ces",
        "1,a,9,4,6",
        "1,b,99,4,6",
        "1,c,9,4,6",
    ];
    for ending in ["\n", "\r\n"] {
        let text = rows.join(ending) + ending;
        assert_eq!(error_line("survey.csv", &text), 3, "{ending:?}");
    }
    // A quoted cell spanning two lines (LF and CRLF inside and outside the quotes): the bad
    // row after it starts on line 4.
    for (inside, ending) in [("\n", "\n"), ("\r\n", "\r\n"), ("\n", "\r\n")] {
        let text = format!(
            "wave,customer_id,ltr,csat,ces{ending}1,\"a{inside}b\",9,4,6{ending}1,c,99,4,6{ending}"
        );
        assert_eq!(error_line("survey.csv", &text), 4, "{inside:?} {ending:?}");
    }
    // A bad row directly after the header, and one after skipped empty rows.
    let text = "wave,customer_id,ltr,csat,ces\r\n1,a,x,4,6\r\n";
    assert_eq!(error_line("survey.csv", text), 2);
    let text = "wave,customer_id,ltr,csat,ces\r\n,,,,\r\n\r\n1,a,x,4,6\r\n";
    assert_eq!(error_line("survey.csv", text), 4);
}

#[test]
fn rows_whose_every_cell_is_empty_are_skipped_and_counted() {
    // Issue 18.3: Excel leaves `,,,,` rows (and blank lines) after the data.
    // Five empty rows: two of commas, one of blanks, two blank lines (LF and CRLF alike).
    let rows = [
        "wave,customer_id,ltr,csat,ces",
        "1,a,9,4,6",
        ",,,,",
        "",
        "1,b,3,2,2",
        ",,,,",
        " , ,,,",
        "",
    ];
    for ending in ["\n", "\r\n"] {
        let text = rows.join(ending) + ending;
        let bank = BankData::read_files([("survey.csv", text.as_bytes())]).unwrap();
        assert_eq!(bank.survey.as_ref().unwrap().ltr, [9, 3]);
        let f = &bank.files[0];
        assert_eq!(
            (f.name.as_str(), f.rows, f.empty_rows),
            ("survey.csv", Some(2), 5),
            "{ending:?}"
        );
        // And the line numbers after them are still right.
        let bad = text.replace("1,b,3", "1,b,33");
        assert_eq!(error_line("survey.csv", &bad), 5, "{ending:?}");
    }
    // A row with some cells is still checked: a missing value is an error.
    let text = "wave,customer_id,ltr,csat,ces\n1,a,9,4,6\n,,,4,\n";
    assert_eq!(error_line("survey.csv", text), 3);
    // Only empty rows: no data.
    let err = read_error("survey.csv", "wave,customer_id,ltr,csat,ces\n,,,,\n");
    assert!(
        err.to_string().contains("at least one row of data"),
        "{err}"
    );
}

#[test]
fn header_names_and_aliases_match_in_any_ascii_case_and_once() {
    // Issue 18.4: 客户ID (the documented alias with upper-case ASCII) is accepted as written
    // and in other cases; English names in any case.
    for id in [
        "客户ID",
        "客户id",
        "客户Id",
        " 客户ID ",
        "CUSTOMER_ID",
        "Customer_Id",
    ] {
        let text = format!("wave,{id},LTR,Csat,ces\n1,a,9,4,6\n");
        let bank = BankData::read_files([("survey.csv", text.as_bytes())])
            .unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(bank.customer_ids.unwrap(), ["a"], "{id}");
    }
    // A column named twice, also after trimming and case folding, or by its name and an
    // alias: an error naming the column and both positions.
    for (header, first, second) in [
        ("wave,customer_id,ltr,ltr,csat,ces", "ltr", "ltr"),
        ("wave,customer_id,ltr,csat,ces, LTR ", "ltr", "LTR"),
        ("wave,customer_id,推荐意愿,csat,ces,ltr", "推荐意愿", "ltr"),
    ] {
        let columns = header.split(',').count();
        let text = format!("{header}\n1,a,9,4,6{}\n", ",9".repeat(columns - 5));
        let err = read_error("survey.csv", &text);
        let Error::DataFile {
            file,
            line,
            column,
            expected,
        } = &err
        else {
            panic!("{err}")
        };
        assert_eq!(
            (file.as_str(), *line, column.as_deref()),
            ("survey.csv", 1, Some("ltr"))
        );
        // Positions count from 1, as a spreadsheet's columns.
        let cells: Vec<&str> = header.split(',').map(str::trim).collect();
        let a = cells.iter().position(|h| *h == first).unwrap() + 1;
        let b = cells.iter().rposition(|h| *h == second).unwrap() + 1;
        assert!(
            expected.contains(&format!("{first:?} (column {a})"))
                && expected.contains(&format!("{second:?} (column {b})")),
            "{expected}"
        );
    }
    // A repeated column the reader does not use is no matter.
    let text = "wave,customer_id,ltr,csat,ces,note,note\n1,a,9,4,6,x,y\n";
    BankData::read_files([("survey.csv", text.as_bytes())]).unwrap();
}

#[test]
fn a_date_column_holds_a_date_and_at_most_a_valid_time() {
    // Issue 18.5: text or an impossible time after the date is an error.
    for bad in [
        "2024-01-05 hello",
        "2024-01-09T99:99",
        "2024-01-05T",
        "2024-01-05x",
        "2024-01-05 10:00 x",
    ] {
        let text = format!("customer_id,date,amount\n7,{bad},10\n");
        let err = read_error("transactions.csv", &text);
        assert!(
            matches!(&err, Error::DataFile { line: 2, column: Some(c), .. } if c == "date"),
            "{bad}: {err}"
        );
    }
    for (good, day) in [
        ("2024-01-05", 19_727),
        ("2024-01-05 13:45", 19_727),
        ("2024-01-05T13:45:10Z", 19_727),
        ("2024-01-05T23:30:00-05:00", 19_727), // the date as written
    ] {
        let text = format!("customer_id,date,amount\n7,{good},10\n");
        let bank = BankData::read_files([("transactions.csv", text.as_bytes())])
            .unwrap_or_else(|e| panic!("{good}: {e}"));
        assert_eq!(bank.transactions.unwrap().day, [day], "{good}");
    }
}

#[test]
fn files_saved_in_gbk_read_as_gb18030_and_say_so() {
    // Issue 18.2: Excel on Chinese Windows saves "CSV" in GBK. The demo bank with Chinese
    // headers, saved so, reads as the UTF-8 files do, and the file list says GB18030.
    let bank = demo_bank(3, 1_000).unwrap();
    let dir = temp_dir("gbk");
    bank.write_csv(&dir).unwrap();
    let utf8 = BankData::read_dir(&dir).unwrap();
    for file in ["customers.csv", "transactions.csv", "survey.csv"] {
        let path = dir.join(file);
        in_chinese(&path, |_, text| text.to_string());
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text.trim_start_matches('\u{feff}');
        let (gbk, _, unmappable) = encoding_rs::GBK.encode(text);
        assert!(!unmappable);
        assert!(
            std::str::from_utf8(&gbk).is_err(),
            "{file} must not be UTF-8 any more"
        );
        std::fs::write(&path, gbk).unwrap();
    }
    let gbk = BankData::read_dir(&dir).unwrap();
    assert_eq!(
        (&gbk.customers, &gbk.transactions, &gbk.survey),
        (&utf8.customers, &utf8.transactions, &utf8.survey)
    );
    let encodings: Vec<(&str, cxkit::data::Encoding)> = gbk
        .files
        .iter()
        .map(|f| (f.name.as_str(), f.encoding))
        .collect();
    use cxkit::data::Encoding::{Gb18030, Utf8};
    assert_eq!(
        &encodings[..4],
        [
            ("customers.csv", Gb18030),
            ("transactions.csv", Gb18030),
            ("survey.csv", Gb18030),
            ("servqual.csv", Utf8)
        ]
    );
    // Bytes that are neither: the line and the way out.
    let mut bytes = std::fs::read(dir.join("survey.csv")).unwrap();
    let third = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(1)
        .unwrap()
        .0;
    bytes.insert(third + 1, 0xFF);
    std::fs::write(dir.join("survey.csv"), bytes).unwrap();
    let err = BankData::read_dir(&dir).unwrap_err();
    let Error::DataFile {
        file,
        line,
        expected,
        ..
    } = &err
    else {
        panic!("{err}")
    };
    assert_eq!((file.as_str(), *line), ("survey.csv", 3));
    assert!(
        expected.contains("0xFF") && expected.ends_with("(in Excel: Save As → CSV UTF-8)"),
        "{expected}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn misnamed_files_are_read_refused_or_listed_as_ignored() {
    // Issue 18.6.
    let survey = "wave,customer_id,ltr,csat,ces\n1,a,9,4,6\n1,b,3,2,2\n";
    // Another letter case reads as the file.
    for name in ["Survey.csv", "survey.CSV", "SURVEY.CSV"] {
        let dir = temp_dir("case");
        std::fs::write(dir.join(name), survey).unwrap();
        let bank = BankData::read_dir(&dir).unwrap();
        assert_eq!(bank.survey.unwrap().ltr, [9, 3], "{name}");
        assert_eq!(
            (bank.files[0].name.as_str(), bank.files[0].source.as_str()),
            ("survey.csv", name)
        );
        std::fs::remove_dir_all(&dir).ok();
    }
    // Close names are refused, naming the expected one, even beside the real file.
    for (name, expected) in [
        ("survey (1).csv", "survey.csv"),
        ("surveys.csv", "survey.csv"),
        ("customer.csv", "customers.csv"),
        ("Survey - Copy.csv", "survey.csv"),
    ] {
        let dir = temp_dir("close");
        std::fs::write(dir.join("survey.csv"), survey).unwrap();
        std::fs::write(dir.join(name), survey).unwrap();
        let err = BankData::read_dir(&dir).unwrap_err();
        let Error::DataFile {
            file,
            line: 0,
            expected: why,
            ..
        } = &err
        else {
            panic!("{err}")
        };
        assert_eq!(file, name);
        assert!(why.starts_with(&format!("the name {expected}:")), "{why}");
        std::fs::remove_dir_all(&dir).ok();
    }
    // Two files that are one data file.
    let dir = temp_dir("twice");
    std::fs::write(dir.join("survey.csv"), survey).unwrap();
    std::fs::write(dir.join("Survey.csv"), survey).unwrap();
    let err = BankData::read_dir(&dir).unwrap_err();
    assert!(
        err.to_string().contains(
            "one file named survey.csv (in any letter case), found Survey.csv and survey.csv"
        ),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
    // Other files are listed with the reason; a workbook alone is refused.
    let dir = temp_dir("ignored");
    std::fs::write(dir.join("survey.csv"), survey).unwrap();
    for other in [".DS_Store", "notes.txt", "~$survey.csv", "survey.xlsx"] {
        std::fs::write(dir.join(other), "x").unwrap();
    }
    std::fs::create_dir_all(dir.join("archive")).unwrap();
    let bank = BankData::read_dir(&dir).unwrap();
    use cxkit::data::{IgnoreReason, IgnoredFile};
    let ignored = |file: &str, reason: IgnoreReason| IgnoredFile {
        file: file.into(),
        reason,
    };
    assert_eq!(
        bank.ignored,
        [
            ignored(".DS_Store", IgnoreReason::Hidden),
            ignored("archive", IgnoreReason::Folder),
            ignored("notes.txt", IgnoreReason::NotDataFile),
            ignored(
                "survey.xlsx",
                IgnoreReason::OtherFormat {
                    of: "survey.csv".into()
                }
            ),
            ignored("~$survey.csv", IgnoreReason::Hidden),
        ]
    );
    std::fs::remove_file(dir.join("survey.csv")).unwrap();
    std::fs::write(
        dir.join("kano.csv"),
        "respondent_id,feature,functional,dysfunctional\nr,f,1,5\n",
    )
    .unwrap();
    let err = BankData::read_dir(&dir).unwrap_err();
    assert!(
        err.to_string().starts_with(
            "survey.xlsx: expected survey.csv: the data are read from survey.csv only"
        ),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
    // Named inputs take any letter case too, once.
    let err = BankData::read_files([
        ("survey.csv", survey.as_bytes()),
        ("SURVEY.csv", survey.as_bytes()),
    ])
    .unwrap_err();
    assert!(
        err.to_string().contains("found survey.csv and SURVEY.csv"),
        "{err}"
    );
}

#[test]
fn survey_respondents_keep_their_ids() {
    // Issue 18.9: SERVQUAL and KANO respondents keep the ids of the file, in first-appearance
    // order; the demo bank's are customer ids of its customer table.
    let servqual = "respondent_id,item,dimension,perception,expectation\n\
                    C-9,1,speed,4,6\nC-2,1,speed,5,6\nC-9,2,care,6,6\nC-2,2,care,7,6\n";
    let kano = "respondent_id,feature,functional,dysfunctional\nK7,chat,1,5\nK3,chat,2,5\n";
    let bank = BankData::read_files([
        ("servqual.csv", servqual.as_bytes()),
        ("kano.csv", kano.as_bytes()),
    ])
    .unwrap();
    assert_eq!(
        bank.servqual.as_ref().unwrap().respondent_ids,
        ["C-9", "C-2"]
    );
    assert_eq!(bank.kano.as_ref().unwrap().respondent_ids, ["K7", "K3"]);
    let demo = demo_bank(1, 2_000).unwrap();
    let (q, k) = (demo.servqual.as_ref().unwrap(), demo.kano.as_ref().unwrap());
    assert_eq!(
        (q.respondent_ids.len(), k.respondent_ids.len()),
        (q.respondents, k.respondents)
    );
    for id in q.respondent_ids.iter().chain(&k.respondent_ids) {
        assert!(id.parse::<usize>().unwrap() < 2_000, "{id} is a customer");
    }
    let distinct: std::collections::HashSet<&String> = q.respondent_ids.iter().collect();
    assert_eq!(distinct.len(), q.respondents);
}

/// Rewrites the customer_id column of `file` in `dir` with `id` (the demo bank's files have
/// no quoted cells).
fn edit_ids(dir: &std::path::Path, file: &str, id: impl Fn(&str) -> String) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let k = header.split(',').position(|h| h == "customer_id").unwrap();
    let mut out = format!("{header}\n");
    for line in lines {
        let mut cells: Vec<String> = line.split(',').map(String::from).collect();
        cells[k] = id(&cells[k]);
        out += &cells.join(",");
        out.push('\n');
    }
    std::fs::write(path, out).unwrap();
}

#[test]
fn joins_across_files_are_stated_and_too_few_matches_hold_sections_back() {
    // Issue 18.7: customers.csv writes ids with leading zeros, transactions.csv as a
    // spreadsheet left them (zeros dropped), survey.csv as floats ("7.0").
    let bank = demo_bank(5, 2_000).unwrap();
    let dir = temp_dir("joins");
    bank.write_csv(&dir).unwrap();
    let padded = |id: &str| format!("{:07}", id.parse::<u32>().unwrap());
    for file in ["customers.csv", "complaints.csv"] {
        edit_ids(&dir, file, padded);
    }
    let read = BankData::read_dir(&dir).unwrap();
    let m = read.id_matches();
    let find = |file: &str| m.iter().find(|j| j.file == file).unwrap();
    let tx = find("transactions.csv");
    assert_eq!(tx.matched, 0);
    assert!(tx.distinct > 1_000 && !tx.holds(), "{tx:?}");
    assert_eq!(
        find("complaints.csv").matched,
        find("complaints.csv").distinct
    );
    let events = find("journey_events.csv");
    assert_eq!(
        (events.column.as_str(), events.distinct, events.matched),
        ("segment", 3, 3)
    );

    let r = bank_report(&read, &ReportOptions::default()).unwrap();
    // No garbage: value and RFM are held back with the reason, NPS by segment too.
    assert!(r.value.is_none() && r.rfm.is_none(), "{:?}", r.not_computed);
    let why: Vec<&str> = r.not_computed.iter().map(|(_, w)| w.as_str()).collect();
    let example = tx.unmatched_example.clone().unwrap();
    let expected = format!(
        "only 0 of {} customer ids of transactions.csv are in customers.csv, e.g. \"{example}\" \
         — ids are compared exactly as written; check for leading zeros dropped or decimals \
         added by a spreadsheet",
        tx.distinct
    );
    assert_eq!(
        r.not_computed
            .iter()
            .map(|(s, _)| s.as_str())
            .collect::<Vec<_>>(),
        ["NPS by segment", "customer value", "RFM segments"],
        "{why:?}"
    );
    assert_eq!((why[1], why[2]), (expected.as_str(), expected.as_str()));
    assert!(
        why[0].contains("customer ids of survey.csv are in customers.csv"),
        "{}",
        why[0]
    );
    assert!(r.survey.as_ref().unwrap().nps_by_segment.is_empty());
    // The joins are in the JSON, the HTML and the lines the command prints.
    let json: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    assert_eq!(json["joins"][0]["file"], "transactions.csv");
    assert_eq!(json["joins"][0]["matched"], 0);
    assert!(r.to_html().contains(&format!(
        "0 of {} customer ids are in customers.csv",
        tx.distinct
    )));
    assert!(
        r.data_lines()
            .iter()
            .any(|l| l.contains("transactions.csv: 0 of")),
        "{:?}",
        r.data_lines()
    );

    // Float ids ("7.0" against "7"): the same, for the survey.
    let dir2 = temp_dir("joins-float");
    bank.write_csv(&dir2).unwrap();
    edit_ids(&dir2, "survey.csv", |id| format!("{id}.0"));
    let read = BankData::read_dir(&dir2).unwrap();
    let r = bank_report(&read, &ReportOptions::default()).unwrap();
    assert!(r.value.is_some() && r.rfm.is_some());
    assert_eq!(r.not_computed.len(), 1, "{:?}", r.not_computed);
    assert_eq!(r.not_computed[0].0, "NPS by segment");
    assert!(r.survey.as_ref().unwrap().nps_by_segment.is_empty());
    // RFM counts the customers of customers.csv, not those plus the unmatched ids.
    let rfm: usize = r.rfm.as_ref().unwrap().segments.iter().map(|s| s.1).sum();
    assert_eq!(rfm, 2_000);
    std::fs::remove_dir_all(&dir).ok();
    std::fs::remove_dir_all(&dir2).ok();
}

#[test]
fn segments_only_in_journey_events_are_not_customer_segments() {
    // Issue 18.7: a segment that journey events name but no customer has is no row of CLV
    // by segment (it was −0.0).
    let bank = demo_bank(5, 2_000).unwrap();
    let dir = temp_dir("journey-segments");
    bank.write_csv(&dir).unwrap();
    let path = dir.join("journey_events.csv");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace(",private\n", ",vip\n");
    std::fs::write(&path, text).unwrap();
    let read = BankData::read_dir(&dir).unwrap();
    let mut segments = read.segments.clone();
    segments.sort();
    assert_eq!(segments, ["affluent", "mass", "private"]);
    let r = bank_report(&read, &ReportOptions::default()).unwrap();
    let names: Vec<&str> = r
        .value
        .as_ref()
        .unwrap()
        .clv_by_segment
        .iter()
        .map(|s| s.0.as_str())
        .collect();
    assert_eq!(names.len(), 3);
    assert!(!names.contains(&"vip"));
    let m = read.id_matches();
    let events = m.iter().find(|j| j.file == "journey_events.csv").unwrap();
    assert_eq!(
        (
            events.distinct,
            events.matched,
            events.unmatched_example.as_deref()
        ),
        (3, 2, Some("vip"))
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn report_json_names_complaint_channels_and_categories() {
    // Issue 18.8: names, not codes numbered by first appearance.
    let bank = demo_bank(5, 2_000).unwrap();
    let r = bank_report(&bank, &ReportOptions::default()).unwrap();
    let json: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    let m = &json["complaints"]["metrics"];
    for (key, names) in [
        ("by_channel", &bank.channels),
        ("by_category", &bank.categories),
    ] {
        let what = &key[3..];
        let rows = m[key].as_array().unwrap();
        assert!(!rows.is_empty());
        for row in rows {
            assert!(row.get("code").is_none(), "{row}");
            assert!(
                names.contains(&row[what].as_str().unwrap().to_string()),
                "{row}"
            );
        }
    }
    // Shuffled rows give the same JSON.
    let mut shuffled = bank.clone();
    let c = shuffled.complaints.as_mut().unwrap();
    shuffled.channels.reverse();
    shuffled.categories.reverse();
    let (k, l) = (bank.channels.len() as u32, bank.categories.len() as u32);
    c.channel.iter_mut().for_each(|x| *x = k - 1 - *x);
    c.category.iter_mut().for_each(|x| *x = l - 1 - *x);
    let again: serde_json::Value = serde_json::from_str(
        &bank_report(&shuffled, &ReportOptions::default())
            .unwrap()
            .to_json(),
    )
    .unwrap();
    let sorted = |v: &serde_json::Value| {
        let mut rows: Vec<String> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.to_string())
            .collect();
        rows.sort();
        rows
    };
    for key in ["by_channel", "by_category"] {
        assert_eq!(
            sorted(&m[key]),
            sorted(&again["complaints"]["metrics"][key]),
            "{key}"
        );
    }
}

#[test]
fn satisfaction_answers_need_their_model_and_its_items() {
    let model = r#"{"constructs": [
        {"name": "Quality", "indicators": ["q1", "q2"]},
        {"name": "Loyalty", "indicators": ["l1"]}],
      "paths": [{"from": "Quality", "to": "Loyalty"}]}"#;
    let read = |answers: &str| {
        BankData::read_files([
            ("satisfaction_model.json", model.as_bytes()),
            ("satisfaction.csv", answers.as_bytes()),
        ])
    };
    // Chinese headers; a missing row and an empty cell are both unanswered (NaN).
    let bank =
        read("客户编号,题目,评分\nc1,q1,7\nc1,q2,\nc1,l1,9\nc2,q1,3\nc2,l1,4\nc2,q2,5\n").unwrap();
    let q = bank.satisfaction.unwrap();
    assert_eq!(q.items, ["q1", "q2", "l1"]);
    assert_eq!(q.customer, [0, 1]);
    assert_eq!(q.answers[0], 7.0);
    assert!(q.answers[1].is_nan() && q.answers[2] == 9.0 && q.answers[3..] == [3.0, 5.0, 4.0]);
    let expected = |r: cxkit::Result<BankData>| match r.unwrap_err() {
        Error::DataFile {
            file,
            line,
            column,
            expected,
        } => (file, line, column, expected),
        other => panic!("{other}"),
    };
    // An item the model does not name: the model's items listed.
    let (file, line, column, why) = expected(read("customer_id,item,answer\nc1,q1,7\nc1,q9,7\n"));
    assert_eq!(
        (file.as_str(), line, column.as_deref()),
        ("satisfaction.csv", 3, Some("item"))
    );
    assert!(
        why.contains("an item of the path model (q1, q2, l1)"),
        "{why}"
    );
    // An answer off the 1–10 scale, a repeated item, an item nobody answered.
    let (_, line, column, why) = expected(read("customer_id,item,answer\nc1,q1,11\n"));
    assert_eq!((line, column.as_deref()), (2, Some("answer")));
    assert!(why.contains("a number from 1 to 10"), "{why}");
    let (_, line, _, why) = expected(read("customer_id,item,answer\nc1,q1,3\nc1,q1,4\n"));
    assert!(
        line == 3 && why.contains("each item once per customer"),
        "{why}"
    );
    let (_, _, _, why) = expected(read("customer_id,item,answer\nc1,q1,3\nc1,l1,4\n"));
    assert!(why.contains("nobody answered `q2`"), "{why}");
    // Answers without their model.
    let (file, _, _, why) = expected(BankData::read_files([(
        "satisfaction.csv",
        "customer_id,item,answer\nc1,q1,3\n".as_bytes(),
    )]));
    assert_eq!(file, "satisfaction_model.json");
    assert!(
        why.contains("the path model of the items in satisfaction.csv"),
        "{why}"
    );
    // A model that does not parse names its file.
    let (file, _, _, why) = expected(BankData::read_files([
        ("satisfaction_model.json", "{".as_bytes()),
        ("satisfaction.csv", "customer_id,item,answer\n".as_bytes()),
    ]));
    assert!(
        file == "satisfaction_model.json"
            && why.starts_with("a valid path model (the JSON model does not parse"),
        "{why}"
    );
    // A model that parses but does not hold: its reason, inside the same words.
    let cycle = r#"{"constructs": [{"name": "A", "indicators": ["a"]},
        {"name": "B", "indicators": ["b"]}],
      "paths": [{"from": "A", "to": "B"}, {"from": "B", "to": "A"}]}"#;
    let (_, _, _, why) = expected(BankData::read_files([(
        "satisfaction_model.json",
        cycle.as_bytes(),
    )]));
    assert!(
        why.starts_with("a valid path model (") && why.contains("A → B → A"),
        "{why}"
    );
    // One model: the JSON and the TOML file both is an error naming the second.
    let toml = "[[constructs]]\nname = \"A\"\nindicators = [\"a\"]\n";
    let (file, _, _, why) = expected(BankData::read_files([
        ("satisfaction_model.json", model.as_bytes()),
        ("satisfaction_model.toml", toml.as_bytes()),
    ]));
    assert_eq!(file, "satisfaction_model.toml");
    assert!(why.contains("not both"), "{why}");
}

#[test]
fn comments_read_with_chinese_headers_and_bad_text_named() {
    // Chinese headers (docs/data-schema.md), optional columns absent: channel and source
    // empty, no score (NaN).
    let csv = "客户编号,日期,评论\nC-7,2025-11-02,\"APP闪退，卡号 4111 1111 1111 1111\"\nC-8,2025-11-03,\n";
    let bank = BankData::read_files([("comments.csv", csv.as_bytes())]).unwrap();
    let c = bank.comments.as_ref().unwrap();
    assert_eq!(c.text, ["APP闪退，卡号 4111 1111 1111 1111", ""]);
    assert_eq!((c.channel[0].as_str(), c.source[1].as_str()), ("", ""));
    assert!(c.score.iter().all(|s| s.is_nan()));
    // The report tags it (one comment with text, one empty) and masks the card number.
    let r = bank_report(&bank, &ReportOptions::default()).unwrap();
    let said = r.comments.as_ref().unwrap();
    assert_eq!((said.comments, said.empty), (1, 1));
    assert!(said.verbatims.iter().any(|v| v.text.contains("[CARD]")));
    assert!(!r.to_html().contains("4111"));
    // Bytes that are neither UTF-8 nor GB18030, a score off 0–10, a text over 64 KiB: each
    // names the file and the line.
    let bytes: &[u8] = b"customer_id,date,text\nc1,2025-01-01,\xff\xff\n";
    let err = BankData::read_files([("comments.csv", bytes)]).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("comments.csv, line 2: expected text in UTF-8"),
        "{err}"
    );
    let err = read_error(
        "comments.csv",
        "customer_id,date,text,score\nc1,2025-01-01,好,11\n",
    );
    assert!(
        err.to_string()
            .starts_with("comments.csv, line 2, column `score`"),
        "{err}"
    );
    let long = format!(
        "customer_id,date,text\nc1,2025-01-01,{}\n",
        "长".repeat(30_000)
    );
    let err = read_error("comments.csv", &long);
    assert!(
        err.to_string().starts_with(
            "comments.csv, line 2, column `text`: expected a text of at most 65536 bytes"
        ),
        "{err}"
    );
}
