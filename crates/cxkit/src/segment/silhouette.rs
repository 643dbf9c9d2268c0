//! Silhouette coefficients (Rousseeuw 1987) of a clustering, exact or on a random sample.

use ndarray::ArrayView2;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::rank::check_samples;
use crate::{Error, Result};

/// Options of [`silhouette_score`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SilhouetteOptions {
    /// Score a random sample of this many rows instead of all of them (the exact score costs
    /// n² distances; a sample of a few thousand rows is the usual choice beyond ~20 000 rows).
    /// `None` (the default) or a size of at least n scores every row.
    pub sample_size: Option<usize>,
    /// Seed of the sample.
    pub seed: u64,
}

/// Dense cluster codes 0..k of `labels` in order of first appearance, and k.
fn dense_codes(labels: &[u32]) -> (Vec<u32>, usize) {
    let mut seen = std::collections::HashMap::new();
    let codes = labels
        .iter()
        .map(|l| {
            let next = seen.len() as u32;
            *seen.entry(*l).or_insert(next)
        })
        .collect();
    (codes, seen.len())
}

/// Checks the shapes, the values and scikit-learn's rule 2 ≤ clusters ≤ n − 1.
fn check(x: &ArrayView2<f64>, labels: &[u32]) -> Result<()> {
    if labels.len() != x.nrows() {
        return Err(Error::LengthMismatch {
            what: "labels (one per sample)",
            expected: x.nrows(),
            actual: labels.len(),
        });
    }
    check_samples(x)
}

/// Silhouette of every row of `x` (samples × features) under `labels`, with Euclidean
/// distances: s = (b − a) / max(a, b), a the mean distance to the other members of its
/// cluster, b the smallest mean distance to another cluster's members. A member of a
/// one-point cluster scores 0, and so does a row with a = b = 0 (duplicates), as in
/// scikit-learn. Needs between 2 and n − 1 distinct labels.
///
/// ```
/// use cxkit::segment::silhouette_samples;
/// use ndarray::array;
///
/// // Points 0, 1 | 4: for x=0, a = 1 and b = 4, so s = (4 − 1)/4 = 0.75.
/// let x = array![[0.0], [1.0], [4.0]];
/// let s = silhouette_samples(x.view(), &[0, 0, 1])?;
/// assert!((s[0] - 0.75).abs() < 1e-12);
/// assert_eq!(s[2], 0.0); // alone in its cluster
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn silhouette_samples(x: ArrayView2<f64>, labels: &[u32]) -> Result<Vec<f64>> {
    check(&x, labels)?;
    let rows: Vec<usize> = (0..x.nrows()).collect();
    samples_of(&x, labels, &rows)
}

/// Silhouettes of the rows `rows` of `x`, within those rows only.
fn samples_of(x: &ArrayView2<f64>, labels: &[u32], rows: &[usize]) -> Result<Vec<f64>> {
    let picked: Vec<u32> = rows.iter().map(|&i| labels[i]).collect();
    let (codes, k) = dense_codes(&picked);
    let n = rows.len();
    if k < 2 || k + 1 > n {
        return Err(Error::InvalidParameter {
            name: "labels",
            reason: format!(
                "the silhouette needs between 2 and n − 1 = {} distinct labels, got {k}",
                n.saturating_sub(1)
            ),
        });
    }
    let mut sizes = vec![0usize; k];
    for &c in &codes {
        sizes[c as usize] += 1;
    }
    // The rows gathered into one flat buffer, so the n² loop runs over contiguous memory.
    let d = x.ncols();
    let mut flat: Vec<f64> = Vec::with_capacity(n * d);
    for &i in rows {
        flat.extend(x.row(i).iter());
    }
    let row = |i: usize| &flat[i * d..(i + 1) * d];
    Ok((0..n)
        .into_par_iter()
        .map_init(
            || vec![0.0f64; k],
            |sums, i| {
                sums.iter_mut().for_each(|s| *s = 0.0);
                let xi = row(i);
                for (xj, &c) in flat.chunks_exact(d).zip(&codes) {
                    let d: f64 = xi.iter().zip(xj).map(|(a, b)| (a - b) * (a - b)).sum();
                    sums[c as usize] += d.sqrt();
                }
                let own = codes[i] as usize;
                if sizes[own] == 1 {
                    return 0.0;
                }
                let a = sums[own] / (sizes[own] - 1) as f64;
                let b = (0..k)
                    .filter(|&c| c != own)
                    .map(|c| sums[c] / sizes[c] as f64)
                    .fold(f64::INFINITY, f64::min);
                let m = a.max(b);
                if m > 0.0 {
                    (b - a) / m
                } else {
                    0.0
                }
            },
        )
        .collect())
}

