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
use crate::storage::{int, opt_text, text, Db};
use crate::Ctx;
use gzcredit_shared::api::{
    check_text_length, DecisionOutcome, DecisionRequest, ObjectionRequest, ObjectionStatus, ReceiptConfirmation,
    RouteChoice, RouteRequest, StepView,
};
use gzcredit_shared::disclosure::present_record;
use gzcredit_shared::disclosure::{Record, Viewer};
use gzcredit_shared::error::{ApiError, ErrorCode};
use gzcredit_shared::objection::{
    apply_corrections, check_objector, Channel, Decider, Objection, ObjectionError, Outcome, Routing, State,
};
use gzcredit_shared::permissions::Action;
use gzcredit_shared::Date;
use serde::Deserialize;
use worker::Request;

/// Largest objection body.
const OBJECTION_BODY_LIMIT: usize = 16 * 1024;

/// A receipt number: `YY` + the day + 10 random hex digits. It is what the objector keeps
/// to follow the case, so it is unguessable.
fn receipt_number(today: Date) -> String {
    http::random_number("YY", today)
}

/// `POST /api/v1/objections`.
pub async fn file_objection(req: &mut Request, ctx: &Ctx) -> HandlerResult {
    let body: ObjectionRequest = read_json(req, OBJECTION_BODY_LIMIT).await?;
    check_text_length("objector.name", &body.objector.name, 1, 50)?;
    check_text_length("objector.contact", &body.objector.contact, 3, 100)?;
    check_text_length("reason", &body.reason, 5, 2000)?;
    check_text_length("evidence", &body.evidence, 0, 2000)?;
    // One can only object to what one can see; anything else is "not found".
    let record = ctx.db.record(body.record_id).await?.ok_or_else(ApiError::not_found)?;
    if present_record(&ctx.caller.viewer, &record, ctx.today).is_none() {
        return Err(ApiError::not_found());
    }
    // Art. 34 ¶1: the subject's right; others report errors without marking the record.
    check_objector(&ctx.caller.viewer, &record, ctx.today)?;
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

/// The stored objection, its record and the state text it was read with.
async fn load_for_update(ctx: &Ctx, id: &str) -> Result<(String, Objection, Record), ApiError> {
    if id.len() > 40 || !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(no_such_receipt());
    }
    let row = ctx.db.objection_row(id).await?.ok_or_else(no_such_receipt)?;
    let objection: Objection = serde_json::from_str(&row.state).map_err(http::internal)?;
    let record = ctx.db.record(row.record_id).await?.ok_or_else(ApiError::not_found)?;
    Ok((row.state, objection, record))
}

/// `POST /api/v1/objections/{id}/route` (platform staff): to the platform (Art. 34 ¶2
/// (一)) or forwarded to the providing department (二), today.
pub async fn route(req: &mut Request, ctx: &Ctx, id: &str) -> HandlerResult {
    audit::require_admin(ctx)?;
    audit::require(ctx, Action::Objections, None, None).await?;
    let body: RouteRequest = read_json(req, 1024).await?;
    let (old_state, mut objection, record) = load_for_update(ctx, id).await?;
    match body.route {
        RouteChoice::Platform => objection.route_to_platform(ctx.today)?,
        RouteChoice::Provider => objection.forward_to_provider(ctx.today)?,
    }
    let state = serde_json::to_string(&objection).map_err(http::internal)?;
    let route = match body.route {
        RouteChoice::Platform => "platform",
        RouteChoice::Provider => "provider",
    };
    let db = &ctx.db;
    audit::act(ctx, "objection.route", Some(&record.subject_code), &[&record.item_code], || {
        Ok(vec![
            db.guard("EXISTS (SELECT 1 FROM objections WHERE id = ?1 AND state = ?2)", &[text(id), text(&old_state)])?,
            db.statement(
                "UPDATE objections SET state = ?2, route = ?3 WHERE id = ?1",
                &[text(id), text(&state), text(route)],
            )?,
        ])
    })
    .await?;
    json(req, 200, &status_view(id, record.id, &objection, ctx.today), Caching::Private)
}

