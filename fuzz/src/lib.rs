//! Fuzz harnesses of cxkit. Each takes arbitrary bytes and must never panic, crash or read
//! out of bounds; what a reader accepts must survive a round trip. The cargo-fuzz targets in
//! `fuzz_targets/` call them (`scripts/fuzz.sh` runs each for a bounded time, under
//! AddressSanitizer), and `cargo test` in this directory replays the committed corpus on
//! stable Rust, so every input that once found a bug stays a test.

use std::ffi::c_char;
use std::ptr;

use cxkit::clv::{BetaGeo, GammaGamma, ParetoNbd};
use cxkit::covariance::CovarianceAccumulator;
use cxkit::data::{BankData, BANK_FILES};
use cxkit::journey::{EvaluateOptions, IndicatorTree, JourneyState, Window};
use cxkit::kano::KanoAccumulator;
use cxkit::quality::ServqualAccumulator;
use cxkit::report::{bank_report, ReportOptions};
use cxkit::segment::KMeans;
use cxkit::survey::{LikertAccumulator, NpsAccumulator, NpsMethod, TopBoxAccumulator};
use cxkit::text::{
    find_pii, mask_pii, Sentiment, Taxonomy, TopicAccumulator, TOPIC_DIRECT, TOPIC_VIA_SUBTOPIC,
};
use cxkit_ffi as ffi;

/// Reads `data` as the state of every kind. A state that reads must write bytes that read
/// back equal, merge with itself and finish (or fail) without panicking.
pub fn state_bytes(data: &[u8]) {
    macro_rules! round_trip {
        ($ty:ty, $finish:expr) => {
            if let Ok(mut s) = <$ty>::from_bytes(data) {
                let back = <$ty>::from_bytes(&s.to_bytes()).expect("written bytes read back");
                assert_eq!(back, s, "{} round trip", stringify!($ty));
                let copy = s.clone();
                let _ = s.merge(&copy);
                let _ = $finish(&s);
            }
        };
    }
    round_trip!(NpsAccumulator, |s: &NpsAccumulator| s
        .finish(0.95, NpsMethod::AdjustedWald)
        .map(drop));
    round_trip!(TopBoxAccumulator, |s: &TopBoxAccumulator| s
        .finish(0.95, Default::default())
        .map(drop));
    round_trip!(LikertAccumulator, |s: &LikertAccumulator| s
        .finish()
        .map(drop));
    round_trip!(KanoAccumulator, |s: &KanoAccumulator| s.finish().map(drop));
    round_trip!(CovarianceAccumulator, |s: &CovarianceAccumulator| s
        .covariance()
        .map(drop));
    round_trip!(ServqualAccumulator, |s: &ServqualAccumulator| s
        .finish()
        .map(drop));
    if let Ok((state, labels)) = JourneyState::from_bytes(data) {
        let (back, again) = JourneyState::from_bytes(&state.to_bytes(&labels)).expect("reads back");
        assert_eq!((back, again), (state.clone(), labels));
        let mut twice = state.clone();
        twice.merge(&state).expect("a state merges with itself");
    }
    macro_rules! model {
        ($ty:ty) => {
            if let Ok(m) = <$ty>::from_bytes(data) {
                assert_eq!(<$ty>::from_bytes(&m.to_bytes()).expect("reads back"), m);
            }
        };
    }
    model!(BetaGeo);
    model!(ParetoNbd);
    model!(GammaGamma);
    if let Ok(mut s) = TopicAccumulator::from_bytes(data) {
        let back = TopicAccumulator::from_bytes(&s.to_bytes()).expect("written bytes read back");
        assert_eq!(back, s, "TopicAccumulator round trip");
        let copy = s.clone();
        s.merge(&copy).expect("a state merges with itself");
        let _ = s.finish(None);
    }
    if let Ok(m) = KMeans::from_bytes(data) {
        assert_eq!(KMeans::from_bytes(&m.to_bytes()).expect("reads back"), m);
        let x = ndarray::Array2::<f64>::zeros((2, m.centers.ncols()));
        m.predict(x.view()).expect("a read model predicts");
    }
}

