//! k-means and silhouettes against scikit-learn's values, stored in
//! tests/fixtures/sklearn_segment.json (in this crate) by tests/fixtures/make_sklearn_segment.py.

use cxkit::segment::{
    silhouette_samples, silhouette_score, KMeans, KMeansOptions, SilhouetteOptions,
};
use ndarray::Array2;
use serde_json::Value;

struct Case {
    name: String,
    k: usize,
    x: Array2<f64>,
    weights: Option<Vec<f64>>,
    inertia: f64,
    labels: Vec<u32>,
    silhouette: Option<f64>,
    samples: Option<Vec<f64>>,
}

fn cases() -> Vec<Case> {
    let json: Value = serde_json::from_str(include_str!("fixtures/sklearn_segment.json")).unwrap();
    let floats = |v: &Value| -> Vec<f64> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .collect()
    };
    json["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let rows: Vec<Vec<f64>> = c["X"].as_array().unwrap().iter().map(floats).collect();
            let d = rows[0].len();
            Case {
                name: c["name"].as_str().unwrap().to_string(),
                k: c["k"].as_u64().unwrap() as usize,
                x: Array2::from_shape_vec((rows.len(), d), rows.concat()).unwrap(),
                weights: (!c["weights"].is_null()).then(|| floats(&c["weights"])),
                inertia: c["inertia"].as_f64().unwrap(),
                labels: c["labels"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|l| l.as_u64().unwrap() as u32)
                    .collect(),
                silhouette: c.get("silhouette").and_then(Value::as_f64),
                samples: c.get("silhouette_samples").map(floats),
            }
        })
        .collect()
}

#[test]
fn kmeans_inertia_is_at_least_as_good_as_scikit_learn() {
    for c in cases() {
        let o = KMeansOptions {
            n_init: 10,
            ..KMeansOptions::new(c.k)
        };
        let m = KMeans::fit(c.x.view(), c.weights.as_deref(), &o).unwrap();
        // Equal or better (lower) inertia than KMeans(n_init=10, random_state=0); on these
        // data both find the same optimum, so the difference is rounding only.
        assert!(
            m.inertia <= c.inertia * (1.0 + 1e-9),
            "{}: {} vs scikit-learn {}",
            c.name,
            m.inertia,
            c.inertia
        );
        assert!(
            (m.inertia - c.inertia).abs() <= 1e-9 * c.inertia,
            "{}: {} vs {}",
            c.name,
            m.inertia,
            c.inertia
        );
        // The same partition up to renaming of the clusters.
        let mut pairs: Vec<(u32, u32)> = m.labels.iter().copied().zip(c.labels.clone()).collect();
        pairs.sort_unstable();
        pairs.dedup();
        assert_eq!(pairs.len(), c.k, "{}: partitions differ", c.name);
    }
}

#[test]
fn silhouettes_equal_scikit_learn() {
    for c in cases() {
        let (Some(score), Some(samples)) = (c.silhouette, &c.samples) else {
            continue;
        };
        let ours = silhouette_score(c.x.view(), &c.labels, &SilhouetteOptions::default()).unwrap();
        assert!(
            (ours - score).abs() < 1e-12,
            "{}: {ours} vs {score}",
            c.name
        );
        let each = silhouette_samples(c.x.view(), &c.labels).unwrap();
        for (i, (a, b)) in each.iter().zip(samples).enumerate() {
            assert!((a - b).abs() < 1e-12, "{} row {i}: {a} vs {b}", c.name);
        }
    }
}
