//! How many repeat purchases the BG/NBD model expects a customer to make in a period: the
//! probability mass function P(X(t) = x), and the customers by their number of repeat
//! purchases observed against expected — the first check of a fit (lifetimes'
//! `plot_period_transactions` draws it by simulation; here it is exact).

use statrs::function::gamma::ln_gamma;

use super::bgnbd::{check_horizon, BetaGeo};
use super::fit::Distinct;
use crate::{Error, Result};

/// Customers by their number of repeat purchases in their own time observed T, in `bins`
/// bins: 0, 1, …, `bins` − 2, and "`bins` − 1 or more" in the last.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodTransactions {
    /// Customers observed with each number of repeat purchases.
    pub observed: Vec<u64>,
    /// Customers the model expects with each number: Σᵢ P(X(Tᵢ) = x).
    pub expected: Vec<f64>,
}

impl BetaGeo {
    /// P(X(t) = x), the probability that a new customer makes exactly `x` repeat purchases in
    /// (0, t] (Fader, Hardie & Lee 2005, eq. 8):
    ///
    /// P(X(t) = x) = B(a, b+x)/B(a, b) · NB(x)
    ///             + 1{x > 0} · B(a+1, b+x−1)/B(a, b) · (1 − Σⱼ₌₀ˣ⁻¹ NB(j)),
    ///
    /// with NB(j) = Γ(r+j)/(Γ(r) j!) · (α/(α+t))ʳ · (t/(α+t))ʲ the negative binomial
    /// probability of j purchases while alive.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for a negative or non-finite `t`.
    ///
    /// # Example
    /// R BTYD's `bgnbd.pmf` on the CDNOW estimates (weeks) gives P(X(39) = 0) = 0.5737864:
    /// ```
    /// use cxkit::clv::BetaGeo;
    ///
    /// let m = BetaGeo::new(0.243, 4.414, 0.793, 2.426)?;
    /// assert!((m.probability_of_purchases(0, 39.0)? - 0.5737864).abs() < 1e-7);
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn probability_of_purchases(&self, x: u32, t: f64) -> Result<f64> {
        check_horizon(t)?;
        Ok(self.pmf(t, x as usize + 1)[x as usize])
    }

    /// P(X(t) = 0), …, P(X(t) = n − 1), the negative binomial terms summed as they go.
    fn pmf(&self, t: f64, n: usize) -> Vec<f64> {
        let (r, alpha, a, b) = (self.r, self.alpha, self.a, self.b);
        if t == 0.0 {
            return (0..n).map(|x| if x == 0 { 1.0 } else { 0.0 }).collect();
        }
        let ln_beta = |p: f64, q: f64| ln_gamma(p) + ln_gamma(q) - ln_gamma(p + q);
        let ln_ab = ln_beta(a, b);
        let (ln_stay, ln_buy) = ((alpha / (alpha + t)).ln(), (t / (alpha + t)).ln());
        let mut below = 0.0_f64; // Σⱼ<ₓ NB(j)
        (0..n)
            .map(|x| {
                let xf = x as f64;
                let nb = (ln_gamma(r + xf) - ln_gamma(r) - ln_gamma(xf + 1.0)
                    + r * ln_stay
                    + xf * ln_buy)
                    .exp();
                let mut p = (ln_beta(a, b + xf) - ln_ab).exp() * nb;
                if x > 0 {
                    p += (ln_beta(a + 1.0, b + xf - 1.0) - ln_ab).exp() * (1.0 - below).max(0.0);
                }
                below += nb;
                p
            })
            .collect()
    }

