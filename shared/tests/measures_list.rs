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

#[test]
fn art27_exactly_the_listed_measures_for_the_matter_with_basis_and_reason() {
    for standing in [RED, DISHONEST, SERIOUS] {
        for matter in Matter::ALL {
            let applicable = measures_for(standing, matter);
            let expected = MEASURES.iter().filter(|m| m.applies_in(matter) && standing.is_target(m.target)).count();
            assert_eq!(applicable.len(), expected);
            for a in &applicable {
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
        assert!(MEASURES.iter().any(|m| m.applies_in(matter)), "{matter} has no measure");
    }
}

#[test]
fn measures_serialize_for_the_catalog_page() {
    let json = serde_json::to_value(measures_for(SERIOUS, Matter::CommendationAndAward)).unwrap();
    assert_eq!(json[0]["measure"]["kind"], "serious_punishment");
    assert_eq!(json[0]["measure"]["matters"][0], "commendation_and_award");
}
