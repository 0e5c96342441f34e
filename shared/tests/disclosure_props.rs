//! Property and example tests of the disclosure decision (Art. 4, 14, 16, 17, 31, 33, 34,
//! 35, 36): whatever the record, viewer and day, nobody gets what the regulation does not
//! give them.
//!
//! The oracles here do not come from the implementation:
//! - [`HAND_CATALOG`] is the catalog (`shared/data/catalog.toml`) transcribed by hand;
//! - [`hand_off_from`] computes a record's window from the rule texts (Art. 33, the
//!   `query_window` module docs, Civil Code Art. 201–202) with plain year/month/day
//!   arithmetic on `(y, m, d)` tuples — the crate's `Date` is used only to build and read
//!   values, never its `add_years` / `add_months`;
//! - [`hand_decision`] is the disclosure rules of the `disclosure` module docs, written
//!   against those two;
//! - masks and dates of the examples are worked out by hand in the comments.

use gzcredit_shared::catalog::{self, AgencyMatters, DisclosureLevel, Polarity, QueryWindowRule};
use gzcredit_shared::date::Date;
use gzcredit_shared::disclosure::{
    decide, is_public_list_class, present_record, Decision, Grant, Masks, Viewer, Withheld,
};
use gzcredit_shared::matter::Matter;
use gzcredit_shared::query_window::Ground;
use gzcredit_shared::query_window::{earliest_repair, publicity, EndReason, PenaltyType, Publicity, PublicityFacts};
use gzcredit_shared::record::{Person, PersonRole, Record};
use proptest::prelude::*;
use std::collections::BTreeSet;

const SUBJECT: &str = "91520102MA6000008B";
const OTHER_SUBJECT: &str = "91520103MA6000009X";
const PROVIDER: &str = "贵阳市市场监督管理局";

// ---- The catalog, transcribed by hand -----------------------------------------------------

/// The window rule of an item, as the catalog's `window` field writes it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Window {
    /// `{ rule = "none" }`.
    None,
    /// `{ rule = "act_end", years }` (Art. 33).
    ActEnd(u32),
    /// `{ rule = "penalty_publicity", min_months, max_years }`.
    Penalty { min_months: u32, max_years: u32 },
    /// `{ rule = "validity", years }`.
    Validity(u32),
    /// `{ rule = "list_membership", years }`.
    List(u32),
    /// `{ rule = "until_performed" }`.
    UntilPerformed,
}

/// The catalog's `agency_matters` field.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Agencies {
    /// `["*"]`.
    Every,
    /// The listed matters, in catalog order.
    Only(&'static [Matter]),
}

impl Agencies {
    fn cover(self, matter: Matter) -> bool {
        match self {
            Agencies::Every => true,
            Agencies::Only(list) => list.contains(&matter),
        }
    }
}

/// One catalog item as these tests know it.
#[derive(Clone, Copy, Debug)]
struct HandItem {
    code: &'static str,
    level: DisclosureLevel,
    polarity: Polarity,
    window: Window,
    agencies: Agencies,
    /// A public list that may name natural persons before the public: the serious
    /// dishonesty list (Art. 25) and dishonest judgment debtors (Art. 12 (3)); true exactly
    /// for `class = "serious_dishonesty_list"` and `class = "non_fulfilment"`.
    public_list: bool,
}

const fn row(
    code: &'static str,
    level: DisclosureLevel,
    polarity: Polarity,
    window: Window,
    agencies: Agencies,
    public_list: bool,
) -> HandItem {
    HandItem { code, level, polarity, window, agencies, public_list }
}

use Agencies::{Every, Only};
use DisclosureLevel::{Authorized, Government, Public};
use Polarity::{Dishonesty, Neutral, Positive};
use Window::{ActEnd, List, Penalty, UntilPerformed, Validity};

/// The catalog, version "2026.1", TRANSCRIBED BY HAND from `shared/data/catalog.toml`, one
/// row per `[[item]]`, in file order: code, disclosure, polarity, window, agency_matters,
/// and whether its class is a public list. It is the oracle of these tests: when the
/// catalog changes, change this table BY HAND from the document (never generate it from
/// the document or from `catalog::ITEMS`). `the_hand_catalog_is_exactly_the_catalog`
/// fails when the two differ, e.g. when an item is added.
#[rustfmt::skip]
const HAND_CATALOG: &[HandItem] = &[
    row("REG-BASIC",                     Public,     Neutral,    Window::None,                                Every, false),
    row("LIC-PERMIT",                    Public,     Neutral,    Validity(5),                                 Every, false),
    row("PEN-GENERAL",                   Public,     Dishonesty, Penalty { min_months: 3, max_years: 3 },     Every, false),
    row("PEN-SAFETY",                    Public,     Dishonesty, Penalty { min_months: 12, max_years: 3 },    Every, false),
    row("COE-MEASURE",                   Public,     Dishonesty, ActEnd(3),                                   Every, false),
    row("CFM-QUALIFICATION",             Public,     Neutral,    Validity(3),                                 Every, false),
    row("INS-RANDOM",                    Public,     Neutral,    Validity(3),                                 Every, false),
    row("INS-SUPERVISION-GRADE",         Government, Neutral,    Validity(1),
        Only(&[Matter::AdministrativeLicensing, Matter::AdministrativeInspection, Matter::DailyManagement]), false),
    row("LEVY-TAX-ARREARS",              Public,     Dishonesty, ActEnd(3),                                   Every, false),
    row("LEVY-SOCIAL-INSURANCE-ARREARS", Authorized, Dishonesty, ActEnd(3),
        Only(&[
            Matter::AdministrativeLicensing,
            Matter::GovernmentProcurement,
            Matter::BiddingAndTendering,
            Matter::FundingSupport,
            Matter::CommendationAndAward,
        ]), false),
    row("RWD-ADMIN",                     Public,     Positive,   Validity(3),                                 Every, false),
    row("BEN-PAYMENT",                   Authorized, Neutral,    Validity(3),
        Only(&[Matter::FundingSupport, Matter::ResidenceManagement, Matter::DailyManagement]), false),
    row("JUD-NONFULFILMENT",             Public,     Dishonesty, UntilPerformed,                              Every, true),
    row("HON-COMMENDATION",              Public,     Positive,   Validity(5),                                 Every, false),
    row("HON-VOLUNTEER",                 Authorized, Positive,   Validity(5),
        Only(&[Matter::CommendationAndAward, Matter::PublicServantRecruitment]), false),
    row("CMT-COMMITMENT",                Public,     Neutral,    Validity(3),                                 Every, false),
    row("CMT-BREACH",                    Public,     Dishonesty, ActEnd(3),                                   Every, false),
    row("LST-SERIOUS",                   Public,     Dishonesty, List(3),                                     Every, true),
    row("LST-RED",                       Public,     Positive,   List(3),                                     Every, false),
    row("GOV-INTEGRITY",                 Public,     Dishonesty, ActEnd(3),                                   Every, false),
];

