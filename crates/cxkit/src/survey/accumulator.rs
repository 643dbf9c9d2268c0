//! Mergeable survey state: feed batches, merge partitions, finish into a result.
//!
//! Each accumulator holds a [`Histogram`] and the one setting its result needs. `merge` adds
//! tallies, so it is associative and commutative: the same code runs per partition on Spark,
//! Dask or Ray, or per branch, and the parts merge into the whole. `to_bytes` writes the state
//! as `b"CXKA"`, a format version byte, a kind byte, the setting (u32) and the tally, all
//! little-endian; `from_bytes` checks every field.

use std::marker::PhantomData;

use serde::{Deserialize, Serialize};

use super::histogram::Histogram;
use super::interval::ProportionMethod;
use super::likert::Likert;
use super::nps::{Nps, NpsMethod};
use super::top_box::Csat;
use crate::bytes::{corrupt, write_header, ByteReader};
use crate::scale::{NanPolicy, Scale, Score};
use crate::{Error, Result};

/// Version of the survey tallies' byte format: 2 writes the power of two the survey weights
/// are counted in (scale-free weights); version 1 states are still read.
pub const TALLY_FORMAT_VERSION: u8 = 2;

/// What an [`Accumulator`] accumulates: fixes its byte tag and what its setting means.
pub trait AccumulatorKind: sealed::Sealed {
    /// Tag written after the format version.
    const TAG: u8;
    /// Name used in messages.
    const NAME: &'static str;
    /// Checks that a scale and setting fit this kind.
    fn check(scale: Scale, setting: u32) -> Result<()>;
}

mod sealed {
    pub trait Sealed {}
}

