//! Covariance and correlation matrices of many rows in two passes, with missing values (NaN)
//! removed pairwise or listwise — the building block of reliability and key-driver analysis.

use ndarray::{Array2, ArrayView2};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// How rows with missing values (NaN) are used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingData {
    /// Each covariance uses every row where both of its columns are present (pandas'
    /// `DataFrame.cov`, R's `use = "pairwise.complete.obs"`).
    #[default]
    Pairwise,
    /// Only rows without any missing value are used (R's `use = "complete.obs"`).
    Listwise,
}

/// A covariance matrix with what it was computed from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Covariance {
    /// Sample covariances (n − 1 denominators), columns × columns.
    pub cov: Array2<f64>,
    /// Rows behind each covariance (the diagonal: rows where the column is present).
    pub counts: Array2<usize>,
    /// Mean of each column over its present values.
    pub means: Vec<f64>,
    /// Rows used: all rows (pairwise) or the complete ones (listwise).
    pub rows: usize,
}

impl Covariance {
    /// The correlation matrix; errors on a constant column (`what` names its kind).
    pub fn correlation(&self, what: &'static str) -> Result<Array2<f64>> {
        let k = self.cov.nrows();
        let sd: Vec<f64> = (0..k).map(|i| self.cov[[i, i]].sqrt()).collect();
        if let Some(index) = sd.iter().position(|s| s.is_nan() || *s <= 0.0) {
            return Err(Error::ConstantColumn { what, index });
        }
        Ok(Array2::from_shape_fn((k, k), |(i, j)| {
            if i == j {
                1.0
            } else {
                (self.cov[[i, j]] / (sd[i] * sd[j])).clamp(-1.0, 1.0)
            }
        }))
    }
}

/// Rows per block of the accumulation pass.
const BLOCK: usize = 2048;

/// Reads element (row, column) of any layout quickly: row-major and column-major arrays by
/// slice, anything else by index; an optional extra column follows the array's.
struct Reader<'a> {
    data: ArrayView2<'a, f64>,
    row_major: Option<&'a [f64]>,
    col_major: Option<&'a [f64]>,
    extra: Option<&'a [f64]>,
}

impl<'a> Reader<'a> {
    fn new(data: ArrayView2<'a, f64>, extra: Option<&'a [f64]>) -> Reader<'a> {
        let row_major = data.to_slice();
        let col_major = if row_major.is_none() {
            data.reversed_axes().to_slice()
        } else {
            None
        };
        Reader {
            data,
            row_major,
            col_major,
            extra,
        }
    }

    #[inline]
    fn get(&self, r: usize, c: usize) -> f64 {
        let (n, k) = self.data.dim();
        if c == k {
            return self.extra.map_or(f64::NAN, |e| e[r]);
        }
        match (self.row_major, self.col_major) {
            (Some(s), _) => s[r * k + c],
            (None, Some(s)) => s[c * n + r],
            _ => self.data[[r, c]],
        }
    }
}

/// Σ aᵢbᵢ with four partial sums (vectorisable, and the same order every run).
#[inline]
fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut acc = [0.0f64; 4];
    let (ac, bc) = (a.chunks_exact(4), b.chunks_exact(4));
    let (ar, br) = (ac.remainder(), bc.remainder());
    for (x, y) in ac.zip(bc) {
        for l in 0..4 {
            acc[l] += x[l] * y[l];
        }
    }
    let tail: f64 = ar.iter().zip(br).map(|(x, y)| x * y).sum();
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
}

/// Sums of one block: centred cross-products, and with missing values the pair counts and
/// each column's centred sum over the rows where the other is present.
struct Sums {
    cross: Vec<f64>,
    count: Vec<f64>,
    partial: Vec<f64>,
}

impl Sums {
    fn zero(k: usize) -> Sums {
        Sums {
            cross: vec![0.0; k * k],
            count: vec![0.0; k * k],
            partial: vec![0.0; k * k],
        }
    }

    fn add(mut self, o: Sums) -> Sums {
        for (a, b) in [
            (&mut self.cross, &o.cross),
            (&mut self.count, &o.count),
            (&mut self.partial, &o.partial),
        ] {
            a.iter_mut().zip(b).for_each(|(a, b)| *a += b);
        }
        self
    }
}

