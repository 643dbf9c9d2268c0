//! Lohmöller's PLS path-modelling algorithm on the indicators' correlation matrix, and the
//! structural model (paths, R², effects) on the construct correlations it gives.

use nalgebra::{DMatrix, DVector};
use ndarray::{Array2, ArrayView2, CowArray, Ix2};
use serde::{Deserialize, Serialize};

use super::model::{Mode, PlsModel};
use crate::covariance::{covariance, Covariance, MissingData};
use crate::{Error, Result};

/// The inner weighting scheme: how each construct's inner proxy weighs its neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InnerScheme {
    /// Regression weights from the predecessors, correlations to the successors (Lohmöller
    /// 1989; the default, as in seminr and SmartPLS).
    #[default]
    Path,
    /// Correlations with every neighbour.
    Factorial,
    /// The signs of the correlations with every neighbour (Wold's centroid scheme).
    Centroid,
}

crate::names::named!(InnerScheme, "scheme", [Path => "path", Factorial => "factorial", Centroid => "centroid"]);

/// What a PLS estimate does with missing answers (NaN) in the model's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingValues {
    /// A missing answer is an error ([`Error::MissingAnswer`] naming the row and column). The
    /// default: a model should not quietly run on fewer or invented answers.
    #[default]
    Raise,
    /// Rows with a missing answer in any of the model's columns are left out (listwise
    /// deletion); their scores are NaN.
    Omit,
    /// Each missing answer is replaced by its column's mean over the rows that have it (mean
    /// replacement, seminr's default); every row keeps a score. A column with no answer at
    /// all is an error.
    Mean,
}

crate::names::named!(MissingValues, "nan_policy", [Raise => "raise", Omit => "omit", Mean => "mean"]);

/// Options of [`estimate`] and [`pls_pm`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PlsOptions {
    /// Inner weighting scheme (default path).
    pub scheme: InnerScheme,
    /// Stop when no outer weight changes by more than this between iterations (default 1e-10).
    pub tolerance: f64,
    /// Iterations before giving up with [`Error::DidNotConverge`] (default 300).
    pub max_iterations: usize,
    /// Missing answers: an error (`Raise`, the default), rows left out (`Omit`, listwise
    /// deletion) or replaced by the column mean (`Mean`).
    pub nan_policy: MissingValues,
}

impl Default for PlsOptions {
    fn default() -> Self {
        PlsOptions {
            scheme: InnerScheme::Path,
            tolerance: 1e-10,
            max_iterations: 300,
            nan_policy: MissingValues::Raise,
        }
    }
}

/// One indicator's outer estimates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OuterEstimate {
    /// Column name.
    pub indicator: String,
    /// Position of its construct.
    pub construct: usize,
    /// Outer weight on the standardised indicator (the construct score has unit variance).
    pub weight: f64,
    /// Loading: the indicator's correlation with its construct's score.
    pub loading: f64,
}

/// One structural path's coefficient.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PathEstimate {
    /// Position of the construct the path starts at.
    pub from: usize,
    /// Position of the construct it ends at.
    pub to: usize,
    /// Standardised regression coefficient of `to` on its predecessors.
    pub coefficient: f64,
}

/// Direct, indirect and total effect of one construct on another (standardised).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Effect {
    /// Position of the cause.
    pub from: usize,
    /// Position of the effect.
    pub to: usize,
    /// The path coefficient (0 without a direct path).
    pub direct: f64,
    /// The sum over every longer route of the product of its path coefficients.
    pub indirect: f64,
    /// Direct plus indirect.
    pub total: f64,
}

