//! Complaint handling: first-contact resolution, response and resolution times against
//! service levels, backlog, reopen rate, complaint rates by channel and category, the
//! service-recovery effect and the complaint iceberg.
//!
//! Times are seconds since 1970-01-01 UTC; [`NOT_YET`] (`i64::MIN`, numpy's NaT) marks a
//! complaint without a first response or not resolved.

use serde::{Deserialize, Serialize};

use crate::error::{check_confidence, check_lengths};
use crate::quantile::quantile;
use crate::survey::wilson_interval;
use crate::{Error, Result};

/// A time that has not happened (no response yet, not resolved): `i64::MIN`, as numpy's NaT.
pub const NOT_YET: i64 = i64::MIN;

/// A yes/no cell (a complaint's `reopened`): `1`, `true`, `yes`, `y`, `是` are yes; `0`, `false`,
/// `no`, `n`, `否` and an empty cell (not recorded as reopened) are no, in any ASCII letter
/// case and with the spaces around ignored. Anything else is None, for the caller to refuse:
/// a flag is never guessed from whether a text is empty.
///
/// ```
/// use cxkit::complaints::parse_flag;
///
/// assert_eq!(parse_flag("Yes"), Some(true));
/// assert_eq!(parse_flag(" 0 "), Some(false));
/// assert_eq!(parse_flag("否"), Some(false));
/// assert_eq!(parse_flag(""), Some(false));
/// assert_eq!(parse_flag("maybe"), None);
/// ```
pub fn parse_flag(text: &str) -> Option<bool> {
    let t = text.trim();
    const YES: [&str; 5] = ["1", "true", "yes", "y", "是"];
    const NO: [&str; 5] = ["0", "false", "no", "n", "否"];
    if YES.iter().any(|y| t.eq_ignore_ascii_case(y)) {
        Some(true)
    } else if t.is_empty() || NO.iter().any(|n| t.eq_ignore_ascii_case(n)) {
        Some(false)
    } else {
        None
    }
}

/// The expectation named in errors about a yes/no cell.
pub const FLAG_EXPECTED: &str = "yes or no: 1 or 0, true or false, yes or no, 是 or 否";

/// Complaint records as columns, one entry per complaint.
#[derive(Debug, Clone, Copy, Default)]
pub struct Complaints<'a> {
    /// When each complaint was opened.
    pub opened: &'a [i64],
    /// First response ([`NOT_YET`] for none).
    pub first_response: &'a [i64],
    /// Resolution ([`NOT_YET`] while open).
    pub resolved: &'a [i64],
    /// Contacts the customer needed until resolution (1 = first-contact resolution).
    pub contacts: Option<&'a [u32]>,
    /// Whether the complaint was reopened after resolution.
    pub reopened: Option<&'a [bool]>,
    /// Channel code of each complaint.
    pub channel: Option<&'a [u32]>,
    /// Category code of each complaint.
    pub category: Option<&'a [u32]>,
}

/// Options of [`complaint_metrics`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComplaintOptions {
    /// Service level for the first response, in seconds.
    pub response_sla: Option<f64>,
    /// Service level for resolution, in seconds.
    pub resolution_sla: Option<f64>,
    /// Percentiles (0–100) of the response and resolution times. Default 50, 90, 95.
    pub percentiles: Vec<f64>,
    /// Date of the backlog count (default: the latest time in the records).
    pub as_of: Option<i64>,
    /// Customers in the base, for complaints per 1,000 customers.
    pub customers: Option<f64>,
    /// Customers per channel code, for per-channel rates.
    pub customers_by_channel: Option<Vec<f64>>,
    /// Customers per category code (e.g. product holders), for per-category rates.
    pub customers_by_category: Option<Vec<f64>>,
}

impl Default for ComplaintOptions {
    fn default() -> Self {
        ComplaintOptions {
            response_sla: None,
            resolution_sla: None,
            percentiles: vec![50.0, 90.0, 95.0],
            as_of: None,
            customers: None,
            customers_by_channel: None,
            customers_by_category: None,
        }
    }
}

