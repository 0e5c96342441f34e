//! SQL of the workflows (issue 6): the audit chain, objections in progress, withdrawals,
//! written authorizations, credit reports and record history. Like its parent module it
//! decides nothing: it reads rows into `shared` types and writes what handlers decided.

use super::{int, opt_text, text, Db, GrantRow, GRANT_COLUMNS};
use crate::http::internal;
use gzcredit_shared::audit::{AuditEntry, ChainHead, ChainedEntry};
use gzcredit_shared::disclosure::Grant;
use gzcredit_shared::error::{ApiError, ErrorCode};
use gzcredit_shared::repair::{Ground, Withdrawal};
use gzcredit_shared::Date;
use serde::Deserialize;
use wasm_bindgen::JsValue;
use worker::D1PreparedStatement;

/// Audit rows read per page while verifying the chain.
pub const AUDIT_PAGE: u32 = 500;

/// How many times an append is tried when other requests keep appending first.
const APPEND_ATTEMPTS: u32 = 24;

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

#[derive(Deserialize)]
struct CountRow {
    n: i64,
}

/// Whether a batch failed because another request appended to the audit chain first.
fn lost_append_race(message: &str) -> bool {
    message.contains("audit_log.seq")
}

/// Whether a batch failed on a [`Db::guard`].
fn guard_failed(message: &str) -> bool {
    message.contains("CHECK constraint failed") && message.contains("ok")
}

impl Db {
    /// The recorded head of the audit chain.
    pub async fn audit_head(&self) -> Result<Option<ChainHead>, ApiError> {
        let rows: Vec<HeadRow> = self.rows("SELECT seq, hash FROM audit_head WHERE id = 1", &[]).await?;
        Ok(rows.into_iter().next().map(|r| ChainHead { seq: r.seq, hash: r.hash }))
    }

    /// A statement that rolls its batch back unless `condition` (SQL over `params`) holds.
    pub fn guard(&self, condition: &str, params: &[JsValue]) -> Result<D1PreparedStatement, ApiError> {
        self.statement(&format!("INSERT INTO batch_guard (ok) SELECT 0 WHERE NOT ({condition})"), params)
    }

    /// Run `build()`'s statements and, if `entry` is given, append it to the audit chain in
    /// the same transaction (see `shared::audit`: explicit `seq = head + 1`, retried when
    /// another request appended first). A failed [`Db::guard`] is a 409.
    pub async fn batch_with_audit(
        &self,
        entry: Option<AuditEntry>,
        build: impl Fn() -> Result<Vec<D1PreparedStatement>, ApiError>,
    ) -> Result<(), ApiError> {
        for attempt in 0..APPEND_ATTEMPTS {
            if attempt > 0 {
                // Randomised exponential backoff, so that racing requests spread out
                // instead of colliding again on the next head.
                let ceiling = 4.0 * f64::from(1u32 << attempt.min(6));
                let millis = (js_sys::Math::random() * ceiling) as u64 + 1;
                worker::Delay::from(core::time::Duration::from_millis(millis)).await;
            }
            let mut statements = build()?;
            if let Some(entry) = &entry {
                let head = self.audit_head().await?.unwrap_or_default();
                let chained = head.next(entry.clone());
                statements.extend(self.append_statements(&chained)?);
            }
            if statements.is_empty() {
                return Ok(());
            }
            match self.batch_raw(statements).await {
                Ok(()) => return Ok(()),
                Err(message) => {
                    if guard_failed(&message) {
                        return Err(ApiError::new(
                            ErrorCode::Conflict,
                            "该事项刚被他人办理，请刷新后重试。",
                            "Someone else has just acted on this; reload and retry.",
                        ));
                    }
                    if !lost_append_race(&message) {
                        return Err(internal(&message));
                    }
                }
            }
        }
        Err(internal("audit append: too much contention"))
    }

    /// Like [`Db::batch`], but keeping D1's error text for the caller to classify.
    async fn batch_raw(&self, statements: Vec<D1PreparedStatement>) -> Result<(), String> {
        match self.inner.batch(statements).await {
            Ok(results) => {
                for result in &results {
                    self.count(result);
                }
                Ok(())
            }
            Err(error) => Err(error.to_string()),
        }
    }

    fn append_statements(&self, chained: &ChainedEntry) -> Result<Vec<D1PreparedStatement>, ApiError> {
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

    /// Audit entries after `after_seq`, in order, at most [`AUDIT_PAGE`].
    pub async fn audit_page(&self, after_seq: i64) -> Result<Vec<ChainedEntry>, ApiError> {
        let sql = format!("SELECT {AUDIT_COLUMNS} FROM audit_log WHERE seq > ?1 ORDER BY seq LIMIT ?2");
        let rows: Vec<AuditRow> = self.rows(&sql, &[int(after_seq), int(AUDIT_PAGE.into())]).await?;
        Ok(rows.into_iter().map(AuditRow::into_chained).collect())
    }

    /// Queries of a subject's information by others (Art. 31), newest first, and their
    /// total. The subject's own queries (organisation = its code) are left out, and so are
    /// providers' submissions of records (`records.ingest`): those are the records' sources,
    /// which the subject sees with each record and in its history.
    pub async fn queries_of(&self, code: &str, offset: u32, limit: u32) -> Result<(Vec<AuditEntry>, u32), ApiError> {
        let filter = "subject_code = ?1 AND NOT (viewer_role = 'subject' AND organisation IS ?1) \
                      AND action <> 'records.ingest'";
        let sql = format!("SELECT {AUDIT_COLUMNS} FROM audit_log WHERE {filter} ORDER BY seq DESC LIMIT ?2 OFFSET ?3");
        let rows: Vec<AuditRow> = self.rows(&sql, &[text(code), int(limit.into()), int(offset.into())]).await?;
        let count: Vec<CountRow> =
            self.rows(&format!("SELECT count(*) AS n FROM audit_log WHERE {filter}"), &[text(code)]).await?;
        let total = count.first().map_or(0, |c| c.n.max(0) as u32);
        Ok((rows.into_iter().map(|r| r.into_chained().entry).collect(), total))
    }
}

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
}

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
