//! Distribution functions the statistics of several modules share: normal and Student's t
//! quantiles and Student's t distribution function, accurate at any degrees of freedom.

use statrs::distribution::{Continuous, ContinuousCDF, Normal, StudentsT};

/// The two-sided normal quantile of `confidence` (1.96 at 0.95).
pub(crate) fn z_value(confidence: f64) -> f64 {
    Normal::standard().inverse_cdf((1.0 + confidence) / 2.0)
}

/// Degrees of freedom above which [`t_quantile`] uses the expansion instead of statrs.
const T_EXPANSION_DF: f64 = 1e5;

/// The quantile of Student's t with `df` degrees of freedom at probability `p`. Below 1e5
/// degrees of freedom statrs inverts the distribution; above, where its inversion slows down
/// without bound (it does not return at 1e9), the Cornish–Fisher expansion in 1/df of
/// Abramowitz & Stegun (1964) 26.7.5, whose first omitted term is below 1e-20 there.
pub(crate) fn t_quantile(p: f64, df: f64) -> f64 {
    if df < T_EXPANSION_DF {
        return StudentsT::new(0.0, 1.0, df)
            .expect("positive degrees of freedom")
            .inverse_cdf(p);
    }
    let z = Normal::standard().inverse_cdf(p);
    let z2 = z * z;
    let g1 = z * (z2 + 1.0) / 4.0;
    let g2 = z * ((5.0 * z2 + 16.0) * z2 + 3.0) / 96.0;
    let g3 = z * (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) / 384.0;
    let g4 = z * ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2 - 945.0) / 92160.0;
    z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df
}

/// The distribution function of Student's t with `df` degrees of freedom at `t`: statrs
/// below 1e5 degrees of freedom; above, where its incomplete-beta evaluation loses accuracy
/// (above 1e7 it leaves [0, 1]), Φ(t) − φ(t)·(t³ + t)/(4·df), the first term of the expansion
/// in 1/df (Abramowitz & Stegun 26.7.8 inverted), correct there to about 1e-10.
pub(crate) fn t_cdf(t: f64, df: f64) -> f64 {
    if df < T_EXPANSION_DF {
        return StudentsT::new(0.0, 1.0, df)
            .expect("positive degrees of freedom")
            .cdf(t);
    }
    let normal = Normal::standard();
    normal.cdf(t) - normal.pdf(t) * t * (t * t + 1.0) / (4.0 * df)
}

/// The pooled two-proportion z-test of `x2/n2` against `x1/n1`:
/// z = (p₂ − p₁)/√(p̂(1 − p̂)(1/n₁ + 1/n₂)), p̂ = (x₁ + x₂)/(n₁ + n₂), and its two-sided
/// p-value; None when a sample is empty or p̂ is 0 or 1 (no variance).
pub(crate) fn two_proportion_z(x1: u64, n1: u64, x2: u64, n2: u64) -> Option<(f64, f64)> {
    if n1 == 0 || n2 == 0 {
        return None;
    }
    let (a, b) = (n1 as f64, n2 as f64);
    let pooled = (x1 + x2) as f64 / (a + b);
    let se = (pooled * (1.0 - pooled) * (1.0 / a + 1.0 / b)).sqrt();
    if se <= 0.0 || se.is_nan() {
        return None;
    }
    let z = (x2 as f64 / b - x1 as f64 / a) / se;
    Some((
        z,
        statrs::function::erf::erfc(z.abs() / std::f64::consts::SQRT_2),
    ))
}

/// Welch's comparison of the means of `a` and `b`: (mean a, mean b, a − b, its interval at
/// `confidence`, the two-sided p-value), or None when a group has fewer than two values or
/// both have no variance.
pub(crate) fn welch(
    a: &[f64],
    b: &[f64],
    confidence: f64,
) -> Option<(f64, f64, f64, f64, f64, f64)> {
    if a.len() < 2 || b.len() < 2 {
        return None;
    }
    let stats = |v: &[f64]| {
        let n = v.len() as f64;
        let m = v.iter().sum::<f64>() / n;
        (
            m,
            v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1.0),
            n,
        )
    };
    let ((ma, va, na), (mb, vb, nb)) = (stats(a), stats(b));
    let se2 = va / na + vb / nb;
    if se2 == 0.0 {
        return None;
    }
    let df = se2 * se2 / ((va / na).powi(2) / (na - 1.0) + (vb / nb).powi(2) / (nb - 1.0));
    let d = ma - mb;
    let half = t_quantile((1.0 + confidence) / 2.0, df) * se2.sqrt();
    let p = 2.0 * (1.0 - t_cdf((d / se2.sqrt()).abs(), df));
    Some((ma, mb, d, d - half, d + half, p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t_quantile_and_cdf_above_the_switch_match_scipy() {
        // scipy 1.14 (Boost's t distribution): t.ppf(p, 1e5), t.cdf(x, 1e5), t.cdf(x, 1e9).
        // statrs is within 2e-11 of these at 1e5 degrees of freedom, does not return at 1e9
        // (quantile) and leaves [0, 1] at 1e15 (cdf); the expansions match scipy throughout.
        let ppf = [
            (0.6, 0.25334777715718015),
            (0.95, 1.6448688647849696),
            (0.975, 1.9599877075346095),
            (0.995, 2.575878469908375),
            (0.9995, 3.2906240314119137),
        ];
        for (p, scipy) in ppf {
            assert!((t_quantile(p, 1e5) - scipy).abs() < 1e-13, "{p}");
            let z = Normal::standard().inverse_cdf(p);
            assert!((t_quantile(p, 1e12) - z).abs() < 1e-11 && t_quantile(p, 1e12) >= z);
        }
        let cdf = [
            (-3.0, 0.0013502304420323617, 0.0013498980648689565),
            (-0.5, 0.30853808882720896, 0.30853753878099716),
            (0.0, 0.5, 0.5),
            (1.7, 0.9554329823756685, 0.9554345370859703),
            (4.0, 0.9999683060012214, 0.9999683287558918),
        ];
        for (x, at_1e5, at_1e9) in cdf {
            assert!((t_cdf(x, 1e5) - at_1e5).abs() < 1e-10, "{x}");
            // (statrs' normal cdf itself is within 2e-12 of scipy's.)
            assert!((t_cdf(x, 1e9) - at_1e9).abs() < 1e-11, "{x}");
            assert!((0.0..=1.0).contains(&t_cdf(x, 1e15)));
        }
        // Below the switch, statrs: R's qt(0.975, 30) = 2.042272456.
        assert!((t_quantile(0.975, 30.0) - 2.042272456).abs() < 1e-9);
    }
}
