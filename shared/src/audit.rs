//! The audit log of queries and acts beyond the public level, hash-chained so that no
//! entry can be edited or removed unnoticed (Art. 19 (一)(二), Art. 20 (一)(二), Art. 31).
//!
//! Art. 19 requires a query system with per-staff permissions; Art. 20 forbids querying
//! beyond them and tampering with or deleting public credit information; Art. 31 gives the
//! subject the right to know how its information was used and queried. The log that
//! answers all three must itself be tamper-evident.
//!
//! ## The chain
//!
//! Every entry carries `hash = SHA-256(prev_hash ‖ canonical(entry))`, where `prev_hash`
//! is the 32 raw bytes of the previous entry's hash ([`GENESIS_HASH`] for the first) and
//! [`canonical`] is a fixed JSON array of the entry's fields, `seq` included. Editing any
//! field of an entry changes its hash; removing an entry breaks the link of the one after
//! it; [`verify_chain`] walks the entries in `seq` order and names the first bad link.
//! Removing entries at the *end* leaves a shorter valid chain: [`verify_chain`] therefore
//! also compares the chain's end with the separately stored head (the adapter keeps it in
//! the same transaction as each entry), and the head it reports can be anchored outside
//! the database (e.g. published daily) for the strongest guarantee.
//!
//! ## Appending under concurrency (why the chain cannot fork)
//!
//! A hash cannot be computed in SQL, so the adapter reads the head (last `seq`, last hash),
//! computes the next entry with [`ChainHead::next`] and inserts it with the **explicit**
//! `seq = head.seq + 1`, in the same D1 batch (one transaction) as the act it records and
//! the head update. D1 executes batches serially and atomically, and `seq` is the primary
//! key: if another request appended first, the insert violates the key, the whole batch
//! rolls back, and the adapter re-reads the head and retries. Two entries can therefore
//! never claim the same predecessor, and an entry is never committed unchained. (Inserting
//! unchained rows and "sealing" them later was rejected: a row forged behind the worker's
//! back would be sealed — adopted — by the next seal.)
//!
//! The chain is unkeyed, as specified: whoever can write the database *and* recompute every
//! later hash can rewrite history; anchoring the head outside the database closes that.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The `prev_hash` of the first entry: 64 zeros.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Outcome of an audited query: served.
pub const OUTCOME_OK: &str = "ok";
/// Outcome of an audited query: refused as beyond the viewer's permissions (Art. 20 (一)).
pub const OUTCOME_REFUSED: &str = "refused";
/// An act to record in the chain, as `shared` plans it (`change::Change::audit`); the
/// adapter adds who acted (from the verified token) and when.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct AuditAct {
    /// What was done, e.g. `records.ingest`, `objection.decide`.
    pub action: String,
    /// The subject concerned, if one.
    pub subject_code: Option<String>,
    /// Catalog items concerned, distinct and sorted.
    pub items: Vec<String>,
}

impl AuditAct {
    /// An act on `subject_code` concerning `items`.
    pub fn new(action: &str, subject_code: Option<&str>, items: Vec<String>) -> AuditAct {
        AuditAct { action: action.to_string(), subject_code: subject_code.map(String::from), items }
    }
}

/// One audited act, as stored (before chaining).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Position in the chain, from 1.
    pub seq: i64,
    /// When, ISO 8601 UTC with milliseconds.
    pub at: String,
    /// The viewer's role wire name (`agency`, `admin`…).
    pub viewer_role: String,
    /// The acting account or staff member (the token's `sub`).
    pub viewer: String,
    /// The token id.
    pub token_id: String,
    /// What was done (`profile`, `records`, `measures`, `objection.decide`…).
    pub action: String,
    /// The subject concerned, if one.
    pub subject_code: Option<String>,
    /// The catalog items served, as the stored JSON array text.
    pub items: String,
    /// The Art. 17 matter of an agency query.
    pub matter: Option<String>,
    /// The purpose of an authorised query (Art. 16 ¶3).
    pub purpose: Option<String>,
    /// [`OUTCOME_OK`], [`OUTCOME_REFUSED`] or another outcome word.
    pub outcome: String,
    /// The organisation acting: agency, grantee or providing department.
    pub organisation: Option<String>,
}

