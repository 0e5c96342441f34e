//! The audit chain's rows (`shared::audit`): its head, its pages for verification, the
//! statements that append one entry, and a subject's "who queried me" (Art. 31).

use super::{int, opt_text, text, CountRow, Db};
use gzcredit_shared::audit::{AuditEntry, ChainHead, ChainedEntry};
use gzcredit_shared::error::ApiError;
use serde::Deserialize;
use worker::D1PreparedStatement;

/// Audit rows read per page while verifying the chain.
pub const AUDIT_PAGE: u32 = 500;

#[derive(Deserialize)]
struct HeadRow {
    seq: i64,
    hash: String,
}

#[derive(Deserialize)]
struct AuditRow {
    seq: i64,
    at: String,
    viewer_role: String,
    viewer: String,
    token_id: String,
    action: String,
    subject_code: Option<String>,
    items: String,
    matter: Option<String>,
    purpose: Option<String>,
    outcome: String,
    organisation: Option<String>,
    prev_hash: Option<String>,
    hash: Option<String>,
}

impl AuditRow {
    fn into_chained(self) -> ChainedEntry {
        ChainedEntry {
            entry: AuditEntry {
                seq: self.seq,
                at: self.at,
                viewer_role: self.viewer_role,
                viewer: self.viewer,
                token_id: self.token_id,
                action: self.action,
                subject_code: self.subject_code,
                items: self.items,
                matter: self.matter,
                purpose: self.purpose,
                outcome: self.outcome,
                organisation: self.organisation,
            },
            prev_hash: self.prev_hash,
            hash: self.hash,
        }
    }
}

const AUDIT_COLUMNS: &str = "seq, at, viewer_role, viewer, token_id, action, subject_code, items, matter, purpose, \
     outcome, organisation, prev_hash, hash";

impl Db {
    /// The recorded head of the audit chain.
    pub async fn audit_head(&self) -> Result<Option<ChainHead>, ApiError> {
        let rows: Vec<HeadRow> = self.rows("SELECT seq, hash FROM audit_head WHERE id = 1", &[]).await?;
        Ok(rows.into_iter().next().map(|r| ChainHead { seq: r.seq, hash: r.hash }))
    }

    /// The statements that append `chained` and move the head to it.
    pub(super) fn append_statements(&self, chained: &ChainedEntry) -> Result<Vec<D1PreparedStatement>, ApiError> {
        let e = &chained.entry;
        let hash = chained.hash.clone().unwrap_or_default();
        Ok(vec![
            self.statement(
                "INSERT INTO audit_log (seq, at, viewer_role, viewer, token_id, action, subject_code, items, matter, \
                 purpose, outcome, organisation, prev_hash, hash) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                &[
                    int(e.seq),
                    text(&e.at),
                    text(&e.viewer_role),
                    text(&e.viewer),
                    text(&e.token_id),
                    text(&e.action),
                    opt_text(e.subject_code.as_deref()),
                    text(&e.items),
                    opt_text(e.matter.as_deref()),
                    opt_text(e.purpose.as_deref()),
                    text(&e.outcome),
                    opt_text(e.organisation.as_deref()),
                    opt_text(chained.prev_hash.as_deref()),
                    text(&hash),
                ],
            )?,
            self.statement(
                "INSERT INTO audit_head (id, seq, hash) VALUES (1, ?1, ?2) \
                 ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
                &[int(e.seq), text(&hash)],
            )?,
        ])
    }

    /// Audit entries after `after_seq`, in order, at most `limit` (capped at [`AUDIT_PAGE`]).
    pub async fn audit_page(&self, after_seq: i64, limit: u32) -> Result<Vec<ChainedEntry>, ApiError> {
        let sql = format!("SELECT {AUDIT_COLUMNS} FROM audit_log WHERE seq > ?1 ORDER BY seq LIMIT ?2");
        let rows: Vec<AuditRow> = self.rows(&sql, &[int(after_seq), int(limit.min(AUDIT_PAGE).into())]).await?;
        Ok(rows.into_iter().map(AuditRow::into_chained).collect())
    }

    /// The stored hash of the audit entry `seq`, if there is one.
    pub async fn audit_hash(&self, seq: i64) -> Result<Option<String>, ApiError> {
        #[derive(Deserialize)]
        struct HashRow {
            hash: Option<String>,
        }
        let rows: Vec<HashRow> = self.rows("SELECT hash FROM audit_log WHERE seq = ?1", &[int(seq)]).await?;
        Ok(rows.into_iter().next().and_then(|r| r.hash))
    }

    /// Queries of a subject's information by others (Art. 31), newest first, and their
    /// total. The subject's own queries (organisation = its code) are left out, and so are
    /// providers' submissions and moves of records (`records.ingest`, `records.move`): those are the records' sources,
    /// which the subject sees with each record and in its history.
    pub async fn queries_of(&self, code: &str, offset: u32, limit: u32) -> Result<(Vec<AuditEntry>, u32), ApiError> {
        let filter = "subject_code = ?1 AND NOT (viewer_role = 'subject' AND organisation IS ?1) \
                      AND action NOT IN ('records.ingest', 'records.move')";
        let sql = format!("SELECT {AUDIT_COLUMNS} FROM audit_log WHERE {filter} ORDER BY seq DESC LIMIT ?2 OFFSET ?3");
        let rows: Vec<AuditRow> = self.rows(&sql, &[text(code), int(limit.into()), int(offset.into())]).await?;
        let count: Vec<CountRow> =
            self.rows(&format!("SELECT count(*) AS n FROM audit_log WHERE {filter}"), &[text(code)]).await?;
        let total = count.first().map_or(0, |c| c.n.max(0) as u32);
        Ok((rows.into_iter().map(|r| r.into_chained().entry).collect(), total))
    }
}
