//! Mergeable covariance state: the sufficient statistics of a covariance matrix (and so of
//! Cronbach's alpha and key-driver weights), fed by batches of rows.

use ndarray::ArrayView2;

use super::{accumulate, check_columns, rough_centre, Covariance, MissingData, Reader, Sums};
use crate::bytes::FORMAT_VERSION;
use crate::bytes::{corrupt, write_header, ByteReader};
use crate::{Error, Result};

const TAG: u8 = 5;

/// The sums behind a covariance matrix — per pair of columns the rows where both are present,
/// each column's sum over them and the cross-products, all about a fixed centre — mergeable
/// across partitions and storable as bytes. Finishing gives the same matrix as
/// [`covariance`](super::covariance) over all the rows at once, to rounding (about 1e-15
/// relative), for either [`MissingData`] rule.
///
/// The centre is taken from the first non-empty batch; merging re-centres the other state
/// exactly (Σ(z − d) = Σz − nd and the matching product rule). Bytes: `b"CXKA"`, the format
/// version, kind 5, the rule (0 pairwise, 1 listwise), the column count k (u32), the row
/// count (u64), then, once rows were seen, k centre values and k² cross-product, pair-count
/// and partial-sum values (f64), all little-endian.
///
/// ```
/// use cxkit::covariance::{covariance, CovarianceAccumulator, MissingData};
/// use ndarray::array;
///
/// let x = array![[1.0, 2.0], [2.0, 4.0], [3.0, f64::NAN], [4.0, 8.0], [6.0, 5.0]];
/// let mut a = CovarianceAccumulator::new(2, MissingData::Pairwise)?;
/// a.update(x.slice(ndarray::s![..2, ..]))?;
/// let mut b = CovarianceAccumulator::new(2, MissingData::Pairwise)?;
/// b.update(x.slice(ndarray::s![2.., ..]))?;
/// a.merge(&CovarianceAccumulator::from_bytes(&b.to_bytes())?)?;
/// let whole = covariance(x.view(), MissingData::Pairwise)?;
/// let parts = a.covariance()?;
/// assert_eq!(parts.counts, whole.counts);
/// assert!((parts.cov[[0, 1]] - whole.cov[[0, 1]]).abs() < 1e-12);
/// # Ok::<(), cxkit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CovarianceAccumulator {
    missing: MissingData,
    columns: usize,
    shift: Option<Vec<f64>>,
    sums: Sums,
    rows: u64,
}

impl CovarianceAccumulator {
    /// An empty state for `columns` columns (at least one).
    pub fn new(columns: usize, missing: MissingData) -> Result<CovarianceAccumulator> {
        check_columns(columns)?;
        Ok(CovarianceAccumulator {
            missing,
            columns,
            shift: None,
            sums: Sums::zero(0),
            rows: 0,
        })
    }

    /// Adds a batch of rows (rows × columns; NaN = missing, ±∞ an error). On error the state
    /// is unchanged.
    pub fn update(&mut self, data: ArrayView2<f64>) -> Result<()> {
        if data.ncols() != self.columns {
            return Err(Error::LengthMismatch {
                what: "columns per row",
                expected: self.columns,
                actual: data.ncols(),
            });
        }
        if data.nrows() == 0 {
            return Ok(());
        }
        let reader = Reader::new(data, None);
        let rows: Vec<usize> = (0..data.nrows()).collect();
        let shift = match &self.shift {
            Some(s) => s.clone(),
            None => rough_centre(&reader, &rows, self.columns),
        };
        let batch = accumulate(&reader, &rows, &shift, self.missing)?;
        // The sums are allocated with the first rows (an empty state holds none).
        self.sums = match self.shift {
            Some(_) => std::mem::replace(&mut self.sums, Sums::zero(0)).add(batch),
            None => batch,
        };
        self.shift = Some(shift);
        self.rows += rows.len() as u64;
        Ok(())
    }

    /// Adds another state (same columns and missing-data rule) into this one.
    pub fn merge(&mut self, other: &CovarianceAccumulator) -> Result<()> {
        if (other.columns, other.missing) != (self.columns, self.missing) {
            return Err(Error::Incompatible {
                reason: format!(
                    "covariance states of {} columns ({:?}) and {} columns ({:?})",
                    self.columns, self.missing, other.columns, other.missing
                ),
            });
        }
        let Some(theirs) = &other.shift else {
            return Ok(());
        };
        let Some(rows) = self.rows.checked_add(other.rows) else {
            return Err(Error::Incompatible {
                reason: "the merged covariance states would count more than 2^64 rows".into(),
            });
        };
        let mut sums = other.sums.clone();
        self.sums = match &self.shift {
            Some(mine) => {
                sums.recentre(theirs, mine);
                std::mem::replace(&mut self.sums, Sums::zero(0)).add(sums)
            }
            None => {
                self.shift = Some(theirs.clone());
                sums
            }
        };
        self.rows = rows;
        Ok(())
    }

