//! The `/api/v1` types, shared by the edge (which produces them) and the front end and
//! embedding portals (which consume them). Changing a field here changes the public
//! contract: add fields, don't rename or remove them.

use crate::catalog::Class;
use crate::date::Date;
use crate::error::ApiError;
use crate::query_window::Ground;
use serde::{Deserialize, Serialize};

pub use crate::audit::QueryView;
pub use crate::authorization::GrantRequest;
pub use crate::objection::{
    check_error_report, Corrections, DecisionOutcome, DecisionRequest, ErrorReportRequest, ObjectionRequest, Objector,
    ReceiptConfirmation, RouteChoice, RouteRequest,
};
pub use crate::record::{SubmittedRecord, SubmittedSubject};
pub use crate::repair::WithdrawalRequest;
pub use crate::submission::{BatchResult, RecordBatch, MAX_BATCH};
pub use crate::supervision::OverdueItem;
pub use crate::views::{PersonView, RecordView, SubjectInfo, SubjectSummary};

/// Largest `page_size` of any list.
pub const MAX_PAGE_SIZE: u32 = 50;
/// Default `page_size`.
pub const DEFAULT_PAGE_SIZE: u32 = 10;
/// Results beyond this rank are not paged: refine the query instead. Keeps every search
/// bounded in rows read, whatever the query (at most this many index entries plus as many
/// subject rows: under the budget of 200 rows per search).
pub const MAX_RESULT_WINDOW: u32 = 90;
/// Longest search query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 64;

/// `GET /api/v1/health`.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Health {
    /// Always `"ok"` when the worker answers.
    pub status: String,
    /// Version of the worker.
    pub version: String,
    /// Today in Asia/Shanghai, as the worker computes it.
    pub today: Date,
    /// Version of the catalog it enforces.
    pub catalog_version: String,
    /// The nonce this worker instance was started with (`INSTANCE_NONCE`), so that a test
    /// runner can tell its own server from one left over by an earlier run; absent when
    /// none was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
}

/// How a search query was understood.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QueryKind {
    /// A unified social credit code.
    Code,
    /// A legacy 15-digit registration number.
    RegistrationNumber,
    /// Pinyin initials or full pinyin.
    Pinyin,
    /// A name fragment.
    Name,
}

/// `GET /api/v1/subjects`.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct SearchResponse {
    /// The normalised query.
    pub query: String,
    /// How it was understood.
    pub kind: QueryKind,
    /// This page of results.
    pub items: Vec<SubjectSummary>,
    /// 1-based page.
    pub page: u32,
    /// Page size.
    pub page_size: u32,
    /// Number of matches, exact up to [`MAX_RESULT_WINDOW`].
    pub total: u32,
    /// Whether there are more matches than `total` says ("200+").
    pub total_is_estimate: bool,
    /// When nothing matches: the nearest names the viewer may see (one character
    /// different, or the same pinyin in other characters). Never part of `items`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<SubjectSummary>,
}

/// Count of visible records of one class.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct ClassCount {
    /// Class.
    pub class: Class,
    /// Records the viewer may see today.
    pub count: u32,
    /// Of which under objection.
    pub under_objection: u32,
}

/// A subject's standing on a list (Art. 23, 25), with the terms Art. 25 ¶3 requires.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct ListStatus {
    /// The list's catalog item code.
    pub item_code: String,
    /// `serious_dishonesty_list` or `red_list`.
    pub class: Class,
    /// List name, Chinese.
    pub name_zh: String,
    /// List name, English.
    pub name_en: String,
    /// Listing department.
    pub department: String,
    /// Included on.
    pub since: Option<Date>,
    /// Last day on the list, when known.
    pub until: Option<Date>,
    /// 列入条件.
    pub inclusion_conditions_zh: String,
    /// Inclusion conditions.
    pub inclusion_conditions_en: String,
    /// 移出条件.
    pub removal_conditions_zh: String,
    /// Removal conditions.
    pub removal_conditions_en: String,
    /// 救济途径.
    pub remedy_zh: String,
    /// Remedy.
    pub remedy_en: String,
}

/// `GET /api/v1/subjects/{code}`: the credit profile.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Profile {
    /// Registration information.
    pub subject: SubjectInfo,
    /// Visible records per class (classes with none are listed with 0).
    pub classes: Vec<ClassCount>,
    /// Live list entries.
    pub lists: Vec<ListStatus>,
    /// Date the profile is computed for (Asia/Shanghai).
    pub as_of: Date,
}

