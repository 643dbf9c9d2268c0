//! Synthetic data for demos, examples and benchmarks, generated deterministically from a
//! seed: the demo bank ([`demo_bank`], every table the report reads, with documented planted
//! structure), a two-wave customer survey, and BG/NBD / Pareto/NBD customer panels.

mod bank;
mod dir;
mod files;
pub(crate) use files::unwritable;
mod provenance;
mod read;

pub use bank::{
    check_demo_size, demo_bank, BankData, ComplaintRecords, Customers, JourneyEvents, KanoSurvey,
    ServqualSurvey, SurveyWaves, Transactions, CATEGORIES, CHANNELS, DEMO_MIN_CUSTOMERS, DEMO_TREE,
    KANO_FEATURES, KANO_MIGRATION, SEGMENTS, START_DAY,
};
pub use dir::{bank_files, DataDir, FoundFile};
pub use provenance::{Encoding, FileRead, IdMatch, IgnoreReason, IgnoredFile, Origin};
pub use read::{
    label_field, parse_date, parse_time, LabelField, BANK_FILES, HEADER_ALIASES, LABEL_FIELDS,
};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};
use serde::{Deserialize, Serialize};

/// One survey table, a column per question; row `i` of every column is respondent `i`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemoSurvey {
    /// Survey wave, 1 or 2.
    pub wave: Vec<u8>,
    /// Branch index, 0 to `branches − 1`.
    pub branch: Vec<u8>,
    /// Likelihood to recommend, 0–10.
    pub ltr: Vec<u8>,
    /// Satisfaction with the last visit, 1–5.
    pub csat: Vec<u8>,
    /// "The bank made it easy to handle my request", 1–7.
    pub ces: Vec<u8>,
    /// Survey weight (inverse sampling probability, normalised to mean 1 per wave).
    pub weight: Vec<f64>,
}

/// Names of the demo bank's branches, indexed by [`DemoSurvey::branch`].
pub const DEMO_BRANCHES: [&str; 4] = ["Harbour St", "Market Sq", "North Park", "Online"];

/// A two-wave survey of `per_wave` respondents each. Service improves a little from wave 1 to
/// wave 2 and differs by branch. The same seed gives the same survey on every platform.
///
/// ```
/// let s = cxkit::data::demo_survey(7, 500);
/// assert_eq!(s.ltr.len(), 1000);
/// assert_eq!(s, cxkit::data::demo_survey(7, 500));
/// assert!(s.ltr.iter().all(|&x| x <= 10));
/// ```
pub fn demo_survey(seed: u64, per_wave: usize) -> DemoSurvey {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let noise = Normal::new(0.0, 1.0).expect("unit normal");
    let branch_effect = [0.1, -0.35, 0.25, 0.0];
    let n = 2 * per_wave;
    let mut s = DemoSurvey {
        wave: Vec::with_capacity(n),
        branch: Vec::with_capacity(n),
        ltr: Vec::with_capacity(n),
        csat: Vec::with_capacity(n),
        ces: Vec::with_capacity(n),
        weight: Vec::with_capacity(n),
    };
    for wave in [1u8, 2] {
        let wave_effect = if wave == 1 { 0.0 } else { 0.2 };
        for _ in 0..per_wave {
            let branch = rng.random_range(0..DEMO_BRANCHES.len());
            // Latent satisfaction drives all three answers, each with its own noise.
            let latent = 0.35 + wave_effect + branch_effect[branch] + noise.sample(&mut rng);
            let answer = |centre: f64, spread: f64, lo: f64, hi: f64, z: f64| {
                (centre + spread * (latent + 0.6 * z)).round().clamp(lo, hi) as u8
            };
            s.wave.push(wave);
            s.branch.push(branch as u8);
            s.ltr
                .push(answer(7.6, 1.9, 0.0, 10.0, noise.sample(&mut rng)));
            s.csat
                .push(answer(3.8, 0.9, 1.0, 5.0, noise.sample(&mut rng)));
            s.ces
                .push(answer(5.0, 1.2, 1.0, 7.0, noise.sample(&mut rng)));
            // Online customers are over-sampled, so they weigh less.
            s.weight.push(if branch == 3 {
                0.6
            } else {
                1.0 + 0.4 * rng.random::<f64>()
            });
        }
    }
    for wave in [1u8, 2] {
        let rows = || {
            s.wave
                .iter()
                .zip(s.weight.iter())
                .filter(|(w, _)| **w == wave)
        };
        let mean = rows().map(|(_, x)| x).sum::<f64>() / per_wave.max(1) as f64;
        for (w, x) in s.wave.iter().zip(s.weight.iter_mut()) {
            if *w == wave {
                *x /= mean;
            }
        }
    }
    s
}

