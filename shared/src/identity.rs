//! Who a request comes from — the claims of a bearer token (Art. 16, 17, 19), including the
//! staff member's own query permissions ([`crate::permissions`]).
//!
//! Tokens are `base64url(header).base64url(claims).base64url(signature)`, signed with
//! Ed25519 by an issuer the edge trusts. This module holds the claims and the rules that
//! turn them into a [`Viewer`]; the signature itself is checked by the adapter that holds
//! the keys (edge) or made by the one that mints them (xtask), since crypto is I/O-free
//! but not a rule of the regulation.

use crate::audit::AuditAct;
use crate::change::{Change, Step};
use crate::date::Date;
use crate::disclosure::{Grant, Viewer};
use crate::error::{ApiError, ErrorCode};
use crate::forms;
use crate::matter::Matter;
use crate::permissions::StaffPermissions;
use serde::{Deserialize, Serialize};

/// The role a token grants.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The credit subject itself (Art. 16 ¶1, 31).
    Subject,
    /// A holder of a subject's written authorization (Art. 16 ¶3).
    Authorized,
    /// A government agency (Art. 16 ¶2, 17).
    Agency,
    /// A data-providing department (Art. 11–12).
    Provider,
    /// Platform staff (Art. 19).
    Admin,
}

impl Role {
    /// The longest lifetime (`exp - iat`, seconds) a token of the role may have: a leaked
    /// token of staff acting for a unit (agency, provider, platform) is good for an hour
    /// at most, one of a subject or an authorized party for a day.
    pub fn max_lifetime_seconds(self) -> i64 {
        match self {
            Role::Agency | Role::Provider | Role::Admin => 3600,
            Role::Subject | Role::Authorized => 86_400,
        }
    }
}

/// Issuer of the development tokens that `cargo xtask token` mints.
pub const DEV_ISSUER: &str = "gzcredit-dev";

/// Public key (base64url) of the development token key. Its seed is published in the
/// repository, so anyone can mint tokens it verifies: a production worker refuses to
/// run with it ([`check_production_trust`]).
pub const DEV_PUBLIC_KEY: &str = "OqUL7N40JHb2i8yE7_75rh2gIzY-NTTlH7QSwLEZKiA";

/// Whether a worker in `environment` may trust tokens of `issuer` signed by `keys` (the
/// comma-separated `TOKEN_PUBLIC_KEYS`): in production neither the development issuer
/// nor its key, and some key at all. The error says what to fix.
pub fn check_production_trust(environment: &str, issuer: &str, keys: &str) -> Result<(), String> {
    if environment != "production" {
        return Ok(());
    }
    if issuer.trim() == DEV_ISSUER {
        return Err(format!(
            "TOKEN_ISSUER is the development issuer {DEV_ISSUER:?}: set the production issuer (docs/deploy.md)"
        ));
    }
    if keys.split(',').any(|k| k.trim() == DEV_PUBLIC_KEY) {
        return Err(
            "TOKEN_PUBLIC_KEYS contains the development key, whose seed is public: remove it (docs/deploy.md)".into()
        );
    }
    if keys.split(',').all(|k| k.trim().is_empty()) || issuer.trim().is_empty() {
        return Err("TOKEN_PUBLIC_KEYS or TOKEN_ISSUER is not set (docs/deploy.md)".into());
    }
    Ok(())
}

/// The signed claims of a token.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claims {
    /// Issuer; must be one the edge trusts.
    pub iss: String,
    /// Token id, recorded in the audit log.
    pub jti: String,
    /// The role.
    pub role: Role,
    /// The staff member or account acting (Art. 19 (2): per-staff permissions).
    pub sub: String,
    /// Role `subject`: the subject's public code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Role `authorized`: the grant number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant: Option<String>,
    /// Role `authorized`: the party the grant was issued to, as the grant names it. The
    /// issuer signs it after verifying who the holder is; a grant is usable only by its
    /// grantee, whatever token carries its number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grantee: Option<String>,
    /// Role `agency`: the agency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
    /// Role `agency`: the matters it may query for (its published list, Art. 16 ¶2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub matters: Vec<Matter>,
    /// Role `provider`: the department.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// The staff member's own query permissions (Art. 19 (二)); absent: the role's full
    /// scope. See [`crate::permissions`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<StaffPermissions>,
    /// Issued at, Unix seconds.
    pub iat: i64,
    /// Expires at, Unix seconds.
    pub exp: i64,
}

