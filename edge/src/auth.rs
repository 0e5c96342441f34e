//! Bearer tokens: verify the Ed25519 signature with a trusted key, then let `shared`
//! turn the claims into a viewer. No token is the public.

use crate::storage::Db;
use ed25519_dalek::{Signature, VerifyingKey};
use gzcredit_shared::disclosure::Viewer;
use gzcredit_shared::error::{ApiError, ErrorCode};
use gzcredit_shared::identity::{base64url_decode, parse_token, Claims, Role};
use gzcredit_shared::matter::Matter;
use gzcredit_shared::permissions::StaffPermissions;
use gzcredit_shared::Date;

/// Who is asking, and the token id to audit it by.
pub struct Caller {
    /// The viewer the rules see.
    pub viewer: Viewer,
    /// The verified claims, if a token was presented.
    pub claims: Option<Claims>,
    /// The matter the request names (`?matter=`), if any.
    pub matter: Option<Matter>,
    /// A verified token that may not make this request (e.g. an agency outside its
    /// published matters, Art. 16 ¶2, or a revoked authorization): the request is
    /// refused, and — the caller being known — the refusal is audited (Art. 20).
    pub refusal: Option<ApiError>,
}

impl Caller {
    /// Token id (`-` for the public).
    pub fn token_id(&self) -> &str {
        self.claims.as_ref().map_or("-", |c| c.jti.as_str())
    }

    /// The verified token's id, if a token was presented (the one the revocation list
    /// names).
    pub fn token(&self) -> Option<&str> {
        self.claims.as_ref().map(|c| c.jti.as_str())
    }

    /// The acting account (`-` for the public).
    pub fn account(&self) -> &str {
        self.claims.as_ref().map_or("-", |c| c.sub.as_str())
    }

    /// The staff member's own query permissions (Art. 19), if the token narrows them.
    pub fn permissions(&self) -> Option<&StaffPermissions> {
        self.claims.as_ref().and_then(|c| c.permissions.as_ref())
    }
}

/// The answer to a token on the revocation list (`Db::token_revoked`). The list is not
/// read here but alongside the request (`handle` in `lib.rs`), and every write guards
/// against it inside its own batch (`Db::apply`), so that no request waits for it first.
pub fn revoked() -> ApiError {
    invalid("已被吊销，请重新登录", "it has been revoked; sign in again")
}

fn invalid(zh: &str, en: &str) -> ApiError {
    ApiError::new(ErrorCode::InvalidToken, format!("访问令牌无效：{zh}"), format!("invalid access token: {en}"))
}

/// Verify the `Authorization` header, if any.
///
/// `keys` is the comma-separated list of trusted public keys (base64url, 32 bytes each);
/// `issuer` the expected `iss`. Whether the token is revoked is not checked here: see
/// [`revoked`].
pub async fn caller(
    authorization: Option<String>,
    keys: &str,
    issuer: &str,
    matter: Option<Matter>,
    db: &Db,
    now_millis: i64,
    today: Date,
) -> Result<Caller, ApiError> {
    let Some(header) = authorization else {
        return Ok(Caller { viewer: Viewer::Public, claims: None, matter, refusal: None });
    };
    let token = header
        .strip_prefix("Bearer ")
        .ok_or_else(|| invalid("须为 Bearer 令牌", "use `Authorization: Bearer <token>`"))?
        .trim();
    let unverified = parse_token(token)?;
    let signature =
        Signature::from_slice(&unverified.signature).map_err(|_| invalid("签名格式错误", "bad signature"))?;
    let trusted = keys
        .split(',')
        .filter_map(|k| base64url_decode(k.trim()))
        .filter_map(|bytes| <[u8; 32]>::try_from(bytes).ok())
        .filter_map(|bytes| VerifyingKey::from_bytes(&bytes).ok())
        .any(|key| key.verify_strict(unverified.signed.as_bytes(), &signature).is_ok());
    if !trusted {
        return Err(invalid("签名不可信", "it is not signed by a trusted issuer"));
    }
    let claims = unverified.claims;
    if claims.iss != issuer {
        return Err(invalid("签发者不可信", "unknown issuer"));
    }
    claims.check_time(now_millis.div_euclid(1000))?;
    let grant = match (&claims.role, &claims.grant) {
        (Role::Authorized, Some(id)) => db.grant(id).await?,
        _ => None,
    };
    match claims.viewer(matter, grant, today) {
        Ok(viewer) => Ok(Caller { viewer, claims: Some(claims), matter, refusal: None }),
        Err(error) if error.code == ErrorCode::Forbidden => {
            Ok(Caller { viewer: Viewer::Public, claims: Some(claims), matter, refusal: Some(error) })
        }
        Err(error) => Err(error),
    }
}
