//! Per-staff query permissions (Art. 19 (二)) and the prohibition of querying beyond them
//! (Art. 20 (一)).
//!
//! Art. 19 requires every unit to lay down "本单位工作人员的查询权限和查询程序": which
//! staff member may make which query. A token may therefore carry, besides its role,
//! the staff member's own [`StaffPermissions`]: the [`Action`]s and the catalog
//! [`Class`]es that person may query. A missing restriction means the role's full
//! scope (tokens of units that have not narrowed it); a present one is exhaustive.
//!
//! A query beyond the permissions is refused with 403 **and** recorded in the audit log
//! with outcome [`crate::audit::OUTCOME_REFUSED`], since an attempted 越权查询 is exactly
//! what the unit's supervision must see.

use crate::catalog::Class;
use crate::error::ApiError;
use serde::{Deserialize, Serialize};

/// What a staff member may do through the API.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Search for subjects (`GET /subjects?q=`): a query like any other (Art. 19 (二)).
    Search,
    /// Read a subject's profile (`GET /subjects/{code}`).
    Profile,
    /// Read a subject's records (`GET /subjects/{code}/records`).
    Records,
    /// Query the reward and punishment measures for a matter (Art. 21–29).
    Measures,
    /// Route and decide objections (Art. 34).
    Objections,
    /// Submit proof of repair or notice of revocation (Art. 35–36).
    Withdrawals,
    /// Read the overdue list and verify the audit log (platform supervision).
    Supervision,
}

impl Action {
    /// Wire name, as recorded in the audit log.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Search => "search",
            Action::Profile => "profile",
            Action::Records => "records",
            Action::Measures => "measures",
            Action::Objections => "objections",
            Action::Withdrawals => "withdrawals",
            Action::Supervision => "supervision",
        }
    }

    /// Chinese name.
    pub fn name_zh(self) -> &'static str {
        match self {
            Action::Search => "检索信用主体",
            Action::Profile => "查询信用主体概况",
            Action::Records => "查询信用记录",
            Action::Measures => "查询联合奖惩措施",
            Action::Objections => "办理异议",
            Action::Withdrawals => "办理信用修复和撤销公示",
            Action::Supervision => "监督查询（逾期事项、审计日志）",
        }
    }

    /// English name.
    pub fn name_en(self) -> &'static str {
        match self {
            Action::Search => "search for credit subjects",
            Action::Profile => "query subject profiles",
            Action::Records => "query credit records",
            Action::Measures => "query joint reward and punishment measures",
            Action::Objections => "handle objections",
            Action::Withdrawals => "handle repair and revocation",
            Action::Supervision => "supervision (overdue list, audit log)",
        }
    }
}

/// A staff member's own permissions, carried in the token (claim `permissions`).
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffPermissions {
    /// The actions allowed; `None`: every action of the role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<Vec<Action>>,
    /// The catalog classes that may be queried; `None`: every class the role may see.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classes: Option<Vec<Class>>,
}

impl StaffPermissions {
    /// Whether `action` is allowed.
    pub fn allows_action(&self, action: Action) -> bool {
        self.actions.as_ref().is_none_or(|list| list.contains(&action))
    }

    /// Whether records of `class` may be queried.
    pub fn allows_class(&self, class: Class) -> bool {
        self.classes.as_ref().is_none_or(|list| list.contains(&class))
    }

    /// Whether nothing is narrowed: the role's full scope (a token without the claim).
    pub fn is_unrestricted(&self) -> bool {
        self.actions.is_none() && self.classes.is_none()
    }
}

/// Check an action (and the class asked for, if the query names one) against the staff
/// member's permissions; `None` permissions allow everything the role allows.
pub fn check(permissions: Option<&StaffPermissions>, action: Action, class: Option<Class>) -> Result<(), ApiError> {
    let Some(permissions) = permissions else {
        return Ok(());
    };
    if !permissions.allows_action(action) {
        return Err(ApiError::forbidden(
            format!("您的查询权限不包括“{}”，不得越权查询（第十九条、第二十条）。本次请求已记录。", action.name_zh()),
            format!(
                "Your query permissions do not include \"{}\"; querying beyond them is prohibited (Art. 19–20). \
                 This attempt has been recorded.",
                action.name_en()
            ),
        ));
    }
    if let Some(class) = class.filter(|c| !permissions.allows_class(*c)) {
        return Err(ApiError::forbidden(
            format!(
                "您的查询权限不包括“{}”类信息，不得越权查询（第十九条、第二十条）。本次请求已记录。",
                class.name_zh()
            ),
            format!(
                "Your query permissions do not include {} information; querying beyond them is prohibited \
                 (Art. 19–20). This attempt has been recorded.",
                class.name_en()
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn art19_no_restriction_allows_the_role_scope() {
        assert!(check(None, Action::Records, Some(Class::AdministrativePenalty)).is_ok());
        assert!(check(Some(&StaffPermissions::default()), Action::Measures, None).is_ok());
    }

    #[test]
    fn art20_querying_beyond_the_permissions_is_refused() {
        let p = StaffPermissions {
            actions: Some(vec![Action::Records]),
            classes: Some(vec![Class::AdministrativeLicensing]),
        };
        assert!(check(Some(&p), Action::Records, Some(Class::AdministrativeLicensing)).is_ok());
        assert!(check(Some(&p), Action::Records, None).is_ok());
        let e = check(Some(&p), Action::Records, Some(Class::AdministrativePenalty)).unwrap_err();
        assert_eq!(e.code, ErrorCode::Forbidden);
        assert!(e.message_zh.contains("行政处罚"));
        assert_eq!(check(Some(&p), Action::Profile, None).unwrap_err().code, ErrorCode::Forbidden);
    }

    #[test]
    fn art19_permissions_reject_unknown_fields() {
        assert!(serde_json::from_str::<StaffPermissions>(r#"{"actions":["records"],"all":true}"#).is_err());
        let p: StaffPermissions = serde_json::from_str(r#"{"classes":["red_list"]}"#).unwrap();
        assert!(p.allows_action(Action::Measures) && !p.allows_class(Class::AdministrativePenalty));
    }
}
