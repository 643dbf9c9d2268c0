//! From a transaction log to the (frequency, recency, T, monetary value) summary per customer
//! that buy-till-you-die models take, with the `lifetimes` package's definitions.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// The time unit of the summary: calendar days, weeks (Monday to Sunday, as pandas' "W") or
/// months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// Calendar days.
    #[default]
    Day,
    /// Weeks ending on Sunday.
    Week,
    /// Calendar months.
    Month,
}

crate::names::named!(Period, "freq", [Day => "D", Week => "W", Month => "M"]);

impl Period {
    /// The period number of a day (days since 1970-01-01).
    ///
    /// ```
    /// use cxkit::clv::Period;
    ///
    /// // 1970-01-04 was a Sunday, 1970-01-05 a Monday.
    /// assert_eq!(Period::Week.index(3), Period::Week.index(-3));
    /// assert_eq!(Period::Week.index(4), Period::Week.index(3) + 1);
    /// assert_eq!(Period::Month.index(31), 1); // 1970-02-01
    /// ```
    pub fn index(self, day: i64) -> i64 {
        match self {
            Period::Day => day,
            // 1969-12-29, a Monday, starts week 0.
            Period::Week => (day + 3).div_euclid(7),
            Period::Month => {
                let (y, m, _) = civil_from_days(day);
                y * 12 + (m - 1) - 1970 * 12
            }
        }
    }

    /// Approximate length in days (for converting horizons): 1, 7 or 30.436875.
    pub fn days(self) -> f64 {
        match self {
            Period::Day => 1.0,
            Period::Week => 7.0,
            Period::Month => 365.2425 / 12.0,
        }
    }
}

/// (year, month, day) of a day number (days since 1970-01-01), proleptic Gregorian
/// (Howard Hinnant's `civil_from_days`).
pub(crate) fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// The day number (days since 1970-01-01) of a proleptic Gregorian date, or None when the
/// date does not exist (month 13, 30 February, …) (Howard Hinnant's `days_from_civil`).
pub(crate) fn days_from_civil(year: i64, m: i64, d: i64) -> Option<i64> {
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let y = if m <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let z = era * 146_097 + doe - 719_468;
    // Day 31 of a 30-day month lands on the next month: reject it.
    (civil_from_days(z) == (year, m, d)).then_some(z)
}

/// Options for [`summarize_transactions`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SummaryOptions {
    /// Time unit.
    pub period: Period,
    /// Last day observed (days since 1970-01-01); later transactions are ignored.
    pub observation_end: i64,
    /// End of the calibration period for a calibration/holdout split: transactions up to it
    /// make the summary, later ones (up to `observation_end`) the holdout columns; customers
    /// who first bought after it are left out.
    pub calibration_end: Option<i64>,
}

/// The summary per customer, one entry per customer in increasing id order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TransactionSummary {
    /// Customer ids.
    pub customer: Vec<u64>,
    /// Repeat purchases: periods with a purchase, less the first.
    pub frequency: Vec<f64>,
    /// Periods from the first to the last purchase.
    pub recency: Vec<f64>,
    /// Periods from the first purchase to the end of observation (or calibration).
    pub t: Vec<f64>,
    /// Mean amount per repeat-purchase period (the first period excluded; 0 without repeats).
    pub monetary_value: Vec<f64>,
    /// Holdout: periods with a purchase after the calibration end (None without a split).
    pub frequency_holdout: Option<Vec<f64>>,
    /// Holdout: mean amount per holdout purchase period (0 without one).
    pub monetary_value_holdout: Option<Vec<f64>>,
    /// Holdout: length of the holdout in periods.
    pub duration_holdout: Option<f64>,
}