/// The estimated model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlsFit {
    /// Construct names, in the model's order.
    pub constructs: Vec<String>,
    /// Weights and loadings, block after block in the model's order.
    pub outer: Vec<OuterEstimate>,
    /// Correlations of the construct scores, constructs × constructs.
    pub construct_correlations: Array2<f64>,
    /// Correlations of the indicators, in the order of `outer` (what the quality criteria are
    /// computed from).
    pub indicator_correlations: Array2<f64>,
    /// Means of the indicators in their own units, in the order of `outer`.
    pub indicator_means: Vec<f64>,
    /// Standard deviations (n − 1) of the indicators in their own units, in the order of
    /// `outer`.
    pub indicator_sd: Vec<f64>,
    /// Path coefficients, in the model's path order.
    pub paths: Vec<PathEstimate>,
    /// R² of each endogenous construct (None for exogenous ones).
    pub r_squared: Vec<Option<f64>>,
    /// Adjusted R²: 1 − (1 − R²)(n − 1)/(n − p − 1) with p predecessors (None for exogenous
    /// constructs, and where n ≤ p + 1).
    pub adj_r_squared: Vec<Option<f64>>,
    /// Effects of every construct on every construct it reaches.
    pub effects: Vec<Effect>,
    /// Respondents the correlations came from.
    pub n: usize,
    /// Iterations until convergence.
    pub iterations: usize,
    /// Construct scores, respondents × constructs (standardised); None when estimated from a
    /// covariance matrix, which has no rows.
    pub scores: Option<Array2<f64>>,
}

impl PlsFit {
    /// A warning for each endogenous construct whose R² is below
    /// [`WEAK_R2`](crate::drivers::WEAK_R2): its predecessors explain almost none of it,
    /// so the paths into it and the effects through it carry little.
    pub fn warnings(&self) -> Vec<String> {
        self.r_squared
            .iter()
            .zip(&self.constructs)
            .filter_map(|(r2, name)| crate::drivers::weak_fit(&format!("{name:?}"), (*r2)?))
            .collect()
    }
}

/// Positions of each block's indicators among `columns`.
fn blocks(model: &PlsModel, columns: &[String]) -> Result<Vec<Vec<usize>>> {
    model
        .constructs
        .iter()
        .map(|c| {
            c.indicators
                .iter()
                .map(|x| {
                    columns
                        .iter()
                        .position(|col| col == x)
                        .ok_or_else(|| Error::InvalidParameter {
                            name: "columns",
                            reason: format!(
                                "the indicator {x:?} of {:?} is not a column of the data",
                                c.name
                            ),
                        })
                })
                .collect()
        })
        .collect()
}

fn singular(what: &'static str, construct: &str) -> Error {
    Error::SingularMatrix {
        what,
        reason: format!(
            "in {construct:?}: some of its variables are exact linear combinations of others; \
             drop or merge them"
        ),
    }
}

/// Solves `a x = b` for a symmetric positive definite `a`.
fn solve(
    a: DMatrix<f64>,
    b: DVector<f64>,
    what: &'static str,
    construct: &str,
) -> Result<DVector<f64>> {
    a.cholesky()
        .map(|c| c.solve(&b))
        .ok_or_else(|| singular(what, construct))
}

