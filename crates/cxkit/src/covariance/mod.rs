//! Covariance and correlation matrices of many rows in two passes, with missing values (NaN)
//! removed pairwise or listwise — the building block of reliability and key-driver analysis.

use ndarray::{Array2, ArrayView2};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

mod accumulator;

pub use accumulator::CovarianceAccumulator;

use crate::simd::avx2_or_baseline;
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

crate::names::named!(MissingData, "nan_policy", [Pairwise => "pairwise", Listwise => "listwise"]);

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

/// Most columns a covariance is computed for: its sums take 24·k² bytes (6 GiB here).
pub const MAX_COLUMNS: usize = 16_384;

/// Errors unless there are between 1 and [`MAX_COLUMNS`] columns.
fn check_columns(k: usize) -> Result<()> {
    if k == 0 {
        return Err(Error::EmptyInput { what: "columns" });
    }
    if k > MAX_COLUMNS {
        return Err(Error::InvalidParameter {
            name: "columns",
            reason: format!(
                "{k} columns: a covariance is computed for at most {MAX_COLUMNS} (its sums take \
                 24·k² bytes)"
            ),
        });
    }
    Ok(())
}

/// Rows per block of the accumulation pass.
const BLOCK: usize = 512;

/// Padding between the columns of a block's buffer.
const STRIDE_PAD: usize = 8;

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

    /// Copies the rows `block` into `z`, column-major (column c at `z[c·stride..]`), minus
    /// the column's `shift`; the extra column last. Returns whether any value is not finite.
    #[inline(always)]
    fn fill(&self, block: &[usize], z: &mut [f64], shift: &[f64], stride: usize) -> bool {
        let (n, k0) = self.data.dim();
        let b = block.len();
        let mut finite = true;
        match (self.row_major, self.col_major) {
            (Some(s), _) => {
                for (t, &r) in block.iter().enumerate() {
                    for (c, (&v, m)) in s[r * k0..(r + 1) * k0].iter().zip(shift).enumerate() {
                        finite &= v.is_finite();
                        z[c * stride + t] = v - m;
                    }
                }
            }
            (None, Some(s)) => {
                for c in 0..k0 {
                    let col = &s[c * n..(c + 1) * n];
                    for (dst, &r) in z[c * stride..c * stride + b].iter_mut().zip(block) {
                        let v = col[r];
                        finite &= v.is_finite();
                        *dst = v - shift[c];
                    }
                }
            }
            _ => {
                for (t, &r) in block.iter().enumerate() {
                    for c in 0..k0 {
                        let v = self.data[[r, c]];
                        finite &= v.is_finite();
                        z[c * stride + t] = v - shift[c];
                    }
                }
            }
        }
        if let Some(e) = self.extra {
            for (dst, &r) in z[k0 * stride..k0 * stride + b].iter_mut().zip(block) {
                finite &= e[r].is_finite();
                *dst = e[r] - shift[k0];
            }
        }
        !finite
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

/// Σ aᵢbᵢ with eight partial sums (enough independent additions to keep the vector units
/// busy, and the same order every run).
#[inline(always)]
fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut acc = [0.0f64; 8];
    let (ac, bc) = (a.chunks_exact(8), b.chunks_exact(8));
    let (ar, br) = (ac.remainder(), bc.remainder());
    for (x, y) in ac.zip(bc) {
        for l in 0..8 {
            acc[l] += x[l] * y[l];
        }
    }
    let tail: f64 = ar.iter().zip(br).map(|(x, y)| x * y).sum();
    ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7])) + tail
}

/// Σ aᵢ with eight partial sums.
#[inline(always)]
fn sum(a: &[f64]) -> f64 {
    let mut acc = [0.0f64; 8];
    let chunks = a.chunks_exact(8);
    let tail: f64 = chunks.remainder().iter().sum();
    for x in chunks {
        for l in 0..8 {
            acc[l] += x[l];
        }
    }
    ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7])) + tail
}

