//! Art. 17, 22–29: the list of measures and which apply to whom.

use gzcredit_shared::measures::{
    measures_for, Matter, MeasureKind, SubjectStanding, Target, MEASURES, MEASURES_VERSION,
};
use std::collections::HashSet;

const CLEAN: SubjectStanding = SubjectStanding { red_list: false, dishonest: false, seriously_dishonest: false };
const RED: SubjectStanding = SubjectStanding { red_list: true, dishonest: false, seriously_dishonest: false };
const DISHONEST: SubjectStanding = SubjectStanding { red_list: false, dishonest: true, seriously_dishonest: false };
const SERIOUS: SubjectStanding = SubjectStanding { red_list: false, dishonest: true, seriously_dishonest: true };

#[test]
fn art22_every_item_of_art23_28_29_has_a_measure() {
    for (kind, items) in
        [(MeasureKind::Reward, 5), (MeasureKind::GeneralPunishment, 7), (MeasureKind::SeriousPunishment, 11)]
    {
        for item in 1..=items {
            assert!(MEASURES.iter().any(|m| m.kind == kind && m.clause == item), "Art. {} item {item}", kind.article());
        }
    }
    assert!(!MEASURES_VERSION.is_empty());
}

#[test]
fn art22_list_entries_are_complete_and_ids_unique() {
    let mut ids = HashSet::new();
    for m in MEASURES {
        assert!(ids.insert(m.id), "{}", m.id);
        assert!(!m.matters.is_empty());
        let expected_target = match m.kind {
            MeasureKind::Reward => Target::RedListSubject,
            MeasureKind::GeneralPunishment => Target::DishonestSubject,
            MeasureKind::SeriousPunishment => Target::SeriouslyDishonestSubject,
        };
        assert_eq!(m.target, expected_target, "{}", m.id);
        assert!(m.legal_basis_zh.contains(&m.article_clause()), "{}: basis must cite {}", m.id, m.article_clause());
        assert!(
            m.extends_to_responsible_persons == m.legal_basis_zh.contains("《贵州省社会信用条例》第二十六条"),
            "{}: Art. 26",
            m.id
        );
        assert!(!m.measure_en.is_empty() && !m.implementing_body_en.is_empty() && !m.legal_basis_en.is_empty());
    }
}

#[test]
fn art23_art28_clean_subjects_get_nothing_and_red_list_only_rewards() {
    for matter in Matter::ALL {
        assert!(measures_for(CLEAN, matter).is_empty(), "{matter}");
        assert!(measures_for(RED, matter).iter().all(|a| a.measure.kind == MeasureKind::Reward));
        let red_but_dishonest = SubjectStanding { red_list: true, ..DISHONEST };
        assert!(measures_for(red_but_dishonest, matter).iter().all(|a| a.measure.kind != MeasureKind::Reward));
    }
    assert!(!measures_for(RED, Matter::AdministrativeLicensing).is_empty());
}

#[test]
fn art29_seriously_dishonest_get_serious_then_general_measures() {
    let applicable = measures_for(SERIOUS, Matter::GovernmentProcurement);
    let ids: Vec<&str> = applicable.iter().map(|a| a.measure.id).collect();
    assert_eq!(ids, ["s29-8-public-resource-trading", "p28-4-trading-credit-deduction"]);
    // Listed but not dishonest: serious dishonesty is dishonesty.
    let only_list = SubjectStanding { seriously_dishonest: true, ..CLEAN };
    assert_eq!(measures_for(only_list, Matter::GovernmentProcurement).len(), 2);
    assert!(measures_for(DISHONEST, Matter::GovernmentProcurement)
        .iter()
        .all(|a| a.measure.kind == MeasureKind::GeneralPunishment));
}

/// The ids `measures_for` must return per matter, for a red-list subject with no live
/// dishonesty, a dishonest subject and a subject on a serious-dishonesty list:
/// TRANSCRIBED BY HAND from `shared/data/measures.toml` (version "2026-11-28-draft-1"):
/// serious punishments first, then general ones, then rewards, each in file order (the
/// order `measures_for` documents). When the list changes, change this table BY HAND from
/// the document; never compute it from `MEASURES`. The match is exhaustive, so a new
/// matter does not compile until it has a row.
fn hand_expected(matter: Matter) -> [&'static [&'static str]; 3] {
    match matter {
        Matter::AdministrativeLicensing => [
            &["r23-1-licensing-fast-track"],
            &["p28-1-licensing-close-review", "p28-6-facilitation-withdrawn"],
            &[
                "s29-1-market-access",
                "s29-2-industry-access",
                "s29-3-office-qualification",
                "s29-4-financial-business",
                "s29-7-concessions",
                "p28-1-licensing-close-review",
                "p28-6-facilitation-withdrawn",
            ],
        ],
        Matter::AdministrativeInspection => {
            [&["r23-4-fewer-inspections"], &["p28-5-key-supervision"], &["p28-5-key-supervision"]]
        }
        Matter::GovernmentProcurement => [
            &["r23-3-trading-credit-bonus"],
            &["p28-4-trading-credit-deduction"],
            &["s29-8-public-resource-trading", "p28-4-trading-credit-deduction"],
        ],
        Matter::BiddingAndTendering => [
            &["r23-3-trading-credit-bonus"],
            &["p28-4-trading-credit-deduction"],
            &["s29-7-concessions", "s29-8-public-resource-trading", "p28-4-trading-credit-deduction"],
        ],
        Matter::FundingSupport => [
            &["r23-2-funding-priority"],
            &["p28-2-funding-restricted"],
            &["s29-4-financial-business", "s29-5-public-policy", "p28-2-funding-restricted"],
        ],
        Matter::LandTransfer => [
            &["r23-3-trading-credit-bonus"],
            &["p28-4-trading-credit-deduction"],
            &["s29-8-public-resource-trading", "p28-4-trading-credit-deduction"],
        ],
        Matter::ResearchManagement => [
            &["r23-2-funding-priority"],
            &["p28-2-funding-restricted"],
            &["s29-5-public-policy", "p28-2-funding-restricted"],
        ],
        Matter::ResidenceManagement => [
            &["r23-5-residence-green-channel"],
            &["p28-3-no-facilitation"],
            &["s29-5-public-policy", "p28-3-no-facilitation"],
        ],
        Matter::PublicServantRecruitment => [
            &[],
            &["p28-7-commendation-and-recruitment-review"],
            &[
                "s29-3-office-qualification",
                "s29-11-civil-service-recruitment",
                "p28-7-commendation-and-recruitment-review",
            ],
        ],
        Matter::CommendationAndAward => [
            &["r23-5-commendation-priority"],
            &["p28-7-commendation-and-recruitment-review"],
            &["s29-6-honours", "p28-7-commendation-and-recruitment-review"],
        ],
        Matter::DailyManagement => [
            &["r23-4-fewer-inspections"],
            &["p28-3-no-facilitation", "p28-5-key-supervision", "p28-6-facilitation-withdrawn"],
            &[
                "s29-9-high-consumption",
                "s29-10-exit",
                "p28-3-no-facilitation",
                "p28-5-key-supervision",
                "p28-6-facilitation-withdrawn",
            ],
        ],
    }
}