/// Estimates a PLS path model from the covariance (or correlation) matrix of `columns`: the
/// indicators are standardised, so only their correlations matter, and a merged
/// [`crate::covariance::CovarianceAccumulator`] estimates the same model as all its rows.
///
/// Lohmöller's algorithm: start from unit weights; each iteration forms every construct's
/// inner proxy from its neighbours' scores by the inner `scheme`, then new outer weights —
/// mode A the correlations of the indicators with the proxy, mode B the regression of the
/// proxy on them — scaled so every score has unit variance, until no weight changes by more
/// than `tolerance`. Then each endogenous construct is regressed on its predecessors (path
/// coefficients, R²), and effects are summed over routes (total = Σₘ Bᵐ for the path matrix
/// B). References: Lohmöller (1989), *Latent Variable Path Modeling with Partial Least
/// Squares*; Tenenhaus et al. (2005), "PLS path modeling", *Computational Statistics & Data
/// Analysis* 48.
///
/// # Errors
/// [`Error::InvalidParameter`] for an indicator that is not a column or bad options;
/// [`Error::ConstantColumn`] for a constant indicator; [`Error::InsufficientData`] with
/// fewer than 3 rows; [`Error::SingularMatrix`] for a mode-B block or predecessors that are
/// collinear; [`Error::DidNotConverge`] when the weights do not settle.
pub fn estimate(
    model: &PlsModel,
    cov: &Covariance,
    columns: &[String],
    options: &PlsOptions,
) -> Result<PlsFit> {
    if columns.len() != cov.cov.nrows() {
        return Err(Error::LengthMismatch {
            what: "column names (one per covariance column)",
            expected: cov.cov.nrows(),
            actual: columns.len(),
        });
    }
    check_options(options)?;
    if cov.rows < 3 {
        return Err(Error::InsufficientData {
            what: "PLS path model",
            needed: "at least 3 respondents",
            got: format!("{} complete respondents", cov.rows),
        });
    }
    let blocks = blocks(model, columns)?;
    let used: Vec<usize> = blocks.iter().flatten().copied().collect();
    let sd: Vec<f64> = (0..cov.cov.nrows())
        .map(|i| cov.cov[[i, i]].sqrt())
        .collect();
    if let Some(&i) = used.iter().find(|&&i| sd[i].is_nan() || sd[i] <= 0.0) {
        return Err(Error::ConstantColumn {
            what: "indicator",
            index: i,
        });
    }
    let s = |i: usize, k: usize| cov.cov[[i, k]] / (sd[i] * sd[k]);
    let (weights, iterations) = outer_weights(model, &blocks, &s, options)?;
    let mut f = fit(model, &blocks, &s, weights, iterations, cov.rows)?;
    f.indicator_means = used.iter().map(|&i| cov.means[i]).collect();
    f.indicator_sd = used.iter().map(|&i| sd[i]).collect();
    Ok(f)
}

fn check_options(o: &PlsOptions) -> Result<()> {
    if !(o.tolerance > 0.0 && o.tolerance.is_finite()) {
        return Err(Error::InvalidParameter {
            name: "tolerance",
            reason: format!("must be a positive number, got {}", o.tolerance),
        });
    }
    if o.max_iterations == 0 {
        return Err(Error::InvalidParameter {
            name: "max_iterations",
            reason: "must be at least 1".into(),
        });
    }
    Ok(())
}

/// The correlation of two constructs' scores, from their weights.
fn score_correlation(
    s: &dyn Fn(usize, usize) -> f64,
    a: (&[usize], &[f64]),
    b: (&[usize], &[f64]),
) -> f64 {
    let mut r = 0.0;
    for (&i, &wi) in a.0.iter().zip(a.1) {
        for (&k, &wk) in b.0.iter().zip(b.1) {
            r += wi * wk * s(i, k);
        }
    }
    r
}

/// Scales `w` so the block's score has unit variance.
fn normalise(
    s: &dyn Fn(usize, usize) -> f64,
    block: &[usize],
    w: &mut [f64],
    name: &str,
) -> Result<()> {
    let var = score_correlation(s, (block, w), (block, w));
    if !(var > 0.0 && var.is_finite()) {
        return Err(Error::DidNotConverge {
            what: "PLS outer weights",
            iterations: 0,
            reason: format!("the score of {name:?} has no variance: its inner proxy is zero"),
        });
    }
    let f = var.sqrt();
    w.iter_mut().for_each(|x| *x /= f);
    Ok(())
}

