//! The one-pass tally every survey score is computed from.
//!
//! NPS, top-box shares, means, standard deviations and medians of a discrete scale all follow
//! from how many responses (and how much survey weight) fell on each point. [`Histogram`] is that
//! tally: built in one pass over the scores (in parallel chunks for large inputs), merged by
//! adding, and written to bytes for the accumulators.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::bytes::{corrupt, ByteReader};
use crate::scale::{Located, NanPolicy, Scale, Score};
use crate::{Error, Result};

/// Inputs longer than this are counted in parallel chunks of this size.
const CHUNK: usize = 1 << 18;

/// Responses and survey weight per point of a scale.
///
/// Survey weights are kept relative to a power of two (`2^exp`, taken from the largest
/// weight), so that scaling every weight by a constant changes no statistic: weights of 1e−300
/// or 1e300 give the shares, means, effective sample sizes and intervals of weights of 1,
/// where their squares would underflow or overflow (multiplying by a power of two is exact).
///
/// ```
/// use cxkit::survey::{Histogram, NanPolicy, Scale};
///
/// let h = Histogram::from_scores(Scale::CSAT, &[5u8, 4, 4, 1], None, NanPolicy::Raise).unwrap();
/// assert_eq!(h.counts(), &[1, 0, 0, 2, 1]);
/// assert_eq!(h.n(), 4);
/// assert_eq!(h.mean(), 3.5);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Histogram {
    scale: Scale,
    counts: Vec<u64>,
    /// Weight per point, in units of 2^`exp`.
    weights: Vec<f64>,
    /// Σw², in units of 2^(2·`exp`).
    sum_w2: f64,
    /// The power of two the weights are counted in.
    #[serde(default)]
    exp: i32,
}

/// `x`·2^`e`, exactly (unless the result leaves the normal range), for any `e` of a weight.
fn ldexp(x: f64, e: i32) -> f64 {
    if x == 0.0 {
        return 0.0;
    }
    let half = e / 2;
    x * 2f64.powi(half) * 2f64.powi(e - half)
}

/// The power of two of a positive finite weight (⌊log₂ w⌋, within one).
fn exponent_of(w: f64) -> i32 {
    w.log2().floor() as i32
}

impl Histogram {
    /// An empty tally on `scale`.
    pub fn new(scale: Scale) -> Histogram {
        Histogram {
            scale,
            counts: vec![0; scale.points()],
            weights: vec![0.0; scale.points()],
            sum_w2: 0.0,
            exp: 0,
        }
    }

