//! Behavioural types: price-sensitive, service-driven and product-driven customers from
//! declared indicators.
//!
//! The rule, in full: every indicator is turned into a mid-rank percentile among the
//! customers ((customers lower + half the customers equal) / n, so 0.5 is the median and
//! the scale is comparable across indicators of any unit); reversed indicators use 1 − p.
//! A type's score is the weighted mean of its indicators' percentiles. A customer is of the
//! type with the highest score when that score is at least `min_score` and beats the
//! runner-up by at least `margin`; otherwise the customer is `Mixed`. Types without
//! indicators take no part.

use serde::{Deserialize, Serialize};

use super::rank::{check_finite, mid_percentiles};
use crate::{Error, Result};

/// A customer's behavioural type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BehaviorType {
    /// Chooses on price: rate sensitivity, promotion use, switching for a better rate.
    PriceSensitive,
    /// Chooses on service: advice, branch or contact-centre use, service requests.
    ServiceDriven,
    /// Chooses on products: product holdings, new-product adoption, feature use.
    ProductDriven,
    /// No type stands out by the rules.
    Mixed,
}

impl BehaviorType {
    /// The three types an indicator can point to, in score order.
    pub const DRIVEN: [BehaviorType; 3] = [
        BehaviorType::PriceSensitive,
        BehaviorType::ServiceDriven,
        BehaviorType::ProductDriven,
    ];

    /// The snake-case name ("price_sensitive", "service_driven", "product_driven", "mixed").
    ///
    /// ```
    /// assert_eq!(cxkit::segment::BehaviorType::Mixed.name(), "mixed");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            BehaviorType::PriceSensitive => "price_sensitive",
            BehaviorType::ServiceDriven => "service_driven",
            BehaviorType::ProductDriven => "product_driven",
            BehaviorType::Mixed => "mixed",
        }
    }
}

/// One declared indicator: a value per customer that points to a type.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Indicator<'a> {
    /// Name, for error messages.
    pub name: &'a str,
    /// One finite value per customer.
    pub values: &'a [f64],
    /// The type a high value points to (not `Mixed`).
    pub points_to: BehaviorType,
    /// Weight within its type (positive). Default 1.
    pub weight: f64,
    /// A low value points to the type instead (e.g. tenure for price sensitivity).
    pub reversed: bool,
}

impl<'a> Indicator<'a> {
    /// An indicator with weight 1 where a high value points to `points_to`.
    pub fn new(name: &'a str, values: &'a [f64], points_to: BehaviorType) -> Indicator<'a> {
        Indicator {
            name,
            values,
            points_to,
            weight: 1.0,
            reversed: false,
        }
    }
}

/// The thresholds of the rule (see the module's documentation).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BehaviorRules {
    /// Lowest winning score, in [0, 1]. Default 0.6.
    pub min_score: f64,
    /// Least lead over the runner-up, in [0, 1]. Default 0.1.
    pub margin: f64,
}

impl Default for BehaviorRules {
    fn default() -> Self {
        BehaviorRules {
            min_score: 0.6,
            margin: 0.1,
        }
    }
}

/// Behavioural types of every customer, with the scores behind them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BehaviorTypes {
    /// Type per customer.
    pub types: Vec<BehaviorType>,
    /// Scores per customer in [`BehaviorType::DRIVEN`] order (price, service, product);
    /// None for a type without indicators.
    pub scores: [Option<Vec<f64>>; 3],
    /// Customers per type: price-sensitive, service-driven, product-driven, mixed.
    pub counts: [usize; 4],
}

