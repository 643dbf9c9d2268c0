//! k-means clustering (Lloyd's algorithm) with greedy k-means++ initialisation, restarts,
//! sample weights and optional standardisation, deterministic for a seed on any number of
//! threads. The scan over k that helps choose the number of clusters is beside it, in
//! `scan.rs`.

use ndarray::{Array2, ArrayView2, Axis, CowArray, Ix2};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::rank::check_samples;
use crate::{Error, Result};

/// Rows per parallel chunk of an assignment step.
const CHUNK: usize = 8192;

/// Options of [`KMeans::fit`] (scikit-learn's names and defaults).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct KMeansOptions {
    /// Number of clusters k.
    pub n_clusters: usize,
    /// Restarts from different k-means++ seeds; the lowest inertia wins. Default 1.
    pub n_init: usize,
    /// Most Lloyd iterations per restart. Default 300.
    pub max_iter: usize,
    /// Convergence when the squared shift of all centres is at most `tol` times the mean
    /// feature variance. Default 1e-4.
    pub tol: f64,
    /// Seed of the initialisation. Default 0.
    pub seed: u64,
    /// Z-score the features first (centres are reported in the original units). Default false.
    pub standardize: bool,
}

impl KMeansOptions {
    /// Options for `k` clusters, otherwise the defaults.
    pub fn new(k: usize) -> KMeansOptions {
        KMeansOptions {
            n_clusters: k,
            n_init: 1,
            max_iter: 300,
            tol: 1e-4,
            seed: 0,
            standardize: false,
        }
    }
}

/// Kind byte of a k-means model's bytes.
const KMEANS_TAG: u8 = 11;

/// A fitted k-means model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KMeans {
    /// Cluster centres, k × features, in the data's units.
    pub centers: Array2<f64>,
    /// Cluster of each training row.
    pub labels: Vec<u32>,
    /// Σ wᵢ‖xᵢ − c(ᵢ)‖², in the fitted (standardised, if asked) space.
    pub inertia: f64,
    /// Lloyd iterations of the winning restart.
    pub iterations: usize,
    /// Feature means and standard deviations used to standardise (None without).
    pub scaling: Option<(Vec<f64>, Vec<f64>)>,
}

fn squared_distance(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum()
}

/// The nearest of the flat k × d `centers` to `row`, and its squared distance.
#[inline]
fn nearest(row: &[f64], centers: &[f64]) -> (usize, f64) {
    let mut best = (0, f64::INFINITY);
    for (c, centre) in centers.chunks_exact(row.len()).enumerate() {
        let d = squared_distance(row, centre);
        if d < best.1 {
            best = (c, d);
        }
    }
    best
}

/// What one pass over the data gathers: per-cluster weighted sums of the members (flat
/// k × d) and their weights, and the inertia.
struct Totals {
    sums: Vec<f64>,
    mass: Vec<f64>,
    inertia: f64,
}

impl Totals {
    fn zero(k: usize, d: usize) -> Totals {
        Totals {
            sums: vec![0.0; k * d],
            mass: vec![0.0; k],
            inertia: 0.0,
        }
    }

    fn add(mut self, other: Totals) -> Totals {
        self.sums
            .iter_mut()
            .zip(&other.sums)
            .for_each(|(a, b)| *a += b);
        self.mass
            .iter_mut()
            .zip(&other.mass)
            .for_each(|(a, b)| *a += b);
        self.inertia += other.inertia;
        self
    }
}

/// One parallel pass (the E and M steps fused, as scikit-learn's Lloyd): writes the nearest
/// centre of each row of the flat n × d `data` into `labels` and returns the members' sums
/// and the inertia. Chunks are fixed-size and summed in order, so the result does not
/// depend on the number of threads.
fn pass(data: &[f64], d: usize, w: &[f64], centers: &[f64], labels: &mut [u32]) -> Totals {
    let k = centers.len() / d;
    let parts: Vec<Totals> = labels
        .par_chunks_mut(CHUNK)
        .zip(data.par_chunks(CHUNK * d))
        .zip(w.par_chunks(CHUNK))
        .map(|((labels, rows), w)| {
            let mut t = Totals::zero(k, d);
            for ((label, row), &wi) in labels.iter_mut().zip(rows.chunks_exact(d)).zip(w) {
                let (c, dist) = nearest(row, centers);
                *label = c as u32;
                t.inertia += wi * dist;
                t.mass[c] += wi;
                for (s, x) in t.sums[c * d..(c + 1) * d].iter_mut().zip(row) {
                    *s += wi * x;
                }
            }
            t
        })
        .collect();
    parts.into_iter().fold(Totals::zero(k, d), Totals::add)
}

