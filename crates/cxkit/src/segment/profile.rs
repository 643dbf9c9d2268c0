//! Segment profiles (personas) and segment attractiveness.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::quantile::quantile;
use crate::{Error, Result};

/// A numeric attribute of every customer; NaN marks a missing value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NumericAttribute<'a> {
    /// Column name.
    pub name: &'a str,
    /// One value per customer (NaN = missing; ±∞ is an error).
    pub values: &'a [f64],
}

/// A categorical attribute of every customer, as codes into `levels`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CategoricalAttribute<'a> {
    /// Column name.
    pub name: &'a str,
    /// One code per customer (None = missing).
    pub codes: &'a [Option<u32>],
    /// The category names.
    pub levels: &'a [String],
}

/// What [`profile_segments`] reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileOptions {
    /// Quantiles of every numeric attribute, in [0, 1] (linear interpolation, numpy's and
    /// pandas' default). Default 0.25, 0.75 (the median is always reported).
    pub quantiles: Vec<f64>,
    /// Most frequent categories reported per categorical attribute. Default 3.
    pub top: usize,
}

impl Default for ProfileOptions {
    fn default() -> Self {
        ProfileOptions {
            quantiles: vec![0.25, 0.75],
            top: 3,
        }
    }
}

/// Summary of one numeric attribute within a segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumericSummary {
    /// Attribute name.
    pub name: String,
    /// Customers with a value.
    pub count: usize,
    /// Customers without one.
    pub missing: usize,
    /// Mean (None without values).
    pub mean: Option<f64>,
    /// Sample standard deviation, n − 1 (None below two values).
    pub std: Option<f64>,
    /// Smallest value.
    pub min: Option<f64>,
    /// Median.
    pub median: Option<f64>,
    /// The asked quantiles, in the order asked.
    pub quantiles: Vec<Option<f64>>,
    /// Largest value.
    pub max: Option<f64>,
    /// Segment mean / population mean (None when either is missing or the population's is 0):
    /// 1.2 reads "20 % above the average customer".
    pub index: Option<f64>,
}

/// One category's share within a segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryShare {
    /// Category name.
    pub level: String,
    /// Customers of the segment in the category.
    pub count: usize,
    /// Their share of the segment's customers with a value.
    pub share: f64,
    /// The category's share in the whole population.
    pub population_share: f64,
    /// share / population_share: above 1, over-represented in the segment.
    pub lift: f64,
}

/// Summary of one categorical attribute within a segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoricalSummary {
    /// Attribute name.
    pub name: String,
    /// Customers without a value.
    pub missing: usize,
    /// The most frequent categories, most frequent first (ties by level order).
    pub top: Vec<CategoryShare>,
}

/// The profile of one segment, or of the whole population.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentProfile {
    /// Segment label (None for the population).
    pub segment: Option<u32>,
    /// Customers.
    pub size: usize,
    /// Share of all customers.
    pub share: f64,
    /// One summary per numeric attribute, in the order given.
    pub numeric: Vec<NumericSummary>,
    /// One summary per categorical attribute, in the order given.
    pub categorical: Vec<CategoricalSummary>,
}

/// Profiles of every segment (by increasing label) and of the population.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentProfiles {
    /// One profile per segment label, smallest label first.
    pub segments: Vec<SegmentProfile>,
    /// The whole population (index 1 everywhere).
    pub population: SegmentProfile,
}

fn numeric_summary(
    name: &str,
    values: &[f64],
    members: &[usize],
    quantiles: &[f64],
    population_mean: Option<f64>,
) -> NumericSummary {
    let mut v: Vec<f64> = members
        .iter()
        .map(|&i| values[i])
        .filter(|v| !v.is_nan())
        .collect();
    v.sort_unstable_by(f64::total_cmp);
    let n = v.len();
    let mean = (n > 0).then(|| v.iter().sum::<f64>() / n as f64);
    let std = mean
        .filter(|_| n > 1)
        .map(|m| (v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1) as f64).sqrt());
    let index = match (mean, population_mean) {
        (Some(m), Some(p)) if p != 0.0 => Some(m / p),
        _ => None,
    };
    NumericSummary {
        name: name.to_string(),
        count: n,
        missing: members.len() - n,
        mean,
        std,
        min: v.first().copied(),
        median: quantile(&v, 0.5),
        quantiles: quantiles.iter().map(|&q| quantile(&v, q)).collect(),
        max: v.last().copied(),
        index,
    }
}

