//! Signed credit reports as stored (Art. 31).

use super::{int, text, CountRow, Db};
use gzcredit_shared::error::ApiError;
use serde::Deserialize;

/// A stored credit report.
#[derive(Deserialize)]
pub struct ReportRow {
    /// Report number.
    pub number: String,
    /// Subject.
    pub subject_code: String,
    /// When issued.
    pub issued_at: String,
    /// Canonical JSON.
    pub content: String,
    /// SHA-256 hex.
    pub content_hash: String,
    /// Ed25519 base64url.
    pub signature: String,
    /// Public key base64url.
    pub public_key: String,
}

impl Db {
    /// One report.
    pub async fn report(&self, number: &str) -> Result<Option<ReportRow>, ApiError> {
        let rows: Vec<ReportRow> = self
            .rows(
                "SELECT number, subject_code, issued_at, content, content_hash, signature, public_key FROM reports \
                 WHERE number = ?1",
                &[text(number)],
            )
            .await?;
        Ok(rows.into_iter().next())
    }

    /// Reports of a kind issued to a subject in a year.
    pub async fn reports_in_year(&self, code: &str, year: i32, kind: &str) -> Result<u32, ApiError> {
        let rows: Vec<CountRow> = self
            .rows(
                "SELECT count(*) AS n FROM reports WHERE subject_code = ?1 AND year = ?2 AND kind = ?3",
                &[text(code), int(year.into()), text(kind)],
            )
            .await?;
        Ok(rows.first().map_or(0, |c| c.n.max(0) as u32))
    }
}