/// Covariance of the columns of `data` (rows × columns; NaN = missing, ±∞ an error).
///
/// ```
/// use cxkit::covariance::{covariance, MissingData};
/// use ndarray::array;
///
/// let x = array![[1.0, 2.0], [2.0, 4.0], [3.0, f64::NAN], [4.0, 8.0]];
/// let c = covariance(x.view(), MissingData::Pairwise)?;
/// assert!((c.cov[[0, 0]] - 5.0 / 3.0).abs() < 1e-12); // 1, 2, 3, 4
/// assert_eq!(c.counts[[0, 1]], 3); // rows 0, 1 and 3
/// assert!((c.cov[[0, 1]] - 14.0 / 3.0).abs() < 1e-12); // (1,2), (2,4), (4,8)
/// let l = covariance(x.view(), MissingData::Listwise)?;
/// assert_eq!(l.rows, 3);
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn covariance(data: ArrayView2<f64>, missing: MissingData) -> Result<Covariance> {
    covariance_of_rows(data, None, missing, None)
}

/// [`covariance`] of the columns of `data` followed by `extra` (one more column, e.g. the
/// outcome of a regression), over the rows listed in `rows` (repeats allowed: a bootstrap
/// resample) or over all rows.
pub(crate) fn covariance_of_rows(
    data: ArrayView2<f64>,
    extra: Option<&[f64]>,
    missing: MissingData,
    rows: Option<&[usize]>,
) -> Result<Covariance> {
    let n_all = data.nrows();
    let k = data.ncols() + usize::from(extra.is_some());
    if k == 0 {
        return Err(Error::EmptyInput { what: "columns" });
    }
    if let Some(e) = extra {
        if e.len() != n_all {
            return Err(Error::LengthMismatch {
                what: "outcome values (one per row)",
                expected: n_all,
                actual: e.len(),
            });
        }
        if let Some(r) = e.iter().position(|v| v.is_infinite()) {
            return Err(Error::InvalidParameter {
                name: "y",
                reason: format!("value {} at row {r} is infinite", e[r]),
            });
        }
    }
    let reader = Reader::new(data, extra);
    if let Some(((r, c), v)) = data.indexed_iter().find(|(_, v)| v.is_infinite()) {
        return Err(Error::InvalidParameter {
            name: "data",
            reason: format!("value {v} at row {r}, column {c} is infinite"),
        });
    }
    let all: Vec<usize>;
    let mut rows: &[usize] = match rows {
        Some(r) => r,
        None => {
            all = (0..n_all).collect();
            &all
        }
    };
    let complete: Vec<usize>;
    if missing == MissingData::Listwise {
        complete = rows
            .par_iter()
            .copied()
            .filter(|&r| (0..k).all(|c| !reader.get(r, c).is_nan()))
            .collect();
        rows = &complete;
    }
    let n = rows.len();
    if missing == MissingData::Listwise && n < 2 {
        return Err(Error::InsufficientData {
            what: "a listwise covariance",
            needed: "at least two rows without missing values",
            got: n.to_string(),
        });
    }
    // Pass 1: means and counts of the present values.
    let (sums, counts) = rows
        .par_chunks(BLOCK)
        .map(|block| {
            let (mut s, mut m) = (vec![0.0; k], vec![0usize; k]);
            for &r in block {
                for c in 0..k {
                    let v = reader.get(r, c);
                    if !v.is_nan() {
                        s[c] += v;
                        m[c] += 1;
                    }
                }
            }
            (s, m)
        })
        .collect::<Vec<_>>()
        .into_iter()
        .fold(
            (vec![0.0; k], vec![0usize; k]),
            |(mut s, mut m), (bs, bm)| {
                s.iter_mut().zip(&bs).for_each(|(a, b)| *a += b);
                m.iter_mut().zip(&bm).for_each(|(a, b)| *a += b);
                (s, m)
            },
        );
    let any_missing = counts.iter().any(|&m| m < n);
    if let Some(c) = counts.iter().position(|&m| m == 0) {
        return Err(Error::InvalidParameter {
            name: "data",
            reason: format!("column {c} has no values"),
        });
    }
    let means: Vec<f64> = sums
        .iter()
        .zip(&counts)
        .map(|(s, &m)| s / m as f64)
        .collect();
    // Pass 2: centred cross-products by blocks gathered column by column.
    let total = rows
        .par_chunks(BLOCK)
        .map(|block| {
            let b = block.len();
            let mut z = vec![0.0; k * b];
            let mut mask = if any_missing {
                vec![0.0; k * b]
            } else {
                Vec::new()
            };
            for (t, &r) in block.iter().enumerate() {
                for c in 0..k {
                    let v = reader.get(r, c);
                    if !v.is_nan() {
                        z[c * b + t] = v - means[c];
                        if any_missing {
                            mask[c * b + t] = 1.0;
                        }
                    }
                }
            }
            let mut s = Sums::zero(k);
            for i in 0..k {
                let zi = &z[i * b..(i + 1) * b];
                for j in i..k {
                    s.cross[i * k + j] = dot(zi, &z[j * b..(j + 1) * b]);
                }
                if any_missing {
                    let mi = &mask[i * b..(i + 1) * b];
                    for j in 0..k {
                        let mj = &mask[j * b..(j + 1) * b];
                        s.partial[i * k + j] = dot(zi, mj);
                        if j >= i {
                            s.count[i * k + j] = dot(mi, mj);
                        }
                    }
                }
            }
            s
        })
        .collect::<Vec<_>>()
        .into_iter()
        .fold(Sums::zero(k), Sums::add);
    let mut cov = Array2::zeros((k, k));
    let mut pair_counts = Array2::zeros((k, k));
    for i in 0..k {
        for j in i..k {
            let (cnt, c) = if any_missing {
                let cnt = total.count[i * k + j];
                let (a, b) = (total.partial[i * k + j], total.partial[j * k + i]);
                (cnt, total.cross[i * k + j] - a * b / cnt.max(1.0))
            } else {
                (n as f64, total.cross[i * k + j])
            };
            if cnt < 2.0 {
                return Err(Error::InsufficientData {
                    what: "a covariance",
                    needed: "at least two rows where both columns are present",
                    got: format!("{cnt} for columns {i} and {j}"),
                });
            }
            cov[[i, j]] = c / (cnt - 1.0);
            cov[[j, i]] = cov[[i, j]];
            pair_counts[[i, j]] = cnt as usize;
            pair_counts[[j, i]] = cnt as usize;
        }
    }
    Ok(Covariance {
        cov,
        counts: pair_counts,
        means,
        rows: n,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::Array2;

    /// Pairwise covariance by definition: each pair's own means over its complete rows.
    fn naive(x: &Array2<f64>, i: usize, j: usize) -> f64 {
        let pairs: Vec<(f64, f64)> = x
            .rows()
            .into_iter()
            .map(|r| (r[i], r[j]))
            .filter(|(a, b)| !a.is_nan() && !b.is_nan())
            .collect();
        let n = pairs.len() as f64;
        let (ma, mb) = (
            pairs.iter().map(|p| p.0).sum::<f64>() / n,
            pairs.iter().map(|p| p.1).sum::<f64>() / n,
        );
        pairs.iter().map(|(a, b)| (a - ma) * (b - mb)).sum::<f64>() / (n - 1.0)
    }

    #[test]
    fn pairwise_equals_the_definition_in_any_layout() {
        // 5000 rows (three blocks), 4 columns, about 10 % missing, shifted far from 0.
        let x = Array2::from_shape_fn((5000, 4), |(r, c)| {
            let u = ((r * 7919 + c * 104_729) % 1009) as f64 / 1009.0;
            if (r * 31 + c * 17) % 10 == 0 {
                f64::NAN
            } else {
                1e6 + u * (c + 1) as f64 + if c == 3 { (r % 7) as f64 } else { 0.0 }
            }
        });
        let c = covariance(x.view(), MissingData::Pairwise).unwrap();
        let t = x.t().to_owned();
        let f = covariance(t.t(), MissingData::Pairwise).unwrap();
        for i in 0..4 {
            for j in 0..4 {
                let want = naive(&x, i, j);
                assert!(
                    (c.cov[[i, j]] - want).abs() < 1e-9 * want.abs().max(1.0),
                    "{i} {j}: {} vs {want}",
                    c.cov[[i, j]]
                );
                assert!((f.cov[[i, j]] - c.cov[[i, j]]).abs() < 1e-12);
            }
        }
        assert_eq!(c.rows, 5000);
        let l = covariance(x.view(), MissingData::Listwise).unwrap();
        assert!(l.rows < 5000 && l.counts[[0, 1]] == l.rows);
    }

    #[test]
    fn bad_input() {
        let inf = ndarray::array![[1.0, f64::INFINITY], [2.0, 3.0]];
        assert!(covariance(inf.view(), MissingData::Pairwise).is_err());
        let empty_col = ndarray::array![[1.0, f64::NAN], [2.0, f64::NAN], [3.0, f64::NAN]];
        assert!(covariance(empty_col.view(), MissingData::Pairwise).is_err());
        let one = ndarray::array![[1.0, 2.0]];
        assert!(matches!(
            covariance(one.view(), MissingData::Pairwise),
            Err(Error::InsufficientData { .. })
        ));
        let constant = ndarray::array![[1.0, 2.0], [1.0, 3.0], [1.0, 5.0]];
        let c = covariance(constant.view(), MissingData::Pairwise).unwrap();
        assert!(matches!(
            c.correlation("item"),
            Err(Error::ConstantColumn { index: 0, .. })
        ));
    }
}
