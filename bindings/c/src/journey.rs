//! Journeys over C: an indicator tree from JSON, a journey state fed with event batches as
//! parallel arrays, and evaluations read back through a result handle.

use std::ffi::c_char;

use cxkit_core::journey::{
    Alert, EvaluateOptions, IndicatorTree, JourneyState, Level, NodeResult, RejectPolicy, Window,
    WindowKind,
};
use cxkit_core::Error;

use crate::convert::{arg, copy_out, copy_text, out, slice, strings};
use crate::error::{cx_status, guard, invalid, Failure};

/// An indicator tree. Opaque: make one with cx_indicator_tree_from_json, release it with
/// cx_indicator_tree_free.
pub struct cx_indicator_tree {
    inner: IndicatorTree,
}

/// Events folded for one tree. Opaque: cx_journey_state_new / cx_journey_state_free.
pub struct cx_journey_state {
    inner: JourneyState,
}

/// An evaluated tree. Opaque: cx_journey_evaluate / cx_journey_result_free.
pub struct cx_journey_result {
    nodes: Vec<NodeResult>,
}

/// Parses and validates a tree from `len` bytes of UTF-8 JSON and writes its handle.
///
/// # Safety
/// `json` valid for `len` bytes; `out_tree` valid for a write.
#[no_mangle]
pub unsafe extern "C" fn cx_indicator_tree_from_json(
    json: *const c_char,
    len: usize,
    out_tree: *mut *mut cx_indicator_tree,
) -> cx_status {
    guard("cx_indicator_tree_from_json", || {
        // SAFETY: caller contract.
        let (bytes, result) = unsafe {
            (
                slice(json.cast::<u8>(), len, "json")?,
                out(out_tree, "out_tree")?,
            )
        };
        let text = std::str::from_utf8(bytes).map_err(|e| {
            Failure::Core(Error::InvalidTree {
                path: "JSON".into(),
                reason: format!("not UTF-8: {e}"),
            })
        })?;
        let tree = IndicatorTree::from_json(text)?;
        *result = Box::into_raw(Box::new(cx_indicator_tree { inner: tree }));
        Ok(())
    })
}

/// Writes the number of indicators of the tree.
///
/// # Safety
/// `tree` a live handle; `out_count` valid for a write.
#[no_mangle]
pub unsafe extern "C" fn cx_indicator_tree_indicator_count(
    tree: *const cx_indicator_tree,
    out_count: *mut usize,
) -> cx_status {
    guard("cx_indicator_tree_indicator_count", || {
        // SAFETY: caller contract.
        let (t, n) = unsafe { (arg(tree, "tree")?, out(out_count, "out_count")?) };
        *n = t.inner.indicator_ids().len();
        Ok(())
    })
}

/// Writes the index of the indicator with the `len`-byte id (events refer to indicators by
/// index); CX_INVALID_PARAMETER when the tree has no such indicator.
///
/// # Safety
/// `tree` a live handle; `id` valid for `len` bytes; `out_index` valid for a write.
#[no_mangle]
pub unsafe extern "C" fn cx_indicator_tree_indicator_index(
    tree: *const cx_indicator_tree,
    id: *const c_char,
    len: usize,
    out_index: *mut u32,
) -> cx_status {
    guard("cx_indicator_tree_indicator_index", || {
        // SAFETY: caller contract.
        let (t, bytes, index) = unsafe {
            (
                arg(tree, "tree")?,
                slice(id.cast::<u8>(), len, "id")?,
                out(out_index, "out_index")?,
            )
        };
        let id = String::from_utf8_lossy(bytes);
        *index = t.inner.indicator_index(&id).ok_or_else(|| {
            Failure::Core(Error::InvalidParameter {
                name: "id",
                reason: format!("the tree has no indicator {id:?}"),
            })
        })?;
        Ok(())
    })
}

/// Releases a tree. NULL is a no-op.
///
/// # Safety
/// `tree` NULL or a live handle, not used again.
#[no_mangle]
pub unsafe extern "C" fn cx_indicator_tree_free(tree: *mut cx_indicator_tree) {
    if !tree.is_null() {
        // SAFETY: made by Box::into_raw in this module and not freed before (caller contract).
        drop(unsafe { Box::from_raw(tree) });
    }
}