fn ids(standing: SubjectStanding, matter: Matter) -> Vec<&'static str> {
    measures_for(standing, matter).iter().map(|a| a.measure.id).collect()
}

#[test]
fn art27_exactly_the_listed_measures_for_the_matter() {
    for matter in Matter::ALL {
        let [red, dishonest, serious] = hand_expected(matter);
        assert_eq!(ids(RED, matter), red, "red list, {matter}");
        assert_eq!(ids(DISHONEST, matter), dishonest, "dishonest, {matter}");
        assert_eq!(ids(SERIOUS, matter), serious, "seriously dishonest, {matter}");
    }
}

#[test]
fn art23_28_29_every_standing_gets_the_column_the_articles_give() {
    // Every combination of the three flags, with the column of `hand_expected` it must get,
    // written out: rewards only without live dishonesty (Art. 23); a listed subject is also
    // dishonest (Art. 25, 28); nothing for a clean subject off the red list.
    const NONE: usize = 3;
    let cases = [
        ((false, false, false), NONE),
        ((true, false, false), 0),
        ((false, true, false), 1),
        ((true, true, false), 1),
        ((false, false, true), 2),
        ((true, false, true), 2),
        ((false, true, true), 2),
        ((true, true, true), 2),
    ];
    for ((red_list, dishonest, seriously_dishonest), column) in cases {
        let standing = SubjectStanding { red_list, dishonest, seriously_dishonest };
        for matter in Matter::ALL {
            let expected: &[&str] = if column == NONE { &[] } else { hand_expected(matter)[column] };
            assert_eq!(ids(standing, matter), expected, "{standing:?} in {matter}");
        }
    }
}

#[test]
fn the_hand_table_names_every_measure_of_the_list() {
    // An added or renamed measure fails here (as well as above) until the table is updated.
    let mut named = HashSet::new();
    for matter in Matter::ALL {
        named.extend(hand_expected(matter).into_iter().flatten().copied());
    }
    let listed: HashSet<&str> = MEASURES.iter().map(|m| m.id).collect();
    assert_eq!(named, listed);
    assert_eq!(MEASURES.len(), 24, "6 rewards, 7 general and 11 serious punishments in measures.toml");
}

#[test]
fn art27_applicable_measures_come_with_basis_and_reason() {
    for standing in [RED, DISHONEST, SERIOUS] {
        for matter in Matter::ALL {
            for a in &measures_for(standing, matter) {
                assert!(a.measure.matters.contains(&matter));
                assert!(MEASURES.iter().any(|m| std::ptr::eq(m, a.measure)), "not on the list");
                assert!(a.reason_zh.contains(a.measure.legal_basis_zh) && a.reason_zh.contains(matter.name_zh()));
                assert!(a.reason_en.contains(a.measure.legal_basis_en));
            }
        }
    }
    let civil_service = measures_for(SERIOUS, Matter::PublicServantRecruitment);
    assert!(civil_service.iter().any(|a| a.measure.id == "s29-11-civil-service-recruitment"));
}

#[test]
fn art17_matters_name_their_clause() {
    assert_eq!(Matter::ALL.len(), 11);
    assert_eq!(Matter::AdministrativeLicensing.article_clause(), "第十七条第（一）项");
    assert_eq!(Matter::DailyManagement.article_clause(), "第十七条第（六）项");
    assert_eq!("land_transfer".parse::<Matter>(), Ok(Matter::LandTransfer));
    assert!("land".parse::<Matter>().is_err());
    for matter in Matter::ALL {
        assert!(MEASURES.iter().any(|m| m.matters.contains(&matter)), "{matter} has no measure");
    }
}

#[test]
fn measures_serialize_for_the_catalog_page() {
    let json = serde_json::to_value(measures_for(SERIOUS, Matter::CommendationAndAward)).unwrap();
    assert_eq!(json[0]["measure"]["kind"], "serious_punishment");
    assert_eq!(json[0]["measure"]["matters"][0], "commendation_and_award");
}