/// Reads `data` as a topic taxonomy (before the first NUL, in TOML and in JSON) and comments
/// (the lines after it). Every taxonomy that reads tags each comment with evidence inside the
/// comment, its sub-topics' parents tagged too, and its flags are those tags; the default
/// taxonomy and lexicon take the comments (and the whole input); masked text holds no
/// personal data.
pub fn comments(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (spec, rest) = text.split_once('\0').unwrap_or((&text, &text));
    let lines: Vec<&str> = rest.lines().chain([text.as_ref()]).collect();
    let mut taxonomies = vec![Taxonomy::default_bank()];
    taxonomies.extend(Taxonomy::from_toml(spec).ok());
    taxonomies.extend(Taxonomy::from_json(spec).ok());
    for t in &taxonomies {
        let Ok(found) = t.tag_all(&lines) else {
            continue; // a text over the size limit
        };
        // The flags are the topics tag finds (the fast path normalises while it steps).
        let k = t.topics().len();
        let flags = t.flags(&lines).expect("the sizes tag_all took");
        for (i, matches) in found.iter().enumerate() {
            let mut expected = vec![0u8; k];
            for m in matches {
                expected[m.topic] = if m.direct {
                    TOPIC_DIRECT
                } else {
                    TOPIC_VIA_SUBTOPIC
                };
            }
            assert_eq!(flags[i * k..(i + 1) * k], expected, "{:?}", lines[i]);
        }
        for (line, matches) in lines.iter().zip(&found) {
            let chars = line.chars().count();
            for m in matches {
                assert!(m.evidence.iter().all(|e| e.start < e.end && e.end <= chars));
                if let Some(parent) = &t.topics()[m.topic].parent {
                    assert!(matches.iter().any(|p| &t.topics()[p.topic].id == parent));
                }
            }
        }
    }
    if let Ok(scores) = Sentiment::default_bank().score_all(&lines) {
        for (line, s) in lines.iter().zip(scores) {
            assert!(s.score.is_finite());
            assert!(s.hits.iter().all(|h| h.end <= line.chars().count()));
        }
    }
    for line in &lines {
        assert!(find_pii(&mask_pii(line)).is_empty(), "{line:?}");
    }
}

/// Reads `data` as an indicator tree in JSON and in TOML; a tree that reads must write JSON
/// that reads back equal, and its empty state must evaluate any window.
pub fn indicator_tree(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for tree in [
        IndicatorTree::from_json(text),
        IndicatorTree::from_toml(text),
    ] {
        let Ok(tree) = tree else { continue };
        let back = IndicatorTree::from_json(&tree.to_json()).expect("written JSON reads back");
        assert_eq!(back, tree);
        let mut state = JourneyState::new(&tree);
        let n = tree.indicator_ids().len() as u32;
        let ind: Vec<u32> = (0..n.min(8)).collect();
        let ts: Vec<i64> = ind.iter().map(|&i| i64::from(i) * 86_400).collect();
        let values: Vec<f64> = ind.iter().map(|&i| f64::from(i % 2)).collect();
        let _ = state.update(
            &ind,
            &ts,
            &values,
            None,
            cxkit::journey::RejectPolicy::Count,
        );
        for window in [
            Window::Rolling { days: 7, end: 3 },
            Window::Calendar {
                period: cxkit::clv::Period::Month,
                day: 0,
            },
        ] {
            let _ = state.evaluate(&tree, &window, &EvaluateOptions::default());
        }
    }
    let _ = JourneyState::from_json(text);
}

/// Reads `data` as bank files: up to four files separated by 0xFF bytes, each named by its
/// first byte (an index into `BANK_FILES`). Data that reads must make a report or a clear
/// error, never a panic.
pub fn bank_files(data: &[u8]) {
    let files: Vec<(&str, &[u8])> = data
        .split(|&b| b == 0xFF)
        .take(4)
        .filter_map(|part| {
            let (&name, body) = part.split_first()?;
            Some((BANK_FILES[usize::from(name) % BANK_FILES.len()], body))
        })
        .collect();
    if let Ok(bank) = BankData::read_files(files) {
        let _ = bank_report(&bank, &ReportOptions::default());
    }
}

