//! Indicators of a time window, rolled up the tree, with changes, alerts and pain points.

use serde::{Deserialize, Serialize};
use statrs::distribution::{ContinuousCDF, Normal};

use super::state::{Cell, JourneyState};
use super::tree::{Direction, IndicatorKind, IndicatorTree};
use crate::clv::Period;
use crate::distribution::t_cdf;
use crate::quantile::quantile;
use crate::{Error, Result};

/// A time window of days (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Window {
    /// The calendar day, week (Monday–Sunday) or month containing `day` (days since
    /// 1970-01-01).
    Calendar {
        /// Day, week or month.
        period: Period,
        /// Any day inside the window.
        day: i64,
    },
    /// The `days` days ending with `end` (inclusive).
    Rolling {
        /// Length in days (at least 1).
        days: u32,
        /// Last day of the window.
        end: i64,
    },
}

/// The kind of a [`Window`], as the bindings name it: "day", "week", "month" or "rolling".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowKind {
    /// The calendar day containing a day.
    Day,
    /// The calendar week (Monday–Sunday) containing a day.
    Week,
    /// The calendar month containing a day.
    Month,
    /// A number of days ending with a day.
    Rolling,
}

crate::names::named!(WindowKind, "window", [Day => "day", Week => "week", Month => "month", Rolling => "rolling"]);

impl Window {
    /// The window of `kind` at `day`: the calendar day, week or month containing it, or the
    /// `days` days ending with it.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for a rolling window without `days` or with 0 days.
    ///
    /// ```
    /// use cxkit::clv::Period;
    /// use cxkit::journey::{Window, WindowKind};
    ///
    /// assert_eq!(Window::new(WindowKind::Week, 20, None)?, Window::Calendar { period: Period::Week, day: 20 });
    /// assert_eq!(Window::new(WindowKind::Rolling, 20, Some(7))?, Window::Rolling { days: 7, end: 20 });
    /// assert!(Window::new(WindowKind::Rolling, 20, None).is_err());
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn new(kind: WindowKind, day: i64, days: Option<u32>) -> Result<Window> {
        let calendar = |period| Ok(Window::Calendar { period, day });
        match kind {
            WindowKind::Day => calendar(Period::Day),
            WindowKind::Week => calendar(Period::Week),
            WindowKind::Month => calendar(Period::Month),
            WindowKind::Rolling => match days {
                Some(days) if days >= 1 => Ok(Window::Rolling { days, end: day }),
                _ => Err(Error::InvalidParameter {
                    name: "days",
                    reason: "a rolling window needs days= (at least 1)".into(),
                }),
            },
        }
    }
}

impl Window {
    fn contains(&self, d: i64) -> bool {
        match *self {
            Window::Calendar { period, day } => period.index(d) == period.index(day),
            Window::Rolling { days, end } => d <= end && d > end - i64::from(days),
        }
    }

    /// The window just before this one, of the same kind.
    ///
    /// ```
    /// use cxkit::clv::Period;
    /// use cxkit::journey::Window;
    ///
    /// let w = Window::Rolling { days: 7, end: 20 };
    /// assert_eq!(w.previous(), Window::Rolling { days: 7, end: 13 });
    /// // 1970-03-01 (day 59) → a day in February.
    /// let m = Window::Calendar { period: Period::Month, day: 59 };
    /// assert_eq!(m.previous(), Window::Calendar { period: Period::Month, day: 58 });
    /// ```
    pub fn previous(&self) -> Window {
        match *self {
            Window::Calendar { period, day } => {
                // The day before the window's first day.
                let mut d = day;
                while period.index(d - 1) == period.index(day) {
                    d -= 1;
                }
                Window::Calendar { period, day: d - 1 }
            }
            Window::Rolling { days, end } => Window::Rolling {
                days,
                end: end - i64::from(days),
            },
        }
    }
}

/// The level of a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// A journey.
    Journey,
    /// A stage.
    Stage,
    /// A touchpoint.
    Touchpoint,
    /// An indicator.
    Indicator,
}