/// Durations of one kind (response or resolution), in seconds.
///
/// Against a service level `s`, at the date `as_of` of the metrics, every complaint is one of:
/// **met** (its time is at most `s`), **breached** (its time is over `s`, or it has none yet
/// and was opened more than `s` before `as_of`: an unanswered complaint past the service level
/// is a breach) or **pending** (no time yet, opened at most `s` before `as_of`: not yet due).
/// `within_sla` is met / (met + breached), the share of the complaints that are due.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Durations {
    /// Complaints with this time.
    pub n: usize,
    /// Complaints without this time yet (not answered, or not resolved).
    pub outstanding: usize,
    /// Mean duration of the `n` complaints with one.
    pub mean: Option<f64>,
    /// (percentile, duration) pairs, type-7 quantiles of the `n` durations.
    pub percentiles: Vec<(f64, Option<f64>)>,
    /// Share of the complaints due that met the service level (None without a service level
    /// or without complaints due).
    pub within_sla: Option<f64>,
    /// Complaints over the service level, answered late or not at all (None without one).
    pub breached: Option<usize>,
    /// Of `breached`, those without a time yet: outstanding past the service level.
    pub breached_outstanding: Option<usize>,
    /// Outstanding complaints not yet past the service level (None without one).
    pub pending: Option<usize>,
}

/// Complaints of one channel or category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupRate {
    /// Channel or category code.
    pub code: u32,
    /// Complaints.
    pub complaints: usize,
    /// Share of all complaints.
    pub share: f64,
    /// Complaints per 1,000 customers of the group (None without the group's customers).
    pub per_1000: Option<f64>,
}

/// Complaint-handling metrics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComplaintMetrics {
    /// Complaints.
    pub complaints: usize,
    /// Resolved complaints.
    pub resolved: usize,
    /// Share of resolved complaints closed in one contact (None without contacts or
    /// resolved complaints).
    pub first_contact_resolution: Option<f64>,
    /// Time to first response.
    pub response: Durations,
    /// Time to resolution.
    pub resolution: Durations,
    /// Open complaints at `as_of`: opened by then and not resolved by then.
    pub backlog: usize,
    /// The date of the backlog count.
    pub as_of: i64,
    /// Share of resolved complaints that were reopened.
    pub reopen_rate: Option<f64>,
    /// Complaints per 1,000 customers.
    pub per_1000: Option<f64>,
    /// By channel code.
    pub by_channel: Vec<GroupRate>,
    /// By category code.
    pub by_category: Vec<GroupRate>,
}

/// The durations `d` of the complaints that have this time and the ages at `as_of` (seconds
/// since opening; negative when opened later) of those that do not yet.
fn durations(d: &mut [f64], ages: &[f64], sla: Option<f64>, percentiles: &[f64]) -> Durations {
    d.sort_unstable_by(f64::total_cmp);
    let n = d.len();
    let late = sla.map(|s| d.iter().filter(|&&x| x > s).count());
    let overdue = sla.map(|s| ages.iter().filter(|&&a| a > s).count());
    let breached = late.zip(overdue).map(|(a, b)| a + b);
    let due = breached.map(|b| b + n - late.unwrap_or(0));
    Durations {
        n,
        outstanding: ages.len(),
        mean: (n > 0).then(|| d.iter().sum::<f64>() / n as f64),
        percentiles: percentiles
            .iter()
            .map(|&p| (p, quantile(d, p / 100.0)))
            .collect(),
        within_sla: breached
            .zip(due)
            .filter(|&(_, due)| due > 0)
            .map(|(b, due)| (due - b) as f64 / due as f64),
        breached,
        breached_outstanding: overdue,
        pending: overdue.map(|o| ages.len() - o),
    }
}

fn groups(codes: Option<&[u32]>, customers: Option<&[f64]>, total: usize) -> Vec<GroupRate> {
    let Some(codes) = codes else {
        return Vec::new();
    };
    let k = codes.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
    let mut counts = vec![0usize; k];
    for &c in codes {
        counts[c as usize] += 1;
    }
    counts
        .iter()
        .enumerate()
        .filter(|(_, &n)| n > 0)
        .map(|(c, &n)| GroupRate {
            code: c as u32,
            complaints: n,
            share: n as f64 / total as f64,
            per_1000: customers
                .and_then(|m| m.get(c))
                .filter(|&&m| m > 0.0)
                .map(|m| 1000.0 * n as f64 / m),
        })
        .collect()
}

