//! The name index's tables, in two parts (`shared::disclosure::NameIndex`): the public
//! part holds organisations and the natural persons a public list has named
//! (`shared::disclosure::in_public_index`); the private part every natural person. A
//! search reads the public part, or for platform staff both, merged in relevance order
//! and without duplicates (a listed person is in both).

use super::{int, text, Db, SubjectRow, SUBJECT_COLUMNS_S};
use gzcredit_shared::disclosure::NameIndex;
use gzcredit_shared::error::ApiError;
use gzcredit_shared::search_terms::prefix_upper_bound;

/// The tables of one part.
pub(super) struct Part {
    /// Trigram FTS5 index of normalised names; rowid `rank << 32 | id`
    /// (`shared::search_terms::fts_rowid`).
    pub names: &'static str,
    /// 1–2 character postings `(gram, name_rank, subject_id)`.
    pub grams: &'static str,
    /// Pinyin keys `(key, subject_id)`.
    pub pinyin: &'static str,
}

/// The public part.
pub(super) const PUBLIC: Part =
    Part { names: "public_subject_names", grams: "public_name_grams", pinyin: "public_name_pinyin" };

/// The private part.
pub(super) const PRIVATE: Part =
    Part { names: "private_subject_names", grams: "private_name_grams", pinyin: "private_name_pinyin" };

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
            "SELECT {SUBJECT_COLUMNS_S} FROM ({keys}) g JOIN subjects s ON s.id = g.subject_id \
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
            "SELECT {SUBJECT_COLUMNS_S} FROM ({keys}) f JOIN subjects s ON s.id = (f.key & 4294967295) ORDER BY f.key"
        );
        self.rows(&sql, &[text(phrase), int(window.into())]).await
    }

    /// Subjects with a pinyin key starting with `prefix`, from the first `window` keys of
    /// each part.
    pub async fn pinyin_subjects(
        &self,
        index: NameIndex,
        prefix: &str,
        window: u32,
    ) -> Result<Vec<SubjectRow>, ApiError> {
        let upper = prefix_upper_bound(prefix);
        let keys = merged(
            index,
            |part| format!("SELECT subject_id FROM {} WHERE key >= ?1 AND key < ?2 LIMIT ?3", part.pinyin),
            "subject_id",
            "?3",
        );
        let sql = format!("SELECT {SUBJECT_COLUMNS_S} FROM ({keys}) p JOIN subjects s ON s.id = p.subject_id");
        self.rows(&sql, &[text(prefix), text(&upper), int(window.into())]).await
    }
}
