//! The C entry points called from Rust as a C program calls them — handles made, used,
//! serialized and freed; out-params; NULLs; message buffers of every size — on inputs small
//! enough for Miri, which checks every pointer the bindings turn into a reference or a slice:
//! `scripts/miri.sh` runs this file under `cargo +nightly miri test`. (The C programs of
//! tests/c check the same ABI from C, under valgrind and the sanitizers.)

use std::ffi::{c_char, CStr};
use std::ptr;

use cxkit_ffi::*;

/// This thread's last error message.
fn last_error() -> String {
    let mut needed = 0;
    // SAFETY: NULL buffer with a valid `written`: asks for the length.
    let s = unsafe { cx_last_error_message(ptr::null_mut(), 0, &mut needed) };
    assert!(matches!(s, cx_status::CX_BUFFER_TOO_SMALL));
    let mut buf = vec![0 as c_char; needed + 1];
    let mut written = 0;
    // SAFETY: buf is valid for its length.
    let s = unsafe { cx_last_error_message(buf.as_mut_ptr(), buf.len(), &mut written) };
    assert_eq!((s, written), (cx_status::CX_OK, needed));
    // SAFETY: the call wrote a NUL-terminated string into buf.
    unsafe { CStr::from_ptr(buf.as_ptr()) }
        .to_str()
        .unwrap()
        .to_owned()
}

#[test]
fn scores_with_out_params_and_nulls() {
    let scores = [10.0, 9.0, 9.0, 10.0, 9.0, 8.0, 7.0, 7.0, 3.0, 6.0];
    let options = cx_nps_options_default();
    // SAFETY: pointers valid for the lengths given.
    unsafe {
        let mut r: cx_nps_result = std::mem::zeroed();
        assert_eq!(
            cx_nps(scores.as_ptr(), scores.len(), ptr::null(), &options, &mut r),
            cx_status::CX_OK
        );
        assert_eq!(r.score, 30.0); // 5 promoters, 2 detractors of 10
        assert_eq!(
            cx_nps(ptr::null(), 3, ptr::null(), &options, &mut r),
            cx_status::CX_NULL_ARGUMENT
        );
        assert!(last_error().contains("scores"), "{}", last_error());
        assert_eq!(
            cx_nps(
                scores.as_ptr(),
                scores.len(),
                ptr::null(),
                &options,
                ptr::null_mut()
            ),
            cx_status::CX_NULL_ARGUMENT
        );
        let bad = [11.0];
        assert_eq!(
            cx_nps(bad.as_ptr(), 1, ptr::null(), &options, &mut r),
            cx_status::CX_INVALID_SCORE
        );
        // An empty input may come with a NULL pointer.
        assert_eq!(
            cx_nps(ptr::null(), 0, ptr::null(), &options, &mut r),
            cx_status::CX_EMPTY_INPUT
        );
        // Message buffers too small copy what fits, NUL-terminated.
        let mut tiny = [1 as c_char; 4];
        let mut written = 0;
        assert_eq!(
            cx_last_error_message(tiny.as_mut_ptr(), tiny.len(), &mut written),
            cx_status::CX_BUFFER_TOO_SMALL
        );
        assert_eq!(tiny[3], 0);
        assert!(written > 3);
        assert!(!CStr::from_ptr(cx_status_str(cx_status::CX_CORRUPT_BYTES as u32)).is_empty());
        assert!(!CStr::from_ptr(cx_version()).is_empty());
    }
}

#[test]
fn accumulator_handles_and_bytes() {
    // SAFETY: handles come from the constructors and are freed once; buffers are as long as
    // the lengths given.
    unsafe {
        let mut a = ptr::null_mut();
        assert_eq!(cx_nps_accumulator_new(&mut a), cx_status::CX_OK);
        let scores = [10.0, 9.0, 3.0];
        assert_eq!(
            cx_nps_accumulator_update(a, scores.as_ptr(), 3, ptr::null(), CX_NAN_RAISE),
            cx_status::CX_OK
        );
        let mut needed = 0;
        assert_eq!(
            cx_nps_accumulator_to_bytes(a, ptr::null_mut(), 0, &mut needed),
            cx_status::CX_BUFFER_TOO_SMALL
        );
        let mut small = vec![0u8; needed - 1];
        let mut written = 0;
        assert_eq!(
            cx_nps_accumulator_to_bytes(a, small.as_mut_ptr(), small.len(), &mut written),
            cx_status::CX_BUFFER_TOO_SMALL
        );
        let mut buf = vec![0u8; needed];
        assert_eq!(
            cx_nps_accumulator_to_bytes(a, buf.as_mut_ptr(), buf.len(), &mut written),
            cx_status::CX_OK
        );
        let mut b = ptr::null_mut();
        assert_eq!(
            cx_nps_accumulator_from_bytes(buf.as_ptr(), written, &mut b),
            cx_status::CX_OK
        );
        assert_eq!(
            cx_nps_accumulator_from_bytes(buf.as_ptr(), written - 1, &mut b),
            cx_status::CX_CORRUPT_BYTES
        );
        assert_eq!(cx_nps_accumulator_merge(a, b), cx_status::CX_OK);
        let mut n = 0;
        assert_eq!(cx_nps_accumulator_n(a, &mut n), cx_status::CX_OK);
        assert_eq!(n, 6);
        let mut r: cx_nps_result = std::mem::zeroed();
        let options = cx_nps_options_default();
        assert_eq!(
            cx_nps_accumulator_finish(a, &options, &mut r),
            cx_status::CX_OK
        );
        assert!((r.score - 100.0 / 3.0).abs() < 1e-12); // 4 promoters, 2 detractors of 6
        cx_nps_accumulator_free(a);
        cx_nps_accumulator_free(b);
        cx_nps_accumulator_free(ptr::null_mut());
    }
}

