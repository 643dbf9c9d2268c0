//! Rating scales, the numeric types scores may arrive in, and what to do with missing scores:
//! building blocks of the survey scores, KANO answers and service-quality ratings alike
//! (re-exported by `survey`, where they first lived).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::simd::avx2_or_baseline;
use crate::{Error, Result};

/// The most points a scale may have. Survey scales have a handful; the bound keeps a typo
/// (`0..=1_000_000`) from allocating a huge table.
pub const MAX_SCALE_POINTS: usize = 1001;

/// A discrete rating scale: the integers `min..=max`.
///
/// Scales are always explicit in cxkit: nothing guesses whether a survey was on 1–5 or 0–10.
///
/// ```
/// use cxkit::survey::Scale;
///
/// let five = Scale::new(1, 5).unwrap();
/// assert_eq!(five.points(), 5);
/// assert_eq!(Scale::NPS, Scale::new(0, 10).unwrap());
/// assert!(Scale::new(5, 1).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "ScaleBounds", into = "ScaleBounds")]
pub struct Scale {
    min: i32,
    max: i32,
}

#[derive(Serialize, Deserialize)]
struct ScaleBounds {
    min: i32,
    max: i32,
}

impl TryFrom<ScaleBounds> for Scale {
    type Error = Error;
    fn try_from(b: ScaleBounds) -> Result<Self> {
        Scale::new(b.min, b.max)
    }
}

impl From<Scale> for ScaleBounds {
    fn from(s: Scale) -> Self {
        ScaleBounds {
            min: s.min,
            max: s.max,
        }
    }
}

impl Scale {
    /// The 0–10 likelihood-to-recommend scale of the Net Promoter Score.
    pub const NPS: Scale = Scale { min: 0, max: 10 };
    /// The 1–5 satisfaction scale CSAT uses by default.
    pub const CSAT: Scale = Scale { min: 1, max: 5 };
    /// The 1–7 agreement scale of the Customer Effort Score (CES 2.0).
    pub const CES: Scale = Scale { min: 1, max: 7 };

    /// The scale `min..=max`; it needs `min < max` and at most [`MAX_SCALE_POINTS`] points.
    pub fn new(min: i32, max: i32) -> Result<Scale> {
        let points = i64::from(max) - i64::from(min) + 1;
        if points < 2 || points > MAX_SCALE_POINTS as i64 {
            return Err(Error::InvalidParameter {
                name: "scale",
                reason: format!(
                    "{min} to {max} must have between 2 and {MAX_SCALE_POINTS} points (min < max)"
                ),
            });
        }
        Ok(Scale { min, max })
    }

    /// The lowest point.
    pub fn min(self) -> i32 {
        self.min
    }

    /// The highest point.
    pub fn max(self) -> i32 {
        self.max
    }

    /// How many points the scale has.
    pub fn points(self) -> usize {
        (i64::from(self.max) - i64::from(self.min) + 1) as usize
    }

    /// The value of the point at position `index` (0 is `min`).
    pub fn value(self, index: usize) -> f64 {
        f64::from(self.min) + index as f64
    }

    /// Checks that the top `top` boxes are a proper part of the scale (1 ≤ top < points).
    pub(crate) fn check_top(self, top: u32) -> Result<()> {
        if top == 0 || top as usize >= self.points() {
            return Err(Error::InvalidParameter {
                name: "top",
                reason: format!(
                    "the top box must hold between 1 and {} points of the scale {self}, got {top}",
                    self.points() - 1
                ),
            });
        }
        Ok(())
    }
}

impl fmt::Display for Scale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} to {}", self.min, self.max)
    }
}

/// What to do with a missing score (NaN).
///
/// ```
/// use cxkit::survey::{nps, NanPolicy, NpsOptions};
///
/// let scores = [10.0, f64::NAN, 3.0];
/// assert!(nps(&scores, None, &NpsOptions::default()).is_err());
/// let omit = NpsOptions { nan_policy: NanPolicy::Omit, ..NpsOptions::default() };
/// assert_eq!(nps(&scores, None, &omit).unwrap().n, 2);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NanPolicy {
    /// A missing score is an error ([`Error::MissingScore`]). The default.
    #[default]
    Raise,
    /// Missing scores are skipped, with their weights.
    Omit,
}