crate::names::named!(Level, "level", [Journey => "journey", Stage => "stage", Touchpoint => "touchpoint", Indicator => "indicator"]);

/// Why an indicator is flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Alert {
    /// At or past the critical level.
    Critical,
    /// At or past the warning level.
    Warning,
    /// Significantly worse than the previous window.
    Worsened,
}

crate::names::named!(Alert, "alert", [Critical => "critical", Warning => "warning", Worsened => "worsened"]);

/// One node of an evaluated tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeResult {
    /// Level.
    pub level: Level,
    /// Node id.
    pub id: String,
    /// Parent's id (None for journeys).
    pub parent: Option<String>,
    /// The indicator's value in its own units (indicators only).
    pub value: Option<f64>,
    /// 0–100 index (None without events in the window).
    pub index: Option<f64>,
    /// Events behind the node.
    pub n: u64,
    /// The indicator's target (indicators only).
    pub target: Option<f64>,
    /// The indicator's benchmark (indicators only).
    pub benchmark: Option<f64>,
    /// Value (indicators) or index (other nodes) in the previous window.
    pub previous: Option<f64>,
    /// Current minus previous.
    pub change: Option<f64>,
    /// Two-sided p-value of the change (indicators whose kind has a test).
    pub p_value: Option<f64>,
    /// The indicator's alert, if any.
    pub alert: Option<Alert>,
}

/// The folded cells of each indicator in a window, one segment or all.
fn gather(state: &JourneyState, n: usize, window: &Window, segment: Option<u32>) -> Vec<Cell> {
    let mut out = vec![Cell::default(); n];
    for (&(ind, seg, day), cell) in &state.cells {
        if window.contains(day) && segment.is_none_or(|s| s == seg) {
            out[ind as usize].merge(cell);
        }
    }
    out
}

/// The value of a folded cell for the kind (None without events).
fn value_of(kind: IndicatorKind, c: &Cell) -> Option<f64> {
    if c.n == 0 {
        return None;
    }
    let n = c.n as f64;
    Some(match kind {
        IndicatorKind::Mean => c.sum / n,
        IndicatorKind::TopBox { .. } | IndicatorKind::Rate => c.hits as f64 / n,
        IndicatorKind::Nps => 100.0 * (c.promoters as f64 - c.detractors as f64) / n,
        IndicatorKind::Percentile { p } => {
            let mut v = c.values.clone();
            v.sort_unstable_by(f64::total_cmp);
            quantile(&v, p / 100.0).expect("n > 0")
        }
        IndicatorKind::Count => n,
    })
}

/// Two-sided p-value of the difference between two windows, where the kind has a test:
/// Welch's t (mean), the pooled two-proportion z (top box, rate), the z of the NPS
/// difference with multinomial variances, and for counts z = (c₁ − c₀)/√(c₁ + c₀)
/// (Poisson counts of equally long windows). None for percentiles.
fn p_value(kind: IndicatorKind, now: &Cell, before: &Cell) -> Option<f64> {
    let (n1, n0) = (now.n as f64, before.n as f64);
    let normal = Normal::new(0.0, 1.0).expect("standard normal");
    let two_sided_z = |z: f64| (z.is_finite()).then(|| 2.0 * (1.0 - normal.cdf(z.abs())));
    match kind {
        IndicatorKind::Mean => {
            if n1 < 2.0 || n0 < 2.0 {
                return None;
            }
            let var = |c: &Cell, n: f64| (c.sum_sq - c.sum * c.sum / n) / (n - 1.0);
            let (v1, v0) = (var(now, n1).max(0.0), var(before, n0).max(0.0));
            let se2 = v1 / n1 + v0 / n0;
            if se2 <= 0.0 {
                return None;
            }
            let t = (now.sum / n1 - before.sum / n0) / se2.sqrt();
            let df = se2 * se2 / ((v1 / n1).powi(2) / (n1 - 1.0) + (v0 / n0).powi(2) / (n0 - 1.0));
            if df.is_nan() || df <= 0.0 {
                return None;
            }
            Some(2.0 * (1.0 - t_cdf(t.abs(), df)))
        }
        IndicatorKind::TopBox { .. } | IndicatorKind::Rate => {
            if n1 == 0.0 || n0 == 0.0 {
                return None;
            }
            let pooled = (now.hits + before.hits) as f64 / (n1 + n0);
            let se = (pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n0)).sqrt();
            if se == 0.0 {
                return None;
            }
            two_sided_z((now.hits as f64 / n1 - before.hits as f64 / n0) / se)
        }
        IndicatorKind::Nps => {
            if n1 == 0.0 || n0 == 0.0 {
                return None;
            }
            let var = |c: &Cell, n: f64| {
                let (p, d) = (c.promoters as f64 / n, c.detractors as f64 / n);
                (p + d - (p - d).powi(2), p - d)
            };
            let ((v1, s1), (v0, s0)) = (var(now, n1), var(before, n0));
            let se = (v1 / n1 + v0 / n0).sqrt();
            if se == 0.0 {
                return None;
            }
            two_sided_z((s1 - s0) / se)
        }
        IndicatorKind::Count => {
            if n1 + n0 == 0.0 {
                return None;
            }
            two_sided_z((n1 - n0) / (n1 + n0).sqrt())
        }
        IndicatorKind::Percentile { .. } => None,
    }
}

