//! The verdict on one feature from its category counts: mode, decision rules, strengths,
//! Better/Worse, Fong's test and a chi-square test.

use serde::{Deserialize, Serialize};
use statrs::distribution::{ChiSquared, ContinuousCDF};

use super::category::{KanoCategory, KanoCounts};
use super::continuous::KanoContinuous;
use crate::{Error, Result};

/// Which rule decided a feature's category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum KanoRule {
    /// The most frequent category is significantly ahead of the second (Fong's test).
    #[serde(rename = "fong")]
    Fong,
    /// The top two are not significantly apart, so the M > O > A > I rule chose between them.
    #[serde(rename = "m>o>a>i")]
    Priority,
    /// Only one category of A, O, M, I, R was answered (a single respondent, say), or none
    /// was and every answer is Q: that category, since a category nobody chose never wins.
    #[serde(rename = "only")]
    Only,
}

crate::names::named!(KanoRule, "decided_by", [Fong => "fong", Priority => "m>o>a>i", Only => "only"]);

/// Fong's (1996) test of the two most frequent categories among A, O, M, I and R:
/// significant when |a − b| ≥ 1.65·√((a + b)(2n − a − b)/(2n)), n counting every answer.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FongTest {
    /// The most frequent category.
    pub first: KanoCategory,
    /// The second most frequent category.
    pub second: KanoCategory,
    /// Left side, |a − b|.
    pub difference: f64,
    /// Right side, 1.65·√((a + b)(2n − a − b)/(2n)).
    pub critical: f64,
    /// Whether the first is significantly more frequent (and strictly so).
    pub significant: bool,
}

/// Chi-square goodness-of-fit test of the A, O, M and I counts against equal shares (3 df).
/// With expected counts below 5 the p-value is only approximate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ChiSquare {
    /// The statistic Σ(observed − expected)²/expected.
    pub statistic: f64,
    /// Degrees of freedom (3).
    pub df: u32,
    /// Upper-tail p-value.
    pub p_value: f64,
}

/// The verdict on one feature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KanoFeature {
    /// Answers per category.
    pub counts: KanoCounts,
    /// All answers.
    pub n: u64,
    /// The most frequent category (ties broken M > O > A > I > R > Q).
    pub mode: KanoCategory,
    /// The M > O > A > I rule: of the two most frequent among A, O, M, I, R, the one first in
    /// that order — among categories someone chose: when only one of them has answers it is
    /// that one, and when none has, Q.
    pub rule_category: KanoCategory,
    /// The (O + A + M) vs (I + R + Q) rule: the most frequent of O, A, M when they outnumber
    /// I, R, Q, otherwise the most frequent of I, R, Q.
    pub oam_category: KanoCategory,
    /// The final category: Fong's first when significant, otherwise the M > O > A > I rule
    /// (never a category with no answers).
    pub category: KanoCategory,
    /// The rule that decided `category`.
    pub decided_by: KanoRule,
    /// Share of the first minus share of the second category (among A, O, M, I, R).
    pub category_strength: f64,
    /// Share of A + O + M.
    pub total_strength: f64,
    /// Better (satisfaction) coefficient (A + O)/(A + O + M + I); None when A + O + M + I = 0.
    pub better: Option<f64>,
    /// Worse (dissatisfaction) coefficient −(O + M)/(A + O + M + I); None when A + O + M + I = 0.
    pub worse: Option<f64>,
    /// Fong's test of the top two categories.
    pub fong: FongTest,
    /// Chi-square test of A, O, M, I against equal shares; None when they are all zero.
    pub chi_square: Option<ChiSquare>,
    /// DuMouchel's continuous scores; None when the verdict came from counts alone.
    pub continuous: Option<KanoContinuous>,
}

/// The verdict on one feature from its counts alone (when only the aggregated table exists).
///
/// ```
/// use cxkit::kano::{from_counts, KanoCategory, KanoCounts};
///
/// let f = from_counts(KanoCounts::new(10, 25, 40, 15, 5, 5)).unwrap();
/// assert_eq!(f.category, KanoCategory::M);
/// assert_eq!(f.better, Some(35.0 / 90.0));
/// ```
pub fn from_counts(counts: KanoCounts) -> Result<KanoFeature> {
    KanoFeature::from_counts(counts, 0)
}

/// The categories in decreasing count, ties broken by the M > O > A > I > R > Q order.
fn ranked(counts: &KanoCounts, among: &[KanoCategory]) -> Vec<KanoCategory> {
    let mut v = among.to_vec();
    v.sort_by_key(|&c| (std::cmp::Reverse(counts[c]), c.priority()));
    v
}

