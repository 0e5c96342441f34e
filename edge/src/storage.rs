//! Storage: the only module that knows SQL. It reads rows into the domain types of
//! `shared`, and writes by applying the changes `shared` plans (`apply`); it decides
//! nothing.
//!
//! Every query is bounded (an index range with a `LIMIT`), and the D1 rows read by each
//! are added up per request so that the response can report them (`X-D1-Rows-Read`) and
//! the benchmark can check the budget.

mod apply;
mod audit_log;
mod grants;
mod history;
mod name_index;
mod objections;
mod reports;
mod rounds;
mod store;
mod withdrawals;

pub use apply::Applied;
pub use audit_log::AUDIT_PAGE;
pub use history::HistoryRow;
pub use objections::ObjectionRow;
pub use reports::ReportRow;
pub use store::{Scope, Store};
pub use withdrawals::WithdrawalRow;

use crate::http::internal;
use gzcredit_shared::api::ErrorReportView;
use gzcredit_shared::change::SubjectState;
use gzcredit_shared::disclosure::{Grant, SubjectFacts};
use gzcredit_shared::error::ApiError;
use gzcredit_shared::query_window::Ground;
use gzcredit_shared::query_window::{PenaltyType, PublicityFacts};
use gzcredit_shared::record::{Person, Record};
use gzcredit_shared::search_terms::IndexTerms;
use gzcredit_shared::submission::{DocumentHolder, SubjectKey};
use gzcredit_shared::Date;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement, D1Result};

/// Records of one subject read per query (one page of [`Db::records_of`]).
pub const PROFILE_RECORD_LIMIT: u32 = 200;

/// Most records of one subject a request reads (ten pages): a subject with more is
/// refused with `subject_too_large`, never answered from its first records only.
pub const SUBJECT_RECORD_MAX: u32 = 2_000;

/// The error for a subject holding more than [`SUBJECT_RECORD_MAX`] records.
fn subject_too_large() -> ApiError {
    ApiError::new(
        gzcredit_shared::error::ErrorCode::SubjectTooLarge,
        format!("该主体的信用记录超过 {SUBJECT_RECORD_MAX} 条，无法在一次请求中完整读取，请联系平台运营方。"),
        format!(
            "This subject holds more than {SUBJECT_RECORD_MAX} records, more than one request reads; \
             contact the platform operator."
        ),
    )
}

/// A D1 database that counts the rows it reads.
pub struct Db {
    inner: D1Database,
    rows_read: Cell<usize>,
    /// Write batches sent.
    batches: Cell<usize>,
    rounds: rounds::Rounds,
}

/// What a request cost D1, reported in test and bench runs (`X-D1-Rows-Read`,
/// `X-D1-Round-Trips`).
#[derive(Clone, Copy, Default, Debug)]
pub struct Usage {
    /// Rows read, as D1 counts them (the budget of issue 14).
    pub rows_read: usize,
    /// Calls to D1: a round of reads sent together is one, a write's batch is one.
    pub round_trips: usize,
}

/// A subject row.
#[derive(Clone, Debug, Deserialize)]
pub struct SubjectRow {
    /// Row id.
    pub id: i64,
    /// Public code.
    pub code: String,
    /// Legacy registration number.
    pub registration_number: Option<String>,
    /// Resident ID of a natural person.
    pub id_number: Option<String>,
    /// Name.
    pub name: String,
    /// Relevance rank of the name among matches (`shared::search_terms::name_rank`).
    #[serde(default)]
    pub name_rank: i64,
    /// Subject type wire name.
    pub subject_type: String,
    /// 1 for natural persons.
    pub natural_person: i64,
    /// Region code.
    pub region: String,
    /// Legal representative.
    pub legal_representative: Option<String>,
    /// Established on.
    pub established: Option<String>,
    /// Address.
    pub address: Option<String>,
    /// Registration authority.
    pub registration_authority: Option<String>,
    /// Last day on the red list.
    pub red_list_until: Option<String>,
    /// Last day on the serious dishonesty list.
    pub serious_list_until: Option<String>,
    /// Last day on any public list.
    pub public_list_until: Option<String>,
    /// Version of its records (`shared::change::Guard::SubjectVersion`).
    #[serde(default)]
    pub version: i64,
}

