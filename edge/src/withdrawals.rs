//! Withdrawal of publicity — credit repair (Art. 35) and revocation (Art. 36) — and the
//! administrator's overdue list across objections, repairs and revocations.
//!
//! - `POST /api/v1/records/{id}/withdrawal`: the record's providing department submits
//!   the written proof of repair or notice of revocation. The record stops being served
//!   publicly as `shared::query_window` says (revocation and most repairs: from the day
//!   of receipt), the subject's list standing is recomputed, and the withdrawal is kept
//!   with its 3-working-day deadline.
//! - `POST /api/v1/admin/withdrawals/{id}/complete`: platform staff record that the
//!   withdrawal is complete in every system holding the record.
//! - `GET /api/v1/admin/overdue`: everything late today (Asia/Shanghai — the server's
//!   day, never a parameter).

use crate::audit;
use crate::http::{self, json, read_json, Caching, HandlerResult};
use crate::storage::{int, text};
use crate::Ctx;
use gzcredit_shared::api::{OverdueList, WithdrawalRequest, WithdrawalView};
use gzcredit_shared::catalog;
use gzcredit_shared::disclosure::Viewer;
use gzcredit_shared::error::{ApiError, ErrorCode};
use gzcredit_shared::objection::Objection;
use gzcredit_shared::permissions::Action;
use gzcredit_shared::query_window;
use gzcredit_shared::repair::{self, Withdrawal};
use gzcredit_shared::supervision;
use gzcredit_shared::Date;
use worker::Request;

/// Open objections and withdrawals read for the overdue list, each.
const OVERDUE_SCAN: u32 = 500;

fn record_id(text: &str) -> Result<i64, ApiError> {
    text.parse::<i64>().ok().filter(|id| *id > 0).ok_or_else(ApiError::not_found)
}

fn view(
    id: &str,
    record_id: i64,
    w: &Withdrawal,
    request: (&str, &str),
    shown_until: Option<Date>,
    today: Date,
) -> WithdrawalView {
    let due = w.due();
    WithdrawalView {
        id: id.into(),
        record_id,
        ground: w.ground,
        article: w.ground.article().into(),
        received_on: w.received,
        document_number: request.0.into(),
        reason: request.1.into(),
        due: due.value,
        provisional: due.provisional,
        withdrawn_on: w.withdrawn_on,
        overdue: w.overdue(today),
        shown_publicly_until: shown_until,
    }
}

/// `POST /api/v1/records/{id}/withdrawal` (the record's providing department).
pub async fn submit(req: &mut Request, ctx: &Ctx, id: &str) -> HandlerResult {
    let department =
        match &ctx.caller.viewer {
            Viewer::Provider { department } => department.clone(),
            Viewer::Public => return Err(http::sign_in_required()),
            _ => return Err(ApiError::forbidden(
                "信用修复证明和撤销告知由原失信信息提供单位出具（第三十五条、第三十六条）。",
                "Proof of repair and notice of revocation come from the original providing department (Art. 35, 36).",
            )),
        };
    let body: WithdrawalRequest = read_json(req, 16 * 1024).await?;
    let record = ctx.db.record(record_id(id)?).await?.ok_or_else(ApiError::not_found)?;
    if record.provider_department != department {
        // Another department's record: say no more than "not yours".
        return Err(ApiError::forbidden(
            "只有该记录的原提供单位可以出具信用修复证明或撤销告知（第三十五条、第三十六条）。",
            "Only the department that provided this record may submit its repair or revocation (Art. 35, 36).",
        ));
    }
    audit::require(ctx, Action::Withdrawals, None, Some(&record.subject_code)).await?;
    let item = catalog::item(&record.item_code).ok_or_else(ApiError::not_found)?;
    let withdrawal = repair::check_request(item, &record.publicity, &body, ctx.today)?;
    let mut withdrawn = record.clone();
    withdrawn.publicity.withdrawal = Some((withdrawal.ground, withdrawal.received));
    let shown_until = match query_window::publicity(item, &withdrawn.publicity, ctx.today) {
        query_window::Publicity::Live { .. } => {
            query_window::withdrawal_effective_from(item, &withdrawn.publicity).map(|(from, _)| from.add_days(-1))
        }
        query_window::Publicity::Ended { .. } => None,
    };
    let subject = ctx.db.subject_by_code(&record.subject_code).await?.ok_or_else(ApiError::not_found)?;
    let mut records = ctx.db.records_of(subject.id, None).await?;
    for r in records.iter_mut().filter(|r| r.id == record.id) {
        *r = withdrawn.clone();
    }
    let number = http::random_number(if withdrawal.ground == repair::Ground::Repair { "XF" } else { "CX" }, ctx.today);
    let at = http::iso_now(ctx.now_millis);
    let ground =
        serde_json::to_value(withdrawal.ground).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
    let received = withdrawal.received.to_string();
    let history_reason = format!(
        "{}（{}）：收到{}（{}），撤销公示；{}",
        withdrawal.ground.name_zh(),
        withdrawal.ground.article(),
        withdrawal.ground.document_zh(),
        body.document_number.trim(),
        body.reason.trim()
    );
    let db = &ctx.db;
    audit::act(ctx, &format!("withdrawal.{ground}"), Some(&record.subject_code), &[&record.item_code], || {
        let mut statements = vec![
            // A second submission racing this one: the record must still be unwithdrawn.
            db.guard("EXISTS (SELECT 1 FROM records WHERE id = ?1 AND withdrawal_ground IS NULL)", &[int(record.id)])?,
            db.statement(
                "INSERT INTO withdrawals (id, record_id, ground, received_on, document_number, reason, provider, due_on, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                &[
                    text(&number),
                    int(record.id),
                    text(&ground),
                    text(&received),
                    text(body.document_number.trim()),
                    text(body.reason.trim()),
                    text(&department),
                    text(&withdrawal.due().value.to_string()),
                    text(&at),
                ],
            )?,
            db.statement(
                "UPDATE records SET withdrawal_ground = ?2, withdrawal_received = ?3, updated_at = ?4 WHERE id = ?1",
                &[int(record.id), text(&ground), text(&received), text(&at)],
            )?,
            db.statement(
                "INSERT INTO record_history (record_id, changed_at, actor_role, actor, reason, snapshot) VALUES (?1, ?2, 'provider', ?3, ?4, ?5)",
                &[
                    int(record.id),
                    text(&at),
                    text(&department),
                    text(&history_reason),
                    text(&serde_json::to_string(&withdrawn).map_err(http::internal)?),
                ],
            )?,
        ];
        statements.extend(db.standing_statements(&record.subject_code, &records, ctx.today)?);
        Ok(statements)
    })
    .await?;
    let body = view(
        &number,
        record.id,
        &withdrawal,
        (body.document_number.trim(), body.reason.trim()),
        shown_until,
        ctx.today,
    );
    json(req, 201, &body, Caching::Private)
}

