//! A write, planned: every act that changes what the platform holds (Art. 11–13 ingest,
//! Art. 34 objections, Art. 35–36 withdrawals, Art. 16 ¶3 authorizations, Art. 31 reports)
//! is decided here, in `shared`, as a [`Change`]: the rows to write, the history entries
//! with their reasons (Art. 31), the audit entry (Art. 19–20), and the subjects whose list
//! standing follows from their records (Art. 23, 25).
//!
//! The edge's storage applies a change in one D1 batch (a transaction) and decides nothing.
//! A change is planned from rows read before the batch, so it carries [`Guard`]s: the facts
//! it was planned from. If one no longer holds when the batch runs (a concurrent write came
//! first), the batch rolls back and the act is planned again from fresh rows. That is how a
//! subject's standing is always what [`crate::disclosure::list_standing`] computes from its
//! records as they are: every change of a subject's records carries a
//! [`Guard::SubjectVersion`] and bumps the version in the same batch.

use crate::audit::AuditAct;
use crate::date::Date;
use crate::disclosure::{list_standing, red_list_removals, Grant, ListStanding};
use crate::query_window::Ground;
use crate::record::Record;
use crate::search_terms::IndexTerms;
use serde::Serialize;

/// A planned write: applied whole, or not at all.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct Change {
    /// What to write, in order.
    pub steps: Vec<Step>,
    /// The act's audit entry, appended to the chain in the same transaction.
    pub audit: Option<AuditAct>,
}

impl Change {
    /// A change that writes `steps` and records `audit`.
    pub fn new(audit: Option<AuditAct>) -> Change {
        Change { steps: Vec::new(), audit }
    }

    /// Add a step.
    pub fn push(&mut self, step: Step) {
        self.steps.push(step);
    }

    /// Whether the change writes nothing (an unchanged re-submission).
    pub fn is_empty(&self) -> bool {
        self.steps.iter().all(|s| matches!(s, Step::Guard(_)))
    }
}

/// Which record a step is about: one already stored, or one written by the same change
/// (its id is not known until the batch runs).
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum RecordRef {
    /// A stored record.
    Id(i64),
    /// The record this provider holds under this document number.
    Document {
        /// Providing department.
        provider: String,
        /// Its document number.
        document_number: String,
    },
}

impl RecordRef {
    /// The reference to `record`: by id once stored, by document number before.
    pub fn of(record: &Record) -> RecordRef {
        if record.id > 0 {
            RecordRef::Id(record.id)
        } else {
            RecordRef::Document {
                provider: record.provider_department.clone(),
                document_number: record.document_number.clone(),
            }
        }
    }
}

/// One entry of a record's history (Art. 31: who changed it, when and why).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct HistoryEntry {
    /// The record.
    pub record: RecordRef,
    /// `provider` or `platform`.
    pub actor_role: &'static str,
    /// The department, staff member or procedure.
    pub actor: String,
    /// Why.
    pub reason: String,
    /// The record as stored after the change (JSON of [`Record`]), never the submission.
    pub snapshot: String,
}

impl HistoryEntry {
    /// A history entry whose snapshot is `record` as it will be stored.
    pub fn of(record: &Record, actor_role: &'static str, actor: &str, reason: String) -> HistoryEntry {
        HistoryEntry {
            record: RecordRef::of(record),
            actor_role,
            actor: actor.to_string(),
            reason,
            snapshot: serde_json::to_string(record).unwrap_or_else(|_| "{}".into()),
        }
    }
}

/// A fact a change was planned from, checked again inside its batch.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Guard {
    /// The subject's records are as they were read (its version is unchanged).
    SubjectVersion {
        /// Public code.
        code: String,
        /// The version read.
        version: i64,
    },
    /// This provider holds `document_number` for no subject other than `subject_code`.
    DocumentHeldOnlyBy {
        /// Providing department.
        provider: String,
        /// Document number.
        document_number: String,
        /// The subject it may be held for.
        subject_code: String,
    },
    /// The objection's stored state is the one read (JSON text).
    ObjectionState {
        /// Receipt number.
        id: String,
        /// The state as read.
        state: String,
    },
    /// This many objections on the record other than `except` are open.
    OpenObjections {
        /// The record.
        record_id: i64,
        /// The objection being closed, not counted.
        except: String,
        /// How many were open.
        count: u32,
    },
    /// The record's publicity has not been withdrawn.
    RecordNotWithdrawn {
        /// The record.
        record_id: i64,
    },
    /// The withdrawal is not completed yet.
    WithdrawalOpen {
        /// Withdrawal number.
        id: String,
    },
    /// The grant is not revoked.
    GrantNotRevoked {
        /// Grant number.
        id: String,
    },
    /// The subject has this many personal reports this year (Art. 31 ¶2: the free quota).
    ReportsIssued {
        /// Public code.
        subject_code: String,
        /// The quota year.
        year: i32,
        /// How many were issued.
        count: u32,
    },
}