/// Complaint-handling metrics from complaint records.
///
/// ```
/// use cxkit::complaints::{complaint_metrics, ComplaintOptions, Complaints, NOT_YET};
///
/// let h = 3600;
/// let opened = [0, 0, 10 * h, 20 * h];
/// let first = [h, 5 * h, 11 * h, NOT_YET];
/// let resolved = [2 * h, 30 * h, NOT_YET, NOT_YET];
/// let contacts = [1, 3, 1, 1];
/// let m = complaint_metrics(
///     &Complaints { opened: &opened, first_response: &first, resolved: &resolved,
///                   contacts: Some(&contacts), ..Complaints::default() },
///     &ComplaintOptions { response_sla: Some(4.0 * 3600.0), as_of: Some(25 * h),
///                         customers: Some(2000.0), ..ComplaintOptions::default() },
/// )?;
/// assert_eq!(m.first_contact_resolution, Some(0.5)); // of the 2 resolved, 1 in one contact
/// // Answered in 1 h, 5 h and 1 h against 4 h, and one unanswered for 5 h at 25 h: two of
/// // the four due met the service level, two breached it (one of them never answered).
/// assert_eq!(m.response.within_sla, Some(0.5));
/// assert_eq!((m.response.breached, m.response.breached_outstanding), (Some(2), Some(1)));
/// assert_eq!(m.response.pending, Some(0));
/// assert_eq!(m.backlog, 3); // at 25 h only the first is resolved
/// assert_eq!(m.per_1000, Some(2.0));
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn complaint_metrics(c: &Complaints, options: &ComplaintOptions) -> Result<ComplaintMetrics> {
    let n = c.opened.len();
    if n == 0 {
        return Err(Error::EmptyInput { what: "complaints" });
    }
    check_lengths(
        n,
        &[
            ("first-response times", c.first_response.len()),
            ("resolution times", c.resolved.len()),
            ("contact counts", c.contacts.map_or(n, <[u32]>::len)),
            ("reopened flags", c.reopened.map_or(n, <[bool]>::len)),
            ("channel codes", c.channel.map_or(n, <[u32]>::len)),
            ("category codes", c.category.map_or(n, <[u32]>::len)),
        ],
    )?;
    if let Some(p) = options
        .percentiles
        .iter()
        .find(|p| !(0.0..=100.0).contains(*p))
    {
        return Err(Error::InvalidParameter {
            name: "percentiles",
            reason: format!("must lie in [0, 100], got {p}"),
        });
    }
    let bad = |i: usize, reason: &str| {
        Err(Error::InvalidParameter {
            name: "complaints",
            reason: format!("complaint {i}: {reason}"),
        })
    };
    let (mut response, mut resolution) = (Vec::new(), Vec::new());
    for i in 0..n {
        let (o, f, r) = (c.opened[i], c.first_response[i], c.resolved[i]);
        if o == NOT_YET {
            return bad(i, "has no opening time");
        }
        if f != NOT_YET && f < o {
            return bad(i, "first response before it was opened");
        }
        if r != NOT_YET && r < o {
            return bad(i, "resolved before it was opened");
        }
    }
    let latest = (0..n)
        .flat_map(|i| [c.opened[i], c.first_response[i], c.resolved[i]])
        .filter(|&t| t != NOT_YET)
        .max()
        .expect("every complaint has an opening time");
    let as_of = options.as_of.unwrap_or(latest);
    let (mut unanswered, mut unresolved) = (Vec::new(), Vec::new());
    for i in 0..n {
        let (o, f, r) = (c.opened[i], c.first_response[i], c.resolved[i]);
        let age = (as_of as f64) - (o as f64);
        match f {
            NOT_YET => unanswered.push(age),
            f => response.push((f - o) as f64),
        }
        match r {
            NOT_YET => unresolved.push(age),
            r => resolution.push((r - o) as f64),
        }
    }
    let is_resolved = |i: usize| c.resolved[i] != NOT_YET;
    let resolved = (0..n).filter(|&i| is_resolved(i)).count();
    let share_of_resolved = |hit: &dyn Fn(usize) -> bool| {
        (resolved > 0)
            .then(|| (0..n).filter(|&i| is_resolved(i) && hit(i)).count() as f64 / resolved as f64)
    };
    let first_contact_resolution = c.contacts.and_then(|k| share_of_resolved(&|i| k[i] == 1));
    let reopen_rate = c.reopened.and_then(|f| share_of_resolved(&|i| f[i]));
    let backlog = (0..n)
        .filter(|&i| c.opened[i] <= as_of && (c.resolved[i] == NOT_YET || c.resolved[i] > as_of))
        .count();
    Ok(ComplaintMetrics {
        complaints: n,
        resolved,
        first_contact_resolution,
        response: durations(
            &mut response,
            &unanswered,
            options.response_sla,
            &options.percentiles,
        ),
        resolution: durations(
            &mut resolution,
            &unresolved,
            options.resolution_sla,
            &options.percentiles,
        ),
        backlog,
        as_of,
        reopen_rate,
        per_1000: options
            .customers
            .filter(|&m| m > 0.0)
            .map(|m| 1000.0 * n as f64 / m),
        by_channel: groups(c.channel, options.customers_by_channel.as_deref(), n),
        by_category: groups(c.category, options.customers_by_category.as_deref(), n),
    })
}

