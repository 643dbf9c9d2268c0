//! Criterion bench of reliability and key drivers on 1 M respondents × 22 items (issue 6:
//! at least 10× pingouin / numpy). Run with `cargo bench -p cxkit --bench quality`.
#![allow(missing_docs)] // criterion_group! generates an undocumented function

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use cxkit::drivers::{key_drivers, DriverOptions};
use cxkit::reliability::{cronbach_alpha, AlphaOptions};
use ndarray::Array2;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

/// 22 items loading on one latent satisfaction, as benches/peers/run.py makes them.
fn survey(n: usize) -> (Array2<f64>, Vec<f64>) {
    let mut rng = ChaCha8Rng::seed_from_u64(6);
    let normal = Normal::new(0.0, 1.0).unwrap();
    let latent: Vec<f64> = (0..n).map(|_| normal.sample(&mut rng)).collect();
    let x = Array2::from_shape_fn((n, 22), |(i, j)| {
        (4.0 + latent[i] * (0.5 + j as f64 / 44.0) + normal.sample(&mut rng)).round()
    });
    let y = latent
        .iter()
        .map(|l| 5.0 + 2.0 * l + normal.sample(&mut rng))
        .collect();
    (x, y)
}

fn quality(c: &mut Criterion) {
    let (x, y) = survey(1_000_000);
    let mut g = c.benchmark_group("quality_1M_x22");
    g.sample_size(10);
    g.bench_function("cronbach_alpha", |b| {
        b.iter(|| cronbach_alpha(black_box(x.view()), &AlphaOptions::default()).unwrap())
    });
    let o = DriverOptions {
        shapley: Some(false),
        ..DriverOptions::default()
    };
    g.bench_function("relative_weights", |b| {
        b.iter(|| key_drivers(black_box(x.view()), &y, &o).unwrap())
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default();
    targets = quality
}
criterion_main!(benches);
