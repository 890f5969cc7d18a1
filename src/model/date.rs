//! Calendar dates as whole days, written `YYYY-MM-DD` in files.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar day (proleptic Gregorian), stored as days since 1970-01-01.
///
/// Vetting expiry, insurance, fund validity and need windows are whole days; there is no time
/// zone and no float. Years 1900–2200 are accepted from text.
///
/// # Example
/// ```
/// use wushe::model::Date;
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let d: Date = "2026-11-28".parse()?;
/// assert_eq!(d.to_string(), "2026-11-28");
/// assert_eq!(d.plus_days(3).to_string(), "2026-12-01");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i32);

/// A date string that is not a valid `YYYY-MM-DD` day in 1900–2200.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a date YYYY-MM-DD in 1900..=2200: \"{text}\"")]
pub struct DateParseError {
    /// The rejected text (truncated to 32 characters).
    pub text: String,
}

impl Date {
    /// 1970-01-01.
    pub const EPOCH: Date = Date(0);

    /// 1900-01-01, the first day accepted from text.
    pub const MIN: Date = Date(-25_567);

    /// 2200-12-31, the last day accepted from text.
    pub const MAX: Date = Date(84_370);

    /// The day `year-month-day`, or `None` when it does not exist or is outside 1900–2200.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1900..=2200).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        if day > days_in_month(year, month) {
            return None;
        }
        Some(Date(days_from_civil(year, month, day)))
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i32 {
        self.0
    }

    /// The date `days` later (earlier when negative), saturating at the representable range.
    pub fn plus_days(self, days: i32) -> Date {
        Date(self.0.saturating_add(days))
    }

    /// `(year, month, day)`.
    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(year) => 29,
        _ => 28,
    }
}

// Howard Hinnant's days-from-civil algorithm (public domain description), written anew.
fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i32::from(month <= 2);
    (year, month, day)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl FromStr for Date {
    type Err = DateParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || DateParseError {
            text: crate::excerpt::excerpt(s),
        };
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(err());
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            if !part.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            part.parse().ok()
        };
        let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
            return Err(err());
        };
        Date::from_ymd(y as i32, m, d).ok_or_else(err)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_day_of_two_centuries() {
        let start = Date::from_ymd(1900, 1, 1).unwrap();
        for k in 0..(365 * 300) {
            let d = start.plus_days(k);
            let (y, m, dd) = d.ymd();
            if y > 2200 {
                break;
            }
            assert_eq!(Date::from_ymd(y, m, dd), Some(d));
            assert_eq!(d.to_string().parse::<Date>(), Ok(d));
        }
    }

    #[test]
    fn min_and_max_are_the_text_range() {
        assert_eq!(Date::from_ymd(1900, 1, 1), Some(Date::MIN));
        assert_eq!(Date::from_ymd(2200, 12, 31), Some(Date::MAX));
        assert_eq!(Date::from_ymd(2201, 1, 1), None);
    }

    #[test]
    fn rejects_impossible_days() {
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "24-01-01",
            "2024-1-01",
            "abcd-ef-gh",
            "2300-01-01",
            "+024-01-01",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
        assert!("2024-02-29".parse::<Date>().is_ok());
    }
}
