//! `POST /api/v1/objections` and `GET /api/v1/objections/{id}` (Art. 34).
//!
//! Filing marks the record "under objection" in the same transaction, so the mark shows on
//! every view at once (well inside the 1-working-day deadline). The procedure and its
//! deadlines are `shared::objection`'s; this module stores it and shows it.

use crate::http::{self, json, read_json, Caching, HandlerResult};
use crate::storage::{int, text, Db};
use crate::Ctx;
use gzcredit_shared::api::{ObjectionRequest, ObjectionStatus, StepView};
use gzcredit_shared::disclosure::present_record;
use gzcredit_shared::error::{ApiError, ErrorCode};
use gzcredit_shared::objection::{Channel, Objection, State};
use gzcredit_shared::Date;
use serde::Deserialize;
use worker::Request;

/// Largest objection body.
const OBJECTION_BODY_LIMIT: usize = 16 * 1024;

fn check_length(field: &str, value: &str, min: usize, max: usize) -> Result<(), ApiError> {
    let n = value.trim().chars().count();
    if n < min || n > max {
        return Err(ApiError::invalid_parameter(
            field,
            format!("长度应为 {min} 到 {max} 个字符"),
            format!("must be {min} to {max} characters long"),
        ));
    }
    Ok(())
}

/// A receipt number: `YY` + the day + 10 random hex digits. It is what the objector keeps
/// to follow the case, so it is unguessable.
fn receipt_number(today: Date) -> String {
    let mut bytes = [0u8; 5];
    let crypto = js_sys::Reflect::get(&js_sys::global(), &"crypto".into()).ok();
    let filled = crypto
        .and_then(|c| {
            let array = js_sys::Uint8Array::new_with_length(5);
            let get = js_sys::Reflect::get(&c, &"getRandomValues".into()).ok()?;
            let get: js_sys::Function = get.into();
            get.call1(&c, &array).ok()?;
            array.copy_to(&mut bytes);
            Some(())
        })
        .is_some();
    if !filled {
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    let (y, m, d) = today.ymd();
    format!("YY{y:04}{m:02}{d:02}{}", http::hex(&bytes).to_uppercase())
}

/// `POST /api/v1/objections`.
pub async fn file_objection(req: &mut Request, ctx: &Ctx) -> HandlerResult {
    let body: ObjectionRequest = read_json(req, OBJECTION_BODY_LIMIT).await?;
    check_length("objector.name", &body.objector.name, 1, 50)?;
    check_length("objector.contact", &body.objector.contact, 3, 100)?;
    check_length("reason", &body.reason, 5, 2000)?;
    check_length("evidence", &body.evidence, 0, 2000)?;
    // One can only object to what one can see; anything else is "not found".
    let record = ctx.db.record(body.record_id).await?.ok_or_else(ApiError::not_found)?;
    if present_record(&ctx.caller.viewer, &record, ctx.today).is_none() {
        return Err(ApiError::not_found());
    }
    let mut objection = Objection::receive(Channel::ProvincialPlatform, ctx.today);
    objection.mark(ctx.today)?;
    let id = receipt_number(ctx.today);
    let state = serde_json::to_string(&objection).map_err(http::internal)?;
    let at = String::from(js_sys::Date::new(&(ctx.now_millis as f64).into()).to_iso_string());
    let db = &ctx.db;
    db.batch(vec![
        db.statement(
            "INSERT INTO objections (id, record_id, objector_name, objector_contact, reason, evidence, received_on, filed_at, state) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            &[
                text(&id),
                int(record.id),
                text(body.objector.name.trim()),
                text(body.objector.contact.trim()),
                text(body.reason.trim()),
                text(body.evidence.trim()),
                text(&ctx.today.to_string()),
                text(&at),
                text(&state),
            ],
        )?,
        db.statement("UPDATE records SET under_objection = 1, updated_at = ?2 WHERE id = ?1", &[int(record.id), text(&at)])?,
        db.statement(
            "INSERT INTO record_history (record_id, changed_at, actor_role, actor, reason, snapshot) \
             SELECT id, ?2, 'platform', 'objection', ?3, json_object('under_objection', 1) FROM records WHERE id = ?1",
            &[int(record.id), text(&at), text(&format!("异议标注（第三十四条），受理号 {id}"))],
        )?,
    ])
    .await?;
    let status = status_view(&id, record.id, &objection, ctx.today);
    json(req, 201, &status, Caching::Private)
}

#[derive(Deserialize)]
struct ObjectionRow {
    record_id: i64,
    state: String,
}

async fn load(db: &Db, id: &str) -> Result<Option<(i64, Objection)>, ApiError> {
    let rows: Vec<ObjectionRow> = db.rows("SELECT record_id, state FROM objections WHERE id = ?1", &[text(id)]).await?;
    match rows.into_iter().next() {
        None => Ok(None),
        Some(row) => {
            let objection: Objection = serde_json::from_str(&row.state).map_err(http::internal)?;
            Ok(Some((row.record_id, objection)))
        }
    }
}

/// `GET /api/v1/objections/{id}`: the status page's data. The receipt number is the key;
/// the answer carries no personal data of the objector.
pub async fn objection(req: &Request, ctx: &Ctx, id: &str) -> HandlerResult {
    if id.len() > 40 || !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(ApiError::new(
            ErrorCode::NotFound,
            "没有这个受理号，请核对后重试。",
            "No objection has this receipt number; check it and retry.",
        ));
    }
    let (record_id, objection) = load(&ctx.db, id).await?.ok_or_else(|| {
        ApiError::new(
            ErrorCode::NotFound,
            "没有这个受理号，请核对后重试。",
            "No objection has this receipt number; check it and retry.",
        )
    })?;
    json(req, 200, &status_view(id, record_id, &objection, ctx.today), Caching::Private)
}

fn status_view(id: &str, record_id: i64, objection: &Objection, today: Date) -> ObjectionStatus {
    let overdue = objection.overdue(today);
    let steps = objection
        .deadlines()
        .into_iter()
        .map(|d| StepView {
            step: serde_json::to_value(d.step).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default(),
            label_zh: d.step.name_zh().into(),
            label_en: d.step.name_en().into(),
            due: d.due.map(|a| a.value),
            provisional: d.due.is_some_and(|a| a.provisional),
            done_on: d.done_on,
            overdue: overdue.iter().any(|o| o.step == d.step),
        })
        .collect();
    let state = objection.state();
    let outcome = match &state {
        State::Decided { outcome, .. } => {
            serde_json::to_value(outcome).ok().and_then(|v| v.get("outcome").and_then(|o| o.as_str()).map(String::from))
        }
        _ => objection
            .decision()
            .and_then(|d| serde_json::to_value(&d.outcome).ok())
            .and_then(|v| v.get("outcome").and_then(|o| o.as_str()).map(String::from)),
    };
    let state_name = serde_json::to_value(&state)
        .ok()
        .and_then(|v| v.get("state").and_then(|s| s.as_str()).map(String::from))
        .unwrap_or_default();
    ObjectionStatus { id: id.into(), record_id, received_on: objection.received(), state: state_name, steps, outcome }
}