/// The canonical bytes of an entry: a JSON array of its fields in a fixed order. JSON
/// escaping makes the encoding unambiguous (no field can bleed into the next).
pub fn canonical(entry: &AuditEntry) -> String {
    serde_json::json!([
        entry.seq,
        entry.at,
        entry.viewer_role,
        entry.viewer,
        entry.token_id,
        entry.action,
        entry.subject_code,
        entry.items,
        entry.matter,
        entry.purpose,
        entry.outcome,
        entry.organisation,
    ])
    .to_string()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<[u8; 32]> {
    if text.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

/// `SHA-256(prev_hash ‖ canonical(entry))`, lower-case hex; `None` if `prev_hash` is not
/// 64 hex digits.
pub fn entry_hash(prev_hash: &str, entry: &AuditEntry) -> Option<String> {
    let prev = unhex(prev_hash)?;
    let mut hasher = Sha256::new();
    hasher.update(prev);
    hasher.update(canonical(entry).as_bytes());
    Some(hex(&hasher.finalize()))
}

/// An entry with its links.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct ChainedEntry {
    /// The entry.
    #[serde(flatten)]
    pub entry: AuditEntry,
    /// The previous entry's hash as stored with this one.
    pub prev_hash: Option<String>,
    /// This entry's hash as stored.
    pub hash: Option<String>,
}

/// The end of the chain: the last entry's `seq` and hash (`seq` 0 and [`GENESIS_HASH`] for
/// an empty log).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct ChainHead {
    /// Last `seq`.
    pub seq: i64,
    /// Last hash.
    pub hash: String,
}

impl Default for ChainHead {
    fn default() -> Self {
        ChainHead { seq: 0, hash: GENESIS_HASH.to_string() }
    }
}

impl ChainHead {
    /// Chain `entry` after this head: its `seq` is set to `self.seq + 1` and its links
    /// computed. The adapter inserts it with exactly that `seq` (see the module doc).
    pub fn next(&self, mut entry: AuditEntry) -> ChainedEntry {
        entry.seq = self.seq + 1;
        let hash = entry_hash(&self.hash, &entry).unwrap_or_else(|| {
            // A corrupt stored head: chain from genesis so the entry is still written, and
            // verification reports the break at this seq.
            entry_hash(GENESIS_HASH, &entry).expect("genesis is valid hex")
        });
        ChainedEntry { entry, prev_hash: Some(self.hash.clone()), hash: Some(hash) }
    }
}

/// Why a link is broken.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum BreakKind {
    /// The entry has no hash: it was not written by the platform.
    Unchained,
    /// The stored `prev_hash` is not the previous entry's hash: an entry before it was
    /// removed or inserted.
    PrevMismatch {
        /// The previous entry's hash.
        expected: String,
        /// What the entry says.
        found: String,
    },
    /// The stored hash does not match the entry's contents: the entry was edited.
    HashMismatch {
        /// The hash of the contents as they are.
        expected: String,
        /// What is stored.
        found: String,
    },
    /// `seq` does not increase: entries were reordered.
    OutOfOrder,
    /// The chain ends before the recorded head: entries at the end were removed.
    Truncated {
        /// The head recorded with the last append.
        head_seq: i64,
        /// The last entry found.
        last_seq: i64,
    },
    /// The chain ends after the recorded head, or at a different hash: an entry was
    /// appended behind the platform's back.
    HeadMismatch {
        /// The recorded head.
        head_seq: i64,
        /// The last entry found.
        last_seq: i64,
    },
}

/// The first broken link.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct ChainBreak {
    /// The `seq` of the first entry that fails (for a truncation, the first missing seq).
    pub seq: i64,
    /// Why.
    #[serde(flatten)]
    pub kind: BreakKind,
}

impl ChainBreak {
    /// What it means, in Chinese.
    pub fn message_zh(&self) -> String {
        let seq = self.seq;
        match &self.kind {
            BreakKind::Unchained => format!("第 {seq} 条审计记录没有哈希值，并非平台写入。"),
            BreakKind::PrevMismatch { .. } => format!("第 {seq} 条审计记录的前序哈希不符：其前的记录被删除或插入。"),
            BreakKind::HashMismatch { .. } => format!("第 {seq} 条审计记录的内容与其哈希不符：该记录被篡改。"),
            BreakKind::OutOfOrder => format!("第 {seq} 条审计记录的序号未递增。"),
            BreakKind::Truncated { head_seq, last_seq } => {
                format!("审计日志止于第 {last_seq} 条，而已记录的链头为第 {head_seq} 条：末尾记录被删除。")
            }
            BreakKind::HeadMismatch { head_seq, last_seq } => {
                format!("审计日志止于第 {last_seq} 条，与已记录的链头（第 {head_seq} 条）不符。")
            }
        }
    }

