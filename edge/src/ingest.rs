//! `POST /api/v1/records`: a data provider submits a batch of records (Art. 11–13).
//!
//! Validate everything first, write nothing unless all is valid, then write in one D1
//! batch (a transaction): subjects new to the platform with their search index, records
//! upserted by provider + document number (idempotent), one history row per change
//! (Art. 31: source and reason), and the subjects' list standing recomputed from their
//! records by `shared`.

use crate::audit;
use crate::http::{self, read_json, HandlerResult};
use crate::storage::{int, opt_text, text, Identifier};
use crate::Ctx;
use gzcredit_shared::api::{check_text_length, BatchResult, RecordBatch, SubjectCategory, SubmittedRecord, MAX_BATCH};
use gzcredit_shared::catalog;
use gzcredit_shared::disclosure::{Record, Viewer};
use gzcredit_shared::error::{ApiError, ErrorCode, ErrorDetail};
use gzcredit_shared::identifiers::{classify, ResidentId, SearchInput, Uscc};
use gzcredit_shared::personal_data;
use gzcredit_shared::query_window::{self, PublicityFacts};
use gzcredit_shared::search_terms::{grams, name_rank, normalize_name, pinyin_keys};
use gzcredit_shared::Date;
use std::collections::BTreeMap;
use worker::{D1PreparedStatement, Request};

/// Largest body accepted.
pub const BATCH_BODY_LIMIT: usize = 1024 * 1024;

/// The subject a record is about, once its identifier is checked.
#[derive(Clone)]
enum SubjectKey {
    Organisation(Uscc),
    Person(ResidentId),
}

fn detail(index: usize, field: &str, error: ApiError) -> ErrorDetail {
    ErrorDetail {
        index,
        field: Some(field.to_string()),
        code: error.code,
        message_zh: error.message_zh,
        message_en: error.message_en,
    }
}

fn require(index: usize, field: &str, value: &str, max: usize, errors: &mut Vec<ErrorDetail>) {
    if let Err(error) = check_text_length(field, value, 1, max) {
        errors.push(detail(index, field, error));
    }
}

