//! Working days of Art. 34–36 against the hand-worked vectors in
//! `data/calendar_vectors.toml`, and the consistency of the holiday data.

use gzcredit_shared::calendar::{
    add_working_days, covered_years, holiday, holiday_name, holiday_periods, is_covered, is_working_day,
    make_up_working_days, working_days_between, Answer,
};
use gzcredit_shared::date::Weekday;
use gzcredit_shared::Date;
use serde::Deserialize;

#[derive(Deserialize)]
struct Vectors {
    add: Vec<Add>,
    working_day: Vec<WorkingDay>,
    between: Vec<Between>,
}

#[derive(Deserialize)]
struct Add {
    start: Date,
    n: u32,
    expect: Date,
    #[serde(default)]
    provisional: bool,
}

#[derive(Deserialize)]
struct WorkingDay {
    date: Date,
    expect: bool,
    holiday: Option<String>,
    #[serde(default)]
    provisional: bool,
}

#[derive(Deserialize)]
struct Between {
    from: Date,
    to: Date,
    expect: u32,
    #[serde(default)]
    provisional: bool,
}

fn vectors() -> Vectors {
    toml::from_str(include_str!("data/calendar_vectors.toml")).expect("calendar_vectors.toml")
}

#[test]
fn art34_add_working_days_vectors() {
    for v in vectors().add {
        let got = add_working_days(v.start, v.n);
        assert_eq!(got, Answer { value: v.expect, provisional: v.provisional }, "{} + {}", v.start, v.n);
    }
}

#[test]
fn working_day_vectors() {
    for v in vectors().working_day {
        assert_eq!(is_working_day(v.date), Answer { value: v.expect, provisional: v.provisional }, "{}", v.date);
        assert_eq!(holiday_name(v.date), v.holiday.as_deref(), "{}", v.date);
    }
}

#[test]
fn working_days_between_vectors() {
    for v in vectors().between {
        let got = working_days_between(v.from, v.to);
        assert_eq!(got, Answer { value: v.expect, provisional: v.provisional }, "({}, {}]", v.from, v.to);
    }
}

#[test]
fn data_covers_2018_to_2026() {
    assert_eq!(*covered_years().start(), 2018);
    assert!(*covered_years().end() >= 2026);
    for year in covered_years() {
        assert!(holiday_periods().iter().any(|p| p.arrangement_year == year && p.name_zh == "春节"), "{year}");
        assert!(holiday_periods().iter().any(|p| p.arrangement_year == year && p.name_zh.contains("国庆节")));
    }
    assert!(is_covered(Date::parse("2018-01-01").unwrap()));
    assert!(!is_covered(Date::parse("2017-12-31").unwrap()));
}

#[test]
fn make_up_days_are_weekends_and_holidays_have_names() {
    for day in make_up_working_days() {
        assert!(day.date().weekday().is_weekend(), "{}", day.date());
        assert!(holiday(day.date()).is_none());
        assert!(day.arrangement_year == day.date().year() || day.arrangement_year == day.date().year() + 1);
    }
    for period in holiday_periods() {
        assert!(period.first() <= period.last());
        assert!(!period.name_en.is_empty());
        assert!(period.contains(period.first()) && period.contains(period.last()));
    }
    // The 2019 arrangement reaches back into 2018 by date.
    let d = Date::parse("2018-12-29").unwrap();
    assert_eq!(d.weekday(), Weekday::Saturday);
    assert_eq!(make_up_working_days().iter().find(|m| m.date() == d).map(|m| m.arrangement_year), Some(2019));
}
