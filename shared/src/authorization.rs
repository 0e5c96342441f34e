//! Written authorizations (书面授权, Art. 16 ¶3): a credit subject lets a third party (a bank,
//! a landlord) query named items of its non-public information, for a stated purpose and
//! a period, and may revoke it.
//!
//! "未经单位委托或本人书面授权，不得查询信用主体非公开的社会信用信息": the authorization
//! names exactly the catalog items it covers; the disclosure rules
//! ([`crate::disclosure::decide`]) show the holder those items while
//! [`Grant::is_valid_on`] holds, and nothing beyond what the public sees otherwise.
//! Items of the `government` level are for government use only (Art. 15–16 ¶2) and
//! cannot be authorised to a private party.

use crate::audit::AuditAct;
use crate::catalog::{self, DisclosureLevel};
use crate::change::{self, Change, Guard, Step};
use crate::date::Date;
use crate::disclosure::Grant;
use crate::error::{ApiError, ErrorCode};
use serde::{Deserialize, Serialize};

/// Most catalog items one authorization names.
pub const MAX_ITEMS: usize = 30;

/// Longest validity of one authorization, in years (platform policy: a subject renews an
/// authorization rather than giving an open-ended one).
pub const MAX_VALIDITY_YEARS: i32 = 5;

/// Check a request to issue an authorization on `today`: the grantee and purpose are
/// stated, every item is in the catalog and may be authorised, and the period is sound.
pub fn check_request(request: &GrantRequest, today: Date) -> Result<(), ApiError> {
    crate::forms::GRANTEE.check(&request.grantee)?;
    crate::forms::GRANT_PURPOSE.check(&request.purpose)?;
    if request.items.is_empty() || request.items.len() > MAX_ITEMS {
        return Err(ApiError::invalid_parameter(
            "items",
            format!("应列明 1 到 {MAX_ITEMS} 个目录信息项"),
            format!("must name 1 to {MAX_ITEMS} catalog items"),
        ));
    }
    for (i, code) in request.items.iter().enumerate() {
        let field = format!("items[{i}]");
        let item = catalog::item(code).ok_or_else(|| {
            ApiError::invalid_parameter(
                &field,
                format!("“{code}”不是公共信用信息目录中的信息项（第十条）"),
                format!("{code:?} is not an item of the public credit information catalog (Art. 10)"),
            )
        })?;
        if item.disclosure == DisclosureLevel::Government {
            return Err(ApiError::invalid_parameter(
                &field,
                format!("“{}”仅供国家机关依法查询，不能授权他人查询（第十六条）", item.name_zh),
                format!("{} is for government use only and cannot be authorised to others (Art. 16)", item.name_en),
            ));
        }
        if request.items[..i].contains(code) {
            return Err(ApiError::invalid_parameter(&field, "信息项重复", "the item is listed twice"));
        }
    }
    if request.valid_from < today {
        return Err(ApiError::invalid_parameter(
            "valid_from",
            "授权不能自过去的日期起生效",
            "an authorization cannot take effect in the past",
        ));
    }
    if request.valid_until < request.valid_from {
        return Err(ApiError::invalid_parameter("valid_until", "不能早于生效日期", "cannot be before valid_from"));
    }
    if request.valid_until > request.valid_from.add_years(MAX_VALIDITY_YEARS) {
        return Err(ApiError::invalid_parameter(
            "valid_until",
            format!("授权期限不超过 {MAX_VALIDITY_YEARS} 年"),
            format!("an authorization lasts at most {MAX_VALIDITY_YEARS} years"),
        ));
    }
    Ok(())
}

/// Where an authorization stands on a day.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GrantStatus {
    /// Not yet in effect.
    Pending,
    /// In effect.
    Valid,
    /// Past its last day.
    Expired,
    /// Revoked by the subject.
    Revoked,
}

/// The status of `grant` on `today`.
pub fn status(grant: &Grant, today: Date) -> GrantStatus {
    if grant.revoked_on.is_some_and(|r| r <= today) {
        GrantStatus::Revoked
    } else if today < grant.valid_from {
        GrantStatus::Pending
    } else if today > grant.valid_until {
        GrantStatus::Expired
    } else {
        GrantStatus::Valid
    }
}

