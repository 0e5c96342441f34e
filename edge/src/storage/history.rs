//! Records' history (Art. 31: the source and every change of a record).

use super::{int, text, Db};
use crate::http::internal;
use gzcredit_shared::error::ApiError;
use serde::Deserialize;

/// One row of a record's history.
#[derive(Deserialize)]
pub struct HistoryRow {
    /// When.
    pub changed_at: String,
    /// Who.
    pub actor_role: String,
    /// Department or procedure.
    pub actor: String,
    /// Why.
    pub reason: String,
    /// JSON after the change.
    pub snapshot: String,
}

impl Db {
    /// The history of a record, oldest first (bounded).
    pub async fn record_history(&self, record_id: i64, limit: u32) -> Result<Vec<HistoryRow>, ApiError> {
        self.rows(
            "SELECT changed_at, actor_role, actor, reason, snapshot FROM record_history WHERE record_id = ?1 \
             ORDER BY id LIMIT ?2",
            &[int(record_id), int(limit.into())],
        )
        .await
    }

    /// The newest `per_record` changes of each of `record_ids` (a credit report's records,
    /// Art. 31), in one query, by record and oldest first. Bounded: for each record the
    /// correlated subquery walks the `(record_id, id)` index backwards at most
    /// `per_record` entries, and only those rows are read.
    pub async fn report_changes(
        &self,
        record_ids: &[i64],
        per_record: u32,
    ) -> Result<std::collections::BTreeMap<i64, Vec<gzcredit_shared::report::RecordChange>>, ApiError> {
        #[derive(Deserialize)]
        struct ChangeRow {
            record_id: i64,
            changed_at: String,
            actor_role: String,
            actor: String,
            reason: String,
        }
        let mut changes = std::collections::BTreeMap::<i64, Vec<gzcredit_shared::report::RecordChange>>::new();
        if record_ids.is_empty() || per_record == 0 {
            return Ok(changes);
        }
        let ids = serde_json::to_string(record_ids).map_err(internal)?;
        let rows: Vec<ChangeRow> = self
            .rows(
                "SELECT h.record_id, h.changed_at, h.actor_role, h.actor, h.reason \
                 FROM json_each(?1) AS r CROSS JOIN record_history h ON h.id IN \
                   (SELECT id FROM record_history WHERE record_id = r.value ORDER BY id DESC LIMIT ?2) \
                 ORDER BY h.record_id, h.id",
                &[text(&ids), int(per_record.into())],
            )
            .await?;
        for row in rows {
            changes.entry(row.record_id).or_default().push(gzcredit_shared::report::RecordChange {
                changed_at: row.changed_at,
                actor_role: row.actor_role,
                actor: row.actor,
                reason: row.reason,
            });
        }
        Ok(changes)
    }
}
