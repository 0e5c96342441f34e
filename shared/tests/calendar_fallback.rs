//! The statutory-holiday fallback of the working-day calendar for years whose State
//! Council arrangement is not in the data (issue 11, item 8): 2027 as of December 2026.
//!
//! Every expected value here is worked out by hand, independently of the calendar crate
//! the code uses (tyme4rs):
//!
//! * Weekdays. 2026-01-01 is a Thursday (the 2026 arrangement makes Sunday 2026-01-04 a
//!   working day after 元旦 1–3 January). 2026 has 365 days = 52 weeks + 1, so
//!   2027-01-01 is a Friday; 2027 has 365 days too, so 2028-01-01 is a Saturday. For a
//!   day of the year N, the weekday is that of 1 January plus (N − 1) mod 7, with the
//!   month lengths 31, 28 (29 in 2028), 31, 30, 31, 30, 31, 31, 30, 31, 30.
//! * Lunar dates. A lunar month begins on the Beijing (UTC+8) date of the new moon; the
//!   month containing the winter solstice is the 11th. New moons from PyEphem 4 (an
//!   independent VSOP87/ELP implementation), converted to Beijing time:
//!   2026-12-09 08:51 (11th month: the solstice is 2026-12-22), 2027-01-08 04:24 (12th),
//!   2027-02-06 23:56 (正月 — four minutes before midnight: the new year is 6 February,
//!   not 7), 03-08, 04-07, 05-06, 2027-06-05 03:40 (五月), 07-04, 08-02,
//!   2027-09-01 01:41 (八月), 09-30, 10-29, 2027-11-28 (11th: the solstice is
//!   2027-12-22). From 11th month to 11th month there are 12 months, so 2027 has no leap
//!   month. Hence 腊月 has 29 days (8 January – 5 February) and 除夕 is 腊月廿九,
//!   2027-02-05; 端午 (五月初五) is 5 June + 4 = 2027-06-09; 中秋 (八月十五) is 1 September +
//!   14 = 2027-09-15. Published lists agree: Spring Festival 2027-02-06 (eve 02-05),
//!   Qingming 04-05, Dragon Boat 06-09, Mid-Autumn 09-15; the annular solar eclipse of
//!   6 February 2027 (UTC) is that new moon.
//! * 清明 2027: the sun reaches 15° ecliptic longitude at 2027-04-05 00:13 UTC (PyEphem),
//!   08:13 Beijing time: 5 April.

use gzcredit_shared::calendar::{
    add_working_days, covered_years, holiday, holiday_name, is_covered, is_working_day, statutory_holiday_names,
    statutory_holidays, working_days_between, Answer, Festival, StatutoryHoliday, LUNAR_YEARS,
};
use gzcredit_shared::date::Weekday;
use gzcredit_shared::Date;