/// A subject new to the platform, with its search index (`search_terms`).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct NewSubject {
    /// Public code: the USCC, or for a natural person `np-`, the region and a random handle (`shards::person_code`).
    pub code: String,
    /// USCC of an organisation.
    pub uscc: Option<String>,
    /// Resident ID of a natural person.
    pub id_number: Option<String>,
    /// Name as submitted (trimmed).
    pub name: String,
    /// The name's index terms.
    pub terms: IndexTerms,
    /// Search category wire name.
    pub category: &'static str,
    /// Whether a natural person: indexed only in the private part of the name index until a
    /// public list names it ([`crate::disclosure::in_public_index`]).
    pub natural_person: bool,
    /// Region code (6 digits).
    pub region: String,
}

/// A record to insert, or to update in place under its (provider, document number).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct RecordWrite {
    /// The record as stored.
    pub record: Record,
    /// Its catalog class.
    pub class: &'static str,
    /// The provider's extra fields (JSON), screened by `personal_data`.
    pub extra_fields: String,
    /// Whether the subject consented in writing (Art. 32 ¶2).
    pub written_consent: bool,
}

/// A subject's list standing after a change, and the removal day of each of its red-list
/// entries (`disclosure::red_list_removals`).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Standing {
    /// Public code.
    pub code: String,
    /// Until when lists name it.
    pub standing: ListStanding,
    /// (provider, document number, removal day) of its red-list records.
    pub removals: Vec<(String, String, Option<Date>)>,
    /// A natural person's index terms, to bring it into the public part of the name index
    /// once a public list names it ([`crate::disclosure::in_public_index`]); `None` for an
    /// organisation, which is there from the start.
    pub person_terms: Option<IndexTerms>,
}

impl Standing {
    /// The standing `records` (all of the subject's records, as they will be) give today;
    /// `person_terms` as [`Standing::person_terms`].
    pub fn of<'a>(
        code: &str,
        person_terms: Option<&IndexTerms>,
        records: impl IntoIterator<Item = &'a Record>,
        today: Date,
    ) -> Standing {
        let records: Vec<&Record> = records.into_iter().collect();
        let removals = red_list_removals(&records)
            .into_iter()
            .map(|(r, day)| (r.provider_department.clone(), r.document_number.clone(), day))
            .collect();
        Standing {
            code: code.to_string(),
            standing: list_standing(records, today),
            removals,
            person_terms: person_terms.cloned(),
        }
    }
}

/// An objection as filed (Art. 34).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct NewObjection {
    /// Receipt number.
    pub id: String,
    /// The record.
    pub record_id: i64,
    /// Objector's name.
    pub objector_name: String,
    /// Objector's contact.
    pub objector_contact: String,
    /// Reason.
    pub reason: String,
    /// Evidence.
    pub evidence: String,
    /// Received on.
    pub received_on: Date,
    /// The procedure's state (JSON of `objection::Objection`).
    pub state: String,
}

/// A withdrawal of publicity as received (Art. 35–36).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct NewWithdrawal {
    /// Withdrawal number.
    pub id: String,
    /// The record.
    pub record_id: i64,
    /// Repair or revocation.
    pub ground: Ground,
    /// Proof or notice received on.
    pub received_on: Date,
    /// Its number.
    pub document_number: String,
    /// Reason.
    pub reason: String,
    /// Providing department.
    pub provider: String,
    /// Due (3 working days).
    pub due_on: Date,
}

/// A signed credit report (Art. 31).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct NewReport {
    /// Report number.
    pub number: String,
    /// Subject.
    pub subject_code: String,
    /// `personal` or `enterprise`.
    pub kind: &'static str,
    /// Quota year.
    pub year: i32,
    /// Issued at (ISO 8601).
    pub issued_at: String,
    /// Canonical JSON.
    pub content: String,
    /// SHA-256 hex of the content.
    pub content_hash: String,
    /// Ed25519 signature, base64url.
    pub signature: String,
    /// Public key, base64url.
    pub public_key: String,
}

