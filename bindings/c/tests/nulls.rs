//! Every C entry point given NULL for every pointer (and a non-zero length, so NULL data
//! cannot pass as empty) returns CX_NULL_ARGUMENT with a message naming an argument, and
//! every free function takes NULL as a no-op: the NULL row of the bad-input matrix
//! (docs/bad-input.md) for the C interface. Runs under Miri too (scripts/miri.sh).

use std::ffi::{c_char, CStr};
use std::ptr;

use cxkit_ffi::*;

#[test]
fn every_entry_point_refuses_null_pointers() {
    // SAFETY: every pointer is NULL, which each entry point must check before use.
    let calls = unsafe {
        [
            (
                cx_nps_accumulator_new(ptr::null_mut()),
                "cx_nps_accumulator_new",
            ),
            (
                cx_nps_accumulator_update(ptr::null_mut(), ptr::null(), 1, ptr::null(), 0),
                "cx_nps_accumulator_update",
            ),
            (
                cx_nps_accumulator_merge(ptr::null_mut(), ptr::null()),
                "cx_nps_accumulator_merge",
            ),
            (
                cx_nps_accumulator_finish(ptr::null(), ptr::null(), ptr::null_mut()),
                "cx_nps_accumulator_finish",
            ),
            (
                cx_nps_accumulator_n(ptr::null(), ptr::null_mut()),
                "cx_nps_accumulator_n",
            ),
            (
                cx_nps_accumulator_to_bytes(ptr::null(), ptr::null_mut(), 1, ptr::null_mut()),
                "cx_nps_accumulator_to_bytes",
            ),
            (
                cx_nps_accumulator_from_bytes(ptr::null(), 1, ptr::null_mut()),
                "cx_nps_accumulator_from_bytes",
            ),
            (
                cx_bgnbd_fit(
                    ptr::null(),
                    ptr::null(),
                    ptr::null(),
                    1,
                    ptr::null(),
                    ptr::null_mut(),
                    ptr::null_mut(),
                ),
                "cx_bgnbd_fit",
            ),
            (
                cx_bgnbd_expected_purchases(
                    ptr::null(),
                    0.95,
                    ptr::null(),
                    ptr::null(),
                    ptr::null(),
                    1,
                    ptr::null_mut(),
                ),
                "cx_bgnbd_expected_purchases",
            ),
            (
                cx_bgnbd_probability_alive(
                    ptr::null(),
                    ptr::null(),
                    ptr::null(),
                    ptr::null(),
                    1,
                    ptr::null_mut(),
                ),
                "cx_bgnbd_probability_alive",
            ),
            (
                cx_bgnbd_probability_of_purchases(ptr::null(), 0, 1.0, ptr::null_mut()),
                "cx_bgnbd_probability_of_purchases",
            ),
            (
                cx_bgnbd_period_transactions(
                    ptr::null(),
                    ptr::null(),
                    ptr::null(),
                    1,
                    1,
                    ptr::null_mut(),
                    ptr::null_mut(),
                ),
                "cx_bgnbd_period_transactions",
            ),
            (
                cx_pareto_nbd_fit(
                    ptr::null(),
                    ptr::null(),
                    ptr::null(),
                    1,
                    ptr::null(),
                    ptr::null_mut(),
                    ptr::null_mut(),
                ),
                "cx_pareto_nbd_fit",
            ),
            (
                cx_pareto_nbd_expected_purchases(
                    ptr::null(),
                    0.95,
                    ptr::null(),
                    ptr::null(),
                    ptr::null(),
                    1,
                    ptr::null_mut(),
                ),
                "cx_pareto_nbd_expected_purchases",
            ),
            (
                cx_pareto_nbd_probability_alive(
                    ptr::null(),
                    ptr::null(),
                    ptr::null(),
                    ptr::null(),
                    1,
                    ptr::null_mut(),
                ),
                "cx_pareto_nbd_probability_alive",
            ),
            (
                cx_gamma_gamma_fit(
                    ptr::null(),
                    ptr::null(),
                    1,
                    ptr::null(),
                    ptr::null_mut(),
                    ptr::null_mut(),
                ),
                "cx_gamma_gamma_fit",
            ),
            (
                cx_gamma_gamma_expected_average_value(
                    ptr::null(),
                    ptr::null(),
                    ptr::null(),
                    1,
                    ptr::null_mut(),
                ),
                "cx_gamma_gamma_expected_average_value",
            ),
            (
                cx_customer_lifetime_value(
                    ptr::null(),
                    ptr::null(),
                    ptr::null(),
                    ptr::null(),
                    ptr::null(),
                    ptr::null(),
                    1,
                    0,
                    0,
                    0.95,
                    ptr::null_mut(),
                ),
                "cx_customer_lifetime_value",
            ),
            (
                cx_delivered_value(
                    ptr::null(),
                    ptr::null(),
                    1,
                    ptr::null(),
                    ptr::null(),
                    1,
                    1,
                    ptr::null_mut(),
                    ptr::null_mut(),
                    ptr::null_mut(),
                ),
                "cx_delivered_value",
            ),
            (
                cx_indicator_tree_from_json(ptr::null(), 1, ptr::null_mut()),
                "cx_indicator_tree_from_json",
            ),
            (
                cx_indicator_tree_indicator_count(ptr::null(), ptr::null_mut()),
                "cx_indicator_tree_indicator_count",
            ),
            (
                cx_indicator_tree_indicator_index(ptr::null(), ptr::null(), 1, ptr::null_mut()),
                "cx_indicator_tree_indicator_index",
            ),
            (
                cx_journey_state_new(ptr::null(), ptr::null_mut()),
                "cx_journey_state_new",
            ),
            (
                cx_journey_state_update(
                    ptr::null_mut(),
                    ptr::null(),
                    ptr::null(),
                    ptr::null(),
                    ptr::null(),
                    1,
                    0,
                ),
                "cx_journey_state_update",
            ),
            (
                cx_journey_state_merge(ptr::null_mut(), ptr::null()),
                "cx_journey_state_merge",
            ),
            (
                cx_journey_state_merge_by_label(
                    ptr::null_mut(),
                    ptr::null(),
                    0,
                    ptr::null(),
                    ptr::null(),
                    0,
                    ptr::null_mut(),
                ),
                "cx_journey_state_merge_by_label",
            ),
            (
                cx_journey_state_counts(
                    ptr::null(),
                    ptr::null_mut(),
                    ptr::null_mut(),
                    ptr::null_mut(),
                ),
                "cx_journey_state_counts",
            ),
            (
                cx_journey_state_to_json(ptr::null(), ptr::null_mut(), 1, ptr::null_mut()),
                "cx_journey_state_to_json",
            ),
            (
                cx_journey_evaluate(
                    ptr::null(),
                    ptr::null(),
                    ptr::null(),
                    0,
                    0.95,
                    ptr::null_mut(),
                ),
                "cx_journey_evaluate",
            ),
            (
                cx_journey_result_len(ptr::null(), ptr::null_mut()),
                "cx_journey_result_len",
            ),
            (
                cx_journey_result_node(
                    ptr::null(),
                    1,
                    ptr::null_mut(),
                    ptr::null_mut(),
                    1,
                    ptr::null_mut(),
                ),
                "cx_journey_result_node",
            ),
            (
                cx_complaint_metrics(
                    ptr::null(),
                    ptr::null(),
                    ptr::null(),
                    ptr::null(),
                    ptr::null(),
                    1,
                    0.95,
                    0.95,
                    0,
                    0.95,
                    ptr::null_mut(),
                ),
                "cx_complaint_metrics",
            ),
            (
                cx_kano_classify(ptr::null(), ptr::null(), 1, 1, ptr::null(), ptr::null_mut()),
                "cx_kano_classify",
            ),
            (
                cx_kano_classify_int32(
                    ptr::null(),
                    ptr::null(),
                    1,
                    1,
                    ptr::null(),
                    ptr::null_mut(),
                ),
                "cx_kano_classify_int32",
            ),
            (
                cx_kano_classify_uint8(
                    ptr::null(),
                    ptr::null(),
                    1,
                    1,
                    ptr::null(),
                    ptr::null_mut(),
                ),
                "cx_kano_classify_uint8",
            ),
            (
                cx_kano_from_counts(1, 1, 1, 1, 1, 1, ptr::null_mut()),
                "cx_kano_from_counts",
            ),
            (
                cx_kano_analyze(
                    ptr::null(),
                    ptr::null(),
                    ptr::null(),
                    1,
                    1,
                    ptr::null(),
                    ptr::null_mut(),
                    1,
                    ptr::null_mut(),
                ),
                "cx_kano_analyze",
            ),
            (
                cx_kano_analyze_int32(
                    ptr::null(),
                    ptr::null(),
                    ptr::null(),
                    1,
                    1,
                    ptr::null(),
                    ptr::null_mut(),
                    1,
                    ptr::null_mut(),
                ),
                "cx_kano_analyze_int32",
            ),
            (
                cx_kano_analyze_uint8(
                    ptr::null(),
                    ptr::null(),
                    ptr::null(),
                    1,
                    1,
                    ptr::null(),
                    ptr::null_mut(),
                    1,
                    ptr::null_mut(),
                ),
                "cx_kano_analyze_uint8",
            ),
            (
                cx_value_at_risk(
                    ptr::null(),
                    ptr::null(),
                    ptr::null(),
                    ptr::null(),
                    1,
                    0.95,
                    ptr::null_mut(),
                ),
                "cx_value_at_risk",
            ),
            (
                cx_pls_model_from_json(ptr::null(), 1, ptr::null_mut()),
                "cx_pls_model_from_json",
            ),
            (
                cx_pls_model_from_toml(ptr::null(), 1, ptr::null_mut()),
                "cx_pls_model_from_toml",
            ),
            (
                cx_pls_estimate(
                    ptr::null(),
                    ptr::null(),
                    1,
                    1,
                    ptr::null(),
                    ptr::null(),
                    ptr::null_mut(),
                ),
                "cx_pls_estimate",
            ),
            (
                cx_pls_result_sizes(
                    ptr::null(),
                    ptr::null_mut(),
                    ptr::null_mut(),
                    ptr::null_mut(),
                    ptr::null_mut(),
                ),
                "cx_pls_result_sizes",
            ),
            (
                cx_pls_result_paths(ptr::null(), ptr::null_mut(), 1),
                "cx_pls_result_paths",
            ),
            (
                cx_mask_pii(ptr::null(), 1, ptr::null_mut(), 1, ptr::null_mut()),
                "cx_mask_pii",
            ),
            (
                cx_pls_result_warnings(
                    ptr::null(),
                    ptr::null_mut(),
                    1,
                    ptr::null_mut(),
                    ptr::null_mut(),
                ),
                "cx_pls_result_warnings",
            ),
            (
                cx_pls_result_outer(ptr::null(), ptr::null_mut(), 1),
                "cx_pls_result_outer",
            ),
            (
                cx_pls_result_r_squared(ptr::null(), ptr::null_mut(), ptr::null_mut(), 1),
                "cx_pls_result_r_squared",
            ),
            (
                cx_cronbach_alpha(
                    ptr::null(),
                    1,
                    1,
                    0,
                    0.95,
                    ptr::null_mut(),
                    ptr::null_mut(),
                    ptr::null_mut(),
                ),
                "cx_cronbach_alpha",
            ),
            (
                cx_key_drivers(
                    ptr::null(),
                    1,
                    1,
                    ptr::null(),
                    ptr::null(),
                    ptr::null_mut(),
                    ptr::null_mut(),
                ),
                "cx_key_drivers",
            ),
            (
                cx_key_drivers_from_correlation(
                    ptr::null(),
                    1,
                    ptr::null(),
                    ptr::null_mut(),
                    ptr::null_mut(),
                ),
                "cx_key_drivers_from_correlation",
            ),
            (
                cx_ipa(
                    ptr::null(),
                    ptr::null(),
                    1,
                    0,
                    0.95,
                    0.95,
                    ptr::null_mut(),
                    ptr::null_mut(),
                ),
                "cx_ipa",
            ),
            (
                cx_servqual(
                    ptr::null(),
                    ptr::null(),
                    1,
                    1,
                    ptr::null(),
                    ptr::null(),
                    ptr::null_mut(),
                    ptr::null_mut(),
                    ptr::null_mut(),
                    ptr::null_mut(),
                ),
                "cx_servqual",
            ),
            (
                cx_servperf(
                    ptr::null(),
                    1,
                    1,
                    ptr::null(),
                    ptr::null_mut(),
                    ptr::null_mut(),
                    ptr::null_mut(),
                ),
                "cx_servperf",
            ),
            (
                cx_zone_of_tolerance(
                    ptr::null(),
                    ptr::null(),
                    ptr::null(),
                    1,
                    1,
                    ptr::null(),
                    ptr::null_mut(),
                    ptr::null_mut(),
                ),
                "cx_zone_of_tolerance",
            ),
            (
                cx_bank_report(ptr::null(), ptr::null(), 0.95, ptr::null()),
                "cx_bank_report",
            ),
            (
                cx_demo_report(1, 1, ptr::null(), 0.95, ptr::null()),
                "cx_demo_report",
            ),
            (
                cx_rfm_scores(
                    ptr::null(),
                    ptr::null(),
                    ptr::null(),
                    1,
                    0,
                    0,
                    ptr::null_mut(),
                    ptr::null_mut(),
                    ptr::null_mut(),
                    ptr::null_mut(),
                ),
                "cx_rfm_scores",
            ),
            (
                cx_value_tiers(ptr::null(), 1, ptr::null(), false, ptr::null_mut()),
                "cx_value_tiers",
            ),
            (
                cx_kmeans_fit(
                    ptr::null(),
                    1,
                    1,
                    ptr::null(),
                    ptr::null(),
                    ptr::null_mut(),
                    ptr::null_mut(),
                    ptr::null_mut(),
                ),
                "cx_kmeans_fit",
            ),
            (
                cx_silhouette_score(ptr::null(), 1, 1, ptr::null(), 1, 1, ptr::null_mut()),
                "cx_silhouette_score",
            ),
            (
                cx_last_error_message(ptr::null_mut(), 1, ptr::null_mut()),
                "cx_last_error_message",
            ),
            (
                cx_nps(ptr::null(), 1, ptr::null(), ptr::null(), ptr::null_mut()),
                "cx_nps",
            ),
            (
                cx_nps_from_counts(1, 1, 1, ptr::null(), ptr::null_mut()),
                "cx_nps_from_counts",
            ),
            (
                cx_nps_test(ptr::null(), ptr::null(), 0, 0.95, ptr::null_mut()),
                "cx_nps_test",
            ),
            (
                cx_top_box_test(ptr::null(), ptr::null(), 0.95, ptr::null_mut()),
                "cx_top_box_test",
            ),
            (
                cx_csat(ptr::null(), 1, ptr::null(), ptr::null(), ptr::null_mut()),
                "cx_csat",
            ),
            (
                cx_ces(ptr::null(), 1, ptr::null(), ptr::null(), ptr::null_mut()),
                "cx_ces",
            ),
            (
                cx_nps_int32(ptr::null(), 1, ptr::null(), ptr::null(), ptr::null_mut()),
                "cx_nps_int32",
            ),
            (
                cx_nps_uint8(ptr::null(), 1, ptr::null(), ptr::null(), ptr::null_mut()),
                "cx_nps_uint8",
            ),
            (
                cx_csat_int32(ptr::null(), 1, ptr::null(), ptr::null(), ptr::null_mut()),
                "cx_csat_int32",
            ),
            (
                cx_csat_uint8(ptr::null(), 1, ptr::null(), ptr::null(), ptr::null_mut()),
                "cx_csat_uint8",
            ),
            (
                cx_ces_int32(ptr::null(), 1, ptr::null(), ptr::null(), ptr::null_mut()),
                "cx_ces_int32",
            ),
            (
                cx_ces_uint8(ptr::null(), 1, ptr::null(), ptr::null(), ptr::null_mut()),
                "cx_ces_uint8",
            ),
            (
                cx_wilson_interval(0.95, 0.95, 0.95, ptr::null_mut(), ptr::null_mut()),
                "cx_wilson_interval",
            ),
            (cx_taxonomy_default(ptr::null_mut()), "cx_taxonomy_default"),
            (
                cx_taxonomy_from_toml(ptr::null(), 1, ptr::null_mut()),
                "cx_taxonomy_from_toml",
            ),
            (
                cx_taxonomy_from_json(ptr::null(), 1, ptr::null_mut()),
                "cx_taxonomy_from_json",
            ),
            (
                cx_taxonomy_topics(ptr::null(), ptr::null_mut()),
                "cx_taxonomy_topics",
            ),
            (
                cx_taxonomy_topic_id(ptr::null(), 0, ptr::null_mut(), 1, ptr::null_mut()),
                "cx_taxonomy_topic_id",
            ),
            (
                cx_taxonomy_topic_name(
                    ptr::null(),
                    0,
                    ptr::null(),
                    ptr::null_mut(),
                    1,
                    ptr::null_mut(),
                ),
                "cx_taxonomy_topic_name",
            ),
            (
                cx_taxonomy_tag(ptr::null(), ptr::null(), ptr::null(), 1, ptr::null_mut(), 1),
                "cx_taxonomy_tag",
            ),
            (
                cx_topic_accumulator_new(ptr::null(), ptr::null(), ptr::null_mut()),
                "cx_topic_accumulator_new",
            ),
            (
                cx_topic_accumulator_add(
                    ptr::null_mut(),
                    ptr::null(),
                    ptr::null(),
                    1,
                    ptr::null(),
                    ptr::null(),
                ),
                "cx_topic_accumulator_add",
            ),
            (
                cx_topic_accumulator_add_tagged(
                    ptr::null_mut(),
                    ptr::null(),
                    ptr::null(),
                    1,
                    ptr::null(),
                    ptr::null(),
                ),
                "cx_topic_accumulator_add_tagged",
            ),
            (
                cx_topic_accumulator_merge(ptr::null_mut(), ptr::null()),
                "cx_topic_accumulator_merge",
            ),
            (
                cx_topic_accumulator_to_bytes(ptr::null(), ptr::null_mut(), 1, ptr::null_mut()),
                "cx_topic_accumulator_to_bytes",
            ),
            (
                cx_topic_accumulator_from_bytes(ptr::null(), 1, ptr::null_mut()),
                "cx_topic_accumulator_from_bytes",
            ),
            (
                cx_topic_accumulator_finish(
                    ptr::null(),
                    ptr::null(),
                    ptr::null_mut(),
                    1,
                    ptr::null_mut(),
                ),
                "cx_topic_accumulator_finish",
            ),
        ]
    };
    for (status, name) in calls {
        assert_eq!(status, cx_status::CX_NULL_ARGUMENT, "{name}");
        let mut buf = [0 as c_char; 512];
        let mut written = 0;
        // SAFETY: buf is valid for its length.
        unsafe { cx_last_error_message(buf.as_mut_ptr(), buf.len(), &mut written) };
        // SAFETY: the call wrote a NUL-terminated message.
        let message = unsafe { CStr::from_ptr(buf.as_ptr()) }.to_string_lossy();
        assert!(message.contains("NULL"), "{name}: {message}");
    }
}

#[test]
fn every_free_function_takes_null() {
    // SAFETY: NULL is documented as a no-op for every free function.
    unsafe {
        cx_nps_accumulator_free(ptr::null_mut());
        cx_indicator_tree_free(ptr::null_mut());
        cx_journey_state_free(ptr::null_mut());
        cx_journey_result_free(ptr::null_mut());
        cx_pls_model_free(ptr::null_mut());
        cx_pls_result_free(ptr::null_mut());
        cx_taxonomy_free(ptr::null_mut());
        cx_topic_accumulator_free(ptr::null_mut());
    }
}