fn d(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn provisional<T>(value: T) -> Answer<T> {
    Answer { value, provisional: true }
}

/// A weekday that the fallback treats as a holiday: provisional, not a working day.
fn assert_statutory(date: &str, weekday: Weekday, name: &str) {
    let date = d(date);
    assert_eq!(date.weekday(), weekday, "{date}");
    assert!(!is_covered(date), "{date}");
    assert_eq!(is_working_day(date), provisional(false), "{date}");
    assert_eq!(holiday_name(date), Some(name), "{date}");
}

/// A weekday that is no statutory holiday: provisional, a working day.
fn assert_working(date: &str, weekday: Weekday) {
    let date = d(date);
    assert_eq!(date.weekday(), weekday, "{date}");
    assert_eq!(is_working_day(date), provisional(true), "{date}");
    assert_eq!(holiday_name(date), None, "{date}");
}

#[test]
fn new_years_day_2027() {
    // 元旦: 1 January, one day. Day 1 of 2027: Friday.
    assert_statutory("2027-01-01", Weekday::Friday, "元旦");
    // 31 December is no holiday under the 2024 revision (元旦 is one day), but it is not
    // covered either: the 2027 arrangement could still reach back into 2026.
    assert_working("2026-12-31", Weekday::Thursday);
    assert_eq!(is_working_day(d("2027-01-02")), provisional(false), "Saturday");
    assert_eq!(is_working_day(d("2027-01-03")), provisional(false), "Sunday");
    assert_working("2027-01-04", Weekday::Monday);
}

#[test]
fn spring_festival_2027_from_new_years_eve() {
    // 春节: 除夕 and 正月初一 to 初三 = 5, 6, 7, 8 February 2027. Day 36 of the year
    // (31 + 5): 35 mod 7 = 0, a Friday like 1 January; 6 and 7 February are the weekend.
    assert_working("2027-02-04", Weekday::Thursday); // 腊月廿八
    assert_statutory("2027-02-05", Weekday::Friday, "春节"); // 除夕 = 腊月廿九
    assert_eq!(is_working_day(d("2027-02-06")), provisional(false)); // 初一, Saturday
    assert_eq!(is_working_day(d("2027-02-07")), provisional(false)); // 初二, Sunday
    assert_eq!(holiday_name(d("2027-02-06")), Some("春节"));
    assert_eq!(holiday_name(d("2027-02-07")), Some("春节"));
    assert_statutory("2027-02-08", Weekday::Monday, "春节"); // 初三
                                                             // 初四: no 补假 for 初一/初二 on the weekend and no bridging is invented.
    assert_working("2027-02-09", Weekday::Tuesday);
}

#[test]
fn qingming_2027() {
    // 清明: the day of the solar term, 5 April 2027 = day 95 (31 + 28 + 31 + 5):
    // 94 mod 7 = 3, Friday + 3 = Monday.
    assert_working("2027-04-02", Weekday::Friday);
    assert_statutory("2027-04-05", Weekday::Monday, "清明节");
    assert_working("2027-04-06", Weekday::Tuesday);
}

#[test]
fn labour_day_2027_falls_on_a_weekend_and_nothing_is_guessed() {
    // 劳动节: 1 and 2 May. 1 May = day 121 (31 + 28 + 31 + 30 + 1): 120 mod 7 = 1,
    // Saturday; 2 May is Sunday. Art. 6 of the 办法 gives 补假 on working days, but only
    // the State Council's notice says which: Monday 3 May stays a working day here.
    let (sat, sun) = (d("2027-05-01"), d("2027-05-02"));
    assert_eq!((sat.weekday(), sun.weekday()), (Weekday::Saturday, Weekday::Sunday));
    assert_eq!(is_working_day(sat), provisional(false));
    assert_eq!(is_working_day(sun), provisional(false));
    assert_eq!(holiday_name(sat), Some("劳动节"));
    assert_eq!(holiday_name(sun), Some("劳动节"));
    assert_working("2027-05-03", Weekday::Monday);
    assert_working("2027-05-04", Weekday::Tuesday);
}

#[test]
fn dragon_boat_and_mid_autumn_2027() {
    // 端午 = 五月初五 = 9 June 2027 = day 160 (151 + 9): 159 mod 7 = 5, Wednesday.
    assert_working("2027-06-08", Weekday::Tuesday);
    assert_statutory("2027-06-09", Weekday::Wednesday, "端午节");
    assert_working("2027-06-10", Weekday::Thursday);
    // 中秋 = 八月十五 = 15 September 2027 = day 258 (243 + 15): 257 mod 7 = 5, Wednesday.
    assert_working("2027-09-14", Weekday::Tuesday);
    assert_statutory("2027-09-15", Weekday::Wednesday, "中秋节");
    assert_working("2027-09-16", Weekday::Thursday);
}

#[test]
fn national_day_2027() {
    // 国庆: 1–3 October. 1 October = day 274 (273 + 1): 273 mod 7 = 0, Friday; 2 and 3
    // October are the weekend, and Monday 4 October works (no 补假 guessed).
    assert_statutory("2027-10-01", Weekday::Friday, "国庆节");
    assert_eq!(is_working_day(d("2027-10-02")), provisional(false));
    assert_eq!(is_working_day(d("2027-10-03")), provisional(false));
    assert_eq!(holiday_name(d("2027-10-03")), Some("国庆节"));
    assert_working("2027-10-04", Weekday::Monday);
}

#[test]
fn the_thirteen_statutory_days_of_2027() {
    use Festival::*;
    let expected = [
        ("2027-01-01", NewYearsDay),
        ("2027-02-05", SpringFestival),
        ("2027-02-06", SpringFestival),
        ("2027-02-07", SpringFestival),
        ("2027-02-08", SpringFestival),
        ("2027-04-05", Qingming),
        ("2027-05-01", LabourDay),
        ("2027-05-02", LabourDay),
        ("2027-06-09", DragonBoat),
        ("2027-09-15", MidAutumn),
        ("2027-10-01", NationalDay),
        ("2027-10-02", NationalDay),
        ("2027-10-03", NationalDay),
    ]
    .map(|(date, festival)| StatutoryHoliday { date: d(date), festival });
    assert_eq!(statutory_holidays(2027), expected);
}

#[test]
fn art34_deadline_across_new_year_2027() {
    // Five working days from receipt on Thursday 2026-12-31 (not counted): Friday
    // 1 January is 元旦, 2–3 January the weekend, then Monday 4 (1), Tuesday 5 (2),
    // Wednesday 6 (3), Thursday 7 (4), Friday 8 January (5). The 2026 data has nothing
    // on 31 December – 1 January (its 元旦 is 2026-01-01..03), and from 26 December a
    // date is covered only when next year's arrangement is in the data too, so every
    // day counted is uncovered and the deadline is provisional.
    assert_eq!(add_working_days(d("2026-12-31"), 5), provisional(d("2027-01-08")));
    assert_eq!(add_working_days(d("2026-12-31"), 1), provisional(d("2027-01-04")));
    // Under the old Monday–Friday fallback 1 January counted: the deadline was 7 January.
    assert_eq!(working_days_between(d("2026-12-31"), d("2027-01-07")), provisional(4));
}

#[test]
fn art34_deadline_across_spring_festival_2027() {
    // Received Thursday 2027-02-04: 5 February (除夕) off, 6–7 the weekend and 初一/初二,
    // 8 February (初三) off; then Tuesday 9 (1), Wednesday 10 (2), Thursday 11 (3),
    // Friday 12 (4), 13–14 the weekend, Monday 15 February (5).
    assert_eq!(add_working_days(d("2027-02-04"), 1), provisional(d("2027-02-09")));
    assert_eq!(add_working_days(d("2027-02-04"), 3), provisional(d("2027-02-11")));
    assert_eq!(add_working_days(d("2027-02-04"), 5), provisional(d("2027-02-15")));
    assert_eq!(working_days_between(d("2027-02-04"), d("2027-02-12")), provisional(4));
    assert_eq!(working_days_between(d("2027-02-04"), d("2027-02-08")), provisional(0));
}

#[test]
fn art34_deadline_across_national_day_2027() {
    // Received Thursday 2027-09-30: 1 October off, 2–3 the weekend, then 4 (1) … 8 (5).
    assert_eq!(add_working_days(d("2027-09-30"), 5), provisional(d("2027-10-08")));
}

#[test]
fn mid_autumn_on_national_day_2028() {
    // 2028 has a leap fifth month (13 new moons from the 11th month beginning 2027-11-28
    // to the one containing the solstice of 2028-12-21); 八月 begins 2028-09-19 (PyEphem),
    // so 中秋 is 19 September + 14 = 3 October, one of the 国庆 days. 1 January 2028 is a
    // Saturday; 3 October = day 277 (274 + 3 in a leap year): 276 mod 7 = 3, Tuesday.
    // 端午 is in the regular fifth month, beginning 2028-05-24: 28 May, a Sunday
    // (day 149: 148 mod 7 = 1).
    let day = d("2028-10-03");
    assert_eq!(day.weekday(), Weekday::Tuesday);
    assert_eq!(is_working_day(day), provisional(false));
    assert_eq!(holiday_name(day), Some("国庆节、中秋节"));
    assert_eq!(statutory_holiday_names(day), Some(("国庆节、中秋节", "National Day and Mid-Autumn Festival")));
    let days = statutory_holidays(2028);
    assert_eq!(days.len(), 13);
    assert_eq!(days.iter().filter(|h| h.date == day).count(), 2);
    let dragon_boat = days.iter().find(|h| h.festival == Festival::DragonBoat).unwrap();
    assert_eq!(dragon_boat.date, d("2028-05-28"));
    assert_eq!(dragon_boat.date.weekday(), Weekday::Sunday);
    // 2028 春节: the new moons of 2027-12-28 and 2028-01-26 give a 29-day 腊月, so 除夕 is
    // Tuesday 25 January and 初一 to 初三 Wednesday 26 to Friday 28 January.
    for date in ["2028-01-25", "2028-01-26", "2028-01-27", "2028-01-28"] {
        assert_eq!(is_working_day(d(date)), provisional(false), "{date}");
        assert_eq!(holiday_name(d(date)), Some("春节"), "{date}");
    }
    assert_eq!(is_working_day(d("2028-01-24")), provisional(true));
    assert_eq!(is_working_day(d("2028-01-31")), provisional(true));
}

#[test]
fn statutory_days_agree_with_every_published_arrangement() {
    // For 2018–2026, every statutory day of the version then in force (the 2013
    // revision until 2024, the 2024 revision from 2025) lies in a holiday period of the
    // State Council's notice of that festival: an independent check of the lunar dates
    // and solar terms of the calendar crate on nine years of published data.
    let mut checked = 0;
    for year in covered_years() {
        for h in statutory_holidays(year) {
            assert_eq!(is_working_day(h.date), Answer::certain(false), "{year} {:?} {}", h.festival, h.date);
            let period = holiday(h.date).unwrap_or_else(|| panic!("{} is in no period", h.date));
            assert!(period.name_zh.contains(h.festival.name_zh()), "{} {:?} in {}", h.date, h.festival, period.name_zh);
            assert!(period.name_en.contains(h.festival.name_en()), "{} {:?} in {}", h.date, h.festival, period.name_en);
            checked += 1;
        }
    }
    // Until 2024: 11 entries a year (1 + 3 + 1 + 1 + 1 + 1 + 3; 中秋 on 1 October 2020 is
    // an entry of its own beside 国庆); from 2025: 13 (1 + 4 + 1 + 2 + 1 + 1 + 3). The
    // years added later are checked the same way.
    let expected: usize = covered_years().map(|year| if year >= 2025 { 13 } else { 11 }).sum();
    assert_eq!(checked, expected);
    assert!(expected >= 7 * 11 + 2 * 13, "2018–2026 at least");
}

#[test]
fn the_version_in_force_decides_the_days() {
    // 2024: 除夕 (Friday 9 February) was no statutory holiday yet, and the 2024 notice
    // made it a working day (春节 10–17 February); 2 May was not one either.
    let days_2024 = statutory_holidays(2024);
    assert!(!days_2024.iter().any(|h| h.date == d("2024-02-09")));
    assert!(!days_2024.iter().any(|h| h.date == d("2024-05-02")));
    assert_eq!(d("2024-02-09").weekday(), Weekday::Friday);
    assert_eq!(is_working_day(d("2024-02-09")), Answer::certain(true));
    assert_eq!(days_2024.len(), 11);
    // Uncovered 2017 (2013 revision): 春节 is 初一 to 初三, 28–30 January 2017; Friday
    // 27 January (除夕) is a working day of the fallback, Monday 30 January (初三) is not.
    assert_eq!(is_working_day(d("2017-01-27")), provisional(true));
    assert_eq!(is_working_day(d("2017-01-30")), provisional(false));
    assert_eq!(is_working_day(d("2017-05-02")), provisional(true));
    // 2012 (2007 revision): 除夕、初一、初二 = 22–24 January 2012 (初一 was the 23rd).
    let spring_2012: Vec<Date> =
        statutory_holidays(2012).iter().filter(|h| h.festival == Festival::SpringFestival).map(|h| h.date).collect();
    assert_eq!(spring_2012, [d("2012-01-22"), d("2012-01-23"), d("2012-01-24")]);
}

#[test]
fn every_statutory_weekday_of_lunar_years_is_a_holiday() {
    // The working-day predicate computes lunar dates only where they can fall; check
    // that nothing escapes that shortcut in any year the fallback computes.
    let mut checked = 0;
    for year in LUNAR_YEARS {
        let days = statutory_holidays(year);
        assert!(days.len() >= 11, "{year}");
        for h in days {
            assert_eq!(h.date.year(), year);
            if is_covered(h.date) || h.date.weekday().is_weekend() {
                continue;
            }
            assert_eq!(is_working_day(h.date), provisional(false), "{year} {:?} {}", h.festival, h.date);
            assert!(statutory_holiday_names(h.date).is_some());
            checked += 1;
        }
    }
    assert!(checked > 2500, "{checked}");
}

#[test]
fn outside_the_lunar_years_only_gregorian_holidays_remain() {
    let days = statutory_holidays(2500);
    let festivals: Vec<Festival> = days.iter().map(|h| h.festival).collect();
    use Festival::*;
    assert_eq!(festivals, [NewYearsDay, LabourDay, LabourDay, NationalDay, NationalDay, NationalDay]);
    assert_eq!(is_working_day(d("2500-01-01")), provisional(false));
    // No lunar date is computed there, and nothing panics.
    let feb = d("2500-02-01");
    assert_eq!(is_working_day(feb), provisional(!feb.weekday().is_weekend()));
    assert_eq!(add_working_days(d("2500-01-29"), 10).value.year(), 2500);
}
