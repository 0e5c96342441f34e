//! Withdrawals of publicity as stored (Art. 35–36); the procedure is `shared::repair`'s.

use super::{int, text, Db};
use gzcredit_shared::error::ApiError;
use gzcredit_shared::query_window::Ground;
use gzcredit_shared::repair::Withdrawal;
use gzcredit_shared::Date;
use serde::Deserialize;

/// A withdrawal as stored.
#[derive(Deserialize)]
pub struct WithdrawalRow {
    /// Withdrawal number.
    pub id: String,
    /// The record.
    pub record_id: i64,
    /// `repair` or `revocation`.
    pub ground: String,
    /// Proof or notice received.
    pub received_on: String,
    /// Its number.
    pub document_number: String,
    /// Reason.
    pub reason: String,
    /// Completed.
    pub withdrawn_on: Option<String>,
}

impl WithdrawalRow {
    /// The procedure, as `shared` tracks it (`None` if the stored row is unreadable).
    pub fn withdrawal(&self) -> Option<Withdrawal> {
        let ground = match self.ground.as_str() {
            "repair" => Ground::Repair,
            "revocation" => Ground::Revocation,
            _ => return None,
        };
        Some(Withdrawal {
            ground,
            received: Date::parse(&self.received_on).ok()?,
            withdrawn_on: self.withdrawn_on.as_deref().and_then(|d| Date::parse(d).ok()),
        })
    }
}

const WITHDRAWAL_COLUMNS: &str = "id, record_id, ground, received_on, document_number, reason, withdrawn_on";

impl Db {
    /// One withdrawal.
    pub async fn withdrawal(&self, id: &str) -> Result<Option<WithdrawalRow>, ApiError> {
        let sql = format!("SELECT {WITHDRAWAL_COLUMNS} FROM withdrawals WHERE id = ?1");
        Ok(self.rows(&sql, &[text(id)]).await?.into_iter().next())
    }

    /// Withdrawals not completed, earliest due first (bounded).
    pub async fn open_withdrawals(&self, limit: u32) -> Result<Vec<WithdrawalRow>, ApiError> {
        let sql = format!(
            "SELECT {WITHDRAWAL_COLUMNS} FROM withdrawals WHERE withdrawn_on IS NULL ORDER BY due_on, id LIMIT ?1"
        );
        self.rows(&sql, &[int(limit.into())]).await
    }
}
