//! Chinese working days with 调休, as Art. 34–36 count their deadlines ("收到异议材料之日起
//! 的五个工作日内", "三个工作日内撤销").
//!
//! A working day is Monday to Friday unless it falls in a statutory holiday period, plus
//! the Saturdays and Sundays that the State Council declares make-up working days. The
//! arrangements are published yearly by the General Office of the State Council
//! (国务院办公厅关于XXXX年部分节假日安排的通知) and kept as data in
//! `data/holidays.toml`, compiled into statics by `build/holidays.rs`.
//!
//! Counting follows the regulation's "from the day of receipt": the day of receipt is
//! not counted, and a deadline of *n* working days ends at the end of the *n*-th working
//! day after it ([`add_working_days`]).
//!
//! For dates the data does not cover, every answer is marked
//! [`provisional`](Answer::provisional) and falls back to Monday–Friday. A date is
//! covered when its year's arrangement is in the data and — from 26 December on — the
//! next year's too, because an arrangement can reach back into the last days of the
//! previous year (the 2019 arrangement made Saturday 2018-12-29 a working day and
//! 2018-12-31 a holiday).

use crate::date::Date;
use core::ops::RangeInclusive;
use serde::{Deserialize, Serialize};

include!(concat!(env!("OUT_DIR"), "/holidays.rs"));

/// An answer that may rest on the Monday–Friday fallback.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
pub struct Answer<T> {
    /// The answer.
    pub value: T,
    /// Some date involved is not covered by the published arrangements, where the rule
    /// fell back to Monday–Friday: the answer may change once the State Council
    /// publishes that year's arrangement. The status page says "provisional".
    pub provisional: bool,
}

impl<T> Answer<T> {
    /// An answer covered by published arrangements.
    pub fn certain(value: T) -> Answer<T> {
        Answer { value, provisional: false }
    }

    /// The same provisionality with another value.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Answer<U> {
        Answer { value: f(self.value), provisional: self.provisional }
    }
}

/// One holiday period of an arrangement: consecutive days off, including the weekend
/// days it is joined with.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct HolidayPeriod {
    /// The year of the arrangement that declared it (New Year's Day 2019 began on
    /// 2018-12-30 and belongs to 2019).
    pub arrangement_year: i32,
    /// Name, e.g. 春节.
    pub name_zh: &'static str,
    /// Name, e.g. Spring Festival.
    pub name_en: &'static str,
    first_day: i32,
    last_day: i32,
}

impl HolidayPeriod {
    /// First day off.
    pub fn first(&self) -> Date {
        Date::from_days_since_epoch(self.first_day)
    }

    /// Last day off.
    pub fn last(&self) -> Date {
        Date::from_days_since_epoch(self.last_day)
    }

    /// Whether `date` is one of its days.
    pub fn contains(&self, date: Date) -> bool {
        (self.first_day..=self.last_day).contains(&date.days_since_epoch())
    }
}

/// A Saturday or Sunday declared a working day (调休上班).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct MakeUpWorkingDay {
    /// The year of the arrangement that declared it; may be the year after its date.
    pub arrangement_year: i32,
    day: i32,
}

impl MakeUpWorkingDay {
    /// The day.
    pub fn date(&self) -> Date {
        Date::from_days_since_epoch(self.day)
    }
}

/// One year's published arrangement.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Arrangement {
    /// The year it arranges.
    pub year: i32,
    published_day: i32,
    /// Address of the notice.
    pub source: &'static str,
}

impl Arrangement {
    /// When the notice was published.
    pub fn published(&self) -> Date {
        Date::from_days_since_epoch(self.published_day)
    }
}

/// The years whose arrangements are in the data.
pub fn covered_years() -> RangeInclusive<i32> {
    FIRST_YEAR..=LAST_YEAR
}

/// The published arrangements, oldest first.
pub fn arrangements() -> &'static [Arrangement] {
    ARRANGEMENTS
}

/// All holiday periods, in date order.
pub fn holiday_periods() -> &'static [HolidayPeriod] {
    HOLIDAY_PERIODS
}