/// Options of [`JourneyState::evaluate`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EvaluateOptions {
    /// Only this segment (None: all events).
    pub segment: Option<u32>,
    /// Significance level for "worsened" alerts. Default 0.05.
    pub alpha: f64,
}

impl Default for EvaluateOptions {
    fn default() -> Self {
        EvaluateOptions {
            segment: None,
            alpha: 0.05,
        }
    }
}

/// Weighted mean of the children's indices over the children with one.
fn roll_up(children: &[(f64, Option<f64>)]) -> Option<f64> {
    let (s, w) = children
        .iter()
        .filter_map(|(w, i)| i.map(|i| (w * i, *w)))
        .fold((0.0, 0.0), |(s, t), (a, b)| (s + a, t + b));
    (w > 0.0).then(|| s / w)
}

impl JourneyState {
    /// Every node of `tree` in `window`: indicators with their value, 0–100 index, change
    /// against the previous window with its p-value, and alerts; touchpoints, stages and
    /// journeys with the weighted mean index of their children. Children without events in
    /// the window are left out of a parent's mean and the other weights renormalised.
    /// Nodes come in tree order, each parent before its children.
    ///
    /// ```
    /// use cxkit::clv::Period;
    /// use cxkit::journey::{EvaluateOptions, IndicatorTree, JourneyState, RejectPolicy, Window};
    ///
    /// let tree = IndicatorTree::from_json(r#"{"journeys": [{"id": "j", "stages": [{"id": "s",
    ///     "touchpoints": [{"id": "app", "indicators": [
    ///         {"id": "ok", "kind": {"type": "rate"}, "target": 0.9}]}]}]}]}"#)?;
    /// let mut state = JourneyState::new(&tree);
    /// // Day 0: 3 of 4 logins succeed.
    /// state.update(&[0; 4], &[0, 10, 20, 30], &[1.0, 1.0, 0.0, 1.0], None, RejectPolicy::Error)?;
    /// let r = state.evaluate(&tree, &Window::Calendar { period: Period::Day, day: 0 },
    ///                        &EvaluateOptions::default())?;
    /// let ok = r.iter().find(|n| n.id == "ok").unwrap();
    /// assert_eq!((ok.value, ok.index, ok.n), (Some(0.75), Some(75.0), 4));
    /// assert_eq!(r[0].index, Some(75.0)); // the journey
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn evaluate(
        &self,
        tree: &IndicatorTree,
        window: &Window,
        options: &EvaluateOptions,
    ) -> Result<Vec<NodeResult>> {
        if let Window::Rolling { days: 0, .. } = window {
            return Err(Error::InvalidParameter {
                name: "window",
                reason: "a rolling window needs at least one day".into(),
            });
        }
        let kinds: Vec<IndicatorKind> = tree.places().map(|p| tree.indicator(p).kind).collect();
        let count = kinds.len();
        if kinds != self.kinds() {
            return Err(Error::Incompatible {
                reason: "the journey state was made for a different indicator tree".into(),
            });
        }
        let now = gather(self, count, window, options.segment);
        let before = gather(self, count, &window.previous(), options.segment);
        let mut out = Vec::new();
        let mut k = 0;
        let node = |level, id: &str, parent: Option<&str>| NodeResult {
            level,
            id: id.to_string(),
            parent: parent.map(str::to_string),
            value: None,
            index: None,
            n: 0,
            target: None,
            benchmark: None,
            previous: None,
            change: None,
            p_value: None,
            alert: None,
        };
        for j in &tree.journeys {
            let jpos = out.len();
            out.push(node(Level::Journey, &j.id, None));
            let mut stage_idx = Vec::new();
            for s in &j.stages {
                let spos = out.len();
                out.push(node(Level::Stage, &s.id, Some(&j.id)));
                let mut tp_idx = Vec::new();
                for t in &s.touchpoints {
                    let tpos = out.len();
                    out.push(node(Level::Touchpoint, &t.id, Some(&s.id)));
                    let mut ind_idx = Vec::new();
                    for ind in &t.indicators {
                        let (c, b) = (&now[k], &before[k]);
                        let value = value_of(ind.kind, c);
                        let previous = value_of(ind.kind, b);
                        let change = value.zip(previous).map(|(v, p)| v - p);
                        let p = p_value(ind.kind, c, b);
                        let worse = change.is_some_and(|d| match ind.direction {
                            Direction::Higher => d < 0.0,
                            Direction::Lower => d > 0.0,
                        });
                        let past = |level: f64, v: f64| match ind.direction {
                            Direction::Higher => v <= level,
                            Direction::Lower => v >= level,
                        };
                        let alert = match (value, ind.alert) {
                            (Some(v), Some(t)) if past(t.critical, v) => Some(Alert::Critical),
                            (Some(v), Some(t)) if past(t.warning, v) => Some(Alert::Warning),
                            _ if worse && p.is_some_and(|p| p < options.alpha) => {
                                Some(Alert::Worsened)
                            }
                            _ => None,
                        };
                        let index = value.map(|v| ind.index_of(v));
                        ind_idx.push((ind.weight, index, previous.map(|v| ind.index_of(v)), c.n));
                        out.push(NodeResult {
                            value,
                            index,
                            n: c.n,
                            target: ind.target,
                            benchmark: ind.benchmark,
                            previous,
                            change,
                            p_value: p,
                            alert,
                            ..node(Level::Indicator, &ind.id, Some(&t.id))
                        });
                        k += 1;
                    }
                    set_parent(&mut out[tpos], &ind_idx);
                    tp_idx.push((t.weight, out[tpos].index, out[tpos].previous, out[tpos].n));
                }
                set_parent(&mut out[spos], &tp_idx);
                stage_idx.push((s.weight, out[spos].index, out[spos].previous, out[spos].n));
            }
            set_parent(&mut out[jpos], &stage_idx);
        }
        Ok(out)
    }
}

