//! One error type for the whole `/api/v1` contract: a stable machine code, the HTTP
//! status it travels with, and a message in Chinese and in English that tells the user
//! what to do next.
//!
//! The codes are part of the public API (other portals branch on them): add new ones,
//! never rename or reuse one.

use serde::{Deserialize, Serialize};

/// Stable machine-readable error codes.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A query parameter or body field is malformed or out of range.
    InvalidParameter,
    /// A unified social credit code, resident ID or registration number fails its check.
    InvalidIdentifier,
    /// The request body is not valid JSON of the expected shape.
    InvalidBody,
    /// The body is larger than the endpoint accepts.
    BodyTooLarge,
    /// The request's `Content-Type` is not `application/json`.
    UnsupportedMediaType,
    /// The bearer token is missing a part, malformed, expired or not signed by a trusted key.
    InvalidToken,
    /// The viewer is known but may not do this (Art. 16, 19–20).
    Forbidden,
    /// No such subject, record, objection or route — or one the viewer may not know of.
    NotFound,
    /// The HTTP method is not allowed on this route.
    MethodNotAllowed,
    /// Too many requests from this client; retry after the given seconds.
    RateLimited,
    /// A submitted record batch has invalid records; nothing was written.
    BatchRejected,
    /// The request conflicts with the current state (e.g. a second open objection).
    Conflict,
    /// Personal data the regulation forbids collecting (Art. 32 ¶3).
    ForbiddenPersonalData,
    /// Restricted personal data without recorded written consent (Art. 32 ¶2).
    ConsentRequired,
    /// The free personal credit reports of this year are used up (Art. 31 ¶2). No longer
    /// returned: a report beyond the free quota is issued, marked as such (kept because codes
    /// are never removed or reused).
    ReportQuotaExceeded,
    /// The origin is not on the embedding allowlist.
    OriginNotAllowed,
    /// The provider already holds this document number for another credit subject: a
    /// record is never moved to another subject by re-submitting it.
    DocumentNumberInUse,
    /// A subject holds more records than one request reads (`SUBJECT_RECORD_MAX` in the
    /// edge): refused whole rather than answered from part of its records, which would
    /// misstate its standing. Not retryable; the operator must act.
    SubjectTooLarge,
    /// Something failed on the server; the request may be retried.
    Internal,
}

impl ErrorCode {
    /// The HTTP status this code travels with.
    pub fn http_status(self) -> u16 {
        match self {
            ErrorCode::InvalidParameter
            | ErrorCode::InvalidIdentifier
            | ErrorCode::InvalidBody
            | ErrorCode::BatchRejected => 400,
            ErrorCode::ForbiddenPersonalData | ErrorCode::ConsentRequired => 422,
            ErrorCode::InvalidToken => 401,
            ErrorCode::Forbidden | ErrorCode::OriginNotAllowed => 403,
            ErrorCode::NotFound => 404,
            ErrorCode::MethodNotAllowed => 405,
            ErrorCode::Conflict | ErrorCode::DocumentNumberInUse => 409,
            ErrorCode::BodyTooLarge => 413,
            ErrorCode::UnsupportedMediaType => 415,
            ErrorCode::RateLimited | ErrorCode::ReportQuotaExceeded => 429,
            ErrorCode::Internal => 500,
            ErrorCode::SubjectTooLarge => 503,
        }
    }

    /// The code as it appears on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidParameter => "invalid_parameter",
            ErrorCode::InvalidIdentifier => "invalid_identifier",
            ErrorCode::InvalidBody => "invalid_body",
            ErrorCode::BodyTooLarge => "body_too_large",
            ErrorCode::UnsupportedMediaType => "unsupported_media_type",
            ErrorCode::InvalidToken => "invalid_token",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::NotFound => "not_found",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::BatchRejected => "batch_rejected",
            ErrorCode::Conflict => "conflict",
            ErrorCode::ForbiddenPersonalData => "forbidden_personal_data",
            ErrorCode::ConsentRequired => "consent_required",
            ErrorCode::ReportQuotaExceeded => "report_quota_exceeded",
            ErrorCode::OriginNotAllowed => "origin_not_allowed",
            ErrorCode::DocumentNumberInUse => "document_number_in_use",
            ErrorCode::SubjectTooLarge => "subject_too_large",
            ErrorCode::Internal => "internal",
        }
    }
}

