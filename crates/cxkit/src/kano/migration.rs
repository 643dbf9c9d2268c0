//! KANO categories across survey waves: what delighted (attractive) becomes expected
//! (one-dimensional) and then taken for granted (must-be).

use serde::{Deserialize, Serialize};
use statrs::distribution::{ChiSquared, ContinuousCDF};

use super::analysis::KanoTable;
use super::category::{KanoCategory, KanoCounts};
use super::verdict::KanoFeature;
use crate::error::check_between_0_and_1;
use crate::{Error, Result};

/// The test of one feature's category counts in two consecutive waves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryChange {
    /// The earlier wave (index into the waves given); the later one is the next.
    pub from_wave: usize,
    /// Pearson's chi-square statistic of the 2 × c table of category counts (A, O, M, I, R,
    /// Q; categories neither wave has are left out).
    pub chi_square: f64,
    /// Degrees of freedom, c − 1 (0 when both waves fall in one category).
    pub df: usize,
    /// P-value of the test of homogeneity (1 with no degrees of freedom).
    pub p_value: f64,
    /// Whether the final category differs between the two waves.
    pub category_changed: bool,
    /// Whether the category changed and the counts differ at the level given.
    pub significant: bool,
}

/// One feature over the waves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KanoMigration {
    /// The final category in each wave.
    pub categories: Vec<KanoCategory>,
    /// Better coefficient in each wave.
    pub better: Vec<Option<f64>>,
    /// Worse coefficient in each wave.
    pub worse: Vec<Option<f64>>,
    /// The categories in order with repeats merged (`[A, O, M]` for A, A, O, M).
    pub path: Vec<KanoCategory>,
    /// The test of each pair of consecutive waves.
    pub changes: Vec<CategoryChange>,
    /// Whether some pair of consecutive waves changed category significantly.
    pub migrated: bool,
}

impl KanoMigration {
    /// The path as text, e.g. "A → O → M".
    pub fn path_text(&self) -> String {
        self.path
            .iter()
            .map(|c| c.to_string())
            .collect::<Vec<_>>()
            .join(" → ")
    }
}

/// Pearson's chi-square test of homogeneity of two waves' category counts: (statistic,
/// degrees of freedom, p-value).
fn homogeneity(a: &KanoCounts, b: &KanoCounts) -> (f64, usize, f64) {
    let (a, b) = (a.as_array(), b.as_array());
    let (na, nb) = (a.iter().sum::<u64>() as f64, b.iter().sum::<u64>() as f64);
    let n = na + nb;
    let mut chi = 0.0;
    let mut columns = 0;
    for (&x, &y) in a.iter().zip(&b) {
        let column = (x + y) as f64;
        if column == 0.0 {
            continue;
        }
        columns += 1;
        let (ex, ey) = (na * column / n, nb * column / n);
        chi += (x as f64 - ex).powi(2) / ex + (y as f64 - ey).powi(2) / ey;
    }
    let df = columns.max(1) - 1;
    let p = if df == 0 {
        1.0
    } else {
        ChiSquared::new(df as f64)
            .expect("positive degrees of freedom")
            .sf(chi)
    };
    (chi, df, p)
}

