//! Events folded into mergeable per-(indicator, segment, day) cells.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::tree::{IndicatorKind, IndicatorTree};
use crate::bytes::{corrupt, from_json_bytes, json_bytes};
use crate::error::check_lengths;
use crate::{Error, Result};

/// One measurement at a touchpoint.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Index of the indicator ([`IndicatorTree::indicator_index`]).
    pub indicator: u32,
    /// Seconds since 1970-01-01 UTC; events may arrive in any order.
    pub timestamp: i64,
    /// The measurement (ignored by count indicators).
    pub value: f64,
    /// Segment code, if any.
    pub segment: Option<u32>,
}

/// What to do with an event that cannot be folded (unknown indicator, value impossible for
/// the indicator's kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectPolicy {
    /// The whole batch fails with an error naming the first bad event; the state is unchanged.
    #[default]
    Error,
    /// Bad events are skipped and counted in [`Rejects`].
    Count,
}

crate::names::named!(RejectPolicy, "on_reject", [Error => "error", Count => "count"]);

/// Batches longer than this are folded in parallel chunks of this many events.
const FOLD_CHUNK: usize = 1 << 20;

/// Ids given as codes into a table of labels: event i names `labels[codes[i]]` (a code past
/// the labels is a missing id). See [`JourneyState::update_coded`].
#[derive(Debug, Clone, Copy)]
pub struct Coded<'a, S> {
    /// One code per event.
    pub codes: &'a [u32],
    /// The labels the codes point into.
    pub labels: &'a [S],
}

/// Events skipped under [`RejectPolicy::Count`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Rejects {
    /// Events naming a touchpoint the tree does not have, or an indicator that is not
    /// under the touchpoint named ([`JourneyState::update_ids`]).
    #[serde(default)]
    pub unknown_touchpoint: u64,
    /// Events for an indicator index the tree does not have.
    pub unknown_indicator: u64,
    /// Events whose value is not finite or impossible for the kind (NPS outside 0–10 or
    /// fractional, rate other than 0/1).
    pub invalid_value: u64,
}

/// Folded events of one indicator, segment and day.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub(crate) struct Cell {
    pub n: u64,
    pub sum: f64,
    pub sum_sq: f64,
    pub hits: u64,
    pub promoters: u64,
    pub detractors: u64,
    /// Values of percentile indicators (kept for exact percentiles).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<f64>,
}

impl Cell {
    #[inline]
    fn add(&mut self, kind: IndicatorKind, v: f64) {
        self.n += 1;
        match kind {
            IndicatorKind::Mean => {
                self.sum += v;
                self.sum_sq += v * v;
            }
            IndicatorKind::TopBox { threshold } => self.hits += u64::from(v >= threshold),
            IndicatorKind::Rate => self.hits += u64::from(v == 1.0),
            IndicatorKind::Nps => {
                self.promoters += u64::from(v >= 9.0);
                self.detractors += u64::from(v <= 6.0);
            }
            IndicatorKind::Percentile { .. } => self.values.push(v),
            IndicatorKind::Count => {}
        }
    }

    pub(crate) fn merge(&mut self, o: &Cell) {
        self.n += o.n;
        self.sum += o.sum;
        self.sum_sq += o.sum_sq;
        self.hits += o.hits;
        self.promoters += o.promoters;
        self.detractors += o.detractors;
        self.values.extend_from_slice(&o.values);
    }
}

/// A multiply–rotate hasher for the small integer keys of the state.
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_u32(&mut self, x: u32) {
        self.write_u64(u64::from(x));
    }
    fn write_i64(&mut self, x: i64) {
        self.write_u64(x as u64);
    }
}

/// (indicator, segment or `u32::MAX`, day).
pub(crate) type Key = (u32, u32, i64);