/// Check one record; push every problem found.
fn validate(index: usize, record: &SubmittedRecord, today: Date, errors: &mut Vec<ErrorDetail>) -> Option<SubjectKey> {
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
            if let Some(error) = error {
                errors.push(detail(index, "subject.code", error.into()));
            } else {
                errors.push(detail(
                    index,
                    "subject.code",
                    ApiError::invalid_parameter(
                        "subject.code",
                        "须为统一社会信用代码或居民身份证号码",
                        "must be a unified social credit code or a resident ID number",
                    ),
                ));
            }
            None
        }
    };
    require(index, "subject.name", &record.subject.name, 100, errors);
    require(index, "document_number", &record.document_number, 100, errors);
    require(index, "title", &record.title, 200, errors);
    require(index, "legal_basis", &record.legal_basis, 500, errors);
    if record.content.chars().count() > 5000 {
        errors.push(detail(
            index,
            "content",
            ApiError::invalid_parameter("content", "不超过 5000 个字符", "at most 5000 characters"),
        ));
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
            if item.polarity == catalog::Polarity::Dishonesty
                && matches!(item.window, catalog::QueryWindowRule::ActEnd { .. })
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
        require(index, &format!("{field}.name"), &person.name, 50, errors);
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
        Some(SubjectKey::Person(_)) => true,
        Some(SubjectKey::Organisation(_)) => false,
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

/// `POST /api/v1/records`.
pub async fn submit(req: &mut Request, ctx: &Ctx) -> HandlerResult {
    let provider = match &ctx.caller.viewer {
        Viewer::Provider { department } => department.clone(),
        Viewer::Public => {
            return Err(ApiError::new(
                ErrorCode::InvalidToken,
                "提交信用记录须使用信息提供单位的访问令牌。",
                "Submitting records needs a data provider's token.",
            ))
        }
        _ => {
            return Err(ApiError::forbidden(
                "只有信用信息提供单位可以提交记录（第十一条、第十二条）。",
                "Only data-providing departments may submit records (Art. 11–12).",
            ))
        }
    };
    let batch: RecordBatch = read_json(req, BATCH_BODY_LIMIT).await?;
    if batch.records.is_empty() || batch.records.len() > MAX_BATCH {
        return Err(ApiError::invalid_parameter(
            "records",
            format!("每批 1 到 {MAX_BATCH} 条"),
            format!("a batch holds 1 to {MAX_BATCH} records"),
        ));
    }
    let mut errors = Vec::new();
    let keys: Vec<Option<SubjectKey>> =
        batch.records.iter().enumerate().map(|(i, r)| validate(i, r, ctx.today, &mut errors)).collect();
    let mut seen = std::collections::HashSet::new();
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
    let keys: Vec<SubjectKey> = keys.into_iter().flatten().collect();
    write(ctx, &provider, &batch.records, &keys).await
}

/// A subject touched by the batch: its public code, its records after the batch, and
/// whether the batch changes anything of it (an unchanged re-submission writes nothing).
struct SubjectPlan {
    code: String,
    records: BTreeMap<String, Record>,
    changed: bool,
}

async fn write(ctx: &Ctx, provider: &str, records: &[SubmittedRecord], keys: &[SubjectKey]) -> HandlerResult {
    let db = &ctx.db;
    let at = String::from(js_sys::Date::new(&(ctx.now_millis as f64).into()).to_iso_string());
    let mut plans: BTreeMap<String, SubjectPlan> = BTreeMap::new();
    let mut statements: Vec<D1PreparedStatement> = Vec::new();
    let (mut created, mut updated, mut unchanged) = (0u32, 0u32, 0u32);
    refuse_documents_held_for_others(db, provider, records, keys).await?;

    for (record, key) in records.iter().zip(keys) {
        let identity = match key {
            SubjectKey::Organisation(code) => code.as_str().to_string(),
            SubjectKey::Person(id) => id.as_str().to_string(),
        };
        if !plans.contains_key(&identity) {
            let existing = match key {
                SubjectKey::Organisation(code) => db.subjects_by_identifier(Identifier::Uscc, code.as_str()).await?,
                SubjectKey::Person(id) => db.subjects_by_identifier(Identifier::IdNumber, id.as_str()).await?,
            };
            let plan = match existing.into_iter().next() {
                Some(row) => {
                    let held = db.records_of(row.id, None).await?;
                    let records = held
                        .into_iter()
                        .map(|r| (format!("{}\u{1}{}", r.provider_department, r.document_number), r))
                        .collect();
                    SubjectPlan { code: row.code, records, changed: false }
                }
                None => {
                    let code = match key {
                        SubjectKey::Organisation(code) => code.as_str().to_string(),
                        SubjectKey::Person(_) => format!("np-{}", new_handle()),
                    };
                    statements.extend(new_subject(ctx, key, &code, record.subject.name.trim())?);
                    SubjectPlan { code, records: BTreeMap::new(), changed: true }
                }
            };
            plans.insert(identity.clone(), plan);
        }
        let plan = plans.get_mut(&identity).expect("inserted above");
        let item = catalog::item(&record.item_code).expect("validated");
        let domain = Record {
            id: 0,
            subject_code: plan.code.clone(),
            subject_is_natural_person: matches!(key, SubjectKey::Person(_)),
            item_code: item.code.into(),
            document_number: record.document_number.trim().into(),
            title: record.title.trim().into(),
            content: record.content.trim().into(),
            provider_department: provider.into(),
            legal_basis: record.legal_basis.trim().into(),
            publicity: PublicityFacts {
                decision_date: Some(record.decision_date),
                act_end_date: record.act_end_date,
                act_continuing: record.act_continuing,
                list_removed_on: None,
                valid_until: record.valid_until,
                penalty_types: record.penalty_types.clone(),
                withdrawal: None,
            },
            persons: record.persons.clone(),
            under_objection: false,
        };
        let map_key = format!("{provider}\u{1}{}", domain.document_number);
        let stored = match plan.records.get(&map_key) {
            Some(held) if same_content(held, &domain) => {
                unchanged += 1;
                continue;
            }
            Some(held) => {
                updated += 1;
                let mut merged = domain.clone();
                merged.id = held.id;
                merged.publicity.withdrawal = held.publicity.withdrawal;
                merged.under_objection = held.under_objection;
                merged
            }
            None => {
                created += 1;
                domain
            }
        };
        let reason = record.change_reason.clone().unwrap_or_else(|| "信息提供单位报送".into());
        // A record filed for another subject meanwhile must not be overwritten (the
        // check above read before this batch): the guard rolls the batch back.
        statements.push(db.document_held_only_by(provider, &stored.document_number, &plan.code)?);
        statements.extend(upsert_record(ctx, provider, &plan.code, record, &stored, &at, &reason)?);
        plan.records.insert(map_key, stored);
        plan.changed = true;
    }
    for plan in plans.values().filter(|p| p.changed) {
        statements.extend(db.standing_statements(&plan.code, plan.records.values(), ctx.today)?);
    }
    if !statements.is_empty() {
        // Every write is in the audit chain (Art. 19–20), in the same transaction.
        let mut items: Vec<&str> = records.iter().map(|r| r.item_code.as_str()).collect();
        items.sort_unstable();
        items.dedup();
        let mut changed = plans.values().filter(|p| p.changed);
        let subject = match (changed.next(), changed.next()) {
            (Some(only), None) => Some(only.code.as_str()),
            _ => None,
        };
        audit::act(ctx, "records.ingest", subject, &items, || Ok(statements.clone())).await?;
    }
    let result = BatchResult { created, updated, unchanged };
    let body = serde_json::to_vec(&result).map_err(http::internal)?;
    let headers = worker::Headers::new();
    http::set(&headers, "Content-Type", "application/json; charset=utf-8");
    http::set(&headers, "Cache-Control", "no-store");
    let status = if result.created > 0 { 201 } else { 200 };
    Ok(worker::Response::from_bytes(body).map_err(http::internal)?.with_status(status).with_headers(headers))
}

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

/// Refuse a batch that files a document number this provider already holds for another
/// subject. Re-submitting is how a provider corrects its record; it never moves a record
/// to another subject (that would rewrite the other subject's record and leave both
/// subjects' standing wrong).
async fn refuse_documents_held_for_others(
    db: &crate::storage::Db,
    provider: &str,
    records: &[SubmittedRecord],
    keys: &[SubjectKey],
) -> Result<(), ApiError> {
    let documents: Vec<&str> = records.iter().map(|r| r.document_number.trim()).collect();
    let holders = db.document_holders(provider, &documents).await?;
    let mut details = Vec::new();
    for (index, (record, key)) in records.iter().zip(keys).enumerate() {
        let document = record.document_number.trim();
        let Some(holder) = holders.iter().find(|h| h.document_number == document) else { continue };
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
            "{} 条记录的文号已用于另一信用主体，本批次未写入任何记录。如记录报错了主体，请联系平台撤回原记录后，再向正确的主体报送。",
            details.len()
        ),
        format!(
            "{} record(s) use a document number held for another credit subject; nothing in this batch was written. \
             If a record was filed against the wrong subject, ask the platform to withdraw it, then file it for the right one.",
            details.len()
        ),
    )
    .with_details(details))
}