/// Lohmöller's iterations: the outer weights per block and the iterations they took.
fn outer_weights(
    model: &PlsModel,
    blocks: &[Vec<usize>],
    s: &dyn Fn(usize, usize) -> f64,
    options: &PlsOptions,
) -> Result<(Vec<Vec<f64>>, usize)> {
    let c = model.constructs.len();
    let mut w: Vec<Vec<f64>> = blocks.iter().map(|b| vec![1.0; b.len()]).collect();
    for (j, b) in blocks.iter().enumerate() {
        normalise(s, b, &mut w[j], &model.constructs[j].name)?;
    }
    for iteration in 1..=options.max_iterations {
        let r = Array2::from_shape_fn((c, c), |(j, k)| {
            score_correlation(s, (&blocks[j], &w[j]), (&blocks[k], &w[k]))
        });
        let inner = inner_weights(model, &r, options.scheme)?;
        let mut next = Vec::with_capacity(c);
        for (j, block) in blocks.iter().enumerate() {
            let name = &model.constructs[j].name;
            // Covariance of each indicator of j with the inner proxy Σₖ e_jk Y_k.
            let mut v: Vec<f64> = block
                .iter()
                .map(|&i| {
                    (0..c)
                        .filter(|&k| inner[[j, k]] != 0.0)
                        .map(|k| {
                            inner[[j, k]]
                                * blocks[k]
                                    .iter()
                                    .zip(&w[k])
                                    .map(|(&x, &wx)| wx * s(i, x))
                                    .sum::<f64>()
                        })
                        .sum()
                })
                .collect();
            if model.constructs[j].mode == Mode::B {
                let sjj = DMatrix::from_fn(block.len(), block.len(), |a, b| s(block[a], block[b]));
                v = solve(sjj, DVector::from_vec(v), "PLS mode B weights", name)?
                    .iter()
                    .copied()
                    .collect();
            }
            normalise(s, block, &mut v, name)?;
            next.push(v);
        }
        let change = next
            .iter()
            .flatten()
            .zip(w.iter().flatten())
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        w = next;
        if change < options.tolerance {
            return Ok((w, iteration));
        }
    }
    Err(Error::DidNotConverge {
        what: "PLS outer weights",
        iterations: options.max_iterations,
        reason: format!(
            "the weights still changed by more than {} (raise max_iterations or the tolerance, \
             or try another scheme)",
            options.tolerance
        ),
    })
}

/// The inner weights e_jk (constructs × constructs) of a scheme, from the construct
/// correlations `r`.
fn inner_weights(model: &PlsModel, r: &Array2<f64>, scheme: InnerScheme) -> Result<Array2<f64>> {
    let c = model.constructs.len();
    let mut e = Array2::zeros((c, c));
    for j in 0..c {
        let pred = model.predecessors(j);
        let succ = model.successors(j);
        match scheme {
            InnerScheme::Centroid | InnerScheme::Factorial => {
                for k in pred.iter().chain(&succ) {
                    let x = r[[j, *k]];
                    e[[j, *k]] = if scheme == InnerScheme::Centroid {
                        x.signum()
                    } else {
                        x
                    };
                }
            }
            InnerScheme::Path => {
                for &k in &succ {
                    e[[j, k]] = r[[j, k]];
                }
                if !pred.is_empty() {
                    let b = regression(r, &pred, j, &model.constructs[j].name)?;
                    for (&k, bk) in pred.iter().zip(b.iter()) {
                        e[[j, k]] = *bk;
                    }
                }
            }
        }
    }
    Ok(e)
}

/// Standardised coefficients of construct `j` on the constructs `pred`.
fn regression(r: &Array2<f64>, pred: &[usize], j: usize, name: &str) -> Result<DVector<f64>> {
    let a = DMatrix::from_fn(pred.len(), pred.len(), |x, y| r[[pred[x], pred[y]]]);
    let b = DVector::from_fn(pred.len(), |x, _| r[[pred[x], j]]);
    solve(a, b, "PLS path coefficients", name)
}

