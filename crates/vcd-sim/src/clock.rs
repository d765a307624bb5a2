//! Wall-clock times as VCD writes them (ISO-8601 with milliseconds and `Z`), and back, so tasks can
//! say when they started and query filters can compare dates. No calendar crate: the civil-date
//! conversion is Howard Hinnant's, exact for the proleptic Gregorian calendar.

use std::time::{SystemTime, UNIX_EPOCH};

/// `2026-12-07T16:11:11.250Z`.
pub fn iso8601(at: SystemTime) -> String {
    let since = at.duration_since(UNIX_EPOCH).unwrap_or_default();
    iso8601_millis(since.as_millis() as i64)
}

pub fn iso8601_millis(millis: i64) -> String {
    let days = millis.div_euclid(86_400_000);
    let in_day = millis.rem_euclid(86_400_000);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        in_day / 3_600_000,
        in_day / 60_000 % 60,
        in_day / 1000 % 60,
        in_day % 1000
    )
}

/// Milliseconds since 1970 of `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`, or of a bare `YYYY-MM-DD`.
pub fn parse_iso8601(text: &str) -> Option<i64> {
    let num = |s: &str| -> Option<i64> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let (date, time) = match text.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (text, None),
    };
    let mut parts = date.split('-');
    let (y, m, d) = (
        num(parts.next()?)?,
        num(parts.next()?)?,
        num(parts.next()?)?,
    );
    if parts.next().is_some() || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let mut millis = days_from_civil(y, m, d) * 86_400_000;
    if let Some(time) = time {
        let (clock, offset_minutes) = if let Some(c) = time.strip_suffix('Z') {
            (c, 0)
        } else {
            let at = time.rfind(['+', '-'])?;
            let (c, off) = time.split_at(at);
            let sign = if off.starts_with('-') { -1 } else { 1 };
            let (oh, om) = off[1..].split_once(':')?;
            (c, sign * (num(oh)? * 60 + num(om)?))
        };
        let (hms, frac) = match clock.split_once('.') {
            Some((h, f)) => (h, Some(f)),
            None => (clock, None),
        };
        let mut hms = hms.split(':');
        let (h, mi, s) = (num(hms.next()?)?, num(hms.next()?)?, num(hms.next()?)?);
        if hms.next().is_some() || h > 23 || mi > 59 || s > 60 {
            return None;
        }
        let frac_ms = match frac {
            Some(f) => {
                let digits: String = f.chars().chain("000".chars()).take(3).collect();
                num(&digits)?
            }
            None => 0,
        };
        millis += ((h * 60 + mi - offset_minutes) * 60 + s) * 1000 + frac_ms;
    }
    Some(millis)
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_written_and_read_back_as_vcd_writes_them() {
        assert_eq!(iso8601_millis(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(
            iso8601_millis(1_796_659_871_250),
            "2026-12-07T16:11:11.250Z"
        );
        assert_eq!(
            parse_iso8601("2026-12-07T16:11:11.250Z"),
            Some(1_796_659_871_250)
        );
        // The offset form of the samples (`2017-06-13T05:30:58.467+02:00`) is the same instant as UTC.
        assert_eq!(
            parse_iso8601("2017-06-13T05:30:58.467+02:00"),
            parse_iso8601("2017-06-13T03:30:58.467Z")
        );
        assert_eq!(parse_iso8601("2024-02-29"), Some(1_709_164_800_000));
        for bad in [
            "",
            "2024-13-01",
            "2024-01-01T25:00:00Z",
            "web-frontend",
            "2024-01-01T10:00",
        ] {
            assert_eq!(parse_iso8601(bad), None, "{bad}");
        }
    }
}