/// `GET /api/v1/subjects/{code}/records`.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct RecordsPage {
    /// Subject code.
    pub code: String,
    /// Class, if filtered.
    pub class: Option<Class>,
    /// Records on this page.
    pub items: Vec<RecordView>,
    /// 1-based page.
    pub page: u32,
    /// Page size.
    pub page_size: u32,
    /// Visible records in all pages.
    pub total: u32,
}

/// One step of a procedure with its deadline.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct StepView {
    /// Step wire name.
    pub step: String,
    /// Label, Chinese.
    pub label_zh: String,
    /// Label, English.
    pub label_en: String,
    /// Deadline (inclusive).
    pub due: Option<Date>,
    /// Whether the deadline rests on a year without published holidays.
    pub provisional: bool,
    /// Day it was done.
    pub done_on: Option<Date>,
    /// Past its deadline and not done.
    pub overdue: bool,
}

/// `GET /api/v1/objections/{id}`.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct ObjectionStatus {
    /// Receipt number.
    pub id: String,
    /// The record objected to.
    pub record_id: i64,
    /// Filed on.
    pub received_on: Date,
    /// Current state wire name.
    pub state: String,
    /// Every step with its deadline.
    pub steps: Vec<StepView>,
    /// Outcome, once decided.
    pub outcome: Option<String>,
    /// How the platform routed it (`platform` or `provider`), once routed (Art. 34 ¶2).
    #[serde(default)]
    pub route: Option<String>,
    /// The reason given with a decision not to correct.
    #[serde(default)]
    pub reason: Option<String>,
    /// When the providing unit confirmed it received the forwarded materials (its 5
    /// working days run from then, Art. 34 ¶2 (二)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_received_on: Option<Date>,
}

/// The answer to an error report.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct ErrorReportReceipt {
    /// Report number.
    pub id: String,
    /// The record concerned.
    pub record_id: i64,
    /// Received on.
    pub received_on: Date,
}

/// An error report as platform staff see it (`GET /api/v1/admin/error-reports`).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct ErrorReportView {
    /// Report number.
    pub id: String,
    /// The record concerned.
    pub record_id: i64,
    /// What is wrong.
    pub description: String,
    /// The reporter's contact, if given.
    pub contact: Option<String>,
    /// Received on.
    pub received_on: Date,
}

/// `GET /api/v1/admin/error-reports`.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct ErrorReportList {
    /// Newest first.
    pub items: Vec<ErrorReportView>,
}

/// A withdrawal of publicity with its 3-working-day deadline.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct WithdrawalView {
    /// Withdrawal number.
    pub id: String,
    /// The record.
    pub record_id: i64,
    /// Repair or revocation.
    pub ground: Ground,
    /// The article (第三十五条 or 第三十六条).
    pub article: String,
    /// Proof or notice received on.
    pub received_on: Date,
    /// Number of the proof or notice.
    pub document_number: String,
    /// Reason given.
    pub reason: String,
    /// Last day to complete the withdrawal (3 working days after receipt).
    pub due: Date,
    /// Whether `due` rests on a year without published holidays.
    pub provisional: bool,
    /// Day the platform completed the withdrawal everywhere.
    pub withdrawn_on: Option<Date>,
    /// Not completed and past due.
    pub overdue: bool,
    /// Last day the public view shows the record, if it has not stopped already.
    pub shown_publicly_until: Option<Date>,
}

/// `GET /api/v1/admin/overdue`.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct OverdueList {
    /// Today in Asia/Shanghai.
    pub as_of: Date,
    /// Everything late, most late first.
    pub items: Vec<OverdueItem>,
}

/// `GET /api/v1/me/queries`.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct QueriesPage {
    /// The subject.
    pub code: String,
    /// This page, newest first.
    pub items: Vec<QueryView>,
    /// 1-based page.
    pub page: u32,
    /// Page size.
    pub page_size: u32,
    /// Queries in all pages.
    pub total: u32,
}

/// One change of a record (Art. 31: source and reason of every change).
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// When (ISO 8601, UTC).
    pub changed_at: String,
    /// Who changed it: `provider`, `platform`…
    pub actor_role: String,
    /// The department or procedure.
    pub actor: String,
    /// Why.
    pub reason: String,
    /// The record (or the changed fields) after the change.
    pub snapshot: serde_json::Value,
}

/// `GET /api/v1/me/records/{id}/history`.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct RecordHistory {
    /// The record.
    pub record_id: i64,
    /// Its catalog item.
    pub item_code: String,
    /// Its source: the providing department.
    pub provider_department: String,
    /// The source document.
    pub document_number: String,
    /// Every change, oldest first.
    pub entries: Vec<HistoryEntry>,
}

