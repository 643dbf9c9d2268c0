//! Synthetic customer panels — repeat-purchase histories drawn from the BG/NBD and Pareto/NBD
//! models — for examples, tests and benchmarks of lifetime value.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::Distribution;

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
