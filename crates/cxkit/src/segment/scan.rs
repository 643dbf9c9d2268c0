//! The k scan: k-means over a range of k with inertia, the elbow of the inertia curve and
//! silhouettes, to choose the number of clusters.

use ndarray::ArrayView2;
use serde::{Deserialize, Serialize};

use super::kmeans::{check_options, lloyd, prepare, KMeansOptions};
use super::silhouette::{silhouette_score, SilhouetteOptions};
use crate::{Error, Result};

/// One k of a [`kmeans_scan`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KMeansScanRow {
    /// Number of clusters.
    pub k: usize,
    /// Inertia of the best restart.
    pub inertia: f64,
    /// Lloyd iterations of the best restart.
    pub iterations: usize,
    /// Mean silhouette (unweighted, in the clustered space), when asked and defined (k ≥ 2).
    pub silhouette: Option<f64>,
}

/// The inertia (and silhouette) of k-means over a range of k, to choose k.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KMeansScan {
    /// One row per k, in the order asked.
    pub rows: Vec<KMeansScanRow>,
    /// The elbow of the inertia curve: with k and inertia rescaled to [0, 1] over the scan,
    /// the k farthest below the straight line from the smallest to the largest k (the
    /// "kneedle" rule of Satopää et al. 2011, without smoothing). None with fewer than
    /// three k or a flat curve.
    pub elbow: Option<usize>,
    /// The k with the highest silhouette, when silhouettes were computed.
    pub best_silhouette: Option<usize>,
}

/// Fits k-means for every k in `ks` (each with `options`' restarts, seed and tolerance;
/// `options.n_clusters` is ignored) and reports inertia, the elbow and, when `silhouette`
/// is given, each clustering's silhouette (sampled as its options say).
///
/// ```
/// use cxkit::segment::{kmeans_scan, KMeansOptions, SilhouetteOptions};
/// use ndarray::Array2;
///
/// // Three tight groups on a line: the elbow and the best silhouette are both k = 3.
/// let x = Array2::from_shape_fn((30, 1), |(i, _)| (i / 10) as f64 * 100.0 + (i % 10) as f64 * 0.1);
/// let scan = kmeans_scan(x.view(), None, &[1, 2, 3, 4, 5, 6], &KMeansOptions::new(1),
///                        Some(&SilhouetteOptions::default()))?;
/// assert_eq!(scan.elbow, Some(3));
/// assert_eq!(scan.best_silhouette, Some(3));
/// assert_eq!(scan.rows[0].silhouette, None); // undefined for one cluster
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn kmeans_scan(
    x: ArrayView2<f64>,
    weights: Option<&[f64]>,
    ks: &[usize],
    options: &KMeansOptions,
    silhouette: Option<&SilhouetteOptions>,
) -> Result<KMeansScan> {
    if ks.is_empty() {
        return Err(Error::EmptyInput { what: "ks" });
    }
    let p = prepare(x, weights, options)?;
    let mut rows = Vec::with_capacity(ks.len());
    for &k in ks {
        let o = KMeansOptions {
            n_clusters: k,
            ..*options
        };
        check_options(&o, &p)?;
        let (_, labels, inertia, iterations) = lloyd(&p, &o);
        let silhouette = match silhouette {
            Some(s) if k >= 2 && k < x.nrows() => {
                Some(silhouette_score(p.data.view(), &labels, s)?)
            }
            _ => None,
        };
        rows.push(KMeansScanRow {
            k,
            inertia,
            iterations,
            silhouette,
        });
    }
    let best_silhouette = rows
        .iter()
        .filter_map(|r| r.silhouette.map(|s| (r.k, s)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(k, _)| k);
    Ok(KMeansScan {
        elbow: elbow(&rows),
        rows,
        best_silhouette,
    })
}

/// Kneedle without smoothing on the (k, inertia) points sorted by k.
fn elbow(rows: &[KMeansScanRow]) -> Option<usize> {
    let mut pts: Vec<(f64, f64)> = rows.iter().map(|r| (r.k as f64, r.inertia)).collect();
    pts.sort_by(|a, b| a.0.total_cmp(&b.0));
    pts.dedup_by(|a, b| a.0 == b.0);
    let (first, last) = (*pts.first()?, *pts.last()?);
    let (dk, di) = (last.0 - first.0, first.1 - last.1);
    if pts.len() < 3 || di <= 0.0 {
        return None;
    }
    // Rescaled, the chord runs from (0, 1) to (1, 0); the gap below it is (1 − u) − v.
    pts.iter()
        .map(|&(k, i)| {
            let (u, v) = ((k - first.0) / dk, (i - last.1) / di);
            (k, (1.0 - u) - v)
        })
        .filter(|p| p.1 > 0.0)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(k, _)| k as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::kmeans::tests::blobs;

    #[test]
    fn elbow_by_hand() {
        // Inertia 100, 40, 10, 8, 6 at k = 1..5, asked out of order. Rescaled: u = 0, .25,
        // .5, .75, 1 and v = (I − 6)/94 = 1, .362, .043, .021, 0; the gap (1 − u) − v is
        // 0, .388, .457, .229, 0, largest at k = 3.
        let rows = |pairs: &[(usize, f64)]| -> Vec<KMeansScanRow> {
            pairs
                .iter()
                .map(|&(k, inertia)| KMeansScanRow {
                    k,
                    inertia,
                    iterations: 1,
                    silhouette: None,
                })
                .collect()
        };
        let curve = [(3, 10.0), (1, 100.0), (2, 40.0), (5, 6.0), (4, 8.0)];
        assert_eq!(elbow(&rows(&curve)), Some(3));
        // A straight line has no point below its chord; two points or a flat curve neither.
        assert_eq!(elbow(&rows(&[(1, 3.0), (2, 2.0), (3, 1.0)])), None);
        assert_eq!(elbow(&rows(&[(1, 3.0), (2, 2.0)])), None);
        assert_eq!(elbow(&rows(&[(1, 3.0), (2, 3.0), (3, 3.0)])), None);
        // Bad k in a scan is the same error as in a fit.
        let x = blobs();
        assert!(matches!(
            kmeans_scan(x.view(), None, &[2, 13], &KMeansOptions::new(1), None),
            Err(Error::InvalidParameter {
                name: "n_clusters",
                ..
            })
        ));
        assert!(kmeans_scan(x.view(), None, &[], &KMeansOptions::new(1), None).is_err());
    }
}
