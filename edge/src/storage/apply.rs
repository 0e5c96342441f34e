//! The write path: [`Db::apply`] turns a `shared::change::Change` into D1 statements and
//! runs them, with the act's audit entry, in one batch (a transaction). It is the only code
//! that writes; it decides nothing.
//!
//! A change was planned from rows read before it. Its guards are checked inside the batch
//! (`INSERT INTO batch_guard … WHERE NOT (fact)` violates a CHECK and rolls everything
//! back), and so is the uniqueness of a new subject; either failing means another write
//! came first, and the caller plans the act again from fresh rows ([`Applied::Stale`]).

use super::{int, name_index, opt_text, text, Db};
use crate::http::internal;
use gzcredit_shared::audit::{AuditEntry, ChainHead};
use gzcredit_shared::change::{Change, Guard, HistoryEntry, RecordRef, RecordWrite, Step};
use gzcredit_shared::disclosure::{in_public_index, ListStanding};
use gzcredit_shared::error::ApiError;
use gzcredit_shared::query_window::Ground;
use gzcredit_shared::search_terms::IndexTerms;
use gzcredit_shared::Date;
use wasm_bindgen::JsValue;
use worker::D1PreparedStatement;

/// How many times an append is tried when other requests keep appending first.
const APPEND_ATTEMPTS: u32 = 24;

/// What became of a change.
#[must_use]
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Applied {
    /// Written whole.
    Done,
    /// Not written: a fact it was planned from no longer holds; plan it again.
    Stale,
    /// Not written: the caller's token is on the revocation list (`auth::revoked`).
    Revoked,
}

/// Steps of which a run (consecutive steps of the kind) is written as one statement over a
/// JSON array: an ingest of n records is then a handful of statements, not 3n (each
/// statement costs a prepare and a bind across the JS boundary, and work in D1).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Run {
    /// [`Guard::DocumentHeldOnlyBy`].
    DocumentGuards,
    /// [`Step::UpsertRecord`].
    Upserts,
    /// [`Step::History`].
    Histories,
}

impl Run {
    fn of(step: &Step) -> Option<Run> {
        match step {
            Step::Guard(Guard::DocumentHeldOnlyBy { .. }) => Some(Run::DocumentGuards),
            Step::UpsertRecord(_) => Some(Run::Upserts),
            Step::History(_) => Some(Run::Histories),
            _ => None,
        }
    }
}

/// Whether a batch failed because another request appended to the audit chain first.
fn lost_append_race(message: &str) -> bool {
    message.contains("audit_log.seq")
}

/// Whether a batch failed because a fact its change was planned from no longer holds: a
/// guard (`batch_guard.ok`), or a subject created meanwhile by another request.
fn stale(message: &str) -> bool {
    message.contains("CHECK constraint failed: ok") || message.contains("UNIQUE constraint failed: subjects.")
}

/// Whether a batch failed because the caller's token is revoked (`token_guard.live`,
/// migration 0009).
fn revoked(message: &str) -> bool {
    message.contains("CHECK constraint failed: live")
}

fn day(date: Option<Date>) -> JsValue {
    opt_text(date.map(|d| d.to_string()).as_deref())
}

fn ground(ground: Ground) -> &'static str {
    match ground {
        Ground::Repair => "repair",
        Ground::Revocation => "revocation",
    }
}

/// Ids a database gives: 2^28 from its base (migration `0010_shard_identity.sql`).
const ID_RANGE: i64 = 1 << 28;

/// The last id `table` has given in this database: the largest within the database's own
/// range (from its base in `shard_identity`, 0 without one), or the base; never below the
/// floor a shard split leaves after deleting the rows it moved (migration `0011_id_floor.sql`).
/// Only within the range, so that rows copied in from another database (a shard split,
/// docs/deploy.md) never move the numbering into that database's range. One seek (`max`
/// of a rowid range).
fn last_id(table: &str) -> String {
    const BASE: &str = "(SELECT coalesce(max(base), 0) FROM shard_identity)";
    const FLOOR: &str = "(SELECT coalesce(max(floor), 0) FROM shard_identity)";
    format!(
        "max(coalesce((SELECT max(id) FROM {table} WHERE id > {BASE} AND id < {BASE} + {ID_RANGE}), {BASE}), {FLOOR})"
    )
}

