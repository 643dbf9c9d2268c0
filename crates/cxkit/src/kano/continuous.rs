//! Continuous KANO analysis: DuMouchel's scores, self-stated importance and Yang's (2005)
//! refined categories.

use serde::{Deserialize, Serialize};

use super::answer::Answer;
use super::category::KanoCategory;

/// Yang's (2005) refinement of a category by self-stated importance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefinedCategory {
    /// Attractive and important.
    HighlyAttractive,
    /// Attractive, less important.
    LessAttractive,
    /// One-dimensional and important.
    HighValueAdded,
    /// One-dimensional, less important.
    LowValueAdded,
    /// Must-be and important.
    Critical,
    /// Must-be, less important.
    Necessary,
    /// Indifferent yet important: may become a requirement.
    Potential,
    /// Indifferent and unimportant.
    CareFree,
}

crate::names::named!(RefinedCategory, "refined", [
    HighlyAttractive => "highly_attractive",
    LessAttractive => "less_attractive",
    HighValueAdded => "high_value_added",
    LowValueAdded => "low_value_added",
    Critical => "critical",
    Necessary => "necessary",
    Potential => "potential",
    CareFree => "care_free",
]);

impl RefinedCategory {
    /// The refinement of `category` for a feature whose importance is (`important`) or is not
    /// at least the cut; None for R and Q, which Yang does not refine.
    ///
    /// ```
    /// use cxkit::kano::{KanoCategory, RefinedCategory};
    ///
    /// assert_eq!(RefinedCategory::refine(KanoCategory::M, true), Some(RefinedCategory::Critical));
    /// assert_eq!(RefinedCategory::refine(KanoCategory::I, false), Some(RefinedCategory::CareFree));
    /// ```
    pub fn refine(category: KanoCategory, important: bool) -> Option<RefinedCategory> {
        use RefinedCategory::*;
        let (high, low) = match category {
            KanoCategory::A => (HighlyAttractive, LessAttractive),
            KanoCategory::O => (HighValueAdded, LowValueAdded),
            KanoCategory::M => (Critical, Necessary),
            KanoCategory::I => (Potential, CareFree),
            KanoCategory::R | KanoCategory::Q => return None,
        };
        Some(if important { high } else { low })
    }
}

/// DuMouchel's continuous scores of one feature (functional: like 4, must-be 2, neutral 0,
/// live-with −1, dislike −2; dysfunctional: like −2, must-be −1, neutral 0, live-with 2,
/// dislike 4), with self-stated importance where it was given.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct KanoContinuous {
    /// Mean functional score.
    pub functional: f64,
    /// Mean dysfunctional score.
    pub dysfunctional: f64,
    /// Answer pairs averaged.
    pub n: u64,
    /// Importance-weighted mean functional score Σwf/Σw.
    pub functional_weighted: Option<f64>,
    /// Importance-weighted mean dysfunctional score Σwd/Σw.
    pub dysfunctional_weighted: Option<f64>,
    /// Mean self-stated importance.
    pub importance: Option<f64>,
    /// Yang's refined category: the feature's category split by whether its mean importance
    /// reaches the mean over all features.
    pub refined: Option<RefinedCategory>,
}

/// Importance-weighted sums of one feature's scores.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct ImportanceSums {
    n: u64,
    weight: f64,
    functional: f64,
    dysfunctional: f64,
}

impl ImportanceSums {
    pub(crate) fn add(&mut self, importance: f64, pair: usize) {
        let (f, d) = scores(pair);
        self.n += 1;
        self.weight += importance;
        self.functional += importance * f;
        self.dysfunctional += importance * d;
    }

    pub(crate) fn merge(&mut self, o: &ImportanceSums) {
        self.n += o.n;
        self.weight += o.weight;
        self.functional += o.functional;
        self.dysfunctional += o.dysfunctional;
    }

    /// Mean importance, when any was given.
    pub(crate) fn importance(&self) -> Option<f64> {
        (self.n > 0).then(|| self.weight / self.n as f64)
    }
}

/// DuMouchel's (functional, dysfunctional) scores of answer pair `pair` = 5·f + d.
fn scores(pair: usize) -> (f64, f64) {
    (
        Answer::ALL[pair / 5].functional_score(),
        Answer::ALL[pair % 5].dysfunctional_score(),
    )
}

/// The continuous scores of a feature from its answer-pair counts and importance sums;
/// `refined` is filled in once every feature's importance is known.
pub(crate) fn continuous(pairs: &[u64; 25], importance: &ImportanceSums) -> KanoContinuous {
    let (mut n, mut functional, mut dysfunctional) = (0u64, 0.0, 0.0);
    for (pair, &count) in pairs.iter().enumerate() {
        let (f, d) = scores(pair);
        n += count;
        functional += count as f64 * f;
        dysfunctional += count as f64 * d;
    }
    let weighted = |s: f64| (importance.weight > 0.0).then(|| s / importance.weight);
    KanoContinuous {
        functional: functional / n as f64,
        dysfunctional: dysfunctional / n as f64,
        n,
        functional_weighted: weighted(importance.functional),
        dysfunctional_weighted: weighted(importance.dysfunctional),
        importance: importance.importance(),
        refined: None,
    }
}
