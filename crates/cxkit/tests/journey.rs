//! Journey indicators: windows, roll-ups, percentiles, changes and alerts computed by hand,
//! and the merge property of the state.

use cxkit::clv::Period;
use cxkit::journey::{
    pain_points, Alert, EvaluateOptions, GapTo, IndicatorTree, JourneyState, Level, RejectPolicy,
    Window,
};
use cxkit::Error;
use proptest::prelude::*;

const TREE: &str = r#"{"journeys": [{"id": "digital", "stages": [
  {"id": "onboard", "weight": 2, "touchpoints": [
    {"id": "signup", "indicators": [
      {"id": "signup_csat", "kind": {"type": "mean"}, "scale": [1, 5], "target": 4.5},
      {"id": "signup_ok", "kind": {"type": "rate"}, "target": 0.9,
       "alert": {"warning": 0.8, "critical": 0.6}}
    ]}]},
  {"id": "use", "weight": 1, "touchpoints": [
    {"id": "app", "indicators": [
      {"id": "login_p90", "kind": {"type": "percentile", "p": 90}, "direction": "lower",
       "scale": [20, 0], "target": 5}
    ]}]}
]}]}"#;

fn day(d: i64) -> i64 {
    d * 86_400 + 3_600
}

#[test]
fn week_window_roll_up_and_percentile_by_hand() {
    let tree = IndicatorTree::from_json(TREE).unwrap();
    let mut st = JourneyState::new(&tree);
    // Week 1 is days 4..=10 (1970-01-05 Monday to 01-11 Sunday); week 0 is days −3..=3.
    // signup_csat (index 0): week 1 ratings 5, 4, 3, 4 → mean 4, index 100·(4−1)/4 = 75.
    // signup_ok (1): week 1 8 of 10 → 0.8, index 80; week 0 4 of 10 → 0.4.
    // login_p90 (2): week 1 seconds 1..=10 → type-7 p90 = 9 + 0.1·(10 − 9) = 9.1,
    //   index 100·(9.1 − 20)/(0 − 20) = 54.5.
    let mut ind = vec![0, 0, 0, 0];
    let mut ts = vec![day(4), day(5), day(10), day(10)];
    let mut val = vec![5.0, 4.0, 3.0, 4.0];
    for k in 0..10 {
        ind.push(1);
        ts.push(day(6));
        val.push(if k < 8 { 1.0 } else { 0.0 });
        ind.push(1);
        ts.push(day(2));
        val.push(if k < 4 { 1.0 } else { 0.0 });
        ind.push(2);
        ts.push(day(9) - 7_200); // still day 9 of week 1
        val.push(f64::from(k + 1));
    }
    st.update(&ind, &ts, &val, None, RejectPolicy::Error)
        .unwrap();
    let w = Window::Calendar {
        period: Period::Week,
        day: 7,
    };
    let r = st.evaluate(&tree, &w, &EvaluateOptions::default()).unwrap();
    let get = |id: &str| r.iter().find(|n| n.id == id).unwrap();
    assert_eq!(get("signup_csat").value, Some(4.0));
    assert_eq!(get("signup_csat").index, Some(75.0));
    assert_eq!(get("signup_ok").value, Some(0.8));
    assert!((get("login_p90").value.unwrap() - 9.1).abs() < 1e-12);
    assert!((get("login_p90").index.unwrap() - 54.5).abs() < 1e-12);
    // signup = (75 + 80)/2 = 77.5; onboard = signup; use = app = 54.5;
    // digital = (2·77.5 + 1·54.5)/3 = 69.8333…
    assert!((get("signup").index.unwrap() - 77.5).abs() < 1e-12);
    assert!((get("digital").index.unwrap() - 209.5 / 3.0).abs() < 1e-12);
    assert_eq!(get("digital").n, 24);
    assert_eq!(r[0].level, Level::Journey);
    // Change of signup_ok: 0.8 vs 0.4. Pooled p = 12/20 = .6, se = √(.6·.4·(1/10 + 1/10))
    // = .219089, z = .4/.219089 = 1.825742, p = 2(1 − Φ(1.825742)) = 0.067889.
    let ok = get("signup_ok");
    assert!((ok.change.unwrap() - 0.4).abs() < 1e-12);
    assert!(
        (ok.p_value.unwrap() - 0.067889).abs() < 5e-6,
        "{:?}",
        ok.p_value
    );
    // 0.8 sits on the warning level (inclusive) → warning.
    assert_eq!(ok.alert, Some(Alert::Warning));
    // Percentiles have no test; the csat has no events in week 0.
    assert_eq!(get("login_p90").p_value, None);
    assert_eq!(get("signup_csat").previous, None);
    // Week 0 alone: only signup_ok has events (0.4 ≤ 0.6 → critical).
    let w0 = st
        .evaluate(&tree, &w.previous(), &EvaluateOptions::default())
        .unwrap();
    let ok0 = w0.iter().find(|n| n.id == "signup_ok").unwrap();
    assert_eq!(ok0.alert, Some(Alert::Critical));
    assert_eq!(w0[0].index, Some(40.0)); // the journey: only one indicator with data
                                         // Rolling window of 3 days ending day 6: days 4, 5, 6 → csat 5, 4 → 4.5.
    let rolling = st
        .evaluate(
            &tree,
            &Window::Rolling { days: 3, end: 6 },
            &EvaluateOptions::default(),
        )
        .unwrap();
    assert_eq!(
        rolling
            .iter()
            .find(|n| n.id == "signup_csat")
            .unwrap()
            .value,
        Some(4.5)
    );
    // Pain points against targets: signup gap = mean(100·3.5/4 − 75, 90 − 80) =
    // mean(12.5, 10) = 11.25, importance 2/3 → 7.5; app: target 5 s → index 75, gap
    // 75 − 54.5 = 20.5, importance 1/3 → 6.8333.
    let p = pain_points(&tree, &r, GapTo::Target, None);
    assert_eq!(
        p.iter().map(|p| p.touchpoint.as_str()).collect::<Vec<_>>(),
        vec!["signup", "app"]
    );
    assert!((p[0].score - 7.5).abs() < 1e-9 && (p[1].score - 20.5 / 3.0).abs() < 1e-9);
}