/// Repeat-purchase histories simulated from the BG/NBD model: each customer buys at a rate
/// λ ~ Gamma(r, rate α) while alive and, after each purchase, drops out with probability
/// p ~ Beta(a, b); everyone is observed for `t` periods from the first purchase.
/// Returns (frequency, recency, T) per customer. Deterministic for a seed.
///
/// ```
/// let (x, tx, t) = cxkit::data::simulate_bgnbd(1, 100, [0.25, 4.0, 0.8, 2.5], 52.0);
/// assert_eq!(x.len(), 100);
/// assert!(x.iter().zip(&tx).all(|(x, tx)| *x > 0.0 || *tx == 0.0));
/// ```
pub fn simulate_bgnbd(
    seed: u64,
    customers: usize,
    [r, alpha, a, b]: [f64; 4],
    t: f64,
) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    use rand_distr::{Beta, Exp, Gamma};
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let rate = Gamma::new(r, 1.0 / alpha).expect("positive shape and scale");
    let dropout = Beta::new(a, b).expect("positive shapes");
    let (mut xs, mut txs, mut ts) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..customers {
        let lambda: f64 = rate.sample(&mut rng);
        let p: f64 = dropout.sample(&mut rng);
        let gap = Exp::new(lambda.max(1e-12)).expect("positive rate");
        let (mut now, mut x, mut last) = (0.0f64, 0.0, 0.0);
        loop {
            now += gap.sample(&mut rng);
            if now > t {
                break;
            }
            x += 1.0;
            last = now;
            if rng.random::<f64>() < p {
                break;
            }
        }
        xs.push(x);
        txs.push(last);
        ts.push(t);
    }
    (xs, txs, ts)
}

/// Repeat-purchase histories simulated from the Pareto/NBD model: each customer buys at a rate
/// λ ~ Gamma(r, rate α) for an exponential lifetime with rate μ ~ Gamma(s, rate β), observed
/// for `t` periods from the first purchase. Returns (frequency, recency, T) per customer.
///
/// ```
/// let (x, tx, t) = cxkit::data::simulate_pareto_nbd(1, 100, [0.55, 10.0, 0.6, 12.0], 52.0);
/// assert!(x.iter().zip(&tx).all(|(x, tx)| *x > 0.0 || *tx == 0.0));
/// ```
pub fn simulate_pareto_nbd(
    seed: u64,
    customers: usize,
    [r, alpha, s, beta]: [f64; 4],
    t: f64,
) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    use rand_distr::{Exp, Gamma};
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let rate = Gamma::new(r, 1.0 / alpha).expect("positive shape and scale");
    let death = Gamma::new(s, 1.0 / beta).expect("positive shape and scale");
    let (mut xs, mut txs, mut ts) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..customers {
        let lambda: f64 = rate.sample(&mut rng);
        let mu: f64 = death.sample(&mut rng);
        let lifetime = Exp::new(mu.max(1e-12))
            .expect("positive rate")
            .sample(&mut rng);
        let end = lifetime.min(t);
        let gap = Exp::new(lambda.max(1e-12)).expect("positive rate");
        let (mut now, mut x, mut last) = (0.0f64, 0.0, 0.0);
        loop {
            now += gap.sample(&mut rng);
            if now > end {
                break;
            }
            x += 1.0;
            last = now;
        }
        xs.push(x);
        txs.push(last);
        ts.push(t);
    }
    (xs, txs, ts)
}
