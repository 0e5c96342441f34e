//! Objections (Art. 34): `POST /api/v1/objections`, `GET /api/v1/objections/{id}`,
//! `POST /api/v1/objections/{id}/route`, `…/received` and `…/decision`.
//!
//! Only the credit subject, or a party it authorized in writing, files an objection
//! (Art. 34 ¶1, `shared::objection::check_objector`); anyone else reports an error
//! ([`crate::error_reports`]), which marks nothing. Filing marks the record "under objection" in the same transaction, so the mark shows on
//! every view at once (well inside the 1-working-day deadline). The platform then routes
//! it: to itself for an error of its own collection (decision within 5 working days of
//! receipt), or to the providing department (forwarded within 2 working days, decided
//! within 5 working days of receiving it). The decider — platform staff, or a token of
//! the record's providing department — decides with reasons; a correction changes the
//! record with a history row (Art. 31), and the list standing is recomputed. The platform
//! informs the objector at once through the status page (及时告知), which closes the
//! objection and lifts the mark unless another objection on the record is still open.
//!
//! The procedure and its deadlines are `shared::objection`'s; this module stores it and
//! shows it. Every write is guarded on the state it was decided from, so two decisions
//! racing on one objection cannot both apply.

use crate::audit;
use crate::http::{self, json, read_json, Caching, HandlerResult};
use crate::storage::Db;
use crate::write;
use crate::Ctx;
use gzcredit_shared::api::{
    DecisionRequest, ObjectionRequest, ObjectionStatus, ReceiptConfirmation, RouteRequest, StepView,
};
use gzcredit_shared::error::{ApiError, ErrorCode};
use gzcredit_shared::objection::acts::{self, Held};
use gzcredit_shared::objection::{Objection, Outcome, Routing, State};
use gzcredit_shared::permissions::Action;
use gzcredit_shared::record::Record;
use gzcredit_shared::Date;
use worker::Request;

/// Largest objection body.
const OBJECTION_BODY_LIMIT: usize = 16 * 1024;

/// `POST /api/v1/objections`. The receipt number (`YY` + the day + 10 random hex digits)
/// is what the objector keeps to follow the case, so it is unguessable.
pub async fn file_objection(req: &mut Request, ctx: &Ctx) -> HandlerResult {
    let body: ObjectionRequest = read_json(req, OBJECTION_BODY_LIMIT).await?;
    let id = http::random_number("YY", ctx.today)?;
    let db = ctx.store.holder_of_record(body.record_id).await?.ok_or_else(ApiError::not_found)?;
    let (record_id, objection) = write::commit(ctx, db, || async {
        let record = db.record(body.record_id).await?.ok_or_else(ApiError::not_found)?;
        let (change, objection) = acts::file(&ctx.caller.viewer, &record, &body, &id, ctx.today)?;
        Ok((change, (record.id, objection)))
    })
    .await?;
    json(req, 201, &status_view(&id, record_id, &objection, ctx.today), Caching::Private)
}

/// `GET /api/v1/objections/{id}`: the status page's data. The receipt number is the key;
/// the answer carries no personal data of the objector.
pub async fn objection(req: &Request, ctx: &Ctx, id: &str) -> HandlerResult {
    let (held, record_id) = load(ctx, id).await?;
    json(req, 200, &status_view(id, record_id, &held.objection, ctx.today), Caching::Private)
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
    let route = objection.routing().map(|r| match r {
        Routing::PlatformCollection { .. } => "platform".to_string(),
        Routing::ProvidingUnit { .. } => "provider".to_string(),
    });
    let reason = match objection.decision().map(|d| &d.outcome) {
        Some(Outcome::NotCorrected { reason }) => Some(reason.clone()),
        _ => None,
    };
    ObjectionStatus {
        id: id.into(),
        record_id,
        received_on: objection.received(),
        state: state_name,
        steps,
        outcome,
        route,
        reason,
        provider_received_on: objection.provider_received_on(),
    }
}

fn no_such_receipt() -> ApiError {
    ApiError::new(
        ErrorCode::NotFound,
        "没有这个受理号，请核对后重试。",
        "No objection has this receipt number; check it and retry.",
    )
}