crate::names::named!(NanPolicy, "nan_policy", [Raise => "raise", Omit => "omit"]);

/// Where a score falls on a scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Located {
    /// At the point with this position (0 is the scale's minimum).
    Point(usize),
    /// Missing (NaN).
    Missing,
    /// Not a point of the scale: out of range, fractional or infinite.
    Invalid,
}

/// A numeric type scores may arrive in: every primitive integer and float.
///
/// Integer inputs are located without a conversion to float; floats must hold integers,
/// and NaN marks a missing score.
///
/// ```
/// use cxkit::survey::{Located, Scale, Score};
///
/// assert_eq!(7u8.locate(Scale::NPS), Located::Point(7));
/// assert_eq!(7.5f64.locate(Scale::NPS), Located::Invalid);
/// assert_eq!(f32::NAN.locate(Scale::NPS), Located::Missing);
/// ```
pub trait Score: Copy + Send + Sync {
    /// Where this score falls on `scale`.
    fn locate(self, scale: Scale) -> Located;
    /// The score as a float, for error messages.
    fn to_f64(self) -> f64;
    /// Adds to `counts[p]` the scores equal to point `p` of `scale` and returns how many
    /// were counted; scores that are no point (invalid or missing) are not counted. The
    /// primitive types count with one compare-and-add pass per point over cache-sized
    /// blocks, in SIMD where the processor has it.
    fn count_points(scores: &[Self], scale: Scale, counts: &mut [u64]) -> usize {
        count_one_by_one(scores, scale, counts)
    }
}

/// Scales with at most this many points are counted point by point (SIMD compares); longer
/// scales one score at a time.
const SIMD_POINTS: usize = 16;

/// The points of `scale` as values of `T` (None where `T` cannot hold one).
fn point_values<T>(scale: Scale, convert: impl Fn(i64) -> Option<T>) -> Vec<Option<T>> {
    (i64::from(scale.min)..=i64::from(scale.max))
        .map(convert)
        .collect()
}

/// Counts, block by block, the scores equal to each point: `count_eq` counts one value in a
/// block no longer than `block` (the most its lane-wide counter can hold).
#[inline(always)]
fn count_by_point<T: Copy>(
    scores: &[T],
    points: &[Option<T>],
    counts: &mut [u64],
    block: usize,
    count_eq: impl Fn(&[T], T) -> u64,
) -> usize {
    let mut total = 0;
    for chunk in scores.chunks(block) {
        for (count, &point) in counts.iter_mut().zip(points) {
            if let Some(v) = point {
                let c = count_eq(chunk, v);
                *count += c;
                total += c as usize;
            }
        }
    }
    total
}

macro_rules! simd_count {
    ($t:ty, $acc:ty, $convert:expr) => {
        fn count_points(scores: &[Self], scale: Scale, counts: &mut [u64]) -> usize {
            if scale.points() > SIMD_POINTS {
                return count_one_by_one(scores, scale, counts);
            }
            let points = point_values::<$t>(scale, $convert);
            // Lane-wide counters (u16 for bytes, …) let the compiler compare and add a whole
            // register at a time; a block holds no more scores than a counter can count, and
            // stays in L1 for the passes of all points.
            let block = (<$acc>::MAX as usize).min(4096);
            #[inline(always)]
            fn count_eq(chunk: &[$t], v: $t) -> u64 {
                chunk
                    .iter()
                    .fold(0 as $acc, |a, &x| a.wrapping_add(<$acc>::from(x == v))) as u64
            }
            #[inline(always)]
            fn kernel(s: &[$t], p: &[Option<$t>], c: &mut [u64], b: usize) -> usize {
                count_by_point(s, p, c, b, count_eq)
            }
            avx2_or_baseline!(kernel(scores, &points, counts, block)
                with (s: &[$t], p: &[Option<$t>], c: &mut [u64], b: usize) -> usize)
        }
    };
}

