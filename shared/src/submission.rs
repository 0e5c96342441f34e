//! Submission of credit records by providing departments (Art. 11–13): what a batch must
//! satisfy, and the change it makes.
//!
//! A batch is checked whole first (identifiers by GB 32100 / GB 11643, the catalog of
//! Art. 10, the act's status of Art. 33, the personal-data rules of Art. 32); nothing is
//! written unless every record passes. A record is then upserted under its provider and
//! document number: re-submitting is how a provider corrects its record (idempotent; an
//! unchanged re-submission writes nothing), but never how a record moves to another
//! subject (`document_number_in_use`). Every changed record gets a history entry with
//! its source and reason (Art. 31), and every subject touched gets its list standing
//! computed from its records as they will be.

#[cfg(feature = "name-index")]
use crate::audit::AuditAct;
use crate::catalog::{self, Polarity, QueryWindowRule};
use crate::change::SubjectState;
#[cfg(feature = "name-index")]
use crate::change::{self, Change, HistoryEntry, NewSubject, RecordWrite, Standing, Step};
use crate::date::Date;
use crate::error::{ApiError, ErrorCode, ErrorDetail};
use crate::forms::{self, TextLimit};
use crate::identifiers::{classify, ResidentId, SearchInput, SubjectType, Uscc};
use crate::personal_data;
use crate::query_window::{self, PublicityFacts};
#[cfg(feature = "name-index")]
use crate::record::Record;
use crate::record::{SubmittedRecord, SubmittedSubject};
#[cfg(feature = "name-index")]
use crate::search_terms::IndexTerms;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

/// `POST /api/v1/records` body.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordBatch {
    /// Records, at most [`MAX_BATCH`].
    pub records: Vec<SubmittedRecord>,
}

/// Largest batch accepted.
pub const MAX_BATCH: usize = 500;

/// `POST /api/v1/records` answer.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct BatchResult {
    /// Records created.
    pub created: u32,
    /// Records changed (same provider and document number).
    pub updated: u32,
    /// Records identical to what was held.
    pub unchanged: u32,
}

/// The subject a record is about, once its identifier is checked.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum SubjectKey {
    /// An organisation, by its USCC.
    Organisation(Uscc),
    /// A natural person, by resident ID.
    Person(ResidentId),
}

impl SubjectKey {
    /// The identifier as submitted and stored (`subjects.uscc` or `subjects.id_number`).
    pub fn identifier(&self) -> &str {
        match self {
            SubjectKey::Organisation(code) => code.as_str(),
            SubjectKey::Person(id) => id.as_str(),
        }
    }

    /// Whether a natural person.
    pub fn natural_person(&self) -> bool {
        matches!(self, SubjectKey::Person(_))
    }

    /// The GB/T 2260 region the identifier names, which decides the subject's database
    /// (`shards`): characters 3–8 of a USCC, the first six digits of a resident ID. The
    /// subject's public code names the same region (`shards::region_of_code`).
    pub fn region(&self) -> &str {
        match self {
            SubjectKey::Organisation(code) => code.region_code(),
            SubjectKey::Person(id) => id.region_code(),
        }
    }
}

/// The search category of an organisation from the subject type in its USCC.
pub fn category_of(subject_type: SubjectType) -> &'static str {
    use SubjectType as T;
    match subject_type {
        T::Enterprise => "enterprise",
        T::IndividualBusiness => "individual_business",
        T::FarmerCooperative => "farmer_cooperative",
        T::SocialOrganization | T::PrivateNonEnterpriseUnit | T::Foundation => "social_organization",
        T::Organ | T::PublicInstitution | T::MilitaryPublicInstitution => "public_institution",
        _ => "other",
    }
}

/// The search category of natural persons.
pub const NATURAL_PERSON_CATEGORY: &str = "natural_person";

fn detail(index: usize, field: &str, error: ApiError) -> ErrorDetail {
    ErrorDetail {
        index,
        field: Some(field.to_string()),
        code: error.code,
        message_zh: error.message_zh,
        message_en: error.message_en,
    }
}

fn require(index: usize, field: &str, limit: TextLimit, value: &str, errors: &mut Vec<ErrorDetail>) {
    if let Err(error) = forms::check_text_length(field, value, limit.min.max(1), limit.max) {
        errors.push(detail(index, field, error));
    }
}