/// Index of the first cumulative weight reaching `target` (sampling proportional to weight).
fn draw(cumulative: &[f64], target: f64) -> usize {
    cumulative
        .partition_point(|&c| c < target)
        .min(cumulative.len() - 1)
}

/// Running sums of `closest · w` into `out`; returns the total.
fn cumulate(closest: &[f64], w: &[f64], out: &mut [f64]) -> f64 {
    let mut total = 0.0;
    for ((o, c), w) in out.iter_mut().zip(closest).zip(w) {
        total += c * w;
        *o = total;
    }
    total
}

/// Greedy k-means++ (Arthur & Vassilvitskii 2007, as scikit-learn: 2 + ⌊ln k⌋ candidates
/// drawn proportionally to w·D², the one lowering the potential most is kept). Returns the
/// flat k × d centres.
fn kmeans_plus_plus(data: &[f64], d: usize, w: &[f64], k: usize, rng: &mut ChaCha8Rng) -> Vec<f64> {
    let n = w.len();
    let trials = 2 + (k as f64).ln().floor() as usize;
    let row = |i: usize| &data[i * d..(i + 1) * d];
    let mut cumulative = vec![0.0; n];
    let ones = vec![1.0; n];
    let total = cumulate(&ones, w, &mut cumulative);
    let first = draw(&cumulative, rng.random::<f64>() * total);
    let mut centers = row(first).to_vec();
    let mut closest: Vec<f64> = data
        .par_chunks(d)
        .map(|r| squared_distance(r, row(first)))
        .collect();
    for _ in 1..k {
        let total = cumulate(&closest, w, &mut cumulative);
        let candidates: Vec<usize> = (0..trials)
            .map(|_| draw(&cumulative, rng.random::<f64>() * total))
            .collect();
        // The potential with each candidate added, for all candidates in one pass.
        let potentials = closest
            .par_chunks(CHUNK)
            .zip(data.par_chunks(CHUNK * d))
            .zip(w.par_chunks(CHUNK))
            .map(|((closest, rows), w)| {
                let mut pot = vec![0.0; trials];
                for ((c, r), wi) in closest.iter().zip(rows.chunks_exact(d)).zip(w) {
                    for (p, &cand) in pot.iter_mut().zip(&candidates) {
                        *p += wi * c.min(squared_distance(r, row(cand)));
                    }
                }
                pot
            })
            .collect::<Vec<_>>()
            .into_iter()
            .fold(vec![0.0; trials], |mut a, b| {
                a.iter_mut().zip(b).for_each(|(a, b)| *a += b);
                a
            });
        let best = (0..trials)
            .min_by(|&a, &b| potentials[a].total_cmp(&potentials[b]))
            .expect("at least two trials");
        let chosen = row(candidates[best]);
        closest
            .par_iter_mut()
            .zip(data.par_chunks(d))
            .for_each(|(c, r)| *c = c.min(squared_distance(r, chosen)));
        centers.extend_from_slice(chosen);
    }
    centers
}

/// Validated training data, standardised when asked.
pub(super) struct Prepared<'a> {
    /// Samples × features in standard layout: the caller's array when it already is and no
    /// standardisation is asked, else a copy.
    pub(super) data: CowArray<'a, f64, Ix2>,
    weights: Vec<f64>,
    scaling: Option<(Vec<f64>, Vec<f64>)>,
    /// The convergence tolerance on the squared centre shift.
    tol: f64,
}