/// Revoke `grant` on `today`: from that day on it is not valid. Revoking twice, or an
/// authorization that has already run out, is a conflict.
pub fn revoke(grant: &mut Grant, today: Date) -> Result<(), ApiError> {
    match status(grant, today) {
        GrantStatus::Revoked => {
            Err(ApiError::new(ErrorCode::Conflict, "该授权已经撤销。", "This authorization has already been revoked."))
        }
        GrantStatus::Expired => Err(ApiError::new(
            ErrorCode::Conflict,
            "该授权已经期满失效，无需撤销。",
            "This authorization has already expired; there is nothing to revoke.",
        )),
        GrantStatus::Pending | GrantStatus::Valid => {
            grant.revoked_on = Some(today);
            Ok(())
        }
    }
}

/// `POST /api/v1/grants` body (Art. 16 ¶3).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrantRequest {
    /// The party authorised, e.g. a bank.
    pub grantee: String,
    /// Catalog item codes covered.
    pub items: Vec<String>,
    /// The purpose.
    pub purpose: String,
    /// First valid day.
    pub valid_from: Date,
    /// Last valid day.
    pub valid_until: Date,
}

/// Issue written authorization `id` from subject `code` (Art. 16 ¶3).
pub fn issue(code: &str, request: &GrantRequest, id: &str, today: Date) -> Result<(Change, Grant), ApiError> {
    check_request(request, today)?;
    let grant = Grant {
        id: id.to_string(),
        subject_code: code.to_string(),
        grantee: request.grantee.trim().to_string(),
        items: request.items.clone(),
        purpose: request.purpose.trim().to_string(),
        valid_from: request.valid_from,
        valid_until: request.valid_until,
        revoked_on: None,
    };
    let mut change = Change::new(Some(AuditAct::new(
        "grant.issue",
        Some(code),
        change::items(grant.items.iter().map(String::as_str)),
    )));
    change.push(Step::InsertGrant(grant.clone()));
    Ok((change, grant))
}

/// The subject revokes its authorization: from today it is not valid.
pub fn revoke_change(grant: &Grant, today: Date) -> Result<(Change, Grant), ApiError> {
    let mut revoked = grant.clone();
    revoke(&mut revoked, today)?;
    let items = change::items(grant.items.iter().map(String::as_str));
    let mut change = Change::new(Some(AuditAct::new("grant.revoke", Some(&grant.subject_code), items)));
    change.push(Step::Guard(Guard::GrantNotRevoked { id: grant.id.clone() }));
    change.push(Step::RevokeGrant { id: grant.id.clone(), on: today });
    Ok((change, revoked))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn request(items: &[&str]) -> GrantRequest {
        GrantRequest {
            grantee: "贵阳银行".into(),
            items: items.iter().map(|s| s.to_string()).collect(),
            purpose: "贷款审查".into(),
            valid_from: d("2026-03-01"),
            valid_until: d("2026-06-30"),
        }
    }

    #[test]
    fn art16_items_must_exist_and_not_be_government_only() {
        let today = d("2026-03-01");
        assert!(check_request(&request(&["LEVY-SOCIAL-INSURANCE-ARREARS", "PEN-GENERAL"]), today).is_ok());
        assert!(check_request(&request(&["NO-SUCH-ITEM"]), today).is_err());
        let e = check_request(&request(&["INS-SUPERVISION-GRADE"]), today).unwrap_err();
        assert!(e.message_en.contains("government use only"), "{e}");
        assert!(check_request(&request(&[]), today).is_err());
        assert!(check_request(&request(&["PEN-GENERAL", "PEN-GENERAL"]), today).is_err());
    }

    #[test]
    fn art16_the_period_is_sound() {
        let mut r = request(&["PEN-GENERAL"]);
        assert!(check_request(&r, d("2026-03-02")).is_err(), "in the past");
        r.valid_until = d("2026-02-01");
        assert!(check_request(&r, d("2026-03-01")).is_err());
        r.valid_until = d("2031-03-02");
        assert!(check_request(&r, d("2026-03-01")).is_err());
    }

    #[test]
    fn art16_revocation_ends_validity_that_day() {
        let mut g = Grant {
            id: "SQ1".into(),
            subject_code: "X".into(),
            grantee: "贵阳银行".into(),
            items: vec!["PEN-GENERAL".into()],
            purpose: "贷款审查".into(),
            valid_from: d("2026-03-01"),
            valid_until: d("2026-06-30"),
            revoked_on: None,
        };
        assert_eq!(status(&g, d("2026-02-28")), GrantStatus::Pending);
        assert_eq!(status(&g, d("2026-03-10")), GrantStatus::Valid);
        revoke(&mut g, d("2026-03-10")).unwrap();
        assert!(!g.is_valid_on(d("2026-03-10")));
        assert_eq!(status(&g, d("2026-03-10")), GrantStatus::Revoked);
        assert!(revoke(&mut g, d("2026-03-11")).is_err());
    }
}
