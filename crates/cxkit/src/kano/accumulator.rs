//! Mergeable KANO state: answer-pair counts per feature, fed by batches of respondents.

use ndarray::ArrayView2;

use super::analysis::{check_inputs, fold, KanoOptions, KanoTable, Sums};
use super::category::KanoCounts;
use crate::bytes::FORMAT_VERSION;
use crate::bytes::{corrupt, write_header, ByteReader};
use crate::scale::Score;
use crate::{Error, Result};

const TAG: u8 = 4;

/// How often each of the 25 functional × dysfunctional answer pairs occurred, per feature:
/// enough for every categorical verdict and DuMouchel's (unweighted) scores, mergeable across
/// partitions and storable as bytes (`b"CXKA"`, format version, kind 4, the feature count,
/// the respondent count and 25 u64 counts per feature, little-endian). The cleaning rules and
/// importance need whole respondents, so they are not applied to accumulated batches.
///
/// ```
/// use cxkit::kano::{KanoAccumulator, KanoCategory, KanoOptions};
/// use ndarray::array;
///
/// let mut north = KanoAccumulator::new(1);
/// north.update(array![[1]].view(), array![[5]].view(), &KanoOptions::default())?;
/// let mut south = KanoAccumulator::new(1);
/// south.update(array![[1], [1]].view(), array![[5], [5]].view(), &KanoOptions::default())?;
/// north.merge(&KanoAccumulator::from_bytes(&south.to_bytes())?)?;
/// let table = north.finish()?;
/// assert_eq!(table.features[0].counts.o, 3);
/// assert_eq!(table.features[0].continuous.unwrap().functional, 4.0);
/// # Ok::<(), cxkit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct KanoAccumulator {
    sums: Sums,
}

impl KanoAccumulator {
    /// An empty accumulator for `features` features.
    pub fn new(features: usize) -> KanoAccumulator {
        KanoAccumulator {
            sums: Sums::new(features),
        }
    }

    /// Adds a batch of respondents (rows) with the form and NaN policy of `options` (its
    /// cleaning limits are not applied; see the type's documentation). On error the state is
    /// unchanged.
    pub fn update<S: Score>(
        &mut self,
        functional: ArrayView2<S>,
        dysfunctional: ArrayView2<S>,
        options: &KanoOptions,
    ) -> Result<()> {
        if functional.ncols() != self.sums.pairs.len() {
            return Err(Error::LengthMismatch {
                what: "features per respondent",
                expected: self.sums.pairs.len(),
                actual: functional.ncols(),
            });
        }
        let options = KanoOptions {
            max_questionable: None,
            max_indifferent: None,
            ..*options
        };
        check_inputs(&functional, &dysfunctional, None, &options)?;
        let batch = fold(functional, dysfunctional, None, &options, 1, &|_| 0)?;
        self.sums.merge(&batch[0]);
        Ok(())
    }

    /// Adds another accumulator's counts (same number of features).
    pub fn merge(&mut self, other: &KanoAccumulator) -> Result<()> {
        if other.sums.pairs.len() != self.sums.pairs.len() {
            return Err(Error::Incompatible {
                reason: format!(
                    "KANO accumulators of {} and {} features",
                    self.sums.pairs.len(),
                    other.sums.pairs.len()
                ),
            });
        }
        // Every pair count is at most the respondent count (checked on reading), so no count
        // overflows when the respondents do not.
        if (self.sums.respondents as u64)
            .checked_add(other.sums.respondents as u64)
            .is_none()
        {
            return Err(Error::Incompatible {
                reason: "the merged accumulators would count more than 2^64 respondents".into(),
            });
        }
        self.sums.merge(&other.sums);
        Ok(())
    }

    /// Number of features.
    pub fn features(&self) -> usize {
        self.sums.pairs.len()
    }

    /// Category counts per feature so far.
    pub fn counts(&self) -> Vec<KanoCounts> {
        self.sums.pairs.iter().map(KanoCounts::from_pairs).collect()
    }

    /// The verdict per feature from the counts so far.
    pub fn finish(&self) -> Result<KanoTable> {
        self.sums.finish()
    }

    /// The state as versioned bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(18 + 200 * self.sums.pairs.len());
        write_header(&mut out, FORMAT_VERSION, TAG);
        out.extend_from_slice(&(self.sums.pairs.len() as u32).to_le_bytes());
        out.extend_from_slice(&(self.sums.respondents as u64).to_le_bytes());
        for pairs in &self.sums.pairs {
            for x in pairs {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        out
    }

    /// Reads state written by [`to_bytes`](Self::to_bytes); [`Error::CorruptBytes`] otherwise.
    pub fn from_bytes(bytes: &[u8]) -> Result<KanoAccumulator> {
        let mut r = ByteReader::new(bytes);
        r.header(FORMAT_VERSION, TAG, "KANO accumulator")?;
        let features = r.u32()? as usize;
        if features.saturating_mul(200) > bytes.len() {
            return Err(corrupt(format!(
                "{features} features do not fit in {} bytes",
                bytes.len()
            )));
        }
        let mut sums = Sums::new(features);
        sums.respondents =
            usize::try_from(r.u64()?).map_err(|_| corrupt("respondent count overflows".into()))?;
        for (j, pairs) in sums.pairs.iter_mut().enumerate() {
            for x in pairs.iter_mut() {
                *x = r.u64()?;
            }
            // A respondent gives each feature at most one answer pair.
            let total = pairs.iter().try_fold(0u64, |t, &x| t.checked_add(x));
            if total.is_none_or(|t| t > sums.respondents as u64) {
                return Err(corrupt(format!(
                    "feature {j} has more answer pairs than the {} respondents",
                    sums.respondents
                )));
            }
        }
        r.finish()?;
        Ok(KanoAccumulator { sums })
    }
}
