//! Criterion bench of KANO analysis on 1 M respondents × 20 features (DESIGN.md target:
//! ≥ 20× a pandas crosstab; the Python comparison is benches/peers/run.py). Run with
//! `cargo bench -p cxkit --bench kano`.
#![allow(missing_docs)] // criterion_group! generates an undocumented function

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use cxkit::kano::{analyze, classify_all, KanoOptions};
use ndarray::Array2;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const RESPONDENTS: usize = 1_000_000;
const FEATURES: usize = 20;

fn kano(c: &mut Criterion) {
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    let mut answers =
        || Array2::from_shape_simple_fn((RESPONDENTS, FEATURES), || rng.random_range(1u8..=5));
    let (f, d) = (answers(), answers());
    let o = KanoOptions::default();
    let mut g = c.benchmark_group("kano_1M_x_20");
    g.sample_size(10);
    g.throughput(Throughput::Elements((RESPONDENTS * FEATURES) as u64));
    g.bench_function("analyze", |b| {
        b.iter(|| analyze(black_box(f.view()), d.view(), None, &o).unwrap())
    });
    g.bench_function("classify_all", |b| {
        b.iter(|| classify_all(black_box(f.view()), d.view(), &o).unwrap())
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default();
    targets = kano
}
criterion_main!(benches);
