//! Criterion bench of RFM scoring and value tiers on 10 M customers (issue 5: well under a
//! second) and of k-means and the sampled silhouette on 1 M customers × 8 features, k = 8.
//! Run with `cargo bench -p cxkit --bench segment`.
#![allow(missing_docs)] // criterion_group! generates an undocumented function

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use cxkit::segment::{
    rfm_scores, silhouette_score, value_tiers, KMeans, KMeansOptions, RfmOptions, RfmSegmentMap,
    SilhouetteOptions, TierCuts,
};
use ndarray::Array2;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

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

/// k overlapping groups of customers in 8 behaviour features (as benches/peers/run.py).
fn behaviour(n: usize) -> Array2<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    let normal = Normal::new(0.0, 1.0).unwrap();
    let centres: Vec<f64> = (0..64).map(|_| 2.5 * normal.sample(&mut rng)).collect();
    Array2::from_shape_fn((n, 8), |(i, j)| {
        centres[(i % 8) * 8 + j] + normal.sample(&mut rng)
    })
}

fn clustering(c: &mut Criterion) {
    let x = behaviour(1_000_000);
    let mut g = c.benchmark_group("kmeans_1M_x8");
    g.sample_size(10);
    g.bench_function("fit_k8", |b| {
        b.iter(|| KMeans::fit(black_box(x.view()), None, &KMeansOptions::new(8)).unwrap())
    });
    let labels = KMeans::fit(x.view(), None, &KMeansOptions::new(8))
        .unwrap()
        .labels;
    let sample = SilhouetteOptions {
        sample_size: Some(10_000),
        seed: 0,
    };
    g.bench_function("silhouette_sample_10k", |b| {
        b.iter(|| silhouette_score(black_box(x.view()), &labels, &sample).unwrap())
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default();
    targets = segment, clustering
}
criterion_main!(benches);
