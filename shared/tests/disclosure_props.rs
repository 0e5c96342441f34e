//! Property tests of the disclosure decision (Art. 4, 14, 16, 17, 31, 33): whatever the
//! record, viewer and day, nobody gets what the regulation does not give them.

use gzcredit_shared::catalog::{self, DisclosureLevel};
use gzcredit_shared::date::Date;
use gzcredit_shared::disclosure::{
    decide, is_public_list_class, present_record, Decision, Grant, Person, PersonRole, Record, Viewer,
};
use gzcredit_shared::measures::Matter;
use gzcredit_shared::query_window::{publicity, PublicityFacts};
use gzcredit_shared::repair::Ground;
use proptest::prelude::*;

const SUBJECT: &str = "91520102MA6000008B";
const PROVIDER: &str = "贵阳市市场监督管理局";

fn today() -> Date {
    Date::parse("2026-11-28").unwrap()
}

fn arb_record() -> impl Strategy<Value = Record> {
    (
        0..catalog::ITEMS.len(),
        any::<bool>(),
        -4000i32..200,
        prop::option::of(-4000i32..0),
        prop::option::of(-2000i32..2000),
        prop::option::of((any::<bool>(), -1500i32..10)),
        any::<bool>(),
    )
        .prop_map(|(item, natural, decided, act_end, valid, withdrawal, with_person)| {
            let t = today();
            Record {
                id: 1,
                subject_code: SUBJECT.into(),
                subject_is_natural_person: natural,
                item_code: catalog::ITEMS[item].code.into(),
                document_number: "DOC-1".into(),
                title: "t".into(),
                content: "c".into(),
                provider_department: PROVIDER.into(),
                legal_basis: "b".into(),
                publicity: PublicityFacts {
                    decision_date: Some(t.add_days(decided)),
                    act_end_date: act_end.map(|d| t.add_days(d)),
                    valid_until: valid.map(|d| t.add_days(d)),
                    penalty_types: vec![],
                    withdrawal: withdrawal
                        .map(|(repair, d)| (if repair { Ground::Repair } else { Ground::Revocation }, t.add_days(d))),
                },
                persons: if with_person {
                    vec![Person {
                        role: PersonRole::LegalRepresentative,
                        name: "欧阳修文".into(),
                        id_number: Some("520102198709086419".into()),
                    }]
                } else {
                    vec![]
                },
                under_objection: false,
            }
        })
}

fn arb_viewer() -> impl Strategy<Value = Viewer> {
    let matter = prop::sample::select(Matter::ALL.to_vec());
    prop_oneof![
        Just(Viewer::Public),
        Just(Viewer::Subject { code: SUBJECT.into() }),
        Just(Viewer::Subject { code: "91520103MA6000009X".into() }),
        Just(Viewer::Provider { department: PROVIDER.into() }),
        Just(Viewer::Provider { department: "别的部门".into() }),
        Just(Viewer::Admin { staff: "a".into() }),
        matter.prop_map(|matter| Viewer::Agency { agency: "A".into(), matter }),
        (
            prop::sample::subsequence(catalog::ITEMS.iter().map(|i| i.code).collect::<Vec<_>>(), 0..5),
            -20i32..20,
            -20i32..20,
            prop::option::of(-20i32..20),
            any::<bool>()
        )
            .prop_map(|(items, from, until, revoked, own)| Viewer::Authorized {
                grant: Grant {
                    id: "G".into(),
                    subject_code: if own { SUBJECT.into() } else { "91520103MA6000009X".into() },
                    grantee: "银行".into(),
                    items: items.into_iter().map(String::from).collect(),
                    purpose: "贷款".into(),
                    valid_from: today().add_days(from.min(until)),
                    valid_until: today().add_days(from.max(until)),
                    revoked_on: revoked.map(|d| today().add_days(d)),
                },
            }),
    ]
}

/// Viewers who may see a subject's ended records: itself, its provider, the platform.
fn sees_everything(viewer: &Viewer) -> bool {
    match viewer {
        Viewer::Admin { .. } => true,
        Viewer::Subject { code } => code == SUBJECT,
        Viewer::Provider { department } => department == PROVIDER,
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn art33_nothing_past_its_window_reaches_anyone_but_the_subject_its_provider_and_the_platform(
        record in arb_record(), viewer in arb_viewer()
    ) {
        let item = catalog::item(&record.item_code).unwrap();
        let live = publicity(item, &record.publicity, today()).is_live();
        if !live && !sees_everything(&viewer) {
            prop_assert!(!decide(&viewer, &record, today()).is_shown());
        }
    }

    #[test]
    fn art16_non_public_items_need_a_right_to_them(record in arb_record(), viewer in arb_viewer()) {
        let item = catalog::item(&record.item_code).unwrap();
        if item.disclosure == DisclosureLevel::Public || !decide(&viewer, &record, today()).is_shown() {
            return Ok(());
        }
        let allowed = match &viewer {
            _ if sees_everything(&viewer) => true,
            Viewer::Agency { matter, .. } => item.agency_matters.allows(*matter),
            Viewer::Authorized { grant } => {
                grant.subject_code == record.subject_code
                    && grant.is_valid_on(today())
                    && grant.items.iter().any(|c| c == item.code)
                    && item.disclosure == DisclosureLevel::Authorized
            }
            _ => false,
        };
        prop_assert!(allowed, "{:?} saw non-public {}", viewer, item.code);
    }

    #[test]
    fn art4_the_public_never_sees_an_unmasked_person(record in arb_record()) {
        let view = present_record(&Viewer::Public, &record, today());
        if let Some(view) = view {
            for person in &view.persons {
                prop_assert_eq!(person.name.as_str(), "欧阳*");
                prop_assert_eq!(person.id_number.as_deref(), Some("520102********6419"));
            }
            let item = catalog::item(&record.item_code).unwrap();
            if record.subject_is_natural_person {
                prop_assert!(is_public_list_class(item.class), "a natural person outside a public list");
            }
        }
    }

    #[test]
    fn decisions_do_not_depend_on_anything_but_their_inputs(record in arb_record(), viewer in arb_viewer()) {
        prop_assert_eq!(decide(&viewer, &record, today()), decide(&viewer, &record, today()));
        if let Decision::Masked(m) = decide(&viewer, &record, today()) {
            prop_assert!(m.person_names && m.id_numbers);
        }
    }
}