impl Db {
    /// Apply `change` with its audit `entries` (one per act; a search audits one per subject
    /// it returns) in one transaction; `at` stamps the rows. `head` is the audit chain's
    /// head if the caller read it already (along with the rows it planned from, to save a
    /// round trip): a stale one only costs a retry. `token` is the caller's token id: the
    /// batch is refused if it is on the revocation list by then ([`Applied::Revoked`]). In
    /// a test run, `fault` makes the n-th statement fail (nothing may be written then).
    pub async fn apply(
        &self,
        change: &Change,
        entries: &[AuditEntry],
        at: &str,
        mut head: Option<ChainHead>,
        token: Option<&str>,
        fault: Option<usize>,
    ) -> Result<Applied, ApiError> {
        let mut statements = Vec::new();
        for run in change.steps.chunk_by(|a, b| Run::of(a).is_some() && Run::of(a) == Run::of(b)) {
            match Run::of(&run[0]) {
                Some(kind) => statements.push(self.run_statement(kind, run, at)?),
                None => self.statements(&run[0], at, &mut statements)?,
            }
        }
        if statements.is_empty() && entries.is_empty() {
            return Ok(Applied::Done);
        }
        if let Some(token) = token {
            let sql =
                "INSERT INTO token_guard (live) SELECT 0 WHERE EXISTS (SELECT 1 FROM revoked_tokens WHERE jti = ?1)";
            statements.insert(0, self.statement(sql, &[text(token)])?);
        }
        for attempt in 0..APPEND_ATTEMPTS {
            if attempt > 0 {
                // Randomised exponential backoff, so that racing requests spread out
                // instead of colliding again on the next head.
                let ceiling = 4.0 * f64::from(1u32 << attempt.min(6));
                let millis = (js_sys::Math::random() * ceiling) as u64 + 1;
                worker::Delay::from(core::time::Duration::from_millis(millis)).await;
            }
            let mut batch = statements.clone();
            if !entries.is_empty() {
                // The chain's next link is known only now (`shared::audit`: seq = head + 1).
                let mut head = match head.take() {
                    Some(head) => head,
                    None => self.audit_head().await?.unwrap_or_default(),
                };
                for entry in entries {
                    let chained = head.next(entry.clone());
                    batch.extend(self.append_statements(&chained)?);
                    head = ChainHead { seq: chained.entry.seq, hash: chained.hash.unwrap_or_default() };
                }
            }
            if let Some(n) = fault.filter(|n| (1..=batch.len()).contains(n)) {
                batch[n - 1] = self.statement("SELECT fault FROM injected_fault", &[])?;
            }
            match self.batch_raw(batch).await {
                Ok(()) => return Ok(Applied::Done),
                Err(message) if revoked(&message) => return Ok(Applied::Revoked),
                Err(message) if stale(&message) => return Ok(Applied::Stale),
                Err(message) if lost_append_race(&message) => continue,
                Err(message) => return Err(internal(&message)),
            }
        }
        Err(internal("audit append: too much contention"))
    }

