//! Auditing (Art. 19–20, 31): every query and act beyond the public level is appended to
//! the hash-chained audit log of `shared::audit`, in the same D1 transaction as the act it
//! records where there is one; per-staff permissions are checked here and a refusal is
//! itself audited. `GET /api/v1/admin/audit/verify` walks the chain, in bounded steps.

use crate::http::{self, json, Caching, HandlerResult};
use crate::storage::{Applied, AUDIT_PAGE};
use crate::Ctx;
use gzcredit_shared::api::AuditVerification;
use gzcredit_shared::audit::{AuditAct, AuditEntry, ChainBreak, ChainHead, ChainVerifier, OUTCOME_OK, OUTCOME_REFUSED};
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
    let entries: Vec<AuditEntry> = entry(ctx, action, subject_code, items, outcome).into_iter().collect();
    append(ctx, &entries).await
}

/// Record a query of each of `subject_codes` (a search: one entry per subject returned,
/// so that each sees it under "who queried me"), in one batch; nothing for the public.
pub async fn record_each(ctx: &Ctx, action: &str, subject_codes: &[&str]) -> Result<(), ApiError> {
    let entries: Vec<AuditEntry> =
        subject_codes.iter().filter_map(|code| entry(ctx, action, Some(code), &[], OUTCOME_OK)).collect();
    append(ctx, &entries).await
}

async fn append(ctx: &Ctx, entries: &[AuditEntry]) -> Result<(), ApiError> {
    if entries.is_empty() {
        return Ok(());
    }
    let at = http::iso_now(ctx.now_millis);
    match ctx.store.directory().apply(&Change::default(), entries, &at, None, ctx.caller.token(), None).await? {
        Applied::Done => Ok(()),
        Applied::Stale => Err(http::internal("an audit entry alone cannot be stale")),
        Applied::Revoked => Err(crate::auth::revoked()),
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

/// Most entries one call of `GET /api/v1/admin/audit/verify` checks: ten pages, a
/// bounded walk (rows read and CPU) however long the log grows. A longer log is walked in
/// steps, each call resuming at the previous one's `next_cursor`.
pub const VERIFY_STEP: u32 = 5_000;

/// Where a step of the walk resumes: the last entry checked (its `seq` and hash) and how
/// many were checked before, as `seq.hash.count`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Cursor {
    reached: ChainHead,
    count: u64,
}

impl Cursor {
    fn encode(&self) -> String {
        format!("{}.{}.{}", self.reached.seq, self.reached.hash, self.count)
    }

    fn parse(text: &str) -> Option<Cursor> {
        let mut parts = text.split('.');
        let (seq, hash, count) = (parts.next()?, parts.next()?, parts.next()?);
        let hash_ok = hash.len() == 64 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        if parts.next().is_some() || !hash_ok {
            return None;
        }
        let reached = ChainHead { seq: seq.parse().ok().filter(|s: &i64| *s >= 0)?, hash: hash.to_string() };
        Some(Cursor { reached, count: count.parse().ok()? })
    }
}

fn bad_cursor() -> ApiError {
    ApiError::invalid_parameter(
        "cursor",
        "不是上一次核验返回的 next_cursor，或该位置的记录已不同",
        "not a next_cursor of an earlier verification, or the entry there has changed",
    )
}

/// The `limit` and `cursor` of a verification request, and the verifier it starts with.
async fn verify_start(req: &Request, ctx: &Ctx) -> Result<(u32, ChainVerifier), ApiError> {
    let url = req.url().map_err(http::internal)?;
    let param = |name: &str| url.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned());
    let limit = match param("limit").filter(|v| !v.is_empty()) {
        None => VERIFY_STEP,
        Some(v) => v.parse().ok().filter(|n| (1..=VERIFY_STEP).contains(n)).ok_or_else(|| {
            ApiError::invalid_parameter("limit", "应为 1 至 5000 的整数", "must be an integer from 1 to 5000")
        })?,
    };
    let Some(text) = param("cursor").filter(|v| !v.is_empty()) else {
        return Ok((limit, ChainVerifier::new()));
    };
    let cursor = Cursor::parse(&text).ok_or_else(bad_cursor)?;
    // The cursor must name an entry as it is stored: a walk resumes after what it checked.
    if cursor.reached != ChainHead::default()
        && ctx.store.directory().audit_hash(cursor.reached.seq).await? != Some(cursor.reached.hash.clone())
    {
        return Err(bad_cursor());
    }
    Ok((limit, ChainVerifier::resume(cursor.reached, cursor.count)))
}