/// Classifies customers as price-sensitive, service-driven, product-driven or mixed from
/// declared `indicators` by the documented `rules` (see the module's documentation).
///
/// ```
/// use cxkit::segment::{behavior_types, BehaviorRules, BehaviorType::*, Indicator};
///
/// let rate_sensitivity = [4.0, 3.0, 2.0, 1.0];
/// let service_contacts = [1.0, 4.0, 2.0, 3.0];
/// let products_held = [1.0, 1.0, 4.0, 2.0];
/// let t = behavior_types(
///     &[
///         Indicator::new("rate_sensitivity", &rate_sensitivity, PriceSensitive),
///         Indicator::new("service_contacts", &service_contacts, ServiceDriven),
///         Indicator::new("products_held", &products_held, ProductDriven),
///     ],
///     &BehaviorRules::default(),
/// )?;
/// assert_eq!(t.types, vec![PriceSensitive, ServiceDriven, ProductDriven, Mixed]);
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn behavior_types(indicators: &[Indicator], rules: &BehaviorRules) -> Result<BehaviorTypes> {
    let first = indicators.first().ok_or(Error::EmptyInput {
        what: "behaviour indicators",
    })?;
    let n = first.values.len();
    if n == 0 {
        return Err(Error::EmptyInput { what: "customers" });
    }
    for (name, v) in [("min_score", rules.min_score), ("margin", rules.margin)] {
        if !(0.0..=1.0).contains(&v) {
            return Err(Error::InvalidParameter {
                name,
                reason: format!("must be between 0 and 1, got {v}"),
            });
        }
    }
    let mut sums: [Option<Vec<f64>>; 3] = [None, None, None];
    let mut weights = [0.0f64; 3];
    for ind in indicators {
        if ind.values.len() != n {
            return Err(Error::LengthMismatch {
                what: "indicator values (one per customer)",
                expected: n,
                actual: ind.values.len(),
            });
        }
        let slot = BehaviorType::DRIVEN
            .iter()
            .position(|t| *t == ind.points_to)
            .ok_or_else(|| Error::InvalidParameter {
                name: "points_to",
                reason: format!(
                    "indicator {:?} must point to a type other than mixed",
                    ind.name
                ),
            })?;
        if !(ind.weight.is_finite() && ind.weight > 0.0) {
            return Err(Error::InvalidParameter {
                name: "weight",
                reason: format!(
                    "indicator {:?} needs a positive weight, got {}",
                    ind.name, ind.weight
                ),
            });
        }
        check_finite(ind.values, "indicator values")?;
        let sum = sums[slot].get_or_insert_with(|| vec![0.0; n]);
        for (s, p) in sum.iter_mut().zip(mid_percentiles(ind.values)) {
            *s += ind.weight * if ind.reversed { 1.0 - p } else { p };
        }
        weights[slot] += ind.weight;
    }
    for (sum, w) in sums.iter_mut().zip(weights) {
        if let Some(sum) = sum {
            sum.iter_mut().for_each(|s| *s /= w);
        }
    }
    let mut counts = [0usize; 4];
    let types = (0..n)
        .map(|i| {
            let (mut best, mut top, mut second) =
                (BehaviorType::Mixed, f64::NEG_INFINITY, f64::NEG_INFINITY);
            for (t, s) in BehaviorType::DRIVEN.iter().zip(&sums) {
                let Some(s) = s else { continue };
                if s[i] > top {
                    (second, top, best) = (top, s[i], *t);
                } else if s[i] > second {
                    second = s[i];
                }
            }
            let wins = top >= rules.min_score && top - second >= rules.margin && top > second;
            let t = if wins { best } else { BehaviorType::Mixed };
            counts[match t {
                BehaviorType::PriceSensitive => 0,
                BehaviorType::ServiceDriven => 1,
                BehaviorType::ProductDriven => 2,
                BehaviorType::Mixed => 3,
            }] += 1;
            t
        })
        .collect();
    Ok(BehaviorTypes {
        types,
        scores: sums,
        counts,
    })
}

#[cfg(test)]
mod tests {
    use super::BehaviorType::*;
    use super::*;

    const PRICE: [f64; 4] = [4.0, 3.0, 2.0, 1.0];
    const SERVICE: [f64; 4] = [1.0, 4.0, 2.0, 3.0];
    const PRODUCT: [f64; 4] = [1.0, 1.0, 4.0, 2.0];

