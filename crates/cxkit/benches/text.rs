//! Criterion bench of the comment pipeline (issue 23): tokenising, tagging with the default
//! taxonomy and folding into a topic accumulator, on 100 000 comments of about 60
//! characters built from the demo bank's. Run with `cargo bench -p cxkit --bench text`;
//! `scripts/bench-peers.sh --only tokenising tagging` sets the first two beside Python
//! jieba and pandas `str.contains` on 1 M comments.
#![allow(missing_docs)] // criterion_group! generates an undocumented function

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use cxkit::data::demo_bank;
use cxkit::text::{default_tokenizer, ImpactOptions, Lexicon, Taxonomy, TopicAccumulator};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// `n` comments of 55 characters or more, each the demo bank's clauses drawn at random.
fn comments(n: usize) -> (Vec<String>, Vec<f64>) {
    let bank = demo_bank(2026, 2_000).unwrap();
    let clauses: Vec<&str> = bank
        .comments
        .as_ref()
        .unwrap()
        .text
        .iter()
        .flat_map(|t| t.split(['，', '。', '！']))
        .filter(|c| c.chars().count() >= 4)
        .collect();
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let texts = (0..n)
        .map(|_| {
            let mut t = String::new();
            while t.chars().count() < 55 {
                t.push_str(clauses[rng.random_range(0..clauses.len())]);
                t.push('，');
            }
            t
        })
        .collect();
    let scores = (0..n)
        .map(|_| f64::from(rng.random_range(0..=10u8)))
        .collect();
    (texts, scores)
}

fn text(c: &mut Criterion) {
    let n = 100_000;
    let (texts, scores) = comments(n);
    let taxonomy = Taxonomy::default_bank();
    let mut g = c.benchmark_group("text");
    g.sample_size(10);
    g.throughput(Throughput::Elements(n as u64));
    g.bench_function("tokenize_100k_comments", |b| {
        b.iter(|| cxkit::text::tokenize(black_box(&texts)))
    });
    g.bench_function("segment_100k_comments_one_core", |b| {
        let t = default_tokenizer();
        b.iter(|| {
            black_box(&texts)
                .iter()
                .map(|s| t.segment(s).len())
                .sum::<usize>()
        })
    });
    g.bench_function("tag_100k_comments", |b| {
        b.iter(|| taxonomy.tag_all(black_box(&texts)).unwrap())
    });
    g.bench_function("flags_100k_comments", |b| {
        b.iter(|| taxonomy.flags(black_box(&texts)).unwrap())
    });
    g.bench_function("accumulate_100k_comments", |b| {
        b.iter(|| {
            let mut acc = TopicAccumulator::new(
                &taxonomy,
                &Lexicon::default_bank(),
                &ImpactOptions::default(),
            )
            .unwrap();
            acc.add::<_, &str>(black_box(&texts), Some(&scores), None)
                .unwrap();
            acc
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default();
    targets = text
}
criterion_main!(benches);
