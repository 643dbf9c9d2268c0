//! The indicator tree: journeys → stages → touchpoints → indicators, declared in JSON or TOML.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// What an indicator measures, and so how its events are folded.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum IndicatorKind {
    /// Mean of the values (a satisfaction score, a rating).
    Mean,
    /// Share of values at or above `threshold` (top-box).
    TopBox {
        /// Lowest value that counts.
        threshold: f64,
    },
    /// Net Promoter Score of 0–10 answers, −100..100.
    Nps,
    /// Share of events with value 1 among events with value 0 or 1 (success rate).
    Rate,
    /// Percentile `p` (0–100) of the values (durations, waiting times).
    Percentile {
        /// The percentile, e.g. 90.
        p: f64,
    },
    /// Number of events in the window (values ignored).
    Count,
}

impl IndicatorKind {
    /// Why the kind's parameter is impossible, if it is: a percentile outside (0, 100), a
    /// top-box threshold that is not finite.
    pub(crate) fn check(&self) -> std::result::Result<(), String> {
        match *self {
            IndicatorKind::Percentile { p } if !(p > 0.0 && p < 100.0) => {
                Err(format!("percentile must be in (0, 100), got {p}"))
            }
            IndicatorKind::TopBox { threshold } if !threshold.is_finite() => {
                Err("top-box threshold must be finite".into())
            }
            _ => Ok(()),
        }
    }
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Higher values are better (satisfaction).
    #[default]
    Higher,
    /// Lower values are better (waiting time, error count).
    Lower,
}

/// Alert levels in the indicator's own units: past `warning` (worse side) warns, past
/// `critical` is critical.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    /// Warning level.
    pub warning: f64,
    /// Critical level (further on the worse side than `warning`).
    pub critical: f64,
}

fn one() -> f64 {
    1.0
}

/// One indicator measured at a touchpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// Identifier, unique in the tree.
    pub id: String,
    /// How events are folded.
    pub kind: IndicatorKind,
    /// Which way is better.
    #[serde(default)]
    pub direction: Direction,
    /// Weight among the touchpoint's indicators (default 1).
    #[serde(default = "one")]
    pub weight: f64,
    /// Worst and best values for the 0–100 index, as [low, high]. Defaults: [0, 1] for top
    /// box and rate, [−100, 100] for NPS; required for mean, percentile and count.
    #[serde(default)]
    pub scale: Option<[f64; 2]>,
    /// Target value.
    #[serde(default)]
    pub target: Option<f64>,
    /// Peer benchmark value.
    #[serde(default)]
    pub benchmark: Option<f64>,
    /// Alert thresholds.
    #[serde(default)]
    pub alert: Option<Thresholds>,
}

/// A touchpoint of a stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Touchpoint {
    /// Identifier, unique in the tree.
    pub id: String,
    /// Weight among the stage's touchpoints (default 1).
    #[serde(default = "one")]
    pub weight: f64,
    /// Its indicators.
    pub indicators: Vec<Indicator>,
}

/// A stage of a journey.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stage {
    /// Identifier, unique in the tree.
    pub id: String,
    /// Weight among the journey's stages (default 1).
    #[serde(default = "one")]
    pub weight: f64,
    /// Its touchpoints.
    pub touchpoints: Vec<Touchpoint>,
}

/// A customer journey.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Journey {
    /// Identifier, unique in the tree.
    pub id: String,
    /// Weight among the journeys (default 1).
    #[serde(default = "one")]
    pub weight: f64,
    /// Its stages.
    pub stages: Vec<Stage>,
}

/// Journeys → stages → touchpoints → indicators. Build it in code or from JSON/TOML, then
/// [`IndicatorTree::validate`] (the parsers validate for you).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorTree {
    /// The journeys.
    pub journeys: Vec<Journey>,
    /// Require the weights of each node's children to sum to 1 (default false: any positive
    /// weights, used relative to each other).
    #[serde(default)]
    pub strict_weights: bool,
}

/// Where an indicator sits, by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Place {
    pub journey: usize,
    pub stage: usize,
    pub touchpoint: usize,
    pub indicator: usize,
}