fn hand_item(code: &str) -> &'static HandItem {
    HAND_CATALOG.iter().find(|i| i.code == code).unwrap_or_else(|| panic!("{code} is not in HAND_CATALOG"))
}

const PENALTY_TYPES: [PenaltyType; 7] = [
    PenaltyType::Warning,
    PenaltyType::Fine,
    PenaltyType::Confiscation,
    PenaltyType::LicenceAction,
    PenaltyType::BusinessRestriction,
    PenaltyType::Detention,
    PenaltyType::Other,
];

#[test]
fn the_hand_catalog_is_exactly_the_catalog() {
    // Against the data document itself: same codes in the same order, same fields.
    let document: toml::Table = include_str!("../data/catalog.toml").parse().unwrap();
    let items = document["item"].as_array().unwrap();
    let document_codes: Vec<&str> = items.iter().map(|i| i["code"].as_str().unwrap()).collect();
    let hand_codes: Vec<&str> = HAND_CATALOG.iter().map(|i| i.code).collect();
    assert_eq!(
        hand_codes, document_codes,
        "HAND_CATALOG must list exactly the items of catalog.toml: update it by hand"
    );
    for (toml_item, hand) in items.iter().zip(HAND_CATALOG) {
        let level = match hand.level {
            Public => "public",
            Authorized => "authorized",
            Government => "government",
        };
        assert_eq!(toml_item["disclosure"].as_str(), Some(level), "{}", hand.code);
        let polarity = match hand.polarity {
            Positive => "positive",
            Neutral => "neutral",
            Dishonesty => "dishonesty",
        };
        assert_eq!(toml_item["polarity"].as_str(), Some(polarity), "{}", hand.code);
        let window = &toml_item["window"];
        let number = |key: &str| window.get(key).and_then(|v| v.as_integer()).map(|n| n as u32);
        let from_document = match window["rule"].as_str().unwrap() {
            "none" => Window::None,
            "act_end" => ActEnd(number("years").unwrap()),
            "penalty_publicity" => {
                Penalty { min_months: number("min_months").unwrap(), max_years: number("max_years").unwrap() }
            }
            "validity" => Validity(number("years").unwrap()),
            "list_membership" => List(number("years").unwrap()),
            "until_performed" => UntilPerformed,
            other => panic!("{}: unknown window rule {other}: teach this test what it means", hand.code),
        };
        assert_eq!(from_document, hand.window, "{}", hand.code);
        let matters: Vec<&str> =
            toml_item["agency_matters"].as_array().unwrap().iter().map(|m| m.as_str().unwrap()).collect();
        let hand_matters: Vec<&str> = match hand.agencies {
            Every => vec!["*"],
            Only(list) => list.iter().map(|m| m.as_str()).collect(),
        };
        assert_eq!(matters, hand_matters, "{}", hand.code);
        let class = toml_item["class"].as_str().unwrap();
        assert_eq!(hand.public_list, class == "serious_dishonesty_list" || class == "non_fulfilment", "{}", hand.code);
    }

    // Against what the build compiled from it.
    let compiled: Vec<&str> = catalog::ITEMS.iter().map(|i| i.code).collect();
    assert_eq!(compiled, hand_codes);
    for item in catalog::ITEMS {
        let hand = hand_item(item.code);
        assert_eq!(item.disclosure, hand.level, "{}", item.code);
        assert_eq!(item.polarity, hand.polarity, "{}", item.code);
        let window = match item.window {
            QueryWindowRule::None => Window::None,
            QueryWindowRule::ActEnd { years } => ActEnd(years),
            QueryWindowRule::PenaltyPublicity { min_months, max_years } => Penalty { min_months, max_years },
            QueryWindowRule::Validity { years } => Validity(years),
            QueryWindowRule::ListMembership { years } => List(years),
            QueryWindowRule::UntilPerformed => UntilPerformed,
        };
        assert_eq!(window, hand.window, "{}", item.code);
        let agencies = match item.agency_matters {
            AgencyMatters::All => Every,
            AgencyMatters::Only(list) => Only(list),
        };
        assert_eq!(agencies, hand.agencies, "{}", item.code);
        assert_eq!(is_public_list_class(item.class), hand.public_list, "{}", item.code);
    }
}

// ---- The window, computed by hand ---------------------------------------------------------

type Ymd = (i32, u32, u32);

fn leap(y: i32) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

fn month_length(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap(y) => 29,
        2 => 28,
        _ => unreachable!("month {m}"),
    }
}

/// The last day of a period of `n` years from `(y, m, d)`: the same date `n` years on;
/// 29 February in a year without one is 28 February (Civil Code Art. 202: no corresponding
/// day, the month's last day).
fn plus_years((y, m, d): Ymd, n: u32) -> Ymd {
    let year = y + n as i32;
    if m == 2 && d == 29 && !leap(year) {
        (year, 2, 28)
    } else {
        (year, m, d)
    }
}

/// The last day of a period of `n` months from `(y, m, d)`: the same day of the month `n`
/// months on, or that month's last day when it has no such day (Civil Code Art. 202).
fn plus_months((y, m, d): Ymd, n: u32) -> Ymd {
    let mut year = y;
    let mut month = m + n;
    while month > 12 {
        month -= 12;
        year += 1;
    }
    (year, month, d.min(month_length(year, month)))
}

fn next_day((y, m, d): Ymd) -> Ymd {
    if d < month_length(y, m) {
        (y, m, d + 1)
    } else if m < 12 {
        (y, m + 1, 1)
    } else {
        (y + 1, 1, 1)
    }
}

fn previous_day((y, m, d): Ymd) -> Ymd {
    if d > 1 {
        (y, m, d - 1)
    } else if m > 1 {
        (y, m - 1, month_length(y, m - 1))
    } else {
        (y - 1, 12, 31)
    }
}

fn ymd(date: Date) -> Ymd {
    date.ymd()
}

fn date((y, m, d): Ymd) -> Date {
    Date::from_ymd(y, m, d).unwrap()
}

fn d(text: &str) -> Date {
    Date::parse(text).unwrap()
}