/// Satisfaction of complainants whose issue was resolved against similar customers who
/// never complained.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecoveryEffect {
    /// Mean satisfaction of the resolved complainants.
    pub complainants: f64,
    /// Mean satisfaction of the customers who did not complain.
    pub others: f64,
    /// complainants − others: positive is the service-recovery paradox.
    pub difference: f64,
    /// Welch interval of the difference.
    pub ci_low: f64,
    /// Upper bound.
    pub ci_high: f64,
    /// Welch's two-sided p-value.
    pub p_value: f64,
    /// Ratings used (complainants, others).
    pub n: (usize, usize),
}

/// The service-recovery effect: mean satisfaction of resolved complainants minus that of
/// comparable customers who never complained, with Welch's interval and test (NaN ratings
/// are skipped).
///
/// ```
/// use cxkit::complaints::service_recovery;
///
/// let e = service_recovery(&[8.0, 9.0, 7.0, 9.0], &[7.0, 7.0, 8.0, 6.0], 0.95)?;
/// assert!((e.difference - 1.25).abs() < 1e-12);
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn service_recovery(
    complainants: &[f64],
    others: &[f64],
    confidence: f64,
) -> Result<RecoveryEffect> {
    check_confidence(confidence)?;
    let clean = |v: &[f64]| -> Result<Vec<f64>> {
        if let Some(x) = v.iter().find(|x| x.is_infinite()) {
            return Err(Error::InvalidParameter {
                name: "satisfaction",
                reason: format!("rating {x} is infinite"),
            });
        }
        Ok(v.iter().copied().filter(|x| !x.is_nan()).collect())
    };
    let (a, b) = (clean(complainants)?, clean(others)?);
    if a.len() < 2 || b.len() < 2 {
        return Err(Error::InsufficientData {
            what: "the service-recovery effect",
            needed: "at least two ratings in each group",
            got: format!("{} and {}", a.len(), b.len()),
        });
    }
    let (ma, mb, d, ci_low, ci_high, p_value) = crate::distribution::welch(&a, &b, confidence)
        .ok_or(Error::ZeroVariance {
            what: "the service-recovery effect",
            reason: crate::error::STANDARD_ERROR_ZERO,
        })?;
    Ok(RecoveryEffect {
        complainants: ma,
        others: mb,
        difference: d,
        ci_low,
        ci_high,
        p_value,
        n: (a.len(), b.len()),
    })
}

/// The complaint iceberg: how many dissatisfied customers never complain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Iceberg {
    /// Estimated dissatisfied customers: survey share × customer base.
    pub dissatisfied: f64,
    /// Estimated silent dissatisfied customers: dissatisfied − complainants (at least 0).
    pub silent: f64,
    /// Interval of `silent` from the Wilson interval of the survey share.
    pub silent_ci: (f64, f64),
    /// Dissatisfied customers per complainant.
    pub per_complainant: f64,
    /// Share of the dissatisfied who complain.
    pub voice_rate: f64,
    /// The assumption behind the numbers.
    pub assumption: String,
}