/// A parent's index, previous index, change and event count from its children's
/// (weight, index, previous index, n).
fn set_parent(node: &mut NodeResult, children: &[(f64, Option<f64>, Option<f64>, u64)]) {
    let now: Vec<(f64, Option<f64>)> = children.iter().map(|c| (c.0, c.1)).collect();
    let before: Vec<(f64, Option<f64>)> = children.iter().map(|c| (c.0, c.2)).collect();
    node.index = roll_up(&now);
    node.previous = roll_up(&before);
    node.change = node.index.zip(node.previous).map(|(a, b)| a - b);
    node.n = children.iter().map(|c| c.3).sum();
}

/// Compare touchpoints with their indicators' targets or peer benchmarks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GapTo {
    /// The indicators' targets.
    #[default]
    Target,
    /// The indicators' peer benchmarks.
    Benchmark,
}

crate::names::named!(GapTo, "gap_to", [Target => "target", Benchmark => "benchmark"]);

/// One indicator behind a pain point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Indicator id.
    pub indicator: String,
    /// Its value in the window.
    pub value: f64,
    /// Its target or benchmark.
    pub reference: f64,
    /// Index points short of the reference (0 when at or past it).
    pub gap: f64,
}

/// A touchpoint ranked as a pain point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PainPoint {
    /// Touchpoint id.
    pub touchpoint: String,
    /// Its stage and journey ids.
    pub stage: String,
    /// Journey id.
    pub journey: String,
    /// Importance: the touchpoint's share of the tree's weight (the product of the
    /// normalised weights on its path), or the caller's.
    pub importance: f64,
    /// Weighted mean index points short of the references over its indicators with one.
    pub gap: f64,
    /// importance × gap; the ranking key.
    pub score: f64,
    /// The indicators behind it.
    pub evidence: Vec<Evidence>,
}

