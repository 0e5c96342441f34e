//! Disclosure and query permission — 信用信息披露与查询 (Art. 4, 14, 16, 17, 19, 20, 31, 33).
//!
//! One function, [`decide`], answers for every record and every viewer whether it may be
//! shown today, shown masked, or withheld and why. Everything that leaves the edge passes
//! through it: records via [`present_record`], the subject itself via [`present_subject`]
//! (the profile) and [`present_summary`] (a search result), which return the finished,
//! masked views, so no adapter decides disclosure or applies a mask itself.
//!
//! Before the rules below, the staff member's own query permissions (Art. 19 (二)) that
//! platform and agency viewers carry ([`Viewer::permissions`]): a record of a class beyond
//! them is withheld from that viewer whatever the rules would show — public records
//! included, since querying beyond one's permissions is forbidden (Art. 20 (一)).
//!
//! The rules, in order:
//! 1. **Administrators** of the platform see everything, including ended records (their
//!    queries are audited, Art. 19–20).
//! 2. **Providers** see the records they provided (Art. 11–12), ended or not; other
//!    records as the public does.
//! 3. **The subject itself** sees all its own records, including non-public and ended ones,
//!    unmasked (Art. 16 ¶1, Art. 31: the right to know what is held and its source).
//! 4. **A holder of the subject's written authorization** (Art. 16 ¶3) sees, while the grant
//!    is valid and not revoked, the catalog items it names, unmasked, within their window.
//! 5. **An agency** querying for an Art. 17 matter sees, within their window, the items
//!    published for that matter (Art. 16 ¶2), unmasked.
//! 6. **The public** sees public items within their window (Art. 14, 33); natural persons
//!    only where a public list names them, and their identifiers masked (Art. 4); persons
//!    recorded with an organisation (Art. 26) masked the same way.
//!
//! Whoever falls through a more specific rule is treated by the next general one: a
//! subject looking at another subject is the public; an agency outside its matters still
//! sees what the public sees.

use crate::catalog::{self, CatalogItem, Class, DisclosureLevel};
use crate::date::Date;
use crate::error::ApiError;
use crate::masking::{mask_id_number, mask_name};
use crate::matter::Matter;
use crate::permissions::StaffPermissions;
use crate::query_window::{self, Publicity};
use crate::record::Record;
use crate::search_terms::normalize_name;
use crate::views::{PersonView, RecordView, SubjectInfo, SubjectSummary};
use serde::{Deserialize, Serialize};

/// A written authorization by a subject to a third party (Art. 16 ¶3).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Grant {
    /// Grant number.
    pub id: String,
    /// The public code of the subject who authorised.
    pub subject_code: String,
    /// The party authorised (e.g. a bank).
    pub grantee: String,
    /// Catalog item codes the grant covers.
    pub items: Vec<String>,
    /// Purpose stated in the authorization.
    pub purpose: String,
    /// First valid day.
    pub valid_from: Date,
    /// Last valid day.
    pub valid_until: Date,
    /// Day the subject revoked it, if it did; not valid from that day on.
    pub revoked_on: Option<Date>,
}

impl Grant {
    /// Whether the grant may be used on `today`.
    pub fn is_valid_on(&self, today: Date) -> bool {
        self.valid_from <= today && today <= self.valid_until && self.revoked_on.is_none_or(|r| today < r)
    }
}

/// Who is asking. Adapters build it from a verified token; no token is [`Viewer::Public`].
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "role")]
pub enum Viewer {
    /// Anyone, anonymous.
    Public,
    /// The credit subject itself, bound to its public code.
    Subject {
        /// The subject's public code.
        code: String,
    },
    /// A party holding a subject's written authorization.
    Authorized {
        /// The grant it presents.
        grant: Grant,
    },
    /// A government agency querying for one of its published matters (Art. 17).
    Agency {
        /// Agency identifier.
        agency: String,
        /// The matter of this query.
        matter: Matter,
        /// The querying staff member's own permissions (Art. 19 (二)): the agency lays them
        /// down for each of its staff, and [`decide`] withholds the classes beyond them.
        #[serde(default, skip_serializing_if = "StaffPermissions::is_unrestricted")]
        permissions: StaffPermissions,
    },
    /// A data-providing department (Art. 11–12).
    Provider {
        /// Department identifier.
        department: String,
    },
    /// Platform staff.
    Admin {
        /// Staff member.
        staff: String,
        /// The staff member's own permissions (Art. 19 (二)): the platform lays them down
        /// for each of its staff, and [`decide`] withholds the classes beyond them.
        #[serde(default, skip_serializing_if = "StaffPermissions::is_unrestricted")]
        permissions: StaffPermissions,
    },
}

impl Viewer {
    /// The role's wire name, as recorded in the audit log.
    pub fn role(&self) -> &'static str {
        match self {
            Viewer::Public => "public",
            Viewer::Subject { .. } => "subject",
            Viewer::Authorized { .. } => "authorized",
            Viewer::Agency { .. } => "agency",
            Viewer::Provider { .. } => "provider",
            Viewer::Admin { .. } => "admin",
        }
    }

    /// Whether queries by this viewer go beyond the public level and must be audited
    /// (Art. 19–20, 31).
    pub fn is_audited(&self) -> bool {
        !matches!(self, Viewer::Public)
    }

    /// The staff member's own query permissions (Art. 19 (二)), for the viewers that act
    /// through staff of a unit Art. 19 obliges — the platform and the agencies; `None` for
    /// the others, whose tokens may not narrow classes (`identity::Claims::viewer`).
    pub fn permissions(&self) -> Option<&StaffPermissions> {
        match self {
            Viewer::Admin { permissions, .. } | Viewer::Agency { permissions, .. } => Some(permissions),
            Viewer::Public | Viewer::Subject { .. } | Viewer::Authorized { .. } | Viewer::Provider { .. } => None,
        }
    }

    /// Whether the viewer's own permissions let it query records of `class`: querying
    /// beyond them is forbidden (Art. 19 (二), 20 (一)).
    pub fn may_query_class(&self, class: Class) -> bool {
        self.permissions().is_none_or(|p| p.allows_class(class))
    }
}

