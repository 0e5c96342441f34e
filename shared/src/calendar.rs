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
//! A date is covered when its year's arrangement is in the data and — from 26 December
//! on — the next year's too, because an arrangement can reach back into the last days of
//! the previous year (the 2019 arrangement made Saturday 2018-12-29 a working day and
//! 2018-12-31 a holiday).
//!
//! # Years without a published arrangement
//!
//! For a date the data does not cover (in practice: the next year, between the first
//! deadlines that run into it and the State Council's notice, published in October to
//! December), every answer is marked [`provisional`](Answer::provisional) and falls back
//! to the statutory holidays of 《全国年节及纪念日放假办法》 (国务院令第795号, as revised on
//! 10 November 2024, in force from 1 January 2025), Article 2:
//!
//! > 第二条 全体公民放假的节日：
//! > （一）元旦，放假1天（1月1日）；
//! > （二）春节，放假4天（农历除夕、正月初一至初三）；
//! > （三）清明节，放假1天（农历清明当日）；
//! > （四）劳动节，放假2天（5月1日、2日）；
//! > （五）端午节，放假1天（农历端午当日）；
//! > （六）中秋节，放假1天（农历中秋当日）；
//! > （七）国庆节，放假3天（10月1日至3日）。
//!
//! In the fallback a day is a working day unless it is a Saturday, a Sunday or one of
//! these days ([`statutory_holidays`]). 除夕 is the last day of the twelfth lunar month,
//! the 29th or the 30th: the day before 正月初一. 清明 is the day of the 清明 solar term
//! (the sun at 15° ecliptic longitude, Beijing time); 端午 is 五月初五 and 中秋 八月十五
//! (of the regular, not a leap, month). The lunar dates and the solar term are computed
//! by the `tyme4rs` crate (寿星天文历 algorithms), not by a table of ours.
//!
//! What the fallback does not guess: the 调休 of the coming notice — the weekends made
//! working days and the bridging days off joined to a holiday — and the 补假 of Article 6
//! ("全体公民放假的假日，如果适逢星期六、星期日，应当在工作日补假"), whose days only the notice
//! places. So in 2027, with 5月1日、2日 on a Saturday and Sunday, Monday 3 May is a working
//! day until the 2027 arrangement is added; that is why such answers stay provisional.
//!
//! Years before 2025 (the data starts with 2018, so only years before that are ever
//! uncovered) get the days of the version then in force: the 2013 revision (国务院令第644号,
//! 2014–2024: 春节 正月初一至初三, 劳动节 5月1日 only), and before 2014 the 2007 revision
//! (国务院令第513号, from 2008: 春节 除夕、正月初一、初二); the versions before 2008 are not
//! modelled. Lunar dates are computed for the years in [`LUNAR_YEARS`] only; outside it the
//! fallback knows the Gregorian-dated holidays alone.
//!
//! The fallback is a pure function of the date. Computing a year's lunar dates costs tens
//! of microseconds, so the counting functions compute each year at most once per call,
//! and only for dates where a lunar holiday can fall at all.

use crate::date::Date;
use core::ops::RangeInclusive;
use serde::{Deserialize, Serialize};
use tyme4rs::tyme::lunar::LunarDay;
use tyme4rs::tyme::solar::{SolarDay, SolarTerm};

include!(concat!(env!("OUT_DIR"), "/holidays.rs"));

/// An answer that may rest on the statutory-holiday fallback.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
pub struct Answer<T> {
    /// The answer.
    pub value: T,
    /// Some date involved is not covered by the published arrangements, where the rule
    /// fell back to the statutory holidays and weekends (see the module documentation):
    /// the answer may change once the State Council publishes that year's arrangement.
    /// The status page says "provisional".
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

/// The Chinese name of the holiday `date` falls in (e.g. 国庆节、中秋节): the period of the
/// data, or for a date the data does not cover the statutory holiday of the fallback
/// ([`statutory_holiday_names`]). The English name is on [`holiday`] or
/// [`statutory_holiday_names`].
pub fn holiday_name(date: Date) -> Option<&'static str> {
    match holiday(date) {
        Some(period) => Some(period.name_zh),
        None if !is_covered(date) => statutory_holiday_names(date).map(|(zh, _)| zh),
        None => None,
    }
}