/// Check one record; push every problem found.
fn check_record(
    index: usize,
    record: &SubmittedRecord,
    today: Date,
    errors: &mut Vec<ErrorDetail>,
) -> Option<SubjectKey> {
    let before = errors.len();
    // The same classification as search (`identifiers::classify`): an 18-digit code can pass
    // both check digits (about one Guizhou resident ID in 31 starts `52` and also checks as a
    // USCC), and taking it for an organisation would publish the ID number as a public code.
    let key = match classify(&record.subject.code) {
        SearchInput::Uscc(code) => Some(SubjectKey::Organisation(code)),
        SearchInput::ResidentId(id) => Some(SubjectKey::Person(id)),
        SearchInput::InvalidCode(error) => {
            errors.push(detail(index, "subject.code", error.into()));
            None
        }
        _ => {
            // A name, a pinyin or a legacy number: report the identifier the input looks most like.
            let code = record.subject.code.trim();
            let error = if code.chars().all(|c| c.is_ascii_digit() || c == 'X') {
                ResidentId::parse(code).err()
            } else {
                Uscc::parse(code).err()
            };
            let error = match error {
                Some(error) => error.into(),
                None => ApiError::invalid_parameter(
                    "subject.code",
                    "须为统一社会信用代码或居民身份证号码",
                    "must be a unified social credit code or a resident ID number",
                ),
            };
            errors.push(detail(index, "subject.code", error));
            None
        }
    };
    require(index, "subject.name", forms::SUBJECT_NAME, &record.subject.name, errors);
    require(index, "document_number", forms::DOCUMENT_NUMBER, &record.document_number, errors);
    require(index, "title", forms::TITLE, &record.title, errors);
    require(index, "legal_basis", forms::LEGAL_BASIS, &record.legal_basis, errors);
    if let Err(error) = forms::CONTENT.check(&record.content) {
        errors.push(detail(index, "content", error));
    }
    match catalog::item(&record.item_code) {
        None => errors.push(detail(
            index,
            "item_code",
            ApiError::invalid_parameter(
                "item_code",
                "不在公共信用信息目录中（第十条）",
                "is not an item of the public credit information catalog (Art. 10)",
            ),
        )),
        Some(item) => {
            if item.polarity == Polarity::Dishonesty
                && matches!(item.window, QueryWindowRule::ActEnd { .. })
                && record.act_end_date.is_some_and(|end| end > record.decision_date.add_years(50))
            {
                errors.push(detail(
                    index,
                    "act_end_date",
                    ApiError::invalid_parameter("act_end_date", "日期不合理", "is implausible"),
                ));
            }
            // Art. 33: the end of the act, or that it goes on — never left unsaid.
            let facts = PublicityFacts {
                decision_date: Some(record.decision_date),
                act_end_date: record.act_end_date,
                act_continuing: record.act_continuing,
                ..PublicityFacts::default()
            };
            if let Err((field, error)) = query_window::check_act_status(item, &facts, today) {
                errors.push(detail(index, field, error));
            }
        }
    }
    if record.valid_until.is_some_and(|until| until < record.decision_date) {
        errors.push(detail(
            index,
            "valid_until",
            ApiError::invalid_parameter("valid_until", "不能早于决定日期", "cannot be before the decision date"),
        ));
    }
    for (k, person) in record.persons.iter().enumerate() {
        let field = format!("persons[{k}]");
        require(index, &format!("{field}.name"), forms::PERSON_NAME, &person.name, errors);
        if let Some(id) = &person.id_number {
            if let Err(e) = ResidentId::parse(id) {
                errors.push(detail(index, &format!("{field}.id_number"), e.into()));
            }
        }
    }
    // Art. 32: the keys and values of extra_fields, title, content, change_reason and persons.
    // ¶2 protects natural persons. A code that did not parse is taken for what it looks most
    // like, as for its error above, so every problem is told at once.
    let natural_person = match &key {
        Some(key) => key.natural_person(),
        None => record.subject.code.trim().chars().all(|c| c.is_ascii_digit() || c == 'X'),
    };
    if let Err(violations) = personal_data::screen_record(record, natural_person) {
        for violation in violations {
            let field = violation.field.clone();
            errors.push(detail(index, &field, violation.into()));
        }
    }
    (errors.len() == before).then_some(key).flatten()
}

