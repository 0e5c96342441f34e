//! `POST /api/v1/records`: a data provider submits a batch of records (Art. 11–13).
//!
//! The batch is checked whole by `shared::submission` (nothing is written unless all of it
//! is valid); the subjects it names and the document numbers it uses are loaded; `shared`
//! plans the change (subjects new to the platform with their search index, records upserted
//! by provider + document number, one history entry per change, each subject's list
//! standing, the audit entry); `storage` applies it in one batch.

use crate::http::{self, read_json, HandlerResult};
use crate::storage::Db;
use crate::write;
use crate::Ctx;
use gzcredit_shared::api::RecordBatch;
use gzcredit_shared::change::{Change, Step};
use gzcredit_shared::disclosure::Viewer;
use gzcredit_shared::error::{ApiError, ErrorCode};
use gzcredit_shared::submission::{self, BatchResult, Held, MoveRequest, MoveResult, SubjectKey};
use worker::Request;

/// Largest body accepted.
pub const BATCH_BODY_LIMIT: usize = 1024 * 1024;

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
    let keys = submission::check_batch(&batch, ctx.today)?;
    // One part per database of the subjects named, each written atomically in turn. Every
    // part is planned first, so that a refusal of any part writes nothing of the batch. A
    // part that then fails to write leaves the parts before it written; sending the same
    // batch again writes the rest and nothing twice (records are upserted by provider and
    // document number).
    let parts = ctx.store.split(&keys);
    if parts.len() > 1 {
        futures_util::future::try_join_all(
            parts.iter().map(|(db, indexes)| plan_part(ctx, db, &provider, &batch, &keys, indexes)),
        )
        .await?;
    }
    let last = parts.len().saturating_sub(1);
    let mut result = BatchResult { created: 0, updated: 0, unchanged: 0 };
    for (n, (db, indexes)) in parts.iter().enumerate() {
        // Test runs inject a failure into the last part, after the others are written.
        let fault = if n == last { ctx.fault } else { None };
        let written =
            write::commit_part(ctx, db, fault, || plan_part(ctx, db, &provider, &batch, &keys, indexes)).await?;
        result.created += written.created;
        result.updated += written.updated;
        result.unchanged += written.unchanged;
    }
    let body = serde_json::to_vec(&result).map_err(http::internal)?;
    let headers = worker::Headers::new();
    http::set(&headers, "Content-Type", "application/json; charset=utf-8");
    http::set(&headers, "Cache-Control", "no-store");
    let status = if result.created > 0 { 201 } else { 200 };
    Ok(worker::Response::from_bytes(body).map_err(http::internal)?.with_status(status).with_headers(headers))
}

/// The change that the records `indexes` of a checked batch make in their database `db`,
/// planned from its rows as they are; a refusal names the records by their place in the
/// whole batch.
async fn plan_part(
    ctx: &Ctx,
    db: &Db,
    provider: &str,
    batch: &RecordBatch,
    keys: &[SubjectKey],
    indexes: &[usize],
) -> Result<(Change, BatchResult), ApiError> {
    let part = RecordBatch { records: indexes.iter().map(|&i| batch.records[i].clone()).collect() };
    let keys: Vec<SubjectKey> = indexes.iter().map(|&i| keys[i].clone()).collect();
    let documents: Vec<&str> = part.records.iter().map(|r| r.document_number.trim()).collect();
    // Independent reads, sent together. A document number is the provider's once in the
    // province, so its holders are asked of every shard.
    let (subjects, documents) =
        futures_util::future::join(db.subject_states_by_keys(&keys), ctx.store.document_holders(provider, &documents))
            .await;
    let held = Held { subjects: subjects?, documents: documents? };
    // One handle for each natural person new to the platform (at least).
    let new_people = keys.iter().filter(|k| k.natural_person() && !held.subjects.contains_key(k.identifier()));
    let mut handles = new_people.map(|_| http::new_handle()).collect::<Result<Vec<_>, _>>()?;
    submission::plan(provider, &part, &keys, &held, ctx.today, || handles.pop().unwrap_or_default()).map_err(
        |mut error| {
            for detail in &mut error.details {
                detail.index = indexes.get(detail.index).copied().unwrap_or(detail.index);
            }
            error
        },
    )
}

/// `POST /api/v1/records/{id}/subject` (the record's providing department): move a record
/// filed against the wrong subject to the right one (`shared::submission::plan_move`).
pub async fn move_record(req: &mut Request, ctx: &Ctx, id: &str) -> HandlerResult {
    let provider = match &ctx.caller.viewer {
        Viewer::Provider { department } => department.clone(),
        Viewer::Public => return Err(ApiError::sign_in_required()),
        _ => {
            return Err(ApiError::forbidden(
                "只有信用信息提供单位可以更正记录的信用主体（第十一条）。",
                "Only data-providing departments may correct a record's subject (Art. 11).",
            ))
        }
    };
    let record_id = id.parse::<i64>().ok().filter(|id| *id > 0).ok_or_else(ApiError::not_found)?;
    let body: MoveRequest = read_json(req, 16 * 1024).await?;
    let to_key = submission::check_move(&body)?;
    let db = ctx.store.holder_of_record(record_id).await?.ok_or_else(ApiError::not_found)?;
    // Another department's record is "not found" before anything else is said of it (not
    // even that it is held in another region's database).
    let own = db.record(record_id).await?.filter(|r| r.provider_department == provider);
    own.ok_or_else(ApiError::not_found)?;
    if !std::ptr::eq(db, ctx.store.of_key(&to_key)) {
        return Err(other_database());
    }
    let moved = write::commit(ctx, db, || async {
        // Another department's record is "not found": its existence is not told.
        let record = db.record(record_id).await?.filter(|r| r.provider_department == provider);
        let record = record.ok_or_else(ApiError::not_found)?;
        let from = db.subject_state(&record.subject_code).await?.ok_or_else(ApiError::not_found)?;
        let to = db.subject_state_by_key(&to_key).await?;
        let handle = match (&to, &to_key) {
            (None, SubjectKey::Person(_)) => http::new_handle()?,
            _ => String::new(),
        };
        let change =
            submission::plan_move(&provider, &record, &from, &to_key, to.as_ref(), &body, ctx.today, || handle)?;
        let to_code = match &change.steps.iter().find_map(|s| match s {
            Step::MoveRecord { to_subject, .. } => Some(to_subject.clone()),
            _ => None,
        }) {
            Some(code) => code.clone(),
            None => return Err(http::internal("a move without its step")),
        };
        Ok((change, MoveResult { record_id, from: from.code, to: to_code }))
    })
    .await?;
    http::json(req, 200, &moved, http::Caching::Private)
}

/// A record cannot move to a subject held in another database (a sharded deployment
/// writes one database atomically): the department withdraws it from the wrong subject
/// and files it on the right one.
fn other_database() -> ApiError {
    ApiError::new(
        ErrorCode::Conflict,
        "正确的信用主体登记在另一地区的数据库中，不能直接改挂：请先撤回该记录（说明理由），再向正确的主体重新报送。",
        "The right subject is held in another region's database, so the record cannot move there: \
         withdraw it from this subject with a reason, then file it on the right one.",
    )
}