    /// Rows seen so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Number of columns.
    pub fn columns(&self) -> usize {
        self.columns
    }

    /// How rows with missing values are used.
    pub fn missing(&self) -> MissingData {
        self.missing
    }

    /// The covariance matrix of every row seen; the errors of [`covariance`](super::covariance)
    /// (no rows, a column without values, a pair with fewer than two rows).
    pub fn covariance(&self) -> Result<Covariance> {
        let Some(shift) = &self.shift else {
            return Err(Error::EmptyInput { what: "rows" });
        };
        self.sums.covariance(shift, self.missing, self.rows)
    }

    /// The state as versioned bytes; see the type's documentation for the layout.
    pub fn to_bytes(&self) -> Vec<u8> {
        let k = self.columns;
        let mut out = Vec::with_capacity(24 + 8 * (k + 3 * k * k));
        write_header(&mut out, FORMAT_VERSION, TAG);
        out.push(match self.missing {
            MissingData::Pairwise => 0,
            MissingData::Listwise => 1,
        });
        out.extend_from_slice(&(k as u32).to_le_bytes());
        out.extend_from_slice(&self.rows.to_le_bytes());
        if let Some(shift) = &self.shift {
            for v in shift
                .iter()
                .chain(&self.sums.cross)
                .chain(&self.sums.count)
                .chain(&self.sums.partial)
            {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        out
    }

    /// Reads state written by [`to_bytes`](Self::to_bytes); [`Error::CorruptBytes`] on
    /// anything else, including counts that are not whole numbers within the row count and
    /// values that are not finite.
    pub fn from_bytes(bytes: &[u8]) -> Result<CovarianceAccumulator> {
        let mut r = ByteReader::new(bytes);
        r.header(FORMAT_VERSION, TAG, "covariance state")?;
        let missing = match r.u8()? {
            0 => MissingData::Pairwise,
            1 => MissingData::Listwise,
            m => return Err(corrupt(format!("missing-data rule {m}"))),
        };
        let k = r.u32()? as usize;
        check_columns(k).map_err(|e| corrupt(e.to_string()))?;
        let rows = r.u64()?;
        let mut acc = CovarianceAccumulator {
            missing,
            columns: k,
            shift: None,
            sums: Sums::zero(0),
            rows,
        };
        if rows == 0 {
            r.finish()?;
            return Ok(acc);
        }
        let kk = k
            .checked_mul(k)
            .ok_or_else(|| corrupt(format!("{k} columns")))?;
        let shift = r.f64s(k)?;
        let cross = r.f64s(kk)?;
        let count = r.f64s(kk)?;
        let partial = r.f64s(kk)?;
        r.finish()?;
        if let Some(v) = shift
            .iter()
            .chain(&cross)
            .chain(&partial)
            .find(|v| !v.is_finite())
        {
            return Err(corrupt(format!("a sum is {v}")));
        }
        if let Some(c) = count
            .iter()
            .find(|c| !(c.fract() == 0.0 && (0.0..=rows as f64).contains(*c)))
        {
            return Err(corrupt(format!("pair count {c} with {rows} rows")));
        }
        acc.shift = Some(shift);
        acc.sums = Sums {
            cross,
            count,
            partial,
        };
        Ok(acc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::covariance::covariance;
    use ndarray::{s, Array2};

    /// Rows with missing values, large offsets (so the centres matter) and a spread of scales.
    fn data(n: usize) -> Array2<f64> {
        Array2::from_shape_fn((n, 4), |(r, c)| {
            let x = ((r * 37 + c * 11) % 23) as f64 + 1000.0 * c as f64 + (r % 7) as f64 * 0.5;
            if (r + c) % 9 == 0 {
                f64::NAN
            } else {
                x
            }
        })
    }

    fn close(a: &Covariance, b: &Covariance) {
        assert_eq!(a.counts, b.counts);
        assert_eq!(a.rows, b.rows);
        for (x, y) in a.cov.iter().zip(&b.cov).chain(a.means.iter().zip(&b.means)) {
            assert!((x - y).abs() <= 1e-12 * y.abs().max(1.0), "{x} vs {y}");
        }
    }

    #[test]
    fn parts_merged_in_any_order_equal_the_whole() {
        // The whole: `covariance` over all rows (itself checked against the pairwise
        // definition in the module's tests).
        let x = data(3000);
        for missing in [MissingData::Pairwise, MissingData::Listwise] {
            let whole = covariance(x.view(), missing).unwrap();
            let cuts = [0, 1, 700, 701, 2500, 3000];
            let parts: Vec<CovarianceAccumulator> = cuts
                .windows(2)
                .map(|w| {
                    let mut a = CovarianceAccumulator::new(4, missing).unwrap();
                    a.update(x.slice(s![w[0]..w[1], ..])).unwrap();
                    a
                })
                .collect();
            let mut forward = CovarianceAccumulator::new(4, missing).unwrap();
            for p in &parts {
                forward.merge(p).unwrap();
            }
            let mut backward = CovarianceAccumulator::new(4, missing).unwrap();
            for p in parts.iter().rev() {
                backward
                    .merge(&CovarianceAccumulator::from_bytes(&p.to_bytes()).unwrap())
                    .unwrap();
            }
            let mut fed = CovarianceAccumulator::new(4, missing).unwrap();
            for w in cuts.windows(2) {
                fed.update(x.slice(s![w[0]..w[1], ..])).unwrap();
            }
            for acc in [&forward, &backward, &fed] {
                assert_eq!(acc.rows(), 3000);
                close(&acc.covariance().unwrap(), &whole);
            }
        }
    }

    #[test]
    fn errors_leave_the_state_unchanged() {
        let mut a = CovarianceAccumulator::new(4, MissingData::Pairwise).unwrap();
        a.update(data(10).view()).unwrap();
        let before = a.clone();
        let mut bad = data(10);
        bad[[5, 2]] = f64::INFINITY;
        assert!(matches!(
            a.update(bad.view()),
            Err(Error::InvalidParameter { .. })
        ));
        assert!(matches!(
            a.update(Array2::zeros((3, 2)).view()),
            Err(Error::LengthMismatch {
                expected: 4,
                actual: 2,
                ..
            })
        ));
        let other = CovarianceAccumulator::new(4, MissingData::Listwise).unwrap();
        assert!(matches!(a.merge(&other), Err(Error::Incompatible { .. })));
        assert_eq!(a, before);
        assert!(matches!(
            CovarianceAccumulator::new(0, MissingData::Pairwise),
            Err(Error::EmptyInput { .. })
        ));
        assert!(matches!(
            CovarianceAccumulator::new(2, MissingData::Pairwise)
                .unwrap()
                .covariance(),
            Err(Error::EmptyInput { what: "rows" })
        ));
    }

    #[test]
    fn corrupt_bytes_are_refused() {
        let mut a = CovarianceAccumulator::new(2, MissingData::Pairwise).unwrap();
        a.update(data(20).slice(s![.., ..2])).unwrap();
        let good = a.to_bytes();
        assert_eq!(CovarianceAccumulator::from_bytes(&good).unwrap(), a);
        let empty = CovarianceAccumulator::new(3, MissingData::Listwise).unwrap();
        assert_eq!(
            CovarianceAccumulator::from_bytes(&empty.to_bytes()).unwrap(),
            empty
        );
        for cut in 0..good.len() {
            assert!(CovarianceAccumulator::from_bytes(&good[..cut]).is_err());
        }
        let mut longer = good.clone();
        longer.push(0);
        assert!(CovarianceAccumulator::from_bytes(&longer).is_err());
        // A pair count (first count value) of 0.5, then one above the row count.
        let count_at = 6 + 1 + 4 + 8 + 8 * (2 + 4);
        for bad in [0.5f64, 21.0, f64::NAN] {
            let mut b = good.clone();
            b[count_at..count_at + 8].copy_from_slice(&bad.to_le_bytes());
            assert!(matches!(
                CovarianceAccumulator::from_bytes(&b),
                Err(Error::CorruptBytes { .. })
            ));
        }
        // A column count that would need far more bytes than there are, with rows and
        // without (found by fuzzing: an empty state of 2^32 − 1 columns allocated its sums).
        for state in [&good, &empty.to_bytes()] {
            let mut huge = state.clone();
            huge[7..11].copy_from_slice(&u32::MAX.to_le_bytes());
            assert!(matches!(
                CovarianceAccumulator::from_bytes(&huge),
                Err(Error::CorruptBytes { .. })
            ));
        }
        assert!(matches!(
            CovarianceAccumulator::new(super::super::MAX_COLUMNS + 1, MissingData::Pairwise),
            Err(Error::InvalidParameter { .. })
        ));
    }
}
