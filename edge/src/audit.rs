//! Auditing (Art. 19–20, 31): every query and act beyond the public level is appended to
//! the hash-chained audit log of `shared::audit`, in the same D1 transaction as the act it
//! records where there is one; per-staff permissions are checked here and a refusal is
//! itself audited. `GET /api/v1/admin/audit/verify` walks the chain.

use crate::http::{self, json, Caching, HandlerResult};
use crate::storage::Applied;
use crate::Ctx;
use gzcredit_shared::api::AuditVerification;
use gzcredit_shared::audit::{AuditAct, AuditEntry, ChainVerifier, OUTCOME_OK, OUTCOME_REFUSED};
use gzcredit_shared::catalog::Class;
use gzcredit_shared::change::Change;
use gzcredit_shared::disclosure::Viewer;
use gzcredit_shared::error::ApiError;
use gzcredit_shared::identity::Role;
use gzcredit_shared::permissions::{self, Action};
use worker::Request;

/// The audit entry for an act of the current caller (`None` for the public, whose
/// queries reach only public information and are not audited).
pub fn entry(ctx: &Ctx, action: &str, subject_code: Option<&str>, items: &[&str], outcome: &str) -> Option<AuditEntry> {
    let claims = ctx.caller.claims.as_ref()?;
    let viewer = &ctx.caller.viewer;
    let role = serde_json::to_value(claims.role).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
    let organisation = match viewer {
        Viewer::Agency { agency, .. } => Some(agency.clone()),
        Viewer::Authorized { grant } => Some(grant.grantee.clone()),
        Viewer::Provider { department } => Some(department.clone()),
        // A subject acts for itself: its code marks its own queries (left out of "who
        // queried me").
        Viewer::Subject { code } => Some(code.clone()),
        Viewer::Admin { .. } => None,
        // A refused token: what it claimed to act for.
        Viewer::Public => match claims.role {
            Role::Agency => claims.agency.clone(),
            Role::Provider => claims.provider.clone(),
            Role::Authorized => claims.grant.as_ref().map(|g| format!("grant:{g}")),
            Role::Subject => claims.subject.clone(),
            Role::Admin => None,
        },
    };
    let matter = match viewer {
        Viewer::Agency { matter, .. } => Some(*matter),
        _ => ctx.caller.matter,
    };
    let purpose = match viewer {
        Viewer::Authorized { grant } => Some(grant.purpose.clone()),
        _ => None,
    };
    let mut distinct: Vec<&str> = items.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    Some(AuditEntry {
        seq: 0,
        at: http::iso_now(ctx.now_millis),
        viewer_role: role,
        viewer: ctx.caller.account().to_string(),
        token_id: ctx.caller.token_id().to_string(),
        action: action.to_string(),
        subject_code: subject_code.map(String::from),
        items: serde_json::to_string(&distinct).unwrap_or_else(|_| "[]".into()),
        matter: matter.map(|m| m.as_str().to_string()),
        purpose,
        outcome: outcome.to_string(),
        organisation,
    })
}

/// The audit entry of a write `shared` planned. Every write is in the chain: one by the
/// public (an error report) is recorded as the public's, with no account.
pub fn entry_of_act(ctx: &Ctx, act: &AuditAct) -> AuditEntry {
    let items: Vec<&str> = act.items.iter().map(String::as_str).collect();
    entry(ctx, &act.action, act.subject_code.as_deref(), &items, OUTCOME_OK).unwrap_or_else(|| AuditEntry {
        seq: 0,
        at: http::iso_now(ctx.now_millis),
        viewer_role: "public".into(),
        viewer: "-".into(),
        token_id: "-".into(),
        action: act.action.clone(),
        subject_code: act.subject_code.clone(),
        items: serde_json::to_string(&act.items).unwrap_or_else(|_| "[]".into()),
        matter: None,
        purpose: None,
        outcome: OUTCOME_OK.into(),
        organisation: None,
    })
}

