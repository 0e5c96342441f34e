//! Calendar dates in Asia/Shanghai.
//!
//! Every rule of the regulation counts in whole days of the province's civil calendar
//! (Art. 33's three years, Art. 34–36's working days). The crate never reads a clock:
//! callers pass "today" as a [`Date`], computed by the adapter from the wall clock in
//! UTC+8 (China has no daylight saving time, so a fixed offset is exact).

use core::fmt;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A proleptic Gregorian calendar date, stored as days since 1970-01-01.
///
/// Ordering, equality and arithmetic are on the day count; `Display` and serde use
/// ISO 8601 (`2025-09-30`).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Date(i32);

/// Day of the week, Monday first as in China.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Weekday {
    /// 星期一
    Monday,
    /// 星期二
    Tuesday,
    /// 星期三
    Wednesday,
    /// 星期四
    Thursday,
    /// 星期五
    Friday,
    /// 星期六
    Saturday,
    /// 星期日
    Sunday,
}

impl Weekday {
    /// Saturday or Sunday.
    pub fn is_weekend(self) -> bool {
        matches!(self, Weekday::Saturday | Weekday::Sunday)
    }
}

/// Why a string is not a date.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid date {:?}: expected YYYY-MM-DD", self.0)
    }
}

/// Seconds in the UTC+8 offset of Asia/Shanghai.
pub const SHANGHAI_OFFSET_SECONDS: i64 = 8 * 3600;

impl Date {
    /// The date for year, month (1–12) and day (1–31), if it exists.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date(days_from_civil(year, month, day)))
    }

    /// The date for a day count since 1970-01-01.
    pub fn from_days_since_epoch(days: i32) -> Date {
        Date(days)
    }

    /// [`Date::from_days_since_epoch`] for constants.
    pub const fn from_days_since_epoch_const(days: i32) -> Date {
        Date(days)
    }

    /// Days since 1970-01-01.
    pub fn days_since_epoch(self) -> i32 {
        self.0
    }

    /// The Asia/Shanghai calendar date at a Unix time in milliseconds.
    ///
    /// The adapters call this with the wall clock; the rules never do.
    pub fn shanghai_from_unix_millis(millis: i64) -> Date {
        let seconds = millis.div_euclid(1000) + SHANGHAI_OFFSET_SECONDS;
        Date(seconds.div_euclid(86_400) as i32)
    }

    /// Year, month (1–12), day (1–31).
    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.ymd().0
    }

    /// The weekday.
    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        match (self.0 + 3).rem_euclid(7) {
            0 => Weekday::Monday,
            1 => Weekday::Tuesday,
            2 => Weekday::Wednesday,
            3 => Weekday::Thursday,
            4 => Weekday::Friday,
            5 => Weekday::Saturday,
            _ => Weekday::Sunday,
        }
    }

    /// This date plus `days` (which may be negative).
    pub fn add_days(self, days: i32) -> Date {
        Date(self.0 + days)
    }

    /// Days from `self` to `other` (positive when `other` is later).
    pub fn days_until(self, other: Date) -> i32 {
        other.0 - self.0
    }

    /// The same day `months` calendar months later, clamped to the month's last day
    /// (2024-02-29 plus 12 months is 2025-02-28), as periods "of N months" are counted.
    pub fn add_months(self, months: i32) -> Date {
        let (y, m, d) = self.ymd();
        let index = y * 12 + (m as i32 - 1) + months;
        let year = index.div_euclid(12);
        let month = index.rem_euclid(12) as u32 + 1;
        let day = d.min(days_in_month(year, month));
        Date(days_from_civil(year, month, day))
    }

    /// The same day `years` later, clamped like [`Date::add_months`].
    pub fn add_years(self, years: i32) -> Date {
        self.add_months(years * 12)
    }

    /// Parse `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let err = || DateError(text.to_string());
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(err());
        }
        let number = |range: core::ops::Range<usize>| -> Result<u32, DateError> {
            let part = &text[range];
            if !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err());
            }
            part.parse().map_err(|_| err())
        };
        let (y, m, d) = (number(0..4)?, number(5..7)?, number(8..10)?);
        Date::from_ymd(y as i32, m, d).ok_or_else(err)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl core::str::FromStr for Date {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Date, DateError> {
        Date::parse(s)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Date::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A pinned clock for the end-to-end tests: "today" is a chosen date, and time runs on
/// from 10:00 in Asia/Shanghai on that date, starting at a real instant (the anchor).
///
/// The rules never read a clock; the adapters do, and this is what they read instead of
/// the wall clock when a test run pins the date (`TEST_CLOCK`, honoured only where
/// `ENVIRONMENT` is `test`). Starting at 10:00 leaves 14 hours before the date turns, so
/// a run that starts on the pinned date stays on it, whatever the real time of day.
/// Written as `YYYY-MM-DD@ANCHOR`, the anchor in Unix milliseconds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct PinnedClock {
    /// The pinned date.
    pub today: Date,
    /// The real Unix time, in milliseconds, at which the pinned day was 10:00.
    pub anchor_millis: i64,
}

impl PinnedClock {
    /// Parse `YYYY-MM-DD@ANCHOR_MILLIS`.
    pub fn parse(text: &str) -> Result<PinnedClock, DateError> {
        let err = || DateError(text.to_string());
        let (date, anchor) = text.split_once('@').ok_or_else(err)?;
        let anchor_millis = anchor.trim().parse::<i64>().map_err(|_| err())?;
        Ok(PinnedClock { today: Date::parse(date.trim()).map_err(|_| err())?, anchor_millis })
    }

    /// Unix milliseconds of 10:00 Asia/Shanghai on the pinned date.
    pub fn start_millis(self) -> i64 {
        let midnight_utc = i64::from(self.today.days_since_epoch()) * 86_400_000;
        midnight_utc - SHANGHAI_OFFSET_SECONDS * 1000 + 10 * 3_600_000
    }

    /// The pinned clock's time, in Unix milliseconds, at the real time `real_millis`.
    pub fn now_millis(self, real_millis: i64) -> i64 {
        self.start_millis() + (real_millis - self.anchor_millis)
    }
}

impl fmt::Display for PinnedClock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.today, self.anchor_millis)
    }
}

