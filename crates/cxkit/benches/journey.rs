//! Criterion bench of folding journey events (issue 7: at least 10 M events per second per
//! core). Run with `cargo bench -p cxkit --bench journey`.
#![allow(missing_docs)] // criterion_group! generates an undocumented function

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use cxkit::journey::{IndicatorTree, JourneyState, RejectPolicy};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const TREE: &str = r#"{"journeys": [{"id": "j", "stages": [{"id": "s", "touchpoints": [
  {"id": "app", "indicators": [
    {"id": "csat", "kind": {"type": "mean"}, "scale": [1, 5]},
    {"id": "ok", "kind": {"type": "rate"}},
    {"id": "nps", "kind": {"type": "nps"}}]},
  {"id": "branch", "indicators": [
    {"id": "top", "kind": {"type": "top_box", "threshold": 4}},
    {"id": "visits", "kind": {"type": "count"}, "scale": [0, 1000]}]}]}]}]}"#;

fn fold(c: &mut Criterion) {
    let tree = IndicatorTree::from_json(TREE).unwrap();
    let n = 10_000_000;
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    // A stream as it arrives: time-ordered over 90 days, indicators and segments mixed.
    let ts: Vec<i64> = (0..n as i64).map(|i| i * 90 * 86_400 / n as i64).collect();
    let ind: Vec<u32> = (0..n).map(|_| rng.random_range(0..5)).collect();
    let seg: Vec<u32> = (0..n).map(|_| rng.random_range(0..8)).collect();
    let val: Vec<f64> = ind
        .iter()
        .map(|&i| match i {
            0 | 3 => f64::from(rng.random_range(1..=5u8)),
            1 => f64::from(rng.random_range(0..=1u8)),
            2 => f64::from(rng.random_range(0..=10u8)),
            _ => 1.0,
        })
        .collect();
    let mut g = c.benchmark_group("journey");
    g.sample_size(10);
    g.throughput(Throughput::Elements(n as u64));
    g.bench_function("fold_10M_events_one_core", |b| {
        b.iter(|| {
            let mut st = JourneyState::new(&tree);
            st.update(black_box(&ind), &ts, &val, Some(&seg), RejectPolicy::Error)
                .unwrap();
            st
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default();
    targets = fold
}
criterion_main!(benches);