/// Why a record is not shown.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Withheld {
    /// The record's catalog item is unknown: serve nothing unknown (Art. 10).
    UnknownItem,
    /// The item is not public and the viewer has no right to it (Art. 16 ¶3).
    NotPublic,
    /// The record is past its window or withdrawn (Art. 33, 35, 36).
    NotLive,
    /// A natural person's information that no public list makes public (Art. 4).
    PersonalInformation,
    /// The record's class is beyond the querying staff member's own permissions
    /// (Art. 19 (二), 20 (一)).
    BeyondPermissions,
}

/// Which identifiers a shown record carries masked.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default, Serialize, Deserialize)]
pub struct Masks {
    /// Names of natural persons: surname + `*`.
    pub person_names: bool,
    /// Resident ID numbers: the first 6 + `************` (`masking::mask_id_number`).
    pub id_numbers: bool,
}

impl Masks {
    /// Mask every personal identifier.
    pub const ALL: Masks = Masks { person_names: true, id_numbers: true };

    fn name(self, name: &str) -> String {
        if self.person_names {
            mask_name(name)
        } else {
            name.to_string()
        }
    }

    fn id_number(self, id: &str) -> String {
        if self.id_numbers {
            mask_id_number(id)
        } else {
            id.to_string()
        }
    }
}

/// The decision for one record and one viewer on one day.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Shown as held.
    Visible,
    /// Shown with these identifiers masked.
    Masked(Masks),
    /// Not shown.
    Withheld(Withheld),
}

impl Decision {
    /// Whether anything is shown.
    pub fn is_shown(self) -> bool {
        !matches!(self, Decision::Withheld(_))
    }
}

/// Classes in which a natural person may appear to the public: the public lists
/// (serious dishonesty list, Art. 25; dishonest judgment debtors, Art. 12 (3)).
pub fn is_public_list_class(class: Class) -> bool {
    matches!(class, Class::SeriousDishonestyList | Class::NonFulfilment)
}

/// Decide what `viewer` may see of `record` on `today` (Asia/Shanghai).
pub fn decide(viewer: &Viewer, record: &Record, today: Date) -> Decision {
    let Some(item) = catalog::item(&record.item_code) else {
        return Decision::Withheld(Withheld::UnknownItem);
    };
    // Art. 20 (一): beyond the staff member's own permissions nothing is queried, not even
    // what the public may see — the query is the staff member's, made under them.
    if !viewer.may_query_class(item.class) {
        return Decision::Withheld(Withheld::BeyondPermissions);
    }
    let live = query_window::publicity(item, &record.publicity, today).is_live();
    match viewer {
        Viewer::Admin { .. } => return Decision::Visible,
        Viewer::Provider { department } if *department == record.provider_department => return Decision::Visible,
        Viewer::Subject { code } if *code == record.subject_code => return Decision::Visible,
        Viewer::Authorized { grant }
            if grant.subject_code == record.subject_code
                && grant.is_valid_on(today)
                && grant.items.iter().any(|code| code == item.code)
                && item.disclosure != DisclosureLevel::Government =>
        {
            return if live { Decision::Visible } else { Decision::Withheld(Withheld::NotLive) };
        }
        Viewer::Agency { matter, .. } if item.agency_matters.allows(*matter) => {
            return if live { Decision::Visible } else { Decision::Withheld(Withheld::NotLive) };
        }
        _ => {}
    }
    public_decision(item, record, live)
}

fn public_decision(item: &CatalogItem, record: &Record, live: bool) -> Decision {
    if item.disclosure != DisclosureLevel::Public {
        return Decision::Withheld(Withheld::NotPublic);
    }
    if !live {
        return Decision::Withheld(Withheld::NotLive);
    }
    if record.subject_is_natural_person {
        if !is_public_list_class(item.class) {
            return Decision::Withheld(Withheld::PersonalInformation);
        }
        return Decision::Masked(Masks::ALL);
    }
    if record.persons.is_empty() {
        Decision::Visible
    } else {
        Decision::Masked(Masks::ALL)
    }
}

