//! Art. 17, 22–29: the list of measures, whether it was published, and which measures apply
//! to whom.
//!
//! Every expected value below is TRANSCRIBED BY HAND from `shared/data/measures.toml`
//! (version "2026-12-31-draft-2") and the articles it cites; none is computed from
//! `MEASURES`. When the list changes, change the tables BY HAND from the document.
//!
//! The list as shipped is an unpublished draft, so Art. 27 ¶2 (「未经公布的信用惩戒措施，
//! 不得实施。」) leaves nothing applicable. The Art. 23/28/29 rules are checked on a copy of
//! the list marked as published by [`TEST_PUBLICATION`] (a test fixture, no real source),
//! through `evaluate`, which takes any list.

use gzcredit_shared::api::{PersonView, RecordView};
use gzcredit_shared::catalog::{Class, DisclosureLevel, Polarity};
use gzcredit_shared::matter::Matter;
use gzcredit_shared::measures::{
    basis_of, evaluate, measures_for, standing_from, Measure, MeasureKind, MeasureStatus, Publication, SubjectStanding,
    Target, MEASURES, MEASURES_VERSION,
};
use gzcredit_shared::query_window::{EndReason, Publicity};
use gzcredit_shared::Date;
use std::collections::HashSet;

use Class::{
    AdministrativeCoercion as COE, AdministrativeLevy as LEVY, AdministrativePenalty as PEN, CreditCommitment as CMT,
    GovernmentIntegrity as GOV, NonFulfilment as JUD, SeriousDishonestyList as LST,
};
use MeasureStatus::*;

fn day(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd(y, m, d).unwrap()
}

/// The day of the queries below.
fn today() -> Date {
    day(2027, 3, 1)
}

/// A publication for the published copy of the list (test fixture, not a real source).
const TEST_PUBLICATION: Publication = Publication {
    title_zh: "测试用信用奖惩措施清单",
    title_en: "Test list of credit reward and punishment measures",
    date: Date::from_days_since_epoch_const(20_819), // 2027-01-01
    url: "https://example.invalid/measures",
};

/// The list of `measures.toml` as if the province had published every measure.
fn published_copy() -> Vec<Measure> {
    MEASURES.iter().map(|m| Measure { published: Some(TEST_PUBLICATION), ..*m }).collect()
}

fn standing(
    red_list: bool,
    dishonest: bool,
    seriously_dishonest: bool,
    debtor: bool,
    classes: &[Class],
) -> SubjectStanding {
    SubjectStanding {
        red_list,
        dishonest,
        seriously_dishonest,
        judgment_debtor: debtor,
        dishonesty_classes: classes.to_vec(),
    }
}

fn clean() -> SubjectStanding {
    standing(false, false, false, false, &[])
}
/// On a live red list, no dishonesty.
fn red() -> SubjectStanding {
    standing(true, false, false, false, &[])
}
/// A live administrative penalty (PEN-GENERAL).
fn dishonest() -> SubjectStanding {
    standing(false, true, false, false, &[PEN])
}
/// A live penalty and a live serious-dishonesty listing (LST-SERIOUS); no judgment debtor.
fn serious() -> SubjectStanding {
    standing(false, true, true, false, &[PEN, LST])
}
/// As [`serious`], and on the list of dishonest judgment debtors (JUD-NONFULFILMENT).
fn serious_debtor() -> SubjectStanding {
    standing(false, true, true, true, &[PEN, JUD, LST])
}
/// Only tax arrears (LEVY-TAX-ARREARS).
fn tax_arrears() -> SubjectStanding {
    standing(false, true, false, false, &[LEVY])
}
/// Only on the list of dishonest judgment debtors, not on LST-SERIOUS.
fn debtor_only() -> SubjectStanding {
    standing(false, true, false, true, &[JUD])
}

fn applicable_ids(list: &[Measure], standing: &SubjectStanding, matter: Matter) -> Vec<&'static str> {
    evaluate(list, standing, matter, today()).iter().filter(|e| e.is_applicable()).map(|e| e.measure.id).collect()
}

fn statuses(list: &[Measure], standing: &SubjectStanding, matter: Matter) -> Vec<(&'static str, MeasureStatus)> {
    evaluate(list, standing, matter, today()).iter().map(|e| (e.measure.id, e.status)).collect()
}

