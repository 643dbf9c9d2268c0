//! Quality criteria of an estimated PLS path model: reliability and convergent validity per
//! block, discriminant validity between constructs, collinearity, and effect sizes.

use nalgebra::DMatrix;
use ndarray::Array2;
use serde::{Deserialize, Serialize};

use super::estimate::PlsFit;

/// Reliability and convergent validity of one construct's block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BlockReliability {
    /// Position of the construct.
    pub construct: usize,
    /// Cronbach's α of the standardised indicators, k/(k − 1)·(1 − k/Σᵢₗ rᵢₗ) (Cronbach
    /// 1951); None for a single indicator.
    pub alpha: Option<f64>,
    /// Composite reliability ρC = (Σλ)² / ((Σλ)² + Σ(1 − λ²)) (Jöreskog 1971), λ the loadings.
    pub rho_c: f64,
    /// Dijkstra–Henseler ρA = (w′w)²·w′(R − diag R)w / w′(ww′ − diag ww′)w with the weights
    /// w of a unit-variance score (Dijkstra & Henseler 2015, eq. 15); None for a single
    /// indicator.
    pub rho_a: Option<f64>,
    /// Average variance extracted, Σλ²/k (Fornell & Larcker 1981).
    pub ave: f64,
}

/// The quality criteria of a fit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlsQuality {
    /// One per construct, in the model's order.
    pub reliability: Vec<BlockReliability>,
    /// Fornell–Larcker table, constructs × constructs: √AVE on the diagonal, the construct
    /// correlations off it (discriminant validity when each diagonal value exceeds its row).
    pub fornell_larcker: Array2<f64>,
    /// Heterotrait–monotrait ratio (Henseler, Ringle & Sarstedt 2015, eq. 6): the mean
    /// correlation between the two blocks' indicators over the geometric mean of the mean
    /// correlations within each block; NaN on the diagonal and where a block has a single
    /// indicator. Values above 0.85–0.90 question discriminant validity.
    pub htmt: Array2<f64>,
    /// Indicators × constructs: each indicator's correlation with every construct's score.
    pub cross_loadings: Array2<f64>,
    /// Each indicator's variance inflation within its block, 1/(1 − R²) of it on the block's
    /// other indicators (the diagonal of the inverse block correlation matrix); None for a
    /// single indicator or a singular block.
    pub indicator_vif: Vec<Option<f64>>,
    /// Per path, the variance inflation of its predictor among the predictors of its target;
    /// in the model's path order.
    pub path_vif: Vec<Option<f64>>,
    /// Per path, Cohen's f² = (R²ᵢₙ − R²ₒᵤₜ)/(1 − R²ᵢₙ) of leaving its predictor out.
    pub f_squared: Vec<Option<f64>>,
}

/// The diagonal of the inverse of a symmetric positive definite matrix (None when singular).
fn inverse_diagonal(m: DMatrix<f64>) -> Option<Vec<f64>> {
    let n = m.nrows();
    let inv = m.cholesky()?.inverse();
    Some((0..n).map(|i| inv[(i, i)]).collect())
}

/// R² of construct `j` on `pred` from the construct correlations (None when singular).
fn r_squared(r: &Array2<f64>, pred: &[usize], j: usize) -> Option<f64> {
    if pred.is_empty() {
        return Some(0.0);
    }
    let a = DMatrix::from_fn(pred.len(), pred.len(), |x, y| r[[pred[x], pred[y]]]);
    let b = nalgebra::DVector::from_fn(pred.len(), |x, _| r[[pred[x], j]]);
    let coef = a.cholesky()?.solve(&b);
    Some(coef.dot(&b))
}

impl PlsFit {
    /// Positions in `outer` of each construct's indicators.
    fn block_rows(&self) -> Vec<Vec<usize>> {
        let mut rows = vec![Vec::new(); self.constructs.len()];
        for (a, o) in self.outer.iter().enumerate() {
            rows[o.construct].push(a);
        }
        rows
    }