/// A random handle for a natural person's public code: never derived from the ID number
/// (18-digit IDs are few enough to brute-force any hash of them).
fn new_handle() -> String {
    let mut bytes = [0u8; 8];
    let array = js_sys::Uint8Array::new_with_length(8);
    let crypto = js_sys::Reflect::get(&js_sys::global(), &"crypto".into()).ok();
    if let Some(crypto) = crypto {
        if let Ok(get) = js_sys::Reflect::get(&crypto, &"getRandomValues".into()) {
            let get: js_sys::Function = get.into();
            if get.call1(&crypto, &array).is_ok() {
                array.copy_to(&mut bytes);
            }
        }
    }
    http::hex(&bytes)
}

/// Statements that add a subject and its search index.
fn new_subject(ctx: &Ctx, key: &SubjectKey, code: &str, name: &str) -> Result<Vec<D1PreparedStatement>, ApiError> {
    let db = &ctx.db;
    let normalized = normalize_name(name);
    let rank = name_rank(&normalized);
    let (uscc, id_number, category, region) = match key {
        SubjectKey::Organisation(u) => {
            (Some(u.as_str()), None, SubjectCategory::of(u.subject_type()), u.region_code().to_string())
        }
        SubjectKey::Person(id) => {
            (None, Some(id.as_str()), SubjectCategory::NaturalPerson, id.region_code().to_string())
        }
    };
    let mut statements = vec![db.statement(
        "INSERT INTO subjects (code, uscc, id_number, name, name_norm, name_rank, subject_type, natural_person, region) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        &[
            text(code),
            opt_text(uscc),
            opt_text(id_number),
            text(name),
            text(&normalized),
            int(rank),
            text(category.as_str()),
            int(i64::from(matches!(key, SubjectKey::Person(_)))),
            text(&region),
        ],
    )?];
    statements.push(db.statement(
        // The trigram index's rowid puts the rank in the high bits (search_terms::fts_rowid).
        "INSERT INTO subject_names (rowid, name_norm) SELECT (name_rank << 32) | id, name_norm FROM subjects WHERE code = ?1",
        &[text(code)],
    )?);
    for gram in grams(&normalized) {
        statements.push(db.statement(
            "INSERT OR IGNORE INTO name_grams (gram, name_rank, subject_id) SELECT ?2, ?3, id FROM subjects WHERE code = ?1",
            &[text(code), text(&gram), int(rank)],
        )?);
        statements.push(db.statement(
            "INSERT INTO gram_counts (gram, subjects) VALUES (?1, 1) ON CONFLICT (gram) DO UPDATE SET subjects = subjects + 1",
            &[text(&gram)],
        )?);
    }
    for key in pinyin_keys(&normalized) {
        statements.push(db.statement(
            "INSERT OR IGNORE INTO name_pinyin (key, subject_id) SELECT ?2, id FROM subjects WHERE code = ?1",
            &[text(code), text(&key)],
        )?);
    }
    Ok(statements)
}