/// How a record says its act stands (the `query_window` module docs): ended on a date,
/// continuing, or — a record from before that rule — neither.
fn act_status(facts: &PublicityFacts) -> (Option<Ymd>, bool) {
    (facts.act_end_date.map(ymd), facts.act_continuing)
}

/// The last day of the Art. 33 window of the act, `years` from its end: none while the act
/// is continuing; counted from the decision when the record never said (module docs:
/// "the act cannot have ended later than the provider knew of it").
fn hand_act_window(facts: &PublicityFacts, years: u32) -> Option<Ymd> {
    match act_status(facts) {
        (Some(end), _) => Some(plus_years(end, years)),
        (None, true) => None,
        (None, false) => facts.decision_date.map(|x| plus_years(ymd(x), years)),
    }
}

/// The first day a record is no longer served, with every reason that ends it on that day
/// (two rules may end it on the same day); `None` while no end is known.
///
/// From the rule texts (Art. 33, 35, 36, the catalog header and the `query_window` docs):
/// - `act_end` (Art. 33): served through end + N years, not from the next day.
/// - Penalties: published through decision + max years, and (Art. 33) through act end + 3
///   years when the act has ended, whichever comes first. Penalty types play no part (no
///   published rule sets a minimum per type).
/// - Validity: through the record's own end (`valid_until`), else decision + N years.
/// - Lists: through the removal day (`valid_until`), else inclusion + N years; a dishonesty
///   list also no longer than the Art. 33 window of its act; the red list not from the
///   day the subject became dishonest (`list_removed_on`).
/// - Judgment debtors (SPC rule Art. 10): not from the day of performance (`act_end_date`);
///   through the inclusion period's end (`valid_until`); a record that never said how the
///   act stands, the Art. 33 default from the decision.
/// - Art. 35, 36: not from the day a (accepted) repair proof or revocation notice is received.
fn hand_off_from(item: &HandItem, facts: &PublicityFacts) -> Option<(Ymd, Vec<EndReason>)> {
    const ART33_YEARS: u32 = 3;
    let decided = facts.decision_date.map(ymd);
    let until = facts.valid_until.map(ymd);
    // (first day not served, why)
    let mut ends: Vec<(Ymd, EndReason)> = vec![];
    // A last day served: off from the next day.
    let last_day = |day: Option<Ymd>, why: EndReason| day.map(|day| (next_day(day), why));
    match item.window {
        Window::None => {}
        ActEnd(years) => ends.extend(last_day(hand_act_window(facts, years), EndReason::Expired)),
        Penalty { max_years, .. } => {
            ends.extend(last_day(decided.map(|x| plus_years(x, max_years)), EndReason::Expired));
            ends.extend(last_day(facts.act_end_date.map(|e| plus_years(ymd(e), ART33_YEARS)), EndReason::Expired));
        }
        Validity(years) => ends.extend(last_day(until.or(decided.map(|x| plus_years(x, years))), EndReason::Lapsed)),
        List(years) => {
            ends.extend(last_day(until.or(decided.map(|x| plus_years(x, years))), EndReason::Lapsed));
            if item.polarity == Dishonesty {
                ends.extend(last_day(hand_act_window(facts, ART33_YEARS), EndReason::Expired));
            } else if let Some(removed) = facts.list_removed_on {
                ends.push((ymd(removed), EndReason::RemovedForDishonesty));
            }
        }
        UntilPerformed => {
            if let Some(performed) = facts.act_end_date {
                ends.push((ymd(performed), EndReason::Performed));
            }
            ends.extend(last_day(until, EndReason::Lapsed));
            if act_status(facts) == (None, false) {
                ends.extend(last_day(decided.map(|x| plus_years(x, ART33_YEARS)), EndReason::Expired));
            }
        }
    }
    match facts.withdrawal {
        Some((Ground::Revocation, received)) => ends.push((ymd(received), EndReason::Revoked)),
        Some((Ground::Repair, received)) => ends.push((ymd(received), EndReason::Repaired)),
        None => {}
    }
    let first = ends.iter().map(|(x, _)| *x).min()?;
    Some((first, ends.into_iter().filter(|(x, _)| *x == first).map(|(_, why)| why).collect()))
}

/// The first day a repair proof can be accepted (58号令: only once the minimum publicity has
/// passed): the day after decision + the item's minimum months; none for other items.
fn hand_earliest_repair(item: &HandItem, facts: &PublicityFacts) -> Option<Ymd> {
    match (item.window, facts.decision_date) {
        (Penalty { min_months, .. }, Some(x)) => Some(next_day(plus_months(ymd(x), min_months))),
        _ => None,
    }
}

fn hand_live(item: &HandItem, facts: &PublicityFacts, today: Date) -> bool {
    match hand_off_from(item, facts) {
        Some((off, _)) => ymd(today) < off,
        None => true,
    }
}

// ---- The disclosure rules, written by hand -----------------------------------------------

/// Rules 1–3 of the disclosure module: the platform, the record's own provider and the
/// subject itself see the record, ended or not, unmasked (Art. 11–12, 19–20, 31).
fn hand_sees_everything(viewer: &Viewer, record: &Record) -> bool {
    match viewer {
        Viewer::Admin { .. } => true,
        Viewer::Subject { code } => *code == record.subject_code,
        Viewer::Provider { department } => *department == record.provider_department,
        _ => false,
    }
}

/// A grant is usable from `valid_from` through `valid_until`, and not from the day it was
/// revoked on (Art. 16 ¶3; the `Grant` field docs).
fn hand_grant_usable(grant: &Grant, today: Date) -> bool {
    let revoked = match grant.revoked_on {
        Some(r) => r <= today,
        None => false,
    };
    grant.valid_from <= today && today <= grant.valid_until && !revoked
}

/// Rules 4–5: a holder of the subject's authorization for this item (Art. 16 ¶3; not for
/// government-shared items, catalog header), or an agency querying for a matter the item
/// is published for (Art. 16 ¶2, 17) — within the window, unmasked.
fn hand_entitled(viewer: &Viewer, record: &Record, item: &HandItem, today: Date) -> bool {
    match viewer {
        Viewer::Agency { matter, .. } => item.agencies.cover(*matter),
        Viewer::Authorized { grant } => {
            grant.subject_code == record.subject_code
                && hand_grant_usable(grant, today)
                && grant.items.iter().any(|c| c == item.code)
                && item.level != Government
        }
        _ => false,
    }
}

#[derive(Clone, PartialEq, Eq, Debug)]
enum Expected {
    Visible,
    /// Names and ID numbers masked.
    Masked,
    /// Withheld for one of these reasons (all apply; which one is reported is not ruled).
    Withheld(Vec<Withheld>),
}

