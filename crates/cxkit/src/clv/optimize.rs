//! A BFGS minimiser with analytic gradients and a backtracking Armijo line search, and a
//! finite-difference Hessian for standard errors. Small problems (3–4 parameters) only.

/// A function's value and gradient at a point.
pub(crate) type Objective<'a> = dyn Fn(&[f64]) -> (f64, Vec<f64>) + 'a;

/// The result of a minimisation.
#[derive(Debug, Clone)]
pub(crate) struct Minimum {
    /// Where it stopped.
    pub(crate) x: Vec<f64>,
    /// The objective there.
    pub(crate) f: f64,
    /// Iterations taken.
    pub(crate) iterations: usize,
    /// Whether the gradient norm fell below the tolerance.
    pub(crate) converged: bool,
    /// The largest gradient component where it stopped.
    pub(crate) gradient: f64,
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Minimises `objective` (value and gradient; non-finite values count as +∞) from `x0`.
/// Converged when the largest gradient component is below `gtol`.
pub(crate) fn minimize(
    objective: &Objective<'_>,
    x0: Vec<f64>,
    max_iterations: usize,
    gtol: f64,
) -> Minimum {
    let n = x0.len();
    let identity = |h: &mut Vec<f64>| {
        h.iter_mut().for_each(|v| *v = 0.0);
        (0..n).for_each(|i| h[i * n + i] = 1.0);
    };
    let mut h = vec![0.0; n * n];
    identity(&mut h);
    let mut x = x0;
    let (mut f, mut g) = objective(&x);
    let max_abs = |g: &[f64]| g.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let mut iterations = 0;
    while iterations < max_iterations {
        if max_abs(&g) < gtol {
            return Minimum {
                gradient: max_abs(&g),
                x,
                f,
                iterations,
                converged: true,
            };
        }
        iterations += 1;
        let mut p: Vec<f64> = (0..n).map(|i| -dot(&h[i * n..(i + 1) * n], &g)).collect();
        let mut slope = dot(&g, &p);
        if slope.is_nan() || slope >= 0.0 {
            identity(&mut h);
            p = g.iter().map(|v| -v).collect();
            slope = dot(&g, &p);
        }
        // Backtracking: halve the step until the Armijo condition holds.
        let mut step = 1.0;
        let mut accepted = None;
        for _ in 0..60 {
            let candidate: Vec<f64> = x.iter().zip(&p).map(|(xi, pi)| xi + step * pi).collect();
            let (fc, gc) = objective(&candidate);
            if fc.is_finite() && gc.iter().all(|v| v.is_finite()) && fc <= f + 1e-4 * step * slope {
                accepted = Some((candidate, fc, gc));
                break;
            }
            step *= 0.5;
        }
        let Some((x_new, f_new, g_new)) = accepted else {
            // No descent along the direction: restart from steepest descent once, else stop.
            if h.iter()
                .enumerate()
                .all(|(k, v)| *v == if k % (n + 1) == 0 { 1.0 } else { 0.0 })
            {
                break;
            }
            identity(&mut h);
            continue;
        };
        let s: Vec<f64> = x_new.iter().zip(&x).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = g_new.iter().zip(&g).map(|(a, b)| a - b).collect();
        let sy = dot(&s, &y);
        if sy > 1e-12 {
            // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ
            let rho = 1.0 / sy;
            let hy: Vec<f64> = (0..n).map(|i| dot(&h[i * n..(i + 1) * n], &y)).collect();
            let yhy = dot(&y, &hy);
            for i in 0..n {
                for j in 0..n {
                    h[i * n + j] += -rho * (hy[i] * s[j] + s[i] * hy[j])
                        + (rho * rho * yhy + rho) * s[i] * s[j];
                }
            }
        }
        let small_change = (f - f_new).abs() <= 1e-15 * (1.0 + f.abs());
        x = x_new;
        f = f_new;
        g = g_new;
        if small_change && max_abs(&g) < gtol.sqrt() {
            return Minimum {
                gradient: max_abs(&g),
                x,
                f,
                iterations,
                converged: true,
            };
        }
    }
    let gradient = max_abs(&g);
    Minimum {
        x,
        f,
        iterations,
        converged: gradient < gtol,
        gradient,
    }
}

/// The Hessian of a function from forward differences of its analytic `gradient` (one
/// gradient per parameter beyond the one at `x`), symmetrised. Accurate to about 1e-5
/// relative: ample for standard errors.
pub(crate) fn hessian(gradient: &dyn Fn(&[f64]) -> Vec<f64>, x: &[f64]) -> Vec<f64> {
    let n = x.len();
    let g0 = gradient(x);
    let mut h = vec![0.0; n * n];
    for j in 0..n {
        let step = 1e-6 * x[j].abs().max(1e-3);
        let mut up = x.to_vec();
        up[j] += step;
        let gu = gradient(&up);
        for i in 0..n {
            h[i * n + j] = (gu[i] - g0[i]) / step;
        }
    }
    for i in 0..n {
        for j in 0..i {
            let m = 0.5 * (h[i * n + j] + h[j * n + i]);
            h[i * n + j] = m;
            h[j * n + i] = m;
        }
    }
    h
}

/// The inverse of a small symmetric positive-definite matrix (Gauss–Jordan with partial
/// pivoting), or None when it is singular or not positive definite.
pub(crate) fn inverse_positive_definite(m: &[f64], n: usize) -> Option<Vec<f64>> {
    let mut a = m.to_vec();
    let mut inv = vec![0.0; n * n];
    (0..n).for_each(|i| inv[i * n + i] = 1.0);
    for col in 0..n {
        let pivot =
            (col..n).max_by(|&i, &j| a[i * n + col].abs().total_cmp(&a[j * n + col].abs()))?;
        if a[pivot * n + col].abs() < 1e-300 {
            return None;
        }
        for k in 0..n {
            a.swap(col * n + k, pivot * n + k);
            inv.swap(col * n + k, pivot * n + k);
        }
        let d = a[col * n + col];
        for k in 0..n {
            a[col * n + k] /= d;
            inv[col * n + k] /= d;
        }
        for r in 0..n {
            if r != col {
                let factor = a[r * n + col];
                for k in 0..n {
                    a[r * n + k] -= factor * a[col * n + k];
                    inv[r * n + k] -= factor * inv[col * n + k];
                }
            }
        }
    }
    (0..n).all(|i| inv[i * n + i] > 0.0).then_some(inv)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimises_rosenbrock() {
        // f = (1 − x)² + 100 (y − x²)², minimum 0 at (1, 1).
        let f = |v: &[f64]| {
            let (x, y) = (v[0], v[1]);
            (
                (1.0 - x).powi(2) + 100.0 * (y - x * x).powi(2),
                vec![
                    -2.0 * (1.0 - x) - 400.0 * x * (y - x * x),
                    200.0 * (y - x * x),
                ],
            )
        };
        let m = minimize(&f, vec![-1.2, 1.0], 500, 1e-10);
        assert!(m.converged, "{m:?}");
        assert!((m.x[0] - 1.0).abs() < 1e-6 && (m.x[1] - 1.0).abs() < 1e-6);
    }

    #[test]
    fn inverse_of_a_known_matrix() {
        // [[4, 2], [2, 3]]⁻¹ = [[3, −2], [−2, 4]]/8.
        let inv = inverse_positive_definite(&[4.0, 2.0, 2.0, 3.0], 2).unwrap();
        let expected = [0.375, -0.25, -0.25, 0.5];
        assert!(inv.iter().zip(expected).all(|(a, b)| (a - b).abs() < 1e-15));
        assert!(inverse_positive_definite(&[1.0, 2.0, 2.0, 4.0], 2).is_none());
        let h = hessian(
            &|v: &[f64]| vec![8.0 * v[0] + 2.0 * v[1], 2.0 * v[0] + 6.0 * v[1]],
            &[1.0, 1.0],
        );
        assert!(h
            .iter()
            .zip([8.0, 2.0, 2.0, 6.0])
            .all(|(a, b)| (a - b).abs() < 1e-6));
    }
}