/// All make-up working days, in date order.
pub fn make_up_working_days() -> &'static [MakeUpWorkingDay] {
    MAKE_UP_WORKING_DAYS
}

/// Whether the published arrangements settle `date` (see the module documentation).
pub fn is_covered(date: Date) -> bool {
    let (year, month, day) = date.ymd();
    let years = covered_years();
    years.contains(&year) && (month < 12 || day <= 25 || years.contains(&(year + 1)))
}

/// The holiday period `date` falls in, if any.
pub fn holiday(date: Date) -> Option<&'static HolidayPeriod> {
    let day = date.days_since_epoch();
    // Periods are sorted and disjoint: the candidate is the last one starting by `day`.
    let index = HOLIDAY_PERIODS.partition_point(|p| p.first_day <= day);
    HOLIDAY_PERIODS[..index].last().filter(|p| day <= p.last_day)
}

/// The Chinese name of the holiday `date` falls in (e.g. 国庆节、中秋节); the English
/// one is on [`holiday`].
pub fn holiday_name(date: Date) -> Option<&'static str> {
    holiday(date).map(|p| p.name_zh)
}

/// Whether `date` is a declared make-up working day.
pub fn is_make_up_working_day(date: Date) -> bool {
    MAKE_UP_WORKING_DAYS.binary_search_by_key(&date.days_since_epoch(), |m| m.day).is_ok()
}

fn working(date: Date) -> bool {
    if is_make_up_working_day(date) {
        return true;
    }
    holiday(date).is_none() && !date.weekday().is_weekend()
}

/// Whether `date` is a working day.
pub fn is_working_day(date: Date) -> Answer<bool> {
    Answer { value: working(date), provisional: !is_covered(date) }
}

/// The `n`-th working day after `start` (the day of receipt is not counted): the last
/// day of a deadline "within `n` working days from receipt". `n = 0` gives `start`.
///
/// Provisional when any day in (`start`, result] is not covered.
pub fn add_working_days(start: Date, n: u32) -> Answer<Date> {
    let mut date = start;
    let mut provisional = false;
    let mut left = n;
    while left > 0 {
        date = date.add_days(1);
        provisional |= !is_covered(date);
        if working(date) {
            left -= 1;
        }
    }
    Answer { value: date, provisional }
}

/// The number of working days in (`from`, `to`]: how many working days of a deadline
/// running from `from` have been used by the end of `to`. Zero when `to` is not after
/// `from`.
///
/// Provisional when any day in (`from`, `to`] is not covered.
pub fn working_days_between(from: Date, to: Date) -> Answer<u32> {
    let mut count = 0;
    let mut provisional = false;
    let mut date = from;
    while date < to {
        date = date.add_days(1);
        provisional |= !is_covered(date);
        if working(date) {
            count += 1;
        }
    }
    Answer { value: count, provisional }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn art34_national_day_2025() {
        // Received Tuesday 2025-09-30; 1–8 October off; Saturday 11 October works.
        assert_eq!(add_working_days(d("2025-09-30"), 1), Answer::certain(d("2025-10-09")));
        assert_eq!(add_working_days(d("2025-09-30"), 3), Answer::certain(d("2025-10-11")));
        assert_eq!(holiday_name(d("2025-10-06")), Some("国庆节、中秋节"));
    }

    #[test]
    fn make_up_day_of_next_years_arrangement_applies_by_date() {
        let day = d("2018-12-29");
        assert_eq!(is_working_day(day), Answer::certain(true));
        let make_up = MAKE_UP_WORKING_DAYS.iter().find(|m| m.date() == day).unwrap();
        assert_eq!(make_up.arrangement_year, 2019);
        assert_eq!(holiday(d("2018-12-31")).unwrap().arrangement_year, 2019);
    }

    #[test]
    fn uncovered_years_fall_back_to_monday_to_friday() {
        let friday = d("2027-01-01");
        assert_eq!(is_working_day(friday), Answer { value: true, provisional: true });
        assert!(is_working_day(d("2026-12-28")).provisional, "2027 arrangement may reach back");
        assert!(!is_working_day(d("2026-12-25")).provisional);
        assert!(is_working_day(d("2017-12-29")).provisional);
    }
}