const SUBJECT_COLUMNS: &str =
    "id, code, registration_number, id_number, name, name_rank, subject_type, natural_person, \
     region, legal_representative, established, address, registration_authority, red_list_until, serious_list_until, \
     public_list_until, version";

impl SubjectRow {
    /// What the disclosure rules need to know about the subject; whether a list names it
    /// today is theirs to decide from the stored last days.
    pub fn facts(&self) -> SubjectFacts {
        SubjectFacts {
            code: self.code.clone(),
            name: self.name.clone(),
            subject_type: self.subject_type.clone(),
            natural_person: self.natural_person != 0,
            registration_number: self.registration_number.clone(),
            region: self.region.clone(),
            legal_representative: self.legal_representative.clone(),
            id_number: self.id_number.clone(),
            established: date(&self.established),
            address: self.address.clone(),
            registration_authority: self.registration_authority.clone(),
            lists: gzcredit_shared::disclosure::ListStanding {
                red_list_until: date(&self.red_list_until),
                serious_list_until: date(&self.serious_list_until),
                public_list_until: date(&self.public_list_until),
            },
        }
    }
}

/// A record row.
#[derive(Clone, Debug, Deserialize)]
pub struct RecordRow {
    id: i64,
    subject_code: String,
    natural_person: i64,
    item_code: String,
    provider: String,
    document_number: String,
    title: String,
    content: String,
    legal_basis: String,
    decision_date: Option<String>,
    act_end_date: Option<String>,
    act_continuing: i64,
    list_removed_on: Option<String>,
    valid_until: Option<String>,
    penalty_types: String,
    withdrawal_ground: Option<String>,
    withdrawal_received: Option<String>,
    persons: String,
    under_objection: i64,
}

/// A record of a national export, with its subject's name and its `extra_fields`.
#[derive(Clone, Debug, Deserialize)]
pub struct ExportRow {
    /// The record.
    #[serde(flatten)]
    pub record: RecordRow,
    /// Its subject's name.
    pub subject_name: String,
    /// Its `extra_fields`, JSON.
    pub extra_fields: String,
}

/// The columns of a [`RecordRow`] that `records` holds itself.
macro_rules! record_own_columns {
    () => {
        "r.item_code, r.provider, r.document_number, r.title, r.content, r.legal_basis, r.decision_date, \
         r.act_end_date, r.act_continuing, r.list_removed_on, r.valid_until, r.penalty_types, r.withdrawal_ground, \
         r.withdrawal_received, r.persons, r.under_objection"
    };
}

/// The columns of a [`RecordRow`], its subject's from `subjects s`.
const RECORD_COLUMNS: &str = concat!("r.id, s.code AS subject_code, s.natural_person, ", record_own_columns!());

/// The columns of a [`RecordRow`] whose subject the caller knows: its code and natural-person
/// flag are the parameters `?1` and `?2`, so that `subjects` is not read once per record.
const RECORD_COLUMNS_OF_KNOWN_SUBJECT: &str =
    concat!("r.id, ?1 AS subject_code, ?2 AS natural_person, ", record_own_columns!());

/// The subject columns qualified with the alias `s`, for joins.
const SUBJECT_COLUMNS_S: &str =
    "s.id, s.code, s.registration_number, s.id_number, s.name, s.name_rank, s.subject_type, \
     s.natural_person, s.region, s.legal_representative, s.established, s.address, s.registration_authority, \
     s.red_list_until, s.serious_list_until, s.public_list_until, s.version";

fn date(text: &Option<String>) -> Option<Date> {
    text.as_deref().and_then(|t| Date::parse(t).ok())
}

impl RecordRow {
    /// The record's id.
    pub fn id(&self) -> i64 {
        self.id
    }

