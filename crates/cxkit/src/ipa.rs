//! Importance–performance analysis (Martilla & James 1977): each attribute placed by its
//! importance (stated, or derived by [`crate::drivers`]) and its performance in one of four
//! quadrants around crosshairs at the means, the medians or given cuts.

use serde::{Deserialize, Serialize};

use crate::quantile::quantile;
use crate::{Error, Result};

/// Where the crosshairs of an importance–performance grid are drawn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Crosshair {
    /// At the means of the attributes' importance and performance (the default).
    #[default]
    Mean,
    /// At the medians.
    Median,
    /// At given values (e.g. the scale midpoints, 4 on a 1–7 scale).
    At {
        /// Importance cut.
        importance: f64,
        /// Performance cut.
        performance: f64,
    },
}

impl Crosshair {
    /// The crosshair named "mean" or "median" (a point is given as [`Crosshair::At`]).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for any other name.
    ///
    /// ```
    /// use cxkit::ipa::Crosshair;
    ///
    /// assert_eq!(Crosshair::from_name("median")?, Crosshair::Median);
    /// assert!(Crosshair::from_name("mode").is_err());
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn from_name(name: &str) -> Result<Crosshair> {
        match name {
            "mean" => Ok(Crosshair::Mean),
            "median" => Ok(Crosshair::Median),
            _ => Err(Error::InvalidParameter {
                name: "crosshair",
                reason: format!(
                    "expected \"mean\", \"median\" or a point (importance, performance), got {name:?}"
                ),
            }),
        }
    }
}

/// A quadrant of the importance–performance grid (Martilla & James 1977).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    /// Important and performing below the cut: fix first.
    ConcentrateHere,
    /// Important and performing well.
    KeepUpTheGoodWork,
    /// Less important, performing below the cut.
    LowPriority,
    /// Less important, performing well: resources may be better used elsewhere.
    PossibleOverkill,
}

impl Quadrant {
    /// Martilla & James's label, e.g. "concentrate here".
    ///
    /// ```
    /// assert_eq!(cxkit::ipa::Quadrant::PossibleOverkill.label(), "possible overkill");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            Quadrant::ConcentrateHere => "concentrate here",
            Quadrant::KeepUpTheGoodWork => "keep up the good work",
            Quadrant::LowPriority => "low priority",
            Quadrant::PossibleOverkill => "possible overkill",
        }
    }
}

/// An importance–performance analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ipa {
    /// Importance cut used.
    pub importance_cut: f64,
    /// Performance cut used.
    pub performance_cut: f64,
    /// Quadrant of each attribute (a value on a cut counts as high).
    pub quadrants: Vec<Quadrant>,
}

/// Importance–performance analysis of attributes with stated or derived `importance` (e.g.
/// relative weights) and mean `performance`.
///
/// ```
/// use cxkit::ipa::{ipa, Crosshair, Quadrant::*};
///
/// let r = ipa(&[0.4, 0.3, 0.1, 0.2], &[3.0, 6.0, 2.0, 6.5], Crosshair::Mean)?;
/// assert_eq!(r.quadrants, vec![ConcentrateHere, KeepUpTheGoodWork, LowPriority, PossibleOverkill]);
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn ipa(importance: &[f64], performance: &[f64], crosshair: Crosshair) -> Result<Ipa> {
    if importance.is_empty() {
        return Err(Error::EmptyInput { what: "attributes" });
    }
    if importance.len() != performance.len() {
        return Err(Error::LengthMismatch {
            what: "performance values (one per attribute)",
            expected: importance.len(),
            actual: performance.len(),
        });
    }
    for (name, v) in [("importance", importance), ("performance", performance)] {
        if let Some(i) = v.iter().position(|x| !x.is_finite()) {
            return Err(Error::InvalidParameter {
                name,
                reason: format!("value {} of attribute {i} is not finite", v[i]),
            });
        }
    }
    let centre = |v: &[f64]| -> f64 {
        match crosshair {
            Crosshair::Median => {
                let mut s = v.to_vec();
                s.sort_unstable_by(f64::total_cmp);
                quantile(&s, 0.5).expect("non-empty")
            }
            _ => v.iter().sum::<f64>() / v.len() as f64,
        }
    };
    let (ic, pc) = match crosshair {
        Crosshair::At {
            importance,
            performance,
        } => {
            if !(importance.is_finite() && performance.is_finite()) {
                return Err(Error::InvalidParameter {
                    name: "crosshair",
                    reason: "the cuts must be finite".into(),
                });
            }
            (importance, performance)
        }
        _ => (centre(importance), centre(performance)),
    };
    let quadrants = importance
        .iter()
        .zip(performance)
        .map(|(&i, &p)| match (i >= ic, p >= pc) {
            (true, false) => Quadrant::ConcentrateHere,
            (true, true) => Quadrant::KeepUpTheGoodWork,
            (false, false) => Quadrant::LowPriority,
            (false, true) => Quadrant::PossibleOverkill,
        })
        .collect();
    Ok(Ipa {
        importance_cut: ic,
        performance_cut: pc,
        quadrants,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_input() {
        assert!(ipa(&[1.0], &[1.0, 2.0], Crosshair::Mean).is_err());
        assert!(ipa(&[f64::NAN], &[1.0], Crosshair::Mean).is_err());
    }

    #[test]
    fn ipa_crosshairs() {
        let imp = [0.4, 0.3, 0.1, 0.2];
        let perf = [3.0, 6.0, 2.0, 6.5];
        let m = ipa(&imp, &perf, Crosshair::Median).unwrap();
        assert!((m.importance_cut - 0.25).abs() < 1e-12 && (m.performance_cut - 4.5).abs() < 1e-12);
        let at = ipa(
            &imp,
            &perf,
            Crosshair::At {
                importance: 0.1,
                performance: 4.0,
            },
        )
        .unwrap();
        // Every importance ≥ 0.1 counts as high.
        assert_eq!(
            at.quadrants,
            vec![
                Quadrant::ConcentrateHere,
                Quadrant::KeepUpTheGoodWork,
                Quadrant::ConcentrateHere,
                Quadrant::KeepUpTheGoodWork
            ]
        );
    }
}