/// `POST /api/v1/objections/{id}/received` (the record's providing department): it
/// confirms the day it received the forwarded materials, from which its 5 working days
/// run (Art. 34 ¶2 (二): 「在收到转交的异议材料之日起的五个工作日内」).
pub async fn received(req: &mut Request, ctx: &Ctx, id: &str) -> HandlerResult {
    let body: ReceiptConfirmation = read_json(req, 1024).await?;
    let (old_state, mut objection, record) = load_for_update(ctx, id).await?;
    match &ctx.caller.viewer {
        Viewer::Provider { department } if *department == record.provider_department => {}
        Viewer::Public => return Err(http::sign_in_required()),
        _ => {
            return Err(ApiError::forbidden(
                "只有被转交的信用信息提供单位可以确认收到异议材料（第三十四条第二款第（二）项）。",
                "Only the providing department the materials were forwarded to may confirm receipt (Art. 34 ¶2 (2)).",
            ))
        }
    }
    audit::require(ctx, Action::Objections, None, Some(&record.subject_code)).await?;
    let on = body.received_on.unwrap_or(ctx.today);
    if on > ctx.today {
        return Err(ApiError::invalid_parameter("received_on", "不能晚于今天", "cannot be after today"));
    }
    objection.provider_receives(on).map_err(|e| match e {
        ObjectionError::DateBeforePreviousStep { .. } => ApiError::invalid_parameter(
            "received_on",
            "不能早于转交日期",
            "cannot be before the materials were forwarded",
        ),
        other => other.into(),
    })?;
    let state = serde_json::to_string(&objection).map_err(http::internal)?;
    let db = &ctx.db;
    audit::act(ctx, "objection.received", Some(&record.subject_code), &[&record.item_code], || {
        Ok(vec![
            db.guard("EXISTS (SELECT 1 FROM objections WHERE id = ?1 AND state = ?2)", &[text(id), text(&old_state)])?,
            db.statement("UPDATE objections SET state = ?2 WHERE id = ?1", &[text(id), text(&state)])?,
        ])
    })
    .await?;
    json(req, 200, &status_view(id, record.id, &objection, ctx.today), Caching::Private)
}

/// Who is deciding, as recorded: the staff member or the department.
fn check_decider(ctx: &Ctx, objection: &Objection, record: &Record) -> Result<(String, &'static str), ApiError> {
    let viewer = &ctx.caller.viewer;
    match (objection.decider(), viewer) {
        (None, _) => Err(gzcredit_shared::objection::ObjectionError::NotRouted.into()),
        (_, Viewer::Public) => Err(http::sign_in_required()),
        (Some(Decider::Platform), Viewer::Admin { staff }) => Ok((staff.clone(), "platform")),
        (Some(Decider::ProvidingUnit), Viewer::Provider { department })
            if *department == record.provider_department =>
        {
            Ok((department.clone(), "provider"))
        }
        (Some(Decider::Platform), _) => Err(ApiError::forbidden(
            "该异议属平台归集差错，由省级社会信用体系建设主管部门作出决定（第三十四条第二款第（一）项）。",
            "This objection concerns the platform's own collection; the platform decides it (Art. 34 ¶2 (1)).",
        )),
        _ => Err(ApiError::forbidden(
            "该异议已转交信用信息提供单位，只有该单位可以作出是否更正的决定（第三十四条第二款第（二）项）。",
            "This objection was forwarded to the providing department; only it may decide (Art. 34 ¶2 (2)).",
        )),
    }
}