    /// What it means, in English.
    pub fn message_en(&self) -> String {
        let seq = self.seq;
        match &self.kind {
            BreakKind::Unchained => format!("Audit entry {seq} has no hash: the platform did not write it."),
            BreakKind::PrevMismatch { .. } => {
                format!(
                    "Audit entry {seq} does not link to its predecessor: an entry before it was removed or inserted."
                )
            }
            BreakKind::HashMismatch { .. } => {
                format!("Audit entry {seq} does not match its hash: the entry was edited.")
            }
            BreakKind::OutOfOrder => format!("Audit entry {seq} does not follow its predecessor's sequence number."),
            BreakKind::Truncated { head_seq, last_seq } => {
                format!(
                    "The audit log ends at entry {last_seq} but its recorded head is {head_seq}: entries were removed."
                )
            }
            BreakKind::HeadMismatch { head_seq, last_seq } => {
                format!("The audit log ends at entry {last_seq}, not at its recorded head {head_seq}.")
            }
        }
    }
}

/// Walk `entries` (in `seq` order) and check every link; then, if a recorded `head` is
/// given, check that the chain ends exactly there. `Ok` carries the number of entries
/// checked and the head reached; `Err` the first broken link.
pub fn verify_chain<'a>(
    entries: impl IntoIterator<Item = &'a ChainedEntry>,
    head: Option<&ChainHead>,
) -> Result<(u64, ChainHead), ChainBreak> {
    let mut verifier = ChainVerifier::new();
    for chained in entries {
        verifier.push(chained)?;
    }
    verifier.finish(head)
}

/// Incremental verification, for logs read page by page: feed entries in `seq` order
/// with [`ChainVerifier::push`], then call [`ChainVerifier::finish`].
#[derive(Clone, Debug, Default)]
pub struct ChainVerifier {
    reached: ChainHead,
    count: u64,
}

impl ChainVerifier {
    /// A verifier at the start of the chain.
    pub fn new() -> Self {
        Self::default()
    }

    /// A verifier that carries on after `reached`, where an earlier step of the walk
    /// stopped having checked `count` entries (a walk in bounded steps, one per request).
    pub fn resume(reached: ChainHead, count: u64) -> Self {
        ChainVerifier { reached, count }
    }

    /// Check the next entry's links.
    pub fn push(&mut self, chained: &ChainedEntry) -> Result<(), ChainBreak> {
        let seq = chained.entry.seq;
        let fail = |kind| Err(ChainBreak { seq, kind });
        if seq <= self.reached.seq {
            return fail(BreakKind::OutOfOrder);
        }
        let (Some(prev), Some(hash)) = (&chained.prev_hash, &chained.hash) else {
            return fail(BreakKind::Unchained);
        };
        if *prev != self.reached.hash {
            return fail(BreakKind::PrevMismatch { expected: self.reached.hash.clone(), found: prev.clone() });
        }
        let expected = entry_hash(&self.reached.hash, &chained.entry).unwrap_or_default();
        if *hash != expected {
            return fail(BreakKind::HashMismatch { expected, found: hash.clone() });
        }
        self.reached = ChainHead { seq, hash: hash.clone() };
        self.count += 1;
        Ok(())
    }

    /// The head reached so far.
    pub fn reached(&self) -> &ChainHead {
        &self.reached
    }

    /// Entries checked so far.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Check that the chain ends at the recorded head, if one is given.
    pub fn finish(self, head: Option<&ChainHead>) -> Result<(u64, ChainHead), ChainBreak> {
        if let Some(head) = head {
            if head.seq > self.reached.seq {
                let kind = BreakKind::Truncated { head_seq: head.seq, last_seq: self.reached.seq };
                return Err(ChainBreak { seq: self.reached.seq + 1, kind });
            }
            if *head != self.reached {
                let kind = BreakKind::HeadMismatch { head_seq: head.seq, last_seq: self.reached.seq };
                return Err(ChainBreak { seq: head.seq + 1, kind });
            }
        }
        Ok((self.count, self.reached))
    }
}