    #[test]
    fn hand_computed_scores_and_types() {
        // Mid-rank percentiles (lower + half equal)/4:
        //   price   4,3,2,1 → .875 .625 .375 .125
        //   service 1,4,2,3 → .125 .875 .375 .625
        //   product 1,1,4,2 → .25  .25  .875 .625 (the two 1s tie at (0 + 1)/4)
        // Customer 0: price .875 vs .25 → price; 1: service .875 vs .625 → service (lead .25);
        // 2: product .875 vs .375 → product; 3: service and product tie at .625 → mixed.
        let ind = [
            Indicator::new("rate", &PRICE, PriceSensitive),
            Indicator::new("contacts", &SERVICE, ServiceDriven),
            Indicator::new("products", &PRODUCT, ProductDriven),
        ];
        let t = behavior_types(&ind, &BehaviorRules::default()).unwrap();
        assert_eq!(
            t.types,
            vec![PriceSensitive, ServiceDriven, ProductDriven, Mixed]
        );
        assert_eq!(
            t.scores[0].as_ref().unwrap(),
            &vec![0.875, 0.625, 0.375, 0.125]
        );
        assert_eq!(
            t.scores[2].as_ref().unwrap(),
            &vec![0.25, 0.25, 0.875, 0.625]
        );
        assert_eq!(t.counts, [1, 1, 1, 1]);
        // A margin above customer 1's lead (.25) makes it mixed; a high floor, everyone.
        let strict = BehaviorRules {
            margin: 0.3,
            ..BehaviorRules::default()
        };
        assert_eq!(behavior_types(&ind, &strict).unwrap().types[1], Mixed);
        let high = BehaviorRules {
            min_score: 0.9,
            ..BehaviorRules::default()
        };
        assert_eq!(behavior_types(&ind, &high).unwrap().counts, [0, 0, 0, 4]);
    }

    #[test]
    fn weights_and_reversed_indicators() {
        // Price = (3·rate + 1·(1 − tenure))/4; tenure 1,2,3,4 has percentiles .125 .375 .625
        // .875, reversed .875 .625 .375 .125, the same as rate's: customer 0 (3·.875 + .875)/4
        // = .875, customer 1 .625, customer 2 .375, customer 3 .125.
        let tenure = [1.0, 2.0, 3.0, 4.0];
        let ind = [
            Indicator {
                weight: 3.0,
                ..Indicator::new("rate", &PRICE, PriceSensitive)
            },
            Indicator {
                reversed: true,
                ..Indicator::new("tenure", &tenure, PriceSensitive)
            },
        ];
        let t = behavior_types(&ind, &BehaviorRules::default()).unwrap();
        let price = t.scores[0].as_ref().unwrap();
        assert!((price[0] - 0.875).abs() < 1e-12 && (price[3] - 0.125).abs() < 1e-12);
        // One type only: the runner-up is absent, so the score alone decides.
        assert_eq!(t.types, vec![PriceSensitive, PriceSensitive, Mixed, Mixed]);
        assert!(t.scores[1].is_none());
    }

    #[test]
    fn bad_input() {
        let r = BehaviorRules::default();
        assert!(matches!(
            behavior_types(&[], &r),
            Err(Error::EmptyInput { .. })
        ));
        let short = [1.0, 2.0];
        let nan = [1.0, f64::NAN, 2.0, 3.0];
        for bad in [
            vec![
                Indicator::new("a", &PRICE, PriceSensitive),
                Indicator::new("b", &short, ServiceDriven),
            ],
            vec![Indicator::new("a", &PRICE, Mixed)],
            vec![Indicator {
                weight: 0.0,
                ..Indicator::new("a", &PRICE, PriceSensitive)
            }],
            vec![Indicator::new("a", &nan, PriceSensitive)],
        ] {
            assert!(behavior_types(&bad, &r).is_err());
        }
        let bad_rule = BehaviorRules {
            min_score: 1.5,
            ..r
        };
        assert!(matches!(
            behavior_types(&[Indicator::new("a", &PRICE, PriceSensitive)], &bad_rule),
            Err(Error::InvalidParameter {
                name: "min_score",
                ..
            })
        ));
    }
}