/// Statements that insert or update one record and record its history.
fn upsert_record(
    ctx: &Ctx,
    provider: &str,
    subject_code: &str,
    record: &SubmittedRecord,
    stored: &Record,
    at: &str,
    reason: &str,
) -> Result<Vec<D1PreparedStatement>, ApiError> {
    let class = catalog::item(&stored.item_code).map(|i| i.class.as_str()).unwrap_or_default();
    let db = &ctx.db;
    let penalty_types = serde_json::to_string(&record.penalty_types).map_err(http::internal)?;
    let persons = serde_json::to_string(&record.persons).map_err(http::internal)?;
    let extra = serde_json::to_string(&record.extra_fields).map_err(http::internal)?;
    let date = |d: Option<gzcredit_shared::Date>| d.map(|d| d.to_string());
    let upsert = db.statement(
        "INSERT INTO records (subject_id, item_code, class, provider, document_number, title, content, legal_basis, \
           decision_date, act_end_date, valid_until, penalty_types, persons, extra_fields, written_consent, created_at, updated_at, \
           act_continuing) \
         SELECT id, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16, ?17 FROM subjects WHERE code = ?1 \
         ON CONFLICT (provider, document_number) DO UPDATE SET \
           item_code = excluded.item_code, class = excluded.class, title = excluded.title, content = excluded.content, \
           legal_basis = excluded.legal_basis, decision_date = excluded.decision_date, act_end_date = excluded.act_end_date, \
           valid_until = excluded.valid_until, penalty_types = excluded.penalty_types, persons = excluded.persons, \
           extra_fields = excluded.extra_fields, written_consent = excluded.written_consent, updated_at = excluded.updated_at, \
           act_continuing = excluded.act_continuing",
        &[
            text(subject_code),
            text(&record.item_code),
            text(class),
            text(provider),
            text(record.document_number.trim()),
            text(record.title.trim()),
            text(record.content.trim()),
            text(record.legal_basis.trim()),
            text(&record.decision_date.to_string()),
            opt_text(date(record.act_end_date).as_deref()),
            opt_text(date(record.valid_until).as_deref()),
            text(&penalty_types),
            text(&persons),
            text(&extra),
            int(i64::from(record.written_consent)),
            text(at),
            int(i64::from(record.act_continuing)),
        ],
    )?;
    // The record as stored (its public subject code, not the submitted identifier).
    let snapshot = serde_json::to_string(stored).map_err(http::internal)?;
    let history = db.statement(
        "INSERT INTO record_history (record_id, changed_at, actor_role, actor, reason, snapshot) \
         SELECT id, ?3, 'provider', ?1, ?4, ?5 FROM records WHERE provider = ?1 AND document_number = ?2",
        &[text(provider), text(record.document_number.trim()), text(at), text(reason), text(&snapshot)],
    )?;
    Ok(vec![upsert, history])
}