/// Makes an empty journey state for `tree`.
///
/// # Safety
/// `tree` a live handle; `out_state` valid for a write.
#[no_mangle]
pub unsafe extern "C" fn cx_journey_state_new(
    tree: *const cx_indicator_tree,
    out_state: *mut *mut cx_journey_state,
) -> cx_status {
    guard("cx_journey_state_new", || {
        // SAFETY: caller contract.
        let (t, result) = unsafe { (arg(tree, "tree")?, out(out_state, "out_state")?) };
        *result = Box::into_raw(Box::new(cx_journey_state {
            inner: JourneyState::new(&t.inner),
        }));
        Ok(())
    })
}

/// What to do with events that cannot be folded: CX_REJECT_ERROR or CX_REJECT_COUNT.
pub type cx_reject_policy = u32;
/// The batch fails and the state is unchanged.
pub const CX_REJECT_ERROR: cx_reject_policy = 0;
/// Bad events are skipped and counted (cx_journey_state_rejects).
pub const CX_REJECT_COUNT: cx_reject_policy = 1;

/// Folds `len` events given as parallel arrays: indicator indices, timestamps (seconds since
/// 1970-01-01 UTC), values and optional segment codes (NULL for none).
///
/// # Safety
/// `state` a live handle; the arrays valid for `len` values (`segment` may be NULL).
#[no_mangle]
pub unsafe extern "C" fn cx_journey_state_update(
    state: *mut cx_journey_state,
    indicator: *const u32,
    timestamp: *const i64,
    value: *const f64,
    segment: *const u32,
    len: usize,
    policy: cx_reject_policy,
) -> cx_status {
    guard("cx_journey_state_update", || {
        // SAFETY: caller contract.
        let (st, ind, ts, val) = unsafe {
            (
                out(state, "state")?,
                slice(indicator, len, "indicator")?,
                slice(timestamp, len, "timestamp")?,
                slice(value, len, "value")?,
            )
        };
        // SAFETY: NULL or valid for `len` values.
        let seg = (!segment.is_null()).then(|| unsafe { std::slice::from_raw_parts(segment, len) });
        let policy = match policy {
            CX_REJECT_ERROR => RejectPolicy::Error,
            CX_REJECT_COUNT => RejectPolicy::Count,
            other => return Err(invalid("policy", other, "CX_REJECT_ERROR, CX_REJECT_COUNT")),
        };
        st.inner.update(ind, ts, val, seg, policy)?;
        Ok(())
    })
}

/// Adds `other`'s events into `state` (same tree).
///
/// # Safety
/// Both live handles.
#[no_mangle]
pub unsafe extern "C" fn cx_journey_state_merge(
    state: *mut cx_journey_state,
    other: *const cx_journey_state,
) -> cx_status {
    guard("cx_journey_state_merge", || {
        if state.is_null() {
            return Err(Failure::Null("state"));
        }
        // SAFETY: caller contract; the clone ends the shared borrow before the mutable one.
        let other = unsafe { arg(other, "other") }?.inner.clone();
        // SAFETY: caller contract.
        unsafe { out(state, "state") }?.inner.merge(&other)?;
        Ok(())
    })
}

/// Adds `other` (same tree) into `state`, their segments matched by label: `labels[c]`
/// names segment code c of `state` (n_labels of them), `other_labels[c]` code c of `other`.
/// Writes into `out_codes` (NULL, or valid for n_other_labels values) the code each of
/// `other`'s labels has in `state` afterwards: a label new to `state` takes the next code
/// (n_labels, n_labels + 1, … in the order of `other_labels`), so the caller's label list
/// grows by appending them. On error nothing changes.
///
/// # Safety
/// `state` and `other` live handles (not the same); `labels` and `other_labels` valid for
/// their counts of NUL-terminated UTF-8 strings; `out_codes` NULL or valid as said.
#[no_mangle]
pub unsafe extern "C" fn cx_journey_state_merge_by_label(
    state: *mut cx_journey_state,
    labels: *const *const c_char,
    n_labels: usize,
    other: *const cx_journey_state,
    other_labels: *const *const c_char,
    n_other_labels: usize,
    out_codes: *mut u32,
) -> cx_status {
    guard("cx_journey_state_merge_by_label", || {
        if state.is_null() {
            return Err(Failure::Null("state"));
        }
        // SAFETY: caller contract.
        let (mut mine, theirs) = unsafe {
            (
                strings(labels, n_labels, "labels")?,
                strings(other_labels, n_other_labels, "other_labels")?,
            )
        };
        // SAFETY: caller contract; the clone ends the shared borrow before the mutable one.
        let other = unsafe { arg(other, "other") }?.inner.clone();
        // SAFETY: caller contract.
        let st = unsafe { out(state, "state") }?;
        let codes = st.inner.merge_by_label(&mut mine, &other, &theirs)?;
        if !out_codes.is_null() {
            for (k, code) in codes.into_iter().enumerate() {
                // SAFETY: valid for n_other_labels values (caller contract).
                unsafe { *out_codes.add(k) = code };
            }
        }
        Ok(())
    })
}