#[test]
fn segments_rejects_and_round_trip() {
    let tree = IndicatorTree::from_json(TREE).unwrap();
    let mut st = JourneyState::new(&tree);
    st.update(
        &[1, 1, 1],
        &[0, 0, 0],
        &[1.0, 0.0, 0.0],
        Some(&[7, 7, 9]),
        RejectPolicy::Error,
    )
    .unwrap();
    let w = Window::Calendar {
        period: Period::Day,
        day: 0,
    };
    let seg7 = EvaluateOptions {
        segment: Some(7),
        ..EvaluateOptions::default()
    };
    let r = st.evaluate(&tree, &w, &seg7).unwrap();
    assert_eq!(
        r.iter().find(|n| n.id == "signup_ok").unwrap().value,
        Some(0.5)
    );
    // A bad batch under Error leaves the state untouched; under Count it is tallied.
    let before = st.clone();
    let err = st.update(&[1, 5], &[0, 0], &[1.0, 1.0], None, RejectPolicy::Error);
    assert!(matches!(err, Err(Error::InvalidParameter { .. })));
    assert_eq!(st, before);
    assert!(st
        .update(&[1], &[0], &[0.5], None, RejectPolicy::Error)
        .is_err()); // a rate takes 0 or 1
    st.update(
        &[1, 5, 0],
        &[0, 0, 0],
        &[1.0, 1.0, f64::NAN],
        None,
        RejectPolicy::Count,
    )
    .unwrap();
    assert_eq!(
        (
            st.rejects.unknown_indicator,
            st.rejects.invalid_value,
            st.events
        ),
        (1, 1, 4)
    );
    let back = JourneyState::from_json(&st.to_json()).unwrap();
    assert_eq!(back, st);
    assert!(JourneyState::from_json("{").is_err());
    // Bytes carry the segment labels; states no events could make are refused.
    let labels: Vec<String> = (0..10).map(|s| format!("seg{s}")).collect();
    let (again, got) = JourneyState::from_bytes(&st.to_bytes(&labels)).unwrap();
    assert_eq!((&again, &got), (&st, &labels));
    let json = st.to_json();
    for (from, to) in [
        ("\"hits\":1", "\"hits\":99"),         // more hits than events
        ("[[1,", "[[7,"),                      // an indicator the tree does not have
        ("\"sum_sq\":0.0", "\"sum_sq\":-1.0"), // a negative sum of squares
    ] {
        assert!(json.contains(from), "{from} in {json}");
        let bad = json.replacen(from, to, 1);
        assert!(
            matches!(
                JourneyState::from_json(&bad),
                Err(Error::CorruptBytes { .. })
            ),
            "{bad}"
        );
    }
    assert!(matches!(
        JourneyState::from_bytes(&st.to_bytes(&labels[..8])),
        Err(Error::CorruptBytes { .. }) // segment 9 has no label
    ));
    assert!(JourneyState::from_bytes(&st.to_bytes(&labels)[..20]).is_err());
    let other = IndicatorTree::from_json(&TREE.replace(
        "{\"type\": \"rate\"}",
        "{\"type\": \"count\"}, \"scale\": [0, 9]",
    ))
    .unwrap();
    assert!(matches!(
        st.evaluate(&other, &w, &EvaluateOptions::default()),
        Err(Error::Incompatible { .. })
    ));
    assert!(st
        .evaluate(
            &tree,
            &Window::Rolling { days: 0, end: 0 },
            &EvaluateOptions::default()
        )
        .is_err());
}

