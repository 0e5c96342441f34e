//! 公共信用信息: a credit record as the platform holds it — what the providing department
//! submitted (Art. 11–12), the catalog item it falls under (Art. 10), the dates that decide
//! its query window (Art. 33) and the persons recorded with it (Art. 26); and the record
//! as a department submits it ([`SubmittedRecord`]), before [`crate::submission`] checks
//! it. Who may see it, and how masked, is [`crate::disclosure`]'s to decide.

use crate::date::Date;
use crate::query_window::{PenaltyType, PublicityFacts};
use serde::{Deserialize, Serialize};

/// A person recorded with a record: the natural-person subject itself, or the legal
/// representative and responsible persons of an organisation (Art. 26).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Person {
    /// Role, e.g. `legal_representative`, `responsible_person`, `directly_responsible`.
    pub role: PersonRole,
    /// Full name.
    pub name: String,
    /// Resident ID number, if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_number: Option<String>,
}

/// Roles of persons recorded with a record (Art. 26).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonRole {
    /// 法定代表人.
    LegalRepresentative,
    /// 主要负责人.
    ResponsiblePerson,
    /// 其他直接责任人.
    DirectlyResponsible,
    /// The natural person who is the subject.
    Subject,
}

/// A credit record as the platform holds it.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Record {
    /// Platform record id.
    pub id: i64,
    /// Public code of the subject (USCC, or the opaque handle of a natural person).
    pub subject_code: String,
    /// Whether the subject is a natural person.
    pub subject_is_natural_person: bool,
    /// Catalog item code.
    pub item_code: String,
    /// The provider's document number (决定书文号).
    pub document_number: String,
    /// Short description, e.g. "罚款人民币五千元".
    pub title: String,
    /// Facts and content.
    pub content: String,
    /// Providing department.
    pub provider_department: String,
    /// Legal basis of the decision.
    pub legal_basis: String,
    /// Dates that decide its window.
    pub publicity: PublicityFacts,
    /// Persons recorded with it.
    pub persons: Vec<Person>,
    /// Whether an objection is being handled (Art. 34 異議標注).
    pub under_objection: bool,
}

/// The subject a submitted record is about.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmittedSubject {
    /// USCC of an organisation, or resident ID number of a natural person.
    pub code: String,
    /// Name.
    pub name: String,
}

/// One record in `POST /api/v1/records` (Art. 11–13).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmittedRecord {
    /// The subject.
    pub subject: SubmittedSubject,
    /// Catalog item code.
    pub item_code: String,
    /// Decision document number; with the provider, the idempotency key.
    pub document_number: String,
    /// Short description.
    pub title: String,
    /// Facts and content.
    #[serde(default)]
    pub content: String,
    /// Legal basis.
    pub legal_basis: String,
    /// Date of the decision.
    pub decision_date: Date,
    /// Date the act ended, if it has.
    #[serde(default)]
    pub act_end_date: Option<Date>,
    /// The act goes on: no end date yet. Items counted from the end of the act (Art. 33)
    /// need either this or `act_end_date` (`query_window::check_act_status`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub act_continuing: bool,
    /// End of validity or removal from a list.
    #[serde(default)]
    pub valid_until: Option<Date>,
    /// Penalty types of a penalty decision.
    #[serde(default)]
    pub penalty_types: Vec<PenaltyType>,
    /// Persons recorded with it (Art. 26).
    #[serde(default)]
    pub persons: Vec<Person>,
    /// Further named fields (screened under Art. 32).
    #[serde(default)]
    pub extra_fields: std::collections::BTreeMap<String, String>,
    /// Whether the subject's written consent to restricted personal data is on file (Art. 32 ¶2).
    #[serde(default)]
    pub written_consent: bool,
    /// Why the record is submitted or changed (Art. 31: source and reason of every change).
    #[serde(default)]
    pub change_reason: Option<String>,
}