/// A written authorization as its subject sees it.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct GrantView {
    /// Authorization number (what the grantee's token names).
    pub id: String,
    /// The party authorised.
    pub grantee: String,
    /// Catalog items covered.
    pub items: Vec<String>,
    /// The purpose.
    pub purpose: String,
    /// First valid day.
    pub valid_from: Date,
    /// Last valid day.
    pub valid_until: Date,
    /// Day revoked.
    pub revoked_on: Option<Date>,
    /// `pending`, `valid`, `expired` or `revoked` today.
    pub status: crate::authorization::GrantStatus,
}

/// `GET /api/v1/grants`.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct GrantList {
    /// The subject.
    pub code: String,
    /// Its authorizations, newest first.
    pub items: Vec<GrantView>,
}

/// Where a measure was published (Art. 22, 27 ¶2).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct PublicationView {
    /// Title of the published list or notice, Chinese.
    pub title_zh: String,
    /// Title, English.
    pub title_en: String,
    /// Date of publication.
    pub date: Date,
    /// Address of the publication.
    pub url: String,
}

impl From<&crate::measures::Publication> for PublicationView {
    fn from(p: &crate::measures::Publication) -> PublicationView {
        PublicationView { title_zh: p.title_zh.into(), title_en: p.title_en.into(), date: p.date, url: p.url.into() }
    }
}

/// One measure of the list taken in the matter, with its status for the subject: applicable
/// with basis and reason (Art. 27 ¶1), or not applicable and why — an unpublished measure is
/// never applicable (Art. 27 ¶2).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct MeasureView {
    /// Stable id of the measure in the list.
    pub id: String,
    /// Reward, general or serious punishment.
    pub kind: crate::measures::MeasureKind,
    /// Provision of the regulation, e.g. 第二十九条第（八）项.
    pub article_clause: String,
    /// Whom it is taken against (实施对象, Art. 22).
    pub target: crate::measures::Target,
    /// Applicable, or why not (`not_published`, `no_related_record`, `not_a_judgment_debtor`…).
    pub status: crate::measures::MeasureStatus,
    /// Whether it may be taken: `status == applicable`.
    pub applicable: bool,
    /// The status as shown, Chinese: 适用, or e.g. 不适用：措施清单未经公布（第二十七条第二款）.
    pub status_zh: String,
    /// The status as shown, English.
    pub status_en: String,
    /// Where it was published; `null` for an unpublished draft.
    #[serde(default)]
    pub published: Option<PublicationView>,
    /// General punishments: the record classes it relates to (Art. 28).
    #[serde(default)]
    pub related_classes: Vec<Class>,
    /// The records it rests on, if applicable (Art. 27 ¶1); empty otherwise.
    #[serde(default)]
    pub basis_record_ids: Vec<i64>,
    /// The measure, Chinese.
    pub measure_zh: String,
    /// The measure, English.
    pub measure_en: String,
    /// Who takes it, Chinese.
    pub implementing_body_zh: String,
    /// Who takes it, English.
    pub implementing_body_en: String,
    /// Legal basis, Chinese.
    pub legal_basis_zh: String,
    /// Legal basis, English.
    pub legal_basis_en: String,
    /// Also against the responsible persons of a unit (Art. 26).
    pub extends_to_responsible_persons: bool,
    /// Why it applies or not, Chinese.
    pub reason_zh: String,
    /// Why it applies or not, English.
    pub reason_en: String,
}

impl MeasureView {
    /// The view of an evaluation, with the records it rests on (empty unless applicable).
    pub fn new(evaluation: &crate::measures::MeasureEvaluation<'_>, basis_record_ids: Vec<i64>) -> MeasureView {
        let m = evaluation.measure;
        let applicable = evaluation.is_applicable();
        MeasureView {
            id: m.id.into(),
            kind: m.kind,
            article_clause: m.article_clause(),
            target: m.target,
            status: evaluation.status,
            applicable,
            status_zh: evaluation.status.label_zh(m.kind).into(),
            status_en: evaluation.status.label_en(m.kind).into(),
            published: m.published.as_ref().map(PublicationView::from),
            related_classes: m.related_classes.to_vec(),
            basis_record_ids: if applicable { basis_record_ids } else { Vec::new() },
            measure_zh: m.measure_zh.into(),
            measure_en: m.measure_en.into(),
            implementing_body_zh: m.implementing_body_zh.into(),
            implementing_body_en: m.implementing_body_en.into(),
            legal_basis_zh: m.legal_basis_zh.into(),
            legal_basis_en: m.legal_basis_en.into(),
            extends_to_responsible_persons: m.extends_to_responsible_persons,
            reason_zh: evaluation.reason_zh.clone(),
            reason_en: evaluation.reason_en.clone(),
        }
    }
}