/// The stored objection and its record's id.
async fn load(ctx: &Ctx, id: &str) -> Result<(Held, i64), ApiError> {
    let db = holder(ctx, id).await?;
    load_from(db, id).await
}

/// The database that holds the objection with receipt number `id`.
async fn holder<'a>(ctx: &'a Ctx, id: &str) -> Result<&'a Db, ApiError> {
    if id.len() > 40 || !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(no_such_receipt());
    }
    ctx.store.holder_of_objection(id).await?.ok_or_else(no_such_receipt)
}

/// The stored objection and its record's id, from the database that holds it.
async fn load_from(db: &Db, id: &str) -> Result<(Held, i64), ApiError> {
    let row = db.objection_row(id).await?.ok_or_else(no_such_receipt)?;
    let objection: Objection = serde_json::from_str(&row.state).map_err(http::internal)?;
    Ok((Held { id: row.id, objection, state: row.state }, row.record_id))
}

/// The stored objection and its record.
async fn load_with_record(db: &Db, id: &str) -> Result<(Held, Record), ApiError> {
    let (held, record_id) = load_from(db, id).await?;
    let record = db.record(record_id).await?.ok_or_else(ApiError::not_found)?;
    Ok((held, record))
}

/// `POST /api/v1/objections/{id}/route` (platform staff): to the platform (Art. 34 ¶2
/// (一)) or forwarded to the providing department (二), today.
pub async fn route(req: &mut Request, ctx: &Ctx, id: &str) -> HandlerResult {
    audit::require_admin(ctx)?;
    audit::require(ctx, Action::Objections, None, None).await?;
    let body: RouteRequest = read_json(req, 1024).await?;
    let db = holder(ctx, id).await?;
    let (record_id, objection) = write::commit(ctx, db, || async {
        let (held, record) = load_with_record(db, id).await?;
        let (change, objection) = acts::route(&held, &record, body.route, ctx.today)?;
        Ok((change, (record.id, objection)))
    })
    .await?;
    json(req, 200, &status_view(id, record_id, &objection, ctx.today), Caching::Private)
}

/// `POST /api/v1/objections/{id}/received` (the record's providing department): the day
/// it received the forwarded materials, from which its 5 working days run.
pub async fn received(req: &mut Request, ctx: &Ctx, id: &str) -> HandlerResult {
    let body: ReceiptConfirmation = read_json(req, 1024).await?;
    let db = holder(ctx, id).await?;
    let (_, record) = load_with_record(db, id).await?;
    audit::require(ctx, Action::Objections, None, Some(&record.subject_code)).await?;
    let (record_id, objection) = write::commit(ctx, db, || async {
        let (held, record) = load_with_record(db, id).await?;
        let (change, objection) = acts::receive(&ctx.caller.viewer, &held, &record, &body, ctx.today)?;
        Ok((change, (record.id, objection)))
    })
    .await?;
    json(req, 200, &status_view(id, record_id, &objection, ctx.today), Caching::Private)
}

/// `POST /api/v1/objections/{id}/decision`: decide whether to correct, with reasons; the
/// objector is informed through the status page the same day and the objection closes.
pub async fn decide(req: &mut Request, ctx: &Ctx, id: &str) -> HandlerResult {
    let body: DecisionRequest = read_json(req, OBJECTION_BODY_LIMIT).await?;
    let db = holder(ctx, id).await?;
    let (held, record) = load_with_record(db, id).await?;
    acts::check_decider(&ctx.caller.viewer, &held.objection, &record)?;
    audit::require(ctx, Action::Objections, None, Some(&record.subject_code)).await?;
    let (record_id, objection) = write::commit(ctx, db, || async {
        let (held, record) = load_with_record(db, id).await?;
        let subject = db.subject_state(&record.subject_code).await?.ok_or_else(ApiError::not_found)?;
        let others_open = db.other_open_objections(record.id, id).await?;
        let (change, objection) =
            acts::decide(&ctx.caller.viewer, &held, &record, &subject, others_open, &body, ctx.today)?;
        Ok((change, (record.id, objection)))
    })
    .await?;
    json(req, 200, &status_view(id, record_id, &objection, ctx.today), Caching::Private)
}
