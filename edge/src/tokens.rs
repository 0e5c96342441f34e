//! `POST /api/v1/admin/tokens/revoked`: platform staff put a token on the revocation list
//! (`shared::identity::revoke_token`); `auth` refuses a listed token on every request.

use crate::http::{json, read_json, Caching, HandlerResult};
use crate::{audit, write, Ctx};
use gzcredit_shared::change::Change;
use gzcredit_shared::identity::{self, TokenRevocation};
use worker::Request;

/// `POST /api/v1/admin/tokens/revoked` with `{jti, reason}`: 201, and the token is refused
/// from the next request on. Revoking a listed token again changes nothing.
pub async fn revoke(req: &mut Request, ctx: &Ctx) -> HandlerResult {
    audit::require_admin(ctx)?;
    let body: TokenRevocation = read_json(req, 4 * 1024).await?;
    let change = write::commit(ctx, ctx.store.directory(), || async {
        identity::revoke_token(&body).map(|change| (change.clone(), change))
    })
    .await?;
    // Every shard's writes check the list inside their own batch (`storage::Db::apply`'s
    // token guard), so every shard holds it too; the audit entry is the directory's.
    let listed = Change { audit: None, ..change };
    for db in ctx.store.shards().into_iter().filter(|db| !std::ptr::eq(*db, ctx.store.directory())) {
        write::apply_unaudited(ctx, db, &listed).await?;
    }
    #[derive(serde::Serialize)]
    struct Revoked<'a> {
        jti: &'a str,
        revoked: bool,
    }
    json(req, 201, &Revoked { jti: body.jti.trim(), revoked: true }, Caching::Private)
}
