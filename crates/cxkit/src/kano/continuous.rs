//! Continuous KANO analysis: DuMouchel's scores, self-stated importance and Yang's (2005)
//! refined categories.

use serde::{Deserialize, Serialize};

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

/// Running sums for one feature's continuous scores.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct ContinuousSums {
    pub(crate) n: u64,
    pub(crate) functional: f64,
    pub(crate) dysfunctional: f64,
    pub(crate) weight: f64,
    pub(crate) weighted_functional: f64,
    pub(crate) weighted_dysfunctional: f64,
    pub(crate) importance_n: u64,
}

impl ContinuousSums {
    pub(crate) fn add(&mut self, functional: f64, dysfunctional: f64, importance: Option<f64>) {
        self.n += 1;
        self.functional += functional;
        self.dysfunctional += dysfunctional;
        if let Some(w) = importance {
            self.importance_n += 1;
            self.weight += w;
            self.weighted_functional += w * functional;
            self.weighted_dysfunctional += w * dysfunctional;
        }
    }

    pub(crate) fn merge(&mut self, o: &ContinuousSums) {
        self.n += o.n;
        self.functional += o.functional;
        self.dysfunctional += o.dysfunctional;
        self.weight += o.weight;
        self.weighted_functional += o.weighted_functional;
        self.weighted_dysfunctional += o.weighted_dysfunctional;
        self.importance_n += o.importance_n;
    }

    /// Mean importance, when any was given.
    pub(crate) fn importance(&self) -> Option<f64> {
        (self.importance_n > 0).then(|| self.weight / self.importance_n as f64)
    }

    /// The scores; `refined` is filled in once every feature's importance is known.
    pub(crate) fn finish(&self) -> KanoContinuous {
        let n = self.n as f64;
        let weighted = |s: f64| (self.weight > 0.0).then(|| s / self.weight);
        KanoContinuous {
            functional: self.functional / n,
            dysfunctional: self.dysfunctional / n,
            n: self.n,
            functional_weighted: weighted(self.weighted_functional),
            dysfunctional_weighted: weighted(self.weighted_dysfunctional),
            importance: self.importance(),
            refined: None,
        }
    }
}