/// An error report from the public (marks nothing, Art. 34 ¶1).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct NewErrorReport {
    /// Report number.
    pub id: String,
    /// The record.
    pub record_id: i64,
    /// What is wrong.
    pub description: String,
    /// Contact, if given.
    pub contact: Option<String>,
    /// Received on.
    pub received_on: Date,
}

/// The stored fields of an objection that an act changes.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ObjectionUpdate {
    /// Receipt number.
    pub id: String,
    /// The new state (JSON of `objection::Objection`).
    pub state: String,
    /// `platform` or `provider`, when routed.
    pub route: Option<&'static str>,
    /// Who decided, when decided.
    pub decided_by: Option<String>,
    /// Closed on, when closed.
    pub closed_on: Option<Date>,
}

/// One write of a change.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Step {
    /// Check a fact the change was planned from.
    Guard(Guard),
    /// Add a subject and its search index.
    InsertSubject(NewSubject),
    /// Insert a record, or update it under its (provider, document number).
    UpsertRecord(RecordWrite),
    /// Change a stored record's content and dates (an objection's correction).
    CorrectRecord(Record),
    /// Move a record to another subject (filed against the wrong one).
    MoveRecord {
        /// The record.
        record_id: i64,
        /// The right subject's public code.
        to_subject: String,
    },
    /// Set or lift a record's "under objection" mark.
    MarkObjection {
        /// The record.
        record_id: i64,
        /// The mark.
        under_objection: bool,
    },
    /// Stop a record's publicity (Art. 35–36).
    WithdrawRecord {
        /// The record.
        record_id: i64,
        /// Repair or revocation.
        ground: Ground,
        /// Proof or notice received on.
        received_on: Date,
    },
    /// Append to a record's history.
    History(HistoryEntry),
    /// Store a subject's list standing and bump its version.
    Standing(Standing),
    /// File an objection.
    InsertObjection(NewObjection),
    /// Update an objection.
    UpdateObjection(ObjectionUpdate),
    /// Receive a withdrawal.
    InsertWithdrawal(NewWithdrawal),
    /// Complete a withdrawal on a day.
    CompleteWithdrawal {
        /// Withdrawal number.
        id: String,
        /// Completed on.
        on: Date,
    },
    /// Store a written authorization.
    InsertGrant(Grant),
    /// Revoke a written authorization from a day.
    RevokeGrant {
        /// Grant number.
        id: String,
        /// Revoked on.
        on: Date,
    },
    /// Add a token id to the revocation list (no-op if it is already there).
    RevokeToken {
        /// The token's `jti`.
        jti: String,
        /// Why.
        reason: String,
    },
    /// Store a signed report.
    InsertReport(NewReport),
    /// Store an error report.
    InsertErrorReport(NewErrorReport),
}

/// A subject as a change needs it: its code, its version and all its records.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct SubjectState {
    /// Public code.
    pub code: String,
    /// Version of its records (bumped by every change of them).
    pub version: i64,
    /// Its records.
    pub records: Vec<Record>,
    /// A natural person's index terms ([`Standing::person_terms`]).
    pub person_terms: Option<IndexTerms>,
}

impl SubjectState {
    /// The guard and standing steps of a change that leaves the subject's records as
    /// `records_after`.
    pub fn restanding<'a>(&self, records_after: impl IntoIterator<Item = &'a Record>, today: Date) -> [Step; 2] {
        [
            Step::Guard(Guard::SubjectVersion { code: self.code.clone(), version: self.version }),
            Step::Standing(Standing::of(&self.code, self.person_terms.as_ref(), records_after, today)),
        ]
    }

    /// The subject's records with `changed` in place of the stored record of its id.
    pub fn records_with(&self, changed: &Record) -> Vec<Record> {
        self.records.iter().map(|r| if r.id == changed.id { changed.clone() } else { r.clone() }).collect()
    }
}

/// The audit items of a change: distinct catalog item codes, sorted.
pub fn items<'a>(codes: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut items: Vec<String> = codes.into_iter().map(String::from).collect();
    items.sort_unstable();
    items.dedup();
    items
}

/// JSON text of a stored value (infallible for the plain types of this crate).
pub fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}
