//! Errors reported by the public: `POST /api/v1/error-reports` and, for platform staff,
//! `GET /api/v1/admin/error-reports`.
//!
//! Art. 34 ¶1 gives the right to object — which marks a record "under objection" on every
//! view — to the credit subject (`shared::objection::check_objector`). A member of the
//! public who spots an error still has a way to say so: a report that reaches the staff
//! and marks nothing. It is rate-limited per client like search, and only a record the
//! reporter can see can be reported.

use crate::audit;
use crate::http::{self, json, read_json, Caching, HandlerResult};
use crate::write;
use crate::Ctx;
use gzcredit_shared::api::{ErrorReportList, ErrorReportReceipt, ErrorReportRequest};
use gzcredit_shared::error::ApiError;
use gzcredit_shared::objection::acts;
use gzcredit_shared::permissions::Action;
use worker::Request;

/// Reports listed at once for staff.
const LIST_LIMIT: u32 = 200;

/// `POST /api/v1/error-reports`.
pub async fn file(req: &mut Request, ctx: &Ctx) -> HandlerResult {
    http::rate_limit_public(req, ctx, "report").await?;
    let body: ErrorReportRequest = read_json(req, 8 * 1024).await?;
    let id = http::random_number("BC", ctx.today)?;
    // The report is the directory's (the staff's list); the record is read where it is.
    let record_id = write::commit(ctx, ctx.store.directory(), || async {
        let (_, record) = ctx.store.record(body.record_id).await?.ok_or_else(ApiError::not_found)?;
        Ok((acts::report_error(&ctx.caller.viewer, &record, &body, &id, ctx.today)?, record.id))
    })
    .await?;
    json(req, 201, &ErrorReportReceipt { id, record_id, received_on: ctx.today }, Caching::Private)
}

/// `GET /api/v1/admin/error-reports` (platform staff): the newest reports.
pub async fn list(req: &Request, ctx: &Ctx) -> HandlerResult {
    audit::require_admin(ctx)?;
    audit::require(ctx, Action::Objections, None, None).await?;
    let items = ctx.store.directory().error_reports(LIST_LIMIT).await?;
    audit::record(ctx, "admin.error_reports", None, &[], gzcredit_shared::audit::OUTCOME_OK).await?;
    json(req, 200, &ErrorReportList { items }, Caching::Private)
}
