//! Criterion bench of PLS path modelling (issue 22: 250 × 24 well under 1 ms, 5,000
//! bootstrap resamples of it under 1 s, 1 M respondents × 30 indicators under 0.5 s). Run with
//! `cargo bench -p cxkit --bench pls`.
#![allow(missing_docs)] // criterion_group! generates an undocumented function

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use cxkit::pls::{bootstrap, pls_pm, BootstrapOptions, Construct, PlsModel, PlsOptions};
use ndarray::Array2;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

/// A satisfaction chain of `k` constructs with 6 items each (image → expectation → quality →
/// value → satisfaction → loyalty), `n` respondents, items on 1–10.
fn chain(n: usize, k: usize) -> (PlsModel, Array2<f64>, Vec<String>) {
    let mut rng = ChaCha8Rng::seed_from_u64(22);
    let normal = Normal::new(0.0, 1.0).unwrap();
    let mut latent = Array2::<f64>::zeros((n, k));
    for r in 0..n {
        let mut prev = normal.sample(&mut rng);
        for c in 0..k {
            latent[[r, c]] = prev;
            prev = 0.6 * prev + 0.8 * normal.sample(&mut rng);
        }
    }
    let items = 6;
    let data = Array2::from_shape_fn((n, k * items), |(r, j)| {
        (5.5 + 1.5 * latent[[r, j / items]] + normal.sample(&mut rng))
            .round()
            .clamp(1.0, 10.0)
    });
    let columns: Vec<String> = (0..k * items)
        .map(|j| format!("c{}_{}", j / items, j % items))
        .collect();
    let constructs = (0..k)
        .map(|c| Construct {
            name: format!("C{c}"),
            indicators: columns[c * items..(c + 1) * items].to_vec(),
            mode: Default::default(),
        })
        .collect();
    let names: Vec<String> = (0..k).map(|c| format!("C{c}")).collect();
    let paths: Vec<(&str, &str)> = (1..k)
        .map(|c| (names[c - 1].as_str(), names[c].as_str()))
        .collect();
    (PlsModel::new(constructs, &paths).unwrap(), data, columns)
}

fn pls(c: &mut Criterion) {
    let o = PlsOptions::default();
    let (model, data, columns) = chain(250, 4);
    let mut g = c.benchmark_group("pls");
    g.sample_size(20);
    g.bench_function("estimate_250x24", |b| {
        b.iter(|| pls_pm(&model, black_box(data.view()), &columns, &o).unwrap())
    });
    let boot = BootstrapOptions {
        samples: 5_000,
        ..BootstrapOptions::default()
    };
    g.bench_function("bootstrap_5000_of_250x24", |b| {
        b.iter(|| bootstrap(&model, black_box(data.view()), &columns, &o, &boot).unwrap())
    });
    let (model, data, columns) = chain(1_000_000, 5);
    g.sample_size(10);
    g.bench_function("estimate_1M_x30", |b| {
        b.iter(|| pls_pm(&model, black_box(data.view()), &columns, &o).unwrap())
    });
    g.finish();
}

criterion_group!(benches, pls);
criterion_main!(benches);
