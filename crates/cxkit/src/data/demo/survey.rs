//! A synthetic two-wave branch survey (NPS, CSAT and CES answers with survey weights), for
//! examples and benchmarks of survey scoring.

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
