//! `cxkit`: customer-experience reports from the command line.
//!
//! `cxkit report --demo` builds the demo bank (a deterministic synthetic retail bank with
//! planted structure, see `cxkit::data::demo_bank`); `cxkit report --data DIR` reads a bank's own CSV
//! files (the schema of docs/data-schema.md, any subset). Either way it analyses what is
//! there — survey waves and segments, customer value, RFM segments, KANO, SERVQUAL, journeys
//! and pain points, complaint handling — and writes a self-contained HTML report with inline
//! charts and a JSON file with every number.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{ArgGroup, Parser, Subcommand};
use cxkit::data::{bank_files, demo_bank, BankData};
use cxkit::report::{bank_report, Lang, ReportOptions};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

#[derive(Parser)]
#[command(
    name = "cxkit",
    version,
    about = "Customer-experience analytics for retail banking",
    long_about = "Customer-experience analytics for retail banking.\n\n\
                  `cxkit report --demo` analyses the built-in demo bank; `cxkit report --data DIR` \
                  analyses a bank's own CSV files (one file per kind, the columns of \
                  docs/data-schema.md; any subset: the report covers what is there). Both write \
                  report.html (open it in any browser; no network needed) and report.json \
                  (every number in the report) into the output directory.\n\n\
                  `cxkit demo-data --out DIR` writes the demo bank as such files, to look at \
                  or to replace with your own."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The bank report: survey waves, customer value, segments, KANO, SERVQUAL, journeys,
    /// complaints and what customers talk about, as HTML and JSON.
    #[command(group(ArgGroup::new("source").required(true).args(["demo", "data"])))]
    Report {
        /// Report on the built-in demo bank.
        #[arg(long)]
        demo: bool,
        /// Report on the CSV files in DIR: customers.csv, transactions.csv, survey.csv,
        /// servqual.csv, kano.csv, journey_events.csv with journey_tree.json (or .toml),
        /// complaints.csv, comments.csv — any subset, columns as in docs/data-schema.md.
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
        /// Seed of the demo bank.
        #[arg(long, default_value_t = cxkit::data::DEMO_SEED, conflicts_with = "data")]
        seed: u64,
        /// Customers in the demo bank (at least 1000).
        #[arg(long, default_value_t = cxkit::data::DEMO_CUSTOMERS, conflicts_with = "data", value_parser = demo_size)]
        customers: usize,
        /// Confidence level of every interval.
        #[arg(long, default_value_t = cxkit::report::ReportOptions::default().confidence)]
        confidence: f64,
        /// Directory for report.html and report.json (created if missing).
        #[arg(long, default_value = cxkit::report::DEFAULT_OUT)]
        out: PathBuf,
        /// Language of the report: en (English) or zh (Simplified Chinese); region and
        /// script subtags such as zh-CN are accepted.
        #[arg(long, value_name = "CODE", default_value = "en", value_parser = language)]
        lang: Lang,
    },
    /// Writes the demo bank as CSV files (one per kind, the schema in docs/data-schema.md)
    /// to look at, or to replace with your own.
    DemoData {
        /// Directory for the files (created if missing).
        #[arg(long)]
        out: PathBuf,
        /// Seed of the demo bank.
        #[arg(long, default_value_t = cxkit::data::DEMO_SEED)]
        seed: u64,
        /// Customers in the demo bank (at least 1000).
        #[arg(long, default_value_t = cxkit::data::DEMO_CUSTOMERS, value_parser = demo_size)]
        customers: usize,
    },
}

fn language(s: &str) -> Result<Lang, String> {
    s.parse::<Lang>().map_err(|e| match e {
        cxkit::Error::InvalidParameter { reason, .. } => reason,
        other => other.to_string(),
    })
}

/// A demo bank's size: a number the core's demo accepts (checked there, once).
fn demo_size(s: &str) -> Result<usize, String> {
    let n = s.parse::<usize>().map_err(|e| e.to_string())?;
    cxkit::data::check_demo_size(n).map_err(|e| e.to_string())?;
    Ok(n)
}

/// Progress on standard error, drawn only when it is a terminal (pipes and logs get the
/// findings alone).
fn progress() -> ProgressBar {
    let target = if std::io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let bar = ProgressBar::with_draw_target(None, target);
    bar.set_style(spinner());
    bar.enable_steady_tick(Duration::from_millis(100));
    bar
}

/// A spinner with the step's message and the time spent.
fn spinner() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} {msg} [{elapsed}]").expect("template")
}

/// Reads the bank's files with a progress bar over their bytes.
fn read_bank(dir: &Path, bar: &ProgressBar) -> cxkit::Result<BankData> {
    let found = bank_files(dir)?;
    let files = found.open()?;
    let total = files
        .iter()
        .map(|(_, f)| f.metadata().map_or(0, |m| m.len()))
        .sum();
    bar.set_length(total);
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} ({eta} left)")
            .expect("template")
            .progress_chars("=> "),
    );
    bar.set_message(format!("Reading {}", dir.display()));
    let inputs = files
        .into_iter()
        .map(|(name, f)| (name, bar.wrap_read(std::io::BufReader::new(f))));
    let bank = BankData::read_files(inputs).map(|bank| BankData {
        ignored: found.ignored,
        ..bank
    });
    bar.set_style(spinner());
    bank
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::DemoData {
            out,
            seed,
            customers,
        } => match demo_bank(seed, customers).and_then(|b| b.write_csv(&out)) {
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
            demo: _,
            data,
            seed,
            customers,
            confidence,
            out,
            lang,
        } => {
            let start = Instant::now();
            let bar = progress();
            let bank = match &data {
                Some(dir) => match read_bank(dir, &bar) {
                    Ok(bank) => bank,
                    Err(e) => {
                        bar.finish_and_clear();
                        eprintln!("cxkit report: {e}");
                        return ExitCode::FAILURE;
                    }
                },
                None => {
                    bar.set_message(format!(
                        "Building the demo bank ({customers} customers, seed {seed})"
                    ));
                    match demo_bank(seed, customers) {
                        Ok(bank) => bank,
                        Err(e) => {
                            bar.finish_and_clear();
                            eprintln!("cxkit report: {e}");
                            return ExitCode::FAILURE;
                        }
                    }
                }
            };
            bar.set_message("Analysing");
            let report = bank_report(&bank, &ReportOptions { confidence, lang });
            bar.finish_and_clear();
            let report = match report {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("cxkit report: {e}");
                    return ExitCode::FAILURE;
                }
            };
            match report.write(&out) {
                Ok((h, j)) => {
                    for line in report.data_lines() {
                        println!("{line}");
                    }
                    for finding in report.findings() {
                        println!("- {finding}");
                    }
                    for line in report.not_computed_lines() {
                        println!("- {line}");
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
                    eprintln!("cxkit report: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