fn category_counts(attr: &CategoricalAttribute, members: &[usize]) -> (Vec<usize>, usize) {
    let mut counts = vec![0usize; attr.levels.len()];
    let mut missing = 0;
    for &i in members {
        match attr.codes[i] {
            Some(c) => counts[c as usize] += 1,
            None => missing += 1,
        }
    }
    (counts, missing)
}

/// What every segment's profile is computed from.
struct Inputs<'a> {
    n: usize,
    numeric: &'a [NumericAttribute<'a>],
    categorical: &'a [CategoricalAttribute<'a>],
    options: &'a ProfileOptions,
    /// Category counts of the whole population, per categorical attribute.
    population_counts: Vec<Vec<usize>>,
}

fn profile(
    segment: Option<u32>,
    members: &[usize],
    inputs: &Inputs,
    population: Option<&SegmentProfile>,
) -> SegmentProfile {
    let Inputs {
        n,
        numeric,
        categorical,
        options,
        ref population_counts,
    } = *inputs;
    let numeric = numeric
        .par_iter()
        .enumerate()
        .map(|(j, a)| {
            let pop = population.and_then(|p| p.numeric[j].mean);
            let mut s = numeric_summary(a.name, a.values, members, &options.quantiles, pop);
            if population.is_none() {
                s.index = s.mean.filter(|m| *m != 0.0).map(|_| 1.0);
            }
            s
        })
        .collect();
    let categorical = categorical
        .iter()
        .zip(population_counts)
        .map(|(a, pop_counts)| {
            let (counts, missing) = category_counts(a, members);
            let all = counts.iter().sum::<usize>();
            let pop_all = pop_counts.iter().sum::<usize>();
            let mut order: Vec<usize> = (0..counts.len()).filter(|&c| counts[c] > 0).collect();
            order.sort_by(|&a, &b| counts[b].cmp(&counts[a]).then(a.cmp(&b)));
            let top = order
                .into_iter()
                .take(options.top)
                .map(|c| {
                    let share = counts[c] as f64 / all as f64;
                    let population_share = pop_counts[c] as f64 / pop_all as f64;
                    CategoryShare {
                        level: a.levels[c].clone(),
                        count: counts[c],
                        share,
                        population_share,
                        lift: share / population_share,
                    }
                })
                .collect();
            CategoricalSummary {
                name: a.name.to_string(),
                missing,
                top,
            }
        })
        .collect();
    SegmentProfile {
        segment,
        size: members.len(),
        share: members.len() as f64 / n as f64,
        numeric,
        categorical,
    }
}