fn hand_decision(viewer: &Viewer, record: &Record, today: Date) -> Expected {
    let item = hand_item(&record.item_code);
    let live = hand_live(item, &record.publicity, today);
    if hand_sees_everything(viewer, record) {
        return Expected::Visible;
    }
    if hand_entitled(viewer, record, item, today) {
        return if live { Expected::Visible } else { Expected::Withheld(vec![Withheld::NotLive]) };
    }
    // Rule 6, for the public and everyone who falls through to it (Art. 4, 14, 33).
    let mut reasons = vec![];
    if item.level != Public {
        reasons.push(Withheld::NotPublic);
    }
    if !live {
        reasons.push(Withheld::NotLive);
    }
    if record.subject_is_natural_person && !item.public_list {
        reasons.push(Withheld::PersonalInformation);
    }
    if !reasons.is_empty() {
        Expected::Withheld(reasons)
    } else if record.subject_is_natural_person || !record.persons.is_empty() {
        Expected::Masked
    } else {
        Expected::Visible
    }
}

// ---- Generators ---------------------------------------------------------------------------

/// Persons that may be recorded with a record, and how a masked view must show them
/// (worked by hand from Art. 4 and the masking rules: surname + `*`, a compound surname
/// kept whole; 18-character IDs as 6 + 8 `*` + 4, anything else all `*`, at least 8).
/// Role, name, ID number as held; name and ID number as a masked view shows them.
type PersonRow = (PersonRole, &'static str, Option<&'static str>, &'static str, Option<&'static str>);

const PERSONS: [PersonRow; 4] = [
    (PersonRole::LegalRepresentative, "欧阳修文", Some("520102198709086419"), "欧阳*", Some("520102************")),
    (PersonRole::ResponsiblePerson, "张三丰", Some("52010219900307002X"), "张*", Some("520102************")),
    (PersonRole::DirectlyResponsible, "李四", None, "李*", None),
    (PersonRole::Subject, "Smith", Some("5201021990"), "S*", Some("**********")),
];

/// A day offset from `today`, clustered around the boundaries the rules create (3, 6, 12
/// months; 1, 3, 5 years back) as well as spread wide.
fn arb_offset_back() -> impl Strategy<Value = i32> {
    prop_oneof![
        3 => -4000i32..0,
        1 => -95i32..-86,
        1 => -187i32..-177,
        1 => -370i32..-362,
        2 => -1100i32..-1092,
        1 => -1830i32..-1823,
    ]
}

/// An index into [`HAND_CATALOG`]: any item, with the non-public ones drawn more often
/// (they are what Art. 16 protects).
fn arb_item_index() -> impl Strategy<Value = usize> {
    let non_public: Vec<usize> = (0..HAND_CATALOG.len()).filter(|i| HAND_CATALOG[*i].level != Public).collect();
    prop_oneof![3 => 0..HAND_CATALOG.len(), 1 => prop::sample::select(non_public)]
}

fn arb_record(t: Date) -> impl Strategy<Value = Record> {
    (
        (arb_item_index(), any::<bool>(), prop_oneof![4 => arb_offset_back(), 1 => 0i32..200]),
        // How the act stands: ended (on a day), continuing, or never said.
        prop_oneof![
            2 => arb_offset_back().prop_map(|x| (Some(x), false)),
            1 => Just((None, true)),
            1 => Just((None, false)),
        ],
        prop::option::of(-2000i32..2000),
        prop::option::weighted(0.3, -1500i32..300),
        prop::sample::subsequence(PENALTY_TYPES.to_vec(), 0..=PENALTY_TYPES.len()),
        prop::option::of((any::<bool>(), prop_oneof![0i32..1600, 0i32..40])),
        prop::sample::subsequence(vec![0usize, 1, 2, 3], 0..=4),
        any::<bool>(),
    )
        .prop_map(
            move |(
                (item, natural, decided),
                (act_end, act_continuing),
                valid,
                removed,
                penalty_types,
                withdrawal,
                persons,
                objected,
            )| {
                let decided = t.add_days(decided);
                Record {
                    id: 1,
                    subject_code: SUBJECT.into(),
                    subject_is_natural_person: natural,
                    item_code: HAND_CATALOG[item].code.into(),
                    document_number: "DOC-1".into(),
                    title: "t".into(),
                    content: "c".into(),
                    provider_department: PROVIDER.into(),
                    legal_basis: "b".into(),
                    publicity: PublicityFacts {
                        decision_date: Some(decided),
                        act_end_date: act_end.map(|x| t.add_days(x)),
                        act_continuing,
                        list_removed_on: removed.map(|x| t.add_days(x)),
                        valid_until: valid.map(|x| t.add_days(x)),
                        penalty_types,
                        // Received some days after the decision. (Ingest refuses a repair of
                        // a penalty before its minimum; the window does not need to know.)
                        withdrawal: withdrawal.map(|(repair, after)| {
                            (if repair { Ground::Repair } else { Ground::Revocation }, decided.add_days(after))
                        }),
                    },
                    persons: persons
                        .into_iter()
                        .map(|i| {
                            let (role, name, id, _, _) = PERSONS[i];
                            Person { role, name: name.into(), id_number: id.map(String::from) }
                        })
                        .collect(),
                    under_objection: objected,
                }
            },
        )
}

/// A day to ask on, from early 2016 to early 2033, and a record whose dates are drawn
/// around it. A quarter of the days fall around 1 March of a year after a leap year, where
/// the clustered offsets of [`arb_offset_back`] land on 29 February 1, 3 or 5 years back.
fn arb_case() -> impl Strategy<Value = (Record, Date)> {
    let after_leap_years = prop::sample::select(vec![2017, 2019, 2021, 2023, 2025, 2027, 2029, 2031]);
    prop_oneof![
        3 => (-3800i32..2200).prop_map(|shift| d("2026-11-28").add_days(shift)),
        1 => (after_leap_years, -3i32..=3).prop_map(|(y, k)| date((y, 3, 1)).add_days(k)),
    ]
    .prop_flat_map(|today| (arb_record(today), Just(today)))
}

/// A day offset around 0: mostly near the boundaries of a grant (yesterday, today, tomorrow).
fn arb_near() -> impl Strategy<Value = i32> {
    prop_oneof![-20i32..20, -1i32..=1]
}