/// The estimates that follow from converged weights.
fn fit(
    model: &PlsModel,
    blocks: &[Vec<usize>],
    s: &dyn Fn(usize, usize) -> f64,
    weights: Vec<Vec<f64>>,
    iterations: usize,
    n: usize,
) -> Result<PlsFit> {
    let c = model.constructs.len();
    let r = Array2::from_shape_fn((c, c), |(j, k)| {
        score_correlation(s, (&blocks[j], &weights[j]), (&blocks[k], &weights[k]))
    });
    let used: Vec<usize> = blocks.iter().flatten().copied().collect();
    let indicator_correlations =
        Array2::from_shape_fn((used.len(), used.len()), |(a, b)| s(used[a], used[b]));
    let mut outer = Vec::new();
    for (j, (block, w)) in blocks.iter().zip(&weights).enumerate() {
        for (a, (&i, &wi)) in block.iter().zip(w).enumerate() {
            let loading = block.iter().zip(w).map(|(&x, &wx)| wx * s(i, x)).sum();
            outer.push(OuterEstimate {
                indicator: model.constructs[j].indicators[a].clone(),
                construct: j,
                weight: wi,
                loading,
            });
        }
    }
    let mut b = Array2::<f64>::zeros((c, c));
    let mut r_squared = vec![None; c];
    let mut adj_r_squared = vec![None; c];
    for j in 0..c {
        let pred = model.predecessors(j);
        if pred.is_empty() {
            continue;
        }
        let coef = regression(&r, &pred, j, &model.constructs[j].name)?;
        let r2: f64 = pred
            .iter()
            .zip(coef.iter())
            .map(|(&k, bk)| bk * r[[k, j]])
            .sum();
        for (&k, bk) in pred.iter().zip(coef.iter()) {
            b[[k, j]] = *bk;
        }
        r_squared[j] = Some(r2);
        let p = pred.len();
        adj_r_squared[j] =
            (n > p + 1).then(|| 1.0 - (1.0 - r2) * (n - 1) as f64 / (n - p - 1) as f64);
    }
    let paths = model
        .paths
        .iter()
        .map(|&(from, to)| PathEstimate {
            from,
            to,
            coefficient: b[[from, to]],
        })
        .collect();
    // Total effects: B + B² + … (B is nilpotent: the paths form a DAG).
    let mut total = Array2::<f64>::zeros((c, c));
    let mut power = b.clone();
    for _ in 0..c {
        total += &power;
        power = power.dot(&b);
    }
    let mut effects = Vec::new();
    for from in 0..c {
        for to in 0..c {
            if total[[from, to]] != 0.0 || b[[from, to]] != 0.0 {
                effects.push(Effect {
                    from,
                    to,
                    direct: b[[from, to]],
                    indirect: total[[from, to]] - b[[from, to]],
                    total: total[[from, to]],
                });
            }
        }
    }
    Ok(PlsFit {
        constructs: model.constructs.iter().map(|c| c.name.clone()).collect(),
        outer,
        construct_correlations: r,
        indicator_correlations,
        indicator_means: Vec::new(),
        indicator_sd: Vec::new(),
        paths,
        r_squared,
        adj_r_squared,
        effects,
        n,
        iterations,
        scores: None,
    })
}

/// Estimates a PLS path model on respondents × `columns` data (as [`estimate`] on their
/// covariance) and computes the construct scores: each respondent's standardised indicators
/// weighted by the outer weights.
///
/// # Errors
/// As [`estimate`]; [`Error::MissingAnswer`] for a missing value under
/// [`MissingValues::Raise`]; [`Error::InsufficientData`] for a column with no answer under
/// [`MissingValues::Mean`];
/// [`Error::LengthMismatch`] when `columns` does not name every column.
///
/// ```
/// use cxkit::pls::{pls_pm, Construct, PlsModel, PlsOptions};
///
/// // Two constructs of two indicators each; y's indicators follow x's.
/// let data = ndarray::array![[1.0, 2.0, 1.0, 2.0], [2.0, 1.0, 2.0, 2.0], [3.0, 4.0, 4.0, 3.0], [4.0, 3.0, 3.0, 5.0], [5.0, 5.0, 5.0, 4.0]];
/// let columns: Vec<String> = ["x1", "x2", "y1", "y2"].map(String::from).to_vec();
/// let model = PlsModel::new(
///     vec![Construct::reflective("X", &["x1", "x2"]), Construct::reflective("Y", &["y1", "y2"])],
///     &[("X", "Y")],
/// )?;
/// let fit = pls_pm(&model, data.view(), &columns, &PlsOptions::default())?;
/// // One predecessor: the path is the correlation of the two scores, R² its square.
/// let r = fit.construct_correlations[[0, 1]];
/// assert!((fit.paths[0].coefficient - r).abs() < 1e-12);
/// assert!((fit.r_squared[1].unwrap() - r * r).abs() < 1e-12);
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn pls_pm(
    model: &PlsModel,
    data: ArrayView2<f64>,
    columns: &[String],
    options: &PlsOptions,
) -> Result<PlsFit> {
    let (sub, names) = model_data(model, data, columns, options)?;
    on_rows(model, sub.view(), &names, options)
}