/// The record as `viewer` may see it on `today`, masked as decided; `None` when withheld.
pub fn present_record(viewer: &Viewer, record: &Record, today: Date) -> Option<RecordView> {
    let masks = match decide(viewer, record, today) {
        Decision::Visible => Masks::default(),
        Decision::Masked(masks) => masks,
        Decision::Withheld(_) => return None,
    };
    let item = catalog::item(&record.item_code)?;
    let publicity = query_window::publicity(item, &record.publicity, today);
    let persons = record
        .persons
        .iter()
        .map(|p| PersonView {
            role: p.role,
            name: masks.name(&p.name),
            id_number: p.id_number.as_deref().map(|id| masks.id_number(id)),
        })
        .collect();
    Some(RecordView {
        id: record.id,
        item_code: item.code.to_string(),
        item_name_zh: item.name_zh.to_string(),
        item_name_en: item.name_en.to_string(),
        class: item.class,
        polarity: item.polarity,
        disclosure: item.disclosure,
        document_number: record.document_number.clone(),
        title: record.title.clone(),
        content: record.content.clone(),
        provider_department: record.provider_department.clone(),
        legal_basis: record.legal_basis.clone(),
        decision_date: record.publicity.decision_date,
        act_end_date: record.publicity.act_end_date,
        act_continuing: record.publicity.act_continuing,
        publicity_last_day: publicity.last_day(),
        publicity,
        persons,
        under_objection: record.under_objection,
        masked: masks != Masks::default(),
    })
}

/// What is held about a subject: its registration information and the lists that name it,
/// from which [`present_subject`] and [`present_summary`] make the views a viewer may see.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct SubjectFacts {
    /// Public code.
    pub code: String,
    /// Name as registered.
    pub name: String,
    /// Subject type wire name (`enterprise`, `natural_person`…).
    pub subject_type: String,
    /// Whether it is a natural person.
    pub natural_person: bool,
    /// Legacy registration number.
    pub registration_number: Option<String>,
    /// Six-digit region code.
    pub region: String,
    /// Legal representative or operator.
    pub legal_representative: Option<String>,
    /// Resident ID number of a natural person.
    pub id_number: Option<String>,
    /// Date of establishment.
    pub established: Option<Date>,
    /// Registered address (for a natural person, where the person lives).
    pub address: Option<String>,
    /// Registering authority.
    pub registration_authority: Option<String>,
    /// Until when lists name it, as stored with the subject ([`list_standing`]); for natural
    /// persons a public list is the only way into public view (Art. 4).
    pub lists: ListStanding,
}

/// The subject's registration information as `viewer` may see it on `today`; `None` when
/// the viewer may not know of the subject at all (a natural person on no public list).
///
/// - Platform staff, the subject itself (Art. 16 ¶1) and the holder of its valid written
///   authorization (Art. 16 ¶3) see it as registered.
/// - An agency sees it as registered only where a record of the subject is shown to it for
///   its matter ([`shown_for_matter`]): Art. 16 ¶2 opens to agencies what is published for
///   their matters, not every person's registration. `records` are the subject's records
///   as held (the adapter loads them when [`needs_records`] says so); in a search, which
///   reads none, an agency sees what the public sees.
/// - Everyone else sees an organisation as registered (Art. 14) but for the natural persons
///   in it — the legal representative's name, any ID number — masked (Art. 4); and a
///   natural person only while a public list names it (Art. 4, 25), its name and ID number
///   masked and its address left out: the list makes public that the person is listed, not
///   where the person lives, which stays personal information Art. 4 forbids to make public.
pub fn present_subject(
    viewer: &Viewer,
    subject: &SubjectFacts,
    records: &[Record],
    today: Date,
) -> Option<SubjectInfo> {
    let masks = subject_masks(viewer, subject, records, today)?;
    let natural_person = subject.natural_person;
    Some(SubjectInfo {
        code: subject.code.clone(),
        // An organisation's name is public information about it (Art. 14), never masked.
        name: if natural_person { masks.name(&subject.name) } else { subject.name.clone() },
        subject_type: subject.subject_type.clone(),
        natural_person,
        registration_number: subject.registration_number.clone(),
        region: subject.region.clone(),
        legal_representative: subject.legal_representative.as_deref().map(|name| masks.name(name)),
        id_number: subject.id_number.as_deref().map(|id| masks.id_number(id)),
        established: subject.established,
        address: if natural_person && masks.person_names { None } else { subject.address.clone() },
        registration_authority: subject.registration_authority.clone(),
    })
}

/// The subject as a search result for `viewer` on `today`: code, name, type and region as
/// [`present_subject`] shows them, and whether a red list (Art. 23) or the serious
/// dishonesty list (Art. 25) names it today, where the viewer may query that class; `None` where [`present_subject`] is, with
/// the `records` it is given.
pub fn present_summary(
    viewer: &Viewer,
    subject: &SubjectFacts,
    records: &[Record],
    today: Date,
) -> Option<SubjectSummary> {
    let shown = present_subject(viewer, subject, records, today)?;
    Some(SubjectSummary {
        code: shown.code,
        name: shown.name,
        subject_type: shown.subject_type,
        region: shown.region,
        // Within the staff member's own permissions, like the lists' records (Art. 19 (二)).
        red_list: viewer.may_query_class(Class::RedList) && subject.lists.on_red_list(today),
        serious_dishonesty: viewer.may_query_class(Class::SeriousDishonestyList)
            && subject.lists.on_serious_list(today),
    })
}

/// The parts of the name index a search reads (Art. 4, 18). A search answers not only with
/// its items but with a total and pages, so an index that held every subject would tell
/// the public, by its counts, of natural persons it may not know of. The index is kept in
/// two parts: the public part holds what [`in_public_index`] admits, the private part every
/// natural person.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum NameIndex {
    /// The public part only.
    Public,
    /// Both parts, merged.
    All,
}