/// A viewer of `record` on `today`; grants often name the record's own item, and are often
/// valid from, until or revoked on a day next to `today`.
fn arb_viewer(today: Date, record_item: String) -> impl Strategy<Value = Viewer> {
    let matter = prop::sample::select(Matter::ALL.to_vec());
    prop_oneof![
        1 => Just(Viewer::Public),
        1 => Just(Viewer::Subject { code: SUBJECT.into() }),
        1 => Just(Viewer::Subject { code: OTHER_SUBJECT.into() }),
        1 => Just(Viewer::Provider { department: PROVIDER.into() }),
        1 => Just(Viewer::Provider { department: "别的部门".into() }),
        1 => Just(Viewer::Admin { staff: "a".into(), permissions: Default::default() }),
        2 => matter.prop_map(|matter| Viewer::Agency { agency: "A".into(), matter, permissions: Default::default() }),
        3 => (
            prop::sample::subsequence(HAND_CATALOG.iter().map(|i| i.code).collect::<Vec<_>>(), 0..8),
            any::<bool>(),
            (arb_near(), arb_near()),
            prop::option::of(arb_near()),
            prop::bool::weighted(0.8)
        )
            .prop_map(move |(items, names_record_item, (from, until), revoked, own)| {
                let mut items: Vec<String> = items.into_iter().map(String::from).collect();
                if names_record_item {
                    items.push(record_item.clone());
                }
                Viewer::Authorized {
                    grant: Grant {
                        id: "G".into(),
                        subject_code: if own { SUBJECT.into() } else { OTHER_SUBJECT.into() },
                        grantee: "银行".into(),
                        items,
                        purpose: "贷款".into(),
                        valid_from: today.add_days(from.min(until)),
                        valid_until: today.add_days(from.max(until)),
                        revoked_on: revoked.map(|x| today.add_days(x)),
                    },
                }
            }),
    ]
}

fn arb_full() -> impl Strategy<Value = (Record, Date, Viewer)> {
    arb_case().prop_flat_map(|(record, today)| {
        let item = record.item_code.clone();
        (Just(record), Just(today), arb_viewer(today, item))
    })
}