/// The problems of one record, as [`check_batch`] finds them (with index 0): a row of a
/// national file is checked before it is sent (`crate::exchange`), so that the department
/// sees every problem of its file at once, by row and column.
pub fn check_one(record: &SubmittedRecord, today: Date) -> Vec<ErrorDetail> {
    let mut errors = Vec::new();
    check_record(0, record, today, &mut errors);
    errors
}

/// Check a whole batch: the subject of each record, or every problem found (nothing is
/// written unless all pass).
pub fn check_batch(batch: &RecordBatch, today: Date) -> Result<Vec<SubjectKey>, ApiError> {
    if batch.records.is_empty() || batch.records.len() > MAX_BATCH {
        return Err(ApiError::invalid_parameter(
            "records",
            format!("每批 1 到 {MAX_BATCH} 条"),
            format!("a batch holds 1 to {MAX_BATCH} records"),
        ));
    }
    let mut errors = Vec::new();
    let keys: Vec<Option<SubjectKey>> =
        batch.records.iter().enumerate().map(|(i, r)| check_record(i, r, today, &mut errors)).collect();
    let mut seen = HashSet::new();
    for (i, r) in batch.records.iter().enumerate() {
        if !seen.insert(r.document_number.trim()) {
            errors.push(detail(
                i,
                "document_number",
                ApiError::new(
                    ErrorCode::Conflict,
                    "同一批次中文号重复",
                    "the document number appears twice in the batch",
                ),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::new(
            ErrorCode::BatchRejected,
            format!("{} 处错误，本批次未写入任何记录，请更正后重新提交。", errors.len()),
            format!("{} problem(s); nothing in this batch was written. Correct them and resubmit.", errors.len()),
        )
        .with_details(errors));
    }
    Ok(keys.into_iter().flatten().collect())
}

/// A document number a provider holds, and the subject it is held for.
#[derive(Clone, PartialEq, Eq, Debug, Deserialize)]
pub struct DocumentHolder {
    /// The document number.
    pub document_number: String,
    /// The subject's USCC, for an organisation.
    pub uscc: Option<String>,
    /// The subject's resident ID, for a natural person.
    pub id_number: Option<String>,
}

/// What a batch's change is planned from, read before it.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct Held {
    /// The stored subjects the batch names, by identifier (USCC or resident ID).
    pub subjects: BTreeMap<String, SubjectState>,
    /// Which of the batch's document numbers the provider already holds, and for whom.
    pub documents: Vec<DocumentHolder>,
}

#[cfg(feature = "name-index")]
/// The counts a batch reports.
fn result(created: u32, updated: u32, unchanged: u32) -> BatchResult {
    BatchResult { created, updated, unchanged }
}

#[cfg(feature = "name-index")]
/// Refuse a batch that files a document number this provider already holds for another
/// subject. Re-submitting is how a provider corrects its record; it never moves a record
/// to another subject (that would rewrite the other subject's record and leave both
/// subjects' standing wrong): the provider withdraws the wrong record, then files anew.
fn refuse_documents_held_for_others(batch: &RecordBatch, keys: &[SubjectKey], held: &Held) -> Result<(), ApiError> {
    let mut details = Vec::new();
    for (index, (record, key)) in batch.records.iter().zip(keys).enumerate() {
        let document = record.document_number.trim();
        let Some(holder) = held.documents.iter().find(|h| h.document_number == document) else { continue };
        let same = match key {
            SubjectKey::Organisation(code) => holder.uscc.as_deref() == Some(code.as_str()),
            SubjectKey::Person(id) => holder.id_number.as_deref() == Some(id.as_str()),
        };
        if !same {
            details.push(detail(
                index,
                "document_number",
                ApiError::new(
                    ErrorCode::DocumentNumberInUse,
                    format!("文号“{document}”已用于本单位报送的另一信用主体的记录；同一文号不能改报到另一主体。"),
                    format!("document number “{document}” is already held by this provider for another credit subject; a record is not moved to another subject by re-submitting it."),
                ),
            ));
        }
    }
    if details.is_empty() {
        return Ok(());
    }
    Err(ApiError::new(
        ErrorCode::DocumentNumberInUse,
        format!(
            "{} 条记录的文号已用于另一信用主体，本批次未写入任何记录。如记录报错了主体，请先撤回原记录，再向正确的主体报送。",
            details.len()
        ),
        format!(
            "{} record(s) use a document number held for another credit subject; nothing in this batch was written. \
             If a record was filed against the wrong subject, withdraw it first, then file it for the right one.",
            details.len()
        ),
    )
    .with_details(details))
}

#[cfg(feature = "name-index")]
/// The subject new to the platform that `key` names, with its search index.
fn new_subject(key: &SubjectKey, code: String, name: &str) -> NewSubject {
    let (uscc, id_number, category, region) = match key {
        SubjectKey::Organisation(u) => {
            (Some(u.as_str().to_string()), None, category_of(u.subject_type()), u.region_code().to_string())
        }
        SubjectKey::Person(id) => {
            (None, Some(id.as_str().to_string()), NATURAL_PERSON_CATEGORY, id.region_code().to_string())
        }
    };
    NewSubject {
        code,
        uscc,
        id_number,
        name: name.to_string(),
        terms: IndexTerms::of(name),
        category,
        natural_person: key.natural_person(),
        region,
    }
}

#[cfg(feature = "name-index")]
fn same_content(a: &Record, b: &Record) -> bool {
    a.item_code == b.item_code
        && a.title == b.title
        && a.content == b.content
        && a.legal_basis == b.legal_basis
        && a.publicity.decision_date == b.publicity.decision_date
        && a.publicity.act_end_date == b.publicity.act_end_date
        && a.publicity.act_continuing == b.publicity.act_continuing
        && a.publicity.valid_until == b.publicity.valid_until
        && a.publicity.penalty_types == b.publicity.penalty_types
        && a.persons == b.persons
}

#[cfg(feature = "name-index")]
/// Where a subject of the batch stands while the change is planned.
struct Planned {
    code: String,
    state: Option<SubjectState>,
    records: Vec<Record>,
    changed: bool,
    /// A new natural person's index terms (an existing subject's are in its state).
    new_person_terms: Option<IndexTerms>,
}

/// The change a checked batch makes (with the `pinyin` feature: a new subject's search
/// index includes its pinyin keys) (`keys` from [`check_batch`]), planned from what is
/// `held`. `new_handle` gives the random handle of a natural person new to the platform:
/// never derived from the ID number (18-digit IDs are few enough to brute-force any hash).
#[cfg(feature = "name-index")]
pub fn plan(
    provider: &str,
    batch: &RecordBatch,
    keys: &[SubjectKey],
    held: &Held,
    today: Date,
    mut new_handle: impl FnMut() -> String,
) -> Result<(Change, BatchResult), ApiError> {
    refuse_documents_held_for_others(batch, keys, held)?;
    let mut change = Change::default();
    let mut subjects: BTreeMap<String, Planned> = BTreeMap::new();
    let (mut created, mut updated, mut unchanged) = (0u32, 0u32, 0u32);
    // The record steps go in by kind (new subjects, then every guard, every upsert, every
    // history entry), so that storage writes each kind as one statement. The order within
    // a kind is the batch's; no step depends on a later one, and the guards are about other
    // subjects' records, which the batch does not touch (a batch names a document once).
    let (mut guards, mut upserts, mut histories) = (Vec::new(), Vec::new(), Vec::new());
    for (submitted, key) in batch.records.iter().zip(keys) {
        let identifier = key.identifier().to_string();
        let subject = subjects.entry(identifier.clone()).or_insert_with(|| match held.subjects.get(&identifier) {
            Some(state) => Planned {
                code: state.code.clone(),
                records: state.records.clone(),
                state: Some(state.clone()),
                changed: false,
                new_person_terms: None,
            },
            None => {
                let code = match key {
                    SubjectKey::Organisation(code) => code.as_str().to_string(),
                    SubjectKey::Person(id) => crate::shards::person_code(id, &new_handle()),
                };
                let new = new_subject(key, code.clone(), submitted.subject.name.trim());
                let new_person_terms = new.natural_person.then(|| new.terms.clone());
                change.push(Step::InsertSubject(new));
                Planned { code, state: None, records: Vec::new(), changed: true, new_person_terms }
            }
        });
        let item = catalog::item(&submitted.item_code).ok_or_else(ApiError::not_found)?;
        let mut record = Record {
            id: 0,
            subject_code: subject.code.clone(),
            subject_is_natural_person: key.natural_person(),
            item_code: item.code.into(),
            document_number: submitted.document_number.trim().into(),
            title: submitted.title.trim().into(),
            content: submitted.content.trim().into(),
            provider_department: provider.into(),
            legal_basis: submitted.legal_basis.trim().into(),
            publicity: PublicityFacts {
                decision_date: Some(submitted.decision_date),
                act_end_date: submitted.act_end_date,
                act_continuing: submitted.act_continuing,
                list_removed_on: None,
                valid_until: submitted.valid_until,
                penalty_types: submitted.penalty_types.clone(),
                withdrawal: None,
            },
            persons: submitted.persons.clone(),
            under_objection: false,
        };
        let position = subject
            .records
            .iter()
            .position(|r| r.provider_department == provider && r.document_number == record.document_number);
        match position.map(|i| &subject.records[i]) {
            Some(stored) if same_content(stored, &record) => {
                unchanged += 1;
                continue;
            }
            Some(stored) => {
                updated += 1;
                // What the provider does not submit stays as the procedures left it.
                record.id = stored.id;
                record.publicity.withdrawal = stored.publicity.withdrawal;
                record.publicity.list_removed_on = stored.publicity.list_removed_on;
                record.under_objection = stored.under_objection;
            }
            None => created += 1,
        }
        let reason = submitted.change_reason.clone().unwrap_or_else(|| "信息提供单位报送".into());
        // A record filed for another subject meanwhile must not be overwritten.
        guards.push(Step::Guard(change::Guard::DocumentHeldOnlyBy {
            provider: provider.into(),
            document_number: record.document_number.clone(),
            subject_code: subject.code.clone(),
        }));
        upserts.push(Step::UpsertRecord(RecordWrite {
            record: record.clone(),
            class: item.class.as_str(),
            extra_fields: change::json(&submitted.extra_fields),
            written_consent: submitted.written_consent,
        }));
        histories.push(Step::History(HistoryEntry::of(&record, "provider", provider, reason)));
        match position {
            Some(i) => subject.records[i] = record,
            None => subject.records.push(record),
        }
        subject.changed = true;
    }
    change.steps.extend(guards.into_iter().chain(upserts).chain(histories));
    let mut touched = Vec::new();
    for subject in subjects.values().filter(|s| s.changed) {
        match &subject.state {
            Some(state) => change.steps.extend(state.restanding(&subject.records, today)),
            None => change.push(Step::Standing(Standing::of(
                &subject.code,
                subject.new_person_terms.as_ref(),
                &subject.records,
                today,
            ))),
        }
        touched.push(subject.code.as_str());
    }
    if !change.is_empty() {
        // Every write is in the audit chain (Art. 19–20), in the same transaction.
        let subject = match touched.as_slice() {
            [only] => Some(*only),
            _ => None,
        };
        let items = change::items(batch.records.iter().map(|r| r.item_code.as_str()));
        change.audit = Some(AuditAct::new("records.ingest", subject, items));
    }
    Ok((change, result(created, updated, unchanged)))
}

/// `POST /api/v1/records/{id}/subject` body: the record was filed against the wrong
/// subject; this names the right one.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoveRequest {
    /// The right subject.
    pub subject: SubmittedSubject,
    /// Why (Art. 31: the reason of every change).
    pub reason: String,
}

