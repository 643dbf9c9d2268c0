//! Customer delivered value (Kotler): total customer value minus total customer cost.
//!
//! Total value is the weighted sum of perceived gains (product, service, personnel, image by
//! default); total cost the weighted sum of perceived losses (monetary, time, energy, psychic).
//! Names, weights and scales are the caller's; [`ValueModel::default`] gives Kotler's eight
//! components with equal weights.

use ndarray::ArrayView2;
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// A named, weighted component of value or cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Component {
    /// The component's name ("service", "time", …).
    pub name: String,
    /// Its weight (non-negative, finite).
    pub weight: f64,
}

/// The components of total customer value and total customer cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValueModel {
    /// Perceived gains.
    pub value: Vec<Component>,
    /// Perceived losses.
    pub cost: Vec<Component>,
}

impl Default for ValueModel {
    /// Product, service, personnel and image value; monetary, time, energy and psychic cost;
    /// each weighted 1/4 within its side.
    fn default() -> Self {
        let side = |names: [&str; 4]| {
            names
                .iter()
                .map(|n| Component {
                    name: n.to_string(),
                    weight: 0.25,
                })
                .collect()
        };
        ValueModel {
            value: side(["product", "service", "personnel", "image"]),
            cost: side(["monetary", "time", "energy", "psychic"]),
        }
    }
}

impl ValueModel {
    /// A model from (name, weight) pairs for each side.
    ///
    /// ```
    /// use cxkit::value::ValueModel;
    ///
    /// let m = ValueModel::new(&[("rates", 0.6), ("app", 0.4)], &[("fees", 1.0)]).unwrap();
    /// assert_eq!(m.value.len(), 2);
    /// assert!(ValueModel::new(&[("rates", -1.0)], &[("fees", 1.0)]).is_err());
    /// ```
    pub fn new(value: &[(&str, f64)], cost: &[(&str, f64)]) -> Result<ValueModel> {
        let side = |pairs: &[(&str, f64)]| {
            pairs
                .iter()
                .map(|&(n, w)| Component {
                    name: n.to_string(),
                    weight: w,
                })
                .collect()
        };
        let model = ValueModel {
            value: side(value),
            cost: side(cost),
        };
        model.check()?;
        Ok(model)
    }

    fn check(&self) -> Result<()> {
        for (side, components) in [("value", &self.value), ("cost", &self.cost)] {
            if components.is_empty() {
                return Err(Error::InvalidParameter {
                    name: "model",
                    reason: format!("the {side} side has no components"),
                });
            }
            if let Some(c) = components
                .iter()
                .find(|c| !(c.weight.is_finite() && c.weight >= 0.0))
            {
                return Err(Error::InvalidParameter {
                    name: "model",
                    reason: format!(
                        "weight {} of {side} component {:?} is not finite and non-negative",
                        c.weight, c.name
                    ),
                });
            }
        }
        Ok(())
    }
}

/// Delivered value per customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeliveredValue {
    /// Total customer value Σ wᵢ·valueᵢ.
    pub total_value: Vec<f64>,
    /// Total customer cost Σ wⱼ·costⱼ.
    pub total_cost: Vec<f64>,
    /// Delivered value: total value − total cost.
    pub delivered: Vec<f64>,
    /// Value ÷ cost; None where the total cost is zero.
    pub ratio: Vec<Option<f64>>,
}

fn weighted(scores: &[f64], components: &[Component]) -> f64 {
    scores
        .iter()
        .zip(components)
        .map(|(s, c)| s * c.weight)
        .sum()
}

fn check_matrix(m: &ArrayView2<f64>, components: &[Component], what: &'static str) -> Result<()> {
    if m.ncols() != components.len() {
        return Err(Error::LengthMismatch {
            what,
            expected: components.len(),
            actual: m.ncols(),
        });
    }
    if let Some(((r, j), v)) = m.indexed_iter().find(|(_, v)| !v.is_finite()) {
        return Err(Error::InvalidParameter {
            name: what,
            reason: format!(
                "score {v} of customer {r}, component {:?} is not finite",
                components[j].name
            ),
        });
    }
    Ok(())
}

