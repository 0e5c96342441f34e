//! Cross-check of `data/holidays.toml` against an independent source, the
//! `chinese_holiday` crate 2026.0.1, for every day from 2018-01-01 to 2026-12-25 (the
//! last day that crate answers for).

use chinese_holiday::{chinese_holiday, DayKind};
use gzcredit_shared::calendar::is_working_day;
use gzcredit_shared::Date;

fn is_workday(kind: DayKind) -> bool {
    matches!(
        kind,
        DayKind::NormalWorkday
            | DayKind::NewYearsDayWorkday
            | DayKind::SpringFestivalWorkday
            | DayKind::ChingMingFestivalWorkday
            | DayKind::InternationalWorkersDayWorkday
            | DayKind::DragonBoatFestivalWorkday
            | DayKind::MidAutumnFestivalWorkday
            | DayKind::NationalDayWorkday
            | DayKind::OtherWorkday
    )
}

#[test]
fn every_day_2018_to_2026_agrees_with_chinese_holiday() {
    let mut date = Date::from_ymd(2018, 1, 1).unwrap();
    let last = Date::from_ymd(2026, 12, 25).unwrap();
    let mut days = 0;
    let mut disagreements = Vec::new();
    while date <= last {
        let (y, m, d) = date.ymd();
        let theirs = is_workday(chinese_holiday((y as u16, m as u8, d as u8)));
        let ours = is_working_day(date);
        assert!(!ours.provisional, "{date} should be covered");
        if ours.value != theirs {
            disagreements.push(date.to_string());
        }
        days += 1;
        date = date.add_days(1);
    }
    assert_eq!(days, 3281);
    assert!(disagreements.is_empty(), "disagree on {disagreements:?}");
}