impl IndicatorTree {
    /// Parses and validates a tree in JSON.
    ///
    /// ```
    /// use cxkit::journey::IndicatorTree;
    ///
    /// let t = IndicatorTree::from_json(r#"{"journeys": [{"id": "onboarding", "stages": [
    ///     {"id": "apply", "touchpoints": [{"id": "app", "indicators": [
    ///         {"id": "app_csat", "kind": {"type": "top_box", "threshold": 4}, "target": 0.8}
    ///     ]}]}]}]}"#)?;
    /// assert_eq!(t.indicator_ids(), vec!["app_csat"]);
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn from_json(text: &str) -> Result<IndicatorTree> {
        let t: IndicatorTree = serde_json::from_str(text).map_err(|e| Error::InvalidTree {
            path: "JSON".into(),
            reason: e.to_string(),
        })?;
        t.validate()?;
        Ok(t)
    }

    /// Parses and validates a tree in TOML (`[[journeys]]`, `[[journeys.stages]]`, …).
    ///
    /// ```
    /// use cxkit::journey::IndicatorTree;
    ///
    /// let t = IndicatorTree::from_toml(r#"
    ///     [[journeys]]
    ///     id = "service"
    ///     [[journeys.stages]]
    ///     id = "contact"
    ///     [[journeys.stages.touchpoints]]
    ///     id = "call_centre"
    ///     [[journeys.stages.touchpoints.indicators]]
    ///     id = "wait_p90"
    ///     kind = { type = "percentile", p = 90 }
    ///     direction = "lower"
    ///     scale = [600, 0]
    /// "#)?;
    /// assert_eq!(t.indicator_ids(), vec!["wait_p90"]);
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn from_toml(text: &str) -> Result<IndicatorTree> {
        let t: IndicatorTree = toml::from_str(text).map_err(|e| Error::InvalidTree {
            path: "TOML".into(),
            reason: e.to_string(),
        })?;
        t.validate()?;
        Ok(t)
    }

