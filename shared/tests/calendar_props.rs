//! Properties of working-day arithmetic (Art. 34–36).

use gzcredit_shared::calendar::{add_working_days, is_working_day, working_days_between};
use gzcredit_shared::Date;
use proptest::prelude::*;

fn date() -> impl Strategy<Value = Date> {
    // 2017-06-01 to 2028-06-30: covered years and both uncovered sides.
    let first = Date::from_ymd(2017, 6, 1).unwrap().days_since_epoch();
    let last = Date::from_ymd(2028, 6, 30).unwrap().days_since_epoch();
    (first..=last).prop_map(Date::from_days_since_epoch)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn deadline_falls_on_a_working_day(start in date(), n in 1u32..40) {
        let due = add_working_days(start, n);
        prop_assert!(due.value > start);
        prop_assert!(is_working_day(due.value).value);
    }

    #[test]
    fn counting_back_gives_n(start in date(), n in 0u32..40) {
        let due = add_working_days(start, n);
        let counted = working_days_between(start, due.value);
        prop_assert_eq!(counted.value, n);
        prop_assert_eq!(counted.provisional, due.provisional);
    }

    #[test]
    fn deadlines_grow_with_n(start in date(), n in 0u32..40) {
        prop_assert!(add_working_days(start, n).value < add_working_days(start, n + 1).value);
    }

    #[test]
    fn between_is_additive(a in date(), gap1 in 0i32..60, gap2 in 0i32..60) {
        let b = a.add_days(gap1);
        let c = b.add_days(gap2);
        prop_assert_eq!(
            working_days_between(a, c).value,
            working_days_between(a, b).value + working_days_between(b, c).value
        );
    }
}