impl KanoFeature {
    /// The verdict for feature number `feature` (used in the error for no answers).
    pub(crate) fn from_counts(counts: KanoCounts, feature: usize) -> Result<KanoFeature> {
        use KanoCategory::{A, I, M, O, Q, R};
        let n = counts.total();
        if n == 0 {
            return Err(Error::EmptyFeature { feature });
        }
        let nf = n as f64;
        let share = |c: KanoCategory| counts[c] as f64 / nf;
        let mode = ranked(&counts, &KanoCategory::ALL)[0];
        let top = ranked(&counts, &[A, O, M, I, R]);
        let (first, second) = (top[0], top[1]);
        let (a, b) = (counts[first] as f64, counts[second] as f64);
        let difference = a - b;
        let critical = 1.65 * ((a + b) * (2.0 * nf - a - b) / (2.0 * nf)).sqrt();
        let significant = difference > 0.0 && difference >= critical;
        // A category nobody chose never wins: with one answered category of A, O, M, I, R
        // it is the verdict, with none (only Q answers) Q is.
        let only = match (counts[first], counts[second]) {
            (0, _) => Some(Q),
            (_, 0) => Some(first),
            _ => None,
        };
        let rule_category = match only {
            Some(c) => c,
            None if first.priority() < second.priority() => first,
            None => second,
        };
        let oam = counts.o + counts.a + counts.m;
        let irq = counts.i + counts.r + counts.q;
        let oam_category = if oam > irq {
            ranked(&counts, &[O, A, M])[0]
        } else {
            ranked(&counts, &[I, R, Q])[0]
        };
        let (category, decided_by) = if significant {
            (first, KanoRule::Fong)
        } else if only.is_some() {
            (rule_category, KanoRule::Only)
        } else {
            (rule_category, KanoRule::Priority)
        };
        let aomi = counts.a + counts.o + counts.m + counts.i;
        let (better, worse) = if aomi == 0 {
            (None, None)
        } else {
            let d = aomi as f64;
            (
                Some((counts.a + counts.o) as f64 / d),
                // 0 − x rather than −x: no negative zero when O + M = 0.
                Some(0.0 - (counts.o + counts.m) as f64 / d),
            )
        };
        let chi_square = (aomi > 0).then(|| {
            let expected = aomi as f64 / 4.0;
            let statistic: f64 = [A, O, M, I]
                .iter()
                .map(|&c| (counts[c] as f64 - expected).powi(2) / expected)
                .sum();
            let p_value = ChiSquared::new(3.0)
                .expect("3 degrees of freedom")
                .sf(statistic);
            ChiSquare {
                statistic,
                df: 3,
                p_value,
            }
        });
        Ok(KanoFeature {
            counts,
            n,
            mode,
            rule_category,
            oam_category,
            category,
            decided_by,
            category_strength: share(first) - share(second),
            total_strength: share(A) + share(O) + share(M),
            better,
            worse,
            fong: FongTest {
                first,
                second,
                difference,
                critical,
                significant,
            },
            chi_square,
            continuous: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use KanoCategory::{A, I, M, O, R};

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn stp25stat_documentation_feature_one() {
        // stp25stat's Kano() documentation data, feature f1/d1 ("Fahreigenschaften"), holds
        // every functional/dysfunctional pair exactly once (and six missing rows): counting the
        // cells of DESIGN.md's table gives A 3, O 1, M 3, I 9, R 7, Q 2 (n = 25).
        let f = from_counts(KanoCounts::new(3, 1, 3, 9, 7, 2)).unwrap();
        assert_eq!(f.n, 25);
        assert_eq!(f.mode, I);
        // Better = (3 + 1)/16, Worse = −(1 + 3)/16.
        assert_eq!(f.better, Some(0.25));
        assert_eq!(f.worse, Some(-0.25));
        // Top two among A, O, M, I, R: I 9, R 7. Fong: |9 − 7| = 2 against
        // 1.65·√(16·(50 − 16)/50) = 5.4425 → not significant, so M>O>A>I decides: I before R.
        assert_eq!((f.fong.first, f.fong.second), (I, R));
        assert!(close(f.fong.difference, 2.0));
        assert!(close(
            f.fong.critical,
            1.65 * (16.0f64 * 34.0 / 50.0).sqrt()
        ));
        assert!(!f.fong.significant);
        assert_eq!((f.category, f.decided_by), (I, KanoRule::Priority));
        // Category strength 9/25 − 7/25; total strength (3 + 1 + 3)/25.
        assert!(close(f.category_strength, 2.0 / 25.0));
        assert!(close(f.total_strength, 7.0 / 25.0));
        // O + A + M = 7 < I + R + Q = 18 → the most frequent of I, R, Q: I.
        assert_eq!(f.oam_category, I);
        // Chi-square of (3, 1, 3, 9) against 4 each: (1 + 9 + 1 + 25)/4 = 9, 3 df,
        // p = 0.029291 (R: pchisq(9, 3, lower.tail = FALSE)).
        let chi = f.chi_square.unwrap();
        assert!(close(chi.statistic, 9.0));
        assert!((chi.p_value - 0.0292909).abs() < 1e-6);
    }

    #[test]
    fn significant_mode_decides() {
        // 40 M against 25 O of n = 100: Fong's critical value 1.65·√(65·135/200) = 10.9;
        // 15 ≥ 10.9 → M by Fong. Strength (40 − 25)/100.
        let f = from_counts(KanoCounts::new(10, 25, 40, 15, 5, 5)).unwrap();
        assert!(close(
            f.fong.critical,
            1.65 * (65.0f64 * 135.0 / 200.0).sqrt()
        ));
        assert!(f.fong.significant);
        assert_eq!((f.category, f.decided_by), (M, KanoRule::Fong));
        assert!(close(f.category_strength, 0.15));
        assert!(close(f.total_strength, 0.75));
    }

    #[test]
    fn close_race_goes_to_the_priority_order() {
        // A 30 and O 28 of 80: not significant → M>O>A>I picks O over A, though A is the mode.
        let f = from_counts(KanoCounts::new(30, 28, 10, 8, 2, 2)).unwrap();
        assert_eq!(f.mode, A);
        assert!(!f.fong.significant);
        assert_eq!((f.category, f.decided_by), (O, KanoRule::Priority));
        assert_eq!(f.oam_category, A);
    }

    #[test]
    fn a_category_nobody_chose_never_wins() {
        // Issue 19: one O answer gave M (the M > O > A > I rule between O and a zero M).
        let f = from_counts(KanoCounts::new(0, 1, 0, 0, 0, 0)).unwrap();
        assert_eq!(
            (f.category, f.decided_by, f.rule_category),
            (O, KanoRule::Only, O)
        );
        // One respondent's R is R, two I answers are I, only Q answers are Q.
        assert_eq!(
            from_counts(KanoCounts::new(0, 0, 0, 0, 1, 0))
                .unwrap()
                .category,
            R
        );
        assert_eq!(
            from_counts(KanoCounts::new(0, 0, 0, 2, 0, 1))
                .unwrap()
                .category,
            I
        );
        let q = from_counts(KanoCounts::new(0, 0, 0, 0, 0, 3)).unwrap();
        assert_eq!(
            (q.category, q.decided_by),
            (KanoCategory::Q, KanoRule::Only)
        );
        // A tie of two chosen categories still follows the M > O > A > I rule.
        let t = from_counts(KanoCounts::new(1, 0, 0, 1, 0, 0)).unwrap();
        assert_eq!((t.category, t.decided_by), (A, KanoRule::Priority));
        // Many answers of one category: Fong's test decides (|10 − 0| ≥ 1.65·√(10·10/20)).
        let f = from_counts(KanoCounts::new(0, 10, 0, 0, 0, 0)).unwrap();
        assert_eq!((f.category, f.decided_by), (O, KanoRule::Fong));
    }

    #[test]
    fn ties_are_broken_by_priority_and_never_significant() {
        let f = from_counts(KanoCounts::new(5, 5, 5, 5, 0, 0)).unwrap();
        assert_eq!((f.fong.first, f.fong.second), (M, O));
        assert!(!f.fong.significant);
        assert_eq!(f.mode, M);
        assert_eq!(f.category, M);
    }

    #[test]
    fn better_and_worse_are_undefined_without_a_o_m_i() {
        let f = from_counts(KanoCounts::new(0, 0, 0, 0, 3, 4)).unwrap();
        assert_eq!((f.better, f.worse), (None, None));
        assert!(f.chi_square.is_none());
        assert_eq!(f.mode, KanoCategory::Q);
        assert_eq!(
            from_counts(KanoCounts::default()).unwrap_err(),
            Error::EmptyFeature { feature: 0 }
        );
    }
}