    /// The domain record. Unparseable stored JSON becomes empty, never a panic; a stored
    /// record whose dates cannot be read is treated as not live by its window.
    pub fn into_record(self) -> Record {
        let withdrawal = match (self.withdrawal_ground.as_deref(), date(&self.withdrawal_received)) {
            (Some("repair"), Some(d)) => Some((Ground::Repair, d)),
            (Some("revocation"), Some(d)) => Some((Ground::Revocation, d)),
            _ => None,
        };
        let penalty_types: Vec<PenaltyType> = serde_json::from_str(&self.penalty_types).unwrap_or_default();
        let persons: Vec<Person> = serde_json::from_str(&self.persons).unwrap_or_default();
        Record {
            id: self.id,
            subject_code: self.subject_code,
            subject_is_natural_person: self.natural_person != 0,
            item_code: self.item_code,
            document_number: self.document_number,
            title: self.title,
            content: self.content,
            provider_department: self.provider,
            legal_basis: self.legal_basis,
            publicity: PublicityFacts {
                decision_date: date(&self.decision_date),
                act_end_date: date(&self.act_end_date),
                act_continuing: self.act_continuing != 0,
                list_removed_on: date(&self.list_removed_on),
                valid_until: date(&self.valid_until),
                penalty_types,
                withdrawal,
            },
            persons,
            under_objection: self.under_objection != 0,
        }
    }
}

#[derive(Deserialize)]
struct CountRow {
    n: i64,
}

/// The columns of a written authorization.
pub(crate) const GRANT_COLUMNS: &str = "id, subject_code, grantee, items, purpose, valid_from, valid_until, revoked_on";

/// A `grants` row.
#[derive(Deserialize)]
pub(crate) struct GrantRow {
    id: String,
    subject_code: String,
    grantee: String,
    items: String,
    purpose: String,
    valid_from: String,
    valid_until: String,
    revoked_on: Option<String>,
}

impl GrantRow {
    /// The domain grant; `None` for a row whose stored values cannot be read.
    pub(crate) fn into_grant(self) -> Option<Grant> {
        Some(Grant {
            id: self.id,
            subject_code: self.subject_code,
            grantee: self.grantee,
            items: serde_json::from_str(&self.items).ok()?,
            purpose: self.purpose,
            valid_from: Date::parse(&self.valid_from).ok()?,
            valid_until: Date::parse(&self.valid_until).ok()?,
            revoked_on: date(&self.revoked_on),
        })
    }
}

/// Convert a value for binding.
pub fn text(value: &str) -> JsValue {
    JsValue::from_str(value)
}

/// Convert an optional value for binding (`NULL` for `None`).
pub fn opt_text(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from_str)
}

/// Convert an integer for binding (D1 numbers are doubles; ids stay below 2^53).
pub fn int(value: i64) -> JsValue {
    JsValue::from_f64(value as f64)
}

impl Db {
    /// Wrap the D1 binding.
    pub fn new(inner: D1Database) -> Db {
        Db { inner, rows_read: Cell::new(0), batches: Cell::new(0), rounds: rounds::Rounds::default() }
    }

    /// What this request has cost D1 so far.
    pub fn usage(&self) -> Usage {
        Usage {
            rows_read: self.rows_read.get() + self.rounds.rows_read(),
            round_trips: self.batches.get() + self.rounds.round_trips(),
        }
    }

    /// Prepare and bind a statement.
    pub fn statement(&self, sql: &str, params: &[JsValue]) -> Result<D1PreparedStatement, ApiError> {
        self.inner.prepare(sql).bind(params).map_err(internal)
    }

    fn count(&self, result: &D1Result) {
        if let Ok(Some(meta)) = result.meta() {
            self.rows_read.set(self.rows_read.get() + meta.rows_read.unwrap_or(0));
        }
    }

    /// Run a query and decode its rows. The queries a request starts together are sent to
    /// D1 together, in one round trip (`rounds`).
    ///
    /// The rows cross from JavaScript as one JSON text (`JSON.stringify`, then `serde_json`)
    /// rather than value by value through `serde_wasm_bindgen` (`D1Result::results`): with
    /// one boundary crossing per field, that was the largest CPU cost of a search that reads
    /// 90 candidates.
    pub async fn rows<T: DeserializeOwned>(&self, sql: &str, params: &[JsValue]) -> Result<Vec<T>, ApiError> {
        let statement = self.statement(sql, params)?;
        let text = self.rounds.read(&self.inner, statement).await.map_err(internal)?;
        serde_json::from_str(&text).map_err(internal)
    }