/// The answer to a move: the record and the public codes of both subjects.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct MoveResult {
    /// The record.
    pub record_id: i64,
    /// The subject it was filed against.
    pub from: String,
    /// The subject it now names.
    pub to: String,
}

/// The reason given with a move.
pub const MOVE_REASON: TextLimit = TextLimit { field: "reason", min: 5, max: 500 };

/// Check a move's request: the identifier of the right subject, its name and the reason.
pub fn check_move(request: &MoveRequest) -> Result<SubjectKey, ApiError> {
    forms::SUBJECT_NAME.check(&request.subject.name)?;
    MOVE_REASON.check(&request.reason)?;
    match classify(&request.subject.code) {
        SearchInput::Uscc(code) => Ok(SubjectKey::Organisation(code)),
        SearchInput::ResidentId(id) => Ok(SubjectKey::Person(id)),
        SearchInput::InvalidCode(error) => Err(error.into()),
        _ => Err(ApiError::invalid_parameter(
            "subject.code",
            "须为统一社会信用代码或居民身份证号码",
            "must be a unified social credit code or a resident ID number",
        )),
    }
}

/// Move a record filed against the wrong subject to the right one: the providing
/// department's explicit act (re-submitting never moves a record, see
/// `document_number_in_use`). The record keeps its document number and its history, with
/// an entry saying from which subject to which and why; both subjects' list standing
/// follows from their records after the move. A record under objection, or whose publicity
/// was withdrawn, is not moved: the procedure on it belongs to the subject it names.
#[cfg(feature = "name-index")]
#[allow(clippy::too_many_arguments)]
pub fn plan_move(
    provider: &str,
    record: &Record,
    from: &SubjectState,
    to_key: &SubjectKey,
    to: Option<&SubjectState>,
    request: &MoveRequest,
    today: Date,
    new_handle: impl FnOnce() -> String,
) -> Result<Change, ApiError> {
    if record.provider_department != provider {
        return Err(ApiError::forbidden(
            "只有该记录的提供单位可以更正其信用主体（第十一条、第三十一条）。",
            "Only the department that provided this record may correct its subject (Art. 11, 31).",
        ));
    }
    if record.under_objection || record.publicity.withdrawal.is_some() {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            "该记录正在异议处理中或已撤销公示，请先办结后再更正信用主体。",
            "This record is under objection or its publicity was withdrawn; finish that first, then correct its subject.",
        ));
    }
    let mut change = Change::default();
    let mut new_person_terms = None;
    let to_code = match to {
        Some(state) if state.code == from.code => {
            return Err(ApiError::invalid_parameter(
                "subject.code",
                "与原信用主体相同",
                "is the record's subject already",
            ))
        }
        Some(state) => state.code.clone(),
        None => {
            let code = match to_key {
                SubjectKey::Organisation(code) => code.as_str().to_string(),
                SubjectKey::Person(id) => crate::shards::person_code(id, &new_handle()),
            };
            let new = new_subject(to_key, code.clone(), request.subject.name.trim());
            new_person_terms = new.natural_person.then(|| new.terms.clone());
            change.push(Step::InsertSubject(new));
            code
        }
    };
    let mut moved = record.clone();
    moved.subject_code = to_code.clone();
    moved.subject_is_natural_person = to_key.natural_person();
    moved.publicity.list_removed_on = None;
    change.push(Step::Guard(change::Guard::RecordNotWithdrawn { record_id: record.id }));
    change.push(Step::Guard(change::Guard::OpenObjections { record_id: record.id, except: String::new(), count: 0 }));
    change.push(Step::MoveRecord { record_id: record.id, to_subject: to_code.clone() });
    let reason = format!("更正信用主体：由 {} 改为 {}；{}", from.code, to_code, request.reason.trim());
    change.push(Step::History(HistoryEntry::of(&moved, "provider", provider, reason)));
    let remaining: Vec<&Record> = from.records.iter().filter(|r| r.id != record.id).collect();
    change.steps.extend(from.restanding(remaining, today));
    match to {
        Some(state) => change.steps.extend(state.restanding(state.records.iter().chain([&moved]), today)),
        None => change.push(Step::Standing(Standing::of(&to_code, new_person_terms.as_ref(), [&moved], today))),
    }
    change.audit = Some(AuditAct::new("records.move", Some(&from.code), vec![record.item_code.clone()]));
    Ok(change)
}