/// Profiles each segment of `segments` (a label per customer): size, share, and for every
/// numeric attribute count, missing, mean, standard deviation, min, median, quantiles, max
/// and the index against the population mean; for every categorical attribute the top
/// categories with their share in the segment, in the population and the lift.
///
/// ```
/// use cxkit::segment::{profile_segments, CategoricalAttribute, NumericAttribute, ProfileOptions};
///
/// let segment = [0, 0, 1, 1];
/// let balance = [100.0, 300.0, 1000.0, f64::NAN]; // NaN: not known
/// let channel = [Some(0), Some(0), Some(1), None];
/// let levels = ["branch".to_string(), "app".to_string()];
/// let p = profile_segments(
///     &segment,
///     &[NumericAttribute { name: "balance", values: &balance }],
///     &[CategoricalAttribute { name: "channel", codes: &channel, levels: &levels }],
///     &ProfileOptions::default(),
/// )?;
/// let b = &p.segments[0].numeric[0];
/// assert_eq!(b.mean, Some(200.0));
/// assert_eq!(b.index, Some(200.0 / (1400.0 / 3.0))); // population mean over known values
/// assert_eq!(p.segments[1].numeric[0].missing, 1);
/// assert_eq!(p.segments[1].categorical[0].top[0].level, "app");
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn profile_segments(
    segments: &[u32],
    numeric: &[NumericAttribute],
    categorical: &[CategoricalAttribute],
    options: &ProfileOptions,
) -> Result<SegmentProfiles> {
    let n = segments.len();
    if n == 0 {
        return Err(Error::EmptyInput { what: "customers" });
    }
    if let Some(q) = options.quantiles.iter().find(|q| !(0.0..=1.0).contains(*q)) {
        return Err(Error::InvalidParameter {
            name: "quantiles",
            reason: format!("must lie in [0, 1], got {q}"),
        });
    }
    for a in numeric {
        if a.values.len() != n {
            return Err(Error::LengthMismatch {
                what: "attribute values (one per customer)",
                expected: n,
                actual: a.values.len(),
            });
        }
        if let Some(i) = a.values.iter().position(|v| v.is_infinite()) {
            return Err(Error::InvalidParameter {
                name: "numeric attribute",
                reason: format!("{:?} is infinite at index {i}", a.name),
            });
        }
    }
    for a in categorical {
        if a.codes.len() != n {
            return Err(Error::LengthMismatch {
                what: "attribute codes (one per customer)",
                expected: n,
                actual: a.codes.len(),
            });
        }
        if let Some(i) = a
            .codes
            .iter()
            .position(|c| c.is_some_and(|c| c as usize >= a.levels.len()))
        {
            return Err(Error::InvalidParameter {
                name: "categorical attribute",
                reason: format!(
                    "{:?} has code {} at index {i}, but only {} levels",
                    a.name,
                    a.codes[i].unwrap_or_default(),
                    a.levels.len()
                ),
            });
        }
    }
    let mut groups: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, &s) in segments.iter().enumerate() {
        groups.entry(s).or_default().push(i);
    }
    let all: Vec<usize> = (0..n).collect();
    let population_counts: Vec<Vec<usize>> = categorical
        .iter()
        .map(|a| category_counts(a, &all).0)
        .collect();
    let inputs = Inputs {
        n,
        numeric,
        categorical,
        options,
        population_counts,
    };
    let population = profile(None, &all, &inputs, None);
    let segments = groups
        .par_iter()
        .map(|(&s, members)| profile(Some(s), members, &inputs, Some(&population)))
        .collect();
    Ok(SegmentProfiles {
        segments,
        population,
    })
}

/// Weights of the attractiveness criteria (non-negative, not all zero).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AttractivenessWeights {
    /// Weight of the segment's share of customers. Default 1.
    pub size: f64,
    /// Weight of the mean value per customer. Default 1.
    pub value: f64,
    /// Weight of the mean growth. Default 1.
    pub growth: f64,
}

impl Default for AttractivenessWeights {
    fn default() -> Self {
        AttractivenessWeights {
            size: 1.0,
            value: 1.0,
            growth: 1.0,
        }
    }
}

/// One segment's attractiveness.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attractiveness {
    /// Segment label.
    pub segment: u32,
    /// Size, value and growth each rescaled to [0, 1] across the segments (min → 0,
    /// max → 1; 0.5 for all when a criterion does not differ); None for a criterion not used.
    pub criteria: [Option<f64>; 3],
    /// 100 × the weighted mean of the rescaled criteria used.
    pub score: f64,
    /// 1 = most attractive (ties share the better rank).
    pub rank: usize,
}