#[test]
fn art22_every_item_of_art23_28_29_has_a_measure() {
    for (kind, items) in
        [(MeasureKind::Reward, 5), (MeasureKind::GeneralPunishment, 7), (MeasureKind::SeriousPunishment, 11)]
    {
        for item in 1..=items {
            assert!(MEASURES.iter().any(|m| m.kind == kind && m.clause == item), "Art. {} item {item}", kind.article());
        }
    }
    assert_eq!(MEASURES_VERSION, "2026-12-31-draft-2");
}

/// The measures written for 失信被执行人 (their text and basis speak of 被执行人), by hand.
const JUDGMENT_DEBTOR_MEASURES: [&str; 3] = ["s29-3-office-qualification", "s29-9-high-consumption", "s29-10-exit"];

#[test]
fn art22_list_entries_are_complete_and_ids_unique() {
    let mut ids = HashSet::new();
    for m in MEASURES {
        assert!(ids.insert(m.id), "{}", m.id);
        assert!(!m.matters.is_empty());
        let expected_target = match m.kind {
            MeasureKind::Reward => Target::RedListSubject,
            MeasureKind::GeneralPunishment => Target::DishonestSubject,
            MeasureKind::SeriousPunishment if JUDGMENT_DEBTOR_MEASURES.contains(&m.id) => Target::JudgmentDebtor,
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
fn art27_2_no_measure_of_the_draft_list_is_published() {
    // measures.toml: "NOT an officially published list, and none of its measures has been
    // published: every measure says `published = false`".
    for m in MEASURES {
        assert_eq!(m.published, None, "{}: no source may be invented", m.id);
        assert!(!m.is_published(day(2099, 12, 31)), "{}", m.id);
    }
}

/// Art. 28 「就相关联的事项」: the classes each general punishment relates to, transcribed by
/// hand from `related_classes` of measures.toml (the reasons are in `relation_zh/en`).
fn hand_related(id: &str) -> &'static [Class] {
    match id {
        "p28-1-licensing-close-review" => &[PEN, COE, CMT, LST],
        "p28-2-funding-restricted" => &[PEN, LEVY, JUD, CMT, LST],
        "p28-3-no-facilitation" => &[PEN, CMT, LST],
        "p28-4-trading-credit-deduction" => &[PEN, LEVY, JUD, CMT, LST],
        "p28-5-key-supervision" => &[PEN, COE, LEVY, CMT, LST],
        "p28-6-facilitation-withdrawn" => &[PEN, CMT, LST],
        "p28-7-commendation-and-recruitment-review" => &[PEN, COE, LEVY, JUD, CMT, LST, GOV],
        _ => &[],
    }
}

#[test]
fn art28_general_punishments_name_the_classes_they_relate_to_and_why() {
    for m in MEASURES {
        assert_eq!(m.related_classes, hand_related(m.id), "{}", m.id);
        let general = m.kind == MeasureKind::GeneralPunishment;
        assert_eq!(!m.relation_zh.is_empty() && !m.relation_en.is_empty(), general, "{}: relation text", m.id);
    }
}

/// Every measure taken in each matter, in the order `evaluate` documents (serious
/// punishments, general ones, rewards, each in file order), by hand.
fn hand_in_matter(matter: Matter) -> &'static [&'static str] {
    match matter {
        Matter::AdministrativeLicensing => &[
            "s29-1-market-access",
            "s29-2-industry-access",
            "s29-3-office-qualification",
            "s29-4-financial-business",
            "s29-7-concessions",
            "p28-1-licensing-close-review",
            "p28-6-facilitation-withdrawn",
            "r23-1-licensing-fast-track",
        ],
        Matter::AdministrativeInspection => &["p28-5-key-supervision", "r23-4-fewer-inspections"],
        Matter::GovernmentProcurement => {
            &["s29-8-public-resource-trading", "p28-4-trading-credit-deduction", "r23-3-trading-credit-bonus"]
        }
        Matter::BiddingAndTendering => &[
            "s29-7-concessions",
            "s29-8-public-resource-trading",
            "p28-4-trading-credit-deduction",
            "r23-3-trading-credit-bonus",
        ],
        Matter::FundingSupport => {
            &["s29-4-financial-business", "s29-5-public-policy", "p28-2-funding-restricted", "r23-2-funding-priority"]
        }
        Matter::LandTransfer => {
            &["s29-8-public-resource-trading", "p28-4-trading-credit-deduction", "r23-3-trading-credit-bonus"]
        }
        Matter::ResearchManagement => &["s29-5-public-policy", "p28-2-funding-restricted", "r23-2-funding-priority"],
        Matter::ResidenceManagement => {
            &["s29-5-public-policy", "p28-3-no-facilitation", "r23-5-residence-green-channel"]
        }
        Matter::PublicServantRecruitment => &[
            "s29-3-office-qualification",
            "s29-11-civil-service-recruitment",
            "p28-7-commendation-and-recruitment-review",
        ],
        Matter::CommendationAndAward => {
            &["s29-6-honours", "p28-7-commendation-and-recruitment-review", "r23-5-commendation-priority"]
        }
        Matter::DailyManagement => &[
            "s29-9-high-consumption",
            "s29-10-exit",
            "p28-3-no-facilitation",
            "p28-5-key-supervision",
            "p28-6-facilitation-withdrawn",
            "r23-4-fewer-inspections",
        ],
    }
}

#[test]
fn art27_2_an_unpublished_measure_is_never_applicable() {
    // The shipped draft: every measure of the matter is listed, each `not_published`, for
    // every standing — seriously dishonest judgment debtors included — on any day.
    for standing in [clean(), red(), dishonest(), serious(), serious_debtor(), tax_arrears(), debtor_only()] {
        for matter in Matter::ALL {
            for today in [day(2026, 12, 31), day(2099, 1, 1)] {
                let evaluations = measures_for(&standing, matter, today);
                let ids: Vec<&str> = evaluations.iter().map(|e| e.measure.id).collect();
                assert_eq!(ids, hand_expected_in(matter), "{standing:?} in {matter}");
                for e in &evaluations {
                    assert_eq!(e.status, NotPublished, "{}", e.measure.id);
                    assert!(!e.is_applicable());
                    assert!(e.related.is_empty());
                }
            }
        }
    }
    let e = &measures_for(&serious_debtor(), Matter::GovernmentProcurement, day(2026, 12, 31))[0];
    assert_eq!(e.status.label_zh(e.measure.kind), "不适用：措施清单未经公布（第二十七条第二款）");
    assert!(e.reason_zh.contains("「未经公布的信用惩戒措施，不得实施」"), "{}", e.reason_zh);
    // Art. 27 ¶2 speaks of punishments; an unpublished reward cites the list of Art. 22.
    assert_eq!(NotPublished.label_zh(MeasureKind::Reward), "不适用：措施清单未经公布（第二十二条）");
    assert_eq!(Applicable.label_zh(MeasureKind::Reward), "适用");

    // In a list where one measure is published and one is not, only the published one
    // applies; a publication dated after the query day is not a publication yet.
    assert_eq!(TEST_PUBLICATION.date, day(2027, 1, 1));
    let mut list = published_copy();
    list.iter_mut().find(|m| m.id == "p28-4-trading-credit-deduction").unwrap().published = None;
    let later = Publication { date: day(2027, 6, 1), ..TEST_PUBLICATION };
    list.iter_mut().find(|m| m.id == "r23-3-trading-credit-bonus").unwrap().published = Some(later);
    assert_eq!(
        statuses(&list, &serious(), Matter::GovernmentProcurement),
        [
            ("s29-8-public-resource-trading", Applicable),
            ("p28-4-trading-credit-deduction", NotPublished),
            ("r23-3-trading-credit-bonus", NotPublished),
        ]
    );
    assert_eq!(applicable_ids(&list, &red(), Matter::GovernmentProcurement), [] as [&str; 0]);
    let on_the_day = evaluate(&list, &red(), Matter::GovernmentProcurement, day(2027, 6, 1));
    assert_eq!(on_the_day[2].status, Applicable, "published on 2027-06-01: applies from that day");
}

fn hand_expected_in(matter: Matter) -> Vec<&'static str> {
    hand_in_matter(matter).to_vec()
}

