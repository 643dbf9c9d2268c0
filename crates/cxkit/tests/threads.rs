//! Thread safety: every state and model is `Send + Sync`; models shared by many threads
//! predict what one thread predicts; accumulators fed by many threads — one each, then merged,
//! or one behind a lock — hold what one fed serially holds.

use std::sync::{Arc, Mutex};
use std::thread;

use cxkit::clv::{BetaGeo, GammaGamma, ParetoNbd};
use cxkit::covariance::{CovarianceAccumulator, MissingData};
use cxkit::journey::{IndicatorTree, JourneyState, RejectPolicy};
use cxkit::kano::KanoAccumulator;
use cxkit::quality::ServqualAccumulator;
use cxkit::segment::{KMeans, KMeansOptions};
use cxkit::survey::{LikertAccumulator, NanPolicy, NpsAccumulator, NpsMethod, TopBoxAccumulator};
use ndarray::Array2;

const THREADS: usize = 8;

#[test]
fn states_and_models_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<NpsAccumulator>();
    check::<TopBoxAccumulator>();
    check::<LikertAccumulator>();
    check::<KanoAccumulator>();
    check::<CovarianceAccumulator>();
    check::<ServqualAccumulator>();
    check::<JourneyState>();
    check::<IndicatorTree>();
    check::<BetaGeo>();
    check::<ParetoNbd>();
    check::<GammaGamma>();
    check::<KMeans>();
}

/// Deterministic pseudo-random 0–10 scores.
fn scores(n: usize, salt: u64) -> Vec<u8> {
    (0..n as u64)
        .map(|i| ((i.wrapping_mul(2_654_435_761) ^ salt) % 11) as u8)
        .collect()
}

#[test]
fn accumulators_fed_from_many_threads_equal_serial_feeding() {
    let parts: Vec<Vec<u8>> = (0..THREADS as u64).map(|t| scores(50_000, t)).collect();
    let mut serial = NpsAccumulator::new();
    for p in &parts {
        serial.update(p, None, NanPolicy::Raise).unwrap();
    }
    // One accumulator per thread, merged afterwards.
    let per_thread: Vec<NpsAccumulator> = thread::scope(|s| {
        let handles: Vec<_> = parts
            .iter()
            .map(|p| {
                s.spawn(move || {
                    let mut acc = NpsAccumulator::new();
                    for chunk in p.chunks(997) {
                        acc.update(chunk, None, NanPolicy::Raise).unwrap();
                    }
                    acc
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut merged = NpsAccumulator::new();
    for acc in &per_thread {
        merged.merge(acc).unwrap();
    }
    assert_eq!(merged, serial);
    // One accumulator behind a lock, updated from every thread at once.
    let shared = Arc::new(Mutex::new(NpsAccumulator::new()));
    thread::scope(|s| {
        for p in &parts {
            let shared = Arc::clone(&shared);
            s.spawn(move || {
                for chunk in p.chunks(1013) {
                    shared
                        .lock()
                        .unwrap()
                        .update(chunk, None, NanPolicy::Raise)
                        .unwrap();
                }
            });
        }
    });
    let shared = shared.lock().unwrap();
    assert_eq!(*shared, serial);
    assert_eq!(
        shared.finish(0.95, NpsMethod::AdjustedWald).unwrap(),
        serial.finish(0.95, NpsMethod::AdjustedWald).unwrap()
    );
}

#[test]
fn covariance_and_journey_states_merge_across_threads() {
    let x = Array2::from_shape_fn((8_000, 3), |(r, c)| {
        ((r * 31 + c * 7) % 17) as f64 + c as f64
    });
    let whole = {
        let mut a = CovarianceAccumulator::new(3, MissingData::Pairwise).unwrap();
        a.update(x.view()).unwrap();
        a.covariance().unwrap()
    };
    let rows = x.nrows() / THREADS;
    let parts: Vec<CovarianceAccumulator> = thread::scope(|s| {
        let x = &x;
        let handles: Vec<_> = (0..THREADS)
            .map(|t| {
                s.spawn(move || {
                    let mut a = CovarianceAccumulator::new(3, MissingData::Pairwise).unwrap();
                    a.update(x.slice(ndarray::s![t * rows..(t + 1) * rows, ..]))
                        .unwrap();
                    a
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut merged = CovarianceAccumulator::new(3, MissingData::Pairwise).unwrap();
    for p in &parts {
        merged.merge(p).unwrap();
    }
    let c = merged.covariance().unwrap();
    assert_eq!(c.counts, whole.counts);
    for (a, b) in c.cov.iter().zip(&whole.cov) {
        assert!((a - b).abs() < 1e-12 * b.abs().max(1.0));
    }

    let tree = Arc::new(
        IndicatorTree::from_json(
            r#"{"journeys": [{"id": "j", "stages": [{"id": "s", "touchpoints": [{"id": "t",
            "indicators": [{"id": "ok", "kind": {"type": "rate"}}]}]}]}]}"#,
        )
        .unwrap(),
    );
    let events = |t: usize| -> (Vec<u32>, Vec<i64>, Vec<f64>) {
        let n = 1_000;
        (
            vec![0; n],
            (0..n).map(|i| (i as i64) * 3_600 + t as i64).collect(),
            (0..n).map(|i| ((i + t) % 2) as f64).collect(),
        )
    };
    let mut serial = JourneyState::new(&tree);
    for t in 0..THREADS {
        let (i, ts, v) = events(t);
        serial
            .update(&i, &ts, &v, None, RejectPolicy::Error)
            .unwrap();
    }
    let states: Vec<JourneyState> = thread::scope(|s| {
        let handles: Vec<_> = (0..THREADS)
            .map(|t| {
                let tree = Arc::clone(&tree);
                s.spawn(move || {
                    let mut st = JourneyState::new(&tree);
                    let (i, ts, v) = events(t);
                    st.update(&i, &ts, &v, None, RejectPolicy::Error).unwrap();
                    st
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut merged = JourneyState::new(&tree);
    for st in &states {
        merged.merge(st).unwrap();
    }
    assert_eq!(merged, serial);
}

#[test]
fn shared_models_predict_the_same_from_every_thread() {
    let bg = Arc::new(BetaGeo::new(0.243, 4.414, 0.793, 2.426).unwrap());
    let x = Array2::from_shape_fn((2_000, 2), |(r, c)| ((r * 13 + c * 5) % 29) as f64);
    let km = Arc::new(KMeans::fit(x.view(), None, &KMeansOptions::new(4)).unwrap());
    let freq: Vec<f64> = (0..500).map(|i| (i % 9) as f64).collect();
    let rec: Vec<f64> = freq
        .iter()
        .map(|&f| if f > 0.0 { 30.0 - f } else { 0.0 })
        .collect();
    let t = vec![40.0; freq.len()];
    let alive = bg.probability_alive_all(&freq, &rec, &t).unwrap();
    let labels = km.predict(x.view()).unwrap();
    thread::scope(|s| {
        for _ in 0..THREADS {
            let (bg, km) = (Arc::clone(&bg), Arc::clone(&km));
            let (freq, rec, t, x) = (&freq, &rec, &t, &x);
            let (alive, labels) = (&alive, &labels);
            s.spawn(move || {
                assert_eq!(&bg.probability_alive_all(freq, rec, t).unwrap(), alive);
                assert_eq!(&km.predict(x.view()).unwrap(), labels);
            });
        }
    });
}