macro_rules! integer_score {
    ($($t:ty => $t_acc:ty),*) => {$(
        impl Score for $t {
            #[inline(always)]
            fn locate(self, scale: Scale) -> Located {
                let offset = self as i128 - i128::from(scale.min);
                if offset >= 0 && offset < scale.points() as i128 {
                    Located::Point(offset as usize)
                } else {
                    Located::Invalid
                }
            }
            fn to_f64(self) -> f64 {
                self as f64
            }
            simd_count!($t, $t_acc, |v| <$t>::try_from(v).ok());
        }
    )*};
}
integer_score!(i8 => u16, i16 => u16, i32 => u32, i64 => u64, u8 => u16, u16 => u16, u32 => u32, u64 => u64);

macro_rules! float_score {
    ($($t:ty),*) => {$(
        impl Score for $t {
            #[inline(always)]
            fn locate(self, scale: Scale) -> Located {
                if self.is_nan() {
                    return Located::Missing;
                }
                let offset = f64::from(self) - f64::from(scale.min);
                // A saturating cast and a compare back: integral and in range without a libm
                // call (infinities saturate and compare unequal).
                let point = offset as i64;
                if point as f64 == offset && point >= 0 && (point as usize) < scale.points() {
                    Located::Point(point as usize)
                } else {
                    Located::Invalid
                }
            }
            fn to_f64(self) -> f64 {
                f64::from(self)
            }
            fn count_points(scores: &[Self], scale: Scale, counts: &mut [u64]) -> usize {
                if scale.points() > SIMD_POINTS {
                    return count_one_by_one(scores, scale, counts);
                }
                let (min, points) = (f64::from(scale.min), scale.points());
                #[inline(always)]
                fn codes_then_count(
                    scores: &[$t],
                    min: f64,
                    points: usize,
                    counts: &mut [u64],
                ) -> usize {
                    let byte_points: Vec<Option<u8>> = (0..points as u8).map(Some).collect();
                    let mut codes = [0u8; 4096];
                    let mut total = 0;
                    for chunk in scores.chunks(codes.len()) {
                        for (c, &x) in codes.iter_mut().zip(chunk) {
                            let o = f64::from(x) - min;
                            // NaN fails the range test; inside the range the cast is exact.
                            let in_range = o >= 0.0 && o < points as f64;
                            let safe = if in_range { o } else { 0.0 };
                            // SAFETY: `safe` is finite and in [0, points) ⊂ i32's range.
                            let p = unsafe { safe.to_int_unchecked::<i32>() };
                            let point = in_range && f64::from(p) == o;
                            *c = if point { p as u8 } else { u8::MAX };
                        }
                        let codes = &codes[..chunk.len()];
                        total += count_by_point(codes, &byte_points, counts, codes.len(), count_bytes);
                    }
                    total
                }
                avx2_or_baseline!(codes_then_count(scores, min, points, counts)
                    with (s: &[$t], min: f64, points: usize, c: &mut [u64]) -> usize)
            }
        }
    )*};
}
float_score!(f32, f64);

/// How many of `codes` (at most 65 535) equal `v`, with 16-bit lane counters.
#[inline(always)]
fn count_bytes(codes: &[u8], v: u8) -> u64 {
    codes
        .iter()
        .fold(0u16, |a, &x| a.wrapping_add(u16::from(x == v))) as u64
}

/// `Score::count_points` one score at a time (long scales).
fn count_one_by_one<S: Score>(scores: &[S], scale: Scale, counts: &mut [u64]) -> usize {
    let mut total = 0;
    for &s in scores {
        if let Located::Point(p) = s.locate(scale) {
            counts[p] += 1;
            total += 1;
        }
    }
    total
}