/// Mean silhouette of a clustering (see [`silhouette_samples`]), over every row or over a
/// seeded random sample of `options.sample_size` rows drawn without replacement (the
/// silhouette of the sample, within the sample, as scikit-learn's `sample_size`).
///
/// ```
/// use cxkit::segment::{silhouette_score, SilhouetteOptions};
/// use ndarray::array;
///
/// // Two pairs 10 apart: a = 1, b = (10 + 11)/2 or (10 + 9)/2 per point.
/// let x = array![[0.0], [1.0], [10.0], [11.0]];
/// let s = silhouette_score(x.view(), &[0, 0, 1, 1], &SilhouetteOptions::default())?;
/// // s = mean(1 − 1/10.5, 1 − 1/9.5, 1 − 1/9.5, 1 − 1/10.5)
/// let expected = 1.0 - (1.0 / 10.5 + 1.0 / 9.5) / 2.0;
/// assert!((s - expected).abs() < 1e-12);
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn silhouette_score(
    x: ArrayView2<f64>,
    labels: &[u32],
    options: &SilhouetteOptions,
) -> Result<f64> {
    check(&x, labels)?;
    let n = x.nrows();
    let rows: Vec<usize> = match options.sample_size {
        Some(s) if s < n => {
            let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
            let mut picked = rand::seq::index::sample(&mut rng, n, s).into_vec();
            picked.sort_unstable();
            picked
        }
        _ => (0..n).collect(),
    };
    let s = samples_of(&x, labels, &rows)?;
    Ok(s.iter().sum::<f64>() / s.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{array, Array2};

    #[test]
    fn hand_computed_and_edge_cases() {
        // 1-D points 0, 2 | 5, 6, 9 (Euclidean = |difference|):
        // x=0: a = 2, b = (5+6+9)/3 = 20/3 → 1 − 2/(20/3) = 0.7
        // x=2: a = 2, b = (3+4+7)/3 = 14/3 → 1 − 2/(14/3) = 4/7
        // x=5: a = (1+4)/2 = 2.5, b = (5+3)/2 = 4 → 1 − 2.5/4 = 0.375
        // x=6: a = (1+3)/2 = 2, b = (6+4)/2 = 5 → 0.6
        // x=9: a = (4+3)/2 = 3.5, b = (9+7)/2 = 8 → 1 − 3.5/8 = 0.5625
        let x = array![[0.0], [2.0], [5.0], [6.0], [9.0]];
        let labels = [7, 7, 3, 3, 3]; // any label values
        let s = silhouette_samples(x.view(), &labels).unwrap();
        let expected = [0.7, 4.0 / 7.0, 0.375, 0.6, 0.5625];
        for (a, b) in s.iter().zip(expected) {
            assert!((a - b).abs() < 1e-12, "{s:?}");
        }
        let mean = silhouette_score(x.view(), &labels, &SilhouetteOptions::default()).unwrap();
        assert!((mean - expected.iter().sum::<f64>() / 5.0).abs() < 1e-12);
        // A point whose own cluster is farther than the other: negative.
        let s = silhouette_samples(x.view(), &[0, 1, 1, 1, 1]).unwrap();
        assert_eq!(s[0], 0.0); // singleton
        assert!(s[1] < 0.0); // 2 is nearer 0 than to 5, 6, 9
                             // Duplicates only: a = b = 0 → 0, not NaN.
        let d = array![[1.0], [1.0], [1.0], [1.0]];
        assert_eq!(
            silhouette_samples(d.view(), &[0, 0, 1, 1]).unwrap(),
            vec![0.0; 4]
        );
    }

    #[test]
    fn bad_input() {
        let x = array![[0.0], [1.0], [2.0]];
        // One label, and as many labels as samples, are both undefined (scikit-learn).
        for labels in [[0, 0, 0], [0, 1, 2]] {
            assert!(matches!(
                silhouette_samples(x.view(), &labels),
                Err(Error::InvalidParameter { name: "labels", .. })
            ));
        }
        assert!(matches!(
            silhouette_samples(x.view(), &[0, 1]),
            Err(Error::LengthMismatch { .. })
        ));
        let nan = array![[0.0], [f64::NAN], [2.0]];
        assert!(matches!(
            silhouette_samples(nan.view(), &[0, 0, 1]),
            Err(Error::InvalidParameter { name: "X", .. })
        ));
    }

    #[test]
    fn sampled_score_is_seeded_and_close_to_the_exact_one() {
        let mut rows = Vec::new();
        let mut labels = Vec::new();
        for i in 0..600u32 {
            let g = i % 3;
            let jitter = ((i * 7919) % 101) as f64 / 50.0;
            rows.extend([g as f64 * 10.0 + jitter, (i % 13) as f64 / 6.0]);
            labels.push(g);
        }
        let x = Array2::from_shape_vec((600, 2), rows).unwrap();
        let exact = silhouette_score(x.view(), &labels, &SilhouetteOptions::default()).unwrap();
        let o = SilhouetteOptions {
            sample_size: Some(200),
            seed: 3,
        };
        let a = silhouette_score(x.view(), &labels, &o).unwrap();
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        assert_eq!(
            a,
            one.install(|| silhouette_score(x.view(), &labels, &o).unwrap())
        );
        assert!((a - exact).abs() < 0.03, "{a} vs {exact}");
        let all = SilhouetteOptions {
            sample_size: Some(600),
            seed: 3,
        };
        assert_eq!(silhouette_score(x.view(), &labels, &all).unwrap(), exact);
    }
}