pub(super) fn check_options(options: &KMeansOptions, p: &Prepared) -> Result<()> {
    let k = options.n_clusters;
    let n = p.data.nrows();
    if k == 0 || k > n {
        return Err(Error::InvalidParameter {
            name: "n_clusters",
            reason: format!("must be between 1 and the number of samples ({n}), got {k}"),
        });
    }
    let distinct = distinct_points(p, k);
    if distinct < k {
        return Err(Error::InvalidParameter {
            name: "n_clusters",
            reason: format!(
                "{k} clusters need {k} different points, but the samples (with positive \
                 weight) hold only {distinct}: some centres would be copies of others; use \
                 n_clusters ≤ {distinct}"
            ),
        });
    }
    if options.n_init == 0 {
        return Err(Error::InvalidParameter {
            name: "n_init",
            reason: "must be at least 1".into(),
        });
    }
    if options.tol.is_nan() || options.tol < 0.0 {
        return Err(Error::InvalidParameter {
            name: "tol",
            reason: format!("must be a non-negative number, got {}", options.tol),
        });
    }
    Ok(())
}

/// The number of different rows of positive weight, counting no further than `enough`.
fn distinct_points(p: &Prepared, enough: usize) -> usize {
    let mut seen: std::collections::HashSet<Vec<u64>> = std::collections::HashSet::new();
    let mut key: Vec<u64> = Vec::with_capacity(p.data.ncols());
    for (row, &w) in p.data.rows().into_iter().zip(&p.weights) {
        if w <= 0.0 {
            continue;
        }
        key.clear();
        // −0.0 and 0.0 are one point.
        key.extend(row.iter().map(|&v| (v + 0.0).to_bits()));
        if !seen.contains(key.as_slice()) {
            seen.insert(key.clone());
            if seen.len() >= enough {
                break;
            }
        }
    }
    seen.len()
}

/// (x − mean) / sd, feature by feature, in place.
fn standardize(data: &mut Array2<f64>, means: &[f64], sds: &[f64]) {
    data.axis_iter_mut(Axis(0))
        .into_par_iter()
        .for_each(|mut row| {
            for ((v, m), s) in row.iter_mut().zip(means).zip(sds) {
                *v = (*v - m) / s;
            }
        });
}

pub(super) fn prepare<'a>(
    x: ArrayView2<'a, f64>,
    weights: Option<&[f64]>,
    options: &KMeansOptions,
) -> Result<Prepared<'a>> {
    let (n, d) = x.dim();
    if n == 0 || d == 0 {
        return Err(Error::EmptyInput {
            what: "samples and features",
        });
    }
    check_samples(&x)?;
    let weights: Vec<f64> = match weights {
        None => vec![1.0; n],
        Some(w) if w.len() != n => {
            return Err(Error::LengthMismatch {
                what: "sample weights",
                expected: n,
                actual: w.len(),
            })
        }
        Some(w) => {
            if let Some(i) = w.iter().position(|v| !(v.is_finite() && *v >= 0.0)) {
                return Err(Error::InvalidWeight {
                    index: i,
                    value: w[i],
                });
            }
            w.to_vec()
        }
    };
    let mut data = if x.is_standard_layout() {
        CowArray::from(x)
    } else {
        CowArray::from(x.as_standard_layout().into_owned())
    };
    let means = data.mean_axis(Axis(0)).expect("non-empty");
    let variances = data.var_axis(Axis(0), 0.0);
    let scaling = if options.standardize {
        if let Some(j) = variances.iter().position(|v| *v == 0.0) {
            return Err(Error::InvalidParameter {
                name: "standardize",
                reason: format!("feature {j} has zero variance and cannot be standardised"),
            });
        }
        let sds: Vec<f64> = variances.iter().map(|v| v.sqrt()).collect();
        let mut owned = data.into_owned();
        standardize(&mut owned, means.as_slice().expect("1-D"), &sds);
        data = CowArray::from(owned);
        Some((means.to_vec(), sds))
    } else {
        None
    };
    let tol = options.tol
        * if options.standardize {
            1.0
        } else {
            variances.mean().expect("non-empty")
        };
    Ok(Prepared {
        data,
        weights,
        scaling,
        tol,
    })
}

