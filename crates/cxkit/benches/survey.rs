//! Criterion benches of the cxkit core.
//!
//! Survey scoring on 10 M scores (DESIGN.md performance targets):
//! NPS from u8 and f64 scores, weighted NPS, and CSAT top-box. Run with
//! `cargo bench -p cxkit --bench survey`; compare with numpy in benches/peers/.

#![allow(missing_docs)] // criterion_group! generates an undocumented function

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use cxkit::survey::{nps, top_box, NpsOptions, TopBoxOptions};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const N: usize = 10_000_000;

fn survey(c: &mut Criterion) {
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let ltr: Vec<u8> = (0..N).map(|_| rng.random_range(0..=10)).collect();
    let ltr_f64: Vec<f64> = ltr.iter().map(|&x| f64::from(x)).collect();
    let sat: Vec<u8> = (0..N).map(|_| rng.random_range(1..=5)).collect();
    let weights: Vec<f64> = (0..N).map(|_| rng.random_range(0.5..2.0)).collect();

    let mut g = c.benchmark_group("survey_10M");
    g.sample_size(20);
    g.throughput(Throughput::Elements(N as u64));
    let o = NpsOptions::default();
    g.bench_function("nps_u8", |b| {
        b.iter(|| nps(black_box(&ltr), None, &o).unwrap())
    });
    g.bench_function("nps_f64", |b| {
        b.iter(|| nps(black_box(&ltr_f64), None, &o).unwrap())
    });
    g.bench_function("nps_u8_weighted", |b| {
        b.iter(|| nps(black_box(&ltr), Some(&weights), &o).unwrap())
    });
    let t = TopBoxOptions::default();
    g.bench_function("top_box_u8", |b| {
        b.iter(|| top_box(black_box(&sat), None, &t).unwrap())
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default();
    targets = survey
}
criterion_main!(benches);
