//! Mergeable KANO state: category counts per feature, fed by batches of respondents.

use ndarray::ArrayView2;
use serde::{Deserialize, Serialize};

use super::analysis::{classify_all, KanoOptions, KanoTable};
use super::category::KanoCounts;
use super::verdict::KanoFeature;
use crate::bytes::{corrupt, write_header, ByteReader};
use crate::survey::{Score, FORMAT_VERSION};
use crate::{Error, Result};

const TAG: u8 = 4;

/// Category counts per feature, mergeable across partitions and storable as bytes
/// (`b"CXKA"`, format version, kind 4, the feature count and six u64 counts per feature).
/// Cleaning rules need whole respondents and continuous scores need answer pairs, so they
/// are not part of the state; `finish` gives the verdicts from the counts.
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
/// assert_eq!(north.finish()?.features[0].counts.o, 3);
/// # Ok::<(), cxkit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KanoAccumulator {
    counts: Vec<KanoCounts>,
    respondents: usize,
}

impl KanoAccumulator {
    /// An empty accumulator for `features` features.
    pub fn new(features: usize) -> KanoAccumulator {
        KanoAccumulator {
            counts: vec![KanoCounts::default(); features],
            respondents: 0,
        }
    }

    /// Adds a batch of respondents (rows). The cleaning options are not applied (see the type's
    /// documentation); on error the state is unchanged.
    pub fn update<S: Score>(
        &mut self,
        functional: ArrayView2<S>,
        dysfunctional: ArrayView2<S>,
        options: &KanoOptions,
    ) -> Result<()> {
        if functional.ncols() != self.counts.len() {
            return Err(Error::LengthMismatch {
                what: "features per respondent",
                expected: self.counts.len(),
                actual: functional.ncols(),
            });
        }
        let categories = classify_all(functional, dysfunctional, options)?;
        for row in categories.rows() {
            for (counts, c) in self.counts.iter_mut().zip(row) {
                if let Some(c) = c {
                    counts.add(*c);
                }
            }
        }
        self.respondents += categories.nrows();
        Ok(())
    }

    /// Adds another accumulator's counts (same number of features).
    pub fn merge(&mut self, other: &KanoAccumulator) -> Result<()> {
        if other.counts.len() != self.counts.len() {
            return Err(Error::Incompatible {
                reason: format!(
                    "KANO accumulators of {} and {} features",
                    self.counts.len(),
                    other.counts.len()
                ),
            });
        }
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            a.merge(b);
        }
        self.respondents += other.respondents;
        Ok(())
    }

    /// Counts per feature so far.
    pub fn counts(&self) -> &[KanoCounts] {
        &self.counts
    }

    /// The verdict per feature from the counts so far.
    pub fn finish(&self) -> Result<KanoTable> {
        let features = self
            .counts
            .iter()
            .enumerate()
            .map(|(j, c)| KanoFeature::from_counts(*c, j))
            .collect::<Result<Vec<_>>>()?;
        Ok(KanoTable {
            features,
            respondents: self.respondents,
            dropped: 0,
            importance_cut: None,
        })
    }

    /// The state as versioned bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(18 + 48 * self.counts.len());
        write_header(&mut out, FORMAT_VERSION, TAG);
        out.extend_from_slice(&(self.counts.len() as u32).to_le_bytes());
        out.extend_from_slice(&(self.respondents as u64).to_le_bytes());
        for c in &self.counts {
            for x in c.as_array() {
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
        if features.saturating_mul(48) > bytes.len() {
            return Err(corrupt(format!(
                "{features} features do not fit in the bytes"
            )));
        }
        let respondents =
            usize::try_from(r.u64()?).map_err(|_| corrupt("respondent count overflows".into()))?;
        let mut counts = Vec::with_capacity(features);
        for _ in 0..features {
            let [a, o, m, i, r6, q] = [r.u64()?, r.u64()?, r.u64()?, r.u64()?, r.u64()?, r.u64()?];
            let c = KanoCounts::new(a, o, m, i, r6, q);
            counts.push(c);
        }
        r.finish()?;
        Ok(KanoAccumulator {
            counts,
            respondents,
        })
    }
}