/// `POST /api/v1/objections/{id}/decision`: decide whether to correct, with reasons; the
/// objector is informed through the status page the same day and the objection closes.
pub async fn decide(req: &mut Request, ctx: &Ctx, id: &str) -> HandlerResult {
    let body: DecisionRequest = read_json(req, OBJECTION_BODY_LIMIT).await?;
    let (old_state, mut objection, record) = load_for_update(ctx, id).await?;
    let (decided_by, actor_role) = check_decider(ctx, &objection, &record)?;
    audit::require(ctx, Action::Objections, None, Some(&record.subject_code)).await?;
    check_text_length("reason", &body.reason, 0, 2000)?;
    let outcome = match body.outcome {
        DecisionOutcome::Corrected => Outcome::Corrected,
        DecisionOutcome::NotCorrected => {
            if body.corrections.is_some() {
                return Err(ApiError::invalid_parameter(
                    "corrections",
                    "不予更正的决定不能附带更正内容",
                    "a decision not to correct carries no corrections",
                ));
            }
            Outcome::NotCorrected { reason: body.reason.trim().to_string() }
        }
    };
    let corrections = body.corrections.clone().filter(|c| !c.is_empty());
    let mut corrected = record.clone();
    if let Some(c) = &corrections {
        apply_corrections(&mut corrected, c)?;
    }
    objection.decide(outcome, ctx.today)?;
    // 及时告知: the status page is how the objector follows the case, so the result is
    // told the moment it is recorded.
    objection.notify(ctx.today)?;
    let state = serde_json::to_string(&objection).map_err(http::internal)?;
    let at = http::iso_now(ctx.now_millis);
    let today = ctx.today.to_string();
    // The list standing follows the corrected record (e.g. a corrected listing period).
    let records_after = match &corrections {
        Some(_) => {
            let subject = ctx.db.subject_by_code(&record.subject_code).await?.ok_or_else(ApiError::not_found)?;
            let mut records = ctx.db.records_of(subject.id, None).await?;
            for r in records.iter_mut().filter(|r| r.id == record.id) {
                *r = corrected.clone();
            }
            Some(records)
        }
        None => None,
    };
    let reason_text = match (&corrections, body.reason.trim()) {
        (_, "") => format!("异议处理（第三十四条），受理号 {id}：予以更正"),
        (_, reason) => format!("异议处理（第三十四条），受理号 {id}：{reason}"),
    };
    let db = &ctx.db;
    audit::act(ctx, "objection.decide", Some(&record.subject_code), &[&record.item_code], || {
        let mut statements = vec![
            db.guard("EXISTS (SELECT 1 FROM objections WHERE id = ?1 AND state = ?2)", &[text(id), text(&old_state)])?,
            db.statement(
                "UPDATE objections SET state = ?2, decided_by = ?3, closed_on = ?4 WHERE id = ?1",
                &[text(id), text(&state), text(&decided_by), text(&today)],
            )?,
        ];
        if corrections.is_some() {
            let date = |d: Option<gzcredit_shared::Date>| d.map(|d| d.to_string());
            let facts = &corrected.publicity;
            statements.push(db.statement(
                "UPDATE records SET title = ?2, content = ?3, legal_basis = ?4, decision_date = ?5, act_end_date = ?6, \
                 valid_until = ?7, penalty_types = ?8, updated_at = ?9, act_continuing = ?10 WHERE id = ?1",
                &[
                    int(record.id),
                    text(&corrected.title),
                    text(&corrected.content),
                    text(&corrected.legal_basis),
                    opt_text(date(facts.decision_date).as_deref()),
                    opt_text(date(facts.act_end_date).as_deref()),
                    opt_text(date(facts.valid_until).as_deref()),
                    text(&serde_json::to_string(&facts.penalty_types).map_err(http::internal)?),
                    text(&at),
                    int(i64::from(facts.act_continuing)),
                ],
            )?);
            statements.push(db.statement(
                "INSERT INTO record_history (record_id, changed_at, actor_role, actor, reason, snapshot)                  VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                &[
                    int(record.id),
                    text(&at),
                    text(actor_role),
                    text(&decided_by),
                    text(&reason_text),
                    text(&serde_json::to_string(&corrected).map_err(http::internal)?),
                ],
            )?);
        }
        if let Some(records) = &records_after {
            statements.extend(db.standing_statements(&record.subject_code, records, ctx.today)?);
        }
        // Lift the mark unless another objection on the record is still open.
        statements.push(db.statement(
            "UPDATE records SET under_objection = EXISTS (SELECT 1 FROM objections WHERE record_id = ?1 AND closed_on IS NULL),              updated_at = ?2 WHERE id = ?1",
            &[int(record.id), text(&at)],
        )?);
        statements.push(db.statement(
            "INSERT INTO record_history (record_id, changed_at, actor_role, actor, reason, snapshot)              SELECT id, ?2, 'platform', 'objection', ?3, json_object('under_objection', under_objection) FROM records WHERE id = ?1",
            &[int(record.id), text(&at), text(&format!("异议办结，已告知异议提出者（第三十四条），受理号 {id}"))],
        )?);
        Ok(statements)
    })
    .await?;
    json(req, 200, &status_view(id, record.id, &objection, ctx.today), Caching::Private)
}