impl From<&crate::measures::MeasureEvaluation<'_>> for MeasureView {
    fn from(evaluation: &crate::measures::MeasureEvaluation<'_>) -> MeasureView {
        MeasureView::new(evaluation, Vec::new())
    }
}

/// `GET /api/v1/subjects/{code}/measures?matter=` (Art. 17, 21–29).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct MeasuresAnswer {
    /// The subject.
    pub code: String,
    /// Its name.
    pub name: String,
    /// The matter of the query.
    pub matter: crate::matter::Matter,
    /// The matter's name, Chinese.
    pub matter_zh: String,
    /// The clause of Art. 17.
    pub matter_clause: String,
    /// The standing the measures follow from.
    pub standing: crate::measures::SubjectStanding,
    /// The records the standing rests on (live red-list and dishonesty records).
    pub basis_record_ids: Vec<i64>,
    /// The measures to take: only applicable ones — published (Art. 27 ¶2), the subject
    /// their target, related to a record (Art. 28) — serious punishments, general ones,
    /// rewards.
    pub measures: Vec<MeasureView>,
    /// The other measures of the list taken in the matter, in the same order, each with
    /// why it does not apply (e.g. `not_published`). Never measures to take.
    #[serde(default)]
    pub not_applicable: Vec<MeasureView>,
    /// Version of the list.
    pub measures_version: String,
    /// Date computed for (Asia/Shanghai).
    pub as_of: Date,
}

/// `POST /api/v1/reports` body.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportRequest {
    /// What the report is for (an enterprise report: e.g. a tender's name).
    #[serde(default)]
    pub purpose: Option<String>,
}

/// A signed credit report as issued and stored.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct SignedReport {
    /// The report (see [`crate::report::CreditReport`]).
    pub report: serde_json::Value,
    /// SHA-256 of the report's canonical form, hex.
    pub content_hash: String,
    /// Ed25519 signature of the platform over the signing input, base64url.
    pub signature: String,
    /// The platform's report public key, base64url.
    pub public_key: String,
    /// Whether the report is one of the year's free personal reports (Art. 31 ¶2), as the
    /// signed report states it (`report.charge`); a third or later personal report in a
    /// year is issued as `beyond_free_quota`, never refused. Absent for reports that state
    /// none (issued before reports did).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charge: Option<crate::report::Charge>,
    /// What the charge means for the subject, Chinese (e.g. "…本报告照常出具，并标注
    /// “超出本年度免费次数（第三十一条第二款）”…" and the day the next free report is
    /// available).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charge_notice_zh: Option<String>,
    /// What the charge means for the subject, English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charge_notice_en: Option<String>,
}

/// The answer of the report verification routes.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct ReportVerification {
    /// The report number.
    pub number: Option<String>,
    /// Signed by the platform's key and unaltered since.
    pub genuine: bool,
    /// Issued by this platform and on record with the same content hash.
    pub on_record: bool,
    /// When issued, if on record.
    pub issued_at: Option<String>,
    /// The subject, if on record.
    pub subject_code: Option<String>,
    /// SHA-256 of the report as presented (or as stored, for a number).
    pub content_hash: Option<String>,
    /// What it means, Chinese.
    pub message_zh: String,
    /// What it means, English.
    pub message_en: String,
}

/// `GET /api/v1/admin/audit/verify`.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct AuditVerification {
    /// Whether every link holds.
    pub intact: bool,
    /// Entries checked.
    pub entries: u64,
    /// The head reached (last good entry).
    pub head: crate::audit::ChainHead,
    /// The first broken link.
    pub first_break: Option<crate::audit::ChainBreak>,
    /// Whether the walk reached the end of the log (or a break). `false`: this step
    /// checked as many entries as one request may, and `intact` holds so far.
    pub complete: bool,
    /// Where the next step starts (`?cursor=`), while the walk is not complete.
    pub next_cursor: Option<String>,
    /// What it means, Chinese.
    pub message_zh: String,
    /// What it means, English.
    pub message_en: String,
}

/// Paging parameters shared by every list.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Paging {
    /// 1-based page.
    pub page: u32,
    /// Page size, 1..=[`MAX_PAGE_SIZE`].
    pub page_size: u32,
}

