//! Criterion benches of customer lifetime value (DESIGN.md target: ≥ 20× lifetimes at equal
//! log-likelihood; the Python comparison is benches/peers/run.py): the summary of 10 M
//! transactions, BG/NBD and Gamma-Gamma fits on 1 M customers, and predictions for them.
//! Run with `cargo bench -p cxkit --bench clv`.
#![allow(missing_docs)] // criterion_group! generates an undocumented function

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use cxkit::clv::{summarize_transactions, BetaGeo, FitOptions, GammaGamma, Period, SummaryOptions};
use cxkit::data::simulate_bgnbd;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn clv(c: &mut Criterion) {
    let mut g = c.benchmark_group("clv");
    g.sample_size(10);

    let mut rng = ChaCha8Rng::seed_from_u64(5);
    let rows = 10_000_000;
    let customer: Vec<u64> = (0..rows).map(|_| rng.random_range(0..1_000_000)).collect();
    let day: Vec<i64> = (0..rows)
        .map(|_| rng.random_range(19_000..19_730))
        .collect();
    let amount: Vec<f64> = (0..rows).map(|_| rng.random_range(1.0..200.0)).collect();
    let options = SummaryOptions {
        period: Period::Week,
        observation_end: 19_730,
        calibration_end: None,
    };
    g.bench_function("summary_10M_transactions", |b| {
        b.iter(|| {
            summarize_transactions(black_box(&customer), &day, Some(&amount), &options).unwrap()
        })
    });

    let (x, tx, t) = simulate_bgnbd(11, 1_000_000, [0.25, 4.0, 0.8, 2.5], 52.0);
    let fit = FitOptions::default();
    g.bench_function("bgnbd_fit_1M", |b| {
        b.iter(|| BetaGeo::fit(black_box(&x), &tx, &t, &fit).unwrap())
    });
    let bg = BetaGeo::fit(&x, &tx, &t, &fit).unwrap();
    g.bench_function("bgnbd_expected_purchases_1M", |b| {
        b.iter(|| {
            bg.expected_purchases_all(39.0, black_box(&x), &tx, &t)
                .unwrap()
        })
    });
    let m: Vec<f64> = x
        .iter()
        .map(|&xi| {
            if xi > 0.0 {
                rng.random_range(5.0..100.0)
            } else {
                0.0
            }
        })
        .collect();
    g.bench_function("gamma_gamma_fit_1M", |b| {
        b.iter(|| GammaGamma::fit(black_box(&x), &m, &fit).unwrap())
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default();
    targets = clv
}
criterion_main!(benches);
