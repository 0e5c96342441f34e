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
use crate::storage::Db;
use crate::write;
use crate::Ctx;
use gzcredit_shared::api::{OverdueList, WithdrawalRequest, WithdrawalView};
use gzcredit_shared::change::SubjectState;
use gzcredit_shared::disclosure::Viewer;
use gzcredit_shared::error::{ApiError, ErrorCode};
use gzcredit_shared::objection::Objection;
use gzcredit_shared::permissions::Action;
use gzcredit_shared::query_window::Ground;
use gzcredit_shared::record::Record;
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
    let body: WithdrawalRequest = read_json(req, 16 * 1024).await?;
    let record_id = record_id(id)?;
    let db = ctx.store.holder_of_record(record_id).await?.ok_or_else(ApiError::not_found)?;
    let (record, _) = load(db, record_id).await?;
    if matches!(ctx.caller.viewer, Viewer::Provider { ref department } if *department == record.provider_department) {
        audit::require(ctx, Action::Withdrawals, None, Some(&record.subject_code)).await?;
    }
    let (number, received) = write::commit(ctx, db, || async {
        let (record, subject) = load(db, record_id).await?;
        let prefix = if body.ground == Ground::Repair { "XF" } else { "CX" };
        let number = http::random_number(prefix, ctx.today)?;
        let (change, received) =
            repair::acts::submit(&ctx.caller.viewer, &record, &subject, &body, &number, ctx.today)?;
        Ok((change, (number, received)))
    })
    .await?;
    let request = (body.document_number.trim(), body.reason.trim());
    let view = view(&number, record_id, &received.withdrawal, request, received.shown_until, ctx.today);
    json(req, 201, &view, Caching::Private)
}

/// The record and its subject as a change needs it.
async fn load(db: &Db, record_id: i64) -> Result<(Record, SubjectState), ApiError> {
    let record = db.record(record_id).await?.ok_or_else(ApiError::not_found)?;
    let subject = db.subject_state(&record.subject_code).await?.ok_or_else(ApiError::not_found)?;
    Ok((record, subject))
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
    let db = ctx.store.holder_of_withdrawal(id).await?.ok_or_else(not_found)?;
    let (row, done) = write::commit(ctx, db, || async {
        let row = db.withdrawal(id).await?.ok_or_else(not_found)?;
        let withdrawal = row.withdrawal().ok_or_else(|| http::internal("unreadable withdrawal row"))?;
        let record = db.record(row.record_id).await?.ok_or_else(ApiError::not_found)?;
        let (change, done) = repair::acts::complete(id, &withdrawal, &record, ctx.today)?;
        Ok((change, (row, done)))
    })
    .await?;
    let body = view(id, row.record_id, &done, (&row.document_number, &row.reason), None, ctx.today);
    json(req, 200, &body, Caching::Private)
}

/// `GET /api/v1/admin/overdue` (platform staff): every late step of open objections,
/// every withdrawal not completed within 3 working days, and every continuing act older
/// than its Art. 33 window, as of today in Asia/Shanghai.
pub async fn overdue(req: &Request, ctx: &Ctx) -> HandlerResult {
    audit::require_admin(ctx)?;
    audit::require(ctx, Action::Supervision, None, None).await?;
    let mut items = Vec::new();
    for row in ctx.store.open_objections(OVERDUE_SCAN).await? {
        // An unreadable stored state is reported in the log, not allowed to hide the rest.
        match serde_json::from_str::<Objection>(&row.state) {
            Ok(objection) => {
                items.extend(supervision::objection_overdue(&row.id, row.record_id, &objection, ctx.today))
            }
            Err(error) => worker::console_error!("objection {}: unreadable state: {error}", row.id),
        }
    }
    for row in ctx.store.open_withdrawals(OVERDUE_SCAN).await? {
        if let Some(item) =
            row.withdrawal().and_then(|w| supervision::withdrawal_overdue(&row.id, row.record_id, &w, ctx.today))
        {
            items.push(item);
        }
    }
    let window_start = ctx.today.add_years(-gzcredit_shared::query_window::DISHONESTY_QUERY_YEARS);
    for record in ctx.store.continuing_acts(window_start, OVERDUE_SCAN).await? {
        items.extend(supervision::continuing_act_review(&record, ctx.today));
    }
    supervision::sort(&mut items);
    audit::record(ctx, "admin.overdue", None, &[], gzcredit_shared::audit::OUTCOME_OK).await?;
    json(req, 200, &OverdueList { as_of: ctx.today, items }, Caching::Private)
}