/// `POST /api/v1/admin/withdrawals/{id}/complete` (platform staff): the withdrawal is
/// complete in every system holding the record, today.
pub async fn complete(req: &Request, ctx: &Ctx, id: &str) -> HandlerResult {
    audit::require_admin(ctx)?;
    audit::require(ctx, Action::Withdrawals, None, None).await?;
    let not_found = || ApiError::new(ErrorCode::NotFound, "没有这个撤销公示事项。", "No such withdrawal.");
    if id.len() > 40 || !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(not_found());
    }
    let row = ctx.db.withdrawal(id).await?.ok_or_else(not_found)?;
    let mut withdrawal = row.withdrawal().ok_or_else(|| http::internal("unreadable withdrawal row"))?;
    withdrawal.complete(ctx.today)?;
    let record = ctx.db.record(row.record_id).await?.ok_or_else(ApiError::not_found)?;
    let db = &ctx.db;
    let today = ctx.today.to_string();
    audit::act(ctx, "withdrawal.complete", Some(&record.subject_code), &[&record.item_code], || {
        Ok(vec![
            db.guard("EXISTS (SELECT 1 FROM withdrawals WHERE id = ?1 AND withdrawn_on IS NULL)", &[text(id)])?,
            db.statement("UPDATE withdrawals SET withdrawn_on = ?2 WHERE id = ?1", &[text(id), text(&today)])?,
        ])
    })
    .await?;
    let body = view(id, row.record_id, &withdrawal, (&row.document_number, &row.reason), None, ctx.today);
    json(req, 200, &body, Caching::Private)
}

/// `GET /api/v1/admin/overdue` (platform staff): every late step of open objections,
/// every withdrawal not completed within 3 working days, and every continuing act older
/// than its Art. 33 window, as of today in Asia/Shanghai.
pub async fn overdue(req: &Request, ctx: &Ctx) -> HandlerResult {
    audit::require_admin(ctx)?;
    audit::require(ctx, Action::Supervision, None, None).await?;
    let mut items = Vec::new();
    for row in ctx.db.open_objections(OVERDUE_SCAN).await? {
        // An unreadable stored state is reported in the log, not allowed to hide the rest.
        match serde_json::from_str::<Objection>(&row.state) {
            Ok(objection) => {
                items.extend(supervision::objection_overdue(&row.id, row.record_id, &objection, ctx.today))
            }
            Err(error) => worker::console_error!("objection {}: unreadable state: {error}", row.id),
        }
    }
    for row in ctx.db.open_withdrawals(OVERDUE_SCAN).await? {
        if let Some(item) =
            row.withdrawal().and_then(|w| supervision::withdrawal_overdue(&row.id, row.record_id, &w, ctx.today))
        {
            items.push(item);
        }
    }
    let window_start = ctx.today.add_years(-gzcredit_shared::query_window::DISHONESTY_QUERY_YEARS);
    for record in ctx.db.continuing_acts(window_start, OVERDUE_SCAN).await? {
        items.extend(supervision::continuing_act_review(&record, ctx.today));
    }
    supervision::sort(&mut items);
    audit::record(ctx, "admin.overdue", None, &[], gzcredit_shared::audit::OUTCOME_OK).await?;
    json(req, 200, &OverdueList { as_of: ctx.today, items }, Caching::Private)
}