impl Paging {
    /// Parse `page` and `page_size` query parameters.
    pub fn parse(page: Option<&str>, page_size: Option<&str>) -> Result<Paging, ApiError> {
        let number = |name: &str, value: Option<&str>, default: u32, max: u32| -> Result<u32, ApiError> {
            let Some(text) = value.filter(|v| !v.is_empty()) else {
                return Ok(default);
            };
            match text.parse::<u32>() {
                Ok(n) if (1..=max).contains(&n) => Ok(n),
                _ => Err(ApiError::invalid_parameter(
                    name,
                    format!("应为 1 到 {max} 之间的整数"),
                    format!("must be an integer from 1 to {max}"),
                )),
            }
        };
        let page_size = number("page_size", page_size, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)?;
        let page = number("page", page, 1, MAX_RESULT_WINDOW)?;
        Ok(Paging { page, page_size })
    }

    /// Rows to skip.
    pub fn offset(self) -> u32 {
        (self.page - 1) * self.page_size
    }
}

/// The coarse subject categories the search filters by (`type=`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubjectCategory {
    /// 企业.
    Enterprise,
    /// 个体工商户.
    IndividualBusiness,
    /// 农民专业合作社.
    FarmerCooperative,
    /// 社会组织（社会团体、民办非企业单位、基金会）.
    SocialOrganization,
    /// 机关、事业单位.
    PublicInstitution,
    /// 其他组织.
    Other,
    /// 自然人.
    NaturalPerson,
}

impl SubjectCategory {
    /// Every category, in the order filters list them.
    pub const ALL: [SubjectCategory; 7] = [
        SubjectCategory::Enterprise,
        SubjectCategory::IndividualBusiness,
        SubjectCategory::FarmerCooperative,
        SubjectCategory::SocialOrganization,
        SubjectCategory::PublicInstitution,
        SubjectCategory::Other,
        SubjectCategory::NaturalPerson,
    ];

    /// Wire name.
    pub fn as_str(self) -> &'static str {
        self.names().0
    }

    /// Chinese name.
    pub fn name_zh(self) -> &'static str {
        self.names().1
    }

    /// English name.
    pub fn name_en(self) -> &'static str {
        self.names().2
    }

    fn names(self) -> (&'static str, &'static str, &'static str) {
        match self {
            SubjectCategory::Enterprise => ("enterprise", "企业", "Enterprise"),
            SubjectCategory::IndividualBusiness => ("individual_business", "个体工商户", "Individual business"),
            SubjectCategory::FarmerCooperative => ("farmer_cooperative", "农民专业合作社", "Farmer cooperative"),
            SubjectCategory::SocialOrganization => ("social_organization", "社会组织", "Social organization"),
            SubjectCategory::PublicInstitution => ("public_institution", "机关事业单位", "Public institution"),
            SubjectCategory::Other => ("other", "其他组织", "Other organization"),
            SubjectCategory::NaturalPerson => ("natural_person", "自然人", "Natural person"),
        }
    }

    /// The category with this wire name.
    pub fn from_wire(name: &str) -> Option<SubjectCategory> {
        SubjectCategory::ALL.into_iter().find(|c| c.as_str() == name)
    }

    /// The category of an organisation from the subject type in its USCC.
    pub fn of(subject_type: crate::identifiers::SubjectType) -> SubjectCategory {
        use crate::identifiers::SubjectType as T;
        match subject_type {
            T::Enterprise => SubjectCategory::Enterprise,
            T::IndividualBusiness => SubjectCategory::IndividualBusiness,
            T::FarmerCooperative => SubjectCategory::FarmerCooperative,
            T::SocialOrganization | T::PrivateNonEnterpriseUnit | T::Foundation => SubjectCategory::SocialOrganization,
            T::Organ | T::PublicInstitution | T::MilitaryPublicInstitution => SubjectCategory::PublicInstitution,
            _ => SubjectCategory::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_defaults_and_limits() {
        assert_eq!(Paging::parse(None, None).unwrap(), Paging { page: 1, page_size: DEFAULT_PAGE_SIZE });
        assert_eq!(Paging::parse(Some("3"), Some("50")).unwrap().offset(), 100);
        for (page, size) in [(Some("0"), None), (None, Some("51")), (Some("-1"), None), (Some("x"), None)] {
            let err = Paging::parse(page, size).unwrap_err();
            assert_eq!(err.code, crate::ErrorCode::InvalidParameter);
        }
    }

    #[test]
    fn submissions_reject_unknown_fields() {
        let json = r#"{"records":[],"extra":1}"#;
        assert!(serde_json::from_str::<RecordBatch>(json).is_err());
    }
}