/// The index parts a name search by `viewer` reads: both only for platform staff, who may
/// know of every subject (Art. 19). Everyone else, an agency included, searches what the
/// public may know of (an agency's privileges come from records for its matter, which a
/// search does not read: see [`present_subject`]); every result is still presented with
/// [`present_summary`], and counted only if shown.
pub fn name_index(viewer: &Viewer) -> NameIndex {
    match viewer {
        Viewer::Admin { .. } => NameIndex::All,
        _ => NameIndex::Public,
    }
}

/// Whether a subject belongs in the public part of the name index: an organisation always
/// (Art. 14); a natural person once a public list has named it (Art. 4, 25), `lists` being
/// its standing as stored. A person stays there when the list ends (the part is only ever
/// added to); [`present_summary`] hides it from then on, so the part is a superset of what
/// the public may see, never a subset.
pub fn in_public_index(natural_person: bool, lists: &ListStanding) -> bool {
    !natural_person || lists.public_list_until.is_some()
}

/// A search by resident ID number (Art. 4): the ID names one person, so an exact-ID lookup
/// that answered "held" or "not held" would let anyone test candidate numbers against a
/// masked one. Everyone but the subject itself must give the person's name with the ID
/// (`name`), and is answered only where both match ([`id_search_finds`]); a name that does
/// not match looks exactly like an ID that is not held.
pub fn check_id_search(viewer: &Viewer, name: Option<&str>) -> Result<(), ApiError> {
    if matches!(viewer, Viewer::Subject { .. }) || name.is_some_and(|n| !normalize_name(n).is_empty()) {
        return Ok(());
    }
    Err(ApiError::invalid_parameter(
        "name",
        "按身份证号码查询须同时填写姓名（第四条）",
        "a search by resident ID number must also give the person's name (Art. 4)",
    ))
}

/// Whether an ID search ([`check_id_search`]) by `viewer` with `name` finds `subject`, whose
/// ID matched: the subject itself finds itself; anyone else only with the name as
/// registered (folded as the search index folds names: full-width, spaces).
pub fn id_search_finds(viewer: &Viewer, subject: &SubjectFacts, name: Option<&str>) -> bool {
    if let Viewer::Subject { code } = viewer {
        if *code == subject.code {
            return true;
        }
    }
    name.is_some_and(|n| {
        let n = normalize_name(n);
        !n.is_empty() && n == normalize_name(&subject.name)
    })
}

/// Whether [`present_subject`] needs the subject's records for `viewer`: only an agency's
/// view of a subject depends on them.
pub fn needs_records(viewer: &Viewer) -> bool {
    matches!(viewer, Viewer::Agency { .. })
}

/// Whether `record` is shown to an agency because of its `matter` (Art. 16 ¶2, 17): its
/// item is published for the matter, within the staff member's permissions (Art. 19 (二)),
/// and live today (Art. 33) — not merely because the public may see it too.
pub fn shown_for_matter(viewer: &Viewer, matter: Matter, record: &Record, today: Date) -> bool {
    catalog::item(&record.item_code).is_some_and(|item| {
        item.agency_matters.allows(matter)
            && viewer.may_query_class(item.class)
            && query_window::publicity(item, &record.publicity, today).is_live()
    })
}

/// Which identifiers of the subject `viewer` sees masked, or `None` if it may not know of
/// the subject (see [`present_subject`]).
fn subject_masks(viewer: &Viewer, subject: &SubjectFacts, records: &[Record], today: Date) -> Option<Masks> {
    let privileged = match viewer {
        Viewer::Admin { .. } => true,
        Viewer::Agency { matter, .. } => records
            .iter()
            .any(|record| record.subject_code == subject.code && shown_for_matter(viewer, *matter, record, today)),
        Viewer::Subject { code } => *code == subject.code,
        Viewer::Authorized { grant } => grant.subject_code == subject.code && grant.is_valid_on(today),
        Viewer::Public | Viewer::Provider { .. } => false,
    };
    if privileged {
        return Some(Masks::default());
    }
    if subject.natural_person {
        return subject.lists.on_public_list(today).then_some(Masks::ALL);
    }
    // Organisations are public (Art. 14); their legal representative is a natural person.
    Some(Masks::ALL)
}

/// Whether the viewer may learn anything about `publicity` of an ended record: only
/// those to whom [`decide`] shows ended records, within their own permissions (Art. 19 (二)).
pub fn sees_ended_records(viewer: &Viewer, record: &Record) -> bool {
    if catalog::item(&record.item_code).is_some_and(|item| !viewer.may_query_class(item.class)) {
        return false;
    }
    match viewer {
        Viewer::Admin { .. } => true,
        Viewer::Provider { department } => *department == record.provider_department,
        Viewer::Subject { code } => *code == record.subject_code,
        _ => false,
    }
}

/// Whether the record is live today (helper for counts and lists).
pub fn is_live(record: &Record, today: Date) -> bool {
    catalog::item(&record.item_code)
        .map(|item| matches!(query_window::publicity(item, &record.publicity, today), Publicity::Live { .. }))
        .unwrap_or(false)
}

/// Until when lists name a subject, derived from its records; stored with the subject so
/// that search can filter and flag without reading records.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct ListStanding {
    /// Last day on the red list (Art. 23).
    pub red_list_until: Option<Date>,
    /// Last day on the serious dishonesty list (Art. 25).
    pub serious_list_until: Option<Date>,
    /// Last day any public list class names it (Art. 25, Art. 12 (3)).
    pub public_list_until: Option<Date>,
}

