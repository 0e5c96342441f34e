//! Objections as stored (Art. 34); their procedure is `shared::objection`'s.

use super::{int, text, CountRow, Db};
use gzcredit_shared::error::ApiError;
use serde::Deserialize;

/// An objection as stored.
#[derive(Deserialize)]
pub struct ObjectionRow {
    /// Receipt number.
    pub id: String,
    /// The record.
    pub record_id: i64,
    /// JSON of `shared::objection::Objection`.
    pub state: String,
    /// `platform` or `provider`, once routed.
    pub route: Option<String>,
}

impl Db {
    /// One objection.
    pub async fn objection_row(&self, id: &str) -> Result<Option<ObjectionRow>, ApiError> {
        let rows: Vec<ObjectionRow> =
            self.rows("SELECT id, record_id, state, route FROM objections WHERE id = ?1", &[text(id)]).await?;
        Ok(rows.into_iter().next())
    }

    /// Objections not closed yet, oldest first (bounded).
    pub async fn open_objections(&self, limit: u32) -> Result<Vec<ObjectionRow>, ApiError> {
        self.rows(
            "SELECT id, record_id, state, route FROM objections WHERE closed_on IS NULL ORDER BY received_on, id LIMIT ?1",
            &[int(limit.into())],
        )
        .await
    }

    /// How many objections on `record_id` other than `except` are open.
    pub async fn other_open_objections(&self, record_id: i64, except: &str) -> Result<u32, ApiError> {
        let rows: Vec<CountRow> = self
            .rows(
                "SELECT count(*) AS n FROM objections WHERE record_id = ?1 AND closed_on IS NULL AND id <> ?2",
                &[int(record_id), text(except)],
            )
            .await?;
        Ok(rows.first().map_or(0, |c| c.n.max(0) as u32))
    }
}