    /// The tree as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a tree serializes")
    }

    /// Checks the tree: unique non-empty ids, positive finite weights (summing to 1 per node
    /// with `strict_weights`), no empty node, a scale where the kind needs one, percentiles
    /// in (0, 100), alert levels on the right side of each other.
    pub fn validate(&self) -> Result<()> {
        let bad = |path: String, reason: String| Err(Error::InvalidTree { path, reason });
        if self.journeys.is_empty() {
            return bad("tree".into(), "has no journeys".into());
        }
        let mut seen = HashSet::new();
        let mut check_node = |path: &str, id: &str, weight: f64| -> Result<()> {
            if id.is_empty() {
                return bad(path.into(), "has an empty id".into());
            }
            if !seen.insert(id.to_string()) {
                return bad(path.into(), format!("duplicate id {id:?}"));
            }
            if !(weight.is_finite() && weight > 0.0) {
                return bad(
                    path.into(),
                    format!("weight must be positive, got {weight}"),
                );
            }
            Ok(())
        };
        let check_sum = |path: &str, weights: &[f64]| -> Result<()> {
            let total: f64 = weights.iter().sum();
            if self.strict_weights && (total - 1.0).abs() > 1e-9 {
                return bad(
                    path.into(),
                    format!("children's weights sum to {total}, not 1"),
                );
            }
            Ok(())
        };
        check_sum(
            "tree",
            &self.journeys.iter().map(|j| j.weight).collect::<Vec<_>>(),
        )?;
        for j in &self.journeys {
            let jp = format!("journey {}", j.id);
            check_node(&jp, &j.id, j.weight)?;
            if j.stages.is_empty() {
                return bad(jp, "has no stages".into());
            }
            check_sum(&jp, &j.stages.iter().map(|s| s.weight).collect::<Vec<_>>())?;
            for s in &j.stages {
                let sp = format!("{jp} / stage {}", s.id);
                check_node(&sp, &s.id, s.weight)?;
                if s.touchpoints.is_empty() {
                    return bad(sp, "has no touchpoints".into());
                }
                check_sum(
                    &sp,
                    &s.touchpoints.iter().map(|t| t.weight).collect::<Vec<_>>(),
                )?;
                for t in &s.touchpoints {
                    let tp = format!("{sp} / touchpoint {}", t.id);
                    check_node(&tp, &t.id, t.weight)?;
                    if t.indicators.is_empty() {
                        return bad(tp, "has no indicators".into());
                    }
                    check_sum(
                        &tp,
                        &t.indicators.iter().map(|i| i.weight).collect::<Vec<_>>(),
                    )?;
                    for i in &t.indicators {
                        let ip = format!("{tp} / indicator {}", i.id);
                        check_node(&ip, &i.id, i.weight)?;
                        check_indicator(&ip, i)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Indicator ids in tree order (the order of indicator indices).
    pub fn indicator_ids(&self) -> Vec<&str> {
        self.places()
            .map(|p| self.indicator(p).id.as_str())
            .collect()
    }

    /// The index of an indicator id (events refer to indicators by index).
    ///
    /// ```
    /// # use cxkit::journey::IndicatorTree;
    /// # let t = IndicatorTree::from_json(r#"{"journeys": [{"id": "j", "stages": [{"id": "s",
    /// #   "touchpoints": [{"id": "t", "indicators": [{"id": "a", "kind": {"type": "rate"}},
    /// #   {"id": "b", "kind": {"type": "rate"}}]}]}]}]}"#)?;
    /// assert_eq!(t.indicator_index("b"), Some(1));
    /// assert_eq!(t.indicator_index("nope"), None);
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn indicator_index(&self, id: &str) -> Option<u32> {
        self.places()
            .position(|p| self.indicator(p).id == id)
            .map(|i| i as u32)
    }

    pub(crate) fn places(&self) -> impl Iterator<Item = Place> + '_ {
        self.journeys.iter().enumerate().flat_map(|(ji, j)| {
            j.stages.iter().enumerate().flat_map(move |(si, s)| {
                s.touchpoints.iter().enumerate().flat_map(move |(ti, t)| {
                    (0..t.indicators.len()).map(move |ii| Place {
                        journey: ji,
                        stage: si,
                        touchpoint: ti,
                        indicator: ii,
                    })
                })
            })
        })
    }

    /// Every touchpoint, in tree order, with its journey, its stage and its share of the
    /// tree's weight: the product of the normalised weights on its path.
    ///
    /// ```
    /// # use cxkit::journey::IndicatorTree;
    /// let t = IndicatorTree::from_json(r#"{"journeys": [{"id": "j", "stages": [
    ///     {"id": "s", "weight": 3, "touchpoints": [{"id": "a", "indicators": [{"id": "x", "kind": {"type": "rate"}}]}]},
    ///     {"id": "u", "touchpoints": [{"id": "b", "indicators": [{"id": "y", "kind": {"type": "rate"}}]}]}]}]}"#)?;
    /// let shares: Vec<f64> = t.touchpoint_shares().iter().map(|s| s.3).collect();
    /// assert_eq!(shares, vec![0.75, 0.25]);
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn touchpoint_shares(&self) -> Vec<(&Journey, &Stage, &Touchpoint, f64)> {
        let jw: f64 = self.journeys.iter().map(|j| j.weight).sum();
        let mut out = Vec::new();
        for j in &self.journeys {
            let sw: f64 = j.stages.iter().map(|s| s.weight).sum();
            for s in &j.stages {
                let tw: f64 = s.touchpoints.iter().map(|t| t.weight).sum();
                for t in &s.touchpoints {
                    out.push((j, s, t, j.weight / jw * s.weight / sw * t.weight / tw));
                }
            }
        }
        out
    }

    pub(crate) fn indicator(&self, p: Place) -> &Indicator {
        &self.journeys[p.journey].stages[p.stage].touchpoints[p.touchpoint].indicators[p.indicator]
    }
}

fn check_indicator(path: &str, i: &Indicator) -> Result<()> {
    let bad = |reason: String| {
        Err(Error::InvalidTree {
            path: path.into(),
            reason,
        })
    };
    i.kind.check().or_else(bad)?;
    match i.scale {
        Some([lo, hi]) if !(lo.is_finite() && hi.is_finite() && lo != hi) => {
            return bad(format!(
                "scale [{lo}, {hi}] must be two different finite values"
            ))
        }
        None if matches!(
            i.kind,
            IndicatorKind::Mean | IndicatorKind::Percentile { .. } | IndicatorKind::Count
        ) =>
        {
            return bad("needs a scale [worst, best] for its 0–100 index".into())
        }
        _ => {}
    }
    for (name, v) in [("target", i.target), ("benchmark", i.benchmark)] {
        if v.is_some_and(|v| !v.is_finite()) {
            return bad(format!("{name} must be finite"));
        }
    }
    if let Some(t) = i.alert {
        let ordered = match i.direction {
            Direction::Higher => t.critical <= t.warning,
            Direction::Lower => t.critical >= t.warning,
        };
        if !(t.warning.is_finite() && t.critical.is_finite() && ordered) {
            return bad(format!(
                "alert levels warning {} and critical {} must be finite, critical on the worse side",
                t.warning, t.critical
            ));
        }
    }
    Ok(())
}

impl Indicator {
    /// [worst, best] for the 0–100 index.
    pub(crate) fn bounds(&self) -> [f64; 2] {
        let [lo, hi] = self.scale.unwrap_or(match self.kind {
            IndicatorKind::Nps => [-100.0, 100.0],
            _ => [0.0, 1.0],
        });
        match self.direction {
            Direction::Higher => [lo.min(hi), lo.max(hi)],
            Direction::Lower => [lo.max(hi), lo.min(hi)],
        }
    }

    /// A value on the 0–100 index: 100·(v − worst)/(best − worst), clamped.
    pub(crate) fn index_of(&self, v: f64) -> f64 {
        let [worst, best] = self.bounds();
        (100.0 * (v - worst) / (best - worst)).clamp(0.0, 100.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TREE: &str = r#"{"journeys": [{"id": "j", "stages": [{"id": "s", "touchpoints": [
        {"id": "t", "indicators": [{"id": "i", "kind": {"type": "mean"}, "scale": [1, 5]}]}]}]}]}"#;

    #[test]
    fn bad_trees_are_named() {
        assert!(IndicatorTree::from_json(TREE).is_ok());
        let cases = [
            (
                TREE.replace("\"id\": \"i\"", "\"id\": \"t\""),
                "duplicate id",
            ),
            (TREE.replace(", \"scale\": [1, 5]", ""), "needs a scale"),
            (
                TREE.replace("\"scale\": [1, 5]", "\"scale\": [1, 5], \"weight\": -1"),
                "positive",
            ),
            (
                TREE.replace(
                    "\"scale\": [1, 5]",
                    "\"scale\": [1, 5], \"alert\": {\"warning\": 3, \"critical\": 4}",
                ),
                "critical on the worse side",
            ),
            (
                TREE.replace(
                    "[{\"id\": \"i\", \"kind\": {\"type\": \"mean\"}, \"scale\": [1, 5]}]",
                    "[]",
                ),
                "no indicators",
            ),
            ("{\"journeys\": [}".to_string(), "JSON"),
            (TREE.replace("\"mean\"", "\"median\""), "JSON"),
        ];
        for (text, want) in cases {
            match IndicatorTree::from_json(&text) {
                Err(e @ Error::InvalidTree { .. }) => {
                    assert!(e.to_string().contains(want), "{e}")
                }
                other => panic!("{text}: {other:?}"),
            }
        }
        let strict = TREE.replace("{\"journeys\"", "{\"strict_weights\": true, \"journeys\"");
        assert!(IndicatorTree::from_json(&strict).is_ok()); // single children weigh 1
        let two = strict.replace(
            "{\"id\": \"i\", \"kind\": {\"type\": \"mean\"}, \"scale\": [1, 5]}",
            "{\"id\": \"i\", \"kind\": {\"type\": \"mean\"}, \"scale\": [1, 5]}, {\"id\": \"k\", \"kind\": {\"type\": \"rate\"}}",
        );
        assert!(IndicatorTree::from_json(&two)
            .unwrap_err()
            .to_string()
            .contains("sum to 2"));
    }

    #[test]
    fn index_by_direction() {
        let t = IndicatorTree::from_json(TREE).unwrap();
        let i = &t.journeys[0].stages[0].touchpoints[0].indicators[0];
        // 1–5 scale: 4 → 100·3/4 = 75.
        assert_eq!(i.index_of(4.0), 75.0);
        let mut lower = i.clone();
        lower.direction = Direction::Lower;
        assert_eq!(lower.index_of(4.0), 25.0);
        assert_eq!(lower.index_of(9.0), 0.0); // clamped
    }
}
