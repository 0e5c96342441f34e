//! Art. 35 (repair) and Art. 36 (revocation): withdrawal within 3 working days.

use gzcredit_shared::calendar::Answer;
use gzcredit_shared::error::{ApiError, ErrorCode};
use gzcredit_shared::query_window::Ground;
use gzcredit_shared::repair::{RepairError, Withdrawal};
use gzcredit_shared::Date;

fn d(text: &str) -> Date {
    Date::parse(text).unwrap()
}

#[test]
fn art35_due_three_working_days_after_receipt_over_spring_festival_2026() {
    // Friday 13 Feb; Saturday 14 works; 15–23 off; Tue 24, Wed 25.
    let w = Withdrawal::repair(d("2026-02-13"), true).unwrap();
    assert_eq!(w.ground, Ground::Repair);
    assert_eq!(w.due(), Answer::certain(d("2026-02-25")));
    assert!(!w.overdue(d("2026-02-25")));
    assert!(w.overdue(d("2026-02-26")));
}

#[test]
fn art35_public_view_hides_the_record_from_the_day_of_receipt() {
    let w = Withdrawal::repair(d("2026-02-13"), true).unwrap();
    assert!(w.is_shown_publicly(d("2026-02-12")));
    assert!(!w.is_shown_publicly(d("2026-02-13")));
    assert!(!w.is_shown_publicly(d("2026-02-20")), "hidden even before the platform completes");
}

#[test]
fn art36_revocation_completes_once() {
    let mut w = Withdrawal::revocation(d("2025-09-30"));
    assert_eq!(w.due(), Answer::certain(d("2025-10-11")));
    w.complete(d("2025-10-13")).unwrap();
    assert_eq!(w.was_late(), Some(true));
    assert!(!w.overdue(d("2025-12-01")));
    assert_eq!(w.complete(d("2025-10-14")), Err(RepairError::AlreadyWithdrawn));
}

#[test]
fn art35_outside_query_window_is_refused() {
    let error = Withdrawal::repair(d("2025-09-30"), false).unwrap_err();
    assert_eq!(error, RepairError::OutsideQueryWindow);
    assert_eq!(ApiError::from(error).code, ErrorCode::Conflict);
    assert_eq!(ApiError::from(RepairError::BeforeReceipt).code, ErrorCode::InvalidParameter);
}

#[test]
fn withdrawals_round_trip_as_json() {
    let w = Withdrawal { ground: Ground::Revocation, received: d("2025-09-30"), withdrawn_on: Some(d("2025-10-09")) };
    let json = serde_json::to_string(&w).unwrap();
    assert!(json.contains("\"revocation\""));
    assert_eq!(serde_json::from_str::<Withdrawal>(&json).unwrap(), w);
}