/// The complaint iceberg from the customer base, the number of distinct complainants and a
/// survey (`dissatisfied` of `respondents` dissatisfied). Assumes that the survey's share of
/// dissatisfied customers holds for the whole base and that every complainant is among the
/// dissatisfied.
///
/// ```
/// use cxkit::complaints::complaint_iceberg;
///
/// // 100 000 customers, 500 complainants, 60 of 1 000 respondents dissatisfied:
/// // 6 000 dissatisfied, 5 500 silent, 12 per complainant.
/// let i = complaint_iceberg(100_000.0, 500.0, 60.0, 1_000.0, 0.95)?;
/// assert!((i.silent - 5_500.0).abs() < 1e-9 && (i.per_complainant - 12.0).abs() < 1e-12);
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn complaint_iceberg(
    customers: f64,
    complainants: f64,
    dissatisfied: f64,
    respondents: f64,
    confidence: f64,
) -> Result<Iceberg> {
    for (name, v) in [
        ("customers", customers),
        ("complainants", complainants),
        ("dissatisfied", dissatisfied),
        ("respondents", respondents),
    ] {
        if !(v.is_finite() && v >= 0.0) {
            return Err(Error::InvalidParameter {
                name,
                reason: format!("must be a non-negative count, got {v}"),
            });
        }
    }
    if complainants > customers || dissatisfied > respondents || respondents == 0.0 {
        return Err(Error::InvalidParameter {
            name: "complainants",
            reason: "need respondents > 0, complainants ≤ customers and dissatisfied ≤ respondents"
                .into(),
        });
    }
    let share = dissatisfied / respondents;
    let est = share * customers;
    if est == 0.0 || complainants == 0.0 {
        return Err(Error::InsufficientData {
            what: "the complaint iceberg",
            needed: "some dissatisfied respondents and some complainants",
            got: format!("{dissatisfied} dissatisfied, {complainants} complainants"),
        });
    }
    let (lo, hi) = wilson_interval(dissatisfied, respondents, confidence)?;
    let silent = |d: f64| (d - complainants).max(0.0);
    Ok(Iceberg {
        dissatisfied: est,
        silent: silent(est),
        silent_ci: (silent(lo * customers), silent(hi * customers)),
        per_complainant: est / complainants,
        voice_rate: (complainants / est).min(1.0),
        assumption: "the survey's share of dissatisfied customers holds for the whole customer \
                     base, and every complainant is among the dissatisfied"
            .into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_by_hand() {
        // Hours. Complaint: opened, first response, resolved, contacts, reopened, channel.
        //   0:  0,  1,  2, 1, no,  0
        //   1:  0,  5, 30, 3, yes, 1
        //   2: 10, 11,  —, 1, no,  1
        //   3: 20,  —,  —, 1, no,  1
        let h = 3600;
        let opened = [0, 0, 10 * h, 20 * h];
        let first = [h, 5 * h, 11 * h, NOT_YET];
        let resolved = [2 * h, 30 * h, NOT_YET, NOT_YET];
        let contacts = [1, 3, 1, 1];
        let reopened = [false, true, false, false];
        let channel = [0, 1, 1, 1];
        let c = Complaints {
            opened: &opened,
            first_response: &first,
            resolved: &resolved,
            contacts: Some(&contacts),
            reopened: Some(&reopened),
            channel: Some(&channel),
            category: None,
        };
        let o = ComplaintOptions {
            resolution_sla: Some(24.0 * 3600.0),
            customers_by_channel: Some(vec![1000.0, 500.0]),
            ..ComplaintOptions::default()
        };
        let m = complaint_metrics(&c, &o).unwrap();
        // Response hours 1, 5, 1 → sorted 1, 1, 5: median 1, p90 = 1 + 0.8·4 = 4.2.
        assert_eq!(m.response.percentiles[0], (50.0, Some(3600.0)));
        assert!((m.response.percentiles[1].1.unwrap() - 4.2 * 3600.0).abs() < 1e-6);
        // Resolution hours 2 and 30 against 24: half within.
        assert_eq!(m.resolution.within_sla, Some(0.5));
        assert_eq!(m.resolution.mean, Some(16.0 * 3600.0));
        assert_eq!(m.reopen_rate, Some(0.5));
        // Latest time is 30 h: complaints 2 and 3 are open.
        assert_eq!((m.as_of, m.backlog), (30 * h, 2));
        assert_eq!(m.by_channel[1].complaints, 3);
        assert_eq!(m.by_channel[1].per_1000, Some(6.0));
        assert_eq!(m.per_1000, None);
        let early = [h, h, h, h];
        let bad = Complaints {
            resolved: &[0, 0, NOT_YET, NOT_YET],
            opened: &early,
            ..c
        };
        assert!(complaint_metrics(&bad, &o)
            .unwrap_err()
            .to_string()
            .contains("resolved before it was opened"));
        assert!(complaint_metrics(&Complaints { opened: &[], ..c }, &o).is_err());
        assert!(matches!(
            complaint_metrics(
                &Complaints {
                    resolved: &[0],
                    ..c
                },
                &o
            ),
            Err(Error::LengthMismatch { .. })
        ));
    }

    #[test]
    fn unanswered_complaints_past_the_sla_are_breaches() {
        // Issue 19: ten complaints opened on day 0; five answered in 2 h, five never; as of
        // day 19 the five unanswered are 19 days old, past a 24 h service level: 5 met and 5
        // breached of 10 due (the old rule counted only the answered: 100 %).
        let (h, day) = (3600, 86_400);
        let opened = [0; 10];
        let first: Vec<i64> = (0..10)
            .map(|i| if i < 5 { 2 * h } else { NOT_YET })
            .collect();
        let resolved = [NOT_YET; 10];
        let c = Complaints {
            opened: &opened,
            first_response: &first,
            resolved: &resolved,
            ..Complaints::default()
        };
        let o = ComplaintOptions {
            response_sla: Some(24.0 * 3600.0),
            as_of: Some(19 * day),
            ..ComplaintOptions::default()
        };
        let m = complaint_metrics(&c, &o).unwrap();
        let r = &m.response;
        assert_eq!((r.n, r.outstanding), (5, 5));
        assert_eq!(r.within_sla, Some(0.5));
        assert_eq!(
            (r.breached, r.breached_outstanding, r.pending),
            (Some(5), Some(5), Some(0))
        );
        // As of 10 h the unanswered are 10 h old: pending, not due; 5 of 5 due met.
        let m = complaint_metrics(
            &c,
            &ComplaintOptions {
                as_of: Some(10 * h),
                ..o.clone()
            },
        )
        .unwrap();
        assert_eq!(
            (m.response.within_sla, m.response.pending),
            (Some(1.0), Some(5))
        );
        // A channel none of whose complaints was answered: every one due is a breach.
        let none = [NOT_YET; 10];
        let m = complaint_metrics(
            &Complaints {
                first_response: &none,
                ..c
            },
            &o,
        )
        .unwrap();
        assert_eq!(
            (m.response.within_sla, m.response.breached),
            (Some(0.0), Some(10))
        );
        assert_eq!(m.response.mean, None);
        // Only pending complaints: nothing due, no share.
        let m = complaint_metrics(
            &Complaints {
                first_response: &none,
                ..c
            },
            &ComplaintOptions {
                as_of: Some(h),
                ..o.clone()
            },
        )
        .unwrap();
        assert_eq!(
            (m.response.within_sla, m.response.pending),
            (None, Some(10))
        );
        // Without a service level nothing is due or breached.
        let m = complaint_metrics(&c, &ComplaintOptions::default()).unwrap();
        assert_eq!(
            (
                m.response.within_sla,
                m.response.breached,
                m.response.pending
            ),
            (None, None, None)
        );
    }

    #[test]
    fn recovery_welch_and_iceberg_by_hand() {
        // Means 8.25 and 7; variances (0.0625+0.5625+1.5625+0.5625)/3 = 0.916667 and
        // (0+0+1+1)/3 = 0.666667; se = √(0.229167 + 0.166667) = 0.629153; t = 1.986799;
        // Welch df = 0.156684/(0.017506 + 0.009259) = 5.8542.
        let e =
            service_recovery(&[8.0, 9.0, 7.0, 9.0, f64::NAN], &[7.0, 7.0, 8.0, 6.0], 0.95).unwrap();
        assert_eq!(e.n, (4, 4));
        assert!((e.difference - 1.25).abs() < 1e-12);
        let se = (0.916_666_666_666_666_6_f64 / 4.0 + 0.666_666_666_666_666_6 / 4.0).sqrt();
        assert!(((e.ci_high - e.difference) / se - 2.4630).abs() < 2e-3); // t(.975, 5.85)
        assert!(e.p_value > 0.05 && e.p_value < 0.1);
        assert!(service_recovery(&[1.0], &[1.0, 2.0], 0.95).is_err());
        let i = complaint_iceberg(100_000.0, 500.0, 60.0, 1_000.0, 0.95).unwrap();
        assert!((i.voice_rate - 500.0 / 6_000.0).abs() < 1e-12);
        assert!(i.silent_ci.0 < i.silent && i.silent < i.silent_ci.1);
        assert!(complaint_iceberg(100.0, 500.0, 6.0, 100.0, 0.95).is_err());
        assert!(complaint_iceberg(100.0, 5.0, 0.0, 100.0, 0.95).is_err());
    }
}
