//! Every write, one way: load the rows an act needs, let `shared` plan the change, let
//! `storage` apply it in one batch. A change planned from rows that another request
//! changed meanwhile is not applied (its guards fail inside the batch); the act is then
//! planned again from fresh rows, so the answer is always decided on what is stored.

use crate::audit;
use crate::auth;
use crate::http;
use crate::storage::{Applied, Db};
use crate::Ctx;
use core::future::Future;
use gzcredit_shared::change::Change;
use gzcredit_shared::error::{ApiError, ErrorCode};

/// How many times an act is planned again when other writes keep coming first.
const PLAN_ATTEMPTS: u32 = 8;

/// Plan with `plan` (load from `db`, then a `shared` planner) and apply the change with
/// its audit entry to `db` (the database of the subject it changes, or the directory);
/// the planner's answer is returned once the change is written.
pub async fn commit<'a, T, F, Fut>(ctx: &'a Ctx, db: &'a Db, plan: F) -> Result<T, ApiError>
where
    F: Fn() -> Fut,
    Fut: Future<Output = Result<(Change, T), ApiError>>,
{
    commit_part(ctx, db, ctx.fault, plan).await
}

/// [`commit`] with the test-only injected failure given (`fault`): a write of several
/// databases injects it into one part only.
pub async fn commit_part<'a, T, F, Fut>(ctx: &'a Ctx, db: &'a Db, fault: Option<usize>, plan: F) -> Result<T, ApiError>
where
    F: Fn() -> Fut,
    Fut: Future<Output = Result<(Change, T), ApiError>>,
{
    for _ in 0..PLAN_ATTEMPTS {
        // The chain head is read while the plan loads its rows (one round trip less): it
        // only numbers the audit entry, and a head that moved meanwhile makes the append
        // retry with a fresh one.
        let (planned, head) = futures_util::future::join(plan(), db.audit_head()).await;
        let (change, answer) = planned?;
        let head = head?.unwrap_or_default();
        let entries: Vec<_> = change.audit.iter().map(|act| audit::entry_of_act(ctx, act)).collect();
        let at = http::iso_now(ctx.now_millis);
        match db.apply(&change, &entries, &at, Some(head), ctx.caller.token(), fault).await? {
            Applied::Done => return Ok(answer),
            Applied::Stale => continue,
            Applied::Revoked => return Err(auth::revoked()),
        }
    }
    Err(ApiError::new(
        ErrorCode::Conflict,
        "该事项正被他人同时办理，请稍后重试。",
        "Others keep acting on this at the same time; retry shortly.",
    ))
}

/// Apply a change that another database's write already audited (a token revocation
/// copied to every shard): no plan, no audit entry.
pub async fn apply_unaudited(ctx: &Ctx, db: &Db, change: &Change) -> Result<(), ApiError> {
    let at = http::iso_now(ctx.now_millis);
    match db.apply(change, &[], &at, None, ctx.caller.token(), None).await? {
        Applied::Done => Ok(()),
        Applied::Stale => Err(http::internal("an unguarded change was stale")),
        Applied::Revoked => Err(auth::revoked()),
    }
}