    /// The first `limit` records of a class after the id `after`, in id order, each with its
    /// subject's name and the fields its file brought: a page of a national export
    /// (`crate::exports`). The index `records_class_id` (migration 0012) gives the records in
    /// order, each record and its subject read by key: at most 3 × `limit` rows (the index
    /// entry, the record, the subject).
    pub async fn export_page(&self, class: &str, after: i64, limit: u32) -> Result<Vec<ExportRow>, ApiError> {
        let sql = format!(
            "SELECT {RECORD_COLUMNS}, s.name AS subject_name, r.extra_fields FROM records r INDEXED BY records_class_id \
             CROSS JOIN subjects s ON s.id = r.subject_id WHERE r.class = ?1 AND r.id > ?2 ORDER BY r.id LIMIT ?3"
        );
        self.rows(&sql, &[text(class), int(after), int(limit.into())]).await
    }

    /// The subject with this public code.
    pub async fn subject_by_code(&self, code: &str) -> Result<Option<SubjectRow>, ApiError> {
        let sql = format!("SELECT {SUBJECT_COLUMNS} FROM subjects WHERE code = ?1");
        Ok(self.rows(&sql, &[text(code)]).await?.into_iter().next())
    }

    /// Subjects matching an exact identifier column (`uscc`, `registration_number`, `id_number`).
    pub async fn subjects_by_identifier(&self, column: Identifier, value: &str) -> Result<Vec<SubjectRow>, ApiError> {
        let column = match column {
            Identifier::Uscc => "uscc",
            Identifier::RegistrationNumber => "registration_number",
            Identifier::IdNumber => "id_number",
        };
        let sql = format!("SELECT {SUBJECT_COLUMNS} FROM subjects WHERE {column} = ?1 LIMIT 5");
        self.rows(&sql, &[text(value)]).await
    }

    /// Every record of a subject, whole, optionally of one class, newest first: read in
    /// pages of [`PROFILE_RECORD_LIMIT`], so that the standing a write plans from and the
    /// reports count every record, never a silent first page. (Reads that need no texts
    /// use [`Db::record_digests`], one row per class.) A subject with more than
    /// [`SUBJECT_RECORD_MAX`] fails with `subject_too_large` instead of being answered in
    /// part.
    pub async fn records_of(&self, subject_id: i64, class: Option<&str>) -> Result<Vec<Record>, ApiError> {
        let mut records: Vec<Record> = Vec::new();
        loop {
            let page = self.records_page(subject_id, class, records.len() as u32).await?;
            let full = page.len() == PROFILE_RECORD_LIMIT as usize;
            records.extend(page);
            if !full {
                return Ok(records);
            }
            if records.len() >= SUBJECT_RECORD_MAX as usize {
                return Err(subject_too_large());
            }
        }
    }

    /// One page of a subject's records, newest first (`id` breaks ties, so pages neither
    /// overlap nor skip). `CROSS JOIN` keeps the subject as the outer loop, so its row is
    /// read once, not once per record: 1 + N rows read.
    async fn records_page(&self, subject_id: i64, class: Option<&str>, offset: u32) -> Result<Vec<Record>, ApiError> {
        let (limit, offset) = (int(PROFILE_RECORD_LIMIT.into()), int(offset.into()));
        let rows: Vec<RecordRow> = match class {
            Some(class) => {
                let sql = format!(
                    "SELECT {RECORD_COLUMNS} FROM subjects s CROSS JOIN records r ON r.subject_id = s.id \
                     WHERE s.id = ?1 AND r.class = ?2 ORDER BY r.decision_date DESC, r.id DESC LIMIT ?3 OFFSET ?4"
                );
                self.rows(&sql, &[int(subject_id), text(class), limit, offset]).await?
            }
            None => {
                let sql = format!(
                    "SELECT {RECORD_COLUMNS} FROM subjects s CROSS JOIN records r ON r.subject_id = s.id \
                     WHERE s.id = ?1 ORDER BY r.decision_date DESC, r.id DESC LIMIT ?2 OFFSET ?3"
                );
                self.rows(&sql, &[int(subject_id), limit, offset]).await?
            }
        };
        Ok(rows.into_iter().map(RecordRow::into_record).collect())
    }