/// The best of `options.n_init` seeded Lloyd runs: centres (in the prepared space), labels,
/// inertia and iterations.
pub(super) fn lloyd(p: &Prepared, options: &KMeansOptions) -> (Array2<f64>, Vec<u32>, f64, usize) {
    let d = p.data.ncols();
    let data = p
        .data
        .as_slice()
        .expect("prepared data are in standard layout");
    let w = &p.weights;
    let k = options.n_clusters;
    let mut best: Option<(Vec<f64>, Vec<u32>, f64, usize)> = None;
    for run in 0..options.n_init {
        let mut rng = ChaCha8Rng::seed_from_u64(options.seed.wrapping_add(run as u64));
        let mut centers = kmeans_plus_plus(data, d, w, k, &mut rng);
        let mut labels = vec![0u32; w.len()];
        let mut iterations = 0;
        while iterations < options.max_iter {
            iterations += 1;
            let t = pass(data, d, w, &centers, &mut labels);
            // New centres are the members' weighted means; an empty cluster takes the point
            // farthest from its centre (scikit-learn's relocation).
            let mut new_centers = t.sums;
            let mut far: Option<Vec<f64>> = None;
            for (c, &m) in t.mass.iter().enumerate() {
                let centre = &mut new_centers[c * d..(c + 1) * d];
                if m > 0.0 {
                    centre.iter_mut().for_each(|v| *v /= m);
                } else {
                    let dist = far.get_or_insert_with(|| {
                        data.par_chunks(d)
                            .zip(&labels)
                            .map(|(r, &l)| {
                                let l = l as usize;
                                squared_distance(r, &centers[l * d..(l + 1) * d])
                            })
                            .collect()
                    });
                    let i = (0..dist.len())
                        .max_by(|&a, &b| dist[a].total_cmp(&dist[b]))
                        .expect("non-empty");
                    centre.copy_from_slice(&data[i * d..(i + 1) * d]);
                    dist[i] = 0.0;
                }
            }
            let shift = squared_distance(&new_centers, &centers);
            centers = new_centers;
            if shift <= p.tol {
                break;
            }
        }
        // Labels and inertia for the final centres.
        let inertia = pass(data, d, w, &centers, &mut labels).inertia;
        if best.as_ref().is_none_or(|b| inertia < b.2) {
            best = Some((centers, labels, inertia, iterations));
        }
    }
    let (centers, labels, inertia, iterations) = best.expect("n_init ≥ 1");
    let centers = Array2::from_shape_vec((k, d), centers).expect("k × d centres");
    (centers, labels, inertia, iterations)
}

impl KMeans {
    /// Clusters the rows of `x` (samples × features) into `options.n_clusters` clusters, with
    /// optional non-negative sample `weights`.
    ///
    /// ```
    /// use cxkit::segment::{KMeans, KMeansOptions};
    /// use ndarray::array;
    ///
    /// let x = array![[0.0, 0.0], [0.0, 1.0], [10.0, 10.0], [10.0, 11.0]];
    /// let m = KMeans::fit(x.view(), None, &KMeansOptions::new(2))?;
    /// assert_eq!(m.labels[0], m.labels[1]);
    /// assert_ne!(m.labels[0], m.labels[2]);
    /// assert!((m.inertia - 1.0).abs() < 1e-12); // four points, each 0.5 from its centre
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn fit(
        x: ArrayView2<f64>,
        weights: Option<&[f64]>,
        options: &KMeansOptions,
    ) -> Result<KMeans> {
        let p = prepare(x, weights, options)?;
        check_options(options, &p)?;
        Ok(KMeans::from_run(&p, lloyd(&p, options)))
    }

    fn from_run(p: &Prepared, run: (Array2<f64>, Vec<u32>, f64, usize)) -> KMeans {
        let (mut centers, labels, inertia, iterations) = run;
        if let Some((means, sds)) = &p.scaling {
            for mut row in centers.rows_mut() {
                for (j, v) in row.iter_mut().enumerate() {
                    *v = *v * sds[j] + means[j];
                }
            }
        }
        KMeans {
            centers,
            labels,
            inertia,
            iterations,
            scaling: p.scaling.clone(),
        }
    }

    /// The model as versioned bytes: `b"CXKA"`, the format version, kind 11 and its JSON.
    ///
    /// ```
    /// use cxkit::segment::{KMeans, KMeansOptions};
    /// use ndarray::array;
    ///
    /// let x = array![[0.0, 0.0], [0.0, 1.0], [10.0, 10.0], [10.0, 11.0]];
    /// let m = KMeans::fit(x.view(), None, &KMeansOptions::new(2))?;
    /// assert_eq!(KMeans::from_bytes(&m.to_bytes())?, m);
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn to_bytes(&self) -> Vec<u8> {
        crate::bytes::json_bytes(KMEANS_TAG, self)
    }