/// Events folded per indicator, segment and day: update with batches, merge partitions,
/// evaluate any window. Mergeable: folding A then B equals folding A and B separately and
/// merging.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JourneyState {
    kinds: Vec<IndicatorKind>,
    #[serde(with = "cells")]
    pub(crate) cells: HashMap<Key, Cell, BuildHasherDefault<KeyHasher>>,
    /// Events skipped under [`RejectPolicy::Count`].
    pub rejects: Rejects,
    /// Events folded.
    pub events: u64,
}

/// (De)serializes the cell map as a list of (key, cell) pairs.
mod cells {
    use super::*;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        m: &HashMap<Key, Cell, BuildHasherDefault<KeyHasher>>,
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        let mut v: Vec<(&Key, &Cell)> = m.iter().collect();
        v.sort_by_key(|(k, _)| **k);
        s.collect_seq(v)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<HashMap<Key, Cell, BuildHasherDefault<KeyHasher>>, D::Error> {
        let v: Vec<(Key, Cell)> = Vec::deserialize(d)?;
        Ok(v.into_iter().collect())
    }
}

const SECONDS_PER_DAY: i64 = 86_400;

/// Kind byte of a journey state's bytes.
const BYTES_TAG: u8 = 7;

/// Why a value cannot be folded into an indicator of this kind.
fn invalid(kind: IndicatorKind, v: f64) -> Option<&'static str> {
    match kind {
        IndicatorKind::Count => None,
        _ if !v.is_finite() => Some("is not finite"),
        IndicatorKind::Nps if !(0.0..=10.0).contains(&v) || v.fract() != 0.0 => {
            Some("is not an NPS answer from 0 to 10")
        }
        IndicatorKind::Rate if v != 0.0 && v != 1.0 => Some("is not 0 or 1 (a rate event)"),
        _ => None,
    }
}

impl JourneyState {
    /// An empty state for the indicators of `tree`.
    pub fn new(tree: &IndicatorTree) -> JourneyState {
        JourneyState {
            kinds: tree.places().map(|p| tree.indicator(p).kind).collect(),
            cells: HashMap::default(),
            rejects: Rejects::default(),
            events: 0,
        }
    }

    /// Folds events given as parallel arrays (`segment` optional, `u32::MAX` meaning none).
    ///
    /// ```
    /// use cxkit::journey::{IndicatorTree, JourneyState, RejectPolicy};
    ///
    /// let tree = IndicatorTree::from_json(r#"{"journeys": [{"id": "j", "stages": [{"id": "s",
    ///     "touchpoints": [{"id": "app", "indicators": [{"id": "ok", "kind": {"type": "rate"}}]}]}]}]}"#)?;
    /// let mut state = JourneyState::new(&tree);
    /// state.update(&[0, 0, 7], &[0, 90_000, 0], &[1.0, 0.0, 1.0], None, RejectPolicy::Count)?;
    /// assert_eq!((state.events, state.rejects.unknown_indicator), (2, 1));
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn update(
        &mut self,
        indicator: &[u32],
        timestamp: &[i64],
        value: &[f64],
        segment: Option<&[u32]>,
        policy: RejectPolicy,
    ) -> Result<()> {
        let n = indicator.len();
        check_lengths(
            n,
            &[
                ("event timestamps", timestamp.len()),
                ("event values", value.len()),
                ("event segments", segment.map_or(n, <[u32]>::len)),
            ],
        )?;
        if policy == RejectPolicy::Error {
            // Check the whole batch first, so a failed batch leaves the state as it was.
            let first_bad = (0..n)
                .into_par_iter()
                .with_min_len(1 << 16)
                .find_map_first(|i| match self.kinds.get(indicator[i] as usize) {
                    None => Some(format!(
                        "event {i} refers to indicator {}, but the tree has {}",
                        indicator[i],
                        self.kinds.len()
                    )),
                    Some(&kind) => invalid(kind, value[i])
                        .map(|why| format!("event {i}: value {} {why}", value[i])),
                });
            if let Some(reason) = first_bad {
                return Err(Error::InvalidParameter {
                    name: "events",
                    reason,
                });
            }
        }
        if n <= FOLD_CHUNK {
            self.fold(indicator, timestamp, value, segment);
            return Ok(());
        }
        // Large batches: fixed chunks folded in parallel, merged in order (the same result on
        // any number of threads).
        let parts: Vec<JourneyState> = indicator
            .par_chunks(FOLD_CHUNK)
            .enumerate()
            .map(|(k, chunk)| {
                let r = k * FOLD_CHUNK..k * FOLD_CHUNK + chunk.len();
                let mut part = self.empty_like();
                part.fold(
                    chunk,
                    &timestamp[r.clone()],
                    &value[r.clone()],
                    segment.map(|s| &s[r]),
                );
                part
            })
            .collect();
        for part in &parts {
            self.add(part);
        }
        Ok(())
    }