fn agrees(decision: Decision, expected: &Expected) -> bool {
    match (decision, expected) {
        (Decision::Visible, Expected::Visible) => true,
        (Decision::Masked(masks), Expected::Masked) => masks == Masks::ALL,
        (Decision::Withheld(reason), Expected::Withheld(reasons)) => reasons.contains(&reason),
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    /// The crate's window (`query_window::publicity`) against the one computed by hand.
    #[test]
    fn art33_35_36_windows_match_the_hand_computed_window((record, today) in arb_case()) {
        let item = catalog::item(&record.item_code).unwrap();
        let served = publicity(item, &record.publicity, today);
        match hand_off_from(hand_item(&record.item_code), &record.publicity) {
            None => prop_assert_eq!(served, Publicity::Live { last_day: None }),
            Some((off, _)) if ymd(today) < off => {
                prop_assert_eq!(served, Publicity::Live { last_day: Some(date(previous_day(off))) });
            }
            Some((off, reasons)) => match served {
                Publicity::Ended { since, reason } => {
                    prop_assert_eq!(ymd(since), off);
                    prop_assert!(reasons.contains(&reason), "ended for {:?}, expected one of {:?}", reason, reasons);
                }
                live => prop_assert!(false, "served ({:?}) but off from {:?}", live, off),
            },
        }
        let earliest = earliest_repair(item, &record.publicity).map(ymd);
        prop_assert_eq!(earliest, hand_earliest_repair(hand_item(&record.item_code), &record.publicity));
    }

    #[test]
    fn art33_nothing_past_its_window_reaches_anyone_but_the_subject_its_provider_and_the_platform(
        (record, today, viewer) in arb_full()
    ) {
        let live = hand_live(hand_item(&record.item_code), &record.publicity, today);
        let decision = decide(&viewer, &record, today);
        if hand_sees_everything(&viewer, &record) {
            // Art. 31: the subject (and its provider, the platform) still see ended records.
            prop_assert_eq!(decision, Decision::Visible);
        } else if !live {
            prop_assert!(!decision.is_shown(), "{:?} saw an ended record: {:?}", viewer, decision);
        }
    }

    #[test]
    fn art16_non_public_items_reach_exactly_those_with_a_right_to_them((record, today, viewer) in arb_full()) {
        let item = hand_item(&record.item_code);
        if item.level == Public {
            return Ok(());
        }
        let live = hand_live(item, &record.publicity, today);
        let right = hand_sees_everything(&viewer, &record) || (live && hand_entitled(&viewer, &record, item, today));
        let shown = decide(&viewer, &record, today).is_shown();
        prop_assert_eq!(shown, right, "{:?} and non-public {} (live: {})", viewer, item.code, live);
    }

    /// Every decision, for every viewer, is the one the disclosure rules give, computed
    /// from the hand catalog and the hand window.
    #[test]
    fn decisions_are_the_ones_the_rules_give((record, today, viewer) in arb_full()) {
        let expected = hand_decision(&viewer, &record, today);
        let decision = decide(&viewer, &record, today);
        prop_assert!(agrees(decision, &expected), "{:?} on {}: decided {:?}, expected {:?}", viewer, today, decision, expected);
        if let (Viewer::Public, Decision::Masked(masks)) = (&viewer, decision) {
            prop_assert!(masks.person_names && masks.id_numbers, "a masked public view must mask names and IDs");
        }
    }

    /// Art. 4: what the public is shown of persons, against masks written by hand; and
    /// those who are shown records unmasked see the persons as held.
    #[test]
    fn art4_persons_are_shown_as_the_decision_says((record, today, viewer) in arb_full()) {
        let expected = hand_decision(&viewer, &record, today);
        let view = present_record(&viewer, &record, today);
        match (&expected, view) {
            (Expected::Withheld(_), None) => {}
            (Expected::Withheld(_), Some(_)) => prop_assert!(false, "withheld record presented"),
            (_, None) => prop_assert!(false, "shown record not presented"),
            (_, Some(view)) => {
                prop_assert_eq!(view.persons.len(), record.persons.len());
                for (shown, held) in view.persons.iter().zip(&record.persons) {
                    let (role, name, id, masked_name, masked_id) =
                        *PERSONS.iter().find(|p| p.1 == held.name).unwrap();
                    prop_assert_eq!(shown.role, role);
                    if expected == Expected::Masked {
                        prop_assert_eq!(shown.name.as_str(), masked_name);
                        prop_assert_eq!(shown.id_number.as_deref(), masked_id);
                    } else {
                        prop_assert_eq!(shown.name.as_str(), name);
                        prop_assert_eq!(shown.id_number.as_deref(), id);
                    }
                }
                prop_assert_eq!(view.masked, expected == Expected::Masked);
                if matches!(viewer, Viewer::Public) && record.subject_is_natural_person {
                    prop_assert!(hand_item(&record.item_code).public_list, "a natural person outside a public list");
                }
                // The view tells its window: the last day served (Art. 33), by the hand window.
                let off = hand_off_from(hand_item(&record.item_code), &record.publicity).map(|(x, _)| x);
                prop_assert_eq!(view.publicity_last_day, off.map(|x| date(previous_day(x))));
            }
        }
    }

    /// Issue 14: the profile, the measures and the records page decide on a record's digest
    /// (the edge's `record_digests`): the record without its document number, title,
    /// content, legal basis and persons. Those decide how a shown record is masked, never
    /// whether it is shown, so the digest is shown exactly when the hand rules show the
    /// record, with the same class, window and objection mark.
    #[test]
    fn issue14_a_digest_is_shown_exactly_when_its_record_is((record, today, viewer) in arb_full()) {
        let mut digest = record.clone();
        digest.document_number.clear();
        digest.title.clear();
        digest.content.clear();
        digest.legal_basis.clear();
        digest.persons.clear();
        let shown = !matches!(hand_decision(&viewer, &record, today), Expected::Withheld(_));
        prop_assert_eq!(decide(&viewer, &digest, today).is_shown(), shown, "{:?}", viewer);
        if let Some(view) = present_record(&viewer, &digest, today) {
            let off = hand_off_from(hand_item(&record.item_code), &record.publicity).map(|(x, _)| x);
            prop_assert_eq!(view.publicity_last_day, off.map(|x| date(previous_day(x))));
            prop_assert_eq!(view.under_objection, record.under_objection);
            prop_assert_eq!(view.item_code, record.item_code);
        }
    }

    /// Art. 34: an objection is marked (异议标注) while it is handled; it neither hides the
    /// record nor shows more of it, and every view of the record carries the mark.
    #[test]
    fn art34_an_objection_marks_the_record_and_changes_nothing_else((record, today, viewer) in arb_full()) {
        let mut objected = record.clone();
        objected.under_objection = true;
        let mut clear = record.clone();
        clear.under_objection = false;
        let expected = hand_decision(&viewer, &record, today);
        prop_assert!(agrees(decide(&viewer, &objected, today), &expected));
        prop_assert!(agrees(decide(&viewer, &clear, today), &expected));
        if !matches!(expected, Expected::Withheld(_)) {
            prop_assert!(present_record(&viewer, &objected, today).unwrap().under_objection, "mark lost");
            prop_assert!(!present_record(&viewer, &clear, today).unwrap().under_objection, "mark invented");
        }
    }
}

// ---- Examples worked by hand ----------------------------------------------------------------

fn organisation_record(item: &str, facts: PublicityFacts) -> Record {
    Record {
        id: 7,
        subject_code: SUBJECT.into(),
        subject_is_natural_person: false,
        item_code: item.into(),
        document_number: "筑市监罚〔2024〕1号".into(),
        title: "t".into(),
        content: "c".into(),
        provider_department: PROVIDER.into(),
        legal_basis: "b".into(),
        publicity: facts,
        persons: vec![],
        under_objection: false,
    }
}

fn facts(decided: &str, ended: Option<&str>) -> PublicityFacts {
    PublicityFacts { decision_date: Some(d(decided)), act_end_date: ended.map(d), ..PublicityFacts::default() }
}

/// Asserts that `record` is served to the public through `last` and not from `off`, for
/// `reason` — by the crate and by the hand window (which the examples thus also check).
fn assert_public_window(record: &Record, last: &str, off: &str, reason: EndReason) {
    let item = catalog::item(&record.item_code).unwrap();
    assert_eq!(
        hand_off_from(hand_item(&record.item_code), &record.publicity),
        Some((ymd(d(off)), vec![reason])),
        "hand window of {}",
        record.item_code
    );
    assert_eq!(publicity(item, &record.publicity, d(last)), Publicity::Live { last_day: Some(d(last)) });
    assert_eq!(publicity(item, &record.publicity, d(off)), Publicity::Ended { since: d(off), reason });
    assert_eq!(decide(&Viewer::Public, record, d(last)), Decision::Visible, "{} on its last day", record.item_code);
    assert_eq!(decide(&Viewer::Public, record, d(off)), Decision::Withheld(Withheld::NotLive));
    // Art. 31: the subject itself still sees it.
    assert_eq!(decide(&Viewer::Subject { code: SUBJECT.into() }, record, d(off)), Decision::Visible);
}

#[test]
fn art33_three_years_from_the_end_of_the_act_29_february_falls_back_to_28_february() {
    // Art. 33 ¶2: counted from the day the breach ended, 2024-02-29. The period begins
    // 2024-03-01 and ends on the corresponding day of 2027, which has no 29 February: its
    // last day is the month's last, 2027-02-28 (Civil Code Art. 202). Not provided from
    // 2027-03-01. The decision of 2023 plays no part.
    let record = organisation_record("CMT-BREACH", facts("2023-06-01", Some("2024-02-29")));
    assert_public_window(&record, "2027-02-28", "2027-03-01", EndReason::Expired);
}

#[test]
fn art33_counts_from_the_end_of_the_act_not_from_the_decision() {
    // Decided 2019-04-10, but the coercive measure only ended 2023-08-31: 2023-08-31 +
    // 3 years is 2026-08-31, the last day served; off from 2026-09-01.
    let record = organisation_record("COE-MEASURE", facts("2019-04-10", Some("2023-08-31")));
    assert_public_window(&record, "2026-08-31", "2026-09-01", EndReason::Expired);
    // An act the provider says goes on has no end date: its window has not started.
    let mut ongoing = organisation_record("COE-MEASURE", facts("2019-04-10", None));
    ongoing.publicity.act_continuing = true;
    assert_eq!(decide(&Viewer::Public, &ongoing, d("2032-01-01")), Decision::Visible);
    // A record that never said (older data) counts from its decision: 2019-04-10 + 3 years
    // = 2022-04-10 is its last day.
    let unsaid = organisation_record("COE-MEASURE", facts("2019-04-10", None));
    assert_public_window(&unsaid, "2022-04-10", "2022-04-11", EndReason::Expired);
}

#[test]
fn penalties_end_at_three_years_from_the_decision_or_art33_whichever_first() {
    // PEN-GENERAL decided 2024-03-15; the act ended 2024-01-20. Publicity: through
    // 2024-03-15 + 3 y = 2027-03-15. Art. 33: through 2024-01-20 + 3 y = 2027-01-20.
    // The earlier, 2027-01-20, is the last day; off from 2027-01-21.
    let record = organisation_record("PEN-GENERAL", facts("2024-03-15", Some("2024-01-20")));
    assert_public_window(&record, "2027-01-20", "2027-01-21", EndReason::Expired);
    // The act goes on: only the publicity limit, through 2027-03-15, off from 2027-03-16.
    let ongoing = organisation_record("PEN-GENERAL", facts("2024-03-15", None));
    assert_public_window(&ongoing, "2027-03-15", "2027-03-16", EndReason::Expired);
}

#[test]
fn order58_repair_is_accepted_after_the_item_minimum_and_ends_publicity_on_receipt() {
    // PEN-GENERAL (minimum 3 months) decided 2025-08-31: 2025-08-31 + 3 months is
    // "2025-11-31", which does not exist: the month's last day, 2025-11-30, ends the
    // minimum (Civil Code Art. 202); a proof can be accepted from 2025-12-01. A warning and
    // a fine change nothing: no published rule sets a minimum per penalty type.
    let mut f = facts("2025-08-31", None);
    f.penalty_types = vec![PenaltyType::Warning, PenaltyType::Fine, PenaltyType::LicenceAction];
    let general = catalog::item("PEN-GENERAL").unwrap();
    assert_eq!(earliest_repair(general, &f), Some(d("2025-12-01")));
    assert_eq!(hand_earliest_repair(hand_item("PEN-GENERAL"), &f), Some((2025, 12, 1)));
    // Proof received that day: off from 2025-12-01 (Art. 35's three working days are the
    // platform's limit, not a grace period), last day served 2025-11-30.
    f.withdrawal = Some((Ground::Repair, d("2025-12-01")));
    assert_public_window(&organisation_record("PEN-GENERAL", f), "2025-11-30", "2025-12-01", EndReason::Repaired);
    // PEN-SAFETY (minimum 12 months) decided 2024-02-29: 2024-02-29 + 12 months is
    // 2025-02-28 (no 29th); accepted from 2025-03-01.
    let safety = catalog::item("PEN-SAFETY").unwrap();
    assert_eq!(earliest_repair(safety, &facts("2024-02-29", None)), Some(d("2025-03-01")));
    // Not a penalty: no minimum.
    assert_eq!(earliest_repair(catalog::item("CMT-BREACH").unwrap(), &facts("2024-02-29", None)), None);
}

#[test]
fn art36_a_revoked_penalty_is_withdrawn_on_receipt_whatever_its_minimum() {
    // PEN-SAFETY decided 2026-01-10 (12 months minimum); revocation notice received
    // 2026-03-02: off from 2026-03-02, last day 2026-03-01.
    let mut f = facts("2026-01-10", None);
    f.penalty_types = vec![PenaltyType::LicenceAction];
    f.withdrawal = Some((Ground::Revocation, d("2026-03-02")));
    assert_public_window(&organisation_record("PEN-SAFETY", f), "2026-03-01", "2026-03-02", EndReason::Revoked);
}

#[test]
fn validity_and_lists_end_at_their_own_end_or_their_period() {
    // LIC-PERMIT (5 years) decided 2021-11-28 without an end of validity: through
    // 2026-11-28, off from 2026-11-29.
    let licence = organisation_record("LIC-PERMIT", facts("2021-11-28", None));
    assert_public_window(&licence, "2026-11-28", "2026-11-29", EndReason::Lapsed);
    // LST-RED (3 years) listed 2024-02-29: through 2027-02-28, off from 2027-03-01.
    let red = organisation_record("LST-RED", facts("2024-02-29", None));
    assert_public_window(&red, "2027-02-28", "2027-03-01", EndReason::Lapsed);
    // The same entry, removed because the subject became dishonest on 2026-10-24 (catalog:
    // 「发生失信行为……立即移出」): last day 2026-10-23.
    let mut removed = red.clone();
    removed.publicity.list_removed_on = Some(d("2026-10-24"));
    assert_public_window(&removed, "2026-10-23", "2026-10-24", EndReason::RemovedForDishonesty);
    // LST-SERIOUS listed 2025-03-10 (term through 2028-03-10) for an act that ended
    // 2023-01-31: Art. 33's window closes first, through 2026-01-31; off from 2026-02-01.
    let serious = organisation_record("LST-SERIOUS", facts("2025-03-10", Some("2023-01-31")));
    assert_public_window(&serious, "2026-01-31", "2026-02-01", EndReason::Expired);
    // Removed from the list 2025-06-30 (act continuing): that is its last day.
    let mut f = facts("2025-03-10", None);
    f.act_continuing = true;
    f.valid_until = Some(d("2025-06-30"));
    assert_public_window(&organisation_record("LST-SERIOUS", f), "2025-06-30", "2025-07-01", EndReason::Lapsed);
}

#[test]
fn spc_rule_judgment_debtors_are_served_until_performance_or_the_inclusion_period() {
    // 法释〔2017〕7号 Art. 10, to which Art. 33 defers: listed 2020-06-01, paid in full on
    // 2024-02-29: not served from that day; the last day is 2024-02-28.
    let paid = organisation_record("JUD-NONFULFILMENT", facts("2020-06-01", Some("2024-02-29")));
    assert_public_window(&paid, "2024-02-28", "2024-02-29", EndReason::Performed);
    // Still refusing: served, with no end in sight.
    let mut refusing = organisation_record("JUD-NONFULFILMENT", facts("2020-06-01", None));
    refusing.publicity.act_continuing = true;
    assert_eq!(decide(&Viewer::Public, &refusing, d("2032-06-01")), Decision::Visible);
    // Included for a period ending 2026-05-31: its last day.
    let mut period = refusing.clone();
    period.publicity.valid_until = Some(d("2026-05-31"));
    assert_public_window(&period, "2026-05-31", "2026-06-01", EndReason::Lapsed);
    // Never said how the act stands: the Art. 33 default from the decision, 2023-06-01.
    let unsaid = organisation_record("JUD-NONFULFILMENT", facts("2020-06-01", None));
    assert_public_window(&unsaid, "2023-06-01", "2023-06-02", EndReason::Expired);
}

#[test]
fn art16_authorized_and_government_items_by_viewer() {
    let today = d("2026-11-28");
    let agency = |matter| Viewer::Agency { agency: "A".into(), matter, permissions: Default::default() };
    let grant = |items: &[&str], until: &str, revoked: Option<&str>| Viewer::Authorized {
        grant: Grant {
            id: "G".into(),
            subject_code: SUBJECT.into(),
            grantee: "银行".into(),
            items: items.iter().map(|c| c.to_string()).collect(),
            purpose: "贷款".into(),
            valid_from: d("2026-11-01"),
            valid_until: d(until),
            revoked_on: revoked.map(d),
        },
    };
    // Social insurance arrears (authorized; catalog: licensing, procurement, bidding,
    // funding, commendation), ended 2025-06-30: live through 2028-06-30.
    let arrears = organisation_record("LEVY-SOCIAL-INSURANCE-ARREARS", facts("2025-03-01", Some("2025-06-30")));
    assert_eq!(decide(&Viewer::Public, &arrears, today), Decision::Withheld(Withheld::NotPublic));
    assert_eq!(decide(&agency(Matter::GovernmentProcurement), &arrears, today), Decision::Visible);
    assert_eq!(decide(&agency(Matter::LandTransfer), &arrears, today), Decision::Withheld(Withheld::NotPublic));
    let code = "LEVY-SOCIAL-INSURANCE-ARREARS";
    assert_eq!(decide(&grant(&[code], "2026-12-31", None), &arrears, today), Decision::Visible);
    // Revoked today: not valid from that day on. Expired yesterday. Another item named.
    let revoked = grant(&[code], "2026-12-31", Some("2026-11-28"));
    assert_eq!(decide(&revoked, &arrears, today), Decision::Withheld(Withheld::NotPublic));
    assert_eq!(decide(&grant(&[code], "2026-11-27", None), &arrears, today), Decision::Withheld(Withheld::NotPublic));
    assert!(!decide(&grant(&["BEN-PAYMENT"], "2026-12-31", None), &arrears, today).is_shown());
    // Past its window (2028-07-01 on) even the grant holder and the agency get nothing;
    // the subject still does (Art. 31).
    let later = d("2028-07-01");
    assert!(!decide(&grant(&[code], "2028-12-31", None), &arrears, later).is_shown());
    assert_eq!(decide(&agency(Matter::FundingSupport), &arrears, later), Decision::Withheld(Withheld::NotLive));
    assert_eq!(decide(&Viewer::Subject { code: SUBJECT.into() }, &arrears, later), Decision::Visible);

    // Supervisory grade (government; licensing, inspection, daily management), valid 1 year.
    let grade = organisation_record("INS-SUPERVISION-GRADE", facts("2026-06-01", None));
    let grade_code = "INS-SUPERVISION-GRADE";
    assert_eq!(
        decide(&grant(&[grade_code], "2026-12-31", None), &grade, today),
        Decision::Withheld(Withheld::NotPublic)
    );
    assert_eq!(decide(&agency(Matter::DailyManagement), &grade, today), Decision::Visible);
    assert_eq!(decide(&agency(Matter::FundingSupport), &grade, today), Decision::Withheld(Withheld::NotPublic));
    assert_eq!(decide(&Viewer::Subject { code: SUBJECT.into() }, &grade, today), Decision::Visible);
    assert!(!decide(&Viewer::Subject { code: OTHER_SUBJECT.into() }, &grade, today).is_shown());
}

#[test]
fn art4_natural_persons_reach_the_public_only_on_a_public_list_and_masked() {
    let today = d("2026-11-28");
    let person =
        Person { role: PersonRole::Subject, name: "欧阳修文".into(), id_number: Some("520102198709086419".into()) };
    // A dishonest judgment debtor (Art. 12 (3)) whose act goes on: public, masked.
    let mut debtor = organisation_record("JUD-NONFULFILMENT", facts("2025-01-01", None));
    debtor.publicity.act_continuing = true;
    debtor.subject_is_natural_person = true;
    debtor.persons = vec![person.clone()];
    assert_eq!(decide(&Viewer::Public, &debtor, today), Decision::Masked(Masks::ALL));
    let view = present_record(&Viewer::Public, &debtor, today).unwrap();
    assert_eq!(view.persons[0].name, "欧阳*");
    assert_eq!(view.persons[0].id_number.as_deref(), Some("520102************"));
    assert!(view.masked);
    // A penalty of a natural person: no public list names it, the public gets nothing;
    // an agency for its matter sees it, unmasked.
    let mut fined = organisation_record("PEN-GENERAL", facts("2026-01-01", None));
    fined.subject_is_natural_person = true;
    fined.persons = vec![person];
    assert_eq!(decide(&Viewer::Public, &fined, today), Decision::Withheld(Withheld::PersonalInformation));
    let agency =
        Viewer::Agency { agency: "A".into(), matter: Matter::AdministrativeLicensing, permissions: Default::default() };
    let view = present_record(&agency, &fined, today).unwrap();
    assert_eq!(view.persons[0].name, "欧阳修文");
    assert!(!view.masked);
    // An organisation with no persons recorded: nothing to mask.
    let plain = organisation_record("PEN-GENERAL", facts("2026-01-01", None));
    assert_eq!(decide(&Viewer::Public, &plain, today), Decision::Visible);
}

#[test]
fn art34_an_objected_record_is_still_served_and_marked() {
    // Art. 34 ¶2: the platform marks the objection within a working day and decides on
    // it; the record is not withdrawn meanwhile.
    let mut record = organisation_record("PEN-GENERAL", facts("2026-06-01", None));
    record.under_objection = true;
    let today = d("2026-11-28");
    assert_eq!(decide(&Viewer::Public, &record, today), Decision::Visible);
    assert!(present_record(&Viewer::Public, &record, today).unwrap().under_objection);
}

#[test]
fn the_generators_reach_every_item_and_both_sides_of_the_window() {
    // Not a property of the crate: a check that the properties above are not vacuous.
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = arb_case();
    let (mut items, mut live, mut ended, mut withdrawn) = (BTreeSet::new(), 0, 0, 0);
    for _ in 0..4000 {
        let (record, today) = strategy.new_tree(&mut runner).unwrap().current();
        items.insert(record.item_code.clone());
        match hand_off_from(hand_item(&record.item_code), &record.publicity) {
            Some((off, why)) if ymd(today) >= off => {
                ended += 1;
                if why.contains(&EndReason::Repaired) || why.contains(&EndReason::Revoked) {
                    withdrawn += 1;
                }
            }
            _ => live += 1,
        }
    }
    assert_eq!(items.len(), HAND_CATALOG.len());
    assert!(live > 400 && ended > 400 && withdrawn > 100, "live {live}, ended {ended}, withdrawn {withdrawn}");
}