    /// Tallies `scores` (with optional survey `weights`, one per score) on `scale`.
    ///
    /// Errors: [`Error::InvalidScore`] for a score that is not a point of the scale,
    /// [`Error::MissingScore`] for NaN under [`NanPolicy::Raise`], [`Error::LengthMismatch`] and
    /// [`Error::InvalidWeight`] for bad weights. The first offending index is reported.
    pub fn from_scores<S: Score>(
        scale: Scale,
        scores: &[S],
        weights: Option<&[f64]>,
        nan_policy: NanPolicy,
    ) -> Result<Histogram> {
        if let Some(w) = weights {
            if w.len() != scores.len() {
                return Err(Error::LengthMismatch {
                    what: "weights",
                    expected: scores.len(),
                    actual: w.len(),
                });
            }
        }
        if scores.len() <= CHUNK {
            return tally_chunk(scale, scores, weights, nan_policy, 0);
        }
        // Chunks are tallied in parallel and added up in input order, so the weight sums (and
        // the first error reported) do not depend on the number of threads.
        let parts: Vec<Result<Histogram>> = scores
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(i, chunk)| {
                let start = i * CHUNK;
                let w = weights.map(|w| &w[start..start + chunk.len()]);
                tally_chunk(scale, chunk, w, nan_policy, start)
            })
            .collect();
        let mut total = Histogram::new(scale);
        for part in parts {
            total.add(&part?);
        }
        Ok(total)
    }

    /// Tallies of `scores` (with optional survey `weights`) per group: `groups[i]`, below
    /// `n_groups`, is the group of score i (a wave, a segment, a branch); a group with no
    /// score gets an empty tally. The scores are checked as [`Histogram::from_scores`] checks
    /// them, the first offending index of the whole input reported.
    ///
    /// # Errors
    /// As [`Histogram::from_scores`]; [`Error::LengthMismatch`] when `groups` is not one per
    /// score; [`Error::InvalidParameter`] for a group number of `n_groups` or more.
    ///
    /// ```
    /// use cxkit::scale::{NanPolicy, Scale};
    /// use cxkit::survey::Histogram;
    ///
    /// let h = Histogram::by_group(Scale::NPS, &[10u8, 3, 9, 9], None, &[0, 0, 1, 1], 2, NanPolicy::Raise)?;
    /// assert_eq!((h[0].n(), h[1].n(), h[1].counts()[9]), (2, 2, 2));
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn by_group<S: Score>(
        scale: Scale,
        scores: &[S],
        weights: Option<&[f64]>,
        groups: &[u32],
        n_groups: usize,
        nan_policy: NanPolicy,
    ) -> Result<Vec<Histogram>> {
        if groups.len() != scores.len() {
            return Err(Error::LengthMismatch {
                what: "groups",
                expected: scores.len(),
                actual: groups.len(),
            });
        }
        if let Some(i) = groups.iter().position(|&g| g as usize >= n_groups) {
            return Err(Error::InvalidParameter {
                name: "groups",
                reason: format!("score {i} is in group {}, not below {n_groups}", groups[i]),
            });
        }
        Histogram::from_scores(scale, scores, weights, nan_policy)?;
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); n_groups];
        for (i, &g) in groups.iter().enumerate() {
            members[g as usize].push(i);
        }
        members
            .par_iter()
            .map(|rows| {
                let s: Vec<S> = rows.iter().map(|&i| scores[i]).collect();
                let w: Option<Vec<f64>> = weights.map(|w| rows.iter().map(|&i| w[i]).collect());
                tally_chunk(scale, &s, w.as_deref(), nan_policy, 0)
            })
            .collect()
    }

    /// A tally from counts per point (every response weighing 1).
    pub fn from_counts(scale: Scale, counts: &[u64]) -> Result<Histogram> {
        if counts.len() != scale.points() {
            return Err(Error::LengthMismatch {
                what: "counts per scale point",
                expected: scale.points(),
                actual: counts.len(),
            });
        }
        let n: u64 = counts.iter().sum();
        Ok(Histogram {
            scale,
            counts: counts.to_vec(),
            weights: counts.iter().map(|&c| c as f64).collect(),
            sum_w2: n as f64,
            exp: 0,
        })
    }

    /// Adds another tally on the same scale into this one.
    ///
    /// Merging is associative and commutative: tallying two parts and merging them gives the
    /// tally of the whole.
    pub fn merge(&mut self, other: &Histogram) -> Result<()> {
        if self.scale != other.scale {
            return Err(Error::Incompatible {
                reason: format!(
                    "tallies on different scales ({} and {})",
                    self.scale, other.scale
                ),
            });
        }
        if self.n().checked_add(other.n()).is_none() {
            return Err(Error::Incompatible {
                reason: "the merged tallies would count more than 2^64 responses".into(),
            });
        }
        self.add(other);
        Ok(())
    }

    fn add(&mut self, other: &Histogram) {
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
        // Both sides in units of the larger power of two (a side without weight has none).
        let exp = if self.sum_w2 == 0.0 {
            other.exp
        } else if other.sum_w2 == 0.0 {
            self.exp
        } else {
            self.exp.max(other.exp)
        };
        let (mine, theirs) = (self.exp - exp, other.exp - exp);
        for (a, b) in self.weights.iter_mut().zip(&other.weights) {
            *a = ldexp(*a, mine) + ldexp(*b, theirs);
        }
        self.sum_w2 = ldexp(self.sum_w2, 2 * mine) + ldexp(other.sum_w2, 2 * theirs);
        self.exp = exp;
    }

    /// The scale tallied on.
    pub fn scale(&self) -> Scale {
        self.scale
    }

    /// Responses per point, lowest point first.
    pub fn counts(&self) -> &[u64] {
        &self.counts
    }

    /// Survey weight per point, lowest point first (equal to the counts when unweighted).
    pub fn weights(&self) -> Vec<f64> {
        self.weights.iter().map(|&w| ldexp(w, self.exp)).collect()
    }

    /// Share of the survey weight per point, lowest point first (NaN when nothing has weight).
    pub fn shares(&self) -> Vec<f64> {
        let total = self.stored_total();
        self.weights.iter().map(|w| w / total).collect()
    }

    /// Number of responses tallied.
    pub fn n(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// Total survey weight.
    pub fn total_weight(&self) -> f64 {
        ldexp(self.stored_total(), self.exp)
    }

    /// Total survey weight in units of 2^`exp` (for ratios).
    fn stored_total(&self) -> f64 {
        self.weights.iter().sum()
    }

    /// Kish's effective sample size (Σw)²/Σw²; equal to [`n`](Self::n) when unweighted.
    pub fn effective_n(&self) -> f64 {
        let total = self.stored_total();
        if total == 0.0 {
            0.0
        } else {
            // Σw / (Σw²/Σw) is exact for unit weights, where (Σw)²/Σw² may round.
            total / (self.sum_w2 / total)
        }
    }

    /// Weighted share of the responses on the points at positions `range` (0 is the minimum).
    pub(crate) fn share(&self, range: std::ops::Range<usize>) -> f64 {
        self.weights[range].iter().sum::<f64>() / self.stored_total()
    }

    /// Weighted mean score. Needs a non-empty tally (see [`check_nonempty`](Self::check_nonempty)).
    pub fn mean(&self) -> f64 {
        let total = self.stored_total();
        self.weights
            .iter()
            .enumerate()
            .map(|(i, w)| w * self.scale.value(i))
            .sum::<f64>()
            / total
    }

    /// Sample standard deviation: √(Σw(x − x̄)²/Σw · n_eff/(n_eff − 1)), which is the usual
    /// n − 1 standard deviation when unweighted. Needs an effective sample size above 1.
    pub fn sd(&self) -> Result<f64> {
        let n_eff = self.effective_n();
        if n_eff <= 1.0 {
            return Err(Error::InsufficientData {
                what: "a standard deviation",
                needed: "an effective sample size above 1",
                got: format!("{n_eff}"),
            });
        }
        let mean = self.mean();
        let ss: f64 = self
            .weights
            .iter()
            .enumerate()
            .map(|(i, w)| w * (self.scale.value(i) - mean).powi(2))
            .sum();
        Ok((ss / self.stored_total() * n_eff / (n_eff - 1.0)).sqrt())
    }

    /// Weighted median: the lowest point where the cumulative weight reaches half the total;
    /// where it is exactly half, the midpoint between that point and the next one with weight
    /// (the usual even-n median when unweighted).
    pub fn median(&self) -> f64 {
        let half = self.stored_total() / 2.0;
        let mut cumulative = 0.0;
        for (i, &w) in self.weights.iter().enumerate() {
            cumulative += w;
            if cumulative > half {
                return self.scale.value(i);
            }
            if cumulative == half && w > 0.0 {
                let next = (i + 1..self.weights.len()).find(|&j| self.weights[j] > 0.0);
                return match next {
                    Some(j) => (self.scale.value(i) + self.scale.value(j)) / 2.0,
                    None => self.scale.value(i),
                };
            }
        }
        self.scale.value(self.weights.len() - 1)
    }

    /// Errors with [`Error::EmptyInput`] when nothing (or only zero weight) was tallied.
    pub fn check_nonempty(&self) -> Result<()> {
        if self.n() == 0 || self.stored_total() <= 0.0 {
            Err(Error::EmptyInput {
                what: "scores with positive weight",
            })
        } else {
            Ok(())
        }
    }

    /// Appends the tally to `out`: scale bounds, counts, weights, Σw² and the power of two
    /// they are counted in, little-endian.
    pub(crate) fn write_bytes(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.scale.min().to_le_bytes());
        out.extend_from_slice(&self.scale.max().to_le_bytes());
        for c in &self.counts {
            out.extend_from_slice(&c.to_le_bytes());
        }
        for w in &self.weights {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out.extend_from_slice(&self.sum_w2.to_le_bytes());
        out.extend_from_slice(&self.exp.to_le_bytes());
    }

    /// Reads a tally written by [`write_bytes`](Self::write_bytes), checking every field;
    /// `version` 1 (before the power of two was written) counts weights in units of 1.
    pub(crate) fn read_bytes(reader: &mut ByteReader<'_>, version: u8) -> Result<Histogram> {
        let min = reader.i32()?;
        let max = reader.i32()?;
        let scale = Scale::new(min, max).map_err(|e| corrupt(format!("bad scale: {e}")))?;
        let mut counts = Vec::with_capacity(scale.points());
        for _ in 0..scale.points() {
            counts.push(reader.u64()?);
        }
        let mut weights = Vec::with_capacity(scale.points());
        for _ in 0..scale.points() {
            weights.push(check_weight_field(reader.f64()?)?);
        }
        let sum_w2 = check_weight_field(reader.f64()?)?;
        let exp = if version >= 2 { reader.i32()? } else { 0 };
        if exp.abs() > 1100 {
            return Err(corrupt(format!("weight exponent {exp} is out of range")));
        }
        counts
            .iter()
            .try_fold(0u64, |acc, &c| acc.checked_add(c))
            .ok_or_else(|| corrupt("response counts overflow".into()))?;
        Ok(Histogram {
            scale,
            counts,
            weights,
            sum_w2,
            exp,
        })
    }
}

