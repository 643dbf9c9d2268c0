//! Service quality: SERVQUAL gaps (perception − expectation) per item, dimension and overall,
//! weighted SERVQUAL and SERVPERF (Parasuraman, Zeithaml & Berry 1988, 1991; Cronin & Taylor
//! 1992), and the zone of tolerance between adequate and desired service (Zeithaml, Berry &
//! Parasuraman 1993).
//!
//! Ratings come as respondents × items matrices on a declared scale (1–7 by default);
//! reverse-coded items are flipped (v → min + max − v) before anything else. A respondent's
//! dimension score is the mean of their items in it, and the overall score the mean of their
//! dimension scores, so every dimension counts the same whatever its number of items.

mod accumulator;
mod servqual;
mod tolerance;

use ndarray::{Array2, ArrayView2};
use serde::{Deserialize, Serialize};

pub use accumulator::ServqualAccumulator;
pub use servqual::{
    servperf, servqual, DimensionScore, DimensionWeights, ItemGap, Servperf, Servqual,
};
pub use tolerance::{zone_of_tolerance, ZoneOfTolerance, ZonePosition, ZoneScore};

use crate::error::check_confidence;
use crate::scale::NanPolicy;
use crate::survey::Mean;
use crate::{Error, Result};

/// Which dimension each item belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dimensions {
    /// Dimension names.
    pub names: Vec<String>,
    /// Dimension (index into `names`) of each item, in column order.
    pub of_item: Vec<usize>,
}

impl Dimensions {
    /// The 22-item SERVQUAL of Parasuraman, Zeithaml & Berry (1988): tangibles 1–4,
    /// reliability 5–9, responsiveness 10–13, assurance 14–17, empathy 18–22.
    ///
    /// ```
    /// let d = cxkit::quality::Dimensions::servqual();
    /// assert_eq!(d.of_item.len(), 22);
    /// assert_eq!(d.names[d.of_item[4]], "reliability");
    /// ```
    pub fn servqual() -> Dimensions {
        let sizes = [4, 5, 4, 4, 5];
        Dimensions {
            names: [
                "tangibles",
                "reliability",
                "responsiveness",
                "assurance",
                "empathy",
            ]
            .map(String::from)
            .to_vec(),
            of_item: sizes
                .iter()
                .enumerate()
                .flat_map(|(d, &s)| std::iter::repeat_n(d, s))
                .collect(),
        }
    }

    /// Dimensions from groups of items: each (dimension name, positions of its items), every
    /// one of the items named by `item_names` in exactly one dimension.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for an item position past the last item, an item in two
    /// dimensions or in none, naming the item.
    ///
    /// ```
    /// use cxkit::quality::Dimensions;
    ///
    /// let items: Vec<String> = ["clean", "modern", "on_time"].map(String::from).to_vec();
    /// let d = Dimensions::from_groups(&items, &[("tangibles".into(), vec![0, 1]), ("reliability".into(), vec![2])])?;
    /// assert_eq!(d.of_item, vec![0, 0, 1]);
    /// let twice = Dimensions::from_groups(&items, &[("a".into(), vec![0, 1]), ("b".into(), vec![1, 2])]);
    /// assert!(twice.unwrap_err().to_string().contains("item modern is in two dimensions"));
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn from_groups(
        item_names: &[String],
        groups: &[(String, Vec<usize>)],
    ) -> Result<Dimensions> {
        let bad = |reason: String| Error::InvalidParameter {
            name: "dimensions",
            reason,
        };
        let mut of_item = vec![None; item_names.len()];
        for (dim, (_, items)) in groups.iter().enumerate() {
            for &i in items {
                match of_item.get_mut(i) {
                    None => {
                        return Err(bad(format!(
                            "item {i} does not exist (positions 0 to {})",
                            item_names.len().saturating_sub(1)
                        )))
                    }
                    Some(Some(_)) => {
                        return Err(bad(format!("item {} is in two dimensions", item_names[i])))
                    }
                    Some(slot) => *slot = Some(dim),
                }
            }
        }
        let of_item = of_item
            .iter()
            .enumerate()
            .map(|(i, d)| {
                d.ok_or_else(|| bad(format!("item {} is in no dimension", item_names[i])))
            })
            .collect::<Result<_>>()?;
        Ok(Dimensions {
            names: groups.iter().map(|(n, _)| n.clone()).collect(),
            of_item,
        })
    }