/// One query of a subject's information, as the subject sees it (Art. 31).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct QueryView {
    /// Audit sequence number.
    pub seq: i64,
    /// When (ISO 8601, UTC).
    pub at: String,
    /// Role of the querying party (`agency`, `authorized`, `provider`, `admin`).
    pub role: String,
    /// The organisation (agency, authorised party, department), when known.
    pub organisation: Option<String>,
    /// The acting account or staff member.
    pub account: String,
    /// What was queried (`profile`, `records`, `measures`, `report`…).
    pub action: String,
    /// The Art. 17 matter of an agency query.
    pub matter: Option<String>,
    /// Its Chinese name.
    pub matter_zh: Option<String>,
    /// The purpose stated in a written authorization.
    pub purpose: Option<String>,
    /// Catalog items served.
    pub items: Vec<String>,
    /// `ok` or `refused`.
    pub outcome: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(action: &str) -> AuditEntry {
        AuditEntry {
            seq: 0,
            at: "2025-10-09T02:00:00.000Z".into(),
            viewer_role: "agency".into(),
            viewer: "staff-1".into(),
            token_id: "t1".into(),
            action: action.into(),
            subject_code: Some("91520115MA6000008B".into()),
            items: r#"["PEN-GENERAL"]"#.into(),
            matter: Some("administrative_licensing".into()),
            purpose: None,
            outcome: OUTCOME_OK.into(),
            organisation: Some("贵阳市行政审批局".into()),
        }
    }

    fn chain(n: usize) -> Vec<ChainedEntry> {
        let mut head = ChainHead::default();
        (0..n)
            .map(|i| {
                let chained = head.next(entry(&format!("a{i}")));
                head = ChainHead { seq: chained.entry.seq, hash: chained.hash.clone().unwrap() };
                chained
            })
            .collect()
    }

    fn head_of(entries: &[ChainedEntry]) -> ChainHead {
        let last = entries.last().unwrap();
        ChainHead { seq: last.entry.seq, hash: last.hash.clone().unwrap() }
    }

    #[test]
    fn art19_an_intact_chain_verifies() {
        let entries = chain(5);
        let head = head_of(&entries);
        assert_eq!(verify_chain(&entries, Some(&head)), Ok((5, head)));
        assert_eq!(verify_chain(&[], Some(&ChainHead::default())), Ok((0, ChainHead::default())));
    }

    #[test]
    fn art20_an_edited_entry_is_found() {
        let mut entries = chain(5);
        let head = head_of(&entries);
        entries[2].entry.matter = Some("land_transfer".into());
        let error = verify_chain(&entries, Some(&head)).unwrap_err();
        assert_eq!(error.seq, 3);
        assert!(matches!(error.kind, BreakKind::HashMismatch { .. }));
    }

    #[test]
    fn art20_a_removed_entry_is_found() {
        let mut entries = chain(5);
        let head = head_of(&entries);
        entries.remove(1);
        let error = verify_chain(&entries, Some(&head)).unwrap_err();
        assert_eq!(error.seq, 3);
        assert!(matches!(error.kind, BreakKind::PrevMismatch { .. }));
    }

    #[test]
    fn art20_removing_the_last_entries_is_found_by_the_head() {
        let mut entries = chain(5);
        let head = head_of(&entries);
        entries.truncate(3);
        let error = verify_chain(&entries, Some(&head)).unwrap_err();
        assert_eq!(error.seq, 4);
        assert_eq!(error.kind, BreakKind::Truncated { head_seq: 5, last_seq: 3 });
    }

    #[test]
    fn art20_a_forged_entry_is_found() {
        let mut entries = chain(3);
        let head = head_of(&entries);
        // Unchained, as a plain INSERT behind the platform's back would be.
        let mut forged = entry("profile");
        forged.seq = 4;
        entries.push(ChainedEntry { entry: forged.clone(), prev_hash: None, hash: None });
        assert_eq!(verify_chain(&entries, Some(&head)).unwrap_err().kind, BreakKind::Unchained);
        // Chained correctly but not recorded in the head.
        let chained = head.next(forged);
        entries.pop();
        entries.push(chained);
        let error = verify_chain(&entries, Some(&head)).unwrap_err();
        assert_eq!(error.kind, BreakKind::HeadMismatch { head_seq: 3, last_seq: 4 });
    }

    #[test]
    fn art19_canonical_form_separates_fields() {
        let mut a = entry("x");
        let mut b = entry("x");
        a.viewer = "ab".into();
        a.token_id = "c".into();
        b.viewer = "a".into();
        b.token_id = "bc".into();
        assert_ne!(canonical(&a), canonical(&b));
        assert_ne!(entry_hash(GENESIS_HASH, &a), entry_hash(GENESIS_HASH, &b));
        assert_eq!(entry_hash("zz", &a), None);
    }
}