/// Touchpoints ranked by importance × gap to target (or benchmark), worst first, from an
/// evaluation of `tree`; touchpoints without a gap are left out. `importance` overrides the
/// tree's weights by touchpoint id.
///
/// ```
/// use cxkit::clv::Period;
/// use cxkit::journey::{pain_points, EvaluateOptions, GapTo, IndicatorTree, JourneyState,
///                      RejectPolicy, Window};
///
/// let tree = IndicatorTree::from_json(r#"{"journeys": [{"id": "j", "stages": [{"id": "s",
///     "touchpoints": [
///       {"id": "app", "indicators": [{"id": "app_ok", "kind": {"type": "rate"}, "target": 0.9}]},
///       {"id": "branch", "indicators": [{"id": "br_ok", "kind": {"type": "rate"}, "target": 0.9}]}
///     ]}]}]}"#)?;
/// let mut st = JourneyState::new(&tree);
/// st.update(&[0, 0, 1, 1], &[0; 4], &[1.0, 0.0, 1.0, 1.0], None, RejectPolicy::Error)?;
/// let r = st.evaluate(&tree, &Window::Calendar { period: Period::Day, day: 0 },
///                     &EvaluateOptions::default())?;
/// let p = pain_points(&tree, &r, GapTo::Target, None);
/// assert_eq!(p.len(), 1); // the branch meets its target
/// assert_eq!(p[0].touchpoint, "app");
/// assert!((p[0].gap - 40.0).abs() < 1e-9 && (p[0].score - 20.0).abs() < 1e-9); // 90 − 50, × ½
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn pain_points(
    tree: &IndicatorTree,
    results: &[NodeResult],
    gap_to: GapTo,
    importance: Option<&std::collections::HashMap<String, f64>>,
) -> Vec<PainPoint> {
    let value = |id: &str| {
        results
            .iter()
            .find(|r| r.level == Level::Indicator && r.id == id)
            .and_then(|r| r.value)
    };
    let mut out = Vec::new();
    for (j, s, t, share) in tree.touchpoint_shares() {
        let mut evidence = Vec::new();
        let (mut gap_sum, mut weight_sum) = (0.0, 0.0);
        for ind in &t.indicators {
            let reference = match gap_to {
                GapTo::Target => ind.target,
                GapTo::Benchmark => ind.benchmark,
            };
            if let (Some(v), Some(r)) = (value(&ind.id), reference) {
                let gap = (ind.index_of(r) - ind.index_of(v)).max(0.0);
                gap_sum += ind.weight * gap;
                weight_sum += ind.weight;
                evidence.push(Evidence {
                    indicator: ind.id.clone(),
                    value: v,
                    reference: r,
                    gap,
                });
            }
        }
        if weight_sum == 0.0 || gap_sum == 0.0 {
            continue;
        }
        let importance = importance
            .and_then(|m| m.get(&t.id).copied())
            .unwrap_or(share);
        let gap = gap_sum / weight_sum;
        out.push(PainPoint {
            touchpoint: t.id.clone(),
            stage: s.id.clone(),
            journey: j.id.clone(),
            importance,
            gap,
            score: importance * gap,
            evidence,
        });
    }
    out.sort_by(|a, b| b.score.total_cmp(&a.score));
    out
}
