//! What a viewer is shown: a record, the persons recorded with it and a subject, as
//! [`crate::disclosure`] presents them (Art. 4, 14, 16) — withheld fields left out and
//! identifiers masked before they leave the rules. The API returns these views
//! (`crate::api` re-exports them).

use crate::catalog::{Class, DisclosureLevel, Polarity};
use crate::date::Date;
use crate::query_window::Publicity;
use crate::record::PersonRole;
use serde::{Deserialize, Serialize};

/// A person as a view shows it (possibly masked).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct PersonView {
    /// Role.
    pub role: PersonRole,
    /// Name, masked as surname + `*` in public views.
    pub name: String,
    /// Resident ID number, masked as its first 6 + `************` in public views.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_number: Option<String>,
}

/// One record as a viewer may see it.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct RecordView {
    /// Platform record id (used to file an objection).
    pub id: i64,
    /// Catalog item code.
    pub item_code: String,
    /// Catalog item name, Chinese.
    pub item_name_zh: String,
    /// Catalog item name, English.
    pub item_name_en: String,
    /// Art. 12 class.
    pub class: Class,
    /// Positive, neutral or dishonesty.
    pub polarity: Polarity,
    /// Disclosure level of its item.
    pub disclosure: DisclosureLevel,
    /// Document number of the decision.
    pub document_number: String,
    /// Short description.
    pub title: String,
    /// Facts and content.
    pub content: String,
    /// Source department.
    pub provider_department: String,
    /// Legal basis.
    pub legal_basis: String,
    /// Date of the decision.
    pub decision_date: Option<Date>,
    /// Date the act ended, if it has.
    pub act_end_date: Option<Date>,
    /// The provider says the act goes on.
    #[serde(default)]
    pub act_continuing: bool,
    /// Last day of publicity, when known.
    pub publicity_last_day: Option<Date>,
    /// Whether it is served today (the subject itself also sees its ended records).
    pub publicity: Publicity,
    /// Persons recorded with it, masked as decided.
    pub persons: Vec<PersonView>,
    /// An objection is being handled: "异议处理中".
    pub under_objection: bool,
    /// Whether identifiers in this view are masked.
    pub masked: bool,
}

/// One subject in search results.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct SubjectSummary {
    /// Public code: the USCC, or an opaque handle for a natural person.
    pub code: String,
    /// Name (masked for natural persons in public views).
    pub name: String,
    /// Subject type wire name (`enterprise`, `individual_business`…).
    pub subject_type: String,
    /// Six-digit region code.
    pub region: String,
    /// Whether a live red list names it.
    pub red_list: bool,
    /// Whether a live serious-dishonesty list names it.
    pub serious_dishonesty: bool,
}

/// Registration information of a subject (Art. 12 (1)).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct SubjectInfo {
    /// Public code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Subject type wire name.
    pub subject_type: String,
    /// Whether it is a natural person.
    pub natural_person: bool,
    /// Legacy registration number.
    pub registration_number: Option<String>,
    /// Six-digit region code.
    pub region: String,
    /// Legal representative or operator (masked in public views).
    pub legal_representative: Option<String>,
    /// Resident ID of a natural person (masked in public views).
    pub id_number: Option<String>,
    /// Date of establishment.
    pub established: Option<Date>,
    /// Registered address.
    pub address: Option<String>,
    /// Registering authority.
    pub registration_authority: Option<String>,
}