/// Whether `year` is a Gregorian leap year.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in `month` (1–12) of `year`.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

// Howard Hinnant's days_from_civil / civil_from_days.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn round_trips_and_weekdays() {
        assert_eq!(d("1970-01-01").days_since_epoch(), 0);
        assert_eq!(d("2025-09-30").to_string(), "2025-09-30");
        assert_eq!(d("2025-09-30").weekday(), Weekday::Tuesday);
        assert_eq!(d("2025-10-11").weekday(), Weekday::Saturday);
        assert_eq!(d("2000-02-29").add_days(1), d("2000-03-01"));
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in ["2023-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "２０２４-01-01", ""] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
        assert!(Date::parse("2024-02-29").is_ok());
    }

    #[test]
    fn month_arithmetic_clamps_to_month_end() {
        assert_eq!(d("2024-02-29").add_years(1), d("2025-02-28"));
        assert_eq!(d("2025-01-31").add_months(1), d("2025-02-28"));
        assert_eq!(d("2025-11-30").add_months(3), d("2026-02-28"));
        assert_eq!(d("2025-03-15").add_months(-3), d("2024-12-15"));
    }

    #[test]
    fn shanghai_date_turns_at_16_utc() {
        // 2025-12-31T15:59:59Z is 23:59:59 in Shanghai; one second later is New Year.
        let before = 1_767_196_799_000;
        assert_eq!(Date::shanghai_from_unix_millis(before), d("2025-12-31"));
        assert_eq!(Date::shanghai_from_unix_millis(before + 1000), d("2026-01-01"));
    }
    #[test]
    fn a_pinned_clock_starts_at_ten_in_shanghai_and_runs_on() {
        let clock = PinnedClock::parse("2028-02-29@1000").unwrap();
        // 2028-02-29 is day 21 243 since 1970-01-01; 10:00 +08:00 is 02:00 UTC.
        assert_eq!(clock.start_millis(), 21_243 * 86_400_000 + 2 * 3_600_000);
        assert_eq!(clock.now_millis(1000), clock.start_millis());
        assert_eq!(Date::shanghai_from_unix_millis(clock.now_millis(1000)), d("2028-02-29"));
        // 13 h 59 min later it is still the pinned day; 14 h later the next one.
        let minute = 60_000;
        assert_eq!(Date::shanghai_from_unix_millis(clock.now_millis(1000 + 839 * minute)), d("2028-02-29"));
        assert_eq!(Date::shanghai_from_unix_millis(clock.now_millis(1000 + 840 * minute)), d("2028-03-01"));
        assert_eq!(clock.to_string(), "2028-02-29@1000");
        for bad in ["2028-02-29", "2028-02-30@1", "2028-02-29@x", "@1"] {
            assert!(PinnedClock::parse(bad).is_err(), "{bad}");
        }
    }
}