    /// Dimensions from the dimension of each item, named in the order they first appear.
    ///
    /// ```
    /// use cxkit::quality::Dimensions;
    ///
    /// let d = Dimensions::from_labels(&["tangibles", "tangibles", "reliability"])?;
    /// assert_eq!((d.names.len(), d.of_item.clone()), (2, vec![0, 0, 1]));
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn from_labels<S: AsRef<str>>(labels: &[S]) -> Result<Dimensions> {
        let mut names: crate::labels::Interner<String> = crate::labels::Interner::new();
        let of_item = labels
            .iter()
            .map(|l| names.code(l.as_ref()).map(|c| c as usize))
            .collect::<Result<_>>()?;
        Ok(Dimensions {
            names: names.into_labels(),
            of_item,
        })
    }

    /// Items of each dimension.
    fn members(&self) -> Vec<Vec<usize>> {
        let mut m = vec![Vec::new(); self.names.len()];
        for (item, &d) in self.of_item.iter().enumerate() {
            m[d].push(item);
        }
        m
    }

    fn check(&self, items: usize) -> Result<()> {
        if self.of_item.len() != items {
            return Err(Error::LengthMismatch {
                what: "items in the dimension map",
                expected: items,
                actual: self.of_item.len(),
            });
        }
        if let Some(i) = self.of_item.iter().position(|&d| d >= self.names.len()) {
            return Err(Error::InvalidParameter {
                name: "dimensions",
                reason: format!(
                    "item {i} belongs to dimension {}, but there are {} dimensions",
                    self.of_item[i],
                    self.names.len()
                ),
            });
        }
        if let Some(d) = self.members().iter().position(|m| m.is_empty()) {
            return Err(Error::InvalidParameter {
                name: "dimensions",
                reason: format!("dimension {:?} has no items", self.names[d]),
            });
        }
        Ok(())
    }
}

impl Default for Dimensions {
    fn default() -> Self {
        Dimensions::servqual()
    }
}

/// Options shared by [`servqual`], [`servperf`] and [`zone_of_tolerance`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QualityOptions {
    /// Item → dimension map. Default: the 22-item SERVQUAL.
    pub dimensions: Dimensions,
    /// Lowest and highest rating. Default 1–7.
    pub scale: (f64, f64),
    /// Reverse-coded items (0-based columns).
    pub reversed: Vec<usize>,
    /// Missing ratings (NaN): an error (default) or skipped.
    pub nan_policy: NanPolicy,
    /// Confidence level of the t-intervals. Default 0.95.
    pub confidence: f64,
}

impl Default for QualityOptions {
    fn default() -> Self {
        QualityOptions {
            dimensions: Dimensions::servqual(),
            scale: (1.0, 7.0),
            reversed: Vec::new(),
            nan_policy: NanPolicy::Raise,
            confidence: 0.95,
        }
    }
}

impl QualityOptions {
    fn check(&self, items: usize) -> Result<()> {
        check_confidence(self.confidence)?;
        self.dimensions.check(items)?;
        let (lo, hi) = self.scale;
        if !(lo.is_finite() && hi.is_finite() && lo < hi) {
            return Err(Error::InvalidParameter {
                name: "scale",
                reason: format!("needs finite lo < hi, got ({lo}, {hi})"),
            });
        }
        if let Some(&i) = self.reversed.iter().find(|&&i| i >= items) {
            return Err(Error::InvalidParameter {
                name: "reversed",
                reason: format!("item {i} does not exist ({items} items)"),
            });
        }
        Ok(())
    }

    /// The ratings checked against the scale and the NaN policy, reverse-coded items flipped.
    fn ratings(&self, x: ArrayView2<f64>) -> Result<Array2<f64>> {
        let (lo, hi) = self.scale;
        let mut out = x.to_owned();
        for ((r, c), v) in out.indexed_iter_mut() {
            if v.is_nan() {
                if self.nan_policy == NanPolicy::Raise {
                    return Err(Error::MissingAnswer {
                        respondent: r,
                        feature: c,
                    });
                }
                continue;
            }
            if !(lo..=hi).contains(v) {
                return Err(Error::InvalidAnswer {
                    respondent: r,
                    feature: c,
                    value: v.to_string(),
                    expected: "a rating within the declared scale",
                });
            }
            if self.reversed.contains(&c) {
                *v = lo + hi - *v;
            }
        }
        Ok(out)
    }
}