#[test]
fn journey_handles_results_and_strings() {
    let json = br#"{"journeys": [{"id": "j", "stages": [{"id": "s", "touchpoints": [{"id": "app",
        "indicators": [{"id": "ok", "kind": {"type": "rate"}, "target": 0.9}]}]}]}]}"#;
    // SAFETY: as above; id buffers are as long as the capacities given.
    unsafe {
        let mut tree = ptr::null_mut();
        assert_eq!(
            cx_indicator_tree_from_json(json.as_ptr().cast(), json.len(), &mut tree),
            cx_status::CX_OK
        );
        let mut state = ptr::null_mut();
        assert_eq!(cx_journey_state_new(tree, &mut state), cx_status::CX_OK);
        let (ind, ts, val) = ([0u32, 0, 0], [0i64, 60, 120], [1.0, 0.0, 1.0]);
        assert_eq!(
            cx_journey_state_update(
                state,
                ind.as_ptr(),
                ts.as_ptr(),
                val.as_ptr(),
                ptr::null(),
                3,
                CX_REJECT_ERROR
            ),
            cx_status::CX_OK
        );
        let window = cx_window {
            kind: CX_WINDOW_DAY,
            day: 0,
            days: 0,
        };
        let mut result = ptr::null_mut();
        assert_eq!(
            cx_journey_evaluate(state, tree, &window, -1, 0.05, &mut result),
            cx_status::CX_OK
        );
        let mut len = 0;
        assert_eq!(cx_journey_result_len(result, &mut len), cx_status::CX_OK);
        assert_eq!(len, 4); // journey, stage, touchpoint, indicator
        let mut node: cx_node = std::mem::zeroed();
        let mut id = [0 as c_char; 3];
        let mut written = 0;
        assert_eq!(
            cx_journey_result_node(result, len - 1, &mut node, id.as_mut_ptr(), 3, &mut written),
            cx_status::CX_OK
        );
        assert_eq!(CStr::from_ptr(id.as_ptr()).to_str().unwrap(), "ok");
        assert!((node.value - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(
            cx_journey_result_node(result, len, &mut node, ptr::null_mut(), 0, ptr::null_mut()),
            cx_status::CX_INVALID_PARAMETER
        );
        let mut needed = 0;
        assert_eq!(
            cx_journey_state_to_json(state, ptr::null_mut(), 0, &mut needed),
            cx_status::CX_BUFFER_TOO_SMALL
        );
        cx_journey_result_free(result);
        cx_journey_state_free(state);
        cx_indicator_tree_free(tree);
        let broken = b"{\"journeys\": [";
        let mut none = ptr::null_mut();
        assert_eq!(
            cx_indicator_tree_from_json(broken.as_ptr().cast(), broken.len(), &mut none),
            cx_status::CX_INVALID_TREE
        );
        assert!(none.is_null());
    }
}

#[test]
fn matrices_in_and_out() {
    // Three respondents × two items, row-major.
    let items = [1.0, 2.0, 2.0, 2.0, 4.0, 5.0];
    // SAFETY: buffers hold n_rows × n_items inputs and n_items outputs.
    unsafe {
        let mut r: cx_alpha_result = std::mem::zeroed();
        let (mut itr, mut aid) = ([0.0; 2], [0.0; 2]);
        assert_eq!(
            cx_cronbach_alpha(
                items.as_ptr(),
                3,
                2,
                0,
                0.95,
                &mut r,
                itr.as_mut_ptr(),
                aid.as_mut_ptr()
            ),
            cx_status::CX_OK
        );
        // var(1,2,4) = 7/3, var(2,2,5) = 3, cov = (4/3 + 1/3 + 10/3)/2 = 5/2:
        // α = 2·(1 − (16/3) / (16/3 + 5)) = 30/31.
        assert!((r.alpha - 30.0 / 31.0).abs() < 1e-12);
        let (rec, fre, mon) = ([1.0, 5.0, 3.0], [4.0, 1.0, 2.0], [9.0, 1.0, 5.0]);
        let (mut or, mut of, mut om) = ([0u8; 3], [0u8; 3], [0u8; 3]);
        assert_eq!(
            cx_rfm_scores(
                rec.as_ptr(),
                fre.as_ptr(),
                mon.as_ptr(),
                3,
                3,
                0,
                or.as_mut_ptr(),
                of.as_mut_ptr(),
                om.as_mut_ptr(),
                ptr::null_mut() // no segments: the default map needs 5 bins
            ),
            cx_status::CX_OK
        );
        // Smallest recency, largest frequency and spend score 3 of 3.
        assert_eq!((or, of, om), ([3, 1, 2], [3, 1, 2], [3, 1, 2]));
    }
}