/// Sums of one block: centred cross-products, and with missing values the pair counts and
/// each column's centred sum over the rows where the other is present.
#[derive(Debug, Clone, PartialEq)]
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
    check_columns(k)?;
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
    let all: Vec<usize>;
    let rows: &[usize] = match rows {
        Some(r) => r,
        None => {
            all = (0..n_all).collect();
            &all
        }
    };
    let shift = rough_centre(&reader, rows, k);
    let total = accumulate(&reader, rows, &shift, missing)?;
    total.covariance(&shift, missing, rows.len() as u64)
}

/// A rough centre of each column (the mean of the first rows' present values, 0 when none):
/// the sums are taken of values shifted by it, which keeps them free of cancellation; the
/// pairwise formula of [`Sums::covariance`] corrects for any shift exactly.
fn rough_centre(reader: &Reader, rows: &[usize], k: usize) -> Vec<f64> {
    let head = &rows[..rows.len().min(1000)];
    (0..k)
        .map(|c| {
            let (s, m) = head
                .iter()
                .map(|&r| reader.get(r, c))
                .filter(|v| v.is_finite())
                .fold((0.0, 0usize), |(s, m), v| (s + v, m + 1));
            if m > 0 {
                s / m as f64
            } else {
                0.0
            }
        })
        .collect()
}

/// The sums of `rows` shifted by `shift`, in parallel blocks; errors on an infinite value.
fn accumulate(
    reader: &Reader,
    rows: &[usize],
    shift: &[f64],
    missing: MissingData,
) -> Result<Sums> {
    let k = shift.len();
    let blocks: Vec<std::result::Result<Sums, (usize, usize, f64)>> = rows
        .par_chunks(BLOCK)
        .map_init(
            || {
                let size = k * (BLOCK + STRIDE_PAD);
                (vec![0.0; size], vec![0.0; size])
            },
            |(z, m), block| block_sums(reader, block, shift, missing, z, m),
        )
        .collect();
    let mut total = Sums::zero(k);
    for b in blocks {
        match b {
            Ok(s) => total = total.add(s),
            Err((r, c, v)) => {
                return Err(Error::InvalidParameter {
                    name: "data",
                    reason: format!("value {v} at row {r}, column {c} is infinite"),
                })
            }
        }
    }
    Ok(total)
}

impl Sums {
    /// The same sums about another centre: with d = `to` − `from`, each shifted value loses
    /// d, so Σzᵢ loses nᵢⱼdᵢ and Σzᵢzⱼ loses dⱼΣzᵢ + dᵢΣzⱼ − nᵢⱼdᵢdⱼ (exact algebra).
    fn recentre(&mut self, from: &[f64], to: &[f64]) {
        let k = from.len();
        let d: Vec<f64> = from.iter().zip(to).map(|(f, t)| t - f).collect();
        for i in 0..k {
            for j in i..k {
                let n = self.count[i * k + j];
                let (pi, pj) = (self.partial[i * k + j], self.partial[j * k + i]);
                self.cross[i * k + j] += n * d[i] * d[j] - d[j] * pi - d[i] * pj;
            }
        }
        for (i, di) in d.iter().enumerate() {
            for j in 0..k {
                let n = self.count[i.min(j) * k + i.max(j)];
                self.partial[i * k + j] -= n * di;
            }
        }
    }