/// The model's columns of `data` in block order — the data as they are when the model uses
/// every column in order, else a copy — and their names, once the NaN policy allows them.
pub(super) fn model_data<'a>(
    model: &PlsModel,
    data: ArrayView2<'a, f64>,
    columns: &[String],
    options: &PlsOptions,
) -> Result<(CowArray<'a, f64, Ix2>, Vec<String>)> {
    if columns.len() != data.ncols() {
        return Err(Error::LengthMismatch {
            what: "column names (one per data column)",
            expected: data.ncols(),
            actual: columns.len(),
        });
    }
    let blocks = blocks(model, columns)?;
    if options.nan_policy == MissingValues::Raise {
        for &i in blocks.iter().flatten() {
            if let Some(row) = data.column(i).iter().position(|v| v.is_nan()) {
                return Err(Error::MissingAnswer {
                    respondent: row,
                    feature: i,
                });
            }
        }
    }
    let used: Vec<usize> = blocks.iter().flatten().copied().collect();
    let names: Vec<String> = used.iter().map(|&i| columns[i].clone()).collect();
    let in_order = used.len() == data.ncols() && used.iter().enumerate().all(|(a, &i)| a == i);
    let gaps = options.nan_policy == MissingValues::Mean
        && used
            .iter()
            .any(|&i| data.column(i).iter().any(|v| v.is_nan()));
    let sub = if in_order && !gaps {
        CowArray::from(data)
    } else {
        let mut copy =
            Array2::from_shape_fn((data.nrows(), used.len()), |(r, a)| data[[r, used[a]]]);
        if gaps {
            replace_by_means(&mut copy, &names)?;
        }
        CowArray::from(copy)
    };
    Ok((sub, names))
}

/// Replaces the NaN of every column by the mean of its other values.
fn replace_by_means(data: &mut Array2<f64>, names: &[String]) -> Result<()> {
    for (mut column, name) in data.columns_mut().into_iter().zip(names) {
        let (sum, count) = column
            .iter()
            .filter(|v| !v.is_nan())
            .fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
        if count == 0 {
            return Err(Error::InsufficientData {
                what: "mean replacement of missing answers",
                needed: "at least one answer in every column",
                got: format!("none in the column {name:?}"),
            });
        }
        let mean = sum / count as f64;
        column
            .iter_mut()
            .filter(|v| v.is_nan())
            .for_each(|v| *v = mean);
    }
    Ok(())
}

/// [`pls_pm`] on the model's own columns (`names` in block order): the estimate on the rows
/// complete in them, and the scores of those rows.
pub(super) fn on_rows(
    model: &PlsModel,
    sub: ArrayView2<f64>,
    names: &[String],
    options: &PlsOptions,
) -> Result<PlsFit> {
    let cov = covariance(sub, MissingData::Listwise)?;
    let mut fit = estimate(model, &cov, names, options)?;
    let mut scores = Array2::from_elem((sub.nrows(), model.constructs.len()), f64::NAN);
    for (row, x) in sub.rows().into_iter().enumerate() {
        if x.iter().any(|v| v.is_nan()) {
            continue;
        }
        for (a, o) in fit.outer.iter().enumerate() {
            let z = (x[a] - fit.indicator_means[a]) / fit.indicator_sd[a];
            let cell = &mut scores[[row, o.construct]];
            *cell = if cell.is_nan() { 0.0 } else { *cell } + o.weight * z;
        }
    }
    fit.scores = Some(scores);
    Ok(fit)
}