fn invalid(zh: &str, en: &str) -> ApiError {
    ApiError::new(ErrorCode::InvalidToken, format!("访问令牌无效：{zh}"), format!("invalid access token: {en}"))
}

impl Claims {
    /// Check the time bounds at `now_seconds` (Unix), and that the token lives no longer
    /// than its role allows ([`Role::max_lifetime_seconds`]).
    pub fn check_time(&self, now_seconds: i64) -> Result<(), ApiError> {
        if self.exp <= now_seconds {
            return Err(invalid("已过期，请重新登录", "it has expired; sign in again"));
        }
        if self.iat > now_seconds + 300 {
            return Err(invalid("签发时间在未来", "it is issued in the future"));
        }
        let most = self.role.max_lifetime_seconds();
        if self.exp - self.iat > most {
            return Err(invalid(
                &format!("有效期超过该角色允许的 {} 小时", most / 3600),
                &format!("it is valid longer than the {} h its role allows", most / 3600),
            ));
        }
        Ok(())
    }

    /// The viewer these claims make, for a query made for `matter` (agencies must name one
    /// of their matters, Art. 17). `grant` is the stored grant the token refers to, for
    /// the `authorized` role; revocation and validity are checked by [`crate::disclosure`].
    ///
    /// Platform and agency viewers carry the staff member's own permissions (Art. 19 (二)),
    /// by which [`crate::disclosure::decide`] withholds the classes beyond them. The other
    /// viewers carry none, so a token of theirs that narrows the classes is refused
    /// (forbidden, and so audited): served, it would reach the classes it excludes.
    pub fn viewer(&self, matter: Option<Matter>, grant: Option<Grant>, _today: Date) -> Result<Viewer, ApiError> {
        let need = |value: &Option<String>, what: &str| -> Result<String, ApiError> {
            value
                .clone()
                .filter(|v| !v.is_empty())
                .ok_or_else(|| invalid("缺少绑定信息", &format!("the token lacks its `{what}` binding")))
        };
        let permissions = self.permissions.clone().unwrap_or_default();
        let narrows_classes = permissions.classes.is_some();
        let viewer = match self.role {
            Role::Subject => Viewer::Subject { code: need(&self.subject, "subject")? },
            Role::Provider => Viewer::Provider { department: need(&self.provider, "provider")? },
            Role::Admin => Viewer::Admin { staff: self.sub.clone(), permissions },
            Role::Authorized => {
                let id = need(&self.grant, "grant")?;
                let grantee = need(&self.grantee, "grantee")?;
                // Another party's grant is refused as a grant that does not exist: the
                // answer must not tell a grant number's holder from a guess.
                match grant {
                    Some(grant) if grant.id == id && grant.grantee.trim() == grantee.trim() => {
                        Viewer::Authorized { grant }
                    }
                    _ => {
                        return Err(ApiError::forbidden(
                            "该授权书不存在或已失效。",
                            "The written authorization does not exist or is no longer valid.",
                        ))
                    }
                }
            }
            Role::Agency => {
                let agency = need(&self.agency, "agency")?;
                let Some(matter) = matter else {
                    return Err(ApiError::invalid_parameter(
                        "matter",
                        "行政机关查询须注明查询事项（第十七条）",
                        "an agency query must name its matter (Art. 17)",
                    ));
                };
                if !self.matters.contains(&matter) {
                    return Err(ApiError::forbidden(
                        format!("本机关未公布“{}”查询事项，不得查询（第十六条第二款）。", matter.name_zh()),
                        format!("Your agency has not published the matter \"{}\" (Art. 16 ¶2).", matter.name_en()),
                    ));
                }
                Viewer::Agency { agency, matter, permissions }
            }
        };
        if narrows_classes && viewer.permissions().is_none() {
            return Err(ApiError::forbidden(
                "该令牌按信息类别限定了查询权限，但此类令牌不能按类别限定；为免越权查询，不予办理（第十九条、第二十条）。",
                "This token narrows the classes that may be queried, which a token of its role cannot do; so as not \
                 to query beyond them, the request is refused (Art. 19–20).",
            ));
        }
        Ok(viewer)
    }
}

/// `POST /api/v1/admin/tokens/revoked` body: a token to refuse from now on, whatever its
/// expiry (a leaked token, a staff member who left).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenRevocation {
    /// The token's id (claim `jti`).
    pub jti: String,
    /// Why it is revoked (kept with the entry and in the audit log).
    pub reason: String,
}