    /// Like [`Db::batch`], but keeping D1's error text for the caller to classify.
    async fn batch_raw(&self, statements: Vec<D1PreparedStatement>) -> Result<(), String> {
        self.batches.set(self.batches.get() + 1);
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

    /// The statement that rolls its batch back unless `guard` holds.
    fn guard(&self, guard: &Guard) -> Result<D1PreparedStatement, ApiError> {
        let (condition, params): (&str, Vec<JsValue>) = match guard {
            Guard::SubjectVersion { code, version } => {
                ("EXISTS (SELECT 1 FROM subjects WHERE code = ?1 AND version = ?2)", vec![text(code), int(*version)])
            }
            Guard::DocumentHeldOnlyBy { .. } => return self.documents_held_only_by(&[guard]),
            Guard::ObjectionState { id, state } => {
                ("EXISTS (SELECT 1 FROM objections WHERE id = ?1 AND state = ?2)", vec![text(id), text(state)])
            }
            Guard::OpenObjections { record_id, except, count } => (
                "(SELECT count(*) FROM objections WHERE record_id = ?1 AND closed_on IS NULL AND id <> ?2) = ?3",
                vec![int(*record_id), text(except), int((*count).into())],
            ),
            Guard::RecordNotWithdrawn { record_id } => {
                ("EXISTS (SELECT 1 FROM records WHERE id = ?1 AND withdrawal_ground IS NULL)", vec![int(*record_id)])
            }
            Guard::WithdrawalOpen { id } => {
                ("EXISTS (SELECT 1 FROM withdrawals WHERE id = ?1 AND withdrawn_on IS NULL)", vec![text(id)])
            }
            Guard::GrantNotRevoked { id } => {
                ("EXISTS (SELECT 1 FROM grants WHERE id = ?1 AND revoked_on IS NULL)", vec![text(id)])
            }
            Guard::ReportsIssued { subject_code, year, count } => (
                "(SELECT count(*) FROM reports WHERE subject_code = ?1 AND year = ?2 AND kind = 'personal') = ?3",
                vec![text(subject_code), int((*year).into()), int((*count).into())],
            ),
        };
        self.statement(&format!("INSERT INTO batch_guard (ok) SELECT 0 WHERE NOT ({condition})"), &params)
    }

    /// The one `record_history` insert, for one entry or a run of them (in their order).
    fn histories(&self, entries: &[&HistoryEntry], at: &str) -> Result<D1PreparedStatement, ApiError> {
        let rows: Vec<serde_json::Value> = entries
            .iter()
            .map(|entry| {
                let (id, provider, document) = match &entry.record {
                    RecordRef::Id(id) => (Some(*id), None, None),
                    RecordRef::Document { provider, document_number } => (None, Some(provider), Some(document_number)),
                };
                serde_json::json!({
                    "id": id, "provider": provider, "document": document, "role": entry.actor_role,
                    "actor": entry.actor, "reason": entry.reason, "snapshot": entry.snapshot,
                })
            })
            .collect();
        self.statement(
            "INSERT INTO record_history (record_id, changed_at, actor_role, actor, reason, snapshot) \
             SELECT r.id, ?2, json_extract(v.value, '$.role'), json_extract(v.value, '$.actor'), \
               json_extract(v.value, '$.reason'), json_extract(v.value, '$.snapshot') \
             FROM json_each(?1) v JOIN records r ON r.id = coalesce(json_extract(v.value, '$.id'), \
               (SELECT id FROM records WHERE provider = json_extract(v.value, '$.provider') \
                AND document_number = json_extract(v.value, '$.document'))) \
             ORDER BY v.key",
            &[text(&serde_json::Value::from(rows).to_string()), text(at)],
        )
    }

    /// The guard that no document of `guards` (all [`Guard::DocumentHeldOnlyBy`]) is held
    /// by the provider for another subject than the one named.
    fn documents_held_only_by(&self, guards: &[&Guard]) -> Result<D1PreparedStatement, ApiError> {
        let rows: Vec<serde_json::Value> = guards
            .iter()
            .filter_map(|guard| match guard {
                Guard::DocumentHeldOnlyBy { provider, document_number, subject_code } => Some(serde_json::json!({
                    "provider": provider, "document": document_number, "subject": subject_code,
                })),
                _ => None,
            })
            .collect();
        self.statement(
            "INSERT INTO batch_guard (ok) SELECT 0 WHERE EXISTS (SELECT 1 FROM json_each(?1) v \
             JOIN records r ON r.provider = json_extract(v.value, '$.provider') \
               AND r.document_number = json_extract(v.value, '$.document') \
             JOIN subjects s ON s.id = r.subject_id WHERE s.code <> json_extract(v.value, '$.subject'))",
            &[text(&serde_json::Value::from(rows).to_string())],
        )
    }

    /// The one `records` upsert (by provider and document number), for one record or a run
    /// of them (in their order).
    fn upserts(&self, writes: &[&RecordWrite], at: &str) -> Result<D1PreparedStatement, ApiError> {
        let mut rows = Vec::with_capacity(writes.len());
        for w in writes {
            let r = &w.record;
            let facts = &r.publicity;
            let date = |d: Option<Date>| d.map(|d| d.to_string());
            rows.push(serde_json::json!({
                "subject": r.subject_code, "item": r.item_code, "class": w.class,
                "provider": r.provider_department, "document": r.document_number, "title": r.title,
                "content": r.content, "basis": r.legal_basis, "decided": date(facts.decision_date),
                "ended": date(facts.act_end_date), "valid_until": date(facts.valid_until),
                "penalty_types": serde_json::to_string(&facts.penalty_types).map_err(internal)?,
                "persons": serde_json::to_string(&r.persons).map_err(internal)?,
                "extra": w.extra_fields, "consent": i64::from(w.written_consent),
                "continuing": i64::from(facts.act_continuing),
            }));
        }
        self.statement(
            &format!(
                "INSERT INTO records (id, subject_id, item_code, class, provider, document_number, title, content, \
               legal_basis, decision_date, act_end_date, valid_until, penalty_types, persons, extra_fields, \
               written_consent, created_at, updated_at, act_continuing) \
             SELECT {} + v.key + 1, s.id, json_extract(v.value, '$.item'), json_extract(v.value, '$.class'), \
               json_extract(v.value, '$.provider'), json_extract(v.value, '$.document'), \
               json_extract(v.value, '$.title'), json_extract(v.value, '$.content'), \
               json_extract(v.value, '$.basis'), json_extract(v.value, '$.decided'), \
               json_extract(v.value, '$.ended'), json_extract(v.value, '$.valid_until'), \
               json_extract(v.value, '$.penalty_types'), json_extract(v.value, '$.persons'), \
               json_extract(v.value, '$.extra'), json_extract(v.value, '$.consent'), ?2, ?2, \
               json_extract(v.value, '$.continuing') \
             FROM json_each(?1) v JOIN subjects s ON s.code = json_extract(v.value, '$.subject') \
             WHERE true ORDER BY v.key \
             ON CONFLICT (provider, document_number) DO UPDATE SET \
               item_code = excluded.item_code, class = excluded.class, title = excluded.title, \
               content = excluded.content, legal_basis = excluded.legal_basis, \
               decision_date = excluded.decision_date, act_end_date = excluded.act_end_date, \
               valid_until = excluded.valid_until, penalty_types = excluded.penalty_types, \
               persons = excluded.persons, extra_fields = excluded.extra_fields, \
               written_consent = excluded.written_consent, updated_at = excluded.updated_at, \
               act_continuing = excluded.act_continuing",
                last_id("records")
            ),
            &[text(&serde_json::Value::from(rows).to_string()), text(at)],
        )
    }

    /// One statement for a run of steps of one kind (`Run::of`), in their order.
    fn run_statement(&self, kind: Run, run: &[Step], at: &str) -> Result<D1PreparedStatement, ApiError> {
        match kind {
            Run::DocumentGuards => {
                let guards: Vec<_> =
                    run.iter().filter_map(|s| if let Step::Guard(g) = s { Some(g) } else { None }).collect();
                self.documents_held_only_by(&guards)
            }
            Run::Upserts => {
                let writes: Vec<_> =
                    run.iter().filter_map(|s| if let Step::UpsertRecord(w) = s { Some(w) } else { None }).collect();
                self.upserts(&writes, at)
            }
            Run::Histories => {
                let entries: Vec<_> =
                    run.iter().filter_map(|s| if let Step::History(h) = s { Some(h) } else { None }).collect();
                self.histories(&entries, at)
            }
        }
    }

    /// The statements that put the subject `code` into one part of the name index; with
    /// `unless_public`, not if it is in the public part already (`subjects.publicly_indexed`,
    /// set after them by the caller): the trigram index would take a second row for it.
    fn index_statements(
        &self,
        part: &name_index::Part,
        code: &str,
        terms: &IndexTerms,
        unless_public: bool,
        out: &mut Vec<D1PreparedStatement>,
    ) -> Result<(), ApiError> {
        let not_yet = if unless_public { " AND publicly_indexed = 0" } else { "" };
        // The trigram index's rowid puts the rank in the high bits (search_terms::fts_rowid).
        out.push(self.statement(
            &format!(
                "INSERT INTO {} (rowid, name_norm) SELECT (name_rank << 32) | id, name_norm FROM subjects \
                 WHERE code = ?1{not_yet}",
                part.names
            ),
            &[text(code)],
        )?);
        let grams = serde_json::to_string(&terms.grams).map_err(internal)?;
        out.push(self.statement(
            &format!(
                "INSERT OR IGNORE INTO {} (gram, name_rank, subject_id) SELECT g.value, s.name_rank, s.id \
                 FROM subjects s, json_each(?2) g WHERE s.code = ?1{not_yet}",
                part.grams
            ),
            &[text(code), text(&grams)],
        )?);
        // SQLite needs the WHERE before ON CONFLICT to read the upsert of a SELECT.
        out.push(self.statement(
            &format!(
                "INSERT INTO {} (gram, n) SELECT g.value, 1 FROM subjects s, json_each(?2) g \
                 WHERE s.code = ?1{not_yet} ON CONFLICT (gram) DO UPDATE SET n = n + 1",
                part.counts
            ),
            &[text(code), text(&grams)],
        )?);
        let pinyin = serde_json::to_string(&terms.pinyin).map_err(internal)?;
        out.push(self.statement(
            &format!(
                "INSERT OR IGNORE INTO {} (key, subject_id) SELECT k.value, s.id \
                 FROM subjects s, json_each(?2) k WHERE s.code = ?1{not_yet}",
                part.pinyin
            ),
            &[text(code), text(&pinyin)],
        )?);
        Ok(())
    }

    /// The statements of one step.
    fn statements(&self, step: &Step, at: &str, out: &mut Vec<D1PreparedStatement>) -> Result<(), ApiError> {
        match step {
            Step::Guard(guard) => out.push(self.guard(guard)?),
            Step::InsertSubject(s) => {
                let public = in_public_index(s.natural_person, &ListStanding::default());
                out.push(self.statement(
                    &format!(
                        "INSERT INTO subjects (id, code, uscc, id_number, name, name_norm, name_rank, subject_type, \
                         natural_person, region, publicly_indexed) \
                         VALUES ({} + 1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                        last_id("subjects")
                    ),
                    &[
                        text(&s.code),
                        opt_text(s.uscc.as_deref()),
                        opt_text(s.id_number.as_deref()),
                        text(&s.name),
                        text(&s.terms.name_norm),
                        int(s.terms.name_rank),
                        text(s.category),
                        int(i64::from(s.natural_person)),
                        text(&s.region),
                        int(i64::from(public)),
                    ],
                )?);
                let part = if public { &name_index::PUBLIC } else { &name_index::PRIVATE };
                self.index_statements(part, &s.code, &s.terms, false, out)?;
            }
            Step::UpsertRecord(w) => out.push(self.upserts(&[w], at)?),
            Step::CorrectRecord(r) => {
                let facts = &r.publicity;
                out.push(self.statement(
                    "UPDATE records SET title = ?2, content = ?3, legal_basis = ?4, decision_date = ?5, \
                     act_end_date = ?6, valid_until = ?7, penalty_types = ?8, updated_at = ?9, act_continuing = ?10 \
                     WHERE id = ?1",
                    &[
                        int(r.id),
                        text(&r.title),
                        text(&r.content),
                        text(&r.legal_basis),
                        day(facts.decision_date),
                        day(facts.act_end_date),
                        day(facts.valid_until),
                        text(&serde_json::to_string(&facts.penalty_types).map_err(internal)?),
                        text(at),
                        int(i64::from(facts.act_continuing)),
                    ],
                )?);
            }
            Step::MoveRecord { record_id, to_subject } => out.push(self.statement(
                "UPDATE records SET subject_id = (SELECT id FROM subjects WHERE code = ?2), list_removed_on = NULL, \
                 updated_at = ?3 WHERE id = ?1",
                &[int(*record_id), text(to_subject), text(at)],
            )?),
            Step::MarkObjection { record_id, under_objection } => out.push(self.statement(
                "UPDATE records SET under_objection = ?2, updated_at = ?3 WHERE id = ?1",
                &[int(*record_id), int(i64::from(*under_objection)), text(at)],
            )?),
            Step::WithdrawRecord { record_id, ground: g, received_on } => out.push(self.statement(
                "UPDATE records SET withdrawal_ground = ?2, withdrawal_received = ?3, updated_at = ?4 WHERE id = ?1",
                &[int(*record_id), text(ground(*g)), text(&received_on.to_string()), text(at)],
            )?),
            Step::History(entry) => out.push(self.histories(&[entry], at)?),
            Step::Standing(s) => {
                out.push(self.statement(
                    "UPDATE subjects SET red_list_until = ?2, serious_list_until = ?3, public_list_until = ?4, \
                     version = version + 1 WHERE code = ?1",
                    &[
                        text(&s.code),
                        day(s.standing.red_list_until),
                        day(s.standing.serious_list_until),
                        day(s.standing.public_list_until),
                    ],
                )?);
                // A natural person a public list now names joins the public part of the name
                // index (it stays in the private part too, which holds every person).
                if let Some(terms) = s.person_terms.as_ref().filter(|_| in_public_index(true, &s.standing)) {
                    self.index_statements(&name_index::PUBLIC, &s.code, terms, true, out)?;
                    out.push(self.statement(
                        "UPDATE subjects SET publicly_indexed = 1 WHERE code = ?1",
                        &[text(&s.code)],
                    )?);
                }
                for (provider, document_number, removed) in &s.removals {
                    out.push(self.statement(
                        "UPDATE records SET list_removed_on = ?3 WHERE provider = ?1 AND document_number = ?2",
                        &[text(provider), text(document_number), day(*removed)],
                    )?);
                }
            }
            Step::InsertObjection(o) => out.push(self.statement(
                "INSERT INTO objections (id, record_id, objector_name, objector_contact, reason, evidence, \
                 received_on, filed_at, state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                &[
                    text(&o.id),
                    int(o.record_id),
                    text(&o.objector_name),
                    text(&o.objector_contact),
                    text(&o.reason),
                    text(&o.evidence),
                    text(&o.received_on.to_string()),
                    text(at),
                    text(&o.state),
                ],
            )?),
            Step::UpdateObjection(u) => out.push(self.statement(
                "UPDATE objections SET state = ?2, route = coalesce(?3, route), decided_by = coalesce(?4, decided_by), \
                 closed_on = coalesce(?5, closed_on) WHERE id = ?1",
                &[text(&u.id), text(&u.state), opt_text(u.route), opt_text(u.decided_by.as_deref()), day(u.closed_on)],
            )?),
            Step::InsertWithdrawal(w) => out.push(self.statement(
                "INSERT INTO withdrawals (id, record_id, ground, received_on, document_number, reason, provider, \
                 due_on, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                &[
                    text(&w.id),
                    int(w.record_id),
                    text(ground(w.ground)),
                    text(&w.received_on.to_string()),
                    text(&w.document_number),
                    text(&w.reason),
                    text(&w.provider),
                    text(&w.due_on.to_string()),
                    text(at),
                ],
            )?),
            Step::CompleteWithdrawal { id, on } => out.push(self.statement(
                "UPDATE withdrawals SET withdrawn_on = ?2 WHERE id = ?1",
                &[text(id), text(&on.to_string())],
            )?),
            Step::InsertGrant(g) => out.push(self.statement(
                "INSERT INTO grants (id, subject_code, grantee, items, purpose, valid_from, valid_until, revoked_on, \
                 created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL, ?8)",
                &[
                    text(&g.id),
                    text(&g.subject_code),
                    text(&g.grantee),
                    text(&serde_json::to_string(&g.items).map_err(internal)?),
                    text(&g.purpose),
                    text(&g.valid_from.to_string()),
                    text(&g.valid_until.to_string()),
                    text(at),
                ],
            )?),
            Step::RevokeGrant { id, on } => out.push(self.statement(
                "UPDATE grants SET revoked_on = ?2 WHERE id = ?1",
                &[text(id), text(&on.to_string())],
            )?),
            Step::InsertReport(r) => out.push(self.statement(
                "INSERT INTO reports (number, subject_code, kind, year, issued_at, content, content_hash, signature, \
                 public_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                &[
                    text(&r.number),
                    text(&r.subject_code),
                    text(r.kind),
                    int(r.year.into()),
                    text(&r.issued_at),
                    text(&r.content),
                    text(&r.content_hash),
                    text(&r.signature),
                    text(&r.public_key),
                ],
            )?),
            Step::RevokeToken { jti, reason } => out.push(self.statement(
                "INSERT INTO revoked_tokens (jti, reason, revoked_at) VALUES (?1, ?2, ?3) ON CONFLICT (jti) DO NOTHING",
                &[text(jti), text(reason), text(at)],
            )?),
            Step::InsertErrorReport(e) => out.push(self.statement(
                "INSERT INTO error_reports (id, record_id, description, contact, received_on, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                &[
                    text(&e.id),
                    int(e.record_id),
                    text(&e.description),
                    opt_text(e.contact.as_deref()),
                    text(&e.received_on.to_string()),
                    text(at),
                ],
            )?),
        }
        Ok(())
    }
}
