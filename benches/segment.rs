//! Criterion bench of RFM scoring on 10 M customers (issue 5: well under a second).
//! Run with `cargo bench -p cxkit --bench segment`.
#![allow(missing_docs)] // criterion_group! generates an undocumented function

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use cxkit::segment::{rfm_scores, value_tiers, RfmOptions, RfmSegmentMap, TierCuts};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn segment(c: &mut Criterion) {
    let mut rng = ChaCha8Rng::seed_from_u64(9);
    let n = 10_000_000;
    let recency: Vec<f64> = (0..n)
        .map(|_| f64::from(rng.random_range(0..730u32)))
        .collect();
    let frequency: Vec<f64> = (0..n)
        .map(|_| f64::from(rng.random_range(1..60u32)))
        .collect();
    let monetary: Vec<f64> = (0..n).map(|_| rng.random_range(1.0..5_000.0)).collect();
    let (o, map) = (RfmOptions::default(), RfmSegmentMap::default());
    let mut g = c.benchmark_group("segment_10M");
    g.sample_size(10);
    g.bench_function("rfm_scores", |b| {
        b.iter(|| rfm_scores(black_box(&recency), &frequency, &monetary, &o, &map).unwrap())
    });
    g.bench_function("value_tiers", |b| {
        b.iter(|| value_tiers(black_box(&monetary), &TierCuts::default()).unwrap())
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default();
    targets = segment
}
criterion_main!(benches);
