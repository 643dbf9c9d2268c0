//! Dates and times as a bank's files write them: ISO 8601 dates and times read
//! ([`parse_date`], [`parse_time`]) and written (`iso_date`, `iso_time`).

use crate::clv::days_from_civil;
use crate::complaints::NOT_YET;

/// The day (since 1970) of the "YYYY-MM-DD" that `t` starts with, and the rest of `t`.
fn date_prefix(t: &str) -> Option<(i64, &str)> {
    let b = t.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = t.get(r)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let day = days_from_civil(num(0..4)?, num(5..7)?, num(8..10)?)?;
    Some((day, t.get(10..)?))
}

/// Seconds to add to a date's midnight for what follows the date: nothing, or "T" or " "
/// then "HH:MM[:SS[.f]]" and optionally "Z" or an offset "±HH:MM" / "±HHMM" (none means
/// UTC). Fractions of a second are dropped.
fn time_of_day(rest: &str) -> Option<i64> {
    if rest.is_empty() {
        return Some(0);
    }
    let rest = rest.strip_prefix(['T', ' '])?;
    let digits = |s: &str| s.len() == 2 && s.bytes().all(|c| c.is_ascii_digit());
    let two = |s: &str| -> Option<i64> { digits(s).then(|| s.parse().ok())? };
    let (h, m) = (two(rest.get(0..2)?)?, two(rest.get(3..5)?)?);
    if rest.as_bytes()[2] != b':' || h > 23 || m > 59 {
        return None;
    }
    let mut rest = &rest[5..];
    let mut s = 0;
    if let Some(r) = rest.strip_prefix(':') {
        s = two(r.get(0..2)?)?;
        if s > 60 {
            return None;
        }
        rest = &r[2..];
        if let Some(f) = rest.strip_prefix('.') {
            let n = f.bytes().take_while(u8::is_ascii_digit).count();
            if n == 0 {
                return None;
            }
            rest = &f[n..];
        }
    }
    let offset = match rest {
        "" | "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let o = rest[1..].replace(':', "");
            if o.len() != 4 {
                return None;
            }
            let (oh, om) = (two(o.get(0..2)?)?, two(o.get(2..4)?)?);
            if oh > 23 || om > 59 {
                return None;
            }
            sign * (oh * 3600 + om * 60)
        }
    };
    Some(h * 3600 + m * 60 + s - offset)
}

/// Days since 1970 of "YYYY-MM-DD", optionally followed by a time of [`parse_time`]'s
/// grammar (checked, not used: the date is the one written).
///
/// This is cxkit's one rule for the day of a date, in every interface: **the date as
/// written, in its own time zone** — `2024-01-05T01:00+08:00` is 5 January, the customer's
/// and the bank's day, not the UTC day (4 January). Python applies it to text dates and to
/// time-zone-aware timestamps (their wall-clock date).
///
/// ```
/// use cxkit::data::parse_date;
///
/// assert_eq!(parse_date("1970-01-02"), Some(1));
/// assert_eq!(parse_date("2024-01-05T01:00+08:00"), parse_date("2024-01-05"));
/// assert_eq!(parse_date("2024-01-05 hello"), None);
/// ```
pub fn parse_date(t: &str) -> Option<i64> {
    let (day, rest) = date_prefix(t)?;
    time_of_day(rest)?;
    Some(day)
}

/// Seconds since 1970 UTC of an ISO 8601 time: `YYYY-MM-DD`, `YYYY-MM-DD[T ]HH:MM[:SS[.f]]`,
/// then optionally `Z` or an offset `±HH:MM` / `±HHMM` (none means UTC). Fractions of a second
/// are dropped. Times are instants (durations between them are what they measure), so an
/// offset is applied, unlike [`parse_date`].
///
/// ```
/// use cxkit::data::parse_time;
///
/// assert_eq!(parse_time("1970-01-01T08:00+08:00"), Some(0));
/// ```
pub fn parse_time(t: &str) -> Option<i64> {
    let (day, rest) = date_prefix(t)?;
    Some(day * 86_400 + time_of_day(rest)?)
}

/// "YYYY-MM-DD" of a day number.
pub(super) fn iso_date(day: i64) -> String {
    let (y, m, d) = crate::clv::civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// "YYYY-MM-DDTHH:MM:SSZ" of seconds since 1970, or "" for [`NOT_YET`].
pub(super) fn iso_time(secs: i64) -> String {
    if secs == NOT_YET {
        return String::new();
    }
    let (day, s) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        iso_date(day),
        s / 3600,
        (s / 60) % 60,
        s % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        // 2025-03-04 is day 20 151 (2024-01-01 = 19 723, + 366 + 31 + 28 + 3).
        let day = 20_151 * 86_400;
        assert_eq!(parse_date("2025-03-04"), Some(20_151));
        assert_eq!(parse_date("2025-03-04 13:00:00"), Some(20_151));
        assert_eq!(parse_time("2025-03-04"), Some(day));
        assert_eq!(parse_time("2025-03-04T09:30:00Z"), Some(day + 34_200));
        assert_eq!(parse_time("2025-03-04 09:30"), Some(day + 34_200));
        assert_eq!(parse_time("2025-03-04T09:30:15.250"), Some(day + 34_215));
        // 09:30 at +08:00 is 01:30 UTC; at −05:00 it is 14:30 UTC.
        assert_eq!(parse_time("2025-03-04T09:30:00+08:00"), Some(day + 5_400));
        assert_eq!(parse_time("2025-03-04T09:30:00-0500"), Some(day + 52_200));
        for bad in [
            "",
            "2025-3-4",
            "2025-02-30",
            "04/03/2025",
            "2025-03-04T9:30",
            "2025-03-04T24:00",
            "2025-03-04T09:30:00+8",
            "2025-03-04T09:30:00.",
            "2025-03-04X09:30",
            "２０２５-03-04",
            "2025-03-04T09:30:00+1é2",
        ] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
        // A date column takes a date with at most a valid time after it (issue 18.5); the
        // date is the one written, whatever the offset.
        assert_eq!(parse_date("2025-03-04T23:30:00-05:00"), Some(20_151));
        assert_eq!(parse_date("2025-03-04T09:30:15.250Z"), Some(20_151));
        for bad in [
            "2024-01-05 hello",
            "2024-01-09T99:99",
            "2025-03-04T",
            "2025-03-04 ",
            "2025-03-04x",
            "2025-03-04T09:30:00+8",
            "2025-03-04 09:30 Z",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn iso_times() {
        // 2024-01-01 is day 19 723; 90 061 s = 1 day 1 h 1 min 1 s.
        assert_eq!(iso_date(19_723), "2024-01-01");
        assert_eq!(iso_time(19_723 * 86_400 + 90_061), "2024-01-02T01:01:01Z");
        assert_eq!(iso_time(-1), "1969-12-31T23:59:59Z");
        assert_eq!(iso_time(NOT_YET), "");
    }
}