/// The JSON body of every error response: `{code, message_zh, message_en}`, plus
/// optional per-item details (e.g. the invalid records of a batch).
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct ApiError {
    /// Stable machine code.
    pub code: ErrorCode,
    /// What went wrong and what to do, in Chinese.
    pub message_zh: String,
    /// What went wrong and what to do, in English.
    pub message_en: String,
    /// Per-item problems, when the request had several parts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<ErrorDetail>,
}

/// One problem inside a request with several parts.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// Position of the item (e.g. the record's index in the batch).
    pub index: usize,
    /// Which field, if one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Stable code of this item's problem.
    pub code: ErrorCode,
    /// In Chinese.
    pub message_zh: String,
    /// In English.
    pub message_en: String,
}

impl ApiError {
    /// An error with both messages.
    pub fn new(code: ErrorCode, message_zh: impl Into<String>, message_en: impl Into<String>) -> Self {
        ApiError { code, message_zh: message_zh.into(), message_en: message_en.into(), details: Vec::new() }
    }

    /// The same error with per-item details.
    pub fn with_details(mut self, details: Vec<ErrorDetail>) -> Self {
        self.details = details;
        self
    }

    /// The HTTP status of this error.
    pub fn http_status(&self) -> u16 {
        self.code.http_status()
    }

    /// "Not found" that reveals nothing about whether the thing exists for others.
    pub fn not_found() -> Self {
        ApiError::new(
            ErrorCode::NotFound,
            "未找到该信用主体或记录，或您无权查看。",
            "No such credit subject or record, or you may not see it.",
        )
    }

    /// A malformed or out-of-range parameter.
    pub fn invalid_parameter(name: &str, zh: impl AsRef<str>, en: impl AsRef<str>) -> Self {
        ApiError::new(
            ErrorCode::InvalidParameter,
            format!("参数 {name} 无效：{}", zh.as_ref()),
            format!("invalid parameter {name}: {}", en.as_ref()),
        )
    }

    /// The viewer may not do this.
    pub fn forbidden(zh: impl Into<String>, en: impl Into<String>) -> Self {
        ApiError::new(ErrorCode::Forbidden, zh, en)
    }

    /// 429: too many requests from this client or account; try again in a minute.
    pub fn rate_limited() -> Self {
        ApiError::new(
            ErrorCode::RateLimited,
            "请求过于频繁，请一分钟后再试。",
            "Too many requests; please try again in a minute.",
        )
    }

    /// 401 for an act that needs a signed-in caller and got none.
    pub fn sign_in_required() -> Self {
        ApiError::new(
            ErrorCode::InvalidToken,
            "此操作须登录（提供访问令牌）。",
            "This needs a signed-in caller (a bearer token).",
        )
    }
}

impl core::fmt::Display for ApiError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message_en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialize_as_their_wire_names() {
        for code in
            [ErrorCode::InvalidIdentifier, ErrorCode::RateLimited, ErrorCode::Internal, ErrorCode::DocumentNumberInUse]
        {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
    }

    #[test]
    fn only_internal_and_capacity_are_server_errors() {
        for code in [
            ErrorCode::InvalidParameter,
            ErrorCode::InvalidIdentifier,
            ErrorCode::InvalidBody,
            ErrorCode::BodyTooLarge,
            ErrorCode::UnsupportedMediaType,
            ErrorCode::InvalidToken,
            ErrorCode::Forbidden,
            ErrorCode::NotFound,
            ErrorCode::MethodNotAllowed,
            ErrorCode::RateLimited,
            ErrorCode::BatchRejected,
            ErrorCode::Conflict,
            ErrorCode::ForbiddenPersonalData,
            ErrorCode::ConsentRequired,
            ErrorCode::ReportQuotaExceeded,
            ErrorCode::OriginNotAllowed,
            ErrorCode::DocumentNumberInUse,
        ] {
            assert!((400..500).contains(&code.http_status()), "{code:?}");
        }
        assert_eq!(ErrorCode::Internal.http_status(), 500);
        // Not the client's fault, and with a message meant for it (unlike `internal`).
        assert_eq!(ErrorCode::SubjectTooLarge.http_status(), 503);
    }
}