macro_rules! kind {
    ($(#[$doc:meta])* $name:ident, $tag:expr, $label:expr, $check:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $name;
        impl sealed::Sealed for $name {}
        impl AccumulatorKind for $name {
            const TAG: u8 = $tag;
            const NAME: &'static str = $label;
            fn check(scale: Scale, setting: u32) -> Result<()> {
                $check(scale, setting)
            }
        }
    };
}
kind!(
    /// Accumulates 0–10 scores into a Net Promoter Score.
    NpsKind, 1, "NPS accumulator", check_nps
);
kind!(
    /// Accumulates scores into a top-box share and mean (CSAT).
    TopBoxKind, 2, "top-box accumulator", Scale::check_top
);
kind!(
    /// Accumulates scores into a Likert distribution summary.
    LikertKind, 3, "Likert accumulator", Scale::check_top
);

fn check_nps(scale: Scale, setting: u32) -> Result<()> {
    if scale == Scale::NPS && setting == 0 {
        Ok(())
    } else {
        Err(Error::Incompatible {
            reason: format!(
                "an NPS tally is on 0 to 10 with setting 0, not {scale} with {setting}"
            ),
        })
    }
}

/// Mergeable state of a survey aggregate; see the module documentation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound = "")]
pub struct Accumulator<K: AccumulatorKind> {
    histogram: Histogram,
    setting: u32,
    #[serde(skip)]
    kind: PhantomData<K>,
}

/// Accumulates a Net Promoter Score over batches.
///
/// ```
/// use cxkit::survey::{NanPolicy, NpsAccumulator, NpsMethod};
///
/// let mut north = NpsAccumulator::new();
/// north.update(&[10, 9, 3], None, NanPolicy::Raise).unwrap();
/// let mut south = NpsAccumulator::new();
/// south.update(&[8, 10], None, NanPolicy::Raise).unwrap();
/// let bytes = south.to_bytes();
/// north.merge(&NpsAccumulator::from_bytes(&bytes).unwrap()).unwrap();
/// let r = north.finish(0.95, NpsMethod::AdjustedWald).unwrap();
/// assert_eq!(r.n, 5);
/// assert!((r.score - 40.0).abs() < 1e-12);
/// ```
pub type NpsAccumulator = Accumulator<NpsKind>;

/// Accumulates a top-box share (CSAT) and mean over batches.
///
/// ```
/// use cxkit::survey::{NanPolicy, Scale, TopBoxAccumulator, ProportionMethod};
///
/// let mut acc = TopBoxAccumulator::new(Scale::CSAT, 2).unwrap();
/// acc.update(&[5, 4, 2, 1], None, NanPolicy::Raise).unwrap();
/// let r = acc.finish(0.95, ProportionMethod::Wilson).unwrap();
/// assert_eq!(r.top_box.estimate, 0.5);
/// ```
pub type TopBoxAccumulator = Accumulator<TopBoxKind>;

/// Accumulates a Likert distribution summary over batches.
///
/// ```
/// use cxkit::survey::{LikertAccumulator, NanPolicy, Scale};
///
/// let mut acc = LikertAccumulator::new(Scale::CSAT, 2).unwrap();
/// acc.update(&[5.0, 4.0, f64::NAN, 1.0], None, NanPolicy::Omit).unwrap();
/// assert_eq!(acc.finish().unwrap().counts, vec![1, 0, 0, 1, 1]);
/// ```
pub type LikertAccumulator = Accumulator<LikertKind>;

impl<K: AccumulatorKind> Accumulator<K> {
    fn with(scale: Scale, setting: u32) -> Self {
        Accumulator {
            histogram: Histogram::new(scale),
            setting,
            kind: PhantomData,
        }
    }

    /// Adds a batch of scores (with optional weights). On error the state is unchanged.
    pub fn update<S: Score>(
        &mut self,
        scores: &[S],
        weights: Option<&[f64]>,
        nan_policy: NanPolicy,
    ) -> Result<()> {
        let batch = Histogram::from_scores(self.histogram.scale(), scores, weights, nan_policy)?;
        self.add(&batch)
    }

    /// Adds a tally made elsewhere (on the accumulator's scale) to the state.
    pub fn add(&mut self, tally: &Histogram) -> Result<()> {
        self.histogram.merge(tally)
    }

    /// Adds another accumulator's state into this one. Both must have the same scale and setting.
    pub fn merge(&mut self, other: &Self) -> Result<()> {
        if self.setting != other.setting {
            return Err(Error::Incompatible {
                reason: format!(
                    "{}s with different settings ({} and {})",
                    K::NAME,
                    self.setting,
                    other.setting
                ),
            });
        }
        self.histogram.merge(&other.histogram)
    }

    /// The tally so far.
    pub fn histogram(&self) -> &Histogram {
        &self.histogram
    }

    /// Number of responses so far.
    pub fn n(&self) -> u64 {
        self.histogram.n()
    }

    /// The state as versioned bytes, for storage or to send to another process.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(26 + 16 * self.histogram.scale().points());
        write_header(&mut out, TALLY_FORMAT_VERSION, K::TAG);
        out.extend_from_slice(&self.setting.to_le_bytes());
        self.histogram.write_bytes(&mut out);
        out
    }

    /// Reads state written by [`to_bytes`](Self::to_bytes); errors with
    /// [`Error::CorruptBytes`] on anything else (other kinds, other versions, truncation).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let mut r = ByteReader::new(bytes);
        let version = r.header_of(1..=TALLY_FORMAT_VERSION, K::TAG, K::NAME)?;
        let setting = r.u32()?;
        let histogram = Histogram::read_bytes(&mut r, version)?;
        r.finish()?;
        let acc = Accumulator {
            histogram,
            setting,
            kind: PhantomData,
        };
        K::check(acc.histogram.scale(), acc.setting).map_err(|e| corrupt(e.to_string()))?;
        Ok(acc)
    }
}

impl NpsAccumulator {
    /// An empty NPS accumulator (0–10 scale).
    pub fn new() -> Self {
        Self::with(Scale::NPS, 0)
    }

    /// The NPS of everything accumulated.
    pub fn finish(&self, confidence: f64, method: NpsMethod) -> Result<Nps> {
        Nps::from_histogram(&self.histogram, confidence, method)
    }
}