/// Whether `date` is a declared make-up working day.
pub fn is_make_up_working_day(date: Date) -> bool {
    MAKE_UP_WORKING_DAYS.binary_search_by_key(&date.days_since_epoch(), |m| m.day).is_ok()
}

/// Working-day answers for a run of dates: remembers the statutory holidays of the last
/// uncovered year it needed, so that a loop computes each year's lunar dates once.
struct Days {
    year: Option<StatutoryYear>,
}

impl Days {
    fn new() -> Days {
        Days { year: None }
    }

    fn working(&mut self, date: Date) -> bool {
        if is_make_up_working_day(date) {
            return true;
        }
        if holiday(date).is_some() || date.weekday().is_weekend() {
            return false;
        }
        is_covered(date) || !self.is_statutory_holiday(date)
    }

    fn is_statutory_holiday(&mut self, date: Date) -> bool {
        let (year, month, day) = date.ymd();
        if is_fixed_statutory_holiday(year, month, day) {
            return true;
        }
        may_be_lunar_holiday(year, month, day) && self.year(year).festivals(date).next().is_some()
    }

    fn year(&mut self, year: i32) -> &StatutoryYear {
        if self.year.as_ref().is_none_or(|y| y.year != year) {
            self.year = Some(StatutoryYear::compute(year));
        }
        self.year.as_ref().expect("just computed")
    }
}

/// Whether `date` is a working day.
pub fn is_working_day(date: Date) -> Answer<bool> {
    Answer { value: Days::new().working(date), provisional: !is_covered(date) }
}

/// The `n`-th working day after `start` (the day of receipt is not counted): the last
/// day of a deadline "within `n` working days from receipt". `n = 0` gives `start`.
///
/// Provisional when any day in (`start`, result] is not covered.
pub fn add_working_days(start: Date, n: u32) -> Answer<Date> {
    let mut days = Days::new();
    let mut date = start;
    let mut provisional = false;
    let mut left = n;
    while left > 0 {
        date = date.add_days(1);
        provisional |= !is_covered(date);
        if days.working(date) {
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
    let mut days = Days::new();
    let mut count = 0;
    let mut provisional = false;
    let mut date = from;
    while date < to {
        date = date.add_days(1);
        provisional |= !is_covered(date);
        if days.working(date) {
            count += 1;
        }
    }
    Answer { value: count, provisional }
}

/// A festival on which all citizens have days off (Article 2 of 《全国年节及纪念日放假办法》).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum Festival {
    /// 元旦, 1 January.
    NewYearsDay,
    /// 春节: 除夕 and 正月初一至初三 (from 2025).
    SpringFestival,
    /// 清明节: the day of the 清明 solar term.
    Qingming,
    /// 劳动节: 1 and 2 May (from 2025).
    LabourDay,
    /// 端午节: 五月初五.
    DragonBoat,
    /// 中秋节: 八月十五.
    MidAutumn,
    /// 国庆节: 1 to 3 October.
    NationalDay,
}

impl Festival {
    /// The Chinese name, as the State Council's notices write it (e.g. 清明节).
    pub fn name_zh(self) -> &'static str {
        match self {
            Festival::NewYearsDay => "元旦",
            Festival::SpringFestival => "春节",
            Festival::Qingming => "清明节",
            Festival::LabourDay => "劳动节",
            Festival::DragonBoat => "端午节",
            Festival::MidAutumn => "中秋节",
            Festival::NationalDay => "国庆节",
        }
    }

    /// The English name, as in `data/holidays.toml`.
    pub fn name_en(self) -> &'static str {
        match self {
            Festival::NewYearsDay => "New Year's Day",
            Festival::SpringFestival => "Spring Festival",
            Festival::Qingming => "Qingming Festival",
            Festival::LabourDay => "Labour Day",
            Festival::DragonBoat => "Dragon Boat Festival",
            Festival::MidAutumn => "Mid-Autumn Festival",
            Festival::NationalDay => "National Day",
        }
    }
}

