//! The main job end to end: `cxkit report --demo` as a user runs it.

use std::process::Command;

fn cxkit(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_cxkit"))
        .args(args)
        .output()
        .expect("cxkit runs")
}

#[test]
fn demo_report_prints_both_waves_and_every_branch() {
    let out = cxkit(&["report", "--demo", "--respondents", "400"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("800 respondents in 2 waves"), "{text}");
    for branch in cxkit::data::DEMO_BRANCHES {
        assert!(text.contains(branch), "{branch} missing from\n{text}");
    }
    assert!(text.contains("Wave 2 vs wave 1: NPS"));
}

#[test]
fn json_report_agrees_with_the_library() {
    let out = cxkit(&[
        "report",
        "--demo",
        "--respondents",
        "300",
        "--seed",
        "9",
        "--json",
    ]);
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Recompute wave 1's weighted NPS with the library directly.
    let s = cxkit::data::demo_survey(9, 300);
    let (ltr, w): (Vec<u8>, Vec<f64>) = (0..s.ltr.len())
        .filter(|&i| s.wave[i] == 1)
        .map(|i| (s.ltr[i], s.weight[i]))
        .unzip();
    let direct = cxkit::survey::nps(&ltr, Some(&w), &Default::default()).unwrap();
    let reported = report["waves"][0]["nps"]["score"].as_f64().unwrap();
    assert!((reported - direct.score).abs() < 1e-12);
    assert_eq!(report["respondents"], 600);
}

#[test]
fn bad_arguments_fail_with_a_message() {
    let out = cxkit(&["report"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--demo"));
    let out = cxkit(&["report", "--demo", "--confidence", "1.5"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("confidence"));
}