    /// The digests of `subject`'s records (migration 0008), optionally of one class, newest
    /// first: each record with what `shared::disclosure` decides on — item, provider, the
    /// dates of its window, the objection mark — and its title, content, legal basis and
    /// persons left empty. One row is read per class, however many records the subject
    /// holds, so the profile, the measures and the records page stay within their row
    /// budgets (issue 14); [`Db::records_by_ids`] then reads the records a page shows.
    pub async fn record_digests(&self, subject: &SubjectRow, class: Option<&str>) -> Result<Vec<Record>, ApiError> {
        #[derive(Deserialize)]
        struct DigestRow {
            entries: String,
        }
        /// One record of a digest, in the column order of `record_digest_entries`.
        #[derive(Deserialize)]
        struct Entry(
            i64,
            String,
            String,
            Option<String>,
            Option<String>,
            i64,
            Option<String>,
            Option<String>,
            String,
            Option<String>,
            Option<String>,
            i64,
        );
        let rows: Vec<DigestRow> = match class {
            Some(class) => {
                let sql = "SELECT entries FROM record_digests WHERE subject_id = ?1 AND class = ?2";
                self.rows(sql, &[int(subject.id), text(class)]).await?
            }
            None => self.rows("SELECT entries FROM record_digests WHERE subject_id = ?1", &[int(subject.id)]).await?,
        };
        let mut records = Vec::new();
        for row in rows {
            let entries: Vec<Entry> = serde_json::from_str(&row.entries).map_err(internal)?;
            records.extend(entries.into_iter().map(|e| {
                RecordRow {
                    id: e.0,
                    subject_code: subject.code.clone(),
                    natural_person: subject.natural_person,
                    item_code: e.1,
                    provider: e.2,
                    document_number: String::new(),
                    title: String::new(),
                    content: String::new(),
                    legal_basis: String::new(),
                    decision_date: e.3,
                    act_end_date: e.4,
                    act_continuing: e.5,
                    list_removed_on: e.6,
                    valid_until: e.7,
                    penalty_types: e.8,
                    withdrawal_ground: e.9,
                    withdrawal_received: e.10,
                    persons: String::new(),
                    under_objection: e.11,
                }
                .into_record()
            }));
        }
        // The order of `records_page`: decision date, then id, newest first (no date last).
        records.sort_by_key(|r| std::cmp::Reverse((r.publicity.decision_date, r.id)));
        Ok(records)
    }