/// One statutory day off.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct StatutoryHoliday {
    /// The day.
    pub date: Date,
    /// Its festival.
    pub festival: Festival,
}

/// The Gregorian years for which the fallback computes the lunar holidays (春节, 端午,
/// 中秋) and 清明; outside them it knows only 元旦, 劳动节 and 国庆节. The range keeps the
/// calendar crate within the years it supports and far beyond any deadline.
pub const LUNAR_YEARS: RangeInclusive<i32> = 1901..=2200;

/// The statutory days off of `year` under the version of 《全国年节及纪念日放假办法》 in
/// force that year (see the module documentation), in date order: what the fallback
/// keeps free of work besides weekends, whatever the data says. A day of two festivals
/// (中秋 on 3 October 2028) is listed once for each.
pub fn statutory_holidays(year: i32) -> Vec<StatutoryHoliday> {
    let year = StatutoryYear::compute(year);
    year.days[..year.len]
        .iter()
        .map(|&(day, festival)| StatutoryHoliday { date: Date::from_days_since_epoch(day), festival })
        .collect()
}

/// The Chinese and English names of the statutory holiday `date` is, whether or not the
/// data covers it (e.g. ("国庆节、中秋节", "National Day and Mid-Autumn Festival") for a
/// day of both).
pub fn statutory_holiday_names(date: Date) -> Option<(&'static str, &'static str)> {
    let (year, month, day) = date.ymd();
    if !(is_fixed_statutory_holiday(year, month, day) || may_be_lunar_holiday(year, month, day)) {
        return None;
    }
    let year = StatutoryYear::compute(year);
    let mut festivals = year.festivals(date);
    let first = festivals.next()?;
    Some(match (first, festivals.next()) {
        (_, None) => (first.name_zh(), first.name_en()),
        (Festival::MidAutumn, Some(Festival::NationalDay)) => {
            ("国庆节、中秋节", "National Day and Mid-Autumn Festival")
        }
        (first, Some(second)) => unreachable!("{first:?} and {second:?} cannot fall on one day"),
    })
}

/// The versions of Article 2 that the fallback knows.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Version {
    /// 国务院令第513号, in force 2008-01-01 to 2013-12-31 (applied to earlier years too).
    Of2007,
    /// 国务院令第644号, in force 2014-01-01 to 2024-12-31.
    Of2013,
    /// 国务院令第795号, in force from 2025-01-01.
    Of2024,
}

impl Version {
    fn of_year(year: i32) -> Version {
        match year {
            2025.. => Version::Of2024,
            2014..=2024 => Version::Of2013,
            _ => Version::Of2007,
        }
    }

    /// The days of 春节 relative to 正月初一 (除夕 is -1).
    fn spring_festival(self) -> RangeInclusive<i32> {
        match self {
            Version::Of2007 => -1..=1,
            Version::Of2013 => 0..=2,
            Version::Of2024 => -1..=2,
        }
    }

    /// The days of 劳动节 in May.
    fn labour_day(self) -> RangeInclusive<u32> {
        match self {
            Version::Of2007 | Version::Of2013 => 1..=1,
            Version::Of2024 => 1..=2,
        }
    }
}

/// The Gregorian-dated statutory days off: 元旦, 劳动节, 国庆节.
fn is_fixed_statutory_holiday(year: i32, month: u32, day: u32) -> bool {
    match month {
        1 => day == 1,
        5 => Version::of_year(year).labour_day().contains(&day),
        10 => day <= 3,
        _ => false,
    }
}