/// Each feature's category, Better and Worse in every wave, the path of its categories and
/// whether it migrated: between two consecutive waves its category changed and a chi-square
/// test of homogeneity of the two waves' category counts rejects at `alpha`. The waves are
/// analyses of the same features in the same order (e.g. each wave's
/// [`analyze`](super::analyze) or [`KanoAccumulator`](super::KanoAccumulator)).
///
/// ```
/// use cxkit::kano::{from_counts, kano_migration, KanoCategory, KanoCounts, KanoTable};
///
/// let wave = |counts: KanoCounts| KanoTable {
///     features: vec![from_counts(counts).unwrap()],
///     respondents: counts.total() as usize,
///     dropped: 0,
///     importance_cut: None,
/// };
/// // Attractive last year, one-dimensional now.
/// let before = wave(KanoCounts::new(50, 20, 10, 20, 0, 0));
/// let after = wave(KanoCounts::new(20, 50, 10, 20, 0, 0));
/// let m = &kano_migration(&[before, after], 0.05)?[0];
/// assert_eq!(m.path_text(), "A → O");
/// assert!(m.migrated);
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn kano_migration(waves: &[KanoTable], alpha: f64) -> Result<Vec<KanoMigration>> {
    check_between_0_and_1("alpha", alpha)?;
    if waves.len() < 2 {
        return Err(Error::InsufficientData {
            what: "a KANO migration",
            needed: "at least two waves",
            got: waves.len().to_string(),
        });
    }
    let k = waves[0].features.len();
    if let Some(w) = waves.iter().find(|w| w.features.len() != k) {
        return Err(Error::LengthMismatch {
            what: "features per wave (the same features in every wave)",
            expected: k,
            actual: w.features.len(),
        });
    }
    Ok((0..k)
        .map(|j| {
            // The feature in each wave.
            let f: Vec<&KanoFeature> = waves.iter().map(|w| &w.features[j]).collect();
            let categories: Vec<KanoCategory> = f.iter().map(|f| f.category).collect();
            let mut path = categories.clone();
            path.dedup();
            let changes: Vec<CategoryChange> = f
                .windows(2)
                .enumerate()
                .map(|(t, pair)| {
                    let (chi_square, df, p_value) = homogeneity(&pair[0].counts, &pair[1].counts);
                    let category_changed = pair[0].category != pair[1].category;
                    CategoryChange {
                        from_wave: t,
                        chi_square,
                        df,
                        p_value,
                        category_changed,
                        significant: category_changed && p_value < alpha,
                    }
                })
                .collect();
            KanoMigration {
                better: f.iter().map(|f| f.better).collect(),
                worse: f.iter().map(|f| f.worse).collect(),
                migrated: changes.iter().any(|c| c.significant),
                categories,
                path,
                changes,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kano::from_counts;

    fn wave(features: &[KanoCounts]) -> KanoTable {
        KanoTable {
            features: features.iter().map(|&c| from_counts(c).unwrap()).collect(),
            respondents: features[0].total() as usize,
            dropped: 0,
            importance_cut: None,
        }
    }

    #[test]
    fn homogeneity_matches_scipy() {
        // scipy.stats.chi2_contingency([[30, 10, 10, 50], [10, 30, 10, 50]],
        // correction=False): statistic 20.0, dof 3, p 0.00016974243555282632; and
        // [[12, 20, 15, 40, 3], [14, 18, 17, 38, 5]]: 0.9135236566658196, 4, 0.9226126638846484.
        let (c, df, p) = homogeneity(
            &KanoCounts::new(30, 10, 10, 50, 0, 0),
            &KanoCounts::new(10, 30, 10, 50, 0, 0),
        );
        assert!((c - 20.0).abs() < 1e-12 && df == 3 && (p - 0.00016974243555282632).abs() < 1e-12);
        let (c, df, p) = homogeneity(
            &KanoCounts::new(12, 20, 15, 40, 3, 0),
            &KanoCounts::new(14, 18, 17, 38, 5, 0),
        );
        assert!((c - 0.9135236566658196).abs() < 1e-12 && df == 4);
        assert!((p - 0.9226126638846484).abs() < 1e-9);
        // One category in both waves: nothing to test.
        let one = KanoCounts::new(5, 0, 0, 0, 0, 0);
        assert_eq!(homogeneity(&one, &one), (0.0, 0, 1.0));
    }

    #[test]
    fn paths_tests_and_bad_input() {
        // Feature 0 drifts A → O → M with large samples; feature 1 stays I; feature 2 flips
        // from A (top two A, I) to O (top two O, A: the M > O > A > I rule) on counts too
        // close to call.
        let waves = [
            wave(&[
                KanoCounts::new(60, 20, 10, 10, 0, 0),
                KanoCounts::new(10, 10, 10, 70, 0, 0),
                KanoCounts::new(20, 18, 5, 19, 0, 0),
            ]),
            wave(&[
                KanoCounts::new(20, 60, 10, 10, 0, 0),
                KanoCounts::new(12, 8, 10, 70, 0, 0),
                KanoCounts::new(19, 20, 5, 18, 0, 0),
            ]),
            wave(&[
                KanoCounts::new(10, 20, 60, 10, 0, 0),
                KanoCounts::new(10, 10, 12, 68, 0, 0),
                KanoCounts::new(19, 20, 5, 18, 0, 0),
            ]),
        ];
        let m = kano_migration(&waves, 0.05).unwrap();
        assert_eq!(m[0].path_text(), "A → O → M");
        assert!(m[0].migrated && m[0].changes.iter().all(|c| c.significant));
        assert_eq!(m[0].better[0], Some(0.8));
        assert_eq!(m[1].path, vec![KanoCategory::I]);
        assert!(!m[1].migrated);
        assert_eq!(m[2].path_text(), "A → O");
        assert!(m[2].changes[0].category_changed && !m[2].changes[0].significant);
        assert!(!m[2].migrated);
        assert!(matches!(
            kano_migration(&waves[..1], 0.05),
            Err(Error::InsufficientData { .. })
        ));
        assert!(matches!(
            kano_migration(
                &[waves[0].clone(), wave(&[KanoCounts::new(1, 0, 0, 0, 0, 0)])],
                0.05
            ),
            Err(Error::LengthMismatch { .. })
        ));
        assert!(matches!(
            kano_migration(&waves, 1.0),
            Err(Error::InvalidParameter { .. })
        ));
    }
}
