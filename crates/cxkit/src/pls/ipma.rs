//! Importance–performance map analysis (IPMA) of a PLS path model for one target construct.

use serde::{Deserialize, Serialize};

use super::estimate::PlsFit;
use crate::ipa::{ipa, Crosshair, Quadrant};
use crate::{Error, Result};

/// One construct's place on the importance–performance map of a target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IpmaRow {
    /// Position of the construct.
    pub construct: usize,
    /// Unstandardised total effect on the target: the points the target (0–100) gains when
    /// the construct's performance rises by one point.
    pub importance: f64,
    /// Mean score on 0–100: the rescaled indicators' means weighted by the rescaled weights.
    pub performance: f64,
    /// Quadrant around crosshairs at the means of importance and performance.
    pub quadrant: Quadrant,
}

/// The map of one target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ipma {
    /// Position of the target construct.
    pub target: usize,
    /// The target's own performance on 0–100.
    pub target_performance: f64,
    /// Every construct with an effect on the target, in the model's order.
    pub rows: Vec<IpmaRow>,
}

impl PlsFit {
    /// The importance–performance map of construct `target` (Ringle & Sarstedt 2016,
    /// "Gain more insight from your PLS-SEM results: the importance-performance map
    /// analysis", *Industrial Management & Data Systems* 116(9)).
    ///
    /// Every indicator is rescaled to 0–100 from its scale's minimum and maximum (`scales`,
    /// one (min, max) per indicator in the order of `outer`, or one pair for all); a
    /// construct's rescaled weights are its outer weights divided by the rescaled indicators'
    /// standard deviations, normalised to sum to 1; its performance is the weighted mean of
    /// the rescaled indicators' means, and its importance the total effect on the target
    /// in rescaled units (the standardised total effect × sd of the target's rescaled score /
    /// sd of its own). Negative outer weights make a performance that may leave 0–100, as the
    /// authors warn; the map is meant for blocks whose indicators all point one way.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for an unknown target, a construct with no effect on it,
    /// scales of the wrong length or with max ≤ min, and a fit without indicator means (made
    /// by hand).
    pub fn ipma(&self, target: usize, scales: &[(f64, f64)]) -> Result<Ipma> {
        let c = self.constructs.len();
        if target >= c {
            return Err(Error::InvalidParameter {
                name: "target",
                reason: format!("construct {target} of {c}"),
            });
        }
        let k = self.outer.len();
        if self.indicator_means.len() != k || self.indicator_sd.len() != k {
            return Err(Error::InvalidParameter {
                name: "fit",
                reason: "the fit has no indicator means and standard deviations".into(),
            });
        }
        let scale = |a: usize| -> Result<(f64, f64)> {
            let (lo, hi) = match scales.len() {
                1 => scales[0],
                n if n == k => scales[a],
                n => {
                    return Err(Error::LengthMismatch {
                        what: "scales (one for all indicators, or one per indicator)",
                        expected: k,
                        actual: n,
                    })
                }
            };
            if !(lo.is_finite() && hi.is_finite() && hi > lo) {
                return Err(Error::InvalidParameter {
                    name: "scales",
                    reason: format!(
                        "the scale of {:?} is ({lo}, {hi}): it needs a minimum below its maximum",
                        self.outer[a].indicator
                    ),
                });
            }
            Ok((lo, hi))
        };
        // Per construct: Σ w/sd' (sd' the rescaled indicator's sd) and the weighted mean.
        let mut sum_w = vec![0.0; c];
        let mut weighted_mean = vec![0.0; c];
        for (a, o) in self.outer.iter().enumerate() {
            let (lo, hi) = scale(a)?;
            let f = 100.0 / (hi - lo);
            let sd = self.indicator_sd[a] * f;
            let mean = (self.indicator_means[a] - lo) * f;
            sum_w[o.construct] += o.weight / sd;
            weighted_mean[o.construct] += o.weight / sd * mean;
        }
        let performance: Vec<f64> = (0..c).map(|j| weighted_mean[j] / sum_w[j]).collect();
        let effects: Vec<(usize, f64)> = self
            .effects
            .iter()
            .filter(|e| e.to == target)
            .map(|e| (e.from, e.total * sum_w[e.from] / sum_w[target]))
            .collect();
        if effects.is_empty() {
            return Err(Error::InvalidParameter {
                name: "target",
                reason: format!(
                    "no construct has an effect on {:?}",
                    self.constructs[target]
                ),
            });
        }
        let importance: Vec<f64> = effects.iter().map(|e| e.1).collect();
        let perf: Vec<f64> = effects.iter().map(|e| performance[e.0]).collect();
        let map = ipa(&importance, &perf, Crosshair::Mean)?;
        Ok(Ipma {
            target,
            target_performance: performance[target],
            rows: effects
                .iter()
                .zip(map.quadrants)
                .map(|(&(construct, importance), quadrant)| IpmaRow {
                    construct,
                    importance,
                    performance: performance[construct],
                    quadrant,
                })
                .collect(),
        })
    }
}