    /// Customers by their number of repeat purchases `frequency` in their own time observed
    /// `t` (T), observed and as this model expects (Σᵢ P(X(Tᵢ) = x), one pmf per distinct T),
    /// in `bins` bins: 0, 1, …, `bins` − 2 and "`bins` − 1 or more" (whose expected share is
    /// 1 − the others').
    ///
    /// # Errors
    /// [`Error::LengthMismatch`] when `t` is not one per customer, [`Error::EmptyInput`] for
    /// no customers, [`Error::InvalidObservation`] for a frequency that is not a whole number
    /// ≥ 0 or a T that is negative or not finite, and [`Error::InvalidParameter`] for `bins` = 0.
    ///
    /// # Example
    /// ```
    /// use cxkit::clv::BetaGeo;
    ///
    /// let m = BetaGeo::new(0.243, 4.414, 0.793, 2.426)?;
    /// let p = m.period_transactions(&[0.0, 0.0, 1.0, 4.0], &[39.0, 39.0, 39.0, 39.0], 3)?;
    /// assert_eq!(p.observed, vec![2, 1, 1]);
    /// assert!((p.expected[0] - 4.0 * 0.5737864).abs() < 1e-6);
    /// assert!((p.expected.iter().sum::<f64>() - 4.0).abs() < 1e-9);
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn period_transactions(
        &self,
        frequency: &[f64],
        t: &[f64],
        bins: usize,
    ) -> Result<PeriodTransactions> {
        crate::error::check_lengths(frequency.len(), &[("T (one per customer)", t.len())])?;
        if frequency.is_empty() {
            return Err(Error::EmptyInput { what: "customers" });
        }
        if bins == 0 {
            return Err(Error::InvalidParameter {
                name: "bins",
                reason: "at least one bin is needed (bins ≥ 1)".into(),
            });
        }
        if let Some(i) = frequency
            .iter()
            .zip(t)
            .position(|(&x, &ti)| !(x >= 0.0 && x.fract() == 0.0 && ti.is_finite() && ti >= 0.0))
        {
            let (x, ti) = (frequency[i], t[i]);
            let reason = if ti.is_finite() && ti >= 0.0 {
                format!("frequency {x} is not a whole number of repeat purchases ≥ 0")
            } else {
                format!("T {ti} must be finite and non-negative")
            };
            return Err(Error::InvalidObservation { index: i, reason });
        }
        let mut observed = vec![0u64; bins];
        for &x in frequency {
            observed[(x as usize).min(bins - 1)] += 1;
        }
        let per = Distinct::new(t);
        let mut customers = vec![0.0; per.values.len()];
        for &k in &per.index {
            customers[k as usize] += 1.0;
        }
        let mut expected = vec![0.0; bins];
        for (&ti, &count) in per.values.iter().zip(&customers) {
            if count == 0.0 {
                continue; // a whole-number T with nobody observed that long
            }
            let p = self.pmf(ti, bins - 1);
            let rest = 1.0 - p.iter().sum::<f64>();
            for (e, q) in expected.iter_mut().zip(p.iter().chain([&rest.max(0.0)])) {
                *e += count * q;
            }
        }
        Ok(PeriodTransactions { observed, expected })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The CDNOW estimates of Fader, Hardie & Lee (2005), weeks.
    fn cdnow() -> BetaGeo {
        BetaGeo::new(0.243, 4.414, 0.793, 2.426).unwrap()
    }

    #[test]
    fn pmf_equals_r_btyd() {
        // R BTYD's bgnbd.pmf(params = c(0.243, 4.414, 0.793, 2.426), t, x), as printed in
        // lifetimes' test_probability_of_n_purchases_up_to_time_same_as_R_BTYD.
        let m = cdnow();
        assert!((m.probability_of_purchases(10, 2.0).unwrap() - 1.07869e-07).abs() < 1e-11);
        assert!((m.probability_of_purchases(0, 39.0).unwrap() - 0.5737864).abs() < 1e-7);
        let r = [
            0.0019995214,
            0.0015170236,
            0.0011633150,
            0.0009003148,
            0.0007023638,
            0.0005517902,
            0.0004361913,
            0.0003467171,
            0.0002769613,
            0.0002222260,
        ];
        for (x, want) in (11..21).zip(r) {
            let got = m.probability_of_purchases(x, 30.0).unwrap();
            assert!((got - want).abs() < 1e-9, "x = {x}: {got} against {want}");
        }
    }

    #[test]
    fn pmf_sums_to_one_with_the_expected_mean() {
        // Σₓ P(X(t) = x) = 1 and Σₓ x·P(X(t) = x) = E[X(t)] (FHL 2005, eq. 9), independent of
        // eq. 8's form.
        let m = cdnow();
        for t in [0.5, 10.0, 78.0] {
            let p = m.pmf(t, 3000);
            assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-9, "t = {t}");
            let mean: f64 = p.iter().enumerate().map(|(x, q)| x as f64 * q).sum();
            let want = m.unconditional_expected_purchases(t).unwrap();
            assert!(
                (mean - want).abs() < 1e-6 * want,
                "t = {t}: {mean} against {want}"
            );
        }
        assert_eq!(m.probability_of_purchases(0, 0.0).unwrap(), 1.0);
        assert_eq!(m.probability_of_purchases(2, 0.0).unwrap(), 0.0);
    }

    #[test]
    fn period_transactions_count_and_expect_per_customer() {
        let m = cdnow();
        let x = [0.0, 3.0, 1.0, 9.0, 0.0];
        let t = [10.0, 30.0, 10.0, 30.0, 39.0];
        let p = m.period_transactions(&x, &t, 4).unwrap();
        assert_eq!(p.observed, vec![2, 1, 0, 2]);
        // Each bin is the sum of the customers' own probabilities, by hand.
        for k in 0..3u32 {
            let want: f64 = t
                .iter()
                .map(|&ti| m.probability_of_purchases(k, ti).unwrap())
                .sum();
            assert!((p.expected[k as usize] - want).abs() < 1e-12);
        }
        assert!((p.expected.iter().sum::<f64>() - 5.0).abs() < 1e-12);
    }

    #[test]
    fn period_transactions_refuse_bad_input() {
        let m = cdnow();
        let err = |x: &[f64], t: &[f64], bins| m.period_transactions(x, t, bins).unwrap_err();
        assert!(matches!(
            err(&[1.5], &[3.0], 3),
            Error::InvalidObservation { index: 0, .. }
        ));
        assert!(matches!(
            err(&[1.0, 1.0], &[3.0, f64::NAN], 3),
            Error::InvalidObservation { index: 1, .. }
        ));
        assert!(matches!(
            err(&[1.0], &[3.0, 4.0], 3),
            Error::LengthMismatch { .. }
        ));
        assert!(matches!(err(&[], &[], 3), Error::EmptyInput { .. }));
        assert!(matches!(
            err(&[1.0], &[3.0], 0),
            Error::InvalidParameter { name: "bins", .. }
        ));
        assert!(matches!(
            m.probability_of_purchases(1, -1.0),
            Err(Error::InvalidParameter { .. })
        ));
    }
}