    /// A state with no events for the same tree.
    fn empty_like(&self) -> JourneyState {
        JourneyState {
            kinds: self.kinds.clone(),
            cells: HashMap::default(),
            rejects: Rejects::default(),
            events: 0,
        }
    }

    /// Folds checked columns of equal length, counting rejects.
    fn fold(
        &mut self,
        indicator: &[u32],
        timestamp: &[i64],
        value: &[f64],
        segment: Option<&[u32]>,
    ) {
        // Consecutive events often share a cell: remember the last one.
        let mut last: Option<(Key, Cell)> = None;
        for i in 0..indicator.len() {
            let Some(&kind) = self.kinds.get(indicator[i] as usize) else {
                self.rejects.unknown_indicator += 1;
                continue;
            };
            let v = value[i];
            if invalid(kind, v).is_some() {
                self.rejects.invalid_value += 1;
                continue;
            }
            let key = (
                indicator[i],
                segment.map_or(u32::MAX, |s| s[i]),
                timestamp[i].div_euclid(SECONDS_PER_DAY),
            );
            match &mut last {
                Some((k, cell)) if *k == key => cell.add(kind, v),
                _ => {
                    if let Some((k, cell)) = last.take() {
                        self.cells.entry(k).or_default().merge(&cell);
                    }
                    let mut cell = Cell::default();
                    cell.add(kind, v);
                    last = Some((key, cell));
                }
            }
            self.events += 1;
        }
        if let Some((k, cell)) = last {
            self.cells.entry(k).or_default().merge(&cell);
        }
    }

    /// Folds events that name their indicator (and optionally their touchpoint) by id, as
    /// they arrive from operational systems. An event whose touchpoint is not in the tree,
    /// or whose indicator does not belong to the touchpoint named, is an unknown-touchpoint
    /// reject; an unknown indicator id, an unknown-indicator reject.
    ///
    /// ```
    /// use cxkit::journey::{IndicatorTree, JourneyState, RejectPolicy};
    ///
    /// let tree = IndicatorTree::from_json(r#"{"journeys": [{"id": "j", "stages": [{"id": "s",
    ///     "touchpoints": [{"id": "app", "indicators": [{"id": "ok", "kind": {"type": "rate"}}]}]}]}]}"#)?;
    /// let mut st = JourneyState::new(&tree);
    /// st.update_ids(&tree, Some(&["app", "atm", "app"]), &["ok", "ok", "nope"], &[0; 3],
    ///               &[1.0; 3], None, RejectPolicy::Count)?;
    /// assert_eq!((st.events, st.rejects.unknown_touchpoint, st.rejects.unknown_indicator), (1, 1, 1));
    /// assert!(st.update_ids(&tree, Some(&["atm"]), &["ok"], &[0], &[1.0], None,
    ///                       RejectPolicy::Error).is_err());
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    #[allow(clippy::too_many_arguments)]
    pub fn update_ids<S: AsRef<str>>(
        &mut self,
        tree: &IndicatorTree,
        touchpoint: Option<&[S]>,
        indicator: &[S],
        timestamp: &[i64],
        value: &[f64],
        segment: Option<&[u32]>,
        policy: RejectPolicy,
    ) -> Result<()> {
        if let Some(t) = touchpoint {
            check_lengths(indicator.len(), &[("event touchpoints", t.len())])?;
        }
        // Each event its own label: codes 0, 1, 2, …
        let codes: Vec<u32> = (0..indicator.len() as u32).collect();
        let coded = |labels| Coded {
            codes: &codes,
            labels,
        };
        self.update_coded(
            tree,
            touchpoint.map(coded),
            coded(indicator),
            timestamp,
            value,
            segment,
            policy,
        )
    }