/// Writes the events folded and the rejected ones (unknown indicator, invalid value).
///
/// # Safety
/// `state` a live handle; the outputs valid for writes.
#[no_mangle]
pub unsafe extern "C" fn cx_journey_state_counts(
    state: *const cx_journey_state,
    out_events: *mut u64,
    out_unknown_indicator: *mut u64,
    out_invalid_value: *mut u64,
) -> cx_status {
    guard("cx_journey_state_counts", || {
        // SAFETY: caller contract.
        let (st, e, u, v) = unsafe {
            (
                arg(state, "state")?,
                out(out_events, "out_events")?,
                out(out_unknown_indicator, "out_unknown_indicator")?,
                out(out_invalid_value, "out_invalid_value")?,
            )
        };
        *e = st.inner.events;
        *u = st.inner.rejects.unknown_indicator;
        *v = st.inner.rejects.invalid_value;
        Ok(())
    })
}

/// The state as JSON into the caller's buffer (see cx_last_error_message for the sizing
/// protocol: CX_BUFFER_TOO_SMALL with the length needed in `*written`).
///
/// # Safety
/// `state` a live handle; `buf` NULL or valid for `capacity` bytes; `written` valid.
#[no_mangle]
pub unsafe extern "C" fn cx_journey_state_to_json(
    state: *const cx_journey_state,
    buf: *mut u8,
    capacity: usize,
    written: *mut usize,
) -> cx_status {
    guard("cx_journey_state_to_json", || {
        // SAFETY: caller contract.
        let st = unsafe { arg(state, "state") }?;
        let json = st.inner.to_json();
        // SAFETY: caller contract.
        unsafe { copy_out(json.as_bytes(), buf, capacity, written) }
    })
}

/// Releases a state. NULL is a no-op.
///
/// # Safety
/// `state` NULL or a live handle, not used again.
#[no_mangle]
pub unsafe extern "C" fn cx_journey_state_free(state: *mut cx_journey_state) {
    if !state.is_null() {
        // SAFETY: made by Box::into_raw in this module and not freed before (caller contract).
        drop(unsafe { Box::from_raw(state) });
    }
}

/// Window kinds.
pub type cx_window_kind = u32;
/// The calendar day containing `day`.
pub const CX_WINDOW_DAY: cx_window_kind = 0;
/// The Monday–Sunday week containing `day`.
pub const CX_WINDOW_WEEK: cx_window_kind = 1;
/// The calendar month containing `day`.
pub const CX_WINDOW_MONTH: cx_window_kind = 2;
/// The `days` days ending with `day`.
pub const CX_WINDOW_ROLLING: cx_window_kind = 3;

/// A time window.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_window {
    /// CX_WINDOW_DAY, CX_WINDOW_WEEK, CX_WINDOW_MONTH or CX_WINDOW_ROLLING.
    pub kind: cx_window_kind,
    /// A day in the window (days since 1970-01-01); the last day of a rolling window.
    pub day: i64,
    /// Length of a rolling window in days.
    pub days: u32,
}

/// Evaluates every node of `tree` in `window` (one segment code, or all with `segment` < 0)
/// and writes a result handle; `alpha` is the level of "worsened" alerts.
///
/// # Safety
/// `state` and `tree` live handles; `window` valid; `out_result` valid for a write.
#[no_mangle]
pub unsafe extern "C" fn cx_journey_evaluate(
    state: *const cx_journey_state,
    tree: *const cx_indicator_tree,
    window: *const cx_window,
    segment: i64,
    alpha: f64,
    out_result: *mut *mut cx_journey_result,
) -> cx_status {
    guard("cx_journey_evaluate", || {
        // SAFETY: caller contract.
        let (st, t, w, result) = unsafe {
            (
                arg(state, "state")?,
                arg(tree, "tree")?,
                arg(window, "window")?,
                out(out_result, "out_result")?,
            )
        };
        let kind = match w.kind {
            CX_WINDOW_DAY => WindowKind::Day,
            CX_WINDOW_WEEK => WindowKind::Week,
            CX_WINDOW_MONTH => WindowKind::Month,
            CX_WINDOW_ROLLING => WindowKind::Rolling,
            other => {
                return Err(invalid(
                    "window.kind",
                    other,
                    "CX_WINDOW_DAY, CX_WINDOW_WEEK, CX_WINDOW_MONTH, CX_WINDOW_ROLLING",
                ))
            }
        };
        let window = Window::new(kind, w.day, Some(w.days))?;
        let options = EvaluateOptions {
            segment: u32::try_from(segment).ok(),
            alpha,
        };
        let nodes = st.inner.evaluate(&t.inner, &window, &options)?;
        *result = Box::into_raw(Box::new(cx_journey_result { nodes }));
        Ok(())
    })
}