/// Record a query that wrote nothing else.
pub async fn record(
    ctx: &Ctx,
    action: &str,
    subject_code: Option<&str>,
    items: &[&str],
    outcome: &str,
) -> Result<(), ApiError> {
    let Some(entry) = entry(ctx, action, subject_code, items, outcome) else {
        return Ok(());
    };
    let at = http::iso_now(ctx.now_millis);
    match ctx.db.apply(&Change::default(), Some(entry), &at, None).await? {
        Applied::Done => Ok(()),
        Applied::Stale => Err(http::internal("an audit entry alone cannot be stale")),
    }
}

/// Check the staff member's permissions for `action` (and `class`, if the query names
/// one); a refusal is audited before it is returned (Art. 20 (一)).
pub async fn require(
    ctx: &Ctx,
    action: Action,
    class: Option<Class>,
    subject_code: Option<&str>,
) -> Result<(), ApiError> {
    match permissions::check(ctx.caller.permissions(), action, class) {
        Ok(()) => Ok(()),
        Err(refusal) => {
            let items: Vec<&str> = class.map(|c| c.as_str()).into_iter().collect();
            record(ctx, action.as_str(), subject_code, &items, OUTCOME_REFUSED).await?;
            Err(refusal)
        }
    }
}

/// Audit a request refused at the token (an agency outside its matters, a revoked
/// authorization), then return the refusal.
pub async fn refuse(ctx: &Ctx, path: &str, refusal: ApiError) -> ApiError {
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').skip(1).collect();
    let (action, subject) = match segments.as_slice() {
        ["api", "v1", "subjects", code] => ("profile", Some(*code)),
        ["api", "v1", "subjects", code, what] => (*what, Some(*code)),
        _ => ("request", None),
    };
    match record(ctx, action, subject, &[], OUTCOME_REFUSED).await {
        Ok(()) => refusal,
        Err(error) => error,
    }
}

/// The caller must be platform staff.
pub fn require_admin(ctx: &Ctx) -> Result<(), ApiError> {
    match ctx.caller.viewer {
        Viewer::Admin { .. } => Ok(()),
        Viewer::Public => Err(http::sign_in_required()),
        _ => Err(ApiError::forbidden(
            "只有平台工作人员可以进行此操作（第十九条）。",
            "Only platform staff may do this (Art. 19).",
        )),
    }
}

/// `GET /api/v1/admin/audit/verify`: walk the whole chain and report the first broken link.
pub async fn verify(req: &Request, ctx: &Ctx) -> HandlerResult {
    require_admin(ctx)?;
    require(ctx, Action::Supervision, None, None).await?;
    let head = ctx.db.audit_head().await?;
    let mut verifier = ChainVerifier::new();
    let mut after = 0;
    let outcome = loop {
        let page = ctx.db.audit_page(after).await?;
        let Some(last) = page.last() else {
            break Ok(());
        };
        after = last.entry.seq;
        if let Some(error) = page.iter().find_map(|entry| verifier.push(entry).err()) {
            break Err(error);
        }
    };
    let (entries, reached) = (verifier.count(), verifier.reached().clone());
    let result = outcome.and_then(|()| verifier.finish(head.as_ref()));
    let body = match result {
        Ok((entries, head)) => AuditVerification {
            intact: true,
            entries,
            message_zh: format!("审计日志完整：{entries} 条记录，哈希链无断裂。"),
            message_en: format!("The audit log is intact: {entries} entries, no broken link."),
            head,
            first_break: None,
        },
        Err(error) => AuditVerification {
            intact: false,
            entries,
            message_zh: error.message_zh(),
            message_en: error.message_en(),
            head: reached,
            first_break: Some(error),
        },
    };
    // Verifying is itself an act of supervision; it is recorded after the walk so that
    // the walk reads the chain as it was.
    record(ctx, "audit.verify", None, &[], if body.intact { OUTCOME_OK } else { "broken" }).await?;
    json(req, 200, &body, Caching::Private)
}