/// The ids that must apply per matter, with the list published, for a red-list subject
/// with no live dishonesty, a subject with a live penalty, a listed subject with a live
/// penalty that is no judgment debtor, and the same subject as a judgment debtor:
/// TRANSCRIBED BY HAND from `shared/data/measures.toml`, in the order `evaluate` documents.
/// The colleague's third column (serious) is now the fourth (a seriously dishonest judgment
/// debtor); the third lost s29-3, s29-9 and s29-10, which are for judgment debtors only.
/// The match is exhaustive, so a new matter does not compile until it has a row.
fn hand_expected(matter: Matter) -> [&'static [&'static str]; 4] {
    match matter {
        Matter::AdministrativeLicensing => [
            &["r23-1-licensing-fast-track"],
            &["p28-1-licensing-close-review", "p28-6-facilitation-withdrawn"],
            &[
                "s29-1-market-access",
                "s29-2-industry-access",
                "s29-4-financial-business",
                "s29-7-concessions",
                "p28-1-licensing-close-review",
                "p28-6-facilitation-withdrawn",
            ],
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
        Matter::AdministrativeInspection => [
            &["r23-4-fewer-inspections"],
            &["p28-5-key-supervision"],
            &["p28-5-key-supervision"],
            &["p28-5-key-supervision"],
        ],
        Matter::GovernmentProcurement => [
            &["r23-3-trading-credit-bonus"],
            &["p28-4-trading-credit-deduction"],
            &["s29-8-public-resource-trading", "p28-4-trading-credit-deduction"],
            &["s29-8-public-resource-trading", "p28-4-trading-credit-deduction"],
        ],
        Matter::BiddingAndTendering => [
            &["r23-3-trading-credit-bonus"],
            &["p28-4-trading-credit-deduction"],
            &["s29-7-concessions", "s29-8-public-resource-trading", "p28-4-trading-credit-deduction"],
            &["s29-7-concessions", "s29-8-public-resource-trading", "p28-4-trading-credit-deduction"],
        ],
        Matter::FundingSupport => [
            &["r23-2-funding-priority"],
            &["p28-2-funding-restricted"],
            &["s29-4-financial-business", "s29-5-public-policy", "p28-2-funding-restricted"],
            &["s29-4-financial-business", "s29-5-public-policy", "p28-2-funding-restricted"],
        ],
        Matter::LandTransfer => [
            &["r23-3-trading-credit-bonus"],
            &["p28-4-trading-credit-deduction"],
            &["s29-8-public-resource-trading", "p28-4-trading-credit-deduction"],
            &["s29-8-public-resource-trading", "p28-4-trading-credit-deduction"],
        ],
        Matter::ResearchManagement => [
            &["r23-2-funding-priority"],
            &["p28-2-funding-restricted"],
            &["s29-5-public-policy", "p28-2-funding-restricted"],
            &["s29-5-public-policy", "p28-2-funding-restricted"],
        ],
        Matter::ResidenceManagement => [
            &["r23-5-residence-green-channel"],
            &["p28-3-no-facilitation"],
            &["s29-5-public-policy", "p28-3-no-facilitation"],
            &["s29-5-public-policy", "p28-3-no-facilitation"],
        ],
        Matter::PublicServantRecruitment => [
            &[],
            &["p28-7-commendation-and-recruitment-review"],
            &["s29-11-civil-service-recruitment", "p28-7-commendation-and-recruitment-review"],
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
            &["s29-6-honours", "p28-7-commendation-and-recruitment-review"],
        ],
        Matter::DailyManagement => [
            &["r23-4-fewer-inspections"],
            &["p28-3-no-facilitation", "p28-5-key-supervision", "p28-6-facilitation-withdrawn"],
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

#[test]
fn art27_exactly_the_listed_measures_for_the_matter() {
    let list = published_copy();
    for matter in Matter::ALL {
        let [red_ids, dishonest_ids, serious_ids, debtor_ids] = hand_expected(matter);
        assert!(applicable_ids(&list, &clean(), matter).is_empty(), "clean, {matter}");
        assert_eq!(applicable_ids(&list, &red(), matter), red_ids, "red list, {matter}");
        assert_eq!(applicable_ids(&list, &dishonest(), matter), dishonest_ids, "dishonest, {matter}");
        assert_eq!(applicable_ids(&list, &serious(), matter), serious_ids, "seriously dishonest, {matter}");
        assert_eq!(applicable_ids(&list, &serious_debtor(), matter), debtor_ids, "judgment debtor, {matter}");
    }
}

#[test]
fn art23_28_29_every_standing_gets_the_column_the_articles_give() {
    // Every combination of the three flags, with the column of `hand_expected` it must get,
    // written out: rewards only without live dishonesty (Art. 23); a listed subject is also
    // dishonest, and the listing relates to every general punishment (Art. 25, 28); nothing
    // for a clean subject off the red list; no judgment debtor here, so never s29-3/9/10.
    // A dishonest subject's record is a penalty (PEN), a listing is LST.
    const NONE: usize = 4;
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
    let list = published_copy();
    for ((red_list, dishonest, seriously_dishonest), column) in cases {
        let classes: Vec<Class> = [(dishonest, PEN), (seriously_dishonest, LST)]
            .into_iter()
            .filter_map(|(on, class)| on.then_some(class))
            .collect();
        let standing = standing(red_list, dishonest, seriously_dishonest, false, &classes);
        for matter in Matter::ALL {
            let expected: &[&str] = if column == NONE { &[] } else { hand_expected(matter)[column] };
            assert_eq!(applicable_ids(&list, &standing, matter), expected, "{standing:?} in {matter}");
        }
    }
}

#[test]
fn art28_only_measures_related_to_the_records_class_apply() {
    // Tax arrears only (class administrative_levy): the general punishments whose
    // related_classes name it — p28-2, p28-4, p28-5, p28-7 — and no other (by hand).
    let list = published_copy();
    let expected: [(Matter, &[&str]); 11] = [
        (Matter::AdministrativeLicensing, &[]),
        (Matter::AdministrativeInspection, &["p28-5-key-supervision"]),
        (Matter::GovernmentProcurement, &["p28-4-trading-credit-deduction"]),
        (Matter::BiddingAndTendering, &["p28-4-trading-credit-deduction"]),
        (Matter::FundingSupport, &["p28-2-funding-restricted"]),
        (Matter::LandTransfer, &["p28-4-trading-credit-deduction"]),
        (Matter::ResearchManagement, &["p28-2-funding-restricted"]),
        (Matter::ResidenceManagement, &[]),
        (Matter::PublicServantRecruitment, &["p28-7-commendation-and-recruitment-review"]),
        (Matter::CommendationAndAward, &["p28-7-commendation-and-recruitment-review"]),
        (Matter::DailyManagement, &["p28-5-key-supervision"]),
    ];
    for (matter, ids) in expected {
        assert_eq!(applicable_ids(&list, &tax_arrears(), matter), ids, "tax arrears, {matter}");
    }
    assert_eq!(
        statuses(&list, &tax_arrears(), Matter::AdministrativeLicensing),
        [
            ("s29-1-market-access", NotOnSeriousList),
            ("s29-2-industry-access", NotOnSeriousList),
            ("s29-3-office-qualification", NotAJudgmentDebtor),
            ("s29-4-financial-business", NotOnSeriousList),
            ("s29-7-concessions", NotOnSeriousList),
            ("p28-1-licensing-close-review", NoRelatedRecord),
            ("p28-6-facilitation-withdrawn", NoRelatedRecord),
            ("r23-1-licensing-fast-track", NotOnRedList),
        ]
    );
    let evaluations = evaluate(&list, &tax_arrears(), Matter::GovernmentProcurement, today());
    assert_eq!(evaluations[1].measure.id, "p28-4-trading-credit-deduction");
    assert_eq!(evaluations[1].related, [LEVY]);
    assert!(evaluations[1].reason_zh.contains("与本措施相关联的失信记录（行政征收）"), "{}", evaluations[1].reason_zh);
    let licensing = evaluate(&list, &tax_arrears(), Matter::AdministrativeLicensing, today());
    assert!(licensing[5].reason_zh.contains("「就相关联的事项」"), "{}", licensing[5].reason_zh);
    // No dishonesty at all is a different reason from an unrelated one.
    assert_eq!(
        statuses(&list, &clean(), Matter::AdministrativeInspection)[0],
        ("p28-5-key-supervision", NoDishonestyRecord)
    );
}

#[test]
fn art29_judgment_debtor_measures_only_for_judgment_debtors() {
    let list = published_copy();
    // A listed subject that is no judgment debtor gets none of s29-3, s29-9, s29-10.
    for matter in Matter::ALL {
        let ids = applicable_ids(&list, &serious(), matter);
        for id in JUDGMENT_DEBTOR_MEASURES {
            assert!(!ids.contains(&id), "{id} in {matter}");
        }
    }
    assert_eq!(
        statuses(&list, &serious(), Matter::DailyManagement),
        [
            ("s29-9-high-consumption", NotAJudgmentDebtor),
            ("s29-10-exit", NotAJudgmentDebtor),
            ("p28-3-no-facilitation", Applicable),
            ("p28-5-key-supervision", Applicable),
            ("p28-6-facilitation-withdrawn", Applicable),
            ("r23-4-fewer-inspections", NotOnRedList),
        ]
    );
    // A judgment debtor not on LST-SERIOUS: the courts' list grounds the measures written
    // for it, not the other serious punishments; its non_fulfilment record relates to
    // p28-2, p28-4 and p28-7 only (by hand, from related_classes).
    let expected: [(Matter, &[&str]); 11] = [
        (Matter::AdministrativeLicensing, &["s29-3-office-qualification"]),
        (Matter::AdministrativeInspection, &[]),
        (Matter::GovernmentProcurement, &["p28-4-trading-credit-deduction"]),
        (Matter::BiddingAndTendering, &["p28-4-trading-credit-deduction"]),
        (Matter::FundingSupport, &["p28-2-funding-restricted"]),
        (Matter::LandTransfer, &["p28-4-trading-credit-deduction"]),
        (Matter::ResearchManagement, &["p28-2-funding-restricted"]),
        (Matter::ResidenceManagement, &[]),
        (
            Matter::PublicServantRecruitment,
            &["s29-3-office-qualification", "p28-7-commendation-and-recruitment-review"],
        ),
        (Matter::CommendationAndAward, &["p28-7-commendation-and-recruitment-review"]),
        (Matter::DailyManagement, &["s29-9-high-consumption", "s29-10-exit"]),
    ];
    for (matter, ids) in expected {
        assert_eq!(applicable_ids(&list, &debtor_only(), matter), ids, "judgment debtor only, {matter}");
    }
    assert_eq!(
        statuses(&list, &debtor_only(), Matter::DailyManagement),
        [
            ("s29-9-high-consumption", Applicable),
            ("s29-10-exit", Applicable),
            ("p28-3-no-facilitation", NoRelatedRecord),
            ("p28-5-key-supervision", NoRelatedRecord),
            ("p28-6-facilitation-withdrawn", NoRelatedRecord),
            ("r23-4-fewer-inspections", NotOnRedList),
        ]
    );
}

#[test]
fn the_hand_table_names_every_measure_of_the_list() {
    // An added or renamed measure fails here (as well as above) until the table is updated.
    let mut named = HashSet::new();
    let mut in_matters = HashSet::new();
    for matter in Matter::ALL {
        named.extend(hand_expected(matter).into_iter().flatten().copied());
        in_matters.extend(hand_in_matter(matter).iter().copied());
    }
    let listed: HashSet<&str> = MEASURES.iter().map(|m| m.id).collect();
    assert_eq!(named, listed);
    assert_eq!(in_matters, listed);
    assert_eq!(MEASURES.len(), 24, "6 rewards, 7 general and 11 serious punishments in measures.toml");
}

#[test]
fn art27_applicable_measures_come_with_basis_and_reason() {
    let list = published_copy();
    for standing in [red(), dishonest(), serious(), serious_debtor(), tax_arrears(), debtor_only()] {
        for matter in Matter::ALL {
            for e in evaluate(&list, &standing, matter, today()) {
                assert!(e.measure.matters.contains(&matter));
                assert!(list.iter().any(|m| std::ptr::eq(m, e.measure)), "not on the list");
                assert!(!e.reason_zh.is_empty() && !e.reason_en.is_empty());
                if e.is_applicable() {
                    assert!(e.reason_zh.contains(e.measure.legal_basis_zh) && e.reason_zh.contains(matter.name_zh()));
                    assert!(e.reason_en.contains(e.measure.legal_basis_en));
                    assert!(e.reason_zh.contains("《测试用信用奖惩措施清单》"), "the publication is told");
                }
            }
        }
    }
    let civil_service = applicable_ids(&list, &serious(), Matter::PublicServantRecruitment);
    assert!(civil_service.contains(&"s29-11-civil-service-recruitment"));
}

fn record(id: i64, item_code: &str, class: Class, polarity: Polarity, publicity: Publicity) -> RecordView {
    RecordView {
        id,
        item_code: item_code.into(),
        item_name_zh: String::new(),
        item_name_en: String::new(),
        class,
        polarity,
        disclosure: DisclosureLevel::Public,
        document_number: format!("DOC-{id}"),
        title: String::new(),
        content: String::new(),
        provider_department: String::new(),
        legal_basis: String::new(),
        decision_date: None,
        act_end_date: None,
        act_continuing: false,
        publicity_last_day: None,
        publicity,
        persons: Vec::<PersonView>::new(),
        under_objection: false,
        masked: false,
    }
}

#[test]
fn standing_and_basis_come_from_the_live_visible_records() {
    let live = Publicity::Live { last_day: None };
    let ended = Publicity::Ended { since: day(2027, 1, 1), reason: EndReason::Expired };
    let records = [
        record(1, "PEN-GENERAL", PEN, Polarity::Dishonesty, live),
        record(2, "LEVY-TAX-ARREARS", LEVY, Polarity::Dishonesty, ended),
        record(3, "JUD-NONFULFILMENT", JUD, Polarity::Dishonesty, live),
        record(4, "LST-SERIOUS", LST, Polarity::Dishonesty, live),
        record(5, "LST-RED", Class::RedList, Polarity::Positive, live),
        record(6, "REG-BASIC", Class::Registration, Polarity::Neutral, live),
        record(7, "CMT-COMMITMENT", CMT, Polarity::Neutral, live),
    ];
    let (standing, basis) = standing_from(&records);
    // The ended tax arrears and the neutral commitment count for nothing; the classes are
    // in catalog order.
    assert_eq!(
        standing,
        SubjectStanding {
            red_list: true,
            dishonest: true,
            seriously_dishonest: true,
            judgment_debtor: true,
            dishonesty_classes: vec![PEN, JUD, LST],
        }
    );
    assert_eq!(basis, [1, 3, 4, 5]);
    let by_id = |id: &str| MEASURES.iter().find(|m| m.id == id).unwrap();
    assert_eq!(basis_of(by_id("p28-4-trading-credit-deduction"), &records), [1, 3, 4]);
    assert_eq!(basis_of(by_id("p28-1-licensing-close-review"), &records), [1, 4]);
    assert_eq!(basis_of(by_id("s29-8-public-resource-trading"), &records), [4]);
    assert_eq!(basis_of(by_id("s29-9-high-consumption"), &records), [3]);
    assert_eq!(basis_of(by_id("r23-3-trading-credit-bonus"), &records), [5]);
    // An ended judgment-debtor record makes no judgment debtor.
    let performed = [record(3, "JUD-NONFULFILMENT", JUD, Polarity::Dishonesty, ended)];
    assert_eq!(standing_from(&performed), (SubjectStanding::default(), vec![]));
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
    let json = serde_json::to_value(measures_for(&serious(), Matter::CommendationAndAward, today())).unwrap();
    assert_eq!(json[0]["measure"]["kind"], "serious_punishment");
    assert_eq!(json[0]["measure"]["matters"][0], "commendation_and_award");
    assert_eq!(json[0]["measure"]["published"], serde_json::Value::Null);
    assert_eq!(json[0]["status"], "not_published");
    assert_eq!(json[1]["measure"]["related_classes"][0], "administrative_penalty");
    let standing = serde_json::to_value(serious_debtor()).unwrap();
    assert_eq!(
        standing,
        serde_json::json!({
            "red_list": false, "dishonest": true, "seriously_dishonest": true, "judgment_debtor": true,
            "dishonesty_classes": ["administrative_penalty", "non_fulfilment", "serious_dishonesty_list"],
        })
    );
}
