//! The Gauss hypergeometric function ₂F₁(a, b; c; z) for real arguments and z < 1.

use statrs::function::gamma::gamma;

use crate::{Error, Result};

const MAX_TERMS: usize = 200_000;

/// The power series Σ (a)ₖ(b)ₖ/((c)ₖ k!) zᵏ, for |z| < 1.
fn series(a: f64, b: f64, c: f64, z: f64) -> Result<f64> {
    let (mut term, mut sum, mut compensation) = (1.0f64, 1.0f64, 0.0f64);
    for k in 0..MAX_TERMS {
        let k = k as f64;
        term *= (a + k) * (b + k) / ((c + k) * (k + 1.0)) * z;
        // Kahan summation: the terms may alternate and cancel.
        let y = term - compensation;
        let t = sum + y;
        compensation = (t - sum) - y;
        sum = t;
        if term.abs() <= 1e-17 * sum.abs() || term == 0.0 {
            return Ok(sum);
        }
    }
    Err(Error::DidNotConverge {
        what: "the hypergeometric series",
        iterations: MAX_TERMS,
        reason: format!("2F1({a}, {b}; {c}; {z}) converges too slowly"),
    })
}

/// ₂F₁(a, b; c; z) for z < 1 and c not a non-positive integer.
///
/// Uses the power series for |z| ≤ 0.7, Pfaff's transformation for z < 0, and the
/// connection formula at 1 − z for 0.7 < z < 1 (falling back on the slowly converging
/// series when c − a − b is an integer, where the connection formula has poles).
///
/// ```
/// use cxkit::clv::hyp2f1;
///
/// // ₂F₁(1, 1; 2; z) = −ln(1 − z)/z.
/// let z: f64 = 0.9;
/// assert!((hyp2f1(1.0, 1.0, 2.0, z).unwrap() + (1.0 - z).ln() / z).abs() < 1e-12);
/// ```
pub fn hyp2f1(a: f64, b: f64, c: f64, z: f64) -> Result<f64> {
    if z.is_nan() || z >= 1.0 || !a.is_finite() || !b.is_finite() || !c.is_finite() {
        return Err(Error::InvalidParameter {
            name: "z",
            reason: format!("2F1({a}, {b}; {c}; {z}) needs finite parameters and z < 1"),
        });
    }
    if c <= 0.0 && c.fract() == 0.0 {
        return Err(Error::InvalidParameter {
            name: "c",
            reason: format!("2F1 is undefined for c = {c} (a non-positive integer)"),
        });
    }
    if z == 0.0 {
        return Ok(1.0);
    }
    if z < 0.0 {
        // Pfaff: F(a, b; c; z) = (1 − z)^(−a) F(a, c − b; c; z/(z − 1)), with z/(z − 1) in (0, 1).
        let w = z / (z - 1.0);
        return Ok((1.0 - z).powf(-a) * hyp2f1(a, c - b, c, w)?);
    }
    if z <= 0.7 {
        return series(a, b, c, z);
    }
    let m = c - a - b;
    if (m - m.round()).abs() < 1e-9 {
        return series(a, b, c, z);
    }
    // Abramowitz & Stegun 15.3.6.
    let y = 1.0 - z;
    let g = |x: f64| gamma(x);
    let first = g(c) * g(m) / (g(c - a) * g(c - b)) * series(a, b, 1.0 - m, y)?;
    let second = y.powf(m) * g(c) * g(-m) / (g(a) * g(b)) * series(c - a, c - b, m + 1.0, y)?;
    let value = first + second;
    if value.is_finite() {
        Ok(value)
    } else {
        // Gamma overflow for large parameters: the series is slow here but exact.
        series(a, b, c, z)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol * (1.0 + b.abs())
    }

    #[test]
    fn closed_forms() {
        // Abramowitz & Stegun 15.1: F(1, 1; 2; z) = −ln(1 − z)/z,
        // F(a, b; b; z) = (1 − z)^(−a), F(1/2, 1/2; 3/2; z²) = arcsin(z)/z.
        for &z in &[-5.0, -0.9, -0.3, 0.1, 0.5, 0.69, 0.71, 0.9, 0.99, 0.999] {
            let log = -(1.0f64 - z).ln() / z;
            assert!(
                close(hyp2f1(1.0, 1.0, 2.0, z).unwrap(), log, 1e-11),
                "ln at {z}"
            );
            let pow = (1.0f64 - z).powf(-2.5);
            assert!(
                close(hyp2f1(2.5, 1.7, 1.7, z).unwrap(), pow, 1e-11),
                "pow at {z}"
            );
        }
        for &x in &[0.2f64, 0.8, 0.95] {
            let v = hyp2f1(0.5, 0.5, 1.5, x * x).unwrap();
            assert!(close(v, x.asin() / x, 1e-11), "arcsin at {x}");
        }
    }

    #[test]
    fn bgnbd_like_arguments_against_scipy() {
        // scipy.special.hyp2f1(2.243, 4.426, 3.219, 0.5) and (…, 0.8): arguments of the form
        // (r + x, b + x; a + b + x − 1; t/(α + T + t)) for r = .243, a = .793, b = 2.426, x = 2.
        // = 3.614707706823282 and 17.879067709902408 (scipy 1.x).
        assert!(close(
            hyp2f1(2.243, 4.426, 5.219, 0.5).unwrap(),
            3.614707706823282,
            1e-12
        ));
        assert!(close(
            hyp2f1(2.243, 4.426, 5.219, 0.8).unwrap(),
            17.879067709902408,
            1e-12
        ));
    }

    #[test]
    fn rejects_z_at_or_above_one() {
        assert!(hyp2f1(1.0, 1.0, 2.0, 1.0).is_err());
        assert!(hyp2f1(1.0, 1.0, -2.0, 0.5).is_err());
    }
}
