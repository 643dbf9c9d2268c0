//! `cxkit`: customer-experience reports from the command line.
//!
//! `cxkit report --demo` builds the demo bank (a deterministic synthetic retail bank with
//! planted structure, see `cxkit::data`), analyses it — survey waves and segments, customer
//! value, RFM segments, KANO, SERVQUAL, journeys and pain points, complaint handling — and
//! writes a self-contained HTML report with inline charts and a JSON file with every number.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use cxkit::data::demo_bank;
use cxkit::report::bank_report;

#[derive(Parser)]
#[command(
    name = "cxkit",
    version,
    about = "Customer-experience analytics for retail banking",
    long_about = "Customer-experience analytics for retail banking.\n\n\
                  `cxkit report --demo` analyses the built-in demo bank and writes \
                  report.html (open it in any browser; no network needed) and report.json \
                  (every number in the report) into the output directory."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The bank report: survey waves, customer value, segments, KANO, SERVQUAL, journeys
    /// and complaints, as HTML and JSON.
    Report {
        /// Report on the built-in demo bank.
        #[arg(long)]
        demo: bool,
        /// Seed of the demo bank.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Customers in the demo bank.
        #[arg(long, default_value_t = 50_000)]
        customers: usize,
        /// Confidence level of every interval.
        #[arg(long, default_value_t = 0.95)]
        confidence: f64,
        /// Directory for report.html and report.json (created if missing).
        #[arg(long, default_value = "cxkit-report")]
        out: PathBuf,
    },
    /// Writes the demo bank as CSV files (one per kind, the schema in docs/data-schema.md)
    /// to look at, or to replace with your own.
    DemoData {
        /// Directory for the files (created if missing).
        #[arg(long)]
        out: PathBuf,
        /// Seed of the demo bank.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Customers in the demo bank.
        #[arg(long, default_value_t = 50_000)]
        customers: usize,
    },
}

fn write_report(out: &Path, html: &str, json: &str) -> std::io::Result<(PathBuf, PathBuf)> {
    std::fs::create_dir_all(out)?;
    let (h, j) = (out.join("report.html"), out.join("report.json"));
    std::fs::write(&h, html)?;
    std::fs::write(&j, json)?;
    Ok((h, j))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::DemoData {
            out,
            seed,
            customers,
        } => match demo_bank(seed, customers).write_csv(&out) {
            Ok(files) => {
                for f in files {
                    println!("{}", f.display());
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("cxkit demo-data: {e}");
                ExitCode::FAILURE
            }
        },
        Command::Report {
            demo,
            seed,
            customers,
            confidence,
            out,
        } => {
            if !demo {
                eprintln!(
                    "cxkit report: say which data to report on: --demo (the built-in demo bank)"
                );
                return ExitCode::from(2);
            }
            if customers < 1_000 {
                eprintln!("cxkit report: --customers must be at least 1000, got {customers}");
                return ExitCode::from(2);
            }
            let start = Instant::now();
            // Progress goes to a terminal only; pipes and logs get the findings alone.
            let progress = |step: &str| {
                if std::io::stderr().is_terminal() {
                    eprintln!("{step}");
                }
            };
            progress(&format!(
                "Building the demo bank ({customers} customers, seed {seed})…"
            ));
            let bank = demo_bank(seed, customers);
            progress("Analysing…");
            let report = match bank_report(&bank, confidence) {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("cxkit report: {e}");
                    return ExitCode::FAILURE;
                }
            };
            let json = serde_json::to_string_pretty(&report).expect("the report serializes");
            match write_report(&out, &report.to_html(), &json) {
                Ok((h, j)) => {
                    for finding in report.findings() {
                        println!("- {finding}");
                    }
                    println!(
                        "Wrote {} and {} in {:.1} s.",
                        h.display(),
                        j.display(),
                        start.elapsed().as_secs_f64()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("cxkit report: cannot write to {}: {e}", out.display());
                    ExitCode::FAILURE
                }
            }
        }
    }
}