/// Summarises a transaction log: one row per transaction (customer id, day as days since
/// 1970-01-01, amount). Purchases in the same period count once, with their amounts summed;
/// frequency and monetary value leave out the first period, as in `lifetimes`'
/// `summary_data_from_transaction_data`. Rows may come in any order.
///
/// ```
/// use cxkit::clv::{summarize_transactions, Period, SummaryOptions};
///
/// // Customer 7 buys on days 0, 0, 10 and 30; observation ends on day 40.
/// let s = summarize_transactions(&[7, 7, 7, 7], &[0, 0, 10, 30], Some(&[5.0, 5.0, 20.0, 40.0]),
///     &SummaryOptions { period: Period::Day, observation_end: 40, calibration_end: None })?;
/// assert_eq!((s.frequency[0], s.recency[0], s.t[0], s.monetary_value[0]), (2.0, 30.0, 40.0, 30.0));
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn summarize_transactions(
    customer: &[u64],
    day: &[i64],
    amount: Option<&[f64]>,
    options: &SummaryOptions,
) -> Result<TransactionSummary> {
    let n = customer.len();
    if day.len() != n {
        return Err(Error::LengthMismatch {
            what: "dates (one per transaction)",
            expected: n,
            actual: day.len(),
        });
    }
    if let Some(a) = amount {
        if a.len() != n {
            return Err(Error::LengthMismatch {
                what: "amounts (one per transaction)",
                expected: n,
                actual: a.len(),
            });
        }
        if let Some(i) = a.iter().position(|v| !(v.is_finite() && *v >= 0.0)) {
            return Err(Error::InvalidParameter {
                name: "amounts",
                reason: format!(
                    "amount {} of transaction {i} is not a finite non-negative number",
                    a[i]
                ),
            });
        }
    }
    if let Some(c) = options.calibration_end {
        if c > options.observation_end {
            return Err(Error::InvalidParameter {
                name: "calibration_end",
                reason: "must not be after the observation end".into(),
            });
        }
    }
    let p = options.period;
    let end = p.index(options.observation_end);
    let split_day = options.calibration_end;
    let cal_end = split_day.map_or(end, |c| p.index(c));
    // Transactions within the observation as (customer, 2·period + in holdout, amount),
    // sorted: as in `lifetimes`, the split is by date and T by period. A holdout purchase is
    // never in an earlier period than a calibration one, so ordering by period and then the
    // holdout flag puts every calibration purchase first, in 24 bytes a row.
    let row = |i: usize| {
        let holdout = split_day.is_some_and(|c| day[i] > c);
        (
            customer[i],
            2 * p.index(day[i]) + i64::from(holdout),
            amount.map_or(0.0, |a| a[i]),
        )
    };
    let within = |i: &usize| day[*i] <= options.observation_end;
    // With nothing after the observation end (the usual case) the rows are written in place;
    // a parallel filter would gather them in pieces and copy them once more.
    let mut rows: Vec<(u64, i64, f64)> = if (0..n).into_par_iter().all(|i| within(&i)) {
        (0..n).into_par_iter().map(row).collect()
    } else {
        (0..n).into_par_iter().filter(within).map(row).collect()
    };
    rows.par_sort_unstable_by_key(|r| (r.0, r.1));
    let holdout = |r: &(u64, i64, f64)| r.1.rem_euclid(2) == 1;
    let period = |r: &(u64, i64, f64)| r.1.div_euclid(2);
    let mut s = TransactionSummary {
        customer: Vec::new(),
        frequency: Vec::new(),
        recency: Vec::new(),
        t: Vec::new(),
        monetary_value: Vec::new(),
        frequency_holdout: split_day.map(|_| Vec::new()),
        monetary_value_holdout: split_day.map(|_| Vec::new()),
        duration_holdout: split_day.map(|_| (end - cal_end) as f64),
    };
    for group in rows.chunk_by(|a, b| a.0 == b.0) {
        let calibration = group.partition_point(|r| !holdout(r));
        if calibration == 0 {
            // First purchase after the calibration end.
            continue;
        }
        let (cal, hold) = group.split_at(calibration);
        // Amount per purchase period; the first period opens the relationship.
        let periods = |rows: &[(u64, i64, f64)]| -> Vec<(i64, f64)> {
            rows.chunk_by(|a, b| period(a) == period(b))
                .map(|g| (period(&g[0]), g.iter().map(|r| r.2).sum()))
                .collect()
        };
        let cal = periods(cal);
        let first = cal[0].0;
        let frequency = (cal.len() - 1) as f64;
        s.customer.push(group[0].0);
        s.frequency.push(frequency);
        s.recency.push((cal[cal.len() - 1].0 - first) as f64);
        s.t.push((cal_end - first) as f64);
        let repeat: f64 = cal[1..].iter().map(|(_, a)| a).sum();
        s.monetary_value.push(if frequency > 0.0 {
            repeat / frequency
        } else {
            0.0
        });
        if let (Some(f), Some(m)) = (
            s.frequency_holdout.as_mut(),
            s.monetary_value_holdout.as_mut(),
        ) {
            let hold = periods(hold);
            let total: f64 = hold.iter().map(|(_, a)| a).sum();
            f.push(hold.len() as f64);
            m.push(if hold.is_empty() {
                0.0
            } else {
                total / hold.len() as f64
            });
        }
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_split_by_the_calibration_end_counts_on_both_sides() {
        // Days 0 (Thu 1970-01-01), 7 (Thu) and 9 (Sat, the same week as day 7), 20; the
        // calibration ends on day 8. Calibration: weeks of days 0 and 7, frequency 1, repeat
        // spend 20. Holdout: the week of day 9 (again) and of day 20, 2 periods, (30 + 40)/2.
        let s = summarize_transactions(
            &[1u64, 1, 1, 1],
            &[9, 0, 20, 7],
            Some(&[30.0, 10.0, 40.0, 20.0]),
            &SummaryOptions {
                period: Period::Week,
                observation_end: 27,
                calibration_end: Some(8),
            },
        )
        .unwrap();
        assert_eq!((s.frequency[0], s.monetary_value[0]), (1.0, 20.0));
        let (f, m) = (
            s.frequency_holdout.unwrap(),
            s.monetary_value_holdout.unwrap(),
        );
        assert_eq!((f[0], m[0]), (2.0, 35.0));
    }

    #[test]
    fn civil_dates() {
        // 2000-03-01 is day 11017; 1969-12-31 is day −1.
        assert_eq!(civil_from_days(11_017), (2000, 3, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        // The inverse, and the dates that do not exist.
        for z in [-800_000, -1, 0, 11_016, 11_017, 19_723, 2_932_896] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), Some(z));
        }
        assert_eq!(days_from_civil(2024, 2, 29), Some(19_782));
        assert_eq!(days_from_civil(2023, 2, 29), None);
        assert_eq!(days_from_civil(2024, 4, 31), None);
        assert_eq!(days_from_civil(2024, 13, 1), None);
        assert_eq!(Period::Month.index(11_017), 30 * 12 + 2);
    }

    #[test]
    fn weeks_merge_purchases_and_split_holdout() {
        // Days 4 (Mon) and 9 (Sat) are the same week; 11 (Mon) the next; 25 in the holdout.
        // Customer 2's only purchase, day 20, falls after the calibration end (day 18), in
        // the same week: the split is by date, so customer 2 is left out.
        let o = SummaryOptions {
            period: Period::Week,
            observation_end: 30,
            calibration_end: Some(18),
        };
        let s = summarize_transactions(
            &[1, 1, 1, 1, 2],
            &[9, 4, 11, 25, 20],
            Some(&[1.0, 2.0, 6.0, 8.0, 3.0]),
            &o,
        )
        .unwrap();
        // Customer 2 first bought after the calibration end: left out.
        assert_eq!(s.customer, vec![1]);
        // Weeks of days 4/9 = 1, 11 = 2, calibration end 18 = 3, observation end 30 = 4.
        assert_eq!((s.frequency[0], s.recency[0], s.t[0]), (1.0, 1.0, 2.0));
        assert_eq!(s.monetary_value[0], 6.0);
        assert_eq!(s.frequency_holdout.unwrap(), vec![1.0]);
        assert_eq!(s.monetary_value_holdout.unwrap(), vec![8.0]);
        assert_eq!(s.duration_holdout, Some(1.0));
    }

    #[test]
    fn bad_rows() {
        let o = SummaryOptions {
            period: Period::Day,
            observation_end: 10,
            calibration_end: None,
        };
        assert!(matches!(
            summarize_transactions(&[1], &[1, 2], None, &o),
            Err(Error::LengthMismatch { .. })
        ));
        assert!(matches!(
            summarize_transactions(&[1], &[1], Some(&[-5.0]), &o),
            Err(Error::InvalidParameter {
                name: "amounts",
                ..
            })
        ));
    }
}