    /// The records of `subject` with these ids, whole, in the order of `ids` (one page of
    /// the records chosen from [`Db::record_digests`]): 2 × `ids.len()` rows read, each id
    /// once in `json_each` (D1 counts a table-valued function's rows as read; a bound `IN`
    /// list is read as a transient table and counts the same) and its record once, by key.
    pub async fn records_by_ids(&self, subject: &SubjectRow, ids: &[i64]) -> Result<Vec<Record>, ApiError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        // `CROSS JOIN` keeps `json_each` outside: each id is looked up by its key, never a
        // scan of the subject's records. The subject check keeps a page to its subject.
        let sql = format!(
            "SELECT {RECORD_COLUMNS_OF_KNOWN_SUBJECT} FROM json_each(?3) j CROSS JOIN records r ON r.id = j.value \
             WHERE r.subject_id = ?4"
        );
        let ids_json = serde_json::to_string(ids).map_err(internal)?;
        let params = [text(&subject.code), int(subject.natural_person), text(&ids_json), int(subject.id)];
        let rows: Vec<RecordRow> = self.rows(&sql, &params).await?;
        let mut by_id: BTreeMap<i64, Record> = rows.into_iter().map(|r| (r.id, r.into_record())).collect();
        Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
    }

    /// Records reported as continuing acts decided before `decided_before`, oldest first
    /// (the supervision list's review of continuing acts; a partial index).
    pub async fn continuing_acts(&self, decided_before: Date, limit: u32) -> Result<Vec<Record>, ApiError> {
        let sql = format!(
            "SELECT {RECORD_COLUMNS} FROM records r JOIN subjects s ON s.id = r.subject_id \
             WHERE r.act_continuing = 1 AND r.decision_date < ?1 ORDER BY r.decision_date LIMIT ?2"
        );
        let rows: Vec<RecordRow> = self.rows(&sql, &[text(&decided_before.to_string()), int(limit.into())]).await?;
        Ok(rows.into_iter().map(RecordRow::into_record).collect())
    }

    /// Which of `documents` this provider already holds, and for which subject
    /// (identified by its USCC or resident ID, as a submission names it).
    pub async fn document_holders(&self, provider: &str, documents: &[&str]) -> Result<Vec<DocumentHolder>, ApiError> {
        let list = serde_json::to_string(documents).map_err(internal)?;
        self.rows(
            "SELECT r.document_number, s.uscc, s.id_number FROM records r JOIN subjects s ON s.id = r.subject_id \
             WHERE r.provider = ?1 AND r.document_number IN (SELECT value FROM json_each(?2))",
            &[text(provider), text(&list)],
        )
        .await
    }

    /// The newest error reports.
    pub async fn error_reports(&self, limit: u32) -> Result<Vec<ErrorReportView>, ApiError> {
        #[derive(Deserialize)]
        struct Row {
            id: String,
            record_id: i64,
            description: String,
            contact: Option<String>,
            received_on: String,
        }
        let rows: Vec<Row> = self
            .rows(
                "SELECT id, record_id, description, contact, received_on FROM error_reports \
                 ORDER BY received_on DESC, id DESC LIMIT ?1",
                &[int(limit.into())],
            )
            .await?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                Some(ErrorReportView {
                    id: r.id,
                    record_id: r.record_id,
                    description: r.description,
                    contact: r.contact,
                    received_on: Date::parse(&r.received_on).ok()?,
                })
            })
            .collect())
    }

    /// One record by id.
    pub async fn record(&self, id: i64) -> Result<Option<Record>, ApiError> {
        let sql =
            format!("SELECT {RECORD_COLUMNS} FROM records r JOIN subjects s ON s.id = r.subject_id WHERE r.id = ?1");
        let rows: Vec<RecordRow> = self.rows(&sql, &[int(id)]).await?;
        Ok(rows.into_iter().next().map(RecordRow::into_record))
    }

    /// A subject as a change needs it (code, version, all records), by public code.
    pub async fn subject_state(&self, code: &str) -> Result<Option<SubjectState>, ApiError> {
        match self.subject_by_code(code).await? {
            Some(row) => self.state_of(row).await.map(Some),
            None => Ok(None),
        }
    }

    /// A subject as a change needs it, by the identifier a submission names it with.
    pub async fn subject_state_by_key(&self, key: &SubjectKey) -> Result<Option<SubjectState>, ApiError> {
        let column = match key {
            SubjectKey::Organisation(_) => Identifier::Uscc,
            SubjectKey::Person(_) => Identifier::IdNumber,
        };
        match self.subjects_by_identifier(column, key.identifier()).await?.into_iter().next() {
            Some(row) => self.state_of(row).await.map(Some),
            None => Ok(None),
        }
    }

    /// The stored subjects among those a batch names, by identifier (USCC or resident ID),
    /// each with all its records: two queries for all of them, however many records name
    /// each, sent in one round (one batch, which D1 runs as a transaction), so a subject's
    /// version always matches the records planned from.
    pub async fn subject_states_by_keys(
        &self,
        keys: &[SubjectKey],
    ) -> Result<BTreeMap<String, SubjectState>, ApiError> {
        #[derive(Deserialize)]
        struct Keyed {
            key: String,
            #[serde(flatten)]
            row: SubjectRow,
        }
        let of = |person: bool| {
            let ids: BTreeSet<&str> =
                keys.iter().filter(|k| k.natural_person() == person).map(SubjectKey::identifier).collect();
            serde_json::to_string(&ids).map(|list| text(&list)).map_err(internal)
        };
        let params = [of(false)?, of(true)?];
        let matching = "SELECT id FROM subjects WHERE uscc IN (SELECT value FROM json_each(?1)) \
             UNION ALL SELECT id FROM subjects WHERE id_number IN (SELECT value FROM json_each(?2))";
        let subjects = format!(
            "SELECT uscc AS key, {SUBJECT_COLUMNS} FROM subjects WHERE uscc IN (SELECT value FROM json_each(?1)) \
             UNION ALL SELECT id_number AS key, {SUBJECT_COLUMNS} FROM subjects WHERE id_number IN (SELECT value FROM json_each(?2))"
        );
        let records = format!(
            "SELECT {RECORD_COLUMNS} FROM subjects s CROSS JOIN records r ON r.subject_id = s.id \
             WHERE s.id IN ({matching}) ORDER BY s.id, r.decision_date DESC, r.id DESC LIMIT ?3"
        );
        // Past the largest subject's share, the answer is refused whole, never planned in part.
        let limit = int((keys.len() as i64).saturating_mul(SUBJECT_RECORD_MAX.into()) + 1);
        // Sent together, so in one round: one transaction, one snapshot.
        let records_params = [params[0].clone(), params[1].clone(), limit];
        let (subjects, records) = futures_util::future::join(
            self.rows::<Keyed>(&subjects, &params),
            self.rows::<RecordRow>(&records, &records_params),
        )
        .await;
        let (subjects, records) = (subjects?, records?);
        let mut records_of: BTreeMap<String, Vec<Record>> = BTreeMap::new();
        for record in records {
            records_of.entry(record.subject_code.clone()).or_default().push(record.into_record());
        }
        let mut states = BTreeMap::new();
        for Keyed { key, row } in subjects {
            let records = records_of.remove(&row.code).unwrap_or_default();
            if records.len() > SUBJECT_RECORD_MAX as usize {
                return Err(subject_too_large());
            }
            let person_terms = (row.natural_person == 1).then(|| IndexTerms::of(&row.name));
            states.insert(key, SubjectState { code: row.code, version: row.version, records, person_terms });
        }
        Ok(states)
    }

    async fn state_of(&self, row: SubjectRow) -> Result<SubjectState, ApiError> {
        let records = self.records_of(row.id, None).await?;
        let person_terms = (row.natural_person == 1).then(|| IndexTerms::of(&row.name));
        Ok(SubjectState { code: row.code, version: row.version, records, person_terms })
    }

    /// A written authorization by id.
    pub async fn grant(&self, id: &str) -> Result<Option<Grant>, ApiError> {
        let sql = format!("SELECT {GRANT_COLUMNS} FROM grants WHERE id = ?1");
        let rows: Vec<GrantRow> = self.rows(&sql, &[text(id)]).await?;
        Ok(rows.into_iter().next().and_then(GrantRow::into_grant))
    }

    /// Check whether the token id `jti` is on the revocation list along with the request's
    /// first reads (no round trip of its own); [`Db::token_revoked`] gives the answer.
    pub fn check_token(&self, jti: &str) -> Result<(), ApiError> {
        self.rounds.check_token(self.statement(rounds::REVOKED_SQL, &[text(jti)])?);
        Ok(())
    }

    /// Whether the token id `jti` is on the revocation list: the answer of
    /// [`Db::check_token`] if a read carried it, else asked now.
    pub async fn token_revoked(&self, jti: &str) -> Result<bool, ApiError> {
        if let Some(revoked) = self.rounds.token_revoked() {
            return Ok(revoked);
        }
        #[derive(serde::Deserialize)]
        struct Found {
            #[allow(dead_code)]
            found: i64,
        }
        let rows: Vec<Found> = self.rows(rounds::REVOKED_SQL, &[text(jti)]).await?;
        Ok(!rows.is_empty())
    }
}

/// Exact identifier columns.
#[derive(Clone, Copy, Debug)]
pub enum Identifier {
    /// Unified social credit code.
    Uscc,
    /// Legacy registration number.
    RegistrationNumber,
    /// Resident ID number.
    IdNumber,
}