/// The change that puts `request.jti` on the revocation list, audited as `token.revoke`
/// (the token id goes in the audit entry's items).
pub fn revoke_token(request: &TokenRevocation) -> Result<Change, ApiError> {
    forms::TOKEN_ID.check(&request.jti)?;
    forms::REVOCATION_REASON.check(&request.reason)?;
    let jti = request.jti.trim().to_string();
    let mut change = Change::new(Some(AuditAct::new("token.revoke", None, vec![jti.clone()])));
    change.push(Step::RevokeToken { jti, reason: request.reason.trim().to_string() });
    Ok(change)
}

/// The JOSE header of every token.
pub const TOKEN_HEADER: &str = r#"{"alg":"EdDSA","typ":"JWT"}"#;

/// Base64url without padding (RFC 4648 §5).
pub fn base64url_encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        let emit = chunk.len() + 1;
        for i in 0..emit {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

/// Decode base64url without padding; `None` on any invalid character or length.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        } as u32)
    };
    let bytes = text.as_bytes();
    if bytes.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            n |= value(*c)? << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

/// A token split into its signed part and signature, with decoded claims. The adapter
/// verifies `signature` over `signed` with the issuer's key before trusting `claims`.
#[derive(Debug)]
pub struct UnverifiedToken<'a> {
    /// `header.claims`, the bytes the signature covers.
    pub signed: &'a str,
    /// The signature bytes.
    pub signature: Vec<u8>,
    /// The claims, not yet trusted.
    pub claims: Claims,
}

/// Split and decode a token without verifying it.
pub fn parse_token(token: &str) -> Result<UnverifiedToken<'_>, ApiError> {
    let malformed = || invalid("格式错误", "it is malformed");
    let (signed, signature) = token.rsplit_once('.').ok_or_else(malformed)?;
    let (header, claims) = signed.split_once('.').ok_or_else(malformed)?;
    let header = base64url_decode(header).ok_or_else(malformed)?;
    if header != TOKEN_HEADER.as_bytes() {
        return Err(invalid("仅接受 EdDSA 签名", "only EdDSA tokens are accepted"));
    }
    let claims = base64url_decode(claims).ok_or_else(malformed)?;
    let claims: Claims = serde_json::from_slice(&claims).map_err(|_| malformed())?;
    let signature = base64url_decode(signature).ok_or_else(malformed)?;
    Ok(UnverifiedToken { signed, signature, claims })
}

