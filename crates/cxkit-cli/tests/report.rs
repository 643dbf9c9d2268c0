//! The main job end to end: `cxkit report --demo` and `cxkit report --data DIR` as a user
//! runs them.

use std::process::Command;

fn cxkit(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_cxkit"))
        .args(args)
        .output()
        .expect("cxkit runs")
}

/// Standard output of a run that must succeed (else its standard error in the failure).
fn succeeded(out: std::process::Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `cxkit demo-data` into `dir`.
fn demo_data(dir: &std::path::Path, customers: &str, seed: &str) -> std::process::Output {
    cxkit(&[
        "demo-data",
        "--out",
        dir.to_str().unwrap(),
        "--customers",
        customers,
        "--seed",
        seed,
    ])
}

fn out_dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("cxkit-cli-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

/// `cxkit report --demo` of 3000 customers from seed 9 into `dir`, with more arguments.
fn demo_report(dir: &std::path::Path, more: &[&str]) -> String {
    let mut args = vec![
        "report",
        "--demo",
        "--customers",
        "3000",
        "--seed",
        "9",
        "--out",
        dir.to_str().unwrap(),
    ];
    args.extend(more);
    succeeded(cxkit(&args))
}

#[test]
fn demo_report_writes_html_and_json_that_agree_with_the_library() {
    let dir = out_dir("demo");
    let text = demo_report(&dir, &[]);
    assert!(
        text.contains("NPS rose") && text.contains("report.html"),
        "{text}"
    );
    // Every number in the JSON is what the library computes directly.
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("report.json")).unwrap()).unwrap();
    let bank = cxkit::data::demo_bank(9, 3000).unwrap();
    let direct =
        cxkit::report::bank_report(&bank, &cxkit::report::ReportOptions::default()).unwrap();
    assert_eq!(json, serde_json::to_value(&direct).unwrap());
    let wave1: Vec<u8> = (0..bank.survey.as_ref().unwrap().ltr.len())
        .filter(|&i| bank.survey.as_ref().unwrap().wave[i] == 1)
        .map(|i| bank.survey.as_ref().unwrap().ltr[i])
        .collect();
    let nps = cxkit::survey::nps(&wave1, None, &Default::default()).unwrap();
    assert_eq!(
        json["survey"]["waves"][0]["nps"]["score"].as_f64(),
        Some(nps.score)
    );
    // The HTML is self-contained and every chart is well formed (tests/python/
    // test_report_browser.py renders it in headless Chromium).
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    // survey, pyramid, CLV, RFM, KANO, SERVQUAL, path diagram, satisfaction map, value at
    // risk, heat map, IPA, SLA, topics by volume and by NPS, sentiment by channel
    assert_eq!(html.matches("<svg").count(), 15);
    assert_eq!(html.matches("<svg").count(), html.matches("</svg>").count());
    assert_eq!(html.matches("<section>").count(), 9);
    for forbidden in ["NaN", ">inf", "<script", "https://"] {
        assert!(!html.contains(forbidden), "{forbidden}");
    }
    // The only URL is the SVG namespace.
    assert_eq!(
        html.matches("http://").count(),
        html.matches("<svg").count()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_arguments_fail_with_a_message() {
    let out = cxkit(&["report"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("<--demo|--data <DIR>>"));
    let out = cxkit(&["report", "--demo", "--data", "somewhere"]);
    assert_eq!(out.status.code(), Some(2));
    let out = cxkit(&["report", "--demo", "--customers", "10"]);
    assert_eq!(out.status.code(), Some(2));
    let out = cxkit(&[
        "report",
        "--demo",
        "--customers",
        "1000",
        "--confidence",
        "1.5",
        "--out",
        out_dir("conf").to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("confidence"));
    // An unknown language: exit status 2 and the supported codes.
    let out = cxkit(&["report", "--demo", "--lang", "fr"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("invalid value 'fr' for '--lang <CODE>': unknown language code \"fr\"; supported: en (English), zh (Simplified Chinese)"),
        "{err}"
    );
    let out = cxkit(&["report", "--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(
        help.contains("--customers")
            && help.contains("docs/data-schema.md")
            && help.contains("--lang <CODE>"),
        "{help}"
    );
}

#[test]
fn report_in_chinese() {
    let dir = out_dir("zh");
    let text = demo_report(&dir, &["--lang", "zh-CN"]);
    // The findings are printed in Chinese (the numbers are the library's, in either language).
    assert!(text.contains("- NPS 从第 1 轮的"), "{text}");
    assert!(text.contains("- 最严重的痛点是贷款申请"), "{text}");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("report.json")).unwrap()).unwrap();
    let options = cxkit::report::ReportOptions {
        lang: cxkit::report::Lang::Zh,
        ..Default::default()
    };
    let direct =
        cxkit::report::bank_report(&cxkit::data::demo_bank(9, 3000).unwrap(), &options).unwrap();
    assert_eq!(json, serde_json::to_value(&direct).unwrap());
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(html.contains("<html lang=\"zh-CN\">") && html.contains("<title>cxkit 报告</title>"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn demo_data_writes_every_file_in_the_documented_schema() {
    let dir = out_dir("data");
    let listed = succeeded(demo_data(&dir, "1000", "3"));
    let schema = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/data-schema.md"
    ))
    .unwrap();
    for (file, header) in [
        ("customers.csv", "customer_id,segment,age,gender,income_band,occupation,region,channel,products,balance"),
        ("transactions.csv", "customer_id,date,amount"),
        ("survey.csv", "wave,customer_id,ltr,csat,ces"),
        ("servqual.csv", "respondent_id,item,dimension,perception,expectation"),
        ("kano.csv", "respondent_id,feature,functional,dysfunctional,wave"),
        ("journey_events.csv", "touchpoint,indicator,timestamp,value,segment"),
        ("complaints.csv", "customer_id,channel,category,opened,first_response,resolved,contacts,reopened,satisfaction,text"),
        ("comments.csv", "customer_id,date,channel,source,text,score"),
    ] {
        assert!(listed.contains(file), "{file}");
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        assert_eq!(text.lines().next(), Some(header), "{file}");
        // The schema document describes every column.
        for column in header.split(',') {
            assert!(schema.contains(&format!("`{column}`")), "{file}: {column} undocumented");
        }
    }
    let bank = cxkit::data::demo_bank(3, 1000).unwrap();
    let tx = std::fs::read_to_string(dir.join("transactions.csv")).unwrap();
    assert_eq!(
        tx.lines().count(),
        bank.transactions.as_ref().unwrap().customer.len() + 1
    );
    assert!(cxkit::journey::IndicatorTree::from_json(
        &std::fs::read_to_string(dir.join("journey_tree.json")).unwrap()
    )
    .is_ok());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn data_report_reads_the_files_demo_data_writes_and_names_bad_cells() {
    let data = out_dir("own-data");
    let report = out_dir("own-report");
    succeeded(demo_data(&data, "2000", "5"));
    // Only some of the files: the report covers what is there.
    std::fs::remove_file(data.join("kano.csv")).unwrap();
    let report_on_data = || {
        cxkit(&[
            "report",
            "--data",
            data.to_str().unwrap(),
            "--out",
            report.to_str().unwrap(),
        ])
    };
    let out = report_on_data();
    // Not a terminal: no progress output, only the findings on standard output.
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = succeeded(out);
    assert_eq!(
        text.lines().filter(|l| l.starts_with("- ")).count(),
        8,
        "{text}"
    );
    // One line per file read, per join and per file ignored (issue 18.6, 18.7).
    assert!(
        text.contains("Read customers.csv: 2000 rows (UTF-8), 0 empty rows skipped.\n"),
        "{text}"
    );
    assert!(text.contains("Read journey_tree.json (UTF-8).\n"), "{text}");
    assert!(
        text.contains("transactions.csv: ") && text.contains("customer ids are in customers.csv."),
        "{text}"
    );
    assert_eq!(
        text.lines().filter(|l| l.starts_with("Read ")).count(),
        10,
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(report.join("report.json")).unwrap()).unwrap();
    let bank = cxkit::data::BankData::read_dir(&data).unwrap();
    assert!(bank.kano.is_none());
    let direct =
        cxkit::report::bank_report(&bank, &cxkit::report::ReportOptions::default()).unwrap();
    assert_eq!(json, serde_json::to_value(&direct).unwrap());
    assert!(json["kano"].is_null());
    // A stray file is listed, a misnamed one stops the run naming the expected name.
    std::fs::write(data.join("notes.txt"), "x").unwrap();
    let text = succeeded(report_on_data());
    assert!(
        text.contains("Ignored notes.txt: not a data file of the schema.\n"),
        "{text}"
    );
    std::fs::rename(data.join("complaints.csv"), data.join("complaints (1).csv")).unwrap();
    let out = report_on_data();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .starts_with("cxkit report: complaints (1).csv: expected the name complaints.csv:"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::rename(data.join("complaints (1).csv"), data.join("Complaints.CSV")).unwrap();
    let text = succeeded(report_on_data());
    assert!(
        text.contains("Read complaints.csv (as Complaints.CSV): "),
        "{text}"
    );
    // A malformed cell: exit status 1 and a message with file, line, column and expectation.
    let survey = std::fs::read_to_string(data.join("survey.csv")).unwrap();
    let mut lines: Vec<String> = survey.lines().map(String::from).collect();
    let mut cells: Vec<&str> = lines[3].split(',').collect();
    cells[2] = "eleven"; // wave,customer_id,ltr,csat,ces
    lines[3] = cells.join(",");
    std::fs::write(data.join("survey.csv"), lines.join("\n")).unwrap();
    let out = report_on_data();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "cxkit report: survey.csv, line 4, column `ltr`: expected an integer from 0 to 10, found \"eleven\""
    );
    let _ = std::fs::remove_dir_all(&data);
    let _ = std::fs::remove_dir_all(&report);
}
