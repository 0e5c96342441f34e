//! The name index's tables, in two parts (`shared::disclosure::NameIndex`): the public
//! part holds organisations and the natural persons a public list has named
//! (`shared::disclosure::in_public_index`); the private part every natural person. A
//! search reads the public part, or for platform staff both, merged in relevance order
//! and without duplicates (a listed person is in both).

use super::{int, internal, text, Db, SubjectRow, SUBJECT_COLUMNS_S};
use gzcredit_shared::disclosure::NameIndex;
use gzcredit_shared::error::ApiError;
use gzcredit_shared::search_terms::{prefix_upper_bound, subject_of_fts_rowid, PinyinPlan, SYLLABLE_SEPARATOR};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The tables of one part.
pub(super) struct Part {
    /// Trigram FTS5 index of normalised names; rowid `rank << 32 | id`
    /// (`shared::search_terms::fts_rowid`).
    pub names: &'static str,
    /// 1–2 character postings `(gram, name_rank, subject_id)`.
    pub grams: &'static str,
    /// Pinyin keys `(key, subject_id)` (`shared::search_terms::pinyin_keys`).
    pub pinyin: &'static str,
    /// How many names of the part hold each gram `(gram, n)`: which term of a query is
    /// the rarest.
    pub counts: &'static str,
}

/// The public part.
pub(super) const PUBLIC: Part = Part {
    names: "public_subject_names",
    grams: "public_name_grams",
    pinyin: "public_name_pinyin",
    counts: "public_gram_counts",
};

/// The private part.
pub(super) const PRIVATE: Part = Part {
    names: "private_subject_names",
    grams: "private_name_grams",
    pinyin: "private_name_pinyin",
    counts: "private_gram_counts",
};

/// The parts a search of `index` reads.
fn parts(index: NameIndex) -> &'static [Part] {
    const PUBLIC_ONLY: [Part; 1] = [PUBLIC];
    const BOTH: [Part; 2] = [PUBLIC, PRIVATE];
    match index {
        NameIndex::Public => &PUBLIC_ONLY,
        NameIndex::All => &BOTH,
    }
}

/// The first `?{limit}` keys of each part (`part_query`), merged without duplicates and
/// cut to the first `?{limit}` in `order`: each part reads at most the window, so the
/// merge stays bounded.
fn merged(index: NameIndex, part_query: impl Fn(&Part) -> String, order: &str, limit: &str) -> String {
    let arms: Vec<String> =
        parts(index).iter().map(|part| format!("SELECT DISTINCT * FROM ({})", part_query(part))).collect();
    format!("{} ORDER BY {order} LIMIT {limit}", arms.join(" UNION "))
}

/// Most terms D1 accepts in one compound SELECT (SQLite's own limit is 500; D1 builds it
/// with 5, and answers "too many terms in compound SELECT" past it). A sub-select starts
/// a new count.
const MAX_COMPOUND_TERMS: usize = 5;

/// `arms` joined by `UNION ALL`, nested in sub-selects of at most [`MAX_COMPOUND_TERMS`]
/// terms. The order of the arms is kept, so a `LIMIT` on the whole still stops at the
/// first arms that fill it.
fn union_all(arms: Vec<String>) -> String {
    if arms.len() <= MAX_COMPOUND_TERMS {
        return arms.join(" UNION ALL ");
    }
    let groups: Vec<String> =
        arms.chunks(MAX_COMPOUND_TERMS).map(|group| format!("SELECT * FROM ({})", group.join(" UNION ALL "))).collect();
    union_all(groups)
}