/// Delivered value of each customer from perceived value scores (customers × value
/// components) and perceived cost scores (customers × cost components).
///
/// ```
/// use cxkit::value::{delivered_value, ValueModel};
/// use ndarray::array;
///
/// let model = ValueModel::new(&[("product", 0.5), ("service", 0.5)], &[("price", 0.7), ("time", 0.3)])?;
/// let r = delivered_value(array![[8.0, 6.0]].view(), array![[5.0, 2.0]].view(), &model)?;
/// // value 0.5·8 + 0.5·6 = 7, cost 0.7·5 + 0.3·2 = 4.1, delivered 2.9, ratio 7/4.1.
/// assert!((r.delivered[0] - 2.9).abs() < 1e-12);
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn delivered_value(
    value: ArrayView2<f64>,
    cost: ArrayView2<f64>,
    model: &ValueModel,
) -> Result<DeliveredValue> {
    model.check()?;
    check_matrix(
        &value,
        &model.value,
        "value scores (one column per value component)",
    )?;
    check_matrix(
        &cost,
        &model.cost,
        "cost scores (one column per cost component)",
    )?;
    if value.nrows() != cost.nrows() {
        return Err(Error::LengthMismatch {
            what: "cost scores (one row per customer)",
            expected: value.nrows(),
            actual: cost.nrows(),
        });
    }
    let row_sum = |m: &ArrayView2<f64>, c: &[Component]| -> Vec<f64> {
        m.rows()
            .into_iter()
            .map(|r| r.iter().zip(c).map(|(s, c)| s * c.weight).sum())
            .collect()
    };
    let total_value = row_sum(&value, &model.value);
    let total_cost = row_sum(&cost, &model.cost);
    let delivered = total_value
        .iter()
        .zip(&total_cost)
        .map(|(v, c)| v - c)
        .collect();
    let ratio = total_value
        .iter()
        .zip(&total_cost)
        .map(|(v, c)| (*c != 0.0).then(|| v / c))
        .collect();
    Ok(DeliveredValue {
        total_value,
        total_cost,
        delivered,
        ratio,
    })
}

/// Which side a component is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// A perceived gain.
    Value,
    /// A perceived loss.
    Cost,
}

/// One component's share of the difference between two offers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Driver {
    /// Component name.
    pub name: String,
    /// Value or cost.
    pub side: Side,
    /// Contribution to our delivered-value surplus: w·(ours − theirs) for value components,
    /// −w·(ours − theirs) for cost components.
    pub contribution: f64,
}

/// The bank's offer against a competitor's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferComparison {
    /// Our total value.
    pub our_value: f64,
    /// Our total cost.
    pub our_cost: f64,
    /// Their total value.
    pub their_value: f64,
    /// Their total cost.
    pub their_cost: f64,
    /// Our delivered value minus theirs.
    pub value_surplus: f64,
    /// Our value/cost ratio (None when our cost is zero).
    pub our_ratio: Option<f64>,
    /// Their value/cost ratio (None when their cost is zero).
    pub their_ratio: Option<f64>,
    /// Components ranked by how much they drive the surplus (largest |contribution| first).
    pub drivers: Vec<Driver>,
}

