//! How subject names are indexed and queried for the public search (Art. 18: convenient
//! query services over the internet).
//!
//! The rules live here, once, so that ingest (edge and the demo data generator) and query
//! (edge) agree byte for byte:
//! - [`normalize_name`]: full-width ASCII and brackets folded to half-width, spaces removed,
//!   Latin letters lower-cased — applied to names at ingest and to queries.
//! - [`grams`]: the 1- and 2-character postings that answer 1–2 character queries from an
//!   index (SQLite's FTS5 trigram tokenizer needs 3 characters).
//! - [`fts_phrase`]: a query turned into one FTS5 phrase, so `" * ( ) NEAR AND OR -` are
//!   data, never syntax.
//! - [`pinyin_keys`] (feature `pinyin`): full pinyin and initials computed at ingest, with
//!   the readings of common heteronyms in business names (银行 is *yinhang*, not *yinxing*).

/// Fold a name or query to its indexed form.
pub fn normalize_name(input: &str) -> String {
    input
        .chars()
        .filter_map(|c| {
            let c = match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                '\u{3000}' => ' ',
                '【' | '〔' => '[',
                '】' | '〕' => ']',
                other => other,
            };
            if c.is_whitespace() || c.is_control() {
                None
            } else {
                Some(c.to_ascii_lowercase())
            }
        })
        .collect()
}