proptest! {
    #[test]
    fn folding_in_parts_and_merging_equals_folding_at_once(
        events in proptest::collection::vec((0u32..3, 0i64..20, 0u8..6, 0u32..3), 0..200),
        cut in 0usize..200,
    ) {
        let tree = IndicatorTree::from_json(TREE).unwrap();
        // Integer values keep every sum exact, so equality is exact.
        let value = |ind: u32, v: u8| match ind { 1 => f64::from(v % 2), _ => f64::from(v) + 1.0 };
        let cols = |ev: &[(u32, i64, u8, u32)]| -> (Vec<u32>, Vec<i64>, Vec<f64>, Vec<u32>) {
            (
                ev.iter().map(|e| e.0).collect(),
                ev.iter().map(|e| day(e.1)).collect(),
                ev.iter().map(|e| value(e.0, e.2)).collect(),
                ev.iter().map(|e| e.3).collect(),
            )
        };
        let cut = cut.min(events.len());
        let mut whole = JourneyState::new(&tree);
        let (i, t, v, s) = cols(&events);
        whole.update(&i, &t, &v, Some(&s), RejectPolicy::Error).unwrap();
        let mut a = JourneyState::new(&tree);
        let (i, t, v, s) = cols(&events[..cut]);
        a.update(&i, &t, &v, Some(&s), RejectPolicy::Error).unwrap();
        let mut b = JourneyState::new(&tree);
        let (i, t, v, s) = cols(&events[cut..]);
        b.update(&i, &t, &v, Some(&s), RejectPolicy::Error).unwrap();
        b.merge(&a).unwrap();
        let w = Window::Rolling { days: 10, end: 15 };
        let o = EvaluateOptions::default();
        prop_assert_eq!(b.evaluate(&tree, &w, &o).unwrap(), whole.evaluate(&tree, &w, &o).unwrap());
        prop_assert_eq!(b.events, whole.events);
    }
}

#[test]
fn large_batches_fold_in_parallel_chunks_like_small_batches() {
    // 2.5 M events cross two chunk boundaries (chunks of 2^20); integer values keep sums
    // exact, so the parallel fold must equal the same events fed in small serial batches.
    let tree = IndicatorTree::from_json(TREE).unwrap();
    let n = 2_500_000usize;
    let ind: Vec<u32> = (0..n).map(|i| (i * 7 % 11 % 3) as u32).collect();
    let ts: Vec<i64> = (0..n).map(|i| day((i % 13) as i64)).collect();
    let val: Vec<f64> = (0..n)
        .map(|i| {
            if ind[i] == 1 {
                (i % 2) as f64
            } else {
                (i % 5 + 1) as f64
            }
        })
        .collect();
    let seg: Vec<u32> = (0..n).map(|i| (i % 4) as u32).collect();
    let mut whole = JourneyState::new(&tree);
    whole
        .update(&ind, &ts, &val, Some(&seg), RejectPolicy::Error)
        .unwrap();
    let mut parts = JourneyState::new(&tree);
    for start in (0..n).step_by(300_000) {
        let r = start..(start + 300_000).min(n);
        parts
            .update(
                &ind[r.clone()],
                &ts[r.clone()],
                &val[r.clone()],
                Some(&seg[r]),
                RejectPolicy::Error,
            )
            .unwrap();
    }
    let w = Window::Rolling { days: 20, end: 15 };
    let o = EvaluateOptions::default();
    assert_eq!(
        whole.evaluate(&tree, &w, &o).unwrap(),
        parts.evaluate(&tree, &w, &o).unwrap()
    );
    assert_eq!(whole.events, n as u64);
    // A bad event in the last chunk: the first one is named and the state is unchanged.
    let mut bad = val.clone();
    bad[2_400_001] = 7.0; // not a rate (indicator 1 at 2 400 001 · 7 % 11 % 3 = 1)
    bad[2_400_002] = f64::NAN;
    let err = whole
        .update(&ind, &ts, &bad, Some(&seg), RejectPolicy::Error)
        .unwrap_err();
    assert!(err.to_string().contains("event 2400001: value 7"), "{err}");
    assert_eq!(whole.events, n as u64);
    // Counted instead: both rejected, the rest folded.
    whole
        .update(&ind, &ts, &bad, Some(&seg), RejectPolicy::Count)
        .unwrap();
    assert_eq!(
        (whole.events, whole.rejects.invalid_value),
        (2 * n as u64 - 2, 2)
    );
}
