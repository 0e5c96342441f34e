//! Written authorizations as stored (Art. 16 ¶3).

use super::{int, text, Db, GrantRow, GRANT_COLUMNS};
use gzcredit_shared::disclosure::Grant;
use gzcredit_shared::error::ApiError;

impl Db {
    /// A subject's written authorizations, newest first (bounded).
    pub async fn grants_of(&self, code: &str, limit: u32) -> Result<Vec<Grant>, ApiError> {
        let sql = format!(
            "SELECT {GRANT_COLUMNS} FROM grants WHERE subject_code = ?1 ORDER BY valid_until DESC, id LIMIT ?2"
        );
        let rows: Vec<GrantRow> = self.rows(&sql, &[text(code), int(limit.into())]).await?;
        Ok(rows.into_iter().filter_map(GrantRow::into_grant).collect())
    }
}