// A list names the subject through its last day, not after.
impl ListStanding {
    /// Whether a red list names the subject on `today` (Art. 23).
    pub fn on_red_list(&self, today: Date) -> bool {
        self.red_list_until.is_some_and(|last| today <= last)
    }

    /// Whether the serious dishonesty list names the subject on `today` (Art. 25).
    pub fn on_serious_list(&self, today: Date) -> bool {
        self.serious_list_until.is_some_and(|last| today <= last)
    }

    /// Whether any public list names the subject on `today` (Art. 25, Art. 12 (3)): for a
    /// natural person, the only way into public view (Art. 4).
    pub fn on_public_list(&self, today: Date) -> bool {
        self.public_list_until.is_some_and(|last| today <= last)
    }
}

/// A far date standing for "no end known yet" (an act that goes on).
pub const OPEN_END: Date = Date::from_days_since_epoch_const(2_932_896); // 9999-12-31

/// When each red-list entry of a subject stops being served because the subject became
/// dishonest during its term: the catalog's removal condition for 守信红名单,
/// 「发生失信行为、被列入严重失信主体名单的，立即移出」 (Art. 23 lists rewards for 守信主体 only).
///
/// An entry is removed on the first day of its term on which any dishonesty record of the
/// subject (a penalty, a serious-dishonesty listing, …) is on file — decided and not yet
/// ended, repaired or expired; an act that was revoked (Art. 36) never counts. A dishonesty
/// record already on file when the entry was made removes it from its first day. Returns
/// every red-list record with its removal day (`None`: not removed), so that a write can
/// store the result for each.
pub fn red_list_removals<'a>(records: &[&'a Record]) -> Vec<(&'a Record, Option<Date>)> {
    let spans: Vec<(Date, Option<Date>)> = records
        .iter()
        .filter_map(|r| query_window::dishonest_span(catalog::item(&r.item_code)?, &r.publicity))
        .collect();
    records
        .iter()
        .filter(|r| catalog::item(&r.item_code).is_some_and(|i| i.class == Class::RedList))
        .map(|red| {
            let item = catalog::item(&red.item_code).expect("filtered above");
            let mut facts = red.publicity.clone();
            facts.list_removed_on = None;
            let Some(included) = facts.decision_date else { return (*red, None) };
            let last = query_window::window_end(item, &facts).map(|(last, _)| last);
            let removed = spans
                .iter()
                .filter_map(|&(start, end)| {
                    let day = start.max(included);
                    let in_term = last.is_none_or(|last| day <= last);
                    let on_file = end.is_none_or(|end| day < end);
                    (in_term && on_file).then_some(day)
                })
                .min();
            (*red, removed)
        })
        .collect()
}