/// Compares two offers' component scores (e.g. mean perceived scores of the bank and of a
/// competitor): the delivered-value surplus, both ratios and the components that drive the
/// difference.
///
/// ```
/// use cxkit::value::{compare_offers, ValueModel};
///
/// let m = ValueModel::new(&[("rates", 0.5), ("app", 0.5)], &[("fees", 1.0)])?;
/// let c = compare_offers(&[7.0, 9.0], &[3.0], &[8.0, 5.0], &[4.0], &m)?;
/// // ours 8 − 3 = 5, theirs 6.5 − 4 = 2.5: surplus 2.5, driven by the app (+2), fees (+1),
/// // against rates (−0.5).
/// assert_eq!(c.value_surplus, 2.5);
/// assert_eq!(c.drivers[0].name, "app");
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn compare_offers(
    our_value: &[f64],
    our_cost: &[f64],
    their_value: &[f64],
    their_cost: &[f64],
    model: &ValueModel,
) -> Result<OfferComparison> {
    model.check()?;
    for (scores, components, what) in [
        (our_value, &model.value, "our value scores"),
        (their_value, &model.value, "their value scores"),
        (our_cost, &model.cost, "our cost scores"),
        (their_cost, &model.cost, "their cost scores"),
    ] {
        let view = ArrayView2::from_shape((1, scores.len()), scores).expect("one row");
        check_matrix(&view, components, what)?;
    }
    let (ov, oc) = (
        weighted(our_value, &model.value),
        weighted(our_cost, &model.cost),
    );
    let (tv, tc) = (
        weighted(their_value, &model.value),
        weighted(their_cost, &model.cost),
    );
    let mut drivers: Vec<Driver> = model
        .value
        .iter()
        .zip(our_value.iter().zip(their_value))
        .map(|(c, (o, t))| Driver {
            name: c.name.clone(),
            side: Side::Value,
            contribution: c.weight * (o - t),
        })
        .chain(
            model
                .cost
                .iter()
                .zip(our_cost.iter().zip(their_cost))
                .map(|(c, (o, t))| Driver {
                    name: c.name.clone(),
                    side: Side::Cost,
                    contribution: -c.weight * (o - t),
                }),
        )
        .collect();
    drivers.sort_by(|a, b| b.contribution.abs().total_cmp(&a.contribution.abs()));
    Ok(OfferComparison {
        our_value: ov,
        our_cost: oc,
        their_value: tv,
        their_cost: tc,
        value_surplus: (ov - oc) - (tv - tc),
        our_ratio: (oc != 0.0).then(|| ov / oc),
        their_ratio: (tc != 0.0).then(|| tv / tc),
        drivers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn default_model_is_kotlers_eight_components() {
        // Kotler's customer delivered value: equal weights 1/4 per side by default.
        let m = ValueModel::default();
        let names: Vec<&str> = m
            .value
            .iter()
            .chain(&m.cost)
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "product",
                "service",
                "personnel",
                "image",
                "monetary",
                "time",
                "energy",
                "psychic"
            ]
        );
        let r = delivered_value(
            array![[8.0, 8.0, 6.0, 6.0], [4.0, 4.0, 4.0, 4.0]].view(),
            array![[2.0, 2.0, 2.0, 2.0], [0.0, 0.0, 0.0, 0.0]].view(),
            &m,
        )
        .unwrap();
        // Customer 0: value 7, cost 2, delivered 5, ratio 3.5. Customer 1: cost 0 → no ratio.
        assert_eq!(r.total_value, vec![7.0, 4.0]);
        assert_eq!(r.delivered, vec![5.0, 4.0]);
        assert_eq!(r.ratio, vec![Some(3.5), None]);
    }

    #[test]
    fn bad_input() {
        let m = ValueModel::default();
        assert!(matches!(
            delivered_value(array![[1.0]].view(), array![[1.0; 4]].view(), &m),
            Err(Error::LengthMismatch { .. })
        ));
        assert!(matches!(
            delivered_value(
                array![[1.0, 1.0, f64::NAN, 1.0]].view(),
                array![[1.0; 4]].view(),
                &m
            ),
            Err(Error::InvalidParameter { .. })
        ));
        assert!(matches!(
            delivered_value(
                array![[1.0; 4]].view(),
                array![[1.0; 4], [1.0; 4]].view(),
                &m
            ),
            Err(Error::LengthMismatch { .. })
        ));
        assert!(ValueModel::new(&[], &[("fees", 1.0)]).is_err());
    }
}