impl Default for NpsAccumulator {
    fn default() -> Self {
        Self::new()
    }
}

impl TopBoxAccumulator {
    /// An empty accumulator of the top `top` points of `scale`.
    pub fn new(scale: Scale, top: u32) -> Result<Self> {
        scale.check_top(top)?;
        Ok(Self::with(scale, top))
    }

    /// How many top points count.
    pub fn top(&self) -> u32 {
        self.setting
    }

    /// CSAT (top-box share and mean) of everything accumulated.
    pub fn finish(&self, confidence: f64, interval: ProportionMethod) -> Result<Csat> {
        Csat::from_histogram(&self.histogram, self.setting, confidence, interval)
    }
}

impl LikertAccumulator {
    /// An empty accumulator on `scale` with `boxes` points in the top and bottom boxes.
    pub fn new(scale: Scale, boxes: u32) -> Result<Self> {
        scale.check_top(boxes)?;
        Ok(Self::with(scale, boxes))
    }

    /// How many points form each box.
    pub fn boxes(&self) -> u32 {
        self.setting
    }

    /// The distribution summary of everything accumulated.
    pub fn finish(&self) -> Result<Likert> {
        Likert::from_histogram(&self.histogram, self.setting)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_1_states_are_still_read() {
        // Version 1 had no power of two after Σw² (weights in units of 1).
        let mut acc = NpsAccumulator::new();
        acc.update(&[10, 9, 3], Some(&[1.5, 2.0, 0.5]), NanPolicy::Raise)
            .unwrap();
        let v2 = acc.to_bytes();
        assert_eq!(v2[4], TALLY_FORMAT_VERSION);
        // The largest weight 2.0 is 2^1: the tally counts in units of 2, so version 1 bytes
        // of the same state hold the weights doubled back.
        let mut v1 = NpsAccumulator::new();
        v1.update(&[10, 9, 3], Some(&[1.5, 2.0, 0.5]), NanPolicy::Raise)
            .unwrap();
        let unweighted = {
            let mut a = NpsAccumulator::new();
            a.update(&[10, 9, 3], None, NanPolicy::Raise).unwrap();
            a.to_bytes()
        };
        let mut old = unweighted[..unweighted.len() - 4].to_vec();
        old[4] = 1;
        let read = NpsAccumulator::from_bytes(&old).unwrap();
        // Two promoters and a detractor of three: NPS 100/3.
        let score = read.finish(0.95, NpsMethod::default()).unwrap().score;
        assert!((score - 100.0 / 3.0).abs() < 1e-12);
        assert_eq!(
            v1.finish(0.95, NpsMethod::default()).unwrap(),
            NpsAccumulator::from_bytes(&v2)
                .unwrap()
                .finish(0.95, NpsMethod::default())
                .unwrap()
        );
    }

    #[test]
    fn scaling_every_weight_by_a_constant_changes_nothing() {
        // Issue 19: weights of 1e−300 gave se 0 and n_eff inf, 1e300 se inf, 1e308 a NaN score.
        let scores = [10u8, 9, 7, 3, 10, 6, 8, 0];
        let w = [1.0, 2.5, 0.5, 1.0, 3.0, 1.0, 0.25, 2.0];
        let summary = |k: f64| {
            let wk: Vec<f64> = w.iter().map(|x| x * k).collect();
            let mut acc = NpsAccumulator::new();
            acc.update(&scores[..3], Some(&wk[..3]), NanPolicy::Raise)
                .unwrap();
            acc.update(&scores[3..], Some(&wk[3..]), NanPolicy::Raise)
                .unwrap();
            let n = acc.finish(0.95, NpsMethod::default()).unwrap();
            let mut l = LikertAccumulator::new(Scale::NPS, 2).unwrap();
            l.update(&scores, Some(&wk), NanPolicy::Raise).unwrap();
            let l = l.finish().unwrap();
            (
                n.score,
                n.ci_low,
                n.ci_high,
                n.n_effective,
                l.sd,
                l.mean,
                l.shares,
            )
        };
        let unit = summary(1.0);
        // By hand: total weight 11.25; promoters 1 + 2.5 + 3 = 6.5, detractors 1 + 1 + 2 = 4
        // (scores 3, 6, 0): NPS = 100·2.5/11.25; Σw² = 1 + 6.25 + 0.25 + 1 + 9 + 1 + 0.0625 + 4
        // = 22.5625, Kish n_eff = 11.25²/Σw² = 126.5625/22.5625.
        assert!((unit.0 - 100.0 * 2.5 / 11.25).abs() < 1e-12);
        assert!((unit.3 - 126.5625 / 22.5625).abs() < 1e-12);
        for k in [1e-300, 1e-310, 3.0, 1e300, 5e307] {
            let scaled = summary(k);
            let same = |a: f64, b: f64| (a - b).abs() <= 1e-12 * a.abs().max(1.0);
            assert!(
                same(scaled.0, unit.0) && same(scaled.1, unit.1) && same(scaled.2, unit.2),
                "{k}"
            );
            assert!(
                same(scaled.3, unit.3) && same(scaled.4, unit.4) && same(scaled.5, unit.5),
                "{k}"
            );
            assert!(
                scaled.6.iter().zip(&unit.6).all(|(a, b)| same(*a, *b)),
                "{k}"
            );
        }
        // Powers of two are exact.
        assert_eq!(summary(2f64.powi(-1000)), unit);
    }

    #[test]
    fn bytes_round_trip_and_reject_corruption() {
        let mut acc = TopBoxAccumulator::new(Scale::CSAT, 2).unwrap();
        acc.update(&[5, 4, 3], Some(&[1.5, 2.0, 0.5]), NanPolicy::Raise)
            .unwrap();
        let bytes = acc.to_bytes();
        assert_eq!(TopBoxAccumulator::from_bytes(&bytes).unwrap(), acc);

        let err = |b: &[u8]| TopBoxAccumulator::from_bytes(b).unwrap_err();
        assert!(matches!(
            err(&bytes[..bytes.len() - 1]),
            Error::CorruptBytes { .. }
        ));
        assert!(matches!(
            err(&[bytes.as_slice(), &[0]].concat()),
            Error::CorruptBytes { .. }
        ));
        assert!(matches!(err(b"nope"), Error::CorruptBytes { .. }));
        let mut wrong_version = bytes.clone();
        wrong_version[4] = 99;
        assert!(err(&wrong_version).to_string().contains("version 99"));
        assert!(matches!(
            NpsAccumulator::from_bytes(&bytes).unwrap_err(),
            Error::CorruptBytes { .. }
        ));
        let mut negative_weight = bytes.clone();
        let at = bytes.len() - 12; // Σw², before the 4-byte power of two
        negative_weight[at..at + 8].copy_from_slice(&(-1.0f64).to_le_bytes());
        assert!(matches!(err(&negative_weight), Error::CorruptBytes { .. }));
        let mut bad_top = bytes.clone();
        bad_top[6] = 7;
        assert!(matches!(err(&bad_top), Error::CorruptBytes { .. }));
    }

    #[test]
    fn merge_needs_the_same_scale_and_setting() {
        let mut a = TopBoxAccumulator::new(Scale::CSAT, 2).unwrap();
        let b = TopBoxAccumulator::new(Scale::CSAT, 1).unwrap();
        let c = TopBoxAccumulator::new(Scale::CES, 2).unwrap();
        assert!(matches!(a.merge(&b), Err(Error::Incompatible { .. })));
        assert!(matches!(a.merge(&c), Err(Error::Incompatible { .. })));
    }

    #[test]
    fn failed_update_leaves_state_unchanged() {
        let mut acc = NpsAccumulator::new();
        acc.update(&[10, 9], None, NanPolicy::Raise).unwrap();
        assert!(acc.update(&[1, 2, 11], None, NanPolicy::Raise).is_err());
        assert_eq!(acc.n(), 2);
    }
}