/// Whether a lunar holiday or 清明 can fall on this date: only in [`LUNAR_YEARS`], and then
/// 除夕 to 初三 within 20 January – 22 February, 清明 on 4–6 April, 端午 within 28 May –
/// 25 June, 中秋 within 8 September – 7 October. The windows here have a margin of a day
/// or two; `tests/calendar_fallback.rs` checks every year of `LUNAR_YEARS` against them.
fn may_be_lunar_holiday(year: i32, month: u32, day: u32) -> bool {
    if !LUNAR_YEARS.contains(&year) {
        return false;
    }
    match month {
        1 => day >= 18,
        2 => day <= 24,
        4 => (2..=7).contains(&day),
        5 => day >= 26,
        6 => day <= 27,
        9 => day >= 6,
        10 => day <= 9,
        _ => false,
    }
}

/// Most statutory days off in a year: 1 + 4 + 1 + 2 + 1 + 1 + 3 under the 2024 revision.
const MAX_STATUTORY_DAYS: usize = 13;

/// One year's statutory days off, sorted by day and festival.
#[derive(Clone, Copy, Debug)]
struct StatutoryYear {
    year: i32,
    len: usize,
    days: [(i32, Festival); MAX_STATUTORY_DAYS],
}

impl StatutoryYear {
    fn compute(year: i32) -> StatutoryYear {
        let version = Version::of_year(year);
        let mut result = StatutoryYear { year, len: 0, days: [(0, Festival::NewYearsDay); MAX_STATUTORY_DAYS] };
        let mut push = |date: Date, festival: Festival| {
            result.days[result.len] = (date.days_since_epoch(), festival);
            result.len += 1;
        };
        let gregorian = |month: u32, day: u32| Date::from_ymd(year, month, day).expect("a valid date");
        push(gregorian(1, 1), Festival::NewYearsDay);
        for day in version.labour_day() {
            push(gregorian(5, day), Festival::LabourDay);
        }
        for day in 1..=3 {
            push(gregorian(10, day), Festival::NationalDay);
        }
        if LUNAR_YEARS.contains(&year) {
            let new_year = lunar(year, 1, 1);
            for offset in version.spring_festival() {
                push(new_year.add_days(offset), Festival::SpringFestival);
            }
            push(solar(SolarTerm::from_name(year as isize, "清明").get_solar_day()), Festival::Qingming);
            push(lunar(year, 5, 5), Festival::DragonBoat);
            push(lunar(year, 8, 15), Festival::MidAutumn);
        }
        let len = result.len;
        result.days[..len].sort_unstable();
        result
    }

    /// The festivals of `date`, in [`Festival`] order.
    fn festivals(&self, date: Date) -> impl Iterator<Item = Festival> + '_ {
        let day = date.days_since_epoch();
        self.days[..self.len].iter().filter(move |&&(d, _)| d == day).map(|&(_, festival)| festival)
    }
}

/// The Gregorian date of day `day` of the regular (not leap) lunar month `month` of the
/// lunar year that begins in Gregorian `year`.
fn lunar(year: i32, month: isize, day: usize) -> Date {
    solar(LunarDay::from_ymd(year as isize, month, day).get_solar_day())
}

fn solar(day: SolarDay) -> Date {
    Date::from_ymd(day.get_year() as i32, day.get_month() as u32, day.get_day() as u32)
        .expect("the calendar crate gives valid dates")
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
    fn uncovered_years_fall_back_to_statutory_holidays_and_weekends() {
        // Friday 2027-01-01 is 元旦: a holiday of Art. 2 of the 放假办法, though no
        // arrangement for 2027 is in the data (it used to count as a working day here).
        let friday = d("2027-01-01");
        assert_eq!(is_working_day(friday), Answer { value: false, provisional: true });
        assert_eq!(holiday_name(friday), Some("元旦"));
        assert_eq!(is_working_day(d("2027-01-04")), Answer { value: true, provisional: true });
        assert!(is_working_day(d("2026-12-28")).provisional, "2027 arrangement may reach back");
        assert!(!is_working_day(d("2026-12-25")).provisional);
        assert!(is_working_day(d("2017-12-29")).provisional);
    }
}
