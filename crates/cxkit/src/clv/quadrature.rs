//! Adaptive Gauss–Kronrod (7/15-point) quadrature of several integrands at once.

/// Kronrod nodes on [−1, 1] (non-negative half; QUADPACK qk15).
const NODES: [f64; 8] = [
    0.991_455_371_120_812_6,
    0.949_107_912_342_758_5,
    0.864_864_423_359_769_1,
    0.741_531_185_599_394_4,
    0.586_087_235_467_691_1,
    0.405_845_151_377_397_2,
    0.207_784_955_007_898_5,
    0.0,
];
/// Kronrod weights, node by node.
const KRONROD: [f64; 8] = [
    0.022_935_322_010_529_22,
    0.063_092_092_629_978_55,
    0.104_790_010_322_250_2,
    0.140_653_259_715_525_9,
    0.169_004_726_639_267_9,
    0.190_350_578_064_785_4,
    0.204_432_940_075_298_9,
    0.209_482_141_084_727_8,
];
/// Gauss weights of the 7-point rule, on Kronrod nodes 1, 3, 5 and the centre (7).
const GAUSS: [f64; 4] = [
    0.129_484_966_168_869_7,
    0.279_705_391_489_276_7,
    0.381_830_050_505_118_9,
    0.417_959_183_673_469_4,
];

/// ∫ₐᵇ of `N` integrands evaluated together by `f(τ, out)`, adaptively: panels are bisected
/// until each one's Kronrod–Gauss difference on the first integrand is within its share of
/// `tol` × |the whole integral|, or `max_panels` panels have been evaluated (the others ride
/// along on the same nodes). The work is bounded whatever the integrand.
pub(crate) fn integrate<const N: usize>(
    f: &dyn Fn(f64, &mut [f64; N]),
    a: f64,
    b: f64,
    tol: f64,
    max_panels: usize,
) -> [f64; N] {
    let (whole, gauss) = panel(f, a, b);
    let target = tol * whole[0].abs();
    if (whole[0] - gauss).abs() <= target || max_panels <= 1 {
        return whole;
    }
    let width = b - a;
    let mut sum = [0.0; N];
    // Panels still to refine: (from, to, Kronrod sums, error).
    let mut open = vec![(a, b, whole, (whole[0] - gauss).abs())];
    let mut used = 1;
    while let Some((lo, hi, values, error)) = open.pop() {
        let share = target * (hi - lo) / width;
        if error <= share || used + 2 > max_panels {
            for k in 0..N {
                sum[k] += values[k];
            }
            continue;
        }
        let mid = 0.5 * (lo + hi);
        for (x, y) in [(lo, mid), (mid, hi)] {
            let (k, g) = panel(f, x, y);
            open.push((x, y, k, (k[0] - g).abs()));
        }
        used += 2;
    }
    sum
}

/// The 15-point Kronrod sums of all integrands and the 7-point Gauss sum of the first.
fn panel<const N: usize>(f: &dyn Fn(f64, &mut [f64; N]), a: f64, b: f64) -> ([f64; N], f64) {
    let (centre, half) = (0.5 * (a + b), 0.5 * (b - a));
    let mut kronrod = [0.0; N];
    let mut gauss = 0.0;
    let mut value = [0.0; N];
    for (j, (&node, &wk)) in NODES.iter().zip(&KRONROD).enumerate() {
        let points: &[f64] = if node == 0.0 { &[0.0] } else { &[-1.0, 1.0] };
        for &sign in points {
            f(centre + sign * half * node, &mut value);
            for k in 0..N {
                kronrod[k] += wk * value[k];
            }
            if j % 2 == 1 {
                // Nodes 1, 3, 5 and the centre (7) are the Gauss nodes.
                gauss += GAUSS[j / 2] * value[0];
            }
        }
    }
    for v in &mut kronrod {
        *v *= half;
    }
    (kronrod, gauss * half)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_exact_for_polynomials() {
        // Kronrod 15 integrates degree ≤ 22 exactly, Gauss 7 degree ≤ 13: ∫₀² x¹³ = 2¹⁴/14.
        let (k, g) = panel(&|x, out: &mut [f64; 1]| out[0] = x.powi(13), 0.0, 2.0);
        let exact = 2f64.powi(14) / 14.0;
        assert!((k[0] - exact).abs() < 1e-10 * exact && (g - exact).abs() < 1e-10 * exact);
        let (k, _) = panel(&|x, out: &mut [f64; 1]| out[0] = x.powi(22), -1.0, 1.0);
        assert!((k[0] - 2.0 / 23.0).abs() < 1e-14);
    }

    #[test]
    fn work_is_bounded() {
        // An integrand no rule can resolve (a jump at an irrational point) stops at the budget.
        let calls = std::cell::Cell::new(0usize);
        let jump = |t: f64, out: &mut [f64; 1]| {
            calls.set(calls.get() + 1);
            out[0] = if t < std::f64::consts::FRAC_1_SQRT_2 {
                0.0
            } else {
                1.0
            };
        };
        let r = integrate(&jump, 0.0, 1.0, 1e-15, 101);
        assert!((r[0] - (1.0 - std::f64::consts::FRAC_1_SQRT_2)).abs() < 1e-3);
        assert!(calls.get() <= 101 * 15);
    }

    #[test]
    fn adapts_to_sharp_decay() {
        // ∫₀¹⁰⁰ (1 + τ)^(−40) dτ = (1 − 101^(−39))/39; its companion ∫ ln(1 + τ)(1 + τ)^(−40).
        let r = integrate(
            &|t, out: &mut [f64; 2]| {
                out[0] = (1.0 + t).powf(-40.0);
                out[1] = (1.0 + t).ln() * out[0];
            },
            0.0,
            100.0,
            1e-12,
            400,
        );
        let exact = (1.0 - 101f64.powf(-39.0)) / 39.0;
        assert!((r[0] - exact).abs() < 1e-12 * exact, "{} vs {exact}", r[0]);
        // ∫₀^∞ ln(1+τ)(1+τ)^(−40) dτ = 1/39², less a negligible tail beyond 100.
        assert!((r[1] - 1.0 / (39.0f64 * 39.0)).abs() < 1e-10);
    }
}