/// The list standing of a subject from its records, as of `today`: withdrawn or ended
/// entries do not count, and red-list entries are cut by [`red_list_removals`].
pub fn list_standing<'a>(records: impl IntoIterator<Item = &'a Record>, today: Date) -> ListStanding {
    let records: Vec<&Record> = records.into_iter().collect();
    let removals = red_list_removals(&records);
    let mut standing = ListStanding::default();
    for record in records {
        let Some(item) = catalog::item(&record.item_code) else { continue };
        let mut facts = record.publicity.clone();
        if let Some((_, removed)) = removals.iter().find(|(r, _)| std::ptr::eq(*r, record)) {
            facts.list_removed_on = *removed;
        }
        let Publicity::Live { last_day } = query_window::publicity(item, &facts, today) else {
            continue;
        };
        let last = last_day.unwrap_or(OPEN_END);
        let later = |slot: &mut Option<Date>| *slot = Some(slot.map_or(last, |d| d.max(last)));
        match item.class {
            Class::RedList => later(&mut standing.red_list_until),
            Class::SeriousDishonestyList => later(&mut standing.serious_list_until),
            _ => {}
        }
        if is_public_list_class(item.class) {
            later(&mut standing.public_list_until);
        }
    }
    standing
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query_window::{Ground, PublicityFacts};

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn the_public_part_of_the_name_index_holds_no_person_a_public_list_has_not_named() {
        // Art. 4: a natural person's credit information is not made public, but for a
        // public list (Art. 25); Art. 14: an organisation's is.
        let listed = ListStanding { public_list_until: Some(d("2027-01-31")), ..ListStanding::default() };
        assert!(in_public_index(false, &ListStanding::default()), "an organisation, listed or not");
        assert!(!in_public_index(true, &ListStanding::default()), "a person on no list");
        assert!(in_public_index(true, &listed), "a person a public list names");
        // Only platform staff search both parts; an agency's search is the public's.
        let agency = Viewer::Agency {
            agency: "a".into(),
            matter: Matter::GovernmentProcurement,
            permissions: Default::default(),
        };
        assert_eq!(name_index(&Viewer::Admin { staff: "s".into(), permissions: Default::default() }), NameIndex::All);
        for viewer in [
            Viewer::Public,
            Viewer::Subject { code: "np-x".into() },
            agency,
            Viewer::Provider { department: "p".into() },
        ] {
            assert_eq!(name_index(&viewer), NameIndex::Public, "{viewer:?}");
        }
    }

    fn record(item: &str, decided: &str) -> Record {
        Record {
            id: 0,
            subject_code: "91520115MA6000008B".into(),
            subject_is_natural_person: false,
            item_code: item.into(),
            document_number: format!("{item}-{decided}"),
            title: "t".into(),
            content: "c".into(),
            provider_department: "p".into(),
            legal_basis: "b".into(),
            publicity: PublicityFacts { decision_date: Some(d(decided)), ..PublicityFacts::default() },
            persons: vec![],
            under_objection: false,
        }
    }

    fn listed_until(last: &str) -> ListStanding {
        ListStanding { public_list_until: Some(d(last)), serious_list_until: Some(d(last)), red_list_until: None }
    }

    /// 王示范, a natural person, with a registered address.
    fn person(lists: ListStanding) -> SubjectFacts {
        SubjectFacts {
            code: "np-0001".into(),
            name: "王示范".into(),
            subject_type: "natural_person".into(),
            natural_person: true,
            registration_number: None,
            region: "520102".into(),
            legal_representative: None,
            id_number: Some("520102198709086415".into()),
            established: None,
            address: Some("贵阳市南明区花果园大街1号".into()),
            registration_authority: None,
            lists,
        }
    }

    /// An enterprise whose legal representative is 欧阳修文.
    fn enterprise(lists: ListStanding) -> SubjectFacts {
        SubjectFacts {
            code: "91520115MA6000008B".into(),
            name: "贵阳示范科技有限公司".into(),
            subject_type: "enterprise".into(),
            natural_person: false,
            registration_number: Some("520115000012345".into()),
            region: "520115".into(),
            legal_representative: Some("欧阳修文".into()),
            id_number: None,
            established: Some(d("2015-03-02")),
            address: Some("贵阳市观山湖区林城西路8号".into()),
            registration_authority: Some("贵阳市观山湖区市场监督管理局".into()),
            lists,
        }
    }

    fn admin(classes: Option<Vec<Class>>) -> Viewer {
        Viewer::Admin { staff: "s".into(), permissions: StaffPermissions { actions: None, classes } }
    }

    fn grant_for(subject: &str, revoked_on: Option<&str>) -> Viewer {
        Viewer::Authorized {
            grant: Grant {
                id: "G".into(),
                subject_code: subject.into(),
                grantee: "贵阳银行".into(),
                items: vec!["LIC-PERMIT".into()],
                purpose: "贷款审查".into(),
                valid_from: d("2026-11-01"),
                valid_until: d("2026-12-31"),
                revoked_on: revoked_on.map(d),
            },
        }
    }

    #[test]
    fn art4_a_listed_natural_person_is_shown_masked_and_without_address() {
        // On a public list through 2026-11-28 (Art. 25): the public may know of the person,
        // but only the surname + `*` and the ID number's first 6 (Art. 4, `masking`), and not
        // where the person lives.
        let today = d("2026-11-28");
        let facts = person(listed_until("2026-11-28"));
        let expected = SubjectInfo {
            code: "np-0001".into(),
            name: "王*".into(),
            subject_type: "natural_person".into(),
            natural_person: true,
            registration_number: None,
            region: "520102".into(),
            legal_representative: None,
            id_number: Some("520102************".into()),
            established: None,
            address: None,
            registration_authority: None,
        };
        assert_eq!(present_subject(&Viewer::Public, &facts, &[], today), Some(expected.clone()));
        // A provider is the public for subjects (it provides records, not identities), and so
        // is a subject looking at another one.
        assert_eq!(
            present_subject(&Viewer::Provider { department: "p".into() }, &facts, &[], today),
            Some(expected.clone())
        );
        assert_eq!(present_subject(&Viewer::Subject { code: "np-0002".into() }, &facts, &[], today), Some(expected));
    }

    #[test]
    fn art4_a_natural_person_on_no_public_list_is_unknown_to_the_public() {
        // The list's last day was 2026-11-28; on 2026-11-29 no public list names the person.
        let facts = person(listed_until("2026-11-28"));
        let after = d("2026-11-29");
        assert_eq!(present_subject(&Viewer::Public, &facts, &[], after), None);
        assert_eq!(present_summary(&Viewer::Public, &facts, &[], after), None);
        assert_eq!(present_subject(&Viewer::Subject { code: "np-0002".into() }, &facts, &[], after), None);
        // Never listed at all: the same.
        assert_eq!(present_subject(&Viewer::Public, &person(ListStanding::default()), &[], after), None);
    }

    #[test]
    fn art16_the_subject_its_authorized_party_agencies_and_staff_see_it_as_registered() {
        // Art. 16 ¶1 (the subject itself), ¶3 (its written authorization, while valid), ¶2
        // and Art. 17 (agencies), Art. 19 (platform staff): unmasked, address included —
        // even on a day no public list names the person.
        let facts = person(ListStanding::default());
        let today = d("2026-11-28");
        let registered = SubjectInfo {
            code: "np-0001".into(),
            name: "王示范".into(),
            subject_type: "natural_person".into(),
            natural_person: true,
            registration_number: None,
            region: "520102".into(),
            legal_representative: None,
            id_number: Some("520102198709086415".into()),
            established: None,
            address: Some("贵阳市南明区花果园大街1号".into()),
            registration_authority: None,
        };
        for viewer in [Viewer::Subject { code: "np-0001".into() }, grant_for("np-0001", None), admin(None)] {
            assert_eq!(present_subject(&viewer, &facts, &[], today), Some(registered.clone()), "{viewer:?}");
        }
        // A grant revoked on 2026-11-28 is not valid that day (Art. 16 ¶3): the public's view,
        // in which this unlisted person does not appear.
        assert_eq!(present_subject(&grant_for("np-0001", Some("2026-11-28")), &facts, &[], today), None);
        // A grant of another subject says nothing about this one.
        assert_eq!(present_subject(&grant_for("np-0002", None), &facts, &[], today), None);
    }

    #[test]
    fn art16_an_agency_sees_a_person_only_through_a_record_published_for_its_matter() {
        // Art. 16 ¶2: agencies query what is published for their matters. The catalog
        // publishes LEVY-SOCIAL-INSURANCE-ARREARS (arrears, act still going on) for
        // government procurement but not for residence management: the procurement agency
        // sees the person as registered, the residence agency only what the public sees —
        // nothing, the person being on no public list. Without records (a search), neither.
        let facts = person(ListStanding::default());
        let today = d("2026-11-28");
        let arrears = Record {
            subject_code: "np-0001".into(),
            subject_is_natural_person: true,
            publicity: PublicityFacts {
                decision_date: Some(d("2026-03-02")),
                act_continuing: true,
                ..PublicityFacts::default()
            },
            ..record("LEVY-SOCIAL-INSURANCE-ARREARS", "2026-03-02")
        };
        let agency = |matter| Viewer::Agency { agency: "A".into(), matter, permissions: StaffPermissions::default() };
        let procurement = agency(Matter::GovernmentProcurement);
        let shown = present_subject(&procurement, &facts, std::slice::from_ref(&arrears), today).unwrap();
        assert_eq!(shown.id_number.as_deref(), Some("520102198709086415"));
        assert_eq!(shown.address.as_deref(), Some("贵阳市南明区花果园大街1号"));
        assert_eq!(present_subject(&procurement, &facts, &[], today), None, "a search reads no records");
        let residence = agency(Matter::ResidenceManagement);
        assert_eq!(present_subject(&residence, &facts, std::slice::from_ref(&arrears), today), None);
        // Another subject's record opens nothing.
        let elsewhere = Record { subject_code: "np-0002".into(), ..arrears.clone() };
        assert_eq!(present_subject(&procurement, &facts, &[elsewhere], today), None);
        // The arrears ended on 2022-11-27: three years on (Art. 33), the record is no longer
        // served, and opens nothing either.
        let ended = Record {
            publicity: PublicityFacts {
                decision_date: Some(d("2021-03-02")),
                act_end_date: Some(d("2022-11-27")),
                ..PublicityFacts::default()
            },
            ..arrears
        };
        assert_eq!(present_subject(&procurement, &facts, &[ended], today), None);
    }

    #[test]
    fn art4_an_id_search_needs_the_name_unless_the_subject_searches_itself() {
        let facts = person(listed_until("2026-11-28"));
        let public = Viewer::Public;
        assert_eq!(check_id_search(&public, None).unwrap_err().code, crate::error::ErrorCode::InvalidParameter);
        assert!(check_id_search(&public, Some("  ")).is_err(), "a blank name is no name");
        assert!(check_id_search(&admin(None), None).is_err(), "staff too");
        assert!(check_id_search(&public, Some("王示范")).is_ok());
        assert!(id_search_finds(&public, &facts, Some("王示范")));
        assert!(id_search_finds(&public, &facts, Some(" 王示范 ")), "folded as the index folds names");
        assert!(!id_search_finds(&public, &facts, Some("王示")), "a part of the name finds nothing");
        assert!(!id_search_finds(&public, &facts, Some("李四")));
        // The subject itself needs no name to find itself, and finds no one else without one.
        let itself = Viewer::Subject { code: "np-0001".into() };
        assert!(check_id_search(&itself, None).is_ok());
        assert!(id_search_finds(&itself, &facts, None));
        assert!(!id_search_finds(&Viewer::Subject { code: "np-0002".into() }, &facts, None));
    }

    #[test]
    fn art14_an_organisation_is_public_but_its_legal_representative_is_masked() {
        // Art. 14: an enterprise's information is public, on no list at all; its legal
        // representative is a natural person (Art. 4): 欧阳修文 → 欧阳* (compound surname).
        let facts = enterprise(ListStanding::default());
        let today = d("2026-11-28");
        let public = SubjectInfo {
            code: "91520115MA6000008B".into(),
            name: "贵阳示范科技有限公司".into(),
            subject_type: "enterprise".into(),
            natural_person: false,
            registration_number: Some("520115000012345".into()),
            region: "520115".into(),
            legal_representative: Some("欧阳*".into()),
            id_number: None,
            established: Some(d("2015-03-02")),
            address: Some("贵阳市观山湖区林城西路8号".into()),
            registration_authority: Some("贵阳市观山湖区市场监督管理局".into()),
        };
        assert_eq!(present_subject(&Viewer::Public, &facts, &[], today), Some(public.clone()));
        let own = present_subject(&Viewer::Subject { code: "91520115MA6000008B".into() }, &facts, &[], today);
        assert_eq!(own, Some(SubjectInfo { legal_representative: Some("欧阳修文".into()), ..public }));
    }

    #[test]
    fn art23_art25_a_search_result_flags_the_lists_through_their_last_day() {
        // Red list through 2026-11-28 (Art. 23), serious dishonesty list through 2026-11-27
        // (Art. 25): on 2026-11-28 the first still names it, the second no longer does.
        let lists = ListStanding {
            red_list_until: Some(d("2026-11-28")),
            serious_list_until: Some(d("2026-11-27")),
            public_list_until: Some(d("2026-11-27")),
        };
        let summary = present_summary(&Viewer::Public, &enterprise(lists), &[], d("2026-11-28"));
        assert_eq!(
            summary,
            Some(SubjectSummary {
                code: "91520115MA6000008B".into(),
                name: "贵阳示范科技有限公司".into(),
                subject_type: "enterprise".into(),
                region: "520115".into(),
                red_list: true,
                serious_dishonesty: false,
            })
        );
        // A listed natural person is found by the public under the masked name (Art. 4).
        let person =
            present_summary(&Viewer::Public, &person(listed_until("2026-11-28")), &[], d("2026-11-28")).unwrap();
        assert_eq!((person.name.as_str(), person.serious_dishonesty, person.red_list), ("王*", true, false));
    }

    #[test]
    fn art19_art20_records_beyond_a_staff_members_classes_are_withheld() {
        // A staff member allowed only administrative licensing (Art. 19 (二)) may not query
        // a penalty (Art. 20 (一)) — though the public sees it — nor learn of it when ended.
        let today = d("2026-11-28");
        let licence = record("LIC-PERMIT", "2026-01-01");
        let mut fine = record("PEN-GENERAL", "2026-10-24");
        fine.publicity.act_end_date = Some(d("2026-10-20"));
        assert_eq!(decide(&Viewer::Public, &fine, today), Decision::Visible);
        let clerk = admin(Some(vec![Class::AdministrativeLicensing]));
        assert_eq!(decide(&clerk, &licence, today), Decision::Visible);
        assert_eq!(decide(&clerk, &fine, today), Decision::Withheld(Withheld::BeyondPermissions));
        assert!(present_record(&clerk, &fine, today).is_none());
        assert!(!sees_ended_records(&clerk, &fine));
        assert!(sees_ended_records(&clerk, &licence));
        // The same for an agency's staff member, in a matter that covers every public item.
        let agent = Viewer::Agency {
            agency: "A".into(),
            matter: Matter::GovernmentProcurement,
            permissions: StaffPermissions { actions: None, classes: Some(vec![Class::AdministrativeLicensing]) },
        };
        assert_eq!(decide(&agent, &fine, today), Decision::Withheld(Withheld::BeyondPermissions));
        assert_eq!(decide(&agent, &licence, today), Decision::Visible);
        // No class restriction (absent, or actions only): the role's full scope.
        assert_eq!(decide(&admin(None), &fine, today), Decision::Visible);
        let actions_only =
            Viewer::Admin { staff: "s".into(), permissions: StaffPermissions { actions: Some(vec![]), classes: None } };
        assert_eq!(decide(&actions_only, &fine, today), Decision::Visible);
    }

    #[test]
    fn red_list_ends_at_once_on_a_dishonest_act_in_its_term() {
        // On the red list from 2026-01-01 (term to 2029-01-01); fined on 2026-10-24.
        let red = record("LST-RED", "2026-01-01");
        let mut fine = record("PEN-GENERAL", "2026-10-24");
        fine.publicity.act_end_date = Some(d("2026-10-20"));
        let removals = red_list_removals(&[&red, &fine]);
        assert_eq!(removals.len(), 1);
        assert_eq!(removals[0].1, Some(d("2026-10-24")));
        // On 2026-10-23 it was still on the list; from 2026-10-24 it is not.
        assert_eq!(list_standing([&red, &fine], d("2026-10-23")).red_list_until, Some(d("2026-10-23")));
        assert_eq!(list_standing([&red, &fine], d("2026-11-28")).red_list_until, None);
        // A revoked penalty never counted (Art. 36).
        let mut revoked = fine.clone();
        revoked.publicity.withdrawal = Some((Ground::Revocation, d("2026-11-01")));
        assert_eq!(red_list_removals(&[&red, &revoked])[0].1, None);
        assert_eq!(list_standing([&red, &revoked], d("2026-11-28")).red_list_until, Some(d("2029-01-01")));
    }

    #[test]
    fn red_list_entry_made_while_dishonesty_is_on_file_is_never_served() {
        // Fined 2025-06-01 (served to 2028-06-01), listed red on 2026-01-01: removed from day one.
        let red = record("LST-RED", "2026-01-01");
        let fine = record("PEN-GENERAL", "2025-06-01");
        assert_eq!(red_list_removals(&[&red, &fine])[0].1, Some(d("2026-01-01")));
        // The same fine, repaired with effect from 2025-12-01, was no longer on file.
        let mut repaired = fine.clone();
        repaired.publicity.withdrawal = Some((Ground::Repair, d("2025-12-01")));
        assert_eq!(red_list_removals(&[&red, &repaired])[0].1, None);
        // A fine after the term (2029-01-02) does not reach back into it.
        let later = record("PEN-GENERAL", "2029-01-02");
        assert_eq!(red_list_removals(&[&red, &later])[0].1, None);
    }

    #[test]
    fn a_removed_red_list_entry_shows_as_ended_with_its_reason() {
        let mut red = record("LST-RED", "2026-01-01");
        red.publicity.list_removed_on = Some(d("2026-10-24"));
        let item = catalog::item("LST-RED").unwrap();
        assert_eq!(
            query_window::publicity(item, &red.publicity, d("2026-11-28")),
            Publicity::Ended { since: d("2026-10-24"), reason: query_window::EndReason::RemovedForDishonesty }
        );
        assert!(present_record(&Viewer::Public, &red, d("2026-11-28")).is_none());
    }
}