#[cfg(all(test, feature = "name-index"))]
mod tests {
    use super::*;
    use crate::change::Guard;
    use crate::disclosure::ListStanding;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    const TODAY: &str = "2026-12-03";
    // Valid GB 32100 codes (check characters worked out by hand: GB 11714 body MA6DJ1XA → 8,
    // then the weighted sum mod 31 → K; MA6DJ1XB → 6, E).
    const ORG_A: &str = "91520102MA6DJ1XA8K";

    fn listing(code: &str, document: &str) -> SubmittedRecord {
        serde_json::from_value(serde_json::json!({
            "subject": { "code": code, "name": "贵阳某某科技有限公司" },
            "item_code": "LST-SERIOUS",
            "document_number": document,
            "title": "列入严重失信主体名单",
            "legal_basis": "《贵州省社会信用条例》第二十五条",
            "decision_date": "2026-12-01",
            "act_end_date": "2026-11-30",
            "valid_until": "2027-09-29"
        }))
        .unwrap()
    }

    fn batch(records: Vec<SubmittedRecord>) -> RecordBatch {
        RecordBatch { records }
    }

    fn standing_of(change: &Change, code: &str) -> Option<ListStanding> {
        change.steps.iter().find_map(|s| match s {
            Step::Standing(s) if s.code == code => Some(s.standing),
            _ => None,
        })
    }