    /// Reads a model written by [`to_bytes`](Self::to_bytes); [`Error::CorruptBytes`] on
    /// anything else, including centres that are not finite, labels without a centre and
    /// scaling of the wrong length or with a standard deviation that is not positive.
    pub fn from_bytes(bytes: &[u8]) -> Result<KMeans> {
        let m: KMeans = crate::bytes::from_json_bytes(bytes, KMEANS_TAG, "k-means model")?;
        let (k, d) = m.centers.dim();
        let scaling_fits = m.scaling.as_ref().is_none_or(|(means, sds)| {
            means.len() == d
                && sds.len() == d
                && means.iter().all(|v| v.is_finite())
                && sds.iter().all(|v| v.is_finite() && *v > 0.0)
        });
        if k == 0
            || d == 0
            || m.centers.iter().any(|v| !v.is_finite())
            || m.labels.iter().any(|&l| l as usize >= k)
            || !(m.inertia.is_finite() && m.inertia >= 0.0)
            || !scaling_fits
        {
            return Err(Error::CorruptBytes {
                reason: format!(
                    "k-means model with {k} × {d} centres, {} labels and inertia {} is not one \
                     a fit makes",
                    m.labels.len(),
                    m.inertia
                ),
            });
        }
        Ok(m)
    }

    /// The nearest centre of each row of `x`.
    pub fn predict(&self, x: ArrayView2<f64>) -> Result<Vec<u32>> {
        let d = self.centers.ncols();
        if x.ncols() != d {
            return Err(Error::LengthMismatch {
                what: "features per sample",
                expected: d,
                actual: x.ncols(),
            });
        }
        check_samples(&x)?;
        // Nearest in the space the model was fitted in.
        let mut data = x.as_standard_layout();
        let mut centers = self.centers.clone();
        if let Some((means, sds)) = &self.scaling {
            let mut owned = data.into_owned();
            standardize(&mut owned, means, sds);
            data = CowArray::from(owned);
            standardize(&mut centers, means, sds);
        }
        let mut labels = vec![0u32; x.nrows()];
        let ones = vec![1.0; x.nrows()];
        pass(
            data.as_slice().expect("standard layout"),
            d,
            &ones,
            centers.as_slice().expect("standard layout"),
            &mut labels,
        );
        Ok(labels)
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use ndarray::array;

    pub(crate) fn blobs() -> Array2<f64> {
        // Three tight, well separated groups of 4 points around (0,0), (20,0), (0,20).
        let mut rows = Vec::new();
        for (cx, cy) in [(0.0, 0.0), (20.0, 0.0), (0.0, 20.0)] {
            for (dx, dy) in [(1.0, 0.0), (-1.0, 0.0), (0.0, 1.0), (0.0, -1.0)] {
                rows.extend([cx + dx, cy + dy]);
            }
        }
        Array2::from_shape_vec((12, 2), rows).unwrap()
    }

    #[test]
    fn separable_blobs_are_recovered_with_the_hand_inertia() {
        // Each point is 1 from its group's centre: inertia 12 · 1 = 12.
        let x = blobs();
        for seed in 0..5 {
            let m = KMeans::fit(
                x.view(),
                None,
                &KMeansOptions {
                    seed,
                    n_init: 3,
                    ..KMeansOptions::new(3)
                },
            )
            .unwrap();
            assert!(
                (m.inertia - 12.0).abs() < 1e-9,
                "seed {seed}: {}",
                m.inertia
            );
            for g in 0..3 {
                let l = &m.labels[4 * g..4 * g + 4];
                assert!(l.iter().all(|v| *v == l[0]));
            }
        }
    }

    #[test]
    fn more_clusters_than_different_points_is_an_error() {
        // Issue 19: three different points, each twice, and k = 4 gave duplicate centres.
        let x = ndarray::array![
            [0.0, 0.0],
            [0.0, 0.0],
            [1.0, 1.0],
            [1.0, 1.0],
            [5.0, -0.0],
            [5.0, 0.0]
        ];
        let e = KMeans::fit(x.view(), None, &KMeansOptions::new(4)).unwrap_err();
        assert!(matches!(
            e,
            Error::InvalidParameter {
                name: "n_clusters",
                ..
            }
        ));
        assert!(e.to_string().contains("hold only 3"), "{e}");
        let m = KMeans::fit(x.view(), None, &KMeansOptions::new(3)).unwrap();
        assert_eq!(m.inertia, 0.0);
        // A point of zero weight is not a point to put a centre on.
        let w = [1.0, 1.0, 1.0, 1.0, 0.0, 0.0];
        assert!(KMeans::fit(x.view(), Some(&w), &KMeansOptions::new(3)).is_err());
    }

    #[test]
    fn weights_standardisation_and_determinism() {
        let x = blobs();
        let o = KMeansOptions {
            seed: 7,
            ..KMeansOptions::new(3)
        };
        let a = KMeans::fit(x.view(), None, &o).unwrap();
        let one_thread = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let b = one_thread.install(|| KMeans::fit(x.view(), None, &o).unwrap());
        assert_eq!(a, b);
        // Doubling every weight doubles the inertia and keeps the clusters.
        let w = vec![2.0; 12];
        let c = KMeans::fit(x.view(), Some(&w), &o).unwrap();
        assert!((c.inertia - 2.0 * a.inertia).abs() < 1e-9);
        // Standardised: the centres come back in the data's units.
        let s = KMeans::fit(
            x.view(),
            None,
            &KMeansOptions {
                standardize: true,
                ..o
            },
        )
        .unwrap();
        let mut centres: Vec<(i64, i64)> = s
            .centers
            .rows()
            .into_iter()
            .map(|r| (r[0].round() as i64, r[1].round() as i64))
            .collect();
        centres.sort();
        assert_eq!(centres, vec![(0, 0), (0, 20), (20, 0)]);
        assert_eq!(
            s.predict(array![[19.0, 1.0]].view()).unwrap()[0],
            s.labels[4]
        );
    }

    #[test]
    fn predict_uses_the_fitted_space_and_any_layout_fits() {
        // Uniform-ish points, the second feature 1000× the first: nearest centres in raw
        // units and in z-scores disagree near the borders, so predicting the training rows
        // gives back the training labels only if predict standardises as fit did.
        let x = Array2::from_shape_fn((300, 2), |(i, j)| {
            let u = ((i * 7919 + j * 104_729) % 1000) as f64 / 1000.0;
            if j == 1 {
                u * 1000.0
            } else {
                u
            }
        });
        let o = KMeansOptions {
            standardize: true,
            ..KMeansOptions::new(4)
        };
        let m = KMeans::fit(x.view(), None, &o).unwrap();
        assert_eq!(m.predict(x.view()).unwrap(), m.labels);
        // Column-major input: the same fit.
        let transposed = x.t().to_owned();
        let f = KMeans::fit(transposed.t(), None, &o).unwrap();
        assert_eq!(f, m);
        let mut nan = x.clone();
        nan[[0, 0]] = f64::NAN;
        assert!(m.predict(nan.view()).is_err());
    }

    #[test]
    fn bad_input() {
        let x = blobs();
        assert!(matches!(
            KMeans::fit(x.view(), None, &KMeansOptions::new(0)),
            Err(Error::InvalidParameter { .. })
        ));
        assert!(matches!(
            KMeans::fit(x.view(), None, &KMeansOptions::new(13)),
            Err(Error::InvalidParameter { .. })
        ));
        let mut nan = x.clone();
        nan[[3, 1]] = f64::NAN;
        assert!(matches!(
            KMeans::fit(nan.view(), None, &KMeansOptions::new(2)),
            Err(Error::InvalidParameter { name: "X", .. })
        ));
        assert!(matches!(
            KMeans::fit(x.view(), Some(&[1.0]), &KMeansOptions::new(2)),
            Err(Error::LengthMismatch { .. })
        ));
        let flat = array![[1.0, 5.0], [2.0, 5.0], [3.0, 5.0]];
        let o = KMeansOptions {
            standardize: true,
            ..KMeansOptions::new(2)
        };
        assert!(matches!(
            KMeans::fit(flat.view(), None, &o),
            Err(Error::InvalidParameter {
                name: "standardize",
                ..
            })
        ));
        let m = KMeans::fit(x.view(), None, &KMeansOptions::new(3)).unwrap();
        assert!(m.predict(array![[1.0]].view()).is_err());
    }
}