/// Check up to `limit` entries after where `verifier` stands: `Ok(true)` if the log
/// ended within them, `Ok(false)` if the step's budget ran out first, or the first break.
async fn verify_step(
    ctx: &Ctx,
    verifier: &mut ChainVerifier,
    limit: u32,
) -> Result<Result<bool, ChainBreak>, ApiError> {
    let mut remaining = limit;
    while remaining > 0 {
        let asked = remaining.min(AUDIT_PAGE);
        let page = ctx.store.directory().audit_page(verifier.reached().seq, asked).await?;
        if let Some(error) = page.iter().find_map(|entry| verifier.push(entry).err()) {
            return Ok(Err(error));
        }
        if (page.len() as u32) < asked {
            return Ok(Ok(true));
        }
        remaining -= asked;
    }
    Ok(Ok(false))
}

/// `GET /api/v1/admin/audit/verify[?cursor=&limit=]`: walk the chain, at most
/// [`VERIFY_STEP`] entries per call, and report the first broken link. A call that stops
/// before the end answers `complete: false` and the `next_cursor` to carry on with.
pub async fn verify(req: &Request, ctx: &Ctx) -> HandlerResult {
    require_admin(ctx)?;
    require(ctx, Action::Supervision, None, None).await?;
    let (limit, mut verifier) = verify_start(req, ctx).await?;
    let head = ctx.store.directory().audit_head().await?;
    let outcome = verify_step(ctx, &mut verifier, limit).await?;
    let (entries, reached) = (verifier.count(), verifier.reached().clone());
    let result = match outcome {
        Ok(true) => verifier.finish(head.as_ref()).map(Some),
        Ok(false) => Ok(None),
        Err(error) => Err(error),
    };
    let body = match result {
        Ok(Some((entries, head))) => AuditVerification {
            intact: true,
            entries,
            message_zh: format!("审计日志完整：{entries} 条记录，哈希链无断裂。"),
            message_en: format!("The audit log is intact: {entries} entries, no broken link."),
            head,
            first_break: None,
            complete: true,
            next_cursor: None,
        },
        Ok(None) => AuditVerification {
            intact: true,
            entries,
            message_zh: format!("已核验 {entries} 条记录，尚无断裂；日志未核验完，请以 next_cursor 继续。"),
            message_en: format!("{entries} entries checked, no broken link so far; continue with next_cursor."),
            next_cursor: Some(Cursor { reached: reached.clone(), count: entries }.encode()),
            head: reached,
            first_break: None,
            complete: false,
        },
        Err(error) => AuditVerification {
            intact: false,
            entries,
            message_zh: error.message_zh(),
            message_en: error.message_en(),
            head: reached,
            first_break: Some(error),
            complete: true,
            next_cursor: None,
        },
    };
    if body.complete {
        // Verifying is itself an act of supervision, recorded once per walk, at its end:
        // after the walk, so that it reads the chain as it was, and not at every step, so
        // that a walk in small steps is not outrun by its own entries.
        record(ctx, "audit.verify", None, &[], if body.intact { OUTCOME_OK } else { "broken" }).await?;
    }
    json(req, 200, &body, Caching::Private)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_refuse_garbage() {
        let cursor = Cursor { reached: ChainHead { seq: 42, hash: "ab".repeat(32) }, count: 40 };
        assert_eq!(Cursor::parse(&cursor.encode()), Some(cursor));
        for bad in ["", "1", "1.abc.2", &format!("-1.{}.0", "ab".repeat(32)), &format!("1.{}.2.3", "ab".repeat(32))] {
            assert_eq!(Cursor::parse(bad), None, "{bad}");
        }
        assert_eq!(Cursor::parse(&format!("1.{}.2", "AB".repeat(32))), None, "lower-case hex only");
    }
}