    #[test]
    fn a_new_subjects_listing_is_planned_with_its_standing_history_and_audit() {
        let code = Uscc::parse(ORG_A).unwrap();
        let b = batch(vec![listing(code.as_str(), "黔信〔2026〕1号")]);
        let keys = check_batch(&b, d(TODAY)).unwrap();
        let (change, result) = plan("省发展改革委", &b, &keys, &Held::default(), d(TODAY), || unreachable!()).unwrap();
        assert_eq!(result, BatchResult { created: 1, updated: 0, unchanged: 0 });
        assert!(matches!(&change.steps[0], Step::InsertSubject(s) if s.code == ORG_A && s.category == "enterprise"));
        // Art. 24: listed until valid_until, which comes before 3 years from inclusion.
        let standing = standing_of(&change, ORG_A).expect("standing planned");
        assert_eq!(standing.serious_list_until, Some(d("2027-09-29")));
        assert_eq!(standing.public_list_until, Some(d("2027-09-29")));
        let audit = change.audit.expect("audited");
        assert_eq!((audit.action.as_str(), audit.subject_code.as_deref()), ("records.ingest", Some(ORG_A)));
        assert_eq!(audit.items, vec!["LST-SERIOUS".to_string()]);
    }

    #[test]
    fn a_batchs_steps_come_by_kind_each_in_the_batchs_order() {
        // Storage writes a run of one kind as one statement; the history entries must still
        // follow the upserts they describe, and the standing all of the records.
        let b = batch((1..=3).map(|n| listing(ORG_A, &format!("黔信〔2026〕1{n}号"))).collect());
        let keys = check_batch(&b, d(TODAY)).unwrap();
        let (change, _) = plan("省发展改革委", &b, &keys, &Held::default(), d(TODAY), || unreachable!()).unwrap();
        let kinds: String = change
            .steps
            .iter()
            .map(|s| match s {
                Step::InsertSubject(_) => 'S',
                Step::Guard(_) => 'G',
                Step::UpsertRecord(_) => 'U',
                Step::History(_) => 'H',
                Step::Standing(_) => 'T',
                _ => '?',
            })
            .collect();
        assert_eq!(kinds, "SGGGUUUHHHT");
        let documents: Vec<&str> = change
            .steps
            .iter()
            .filter_map(|s| match s {
                Step::UpsertRecord(w) => Some(w.record.document_number.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(documents, ["黔信〔2026〕11号", "黔信〔2026〕12号", "黔信〔2026〕13号"]);
    }

    #[test]
    fn a_change_of_a_stored_subject_is_guarded_by_the_version_it_was_read_at() {
        let code = Uscc::parse(ORG_A).unwrap();
        let b = batch(vec![listing(code.as_str(), "黔信〔2026〕2号")]);
        let keys = check_batch(&b, d(TODAY)).unwrap();
        let mut held = Held::default();
        held.subjects.insert(
            ORG_A.into(),
            SubjectState { code: ORG_A.into(), version: 7, records: Vec::new(), person_terms: None },
        );
        let (change, _) = plan("省发展改革委", &b, &keys, &held, d(TODAY), || unreachable!()).unwrap();
        assert!(change.steps.contains(&Step::Guard(Guard::SubjectVersion { code: ORG_A.into(), version: 7 })));
        assert!(!change.steps.iter().any(|s| matches!(s, Step::InsertSubject(_))));
    }

    #[test]
    fn a_number_held_for_another_subject_is_refused_and_an_unchanged_one_writes_nothing() {
        let code = Uscc::parse(ORG_A).unwrap();
        let b = batch(vec![listing(code.as_str(), "黔信〔2026〕3号")]);
        let keys = check_batch(&b, d(TODAY)).unwrap();
        let mut held = Held::default();
        held.documents.push(DocumentHolder {
            document_number: "黔信〔2026〕3号".into(),
            uscc: Some("91520102MA6DJ1XB6E".into()),
            id_number: None,
        });
        let error = plan("省发展改革委", &b, &keys, &held, d(TODAY), || unreachable!()).unwrap_err();
        assert_eq!(error.code, ErrorCode::DocumentNumberInUse);
        assert!(error.message_zh.contains("1 条"));

        // The same record again, as stored: nothing to write, nothing to audit.
        let (first, _) = plan("省发展改革委", &b, &keys, &Held::default(), d(TODAY), || unreachable!()).unwrap();
        let stored = first.steps.iter().find_map(|s| match s {
            Step::UpsertRecord(w) => Some(Record { id: 41, ..w.record.clone() }),
            _ => None,
        });
        let mut held = Held::default();
        held.subjects.insert(
            ORG_A.into(),
            SubjectState { code: ORG_A.into(), version: 1, records: vec![stored.unwrap()], person_terms: None },
        );
        held.documents.push(DocumentHolder {
            document_number: "黔信〔2026〕3号".into(),
            uscc: Some(ORG_A.into()),
            id_number: None,
        });
        let (again, result) = plan("省发展改革委", &b, &keys, &held, d(TODAY), || unreachable!()).unwrap();
        assert_eq!(result, BatchResult { created: 0, updated: 0, unchanged: 1 });
        assert!(again.is_empty() && again.audit.is_none());
    }

    #[test]
    fn a_new_natural_person_gets_a_random_handle_and_the_history_never_holds_the_id() {
        // 11010519491231002X: the GB 11643 example number (check character X).
        let id = "11010519491231002X";
        let mut record = listing(id, "黔信〔2026〕4号");
        record.subject.name = "张三".into();
        let b = batch(vec![record]);
        let keys = check_batch(&b, d(TODAY)).unwrap();
        let (change, _) = plan("省发展改革委", &b, &keys, &Held::default(), d(TODAY), || "0123abcd".into()).unwrap();
        assert!(
            matches!(&change.steps[0], Step::InsertSubject(s) if s.code == "np-110105-0123abcd" && s.natural_person)
        );
        let history: Vec<&HistoryEntry> = change
            .steps
            .iter()
            .filter_map(|s| match s {
                Step::History(h) => Some(h),
                _ => None,
            })
            .collect();
        assert_eq!(history.len(), 1);
        assert!(history[0].snapshot.contains("np-110105-0123abcd") && !history[0].snapshot.contains(id));
    }

    #[test]
    fn a_move_refuses_a_record_under_objection_and_plans_both_standings() {
        let to = Uscc::parse(ORG_A).unwrap();
        let record = Record {
            id: 9,
            subject_code: "91520102MA6DJ1XB6E".into(),
            subject_is_natural_person: false,
            item_code: "LST-SERIOUS".into(),
            document_number: "黔信〔2026〕5号".into(),
            title: "列入严重失信主体名单".into(),
            content: String::new(),
            provider_department: "省发展改革委".into(),
            legal_basis: "第二十五条".into(),
            publicity: PublicityFacts {
                decision_date: Some(d("2026-12-01")),
                act_end_date: Some(d("2026-11-30")),
                valid_until: Some(d("2027-09-29")),
                ..PublicityFacts::default()
            },
            persons: Vec::new(),
            under_objection: false,
        };
        let from = SubjectState {
            code: record.subject_code.clone(),
            version: 3,
            records: vec![record.clone()],
            person_terms: None,
        };
        let request = MoveRequest {
            subject: SubmittedSubject { code: ORG_A.into(), name: "贵阳某某科技有限公司".into() },
            reason: "报送时主体填写错误".into(),
        };
        let key = SubjectKey::Organisation(to);
        let objected = Record { under_objection: true, ..record.clone() };
        let refused = plan_move("省发展改革委", &objected, &from, &key, None, &request, d(TODAY), String::new);
        assert_eq!(refused.unwrap_err().code, ErrorCode::Conflict);
        let other = plan_move("市场监管局", &record, &from, &key, None, &request, d(TODAY), String::new);
        assert_eq!(other.unwrap_err().code, ErrorCode::Forbidden);

        let change = plan_move("省发展改革委", &record, &from, &key, None, &request, d(TODAY), String::new).unwrap();
        assert!(change.steps.contains(&Step::Guard(Guard::SubjectVersion { code: from.code.clone(), version: 3 })));
        assert_eq!(standing_of(&change, &from.code), Some(ListStanding::default()), "off every list");
        assert_eq!(standing_of(&change, ORG_A).and_then(|s| s.serious_list_until), Some(d("2027-09-29")));
        assert!(change.steps.contains(&Step::MoveRecord { record_id: 9, to_subject: ORG_A.into() }));
    }
}