/// Distinct 1- and 2-character grams of a normalised name, for the short-query postings.
pub fn grams(normalized: &str) -> Vec<String> {
    let chars: Vec<char> = normalized.chars().collect();
    let mut out: Vec<String> = Vec::with_capacity(chars.len() * 2);
    for (i, c) in chars.iter().enumerate() {
        out.push(c.to_string());
        if let Some(next) = chars.get(i + 1) {
            out.push([*c, *next].iter().collect());
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Relevance rank of a name among the names matching a query: shorter names first, so an
/// exact match (the shortest possible) comes first. Postings and the trigram index are
/// stored in this order, so a page of results is read without sorting all matches.
pub fn name_rank(normalized: &str) -> i64 {
    normalized.chars().count() as i64
}

/// The trigram index's rowid for a subject: its rank in the high bits, its id in the low
/// 32, so that the index's natural rowid order is relevance order.
pub fn fts_rowid(rank: i64, subject_id: i64) -> i64 {
    (rank << 32) | (subject_id & 0xFFFF_FFFF)
}

/// The subject id of a trigram-index rowid.
pub fn subject_of_fts_rowid(rowid: i64) -> i64 {
    rowid & 0xFFFF_FFFF
}

/// The query as one FTS5 phrase: wrapped in double quotes, inner quotes doubled. FTS5
/// treats everything inside a string as tokens, so operators and punctuation are data.
pub fn fts_phrase(normalized: &str) -> String {
    format!("\"{}\"", normalized.replace('"', "\"\""))
}

/// The exclusive upper bound of a prefix range scan: `key >= prefix AND key < bound`.
pub fn prefix_upper_bound(prefix: &str) -> String {
    let mut bound = prefix.to_string();
    bound.push('\u{10FFFF}');
    bound
}

/// Whether a normalised query is plain pinyin (letters only).
pub fn is_pinyin_query(normalized: &str) -> bool {
    !normalized.is_empty() && normalized.chars().all(|c| c.is_ascii_lowercase())
}

#[cfg(feature = "pinyin")]
mod transliteration {
    use pinyin::{ToPinyin, ToPinyinMulti};

    /// Words whose common reading in business names differs from the characters' first
    /// reading. Kept short and explicit: each entry is a word seen in enterprise names.
    const WORD_READINGS: &[(&str, &[&str])] = &[
        ("银行", &["yin", "hang"]),
        ("行业", &["hang", "ye"]),
        ("商行", &["shang", "hang"]),
        ("车行", &["che", "hang"]),
        ("琴行", &["qin", "hang"]),
        ("重庆", &["chong", "qing"]),
        ("长沙", &["chang", "sha"]),
        ("长顺", &["chang", "shun"]),
        ("长春", &["chang", "chun"]),
        ("厦门", &["xia", "men"]),
        ("会计", &["kuai", "ji"]),
        ("都匀", &["du", "yun"]),
        ("朝阳", &["chao", "yang"]),
        ("六盘水", &["liu", "pan", "shui"]),
        ("六枝", &["liu", "zhi"]),
        ("调度", &["diao", "du"]),
        ("重工", &["zhong", "gong"]),
        ("重型", &["zhong", "xing"]),
        ("乐器", &["yue", "qi"]),
        ("音乐", &["yin", "yue"]),
        ("快乐", &["kuai", "le"]),
        ("仡佬", &["ge", "lao"]),
        ("大都", &["da", "du"]),
    ];

    /// Most alternative spellings kept per name.
    const MAX_VARIANTS: usize = 4;

    /// Characters whose second reading is common enough in names to index as well. Other
    /// characters keep only their first reading: the dictionary lists rare readings too
    /// (信 as *shen*), and indexing them would make `gysm` match names it should not.
    const COMMON_HETERONYMS: &str = "行长重乐都曾单朝会藏解区查仇朴盛缪翟覃尉沈传调便种和";

    /// Full pinyin and initials of a normalised name, each without separators. Several
    /// variants when a heteronym outside the word table could be read either way.
    pub fn pinyin_keys(normalized: &str) -> Vec<String> {
        let chars: Vec<char> = normalized.chars().collect();
        // Each position: the readings it may have.
        let mut readings: Vec<Vec<String>> = Vec::with_capacity(chars.len());
        let mut i = 0;
        'outer: while i < chars.len() {
            for (word, spelled) in WORD_READINGS {
                let word: Vec<char> = word.chars().collect();
                if chars[i..].starts_with(&word) {
                    readings.extend(spelled.iter().map(|s| vec![(*s).to_string()]));
                    i += word.len();
                    continue 'outer;
                }
            }
            let c = chars[i];
            let mut options: Vec<String> = match c.to_pinyin_multi() {
                Some(multi) => multi.into_iter().map(|p| p.plain().to_string()).collect(),
                None => match c.to_pinyin() {
                    Some(p) => vec![p.plain().to_string()],
                    None if c.is_ascii_alphanumeric() => vec![c.to_string()],
                    None => vec![],
                },
            };
            options.dedup();
            options.truncate(if COMMON_HETERONYMS.contains(c) { 2 } else { 1 });
            if !options.is_empty() {
                readings.push(options);
            }
            i += 1;
        }
        let mut variants: Vec<Vec<&str>> = vec![Vec::new()];
        for options in &readings {
            let mut next = Vec::new();
            for variant in &variants {
                for (k, option) in options.iter().enumerate() {
                    // Alternatives multiply; past the cap keep the first reading only.
                    if k > 0 && next.len() + variants.len() > MAX_VARIANTS {
                        continue;
                    }
                    let mut v = variant.clone();
                    v.push(option.as_str());
                    next.push(v);
                }
            }
            variants = next;
        }
        let mut keys = Vec::new();
        for variant in variants {
            keys.push(variant.concat());
            keys.push(variant.iter().filter_map(|s| s.chars().next()).collect());
        }
        keys.sort_unstable();
        keys.dedup();
        keys.retain(|k| !k.is_empty());
        keys
    }
}

#[cfg(feature = "pinyin")]
pub use transliteration::pinyin_keys;

/// What the name index holds for one subject: its normalised name, its rank, its grams and
/// its pinyin keys — everything a write needs to put the subject into an index part.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct IndexTerms {
    /// The normalised name ([`normalize_name`]).
    pub name_norm: String,
    /// Its relevance rank ([`name_rank`]).
    pub name_rank: i64,
    /// Its 1- and 2-character grams ([`grams`]).
    pub grams: Vec<String>,
    /// Its pinyin keys (`pinyin_keys`, feature `pinyin`).
    pub pinyin: Vec<String>,
}

#[cfg(feature = "pinyin")]
impl IndexTerms {
    /// The index terms of a name as registered.
    pub fn of(name: &str) -> IndexTerms {
        let name_norm = normalize_name(name);
        IndexTerms {
            name_rank: name_rank(&name_norm),
            grams: grams(&name_norm),
            pinyin: pinyin_keys(&name_norm),
            name_norm,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_full_width_and_spaces() {
        assert_eq!(normalize_name("贵阳　ＡＢＣ 科技（有限）公司"), "贵阳abc科技(有限)公司");
    }

    #[test]
    fn grams_cover_every_one_and_two_character_fragment() {
        let g = grams("贵阳贵");
        assert_eq!(g, vec!["贵", "贵阳", "阳", "阳贵"]);
    }

    #[test]
    fn fts_rowids_order_by_rank_then_id() {
        assert!(fts_rowid(3, 999_999) < fts_rowid(4, 1));
        assert_eq!(subject_of_fts_rowid(fts_rowid(17, 1_000_123)), 1_000_123);
    }

    #[test]
    fn fts_syntax_is_data() {
        assert_eq!(fts_phrase("a\" OR name:*"), "\"a\"\" OR name:*\"");
        assert_eq!(fts_phrase("NEAR(x)"), "\"NEAR(x)\"");
    }

    #[cfg(feature = "pinyin")]
    #[test]
    fn pinyin_initials_and_heteronyms() {
        let keys = pinyin_keys(&normalize_name("贵阳市某某科技有限公司"));
        assert!(keys.iter().any(|k| k.starts_with("gysm")), "{keys:?}");
        assert!(keys.iter().any(|k| k.starts_with("guiyangshi")), "{keys:?}");
        let trust = pinyin_keys("贵阳信茂");
        assert!(!trust.iter().any(|k| k.starts_with("gys")), "信 is read xin: {trust:?}");
        let bank = pinyin_keys("贵州银行");
        assert!(bank.contains(&"guizhouyinhang".to_string()), "{bank:?}");
        assert!(bank.contains(&"gzyh".to_string()), "{bank:?}");
    }
}
