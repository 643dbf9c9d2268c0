//! `cxkit`: customer-experience reports from the command line.
//!
//! `cxkit report --demo` scores the built-in demo bank's two-wave survey: NPS, CSAT and CES per
//! wave with confidence intervals (survey-weighted), whether wave 2 differs from wave 1, and
//! NPS per branch.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use cxkit::data::{demo_survey, DemoSurvey, DEMO_BRANCHES};
use cxkit::survey::{
    ces, csat, nps, nps_test, top_box_test, Ces, CesOptions, Csat, Nps, NpsMethod, NpsOptions,
    NpsTestOptions, TopBoxOptions, WaveTest,
};
use serde::Serialize;

#[derive(Parser)]
#[command(
    name = "cxkit",
    version,
    about = "Customer-experience analytics for retail banking"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Survey report: NPS, CSAT and CES per wave, the wave-to-wave change, NPS per branch.
    Report {
        /// Report on the built-in demo bank (the only data source so far).
        #[arg(long)]
        demo: bool,
        /// Seed of the demo bank.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Respondents per wave in the demo bank.
        #[arg(long, default_value_t = 2000)]
        respondents: usize,
        /// Confidence level of every interval.
        #[arg(long, default_value_t = 0.95)]
        confidence: f64,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Serialize)]
struct WaveReport {
    wave: u8,
    nps: Nps,
    csat: Csat,
    ces: Ces,
}

#[derive(Serialize)]
struct BranchReport {
    branch: &'static str,
    nps: Nps,
}

#[derive(Serialize)]
struct Report {
    respondents: usize,
    waves: Vec<WaveReport>,
    nps_change: WaveTest,
    csat_change: WaveTest,
    branches: Vec<BranchReport>,
}

/// Rows of `column` (and their weights) where `keep` holds.
fn select(s: &DemoSurvey, column: &[u8], keep: impl Fn(usize) -> bool) -> (Vec<u8>, Vec<f64>) {
    (0..column.len())
        .filter(|&i| keep(i))
        .map(|i| (column[i], s.weight[i]))
        .unzip()
}

fn build(s: &DemoSurvey, confidence: f64) -> cxkit::Result<Report> {
    let nps_opts = NpsOptions {
        confidence,
        ..NpsOptions::default()
    };
    let mut waves = Vec::new();
    for wave in [1u8, 2] {
        let in_wave = |i: usize| s.wave[i] == wave;
        let (ltr, w) = select(s, &s.ltr, in_wave);
        let (sat, _) = select(s, &s.csat, in_wave);
        let (effort, _) = select(s, &s.ces, in_wave);
        waves.push(WaveReport {
            wave,
            nps: nps(&ltr, Some(&w), &nps_opts)?,
            csat: csat(
                &sat,
                Some(&w),
                &TopBoxOptions {
                    confidence,
                    ..TopBoxOptions::default()
                },
            )?,
            ces: ces(
                &effort,
                Some(&w),
                &CesOptions {
                    confidence,
                    ..CesOptions::default()
                },
            )?,
        });
    }
    let test_opts = NpsTestOptions {
        method: NpsMethod::Wald,
        confidence,
    };
    let nps_change = nps_test(&waves[1].nps, &waves[0].nps, &test_opts)?;
    let csat_change = top_box_test(&waves[1].csat.top_box, &waves[0].csat.top_box, confidence)?;
    let mut branches = Vec::new();
    for (b, name) in DEMO_BRANCHES.iter().enumerate() {
        let (ltr, w) = select(s, &s.ltr, |i| {
            s.wave[i] == 2 && usize::from(s.branch[i]) == b
        });
        branches.push(BranchReport {
            branch: name,
            nps: nps(&ltr, Some(&w), &nps_opts)?,
        });
    }
    Ok(Report {
        respondents: s.ltr.len(),
        waves,
        nps_change,
        csat_change,
        branches,
    })
}

fn print_text(r: &Report, seed: u64) {
    let pct = |x: f64| 100.0 * x;
    println!(
        "cxkit survey report: demo bank (seed {seed}), {} respondents in 2 waves",
        r.respondents
    );
    println!(
        "Survey-weighted; intervals at {:.0} %.\n",
        pct(r.waves[0].nps.confidence)
    );
    println!(
        "{:<6} {:>22} {:>24} {:>22}",
        "wave", "NPS (points)", "CSAT top-2 (%)", "CES mean (1-7)"
    );
    for w in &r.waves {
        println!(
            "{:<6} {:>7.1} [{:>5.1}, {:>5.1}] {:>9.1} [{:>5.1}, {:>5.1}] {:>9.2} [{:.2}, {:.2}]",
            w.wave,
            w.nps.score,
            w.nps.ci_low,
            w.nps.ci_high,
            pct(w.csat.top_box.estimate),
            pct(w.csat.top_box.ci_low),
            pct(w.csat.top_box.ci_high),
            w.ces.mean.estimate,
            w.ces.mean.ci_low,
            w.ces.mean.ci_high,
        );
    }
    let verdict = |t: &WaveTest| {
        if t.p_value < 0.05 {
            "significant"
        } else {
            "not significant"
        }
    };
    println!(
        "\nWave 2 vs wave 1: NPS {:+.1} points (z = {:.2}, p = {:.4}, {}); CSAT {:+.1} points (p = {:.4}, {})",
        r.nps_change.delta,
        r.nps_change.z,
        r.nps_change.p_value,
        verdict(&r.nps_change),
        pct(r.csat_change.delta),
        r.csat_change.p_value,
        verdict(&r.csat_change),
    );
    println!("\nNPS by branch, wave 2:");
    for b in &r.branches {
        println!(
            "  {:<12} {:>6.1} [{:>5.1}, {:>5.1}]  n = {}",
            b.branch, b.nps.score, b.nps.ci_low, b.nps.ci_high, b.nps.n
        );
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Report {
            demo,
            seed,
            respondents,
            confidence,
            json,
        } => {
            if !demo {
                eprintln!("cxkit: no data to report on; pass --demo for the built-in demo bank");
                return ExitCode::from(2);
            }
            let survey = demo_survey(seed, respondents);
            match build(&survey, confidence) {
                Ok(report) if json => {
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&report).expect("report serializes")
                    );
                    ExitCode::SUCCESS
                }
                Ok(report) => {
                    print_text(&report, seed);
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("cxkit: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