/// The unsigned part of a token for `claims` (what the issuer signs).
pub fn signing_input(claims_json: &str) -> String {
    format!("{}.{}", base64url_encode(TOKEN_HEADER.as_bytes()), base64url_encode(claims_json.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Class;
    use crate::permissions::Action;

    fn claims(role: Role, permissions: Option<StaffPermissions>) -> Claims {
        Claims {
            iss: "gzcredit-dev".into(),
            jti: "t1".into(),
            role,
            sub: "clerk-1".into(),
            subject: Some("91520115MA6000008B".into()),
            grant: None,
            grantee: None,
            agency: Some("贵阳市公共资源交易中心".into()),
            matters: vec![Matter::GovernmentProcurement],
            provider: Some("贵阳市市场监督管理局".into()),
            permissions,
            iat: 0,
            exp: 1,
        }
    }

    fn licensing_only() -> StaffPermissions {
        StaffPermissions { actions: None, classes: Some(vec![Class::AdministrativeLicensing]) }
    }

    #[test]
    fn art19_platform_and_agency_viewers_carry_the_staff_members_permissions() {
        // Art. 19 (二): the platform and each agency lay down every staff member's query
        // permissions; the viewer carries them, for `disclosure::decide` to apply.
        let today = Date::parse("2026-11-28").unwrap();
        let admin = claims(Role::Admin, Some(licensing_only())).viewer(None, None, today).unwrap();
        assert_eq!(admin, Viewer::Admin { staff: "clerk-1".into(), permissions: licensing_only() });
        let agency =
            claims(Role::Agency, Some(licensing_only())).viewer(Some(Matter::GovernmentProcurement), None, today);
        assert_eq!(
            agency.unwrap(),
            Viewer::Agency {
                agency: "贵阳市公共资源交易中心".into(),
                matter: Matter::GovernmentProcurement,
                permissions: licensing_only(),
            }
        );
        // No claim: the role's full scope.
        let full = claims(Role::Admin, None).viewer(None, None, today).unwrap();
        assert_eq!(full.permissions(), Some(&StaffPermissions::default()));
        assert!(full.may_query_class(Class::AdministrativePenalty));
    }

    #[test]
    fn art20_a_class_narrowing_no_viewer_of_the_role_can_carry_is_refused() {
        // A provider's viewer carries no class permissions: serving its token would query the
        // classes it excludes (Art. 20 (一)), so it is refused — forbidden, hence audited.
        let today = Date::parse("2026-11-28").unwrap();
        for role in [Role::Provider, Role::Subject] {
            let refused = claims(role, Some(licensing_only())).viewer(None, None, today).unwrap_err();
            assert_eq!(refused.code, ErrorCode::Forbidden, "{role:?}");
        }
        // Narrowing only the actions is checked by `permissions::check` on the request.
        let actions = StaffPermissions { actions: Some(vec![Action::Records]), classes: None };
        let provider = claims(Role::Provider, Some(actions)).viewer(None, None, today).unwrap();
        assert_eq!(provider, Viewer::Provider { department: "贵阳市市场监督管理局".into() });
    }

    #[test]
    fn a_token_lives_no_longer_than_its_role_allows() {
        // An hour for staff of a unit, a day for a subject or an authorized party.
        let mut agency = claims(Role::Agency, None);
        (agency.iat, agency.exp) = (1_000, 1_000 + 3_600);
        assert!(agency.check_time(1_500).is_ok());
        agency.exp += 1;
        assert_eq!(agency.check_time(1_500).unwrap_err().code, ErrorCode::InvalidToken);
        let mut subject = claims(Role::Subject, None);
        (subject.iat, subject.exp) = (1_000, 1_000 + 86_400);
        assert!(subject.check_time(1_500).is_ok());
        subject.exp += 1;
        assert!(subject.check_time(1_500).is_err());
    }

    #[test]
    fn art16_a_grant_serves_only_the_grantee_it_names() {
        let today = Date::parse("2026-11-28").unwrap();
        let grant = Grant {
            id: "SQ1".into(),
            subject_code: "91520115MA6000008B".into(),
            grantee: "贵阳银行".into(),
            items: vec!["LIC-PERMIT".into()],
            purpose: "贷款审查".into(),
            valid_from: today,
            valid_until: today,
            revoked_on: None,
        };
        let holder = |grantee: Option<&str>| Claims {
            grant: Some("SQ1".into()),
            grantee: grantee.map(String::from),
            ..claims(Role::Authorized, None)
        };
        let viewer = holder(Some("贵阳银行")).viewer(None, Some(grant.clone()), today).unwrap();
        assert_eq!(viewer, Viewer::Authorized { grant: grant.clone() });
        // Another bank with the number gets what an unknown number gets.
        let other = holder(Some("另一家银行")).viewer(None, Some(grant.clone()), today).unwrap_err();
        let unknown = holder(Some("贵阳银行")).viewer(None, None, today).unwrap_err();
        assert_eq!((other.code, &other.message_zh), (unknown.code, &unknown.message_zh));
        assert_eq!(other.code, ErrorCode::Forbidden);
        // No grantee claim at all: the token is malformed for its role.
        assert_eq!(holder(None).viewer(None, Some(grant), today).unwrap_err().code, ErrorCode::InvalidToken);
    }

    #[test]
    fn production_refuses_the_development_issuer_and_key() {
        let production_key = "A".repeat(43);
        assert!(check_production_trust("production", "gzcredit-prod", &production_key).is_ok());
        assert!(check_production_trust("production", DEV_ISSUER, &production_key).is_err());
        let with_dev = format!("{production_key}, {DEV_PUBLIC_KEY}");
        assert!(check_production_trust("production", "gzcredit-prod", &with_dev)
            .unwrap_err()
            .contains("development key"));
        assert!(check_production_trust("production", "gzcredit-prod", " ").is_err(), "no key at all");
        assert!(check_production_trust("development", DEV_ISSUER, DEV_PUBLIC_KEY).is_ok());
    }

    #[test]
    fn base64url_round_trips() {
        for len in 0..40 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            assert_eq!(base64url_decode(&base64url_encode(&bytes)).unwrap(), bytes);
        }
        assert!(base64url_decode("a").is_none());
        assert!(base64url_decode("ab+/").is_none());
    }
}