    /// The covariance matrix from the sums of `rows` rows shifted by `shift`.
    fn covariance(&self, shift: &[f64], missing: MissingData, rows: u64) -> Result<Covariance> {
        let k = shift.len();
        let used = match missing {
            MissingData::Pairwise => rows as usize,
            MissingData::Listwise => self.count[0] as usize,
        };
        if missing == MissingData::Listwise && used < 2 {
            return Err(Error::InsufficientData {
                what: "a listwise covariance",
                needed: "at least two rows without missing values",
                got: used.to_string(),
            });
        }
        if let Some(c) = (0..k).find(|&c| self.count[c * k + c] == 0.0) {
            return Err(Error::InvalidParameter {
                name: "data",
                reason: format!("column {c} has no values"),
            });
        }
        let means: Vec<f64> = (0..k)
            .map(|c| shift[c] + self.partial[c * k + c] / self.count[c * k + c])
            .collect();
        let mut cov = Array2::zeros((k, k));
        let mut pair_counts = Array2::zeros((k, k));
        for i in 0..k {
            for j in i..k {
                let cnt = self.count[i * k + j];
                let (a, b) = (self.partial[i * k + j], self.partial[j * k + i]);
                let c = self.cross[i * k + j] - a * b / cnt.max(1.0);
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
            rows: used,
        })
    }
}

/// The sums of one block of rows, or the first infinite value (row, column, value); in
/// 256-bit registers where the processor has AVX2 (the same operations in the same order, so
/// the same sums to the bit).
fn block_sums(
    reader: &Reader,
    block: &[usize],
    shift: &[f64],
    missing: MissingData,
    z: &mut [f64],
    mask_buf: &mut [f64],
) -> std::result::Result<Sums, (usize, usize, f64)> {
    avx2_or_baseline!(block_sums_any(reader, block, shift, missing, z, mask_buf)
        with (
            reader: &Reader,
            block: &[usize],
            shift: &[f64],
            missing: MissingData,
            z: &mut [f64],
            mask_buf: &mut [f64],
        ) -> std::result::Result<Sums, (usize, usize, f64)>)
}

#[inline(always)]
fn block_sums_any(
    reader: &Reader,
    block: &[usize],
    shift: &[f64],
    missing: MissingData,
    z: &mut [f64],
    mask_buf: &mut [f64],
) -> std::result::Result<Sums, (usize, usize, f64)> {
    let k = shift.len();
    let b = block.len();
    // Columns a little more than a block apart: a stride of a power of two bytes would put
    // every column's row t in the same cache set.
    let st = b + STRIDE_PAD;
    let z = &mut z[..k * st];
    let mut mask: Option<&mut [f64]> = None;
    if reader.fill(block, z, shift, st) {
        // Slow path: some values are missing (or infinite).
        let m = &mut mask_buf[..k * st];
        m.iter_mut().for_each(|v| *v = 1.0);
        for c in 0..k {
            for t in 0..b {
                let v = z[c * st + t];
                if v.is_infinite() {
                    return Err((block[t], c, v + shift[c]));
                }
                if v.is_nan() {
                    m[c * st + t] = 0.0;
                }
            }
        }
        if missing == MissingData::Listwise {
            // A row with any missing value is left out of every pair.
            for t in 0..b {
                if (0..k).any(|c| m[c * st + t] == 0.0) {
                    for c in 0..k {
                        m[c * st + t] = 0.0;
                    }
                }
            }
        }
        for (v, w) in z.iter_mut().zip(m.iter()) {
            if *w == 0.0 {
                *v = 0.0;
            }
        }
        mask = Some(m);
    }
    let z = &*z;
    let sums: Vec<f64> = (0..k).map(|c| sum(&z[c * st..c * st + b])).collect();
    let mut s = Sums::zero(k);
    for i in 0..k {
        let zi = &z[i * st..i * st + b];
        for j in i..k {
            s.cross[i * k + j] = dot(zi, &z[j * st..j * st + b]);
        }
        match &mask {
            None => {
                for j in 0..k {
                    s.partial[i * k + j] = sums[i];
                    s.count[i * k + j] = b as f64;
                }
            }
            Some(mask) => {
                let mi = &mask[i * st..i * st + b];
                for j in 0..k {
                    let mj = &mask[j * st..j * st + b];
                    s.partial[i * k + j] = dot(zi, mj);
                    if j >= i {
                        s.count[i * k + j] = dot(mi, mj);
                    }
                }
            }
        }
    }
    Ok(s)
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