    /// [`JourneyState::update_ids`] for ids given as codes into a table of labels (a pandas
    /// Categorical, a dictionary-encoded Arrow column): each label is looked up in the tree
    /// once, not once per event. A code past the labels (such as `u32::MAX`) is a missing id.
    ///
    /// ```
    /// use cxkit::journey::{Coded, IndicatorTree, JourneyState, RejectPolicy};
    ///
    /// let tree = IndicatorTree::from_json(r#"{"journeys": [{"id": "j", "stages": [{"id": "s",
    ///     "touchpoints": [{"id": "app", "indicators": [{"id": "ok", "kind": {"type": "rate"}}]}]}]}]}"#)?;
    /// let mut st = JourneyState::new(&tree);
    /// let indicator = Coded { codes: &[0, 0, 1, 0], labels: &["ok", "nope"] };
    /// st.update_coded(&tree, None, indicator, &[0; 4], &[1.0, 0.0, 1.0, 1.0], None,
    ///                 RejectPolicy::Count)?;
    /// assert_eq!((st.events, st.rejects.unknown_indicator), (3, 1));
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    #[allow(clippy::too_many_arguments)]
    pub fn update_coded<S: AsRef<str>>(
        &mut self,
        tree: &IndicatorTree,
        touchpoint: Option<Coded<'_, S>>,
        indicator: Coded<'_, S>,
        timestamp: &[i64],
        value: &[f64],
        segment: Option<&[u32]>,
        policy: RejectPolicy,
    ) -> Result<()> {
        let n = indicator.codes.len();
        check_lengths(
            n,
            &[
                (
                    "event touchpoints",
                    touchpoint.as_ref().map_or(n, |t| t.codes.len()),
                ),
                ("event timestamps", timestamp.len()),
                ("event values", value.len()),
                ("event segments", segment.map_or(n, <[u32]>::len)),
            ],
        )?;
        let mut by_id: HashMap<&str, (u32, &str)> = HashMap::new();
        for (k, p) in tree.places().enumerate() {
            let tp = &tree.journeys[p.journey].stages[p.stage].touchpoints[p.touchpoint];
            by_id.insert(tree.indicator(p).id.as_str(), (k as u32, tp.id.as_str()));
        }
        // Each label once: its indicator and home touchpoint.
        let found: Vec<Option<(u32, &str)>> = indicator
            .labels
            .iter()
            .map(|l| by_id.get(l.as_ref()).copied())
            .collect();
        let label = |c: &Coded<'_, S>, i: usize| -> String {
            c.labels
                .get(c.codes[i] as usize)
                .map_or_else(|| "(missing)".to_string(), |l| format!("{:?}", l.as_ref()))
        };
        // Tree index per event; events at the wrong touchpoint are marked, and left out below.
        const WRONG_TOUCHPOINT: u32 = u32::MAX - 1;
        let mut codes = Vec::with_capacity(n);
        let mut unknown_touchpoint = 0;
        for i in 0..n {
            let f = found.get(indicator.codes[i] as usize).copied().flatten();
            if f.is_none() && policy == RejectPolicy::Error {
                return Err(Error::InvalidParameter {
                    name: "events",
                    reason: format!(
                        "event {i}: the tree has no indicator {}",
                        label(&indicator, i)
                    ),
                });
            }
            if let (Some(t), Some((_, home))) = (&touchpoint, f) {
                let named = t.labels.get(t.codes[i] as usize).map(AsRef::as_ref);
                if named != Some(home) {
                    if policy == RejectPolicy::Error {
                        return Err(Error::InvalidParameter {
                            name: "events",
                            reason: format!(
                                "event {i}: indicator {} is not measured at touchpoint {}",
                                label(&indicator, i),
                                label(t, i)
                            ),
                        });
                    }
                    unknown_touchpoint += 1;
                    codes.push(WRONG_TOUCHPOINT);
                    continue;
                }
            }
            codes.push(f.map_or(u32::MAX, |f| f.0));
        }
        if unknown_touchpoint == 0 {
            // Nothing left out: the caller's columns as they are.
            self.update(&codes, timestamp, value, segment, policy)?;
        } else {
            let keep: Vec<usize> = (0..n).filter(|&i| codes[i] != WRONG_TOUCHPOINT).collect();
            let pick = |i: &usize| codes[*i];
            let ind: Vec<u32> = keep.iter().map(pick).collect();
            let ts: Vec<i64> = keep.iter().map(|&i| timestamp[i]).collect();
            let val: Vec<f64> = keep.iter().map(|&i| value[i]).collect();
            let seg: Option<Vec<u32>> = segment.map(|s| keep.iter().map(|&i| s[i]).collect());
            self.update(&ind, &ts, &val, seg.as_deref(), policy)?;
        }
        self.rejects.unknown_touchpoint += unknown_touchpoint;
        Ok(())
    }

    /// Folds a slice of [`Event`]s.
    pub fn update_events(&mut self, events: &[Event], policy: RejectPolicy) -> Result<()> {
        let ind: Vec<u32> = events.iter().map(|e| e.indicator).collect();
        let ts: Vec<i64> = events.iter().map(|e| e.timestamp).collect();
        let val: Vec<f64> = events.iter().map(|e| e.value).collect();
        let seg: Vec<u32> = events
            .iter()
            .map(|e| e.segment.unwrap_or(u32::MAX))
            .collect();
        self.update(&ind, &ts, &val, Some(&seg), policy)
    }

    /// Adds another state of the same tree.
    pub fn merge(&mut self, other: &JourneyState) -> Result<()> {
        if self.kinds != other.kinds {
            return Err(Error::Incompatible {
                reason: "the journey states were made for different indicator trees".into(),
            });
        }
        // Every cell count is at most the events folded (checked on reading), so none
        // overflows when the event counts do not.
        let (r, o) = (&self.rejects, &other.rejects);
        if [
            (self.events, other.events),
            (r.unknown_indicator, o.unknown_indicator),
            (r.unknown_touchpoint, o.unknown_touchpoint),
            (r.invalid_value, o.invalid_value),
        ]
        .iter()
        .any(|(a, b)| a.checked_add(*b).is_none())
        {
            return Err(Error::Incompatible {
                reason: "the merged journey states would count more than 2^64 events".into(),
            });
        }
        self.add(other);
        Ok(())
    }

    /// Adds the cells, rejects and events of a state of the same tree.
    fn add(&mut self, other: &JourneyState) {
        for (k, c) in &other.cells {
            self.cells.entry(*k).or_default().merge(c);
        }
        self.rejects.unknown_indicator += other.rejects.unknown_indicator;
        self.rejects.unknown_touchpoint += other.rejects.unknown_touchpoint;
        self.rejects.invalid_value += other.rejects.invalid_value;
        self.events += other.events;
    }

    /// Adds `other` of the same tree, matching segments by label: this state's segment code
    /// `c` is `labels[c]`, `other`'s is `other_labels[c]`; a label new to this state gets the
    /// next code and is appended to `labels`. Returns the code each of `other_labels` has in
    /// this state now. On error neither changes.
    ///
    /// # Errors
    /// As [`merge`](Self::merge), and [`Error::InvalidParameter`] when `other` has a segment
    /// code without a label or a list repeats a label.
    ///
    /// ```
    /// use cxkit::journey::{IndicatorTree, JourneyState, RejectPolicy};
    ///
    /// let tree = IndicatorTree::from_json(r#"{"journeys": [{"id": "j", "stages": [{"id": "s",
    ///     "touchpoints": [{"id": "app", "indicators": [{"id": "ok", "kind": {"type": "rate"}}]}]}]}]}"#)?;
    /// let (mut a, mut b) = (JourneyState::new(&tree), JourneyState::new(&tree));
    /// a.update(&[0], &[0], &[1.0], Some(&[0]), RejectPolicy::Error)?; // code 0 = "mass"
    /// b.update(&[0], &[0], &[0.0], Some(&[0]), RejectPolicy::Error)?; // code 0 = "private"
    /// let mut labels = vec!["mass".to_string()];
    /// let codes = a.merge_by_label(&mut labels, &b, &["private".to_string()])?;
    /// assert_eq!(codes, [1]);
    /// assert_eq!(labels, ["mass", "private"]);
    /// assert_eq!(a.segments(), [0, 1]);
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn merge_by_label(
        &mut self,
        labels: &mut Vec<String>,
        other: &JourneyState,
        other_labels: &[String],
    ) -> Result<Vec<u32>> {
        let duplicate = |l: &[String]| crate::labels::check_unique("segment labels", l);
        duplicate(labels)?;
        duplicate(other_labels)?;
        if let Some(s) = other
            .segments()
            .into_iter()
            .find(|&s| s as usize >= other_labels.len())
        {
            return Err(Error::InvalidParameter {
                name: "other_labels",
                reason: format!(
                    "segment code {s} has no label ({} labels given)",
                    other_labels.len()
                ),
            });
        }
        let mut names: crate::labels::Interner<String> = crate::labels::Interner::new();
        for l in labels.iter().chain(other_labels) {
            names.code(l.as_str())?;
        }
        let codes: Vec<u32> = other_labels
            .iter()
            .map(|l| names.get(l.as_str()).expect("interned above"))
            .collect();
        self.merge(&other.map_segments(|s| codes[s as usize]))?;
        *labels = names.into_labels();
        Ok(codes)
    }

    /// The same state with every segment code `s` replaced by `map(s)` (to align the codes
    /// of states built with different segment dictionaries before merging). Cells that land
    /// on the same key are merged.
    pub fn map_segments(&self, map: impl Fn(u32) -> u32) -> JourneyState {
        let mut out = JourneyState {
            cells: HashMap::default(),
            ..self.clone()
        };
        for (&(i, s, d), c) in &self.cells {
            let s = if s == u32::MAX { s } else { map(s) };
            out.cells.entry((i, s, d)).or_default().merge(c);
        }
        out
    }

    /// Segment codes with events, in increasing order.
    pub fn segments(&self) -> Vec<u32> {
        let mut s: Vec<u32> = self
            .cells
            .keys()
            .map(|k| k.1)
            .filter(|&s| s != u32::MAX)
            .collect();
        s.sort_unstable();
        s.dedup();
        s
    }

    /// The last day with events (None when empty).
    pub fn last_day(&self) -> Option<i64> {
        self.cells.keys().map(|k| k.2).max()
    }

    /// The state as JSON (for storage and transport; [`JourneyState::from_json`] reads it).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a state serializes")
    }

    /// A state from [`JourneyState::to_json`]; [`Error::CorruptBytes`] for anything else,
    /// including states no events could have made (see [`JourneyState::from_bytes`]).
    pub fn from_json(text: &str) -> Result<JourneyState> {
        let state: JourneyState = serde_json::from_str(text).map_err(|e| corrupt(e.to_string()))?;
        state.check()?;
        Ok(state)
    }

    /// The state with the labels of its segment codes (`labels[code]`; empty when the codes
    /// are the caller's own) as versioned bytes: `b"CXKA"`, the format version, kind 7 and
    /// the JSON of both.
    ///
    /// ```
    /// use cxkit::journey::{IndicatorTree, JourneyState, RejectPolicy};
    ///
    /// let tree = IndicatorTree::from_json(r#"{"journeys": [{"id": "open", "stages": [
    ///     {"id": "apply", "touchpoints": [{"id": "form",
    ///         "indicators": [{"id": "csat", "kind": {"type": "mean"}, "scale": [1, 5]}]}]}]}]}"#)?;
    /// let mut state = JourneyState::new(&tree);
    /// state.update(&[0], &[86_400 * 3], &[4.0], Some(&[0]), RejectPolicy::Error)?;
    /// let bytes = state.to_bytes(&["retail".to_string()]);
    /// let (back, labels) = JourneyState::from_bytes(&bytes)?;
    /// assert_eq!((back, labels), (state, vec!["retail".to_string()]));
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn to_bytes(&self, labels: &[String]) -> Vec<u8> {
        json_bytes(BYTES_TAG, &(self, labels))
    }

    /// Reads bytes from [`JourneyState::to_bytes`]: the state and its segment labels.
    /// [`Error::CorruptBytes`] on anything else, including cells for indicators the state
    /// does not have, counts that do not add up, values that are not finite, days outside
    /// what timestamps give, and segment codes without a label when labels are given.
    pub fn from_bytes(bytes: &[u8]) -> Result<(JourneyState, Vec<String>)> {
        let (state, labels): (JourneyState, Vec<String>) =
            from_json_bytes(bytes, BYTES_TAG, "journey state")?;
        state.check()?;
        if !labels.is_empty() {
            if let Some(s) = state
                .segments()
                .into_iter()
                .find(|&s| s as usize >= labels.len())
            {
                return Err(corrupt(format!(
                    "segment code {s} without a label ({} labels)",
                    labels.len()
                )));
            }
        }
        Ok((state, labels))
    }

    /// Errors unless events could have made this state.
    fn check(&self) -> Result<()> {
        let max_day = i64::MAX / SECONDS_PER_DAY;
        let folded = self
            .cells
            .values()
            .try_fold(0u64, |t, c| t.checked_add(c.n));
        if folded.is_none_or(|t| t > self.events) {
            return Err(corrupt(format!(
                "the cells hold more than the {} events folded",
                self.events
            )));
        }
        for kind in &self.kinds {
            kind.check().map_err(corrupt)?;
        }
        for (&(i, _, day), c) in &self.cells {
            let Some(kind) = self.kinds.get(i as usize) else {
                return Err(corrupt(format!(
                    "a cell for indicator {i} of {}",
                    self.kinds.len()
                )));
            };
            let counts_fit = c.hits <= c.n
                && c.promoters
                    .checked_add(c.detractors)
                    .is_some_and(|t| t <= c.n)
                && (!matches!(kind, IndicatorKind::Percentile { .. })
                    || c.values.len() as u64 == c.n);
            let finite = c.sum.is_finite()
                && c.sum_sq.is_finite()
                && c.sum_sq >= 0.0
                && c.values.iter().all(|v| v.is_finite());
            if !(counts_fit && finite && c.n > 0 && (-max_day..=max_day).contains(&day)) {
                return Err(corrupt(format!(
                    "cell (indicator {i}, day {day}) holds n = {}, hits = {}, promoters = {}, \
                     detractors = {}, {} values, sums {} and {}",
                    c.n,
                    c.hits,
                    c.promoters,
                    c.detractors,
                    c.values.len(),
                    c.sum,
                    c.sum_sq
                )));
            }
        }
        Ok(())
    }

    pub(crate) fn kinds(&self) -> &[IndicatorKind] {
        &self.kinds
    }
}