    /// The quality criteria: reliability (α, ρC, ρA, AVE), the Fornell–Larcker table, HTMT,
    /// cross-loadings, indicator and path VIFs, and f² effect sizes.
    ///
    /// ```
    /// use cxkit::pls::{pls_pm, Construct, PlsModel, PlsOptions};
    ///
    /// let data = ndarray::array![[1.0, 2.0, 1.0, 2.0], [2.0, 1.0, 2.0, 2.0], [3.0, 4.0, 4.0, 3.0], [4.0, 3.0, 3.0, 5.0], [5.0, 5.0, 5.0, 4.0]];
    /// let columns: Vec<String> = ["x1", "x2", "y1", "y2"].map(String::from).to_vec();
    /// let model = PlsModel::new(
    ///     vec![Construct::reflective("X", &["x1", "x2"]), Construct::reflective("Y", &["y1", "y2"])],
    ///     &[("X", "Y")],
    /// )?;
    /// let q = pls_pm(&model, data.view(), &columns, &PlsOptions::default())?.quality();
    /// // x1 and x2 correlate 0.8: α = 2/1·(1 − 2/3.6) = 0.888….
    /// assert!((q.reliability[0].alpha.unwrap() - 8.0 / 9.0).abs() < 1e-12);
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn quality(&self) -> PlsQuality {
        let c = self.constructs.len();
        let blocks = self.block_rows();
        let s = &self.indicator_correlations;
        let reliability: Vec<BlockReliability> = blocks
            .iter()
            .enumerate()
            .map(|(j, rows)| {
                let k = rows.len();
                let loadings: Vec<f64> = rows.iter().map(|&a| self.outer[a].loading).collect();
                let sum_l: f64 = loadings.iter().sum();
                let error: f64 = loadings.iter().map(|l| 1.0 - l * l).sum();
                let sum_r: f64 = rows
                    .iter()
                    .flat_map(|&a| rows.iter().map(move |&b| s[[a, b]]))
                    .sum();
                let kf = k as f64;
                let alpha = (k > 1).then(|| kf / (kf - 1.0) * (1.0 - kf / sum_r));
                let w: Vec<f64> = rows.iter().map(|&a| self.outer[a].weight).collect();
                let ww: f64 = w.iter().map(|x| x * x).sum();
                let mut off_r = 0.0;
                let mut off_w = 0.0;
                for (x, &a) in rows.iter().enumerate() {
                    for (y, &b) in rows.iter().enumerate() {
                        if x != y {
                            off_r += w[x] * s[[a, b]] * w[y];
                            off_w += w[x] * w[x] * w[y] * w[y];
                        }
                    }
                }
                let rho_a = (k > 1 && off_w > 0.0).then(|| ww * ww * off_r / off_w);
                BlockReliability {
                    construct: j,
                    alpha,
                    rho_c: sum_l * sum_l / (sum_l * sum_l + error),
                    rho_a,
                    ave: loadings.iter().map(|l| l * l).sum::<f64>() / kf,
                }
            })
            .collect();
        let r = &self.construct_correlations;
        let fornell_larcker = Array2::from_shape_fn((c, c), |(j, k)| {
            if j == k {
                reliability[j].ave.sqrt()
            } else {
                r[[j, k]]
            }
        });
        let within = |rows: &[usize]| -> Option<f64> {
            let k = rows.len();
            (k > 1).then(|| {
                let mut sum = 0.0;
                for (x, &a) in rows.iter().enumerate() {
                    for &b in &rows[x + 1..] {
                        sum += s[[a, b]];
                    }
                }
                sum / (k * (k - 1) / 2) as f64
            })
        };
        let mono: Vec<Option<f64>> = blocks.iter().map(|b| within(b)).collect();
        let htmt = Array2::from_shape_fn((c, c), |(j, k)| match (j != k, mono[j], mono[k]) {
            (true, Some(mj), Some(mk)) if mj > 0.0 && mk > 0.0 => {
                let hetero: f64 = blocks[j]
                    .iter()
                    .flat_map(|&a| blocks[k].iter().map(move |&b| s[[a, b]]))
                    .sum::<f64>()
                    / (blocks[j].len() * blocks[k].len()) as f64;
                hetero / (mj * mk).sqrt()
            }
            _ => f64::NAN,
        });
        let cross_loadings = Array2::from_shape_fn((self.outer.len(), c), |(a, k)| {
            blocks[k]
                .iter()
                .map(|&b| self.outer[b].weight * s[[a, b]])
                .sum()
        });
        let mut indicator_vif = vec![None; self.outer.len()];
        for rows in &blocks {
            if rows.len() < 2 {
                continue;
            }
            let m = DMatrix::from_fn(rows.len(), rows.len(), |x, y| s[[rows[x], rows[y]]]);
            if let Some(d) = inverse_diagonal(m) {
                for (&a, v) in rows.iter().zip(d) {
                    indicator_vif[a] = Some(v);
                }
            }
        }
        let predecessors = |j: usize| -> Vec<usize> {
            let mut p: Vec<usize> = self
                .paths
                .iter()
                .filter(|e| e.to == j)
                .map(|e| e.from)
                .collect();
            p.sort_unstable();
            p
        };
        let mut path_vif = Vec::with_capacity(self.paths.len());
        let mut f_squared = Vec::with_capacity(self.paths.len());
        for p in &self.paths {
            let pred = predecessors(p.to);
            let at = pred
                .iter()
                .position(|&k| k == p.from)
                .expect("a path's source predicts it");
            let vif = if pred.len() == 1 {
                Some(1.0)
            } else {
                let m = DMatrix::from_fn(pred.len(), pred.len(), |x, y| r[[pred[x], pred[y]]]);
                inverse_diagonal(m).map(|d| d[at])
            };
            path_vif.push(vif);
            let without: Vec<usize> = pred.iter().copied().filter(|&k| k != p.from).collect();
            let f2 = match (self.r_squared[p.to], r_squared(r, &without, p.to)) {
                (Some(full), Some(reduced)) if full < 1.0 => Some((full - reduced) / (1.0 - full)),
                _ => None,
            };
            f_squared.push(f2);
        }
        PlsQuality {
            reliability,
            fornell_larcker,
            htmt,
            cross_loadings,
            indicator_vif,
            path_vif,
            f_squared,
        }
    }
}
