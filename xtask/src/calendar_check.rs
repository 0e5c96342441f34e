//! The yearly step the calendar data needs: each November or December the State Council
//! publishes next year's holiday arrangement (国务院办公厅关于XXXX年部分节假日安排的通知),
//! and until it is added to `shared/data/holidays.toml` every deadline that reaches into
//! that year is provisional. `cargo xtask test` says so loudly from 1 December, without
//! failing: the run is still right, the data is only incomplete (see docs/deploy.md).

use gzcredit_shared::calendar::covered_years;
use gzcredit_shared::Date;

/// The warning for `today`, if next year's arrangement is due and missing.
pub fn warning(today: Date) -> Option<String> {
    let (year, month, _) = today.ymd();
    let missing = year + 1;
    if month < 12 || covered_years().contains(&missing) {
        return None;
    }
    Some(format!(
        "the {missing} holiday arrangement is not in shared/data/holidays.toml: deadlines that reach into {missing} \
         are provisional (statutory holidays only, no 调休). Add it as a new [[year]] once the State Council publishes \
         国务院办公厅关于{missing}年部分节假日安排的通知 — see docs/deploy.md, \"The yearly calendar step\"."
    ))
}

/// Print [`warning`] in a way nobody scrolls past.
pub fn warn_if_next_year_missing(today: Date) {
    if let Some(text) = warning(today) {
        let bar = "!".repeat(78);
        eprintln!("\x1b[1;33m{bar}\nWARNING: {text}\n{bar}\x1b[0m");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warns_from_the_first_of_december_when_next_year_is_missing() {
        let last = *covered_years().end();
        let d = |text: String| Date::parse(&text).unwrap();
        assert_eq!(warning(d(format!("{last}-11-30"))), None, "not before December");
        let warned = warning(d(format!("{last}-12-01"))).expect("warns on 1 December");
        assert!(warned.contains(&format!("{} holiday arrangement", last + 1)), "{warned}");
        assert_eq!(warning(d(format!("{}-12-01", last - 1))), None, "next year is in the data");
    }
}