impl Db {
    /// The first `window` subjects whose name contains a 1–2 character gram, in relevance
    /// order.
    pub async fn gram_subjects(&self, index: NameIndex, gram: &str, window: u32) -> Result<Vec<SubjectRow>, ApiError> {
        let keys = merged(
            index,
            |part| {
                format!(
                    "SELECT subject_id, name_rank FROM {} WHERE gram = ?1 ORDER BY name_rank, subject_id LIMIT ?2",
                    part.grams
                )
            },
            "name_rank, subject_id",
            "?2",
        );
        let sql = format!(
            "SELECT {SUBJECT_COLUMNS_S} FROM ({keys}) g CROSS JOIN subjects s ON s.id = g.subject_id \
             ORDER BY g.name_rank, g.subject_id"
        );
        self.rows(&sql, &[text(gram), int(window.into())]).await
    }

    /// The first `window` subjects whose name contains the phrase (3+ characters), in
    /// relevance order (the trigram index's rowid order).
    pub async fn phrase_subjects(
        &self,
        index: NameIndex,
        phrase: &str,
        window: u32,
    ) -> Result<Vec<SubjectRow>, ApiError> {
        let keys = merged(
            index,
            |part| format!("SELECT rowid AS key FROM {0} WHERE {0} MATCH ?1 ORDER BY rowid LIMIT ?2", part.names),
            "key",
            "?2",
        );
        let sql = format!(
            "SELECT {SUBJECT_COLUMNS_S} FROM ({keys}) f CROSS JOIN subjects s ON s.id = (f.key & 4294967295) ORDER BY f.key"
        );
        self.rows(&sql, &[text(phrase), int(window.into())]).await
    }

    /// How many names of the parts a search of `index` reads hold each of `grams` (1–2
    /// characters): one row per gram and part. A gram no name holds is absent.
    pub async fn gram_counts(&self, index: NameIndex, grams: &[String]) -> Result<BTreeMap<String, i64>, ApiError> {
        #[derive(Deserialize)]
        struct Count {
            gram: String,
            n: i64,
        }
        let arms: Vec<String> = parts(index)
            .iter()
            .map(|part| format!("SELECT gram, n FROM {} WHERE gram IN (SELECT value FROM json_each(?1))", part.counts))
            .collect();
        let sql = format!("SELECT gram, sum(n) AS n FROM ({}) GROUP BY gram", arms.join(" UNION ALL "));
        let list = serde_json::to_string(grams).map_err(internal)?;
        let rows: Vec<Count> = self.rows(&sql, &[text(&list)]).await?;
        Ok(rows.into_iter().map(|c| (c.gram, c.n)).collect())
    }

    /// The subjects of the first `window` pinyin keys that `plan` reads, each part in the
    /// plan's order: keys whose syllables match exactly, then initials, then keys the
    /// letters only begin. A subject found by several keys comes once. Also whether the
    /// window was full (there may be more).
    pub async fn pinyin_subjects(
        &self,
        index: NameIndex,
        plan: &PinyinPlan,
        window: u32,
    ) -> Result<(Vec<SubjectRow>, bool), ApiError> {
        // (lower bound, upper bound) of each key range, best matches first.
        let mut ranges: Vec<(String, String)> = Vec::new();
        for key in &plan.exact {
            let mut upper = format!("{key}{SYLLABLE_SEPARATOR}");
            upper.push('\u{10FFFF}');
            ranges.push((key.clone(), upper));
        }
        if let Some(initials) = &plan.initials {
            ranges.push((initials.clone(), prefix_upper_bound(initials)));
        }
        for key in &plan.begun {
            ranges.push((key.clone(), prefix_upper_bound(key)));
        }
        if ranges.is_empty() {
            return Ok((Vec::new(), false));
        }
        let mut params = vec![int(window.into())];
        let mut arms = Vec::new();
        for (lower, upper) in &ranges {
            for part in parts(index) {
                params.push(text(lower));
                params.push(text(upper));
                arms.push(format!(
                    "SELECT subject_id FROM {} WHERE key >= ?{} AND key < ?{}",
                    part.pinyin,
                    params.len() - 1,
                    params.len()
                ));
            }
        }
        // UNION ALL without ORDER BY runs its arms in turn and stops at the LIMIT, so the
        // keys read stay within the window whatever the number of ranges. No GROUP BY or
        // ORDER BY: D1 counts the rows of their temporary tables as read (91 more).
        // `CROSS JOIN` keeps the keys as the outer loop: with a plain `JOIN`, D1's SQLite
        // chose to scan every subject when the window was not full (10,000 rows read at
        // 10k subjects for a pinyin query with one match).
        let sql = format!(
            "SELECT {SUBJECT_COLUMNS_S} FROM (SELECT * FROM ({}) LIMIT ?1) k CROSS JOIN subjects s ON s.id = k.subject_id",
            union_all(arms)
        );
        let rows: Vec<SubjectRow> = self.rows(&sql, &params).await?;
        let full = rows.len() >= window as usize;
        // A subject found by several keys comes once, at its first (its best tier).
        let mut seen = std::collections::BTreeSet::new();
        Ok((rows.into_iter().filter(|row| seen.insert(row.id)).collect(), full))
    }