/// One evaluated node. Undefined numbers are NaN.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_node {
    /// 0 journey, 1 stage, 2 touchpoint, 3 indicator.
    pub level: u32,
    /// Indicator value in its units.
    pub value: f64,
    /// 0–100 index.
    pub index: f64,
    /// Events behind the node.
    pub n: u64,
    /// Target.
    pub target: f64,
    /// Benchmark.
    pub benchmark: f64,
    /// Value (indicators) or index (others) in the previous window.
    pub previous: f64,
    /// Current minus previous.
    pub change: f64,
    /// p-value of the change.
    pub p_value: f64,
    /// −1 none, 0 warning, 1 critical, 2 significantly worse.
    pub alert: i32,
}

/// Writes the number of nodes (parents before children, in tree order).
///
/// # Safety
/// `result` a live handle; `out_len` valid for a write.
#[no_mangle]
pub unsafe extern "C" fn cx_journey_result_len(
    result: *const cx_journey_result,
    out_len: *mut usize,
) -> cx_status {
    guard("cx_journey_result_len", || {
        // SAFETY: caller contract.
        let (r, n) = unsafe { (arg(result, "result")?, out(out_len, "out_len")?) };
        *n = r.nodes.len();
        Ok(())
    })
}

/// Writes node `i` and, when `id_buf` is not NULL, its id (NUL-terminated; the length
/// without the NUL into `*id_written`, CX_BUFFER_TOO_SMALL when it does not fit).
///
/// # Safety
/// `result` a live handle; `out_node` valid; `id_buf` NULL or valid for `id_capacity` bytes;
/// `id_written` valid when `id_buf` is given.
#[no_mangle]
pub unsafe extern "C" fn cx_journey_result_node(
    result: *const cx_journey_result,
    i: usize,
    out_node: *mut cx_node,
    id_buf: *mut c_char,
    id_capacity: usize,
    id_written: *mut usize,
) -> cx_status {
    guard("cx_journey_result_node", || {
        // SAFETY: caller contract.
        let (r, node) = unsafe { (arg(result, "result")?, out(out_node, "out_node")?) };
        let n = r.nodes.get(i).ok_or_else(|| {
            Failure::Core(Error::InvalidParameter {
                name: "i",
                reason: format!("node {i} of {}", r.nodes.len()),
            })
        })?;
        let nan = f64::NAN;
        if !id_buf.is_null() {
            // SAFETY: caller contract.
            unsafe { copy_text(&n.id, id_buf, id_capacity, id_written) }?;
        }
        *node = cx_node {
            level: match n.level {
                Level::Journey => 0,
                Level::Stage => 1,
                Level::Touchpoint => 2,
                Level::Indicator => 3,
            },
            value: n.value.unwrap_or(nan),
            index: n.index.unwrap_or(nan),
            n: n.n,
            target: n.target.unwrap_or(nan),
            benchmark: n.benchmark.unwrap_or(nan),
            previous: n.previous.unwrap_or(nan),
            change: n.change.unwrap_or(nan),
            p_value: n.p_value.unwrap_or(nan),
            alert: match n.alert {
                None => -1,
                Some(Alert::Warning) => 0,
                Some(Alert::Critical) => 1,
                Some(Alert::Worsened) => 2,
            },
        };
        Ok(())
    })
}

/// Releases an evaluation. NULL is a no-op.
///
/// # Safety
/// `result` NULL or a live handle, not used again.
#[no_mangle]
pub unsafe extern "C" fn cx_journey_result_free(result: *mut cx_journey_result) {
    if !result.is_null() {
        // SAFETY: made by Box::into_raw in this module and not freed before (caller contract).
        drop(unsafe { Box::from_raw(result) });
    }
}
