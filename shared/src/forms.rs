//! The text limits of every form the platform accepts: objections (Art. 34), written
//! authorizations (Art. 16 ¶3), repair and revocation (Art. 35–36), the public's error
//! reports, credit reports (Art. 31) and providers' submissions (Art. 11–13).
//!
//! One table, so that the front end refuses what the server would refuse, as the user
//! types, and the server refuses it all the same.

use crate::error::ApiError;

/// How long a text field may be, trimmed, in characters (not bytes: Chinese text is three
/// bytes a character in UTF-8).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct TextLimit {
    /// The field's name on the wire, as errors name it.
    pub field: &'static str,
    /// Fewest characters (0: optional).
    pub min: usize,
    /// Most characters.
    pub max: usize,
}

impl TextLimit {
    /// Check `value` against the limit.
    pub fn check(&self, value: &str) -> Result<(), ApiError> {
        check_text_length(self.field, value, self.min, self.max)
    }

    /// Whether `value` is within the limit.
    pub fn accepts(&self, value: &str) -> bool {
        (self.min..=self.max).contains(&value.trim().chars().count())
    }
}

const fn limit(field: &'static str, min: usize, max: usize) -> TextLimit {
    TextLimit { field, min, max }
}

/// The objector's name (Art. 34).
pub const OBJECTOR_NAME: TextLimit = limit("objector.name", 1, 50);
/// How to reach the objector.
pub const OBJECTOR_CONTACT: TextLimit = limit("objector.contact", 3, 100);
/// Why the record is wrong: at least a sentence.
pub const OBJECTION_REASON: TextLimit = limit("reason", 5, 2000);
/// The objector's evidence, described.
pub const OBJECTION_EVIDENCE: TextLimit = limit("evidence", 0, 2000);
/// The reasons given with a decision on an objection.
pub const DECISION_REASON: TextLimit = limit("reason", 0, 2000);
/// The party a subject authorizes (Art. 16 ¶3).
pub const GRANTEE: TextLimit = limit("grantee", 1, 100);
/// What the authorization is for.
pub const GRANT_PURPOSE: TextLimit = limit("purpose", 2, 200);
/// The number of a proof of repair or notice of revocation (Art. 35–36).
pub const WITHDRAWAL_DOCUMENT: TextLimit = limit("document_number", 1, 100);
/// Why publicity is withdrawn.
pub const WITHDRAWAL_REASON: TextLimit = limit("reason", 2, 1000);
/// What the public says is wrong in a record.
pub const ERROR_DESCRIPTION: TextLimit = limit("description", 10, 2000);
/// How to reach the one who reports an error (optional).
pub const ERROR_CONTACT: TextLimit = limit("contact", 0, 100);
/// What a credit report is for (optional, Art. 31).
pub const REPORT_PURPOSE: TextLimit = limit("purpose", 0, 200);
/// A submitted subject's name.
pub const SUBJECT_NAME: TextLimit = limit("subject.name", 1, 100);
/// A submitted record's document number.
pub const DOCUMENT_NUMBER: TextLimit = limit("document_number", 1, 100);
/// A submitted record's title.
pub const TITLE: TextLimit = limit("title", 1, 200);
/// A submitted record's legal basis.
pub const LEGAL_BASIS: TextLimit = limit("legal_basis", 1, 500);
/// A submitted record's content.
pub const CONTENT: TextLimit = limit("content", 0, 5000);
/// The name of a person named in a record.
pub const PERSON_NAME: TextLimit = limit("name", 1, 50);
/// The id (`jti`) of a token to revoke.
pub const TOKEN_ID: TextLimit = limit("jti", 1, 128);
/// Why a token is revoked.
pub const REVOCATION_REASON: TextLimit = limit("reason", 5, 500);

/// Check that a text field, trimmed, is `min` to `max` characters long.
pub fn check_text_length(field: &str, value: &str, min: usize, max: usize) -> Result<(), ApiError> {
    let n = value.trim().chars().count();
    if n < min || n > max {
        return Err(ApiError::invalid_parameter(
            field,
            format!("长度应为 {min} 到 {max} 个字符"),
            format!("must be {min} to {max} characters long"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_count_characters_not_bytes() {
        // 「不服处罚」 is 4 characters (12 bytes): short of the 5 an objection needs.
        assert!(!OBJECTION_REASON.accepts("不服处罚"));
        assert!(OBJECTION_REASON.accepts("不服此处罚"));
        assert!(OBJECTION_REASON.check("  不服此处罚  ").is_ok());
        let error = OBJECTION_REASON.check("不服处罚").unwrap_err();
        assert_eq!(error.code, crate::ErrorCode::InvalidParameter);
        assert!(GRANT_PURPOSE.check(&"贷".repeat(201)).is_err());
        assert!(ERROR_CONTACT.accepts(""));
    }
}