    /// The relevance keys `(name_rank, subject id)` of the first `limit` subjects whose name
    /// contains a 1–2 character gram: [`Db::gram_subjects`] without the subjects, one row
    /// read per key. A search over several databases merges the keys before it reads any
    /// subject (`Scope`).
    pub async fn gram_keys(&self, index: NameIndex, gram: &str, limit: u32) -> Result<Vec<RankKey>, ApiError> {
        let sql = merged(
            index,
            |part| {
                format!(
                    "SELECT name_rank, subject_id FROM {} WHERE gram = ?1 ORDER BY name_rank, subject_id LIMIT ?2",
                    part.grams
                )
            },
            "name_rank, subject_id",
            "?2",
        );
        let keys: Vec<RankKey> = self.rows(&sql, &[text(gram), int(limit.into())]).await?;
        Ok(keys)
    }

    /// The relevance keys of the first `limit` subjects whose name contains a phrase of 3+
    /// characters: [`Db::phrase_subjects`] without the subjects.
    pub async fn phrase_keys(&self, index: NameIndex, phrase: &str, limit: u32) -> Result<Vec<RankKey>, ApiError> {
        #[derive(Deserialize)]
        struct Key {
            key: i64,
        }
        let sql = merged(
            index,
            |part| format!("SELECT rowid AS key FROM {0} WHERE {0} MATCH ?1 ORDER BY rowid LIMIT ?2", part.names),
            "key",
            "?2",
        );
        let keys: Vec<Key> = self.rows(&sql, &[text(phrase), int(limit.into())]).await?;
        Ok(keys.into_iter().map(|k| RankKey::of_fts_rowid(k.key)).collect())
    }

    /// The subjects with these ids, in any order: one row read per id. Each id is its own
    /// lookup by key, joined by `UNION ALL`: D1 counts the rows of `json_each` or of a
    /// bound `IN` list as read too, which would double the rows.
    pub async fn subjects_by_ids(&self, ids: &[i64]) -> Result<Vec<SubjectRow>, ApiError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        // Ids are integers of this database, written into the statement as numbers.
        let arms: Vec<String> =
            ids.iter().map(|id| format!("SELECT {SUBJECT_COLUMNS_S} FROM subjects s WHERE s.id = {id}")).collect();
        self.rows(&union_all(arms), &[]).await
    }
}

/// Where a subject stands in one database's name index: its name's rank
/// (`shared::search_terms::name_rank`), then its id, the order of the gram postings and of
/// the trigram index's rowid (`shared::search_terms::fts_rowid`). Merged over databases
/// by `shared::shards::province_order`.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct RankKey {
    /// Rank of the name.
    pub name_rank: i64,
    /// Subject id.
    pub subject_id: i64,
}

impl RankKey {
    fn of_fts_rowid(rowid: i64) -> RankKey {
        RankKey { name_rank: rowid >> 32, subject_id: subject_of_fts_rowid(rowid) }
    }
}
