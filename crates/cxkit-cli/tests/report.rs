//! The main job end to end: `cxkit report --demo` as a user runs it.

use std::process::Command;

fn cxkit(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_cxkit"))
        .args(args)
        .output()
        .expect("cxkit runs")
}

fn out_dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("cxkit-cli-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

#[test]
fn demo_report_writes_html_and_json_that_agree_with_the_library() {
    let dir = out_dir("demo");
    let out = cxkit(&[
        "report",
        "--demo",
        "--customers",
        "3000",
        "--seed",
        "9",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("NPS rose") && text.contains("report.html"),
        "{text}"
    );
    // Every number in the JSON is what the library computes directly.
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("report.json")).unwrap()).unwrap();
    let bank = cxkit::data::demo_bank(9, 3000);
    let direct = cxkit::report::bank_report(&bank, 0.95).unwrap();
    assert_eq!(json, serde_json::to_value(&direct).unwrap());
    let wave1: Vec<u8> = (0..bank.survey.ltr.len())
        .filter(|&i| bank.survey.wave[i] == 1)
        .map(|i| bank.survey.ltr[i])
        .collect();
    let nps = cxkit::survey::nps(&wave1, None, &Default::default()).unwrap();
    assert_eq!(
        json["survey"]["waves"][0]["nps"]["score"].as_f64(),
        Some(nps.score)
    );
    // The HTML is self-contained and every chart is well formed (structural check: there is
    // no browser on this machine to render it).
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    assert_eq!(html.matches("<svg").count(), 9); // survey, pyramid, CLV, RFM, KANO, SERVQUAL, heat map, IPA, SLA
    assert_eq!(html.matches("<svg").count(), html.matches("</svg>").count());
    assert_eq!(html.matches("<section>").count(), 7);
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
    assert!(String::from_utf8_lossy(&out.stderr).contains("--demo"));
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
    let out = cxkit(&["report", "--help"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("--customers"));
}