/// Checks that every matrix has the shape of the first.
fn same_shape(first: &ArrayView2<f64>, others: &[(&'static str, &ArrayView2<f64>)]) -> Result<()> {
    if first.nrows() == 0 || first.ncols() == 0 {
        return Err(Error::EmptyInput {
            what: "respondents and items",
        });
    }
    for (what, m) in others {
        if m.dim() != first.dim() {
            return Err(Error::LengthMismatch {
                what,
                expected: first.len(),
                actual: m.len(),
            });
        }
    }
    Ok(())
}

/// Mean of the non-NaN values of a row over `cols` (NaN when none).
fn row_mean(row: ndarray::ArrayView1<f64>, cols: &[usize]) -> f64 {
    plain_mean(cols.iter().map(|&c| row[c]))
}

/// Respondents × dimensions matrix of dimension scores (NaN where a respondent rated none of
/// a dimension's items).
fn dimension_scores(x: &Array2<f64>, dims: &Dimensions) -> Array2<f64> {
    let members = dims.members();
    Array2::from_shape_fn((x.nrows(), members.len()), |(r, d)| {
        row_mean(x.row(r), &members[d])
    })
}

/// Mean with its t-interval over the non-NaN values.
fn mean_ci(values: impl Iterator<Item = f64>, confidence: f64, what: &'static str) -> Result<Mean> {
    Moments::of(values).mean_ci(confidence, what)
}

/// Σ of the values with Neumaier's compensation (Kahan–Babuška): the running error of each
/// addition is kept and added back at the end.
fn neumaier_sum(values: impl Iterator<Item = f64>) -> f64 {
    let (mut sum, mut c) = (0.0f64, 0.0f64);
    for v in values {
        let t = sum + v;
        c += if sum.abs() >= v.abs() {
            (sum - t) + v
        } else {
            (v - t) + sum
        };
        sum = t;
    }
    sum + c
}

/// Count, mean and sum of squared deviations M₂ of some values: enough for a mean and its
/// t-interval, and mergeable (Chan, Golub & LeVeque 1979).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct Moments {
    n: u64,
    mean: f64,
    m2: f64,
}

impl Moments {
    /// The moments of the non-NaN values, in two passes (mean first, then deviations), each
    /// a compensated sum: correct to a few ulps whatever the number of values, so moments
    /// of parts merged with [`Moments::merge`] agree with those of the whole far below 1e-12.
    fn of(values: impl Iterator<Item = f64>) -> Moments {
        let v: Vec<f64> = values.filter(|v| !v.is_nan()).collect();
        if v.is_empty() {
            return Moments::default();
        }
        let mean = neumaier_sum(v.iter().copied()) / v.len() as f64;
        Moments {
            n: v.len() as u64,
            mean,
            m2: neumaier_sum(v.iter().map(|x| (x - mean).powi(2))),
        }
    }

    /// Adds another set of values' moments: with δ the difference of the means,
    /// M₂ = M₂ₐ + M₂ᵦ + δ²·nₐnᵦ/n.
    fn merge(&mut self, o: &Moments) {
        if o.n == 0 {
            return;
        }
        let n = self.n + o.n;
        let delta = o.mean - self.mean;
        let (na, nb) = (self.n as f64, o.n as f64);
        self.mean += delta * nb / n as f64;
        self.m2 += o.m2 + delta * delta * na * nb / n as f64;
        self.n = n;
    }

    /// The mean with its t-interval; needs two values.
    fn mean_ci(&self, confidence: f64, what: &'static str) -> Result<Mean> {
        let n = self.n;
        if n < 2 {
            return Err(Error::InsufficientData {
                what,
                needed: "at least two ratings",
                got: n.to_string(),
            });
        }
        let sd = (self.m2 / (n - 1) as f64).sqrt();
        Ok(Mean::with_t_interval(
            self.mean, sd, n, n as f64, confidence,
        ))
    }
}

/// Mean of the non-NaN values (NaN when none).
fn plain_mean(values: impl Iterator<Item = f64>) -> f64 {
    let (s, n) = values
        .filter(|v| !v.is_nan())
        .fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 {
        f64::NAN
    } else {
        s / n as f64
    }
}