fn check_weight_field(value: f64) -> Result<f64> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(corrupt(format!(
            "weight sum {value} is not finite and non-negative"
        )))
    }
}

/// Tallies one chunk; `offset` is the chunk's position in the whole input, for error indices.
fn tally_chunk<S: Score>(
    scale: Scale,
    scores: &[S],
    weights: Option<&[f64]>,
    nan_policy: NanPolicy,
    offset: usize,
) -> Result<Histogram> {
    let mut h = Histogram::new(scale);
    let invalid = |i: usize, s: S| Error::InvalidScore {
        index: offset + i,
        value: s.to_f64(),
        scale,
    };
    match weights {
        // Every score a point of the scale (the usual case): counted point by point.
        None if S::count_points(scores, scale, &mut h.counts) == scores.len() => {
            for (w, &c) in h.weights.iter_mut().zip(&h.counts) {
                *w = c as f64;
            }
            h.sum_w2 = scores.len() as f64;
        }
        None => {
            // Missing or invalid scores: one at a time, to skip or report them.
            h.counts.fill(0);
            for (i, &s) in scores.iter().enumerate() {
                match s.locate(scale) {
                    Located::Point(p) => h.counts[p] += 1,
                    Located::Missing if nan_policy == NanPolicy::Omit => {}
                    Located::Missing => return Err(Error::MissingScore { index: offset + i }),
                    Located::Invalid => return Err(invalid(i, s)),
                }
            }
            for (w, &c) in h.weights.iter_mut().zip(&h.counts) {
                *w = c as f64;
            }
            h.sum_w2 = h.counts.iter().sum::<u64>() as f64;
        }
        Some(weights) => {
            let mut largest = 0.0f64;
            for (i, &w) in weights.iter().enumerate() {
                if !(w.is_finite() && w >= 0.0) {
                    return Err(Error::InvalidWeight {
                        index: offset + i,
                        value: w,
                    });
                }
                largest = largest.max(w);
            }
            // The weights in units of the largest one's power of two: 2^−exp as two factors,
            // each a normal number, so that the scaling is exact for any weight.
            h.exp = if largest > 0.0 {
                exponent_of(largest)
            } else {
                0
            };
            let (f1, f2) = (2f64.powi(-h.exp / 2), 2f64.powi(-h.exp - (-h.exp / 2)));
            for (i, (&s, &w)) in scores.iter().zip(weights).enumerate() {
                let w = w * f1 * f2;
                match s.locate(scale) {
                    Located::Point(p) => {
                        h.counts[p] += 1;
                        h.weights[p] += w;
                        h.sum_w2 += w * w;
                    }
                    Located::Missing if nan_policy == NanPolicy::Omit => {}
                    Located::Missing => return Err(Error::MissingScore { index: offset + i }),
                    Located::Invalid => return Err(invalid(i, s)),
                }
            }
        }
    }
    Ok(h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_matches_the_even_and_odd_textbook_cases() {
        // 1,2,3,4 → 2.5 ; 1,2,3 → 2 ; 1,1,5,5 → 3 (midpoint across the empty points 2..4).
        let h = |s: &[u8]| Histogram::from_scores(Scale::CSAT, s, None, NanPolicy::Raise).unwrap();
        assert_eq!(h(&[1, 2, 3, 4]).median(), 2.5);
        assert_eq!(h(&[3, 1, 2]).median(), 2.0);
        assert_eq!(h(&[1, 5, 1, 5]).median(), 3.0);
        assert_eq!(h(&[5]).median(), 5.0);
    }

    #[test]
    fn parallel_chunks_report_the_first_bad_index() {
        let mut scores = vec![3i32; 3 * CHUNK];
        scores[2 * CHUNK + 5] = 9;
        scores[CHUNK + 1] = -1;
        let err = Histogram::from_scores(Scale::CSAT, &scores, None, NanPolicy::Raise).unwrap_err();
        assert_eq!(
            err,
            Error::InvalidScore {
                index: CHUNK + 1,
                value: -1.0,
                scale: Scale::CSAT
            }
        );
    }

    /// The counts one score at a time, with `locate` (the definition).
    fn reference<S: Score>(scale: Scale, scores: &[S]) -> (Vec<u64>, usize) {
        let mut counts = vec![0; scale.points()];
        let mut n = 0;
        for &s in scores {
            if let Located::Point(p) = s.locate(scale) {
                counts[p] += 1;
                n += 1;
            }
        }
        (counts, n)
    }

    fn same_counts<S: Score + std::fmt::Debug>(scale: Scale, scores: &[S]) {
        let mut fast = vec![0; scale.points()];
        let n = S::count_points(scores, scale, &mut fast);
        assert_eq!((fast, n), reference(scale, scores), "{scale} {scores:?}");
    }

    #[test]
    fn point_by_point_counting_equals_locating_each_score() {
        // Every type, scales with negative points (which unsigned types cannot hold), values
        // just off the scale, fractions, infinities, NaN and −0, across block boundaries.
        let scales = [
            Scale::NPS,
            Scale::CSAT,
            Scale::new(-3, 3).unwrap(),
            Scale::new(0, 40).unwrap(),
        ];
        let pattern: Vec<i64> = (0..10_000).map(|i| (i * 7919 % 47) - 5).collect();
        for scale in scales {
            same_counts(scale, &pattern.iter().map(|&v| v as i8).collect::<Vec<_>>());
            same_counts(scale, &pattern.iter().map(|&v| v as u8).collect::<Vec<_>>());
            same_counts(
                scale,
                &pattern.iter().map(|&v| v as i16).collect::<Vec<_>>(),
            );
            same_counts(
                scale,
                &pattern.iter().map(|&v| v as u16).collect::<Vec<_>>(),
            );
            same_counts(
                scale,
                &pattern.iter().map(|&v| v as i32).collect::<Vec<_>>(),
            );
            same_counts(
                scale,
                &pattern.iter().map(|&v| v as u32).collect::<Vec<_>>(),
            );
            same_counts(scale, &pattern.clone());
            same_counts(
                scale,
                &pattern.iter().map(|&v| v as u64).collect::<Vec<_>>(),
            );
            let mut floats: Vec<f64> = pattern.iter().map(|&v| v as f64).collect();
            for (i, odd) in [0.5, f64::NAN, f64::INFINITY, -0.0, 10.000001, -3.0]
                .into_iter()
                .enumerate()
            {
                floats[i * 1_000 + 3] = odd;
            }
            same_counts(scale, &floats);
            same_counts(scale, &floats.iter().map(|&v| v as f32).collect::<Vec<_>>());
        }
        // All valid: the fast path's total is the input length.
        let valid: Vec<u8> = (0..100_000).map(|i| (i % 11) as u8).collect();
        let h = Histogram::from_scores(Scale::NPS, &valid, None, NanPolicy::Raise).unwrap();
        assert!(h
            .counts()
            .iter()
            .all(|&c| c == 100_000 / 11 || c == 100_000 / 11 + 1));
        assert_eq!(h.n(), 100_000);
    }

    #[test]
    fn sd_is_the_n_minus_one_standard_deviation() {
        // 2, 4, 4, 4, 5, 5, 7, 9 on 1..=10: mean 5, Σ(x−x̄)² = 32, s = √(32/7) ≈ 2.13809.
        let scale = Scale::new(1, 10).unwrap();
        let h = Histogram::from_scores(scale, &[2, 4, 4, 4, 5, 5, 7, 9], None, NanPolicy::Raise)
            .unwrap();
        assert_eq!(h.mean(), 5.0);
        assert!((h.sd().unwrap() - (32.0f64 / 7.0).sqrt()).abs() < 1e-12);
    }
}