/// Values from bytes: small integers around the scales' ranges and, for a few byte values,
/// NaN, ±∞, a huge value and −0.
fn values(bytes: &[u8]) -> Vec<f64> {
    bytes
        .iter()
        .map(|&b| match b {
            250 => f64::NAN,
            251 => f64::INFINITY,
            252 => f64::NEG_INFINITY,
            253 => 1e308,
            254 => -0.0,
            _ => f64::from(b % 13) - 1.0,
        })
        .collect()
}

/// Calls a C entry point chosen by the first byte with lengths, values, options and NULL
/// pointers taken from the rest (buffers always as long as the lengths say, as the contract
/// requires). Any status is fine; a crash, a panic crossing the boundary or a failed status
/// without a message is not.
pub fn c_api(data: &[u8]) {
    let Some((&op, rest)) = data.split_first() else {
        return;
    };
    let (head, body) = rest.split_at(rest.len().min(4));
    let h = |i: usize| head.get(i).copied().unwrap_or(0);
    let x = values(body);
    let null_weights = h(0) % 2 == 0;
    let weights: Vec<f64> = x.iter().map(|v| v.abs()).collect();
    let weights_ptr = if null_weights {
        ptr::null()
    } else {
        weights.as_ptr()
    };
    let confidence = [0.95, 0.0, 1.0, f64::NAN, 0.5][usize::from(h(1)) % 5];
    let code = u32::from(h(2)) % 4;
    // SAFETY (every call below): each pointer is NULL or points to a live buffer at least as
    // long as the length passed with it; out-pointers point to owned, writable values.
    let status = unsafe {
        match op % 8 {
            0 => {
                let options = ffi::cx_nps_options {
                    confidence,
                    method: code,
                    nan_policy: u32::from(h(3)) % 3,
                };
                let mut out = std::mem::zeroed();
                ffi::cx_nps(x.as_ptr(), x.len(), weights_ptr, &options, &mut out)
            }
            1 => {
                let mut options = ffi::cx_csat_options_default();
                options.confidence = confidence;
                options.interval = code;
                let mut out = std::mem::zeroed();
                ffi::cx_csat(x.as_ptr(), x.len(), weights_ptr, &options, &mut out)
            }
            2 => {
                let mut acc = ptr::null_mut();
                let s = ffi::cx_nps_accumulator_from_bytes(body.as_ptr(), body.len(), &mut acc);
                if !acc.is_null() {
                    let _ =
                        ffi::cx_nps_accumulator_update(acc, x.as_ptr(), x.len(), weights_ptr, code);
                    let mut buf = vec![0u8; usize::from(h(1))];
                    let mut written = 0;
                    let _ = ffi::cx_nps_accumulator_to_bytes(
                        acc,
                        buf.as_mut_ptr(),
                        buf.len(),
                        &mut written,
                    );
                    let mut out = std::mem::zeroed();
                    let options = ffi::cx_nps_options_default();
                    let _ = ffi::cx_nps_accumulator_finish(acc, &options, &mut out);
                    ffi::cx_nps_accumulator_free(acc);
                }
                s
            }
            3 => {
                let k = usize::from(h(0) % 6);
                let rows = x.len().checked_div(k).unwrap_or(0);
                let mut out = std::mem::zeroed();
                let (mut r, mut a) = (vec![0.0; k], vec![0.0; k]);
                ffi::cx_cronbach_alpha(
                    x.as_ptr(),
                    rows,
                    k,
                    code,
                    confidence,
                    &mut out,
                    r.as_mut_ptr(),
                    a.as_mut_ptr(),
                )
            }
            4 => {
                let k = usize::from(h(0) % 4);
                let rows = (x.len() / 2).checked_div(k).unwrap_or(0);
                let (f, d) = x.split_at(x.len() / 2);
                let mut options = ffi::cx_kano_options_default();
                options.form = code;
                options.max_questionable = confidence;
                let out_len = usize::from(h(3) % 5);
                let mut features = vec![std::mem::zeroed(); out_len];
                let mut summary = std::mem::zeroed();
                ffi::cx_kano_analyze(
                    f.as_ptr(),
                    d.as_ptr(),
                    if null_weights {
                        ptr::null()
                    } else {
                        weights.as_ptr()
                    },
                    rows,
                    k,
                    &options,
                    features.as_mut_ptr(),
                    out_len,
                    &mut summary,
                )
            }
            5 => {
                let mut tree = ptr::null_mut();
                let s = ffi::cx_indicator_tree_from_json(
                    body.as_ptr().cast::<c_char>(),
                    body.len(),
                    &mut tree,
                );
                if !tree.is_null() {
                    let mut state = ptr::null_mut();
                    if ffi::cx_journey_state_new(tree, &mut state) == ffi::cx_status::CX_OK {
                        let n = x.len();
                        let ind: Vec<u32> = x.iter().map(|v| *v as u32).collect();
                        let ts: Vec<i64> = x.iter().map(|v| (*v * 86_400.0) as i64).collect();
                        let _ = ffi::cx_journey_state_update(
                            state,
                            ind.as_ptr(),
                            ts.as_ptr(),
                            x.as_ptr(),
                            ptr::null(),
                            n,
                            code,
                        );
                        ffi::cx_journey_state_free(state);
                    }
                    ffi::cx_indicator_tree_free(tree);
                }
                s
            }
            6 => {
                let features = usize::from(h(0) % 3) + 1;
                let samples = x.len() / features;
                let mut options = ffi::cx_kmeans_options_default(usize::from(h(3) % 4));
                options.tol = confidence;
                options.standardize = null_weights;
                let mut labels = vec![0u32; samples];
                let mut centers = vec![0.0; options.n_clusters * features];
                let mut out = std::mem::zeroed();
                ffi::cx_kmeans_fit(
                    x.as_ptr(),
                    samples,
                    features,
                    if null_weights {
                        ptr::null()
                    } else {
                        weights.as_ptr()
                    },
                    &options,
                    labels.as_mut_ptr(),
                    centers.as_mut_ptr(),
                    &mut out,
                )
            }
            _ => {
                // NULL inputs with non-zero lengths must be refused, not read.
                let mut out = std::mem::zeroed();
                let options = ffi::cx_nps_options_default();
                let s = ffi::cx_nps(ptr::null(), x.len() + 1, ptr::null(), &options, &mut out);
                assert_eq!(s, ffi::cx_status::CX_NULL_ARGUMENT);
                ffi::cx_nps(
                    x.as_ptr(),
                    x.len(),
                    weights_ptr,
                    ptr::null(),
                    ptr::null_mut(),
                )
            }
        }
    };
    if status != ffi::cx_status::CX_OK {
        let mut buf = [0 as c_char; 256];
        let mut written = 0;
        // SAFETY: buf is writable for its length, written is a writable usize.
        let s = unsafe { ffi::cx_last_error_message(buf.as_mut_ptr(), buf.len(), &mut written) };
        assert!(matches!(
            s,
            ffi::cx_status::CX_OK | ffi::cx_status::CX_BUFFER_TOO_SMALL
        ));
        assert!(written > 0, "a failed call ({status:?}) leaves a message");
    }
}

#[cfg(test)]
mod corpus {
    use std::path::Path;

    /// Runs `harness` on every committed input of `target`.
    fn replay(target: &str, harness: fn(&[u8])) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus")
            .join(target);
        let mut inputs = 0;
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            harness(&std::fs::read(&path).unwrap());
            inputs += 1;
        }
        assert!(inputs > 0, "the corpus of {target} has inputs");
    }

    #[test]
    fn state_bytes() {
        replay("state_bytes", super::state_bytes);
    }

    #[test]
    fn indicator_tree() {
        replay("indicator_tree", super::indicator_tree);
    }

    #[test]
    fn bank_files() {
        replay("bank_files", super::bank_files);
    }

    #[test]
    fn comments() {
        replay("comments", super::comments);
    }

    #[test]
    fn c_api() {
        replay("c_api", super::c_api);
    }
}