/// Attractiveness of each profiled segment from its size (share of customers), value (the
/// mean of the numeric attribute named `value`) and growth (the mean of `growth`), rescaled
/// across the segments and weighted by the caller; criteria without an attribute are left
/// out. In segment order.
///
/// ```
/// use cxkit::segment::{profile_segments, segment_attractiveness, AttractivenessWeights,
///                      NumericAttribute, ProfileOptions};
///
/// // Segment 0: 3 customers worth 10; segment 1: 1 customer worth 50.
/// let p = profile_segments(&[0, 0, 0, 1],
///     &[NumericAttribute { name: "clv", values: &[10.0, 10.0, 10.0, 50.0] }], &[],
///     &ProfileOptions::default())?;
/// let w = AttractivenessWeights { size: 1.0, value: 3.0, growth: 0.0 };
/// let a = segment_attractiveness(&p, Some("clv"), None, &w)?;
/// // Size: 0 is largest (1), 1 smallest (0); value the other way round.
/// assert_eq!(a[0].score, 100.0 * (1.0 * 1.0 + 3.0 * 0.0) / 4.0);
/// assert_eq!(a[1].score, 100.0 * (1.0 * 0.0 + 3.0 * 1.0) / 4.0);
/// assert_eq!((a[0].rank, a[1].rank), (2, 1));
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn segment_attractiveness(
    profiles: &SegmentProfiles,
    value: Option<&str>,
    growth: Option<&str>,
    weights: &AttractivenessWeights,
) -> Result<Vec<Attractiveness>> {
    let w = [weights.size, weights.value, weights.growth];
    if w.iter().any(|w| !(w.is_finite() && *w >= 0.0)) {
        return Err(Error::InvalidParameter {
            name: "weights",
            reason: format!("must be non-negative numbers, got {w:?}"),
        });
    }
    let mean_of = |name: &str| -> Result<Vec<f64>> {
        let j = profiles
            .population
            .numeric
            .iter()
            .position(|a| a.name == name)
            .ok_or_else(|| Error::InvalidParameter {
                name: "attribute",
                reason: format!("{name:?} is not a profiled numeric attribute"),
            })?;
        profiles
            .segments
            .iter()
            .map(|s| {
                s.numeric[j].mean.ok_or_else(|| Error::InsufficientData {
                    what: "segment attractiveness",
                    needed: "a known value of each criterion's attribute in every segment",
                    got: format!(
                        "none of {name:?} in segment {}",
                        s.segment.unwrap_or_default()
                    ),
                })
            })
            .collect()
    };
    let raw: [Option<Vec<f64>>; 3] = [
        Some(profiles.segments.iter().map(|s| s.share).collect()),
        value.map(mean_of).transpose()?,
        growth.map(mean_of).transpose()?,
    ];
    let used: f64 = raw
        .iter()
        .zip(w)
        .filter(|(r, _)| r.is_some())
        .map(|(_, w)| w)
        .sum();
    if used <= 0.0 {
        return Err(Error::InvalidParameter {
            name: "weights",
            reason: "the criteria used need a positive total weight".into(),
        });
    }
    let scaled: Vec<Option<Vec<f64>>> = raw
        .iter()
        .map(|r| {
            r.as_ref().map(|v| {
                let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
                let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                v.iter()
                    .map(|x| if hi > lo { (x - lo) / (hi - lo) } else { 0.5 })
                    .collect()
            })
        })
        .collect();
    let mut out: Vec<Attractiveness> = profiles
        .segments
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let criteria = [0, 1, 2].map(|c| scaled[c].as_ref().map(|v| v[i]));
            let score = 100.0
                * criteria
                    .iter()
                    .zip(w)
                    .filter_map(|(c, w)| c.map(|c| c * w))
                    .sum::<f64>()
                / used;
            Attractiveness {
                segment: s.segment.expect("segments carry labels"),
                criteria,
                score,
                rank: 0,
            }
        })
        .collect();
    let scores: Vec<f64> = out.iter().map(|a| a.score).collect();
    for a in &mut out {
        a.rank = 1 + scores.iter().filter(|s| **s > a.score).count();
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_by_hand() {
        // Segment 5: incomes 10, 20, 30, 40; segment 2: 100, NaN. Population of known
        // values 10, 20, 30, 40, 100: mean 40. Segment 5: mean 25, index .625, sd √(500/3),
        // median 25, q25 17.5. Channel: segment 5 has a, a, b, missing → a 2/3 (population
        // a 3/5: lift (2/3)/(3/5) = 10/9).
        let seg = [5, 5, 5, 5, 2, 2];
        let income = [10.0, 20.0, 30.0, 40.0, 100.0, f64::NAN];
        let codes = [Some(0), Some(0), Some(1), None, Some(0), Some(1)];
        let levels = ["a".to_string(), "b".to_string()];
        let p = profile_segments(
            &seg,
            &[NumericAttribute {
                name: "income",
                values: &income,
            }],
            &[CategoricalAttribute {
                name: "channel",
                codes: &codes,
                levels: &levels,
            }],
            &ProfileOptions::default(),
        )
        .unwrap();
        assert_eq!(
            p.segments.iter().map(|s| s.segment).collect::<Vec<_>>(),
            vec![Some(2), Some(5)]
        );
        let s5 = &p.segments[1];
        assert_eq!((s5.size, s5.share), (4, 4.0 / 6.0));
        let inc = &s5.numeric[0];
        assert_eq!(inc.mean, Some(25.0));
        assert_eq!(inc.index, Some(25.0 / 40.0));
        assert!((inc.std.unwrap() - (500.0f64 / 3.0).sqrt()).abs() < 1e-12);
        assert_eq!(
            (inc.min, inc.median, inc.max),
            (Some(10.0), Some(25.0), Some(40.0))
        );
        assert_eq!(inc.quantiles, vec![Some(17.5), Some(32.5)]);
        let s2 = &p.segments[0].numeric[0];
        assert_eq!((s2.count, s2.missing, s2.std), (1, 1, None));
        let ch = &s5.categorical[0];
        assert_eq!(ch.missing, 1);
        assert_eq!(ch.top[0].level, "a");
        assert!((ch.top[0].share - 2.0 / 3.0).abs() < 1e-12);
        assert!((ch.top[0].population_share - 0.6).abs() < 1e-12);
        assert!((ch.top[0].lift - 10.0 / 9.0).abs() < 1e-12);
        assert_eq!(p.population.numeric[0].index, Some(1.0));
    }

    #[test]
    fn attractiveness_by_hand() {
        // Three segments: shares .5, .3, .2; value 100, 300, 200; growth 0.01, 0.05, 0.03.
        // Rescaled (x − min)/(max − min): size 1, 1/3, 0; value 0, 1, .5; growth 0, 1, .5.
        // Weights 2, 1, 1 → 100·(2s + v + g)/4: seg 0 50, seg 1 100·(8/3)/4 = 66.67, seg 2 25.
        let seg: Vec<u32> = [0; 5].into_iter().chain([1; 3]).chain([2; 2]).collect();
        let value: Vec<f64> = [100.0; 5]
            .into_iter()
            .chain([300.0; 3])
            .chain([200.0; 2])
            .collect();
        let growth: Vec<f64> = [0.01; 5]
            .into_iter()
            .chain([0.05; 3])
            .chain([0.03; 2])
            .collect();
        let p = profile_segments(
            &seg,
            &[
                NumericAttribute {
                    name: "value",
                    values: &value,
                },
                NumericAttribute {
                    name: "growth",
                    values: &growth,
                },
            ],
            &[],
            &ProfileOptions::default(),
        )
        .unwrap();
        let w = AttractivenessWeights {
            size: 2.0,
            value: 1.0,
            growth: 1.0,
        };
        let a = segment_attractiveness(&p, Some("value"), Some("growth"), &w).unwrap();
        let scores: Vec<f64> = a.iter().map(|a| a.score).collect();
        for (g, want) in scores.iter().zip([50.0, 200.0 / 3.0, 25.0]) {
            assert!((g - want).abs() < 1e-9, "{scores:?}");
        }
        assert_eq!(a.iter().map(|a| a.rank).collect::<Vec<_>>(), vec![2, 1, 3]);
        assert!(segment_attractiveness(&p, Some("nope"), None, &w).is_err());
        let zero = AttractivenessWeights {
            size: 0.0,
            value: 0.0,
            growth: 1.0,
        };
        assert!(segment_attractiveness(&p, Some("value"), None, &zero).is_err());
    }

    #[test]
    fn bad_input() {
        let o = ProfileOptions::default();
        assert!(profile_segments(&[], &[], &[], &o).is_err());
        let inf = [1.0, f64::INFINITY];
        assert!(profile_segments(
            &[0, 1],
            &[NumericAttribute {
                name: "x",
                values: &inf
            }],
            &[],
            &o
        )
        .is_err());
        assert!(matches!(
            profile_segments(
                &[0, 1, 1],
                &[NumericAttribute {
                    name: "x",
                    values: &inf
                }],
                &[],
                &o
            ),
            Err(Error::LengthMismatch { .. })
        ));
        let levels = ["a".to_string()];
        let codes = [Some(0), Some(3)];
        assert!(profile_segments(
            &[0, 1],
            &[],
            &[CategoricalAttribute {
                name: "c",
                codes: &codes,
                levels: &levels
            }],
            &o
        )
        .is_err());
        let bad_q = ProfileOptions {
            quantiles: vec![1.5],
            top: 3,
        };
        assert!(profile_segments(&[0], &[], &[], &bad_q).is_err());
    }
}
