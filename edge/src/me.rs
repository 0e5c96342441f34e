//! The signed-in subject's own pages: who queried my information and the history of my
//! records (Art. 31, right to know), and my written authorizations (Art. 16 ¶3).
//!
//! - `GET /api/v1/me/queries?page=&page_size=`: every audited query of the subject's
//!   information by others — role, organisation, account, time, matter or purpose, items —
//!   newest first.
//! - `GET /api/v1/me/records/{id}/history`: the source and every change of one of its
//!   records.
//! - `GET /api/v1/grants`, `POST /api/v1/grants`, `POST /api/v1/grants/{id}/revoke`.

use crate::http::{self, json, read_json, Caching, HandlerResult};
use crate::write;
use crate::Ctx;
use gzcredit_shared::api::{
    GrantList, GrantRequest, GrantView, HistoryEntry, Paging, QueriesPage, QueryView, RecordHistory,
};
use gzcredit_shared::audit::AuditEntry;
use gzcredit_shared::authorization;
use gzcredit_shared::disclosure::{Grant, Viewer};
use gzcredit_shared::error::{ApiError, ErrorCode};
use gzcredit_shared::matter::Matter;
use worker::Request;

/// Most history rows shown for one record.
const HISTORY_LIMIT: u32 = 200;
/// Most authorizations listed.
const GRANT_LIMIT: u32 = 200;

/// The subject code of a subject token; others are refused.
pub fn own_code(ctx: &Ctx) -> Result<String, ApiError> {
    match &ctx.caller.viewer {
        Viewer::Subject { code } => Ok(code.clone()),
        Viewer::Public => Err(http::sign_in_required()),
        _ => Err(ApiError::forbidden(
            "此功能仅供信用主体本人使用（第十六条、第三十一条）。",
            "Only the credit subject itself may use this (Art. 16, 31).",
        )),
    }
}

/// An audit entry as the subject sees it.
pub fn query_view(entry: AuditEntry) -> QueryView {
    let matter_zh = entry.matter.as_deref().and_then(|m| m.parse::<Matter>().ok()).map(|m| m.name_zh().to_string());
    QueryView {
        seq: entry.seq,
        at: entry.at,
        role: entry.viewer_role,
        organisation: entry.organisation,
        account: entry.viewer,
        action: entry.action,
        matter: entry.matter,
        matter_zh,
        purpose: entry.purpose,
        items: serde_json::from_str(&entry.items).unwrap_or_default(),
        outcome: entry.outcome,
    }
}

/// `GET /api/v1/me/queries`.
pub async fn queries(req: &Request, ctx: &Ctx) -> HandlerResult {
    let code = own_code(ctx)?;
    let url = req.url().map_err(http::internal)?;
    let param = |name: &str| url.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned());
    let paging = Paging::parse(param("page").as_deref(), param("page_size").as_deref())?;
    let (entries, total) = ctx.store.queries_of(&code, paging.offset(), paging.page_size).await?;
    let items = entries.into_iter().map(query_view).collect();
    let body = QueriesPage { code, items, page: paging.page, page_size: paging.page_size, total };
    json(req, 200, &body, Caching::Private)
}

/// `GET /api/v1/me/records/{id}/history`.
pub async fn history(req: &Request, ctx: &Ctx, id: &str) -> HandlerResult {
    let code = own_code(ctx)?;
    let id = id.parse::<i64>().ok().filter(|id| *id > 0).ok_or_else(ApiError::not_found)?;
    // Another subject's record is "not found", never "forbidden": its existence is not told.
    let db = ctx.store.of_code(&code);
    let record = db.record(id).await?.filter(|r| r.subject_code == code).ok_or_else(ApiError::not_found)?;
    let entries = db
        .record_history(id, HISTORY_LIMIT)
        .await?
        .into_iter()
        .map(|row| HistoryEntry {
            changed_at: row.changed_at,
            actor_role: row.actor_role,
            actor: row.actor,
            reason: row.reason,
            snapshot: serde_json::from_str(&row.snapshot).unwrap_or(serde_json::Value::Null),
        })
        .collect();
    let body = RecordHistory {
        record_id: record.id,
        item_code: record.item_code,
        provider_department: record.provider_department,
        document_number: record.document_number,
        entries,
    };
    json(req, 200, &body, Caching::Private)
}

fn grant_view(grant: Grant, today: gzcredit_shared::Date) -> GrantView {
    let status = authorization::status(&grant, today);
    GrantView {
        id: grant.id,
        grantee: grant.grantee,
        items: grant.items,
        purpose: grant.purpose,
        valid_from: grant.valid_from,
        valid_until: grant.valid_until,
        revoked_on: grant.revoked_on,
        status,
    }
}

/// `GET /api/v1/grants`: the subject's written authorizations.
pub async fn grants(req: &Request, ctx: &Ctx) -> HandlerResult {
    let code = own_code(ctx)?;
    let items = ctx
        .store
        .directory()
        .grants_of(&code, GRANT_LIMIT)
        .await?
        .into_iter()
        .map(|g| grant_view(g, ctx.today))
        .collect();
    json(req, 200, &GrantList { code, items }, Caching::Private)
}

/// `POST /api/v1/grants`: issue a written authorization (Art. 16 ¶3).
pub async fn issue_grant(req: &mut Request, ctx: &Ctx) -> HandlerResult {
    let code = own_code(ctx)?;
    let body: GrantRequest = read_json(req, 16 * 1024).await?;
    let id = http::random_number("SQ", ctx.today)?;
    let grant =
        write::commit(ctx, ctx.store.directory(), || async { authorization::issue(&code, &body, &id, ctx.today) })
            .await?;
    json(req, 201, &grant_view(grant, ctx.today), Caching::Private)
}

/// `POST /api/v1/grants/{id}/revoke`: from today the authorization is not valid.
pub async fn revoke_grant(req: &Request, ctx: &Ctx, id: &str) -> HandlerResult {
    let code = own_code(ctx)?;
    let not_found =
        || ApiError::new(ErrorCode::NotFound, "没有这份授权书。", "You have issued no authorization with this number.");
    let grant = write::commit(ctx, ctx.store.directory(), || async {
        let grant = ctx.store.directory().grant(id).await?.filter(|g| g.subject_code == code).ok_or_else(not_found)?;
        authorization::revoke_change(&grant, ctx.today)
    })
    .await?;
    json(req, 200, &grant_view(grant, ctx.today), Caching::Private)
}
