//! The Art. 34 objection procedure around real holidays.

use gzcredit_shared::calendar::Answer;
use gzcredit_shared::error::{ApiError, ErrorCode};
use gzcredit_shared::objection::{Channel, Deadline, Objection, ObjectionError, Outcome, Routing, State, Step};
use gzcredit_shared::Date;

fn d(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn dues(objection: &Objection) -> Vec<(Step, Option<Date>)> {
    objection.deadlines().iter().map(|x: &Deadline| (x.step, x.due.map(|a| a.value))).collect()
}

#[test]
fn art34_2_platform_deadlines_before_routing_show_both_branches() {
    let o = Objection::receive(Channel::ProvincialPlatform, d("2025-09-30"));
    assert_eq!(o.state(), State::Received);
    assert_eq!(
        dues(&o),
        vec![
            (Step::Mark, Some(d("2025-10-09"))),
            (Step::Forward, Some(d("2025-10-10"))),
            (Step::Decide, Some(d("2025-10-14"))),
            (Step::Notify, None),
        ]
    );
}

#[test]
fn art34_2_item1_platform_decides_within_5_working_days() {
    let mut o = Objection::receive(Channel::ProvincialPlatform, d("2025-09-30"));
    o.mark(d("2025-09-30")).unwrap();
    o.route_to_platform(d("2025-09-30")).unwrap();
    assert_eq!(o.state(), State::RoutedToPlatform { routed_on: d("2025-09-30") });
    assert_eq!(
        dues(&o),
        vec![(Step::Mark, Some(d("2025-10-09"))), (Step::Decide, Some(d("2025-10-14"))), (Step::Notify, None)]
    );
    o.decide(Outcome::Corrected, d("2025-10-14")).unwrap();
    o.notify(d("2025-10-14")).unwrap();
    assert_eq!(o.state(), State::Notified { notified_on: d("2025-10-14") });
    assert!(o.deadlines().iter().all(|x| x.done_on.is_some() && !x.was_late()));
    assert!(o.overdue(d("2026-01-01")).is_empty());
}

#[test]
fn art34_2_item2_provider_has_5_working_days_from_receiving_the_forwarded_materials() {
    // Forwarded on Friday 2025-10-10; the department confirms it received them on Monday
    // 2025-10-13. Its 5 working days: 14, 15, 16, 17 October and Monday 20 October.
    let mut o = Objection::receive(Channel::ProvincialPlatform, d("2025-09-30"));
    o.mark(d("2025-10-09")).unwrap();
    o.forward_to_provider(d("2025-10-10")).unwrap();
    assert_eq!(o.provider_days_from(), Some(d("2025-10-10")), "until it confirms: from forwarding");
    assert_eq!(
        o.provider_receives(d("2025-10-09")),
        Err(ObjectionError::DateBeforePreviousStep { previous: d("2025-10-10"), given: d("2025-10-09") })
    );
    o.provider_receives(d("2025-10-13")).unwrap();
    assert_eq!(o.provider_receives(d("2025-10-14")), Err(ObjectionError::AlreadyReceived));
    assert_eq!(o.provider_days_from(), Some(d("2025-10-13")));
    let provider_decide = o.deadlines().into_iter().find(|x| x.step == Step::ProviderDecide).unwrap();
    assert_eq!(provider_decide.due.map(|a| a.value), Some(d("2025-10-20")));
    assert!(o.overdue(d("2025-10-20")).is_empty(), "the due day itself is in time");
    assert_eq!(o.overdue(d("2025-10-21")).len(), 1);
    // The receipt survives a round trip through storage.
    let stored = serde_json::to_string(&o).unwrap();
    assert_eq!(serde_json::from_str::<Objection>(&stored).unwrap(), o);
    // Only a forwarded objection is received by the providing unit.
    let mut own = Objection::receive(Channel::ProvincialPlatform, d("2025-09-30"));
    own.mark(d("2025-09-30")).unwrap();
    own.route_to_platform(d("2025-09-30")).unwrap();
    assert_eq!(own.provider_receives(d("2025-10-01")), Err(ObjectionError::NotForwarded));
}

#[test]
fn art34_2_item2_provider_has_5_working_days_from_forwarding_until_it_confirms_receipt() {
    let mut o = Objection::receive(Channel::ProvincialPlatform, d("2025-09-30"));
    o.mark(d("2025-10-09")).unwrap();
    o.forward_to_provider(d("2025-10-10")).unwrap();
    assert_eq!(o.routing(), Some(Routing::ProvidingUnit { forwarded_on: d("2025-10-10") }));
    assert_eq!(
        dues(&o),
        vec![
            (Step::Mark, Some(d("2025-10-09"))),
            (Step::Forward, Some(d("2025-10-10"))),
            // Sat 11 Oct (make-up), 13, 14, 15, 16.
            (Step::ProviderDecide, Some(d("2025-10-16"))),
            (Step::Notify, None),
        ]
    );
    assert!(o.overdue(d("2025-10-16")).is_empty());
    let late = o.overdue(d("2025-10-20"));
    assert_eq!(late.len(), 1);
    assert_eq!(late[0].step, Step::ProviderDecide);
    assert_eq!(late[0].working_days_late, Answer::certain(2));
    o.decide(Outcome::NotCorrected { reason: "原始行政处罚决定书记载无误".into() }, d("2025-10-20")).unwrap();
    assert!(o.deadlines()[2].was_late());
}

#[test]
fn art34_3_credit_service_agency_has_7_working_days_over_spring_festival_2026() {
    let mut o = Objection::receive(Channel::CreditServiceAgency, d("2026-02-13"));
    assert_eq!(
        dues(&o),
        vec![
            // Saturday 14 Feb 2026 is a make-up working day.
            (Step::Mark, Some(d("2026-02-14"))),
            // 14, 24, 25, 26, 27, 28 (make-up Saturday), 2 March.
            (Step::Decide, Some(d("2026-03-02"))),
            (Step::Notify, None),
        ]
    );
    let overdue = o.overdue(d("2026-02-24"));
    assert_eq!(overdue.len(), 1);
    assert_eq!(overdue[0].step, Step::Mark);
    assert_eq!(o.route_to_platform(d("2026-02-24")), Err(ObjectionError::NotOnPlatform));
    o.mark(d("2026-02-24")).unwrap();
    o.decide(Outcome::Corrected, d("2026-02-25")).unwrap();
    assert_eq!(o.state(), State::Decided { outcome: Outcome::Corrected, decided_on: d("2026-02-25") });
}

#[test]
fn art34_illegal_transitions_are_refused_and_change_nothing() {
    let mut o = Objection::receive(Channel::ProvincialPlatform, d("2025-09-30"));
    assert_eq!(o.decide(Outcome::Corrected, d("2025-10-01")), Err(ObjectionError::NotMarked));
    assert_eq!(o.forward_to_provider(d("2025-10-01")), Err(ObjectionError::NotMarked));
    assert_eq!(o.notify(d("2025-10-01")), Err(ObjectionError::NotDecided));
    assert_eq!(
        o.mark(d("2025-09-29")),
        Err(ObjectionError::DateBeforePreviousStep { previous: d("2025-09-30"), given: d("2025-09-29") })
    );
    o.mark(d("2025-09-30")).unwrap();
    assert_eq!(o.mark(d("2025-09-30")), Err(ObjectionError::AlreadyMarked));
    assert_eq!(o.decide(Outcome::Corrected, d("2025-10-09")), Err(ObjectionError::NotRouted));
    o.route_to_platform(d("2025-10-09")).unwrap();
    assert_eq!(o.forward_to_provider(d("2025-10-09")), Err(ObjectionError::AlreadyRouted));
    let before = o.clone();
    assert_eq!(
        o.decide(Outcome::NotCorrected { reason: "  ".into() }, d("2025-10-10")),
        Err(ObjectionError::ReasonRequired)
    );
    assert_eq!(o, before);
    o.decide(Outcome::NotCorrected { reason: "信息归集无误".into() }, d("2025-10-10")).unwrap();
    assert_eq!(o.decide(Outcome::Corrected, d("2025-10-10")), Err(ObjectionError::AlreadyDecided));
    o.notify(d("2025-10-10")).unwrap();
    assert_eq!(o.notify(d("2025-10-11")), Err(ObjectionError::AlreadyNotified));
}

#[test]
fn objection_errors_reach_users_as_api_errors() {
    let conflict = ApiError::from(ObjectionError::AlreadyDecided);
    assert_eq!(conflict.code, ErrorCode::Conflict);
    let reason = ApiError::from(ObjectionError::ReasonRequired);
    assert_eq!(reason.code, ErrorCode::InvalidParameter);
    assert!(reason.message_zh.contains("理由"));
}

#[test]
fn stored_objections_round_trip_and_impossible_ones_are_rejected() {
    let mut o = Objection::receive(Channel::ProvincialPlatform, d("2025-09-30"));
    o.mark(d("2025-09-30")).unwrap();
    o.forward_to_provider(d("2025-10-09")).unwrap();
    let json = serde_json::to_string(&o).unwrap();
    assert_eq!(serde_json::from_str::<Objection>(&json).unwrap(), o);
    o.decide(Outcome::NotCorrected { reason: "记录无误".into() }, d("2025-10-16")).unwrap();
    let json = serde_json::to_value(&o).unwrap();
    assert_eq!(json["decision"]["outcome"], "not_corrected");
    assert_eq!(json["decision"]["reason"], "记录无误");
    assert_eq!(serde_json::from_value::<Objection>(json).unwrap(), o);

    let decided_unmarked = r#"{"channel":"credit_service_agency","received":"2025-09-30","marked_on":null,
        "routing":null,"decision":{"outcome":"corrected","decided_on":"2025-10-09"},"notified_on":null}"#;
    let error = serde_json::from_str::<Objection>(decided_unmarked).unwrap_err();
    assert!(error.to_string().contains("Mark the information"), "{error}");
    let agency_routed = r#"{"channel":"credit_service_agency","received":"2025-09-30","marked_on":"2025-09-30",
        "routing":{"route":"providing_unit","forwarded_on":"2025-10-09"},"decision":null,"notified_on":null}"#;
    let error = serde_json::from_str::<Objection>(agency_routed).unwrap_err();
    assert!(error.to_string().contains("credit service agency"), "{error}");
}

#[test]
fn steps_have_labels_and_clauses() {
    for step in [Step::Mark, Step::Forward, Step::Decide, Step::ProviderDecide, Step::Notify] {
        assert!(!step.name_zh().is_empty() && !step.name_en().is_empty());
        for channel in [Channel::ProvincialPlatform, Channel::CreditServiceAgency] {
            assert!(step.article_clause(channel).starts_with("第三十四条"));
        }
    }
    assert_eq!(Step::Decide.working_days(Channel::CreditServiceAgency), Some(7));
    assert_eq!(Step::Notify.working_days(Channel::ProvincialPlatform), None);
}
