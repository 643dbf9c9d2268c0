//! Delivered value over C arrays: weighted value components minus weighted cost components.

use cxkit_core::value::{self as value_core, Component, ValueModel};
use cxkit_core::Error;
use ndarray::ArrayView2;

use crate::convert::{outputs, slice, write_all};
use crate::error::{cx_status, guard, Failure};

/// Delivered value of `customers` customers: `value` is customers × `value_components`
/// (row-major) weighted by `value_weights`, `cost` customers × `cost_components` weighted by
/// `cost_weights`. Writes total value, total cost and delivered value (value − cost) per
/// customer into the three caller arrays.
///
/// # Safety
/// Matrices and weights valid for their sizes; outputs valid for `customers` doubles each.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn cx_delivered_value(
    value: *const f64,
    value_weights: *const f64,
    value_components: usize,
    cost: *const f64,
    cost_weights: *const f64,
    cost_components: usize,
    customers: usize,
    out_total_value: *mut f64,
    out_total_cost: *mut f64,
    out_delivered: *mut f64,
) -> cx_status {
    guard("cx_delivered_value", || {
        let size = |k: usize| {
            customers.checked_mul(k).ok_or_else(|| {
                Failure::Core(Error::InvalidParameter {
                    name: "customers",
                    reason: "customers × components overflows".into(),
                })
            })
        };
        // SAFETY: caller contract.
        let (v, vw, c, cw) = unsafe {
            (
                slice(value, size(value_components)?, "value")?,
                slice(value_weights, value_components, "value_weights")?,
                slice(cost, size(cost_components)?, "cost")?,
                slice(cost_weights, cost_components, "cost_weights")?,
            )
        };
        outputs(&[
            (out_total_value.cast(), "out_total_value"),
            (out_total_cost.cast(), "out_total_cost"),
            (out_delivered.cast(), "out_delivered"),
        ])?;
        let side = |w: &[f64]| {
            w.iter()
                .enumerate()
                .map(|(i, &weight)| Component {
                    name: format!("component {i}"),
                    weight,
                })
                .collect()
        };
        let model = ValueModel {
            value: side(vw),
            cost: side(cw),
        };
        let view = |m, k| ArrayView2::from_shape((customers, k), m).expect("length checked");
        let r = value_core::delivered_value(
            view(v, value_components),
            view(c, cost_components),
            &model,
        )?;
        // SAFETY: caller contract.
        unsafe {
            write_all(&r.total_value, out_total_value)?;
            write_all(&r.total_cost, out_total_cost)?;
            write_all(&r.delivered, out_delivered)
        }
    })
}
