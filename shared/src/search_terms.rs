//! How subject names are indexed and queried for the public search (Art. 18: convenient
//! query services over the internet).
//!
//! The rules live here, once, so that ingest (edge and the demo data generator) and query
//! (edge) agree byte for byte:
//! - [`normalize_name`]: full-width ASCII folded to half-width, spaces removed, Latin
//!   letters lower-cased — the form in which a name typed with an ID number is compared.
//! - [`index_form`] (feature `name-index`): what the name index holds and what a query
//!   term is matched against — traditional characters as simplified, punctuation and
//!   brackets of either width dropped (`（贵阳分公司）` reads as `贵阳分公司`), and the legal
//!   form as people say it (有限公司 and 有限责任公司 both read as 公司, 股份有限公司 as 股份公司).
//! - [`query_terms`] (feature `name-index`): a query split on spaces and punctuation into
//!   terms in the same form; every term must appear in a name, in any order, and
//!   [`terms_order`] ranks names with the terms in the typed order and closer together
//!   first.
//! - [`grams`]: the 1- and 2-character postings that answer 1–2 character terms from an
//!   index (SQLite's FTS5 trigram tokenizer needs 3 characters).
//! - [`fts_phrase`] / [`fts_all`]: terms turned into FTS5 phrases, so `" * ( ) NEAR AND OR
//!   -` are data, never syntax.
//! - [`pinyin_keys`] (feature `name-index`): the full pinyin and the initials of every run of
//!   the name that starts on a syllable boundary, so that `fengyuan`, `fengyuanqiche` and
//!   `fyqc` all find 毕节丰源汽车销售有限公司; [`pinyin_plan`] turns typed letters into the
//!   key ranges to read, exact syllable matches first, and [`pinyin_match`] ranks what was
//!   read (黔信 is an exact match of `qianxin`, 黔西南 only starts with it).

/// Full-width ASCII to half-width, the ideographic space to a space.
fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        other => other,
    }
}

/// Fold a name as typed: full-width ASCII to half-width, whitespace removed, Latin letters
/// lower-cased. Used where a typed name must equal a registered one (the name given with
/// an ID search, Art. 4); the index uses [`index_form`].
pub fn normalize_name(input: &str) -> String {
    input
        .chars()
        .map(fold_width)
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .map(|c| c.to_ascii_lowercase())
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

/// Terms that must all appear, as one FTS5 query: each a phrase ([`fts_phrase`]), joined
/// by `AND`.
pub fn fts_all<S: AsRef<str>>(terms: &[S]) -> String {
    terms.iter().map(|t| fts_phrase(t.as_ref())).collect::<Vec<_>>().join(" AND ")
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

/// Where a set of terms stands in a name: `None` if a term is missing, else whether the
/// terms appear out of the typed order and how many characters lie between them. Sorting
/// by this value puts names with the terms in the typed order, closer together, first.
/// Each term is taken at its first occurrence.
pub fn terms_order<S: AsRef<str>>(form: &str, terms: &[S]) -> Option<(bool, usize)> {
    let mut spans = Vec::with_capacity(terms.len());
    for term in terms {
        let term = term.as_ref();
        let byte = form.find(term)?;
        let start = form[..byte].chars().count();
        spans.push((start, start + term.chars().count()));
    }
    let out_of_order = spans.windows(2).any(|w| w[1].0 < w[0].1);
    let first = spans.iter().map(|s| s.0).min().unwrap_or(0);
    let last = spans.iter().map(|s| s.1).max().unwrap_or(0);
    let covered: usize = spans.iter().map(|s| s.1 - s.0).sum();
    Some((out_of_order, (last - first).saturating_sub(covered)))
}

/// Whether `form` holds a run of characters that differs from `query` in exactly one
/// character: a suggestion for a query that found nothing (贵阳黔新 for 贵阳黔信).
pub fn one_character_apart(form: &str, query: &str) -> bool {
    let name: Vec<char> = form.chars().collect();
    let query: Vec<char> = query.chars().collect();
    query.len() >= 2
        && name.len() >= query.len()
        && name.windows(query.len()).any(|w| w.iter().zip(&query).filter(|(a, b)| a != b).count() == 1)
}

#[cfg(feature = "name-index")]
mod forms {
    use super::fold_width;

    /// Legal forms as registered, and as people say and type them: 有限 is almost always
    /// dropped. Longest first, so that 有限责任公司 is not read as 有限责任 + 公司.
    const LEGAL_FORMS: &[(&str, &str)] = &[("有限责任公司", "公司"), ("有限公司", "公司")];

    /// Characters the `fast2s` table turns into a variant that mainland names do not use:
    /// it reads 諮 (諮詢) as 谘, where names write 咨 (咨询). Its tables are per
    /// character; phrase tables such as OpenCC's would read 諮詢 as 咨询 directly.
    const MAINLAND_FORMS: &[(char, char)] = &[('谘', '咨')];

    /// Traditional characters as simplified, by the `fast2s` table: 貴陽 → 贵阳.
    pub fn simplified(input: &str) -> String {
        fast2s::convert(input)
            .chars()
            .map(|c| MAINLAND_FORMS.iter().find(|(variant, _)| *variant == c).map_or(c, |(_, form)| *form))
            .collect()
    }

    /// The form pinyin is computed from: [`simplified`], full-width folded, lower-cased,
    /// and only letters and digits kept (spaces, punctuation and brackets of either width
    /// dropped), so that `贵阳商会（黔信）` and `贵阳商会(黔信)` read alike.
    pub fn pinyin_form(name: &str) -> String {
        simplified(name)
            .chars()
            .map(fold_width)
            .filter(|c| c.is_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect()
    }

    /// The legal forms as people say them (有限公司, 有限责任公司 → 公司).
    fn fold_legal_forms(form: String) -> String {
        LEGAL_FORMS.iter().fold(form, |s, (registered, said)| s.replace(registered, said))
    }

    /// The form a name is indexed in and a query term is matched against: [`pinyin_form`]
    /// with the legal forms as people say them.
    pub fn index_form(name: &str) -> String {
        fold_legal_forms(pinyin_form(name))
    }

    /// A query's terms in [`index_form`]: split on spaces and punctuation, duplicates
    /// dropped, in the typed order.
    pub fn query_terms(query: &str) -> Vec<String> {
        let folded: String = simplified(query).chars().map(fold_width).collect();
        let mut terms: Vec<String> = Vec::new();
        for piece in folded.split(|c: char| !c.is_alphanumeric()) {
            let term = fold_legal_forms(piece.to_lowercase());
            if !term.is_empty() && !terms.contains(&term) {
                terms.push(term);
            }
        }
        terms
    }
}

#[cfg(feature = "name-index")]
pub use forms::{index_form, pinyin_form, query_terms, simplified};

#[cfg(feature = "name-index")]
mod transliteration {
    use pinyin::{ToPinyin, ToPinyinMulti};
    use std::collections::BTreeSet;
    use std::sync::OnceLock;

    /// Trailing legal forms of a name, in the form [`super::pinyin_form`] gives, at which no pinyin
    /// key starts: `youxiangongsi` would otherwise be a key of every company.
    const LEGAL_TAILS: &[&str] = &["股份有限公司", "有限责任公司", "有限公司", "股份公司", "公司"];

    /// Between the syllables of a full-pinyin key. It sorts below every letter, so the
    /// keys that continue a syllable run with a new syllable (`qian'xin'shi`) come before
    /// those that continue a syllable (`qian'xing`), and a range scan finds exact syllable
    /// matches alone.
    pub const SYLLABLE_SEPARATOR: char = '\'';

    /// The first character of an initials key, which keeps initials (`^fyqc`) apart from
    /// full pinyin.
    pub const INITIALS_MARK: char = '^';

    /// Most syllables in a full-pinyin key; a longer query reads the keys of its first
    /// syllables and is checked against the whole name ([`pinyin_match`]).
    pub const MAX_KEY_SYLLABLES: usize = 4;

    /// Most letters in an initials key.
    pub const MAX_KEY_INITIALS: usize = 6;

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
    /// 晟 is read *sheng* in names (the dictionary lists *cheng* first).
    const COMMON_HETERONYMS: &str = "行长重乐都曾单朝会藏解区查仇朴盛晟缪翟覃尉沈传调便种和";

    /// A reading as typed: ü is typed v on every pinyin keyboard.
    fn typed(reading: &str) -> String {
        reading.replace('ü', "v")
    }

    /// The readings of each character of a [`super::pinyin_form`] that has one.
    fn readings(form: &str) -> Vec<Vec<String>> {
        let chars: Vec<char> = form.chars().collect();
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
                Some(multi) => multi.into_iter().map(|p| typed(p.plain())).collect(),
                None => match c.to_pinyin() {
                    Some(p) => vec![typed(p.plain())],
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
        readings
    }

    /// The name read syllable by syllable, in up to [`MAX_VARIANTS`] ways when a common
    /// heteronym could be read either way.
    fn variants(form: &str) -> Vec<Vec<String>> {
        let mut variants: Vec<Vec<String>> = vec![Vec::new()];
        for options in readings(form) {
            let mut next = Vec::new();
            for variant in &variants {
                for (k, option) in options.iter().enumerate() {
                    // Alternatives multiply; past the cap keep the first reading only.
                    if k > 0 && next.len() + variants.len() > MAX_VARIANTS {
                        continue;
                    }
                    let mut v = variant.clone();
                    v.push(option.clone());
                    next.push(v);
                }
            }
            variants = next;
        }
        variants.retain(|v| !v.is_empty());
        variants
    }

    /// The syllables of a trailing legal form of `form`, if it ends with one.
    fn tail_syllables(form: &str) -> usize {
        LEGAL_TAILS.iter().find(|tail| form.ends_with(*tail)).map_or(0, |tail| tail.chars().count())
    }

    /// The pinyin keys of a name in [`super::pinyin_form`]: for every syllable outside a
    /// trailing legal form, the full pinyin of the run starting there (its first
    /// [`MAX_KEY_SYLLABLES`] syllables, separated by [`SYLLABLE_SEPARATOR`]) and its
    /// initials (the first [`MAX_KEY_INITIALS`], after [`INITIALS_MARK`]).
    pub fn pinyin_keys(form: &str) -> Vec<String> {
        let tail = tail_syllables(form);
        let mut keys = BTreeSet::new();
        for variant in variants(form) {
            let starts = variant.len().saturating_sub(tail).max(1);
            for i in 0..starts {
                let run = &variant[i..];
                let full = run.iter().take(MAX_KEY_SYLLABLES).map(String::as_str).collect::<Vec<_>>();
                keys.insert(full.join(&SYLLABLE_SEPARATOR.to_string()));
                let initials: String = run.iter().take(MAX_KEY_INITIALS).filter_map(|s| s.chars().next()).collect();
                keys.insert(format!("{INITIALS_MARK}{initials}"));
            }
        }
        keys.into_iter().collect()
    }

    /// Every syllable the dictionary reads a character of the basic CJK block as, and every
    /// prefix of one: what a typed run of letters is split into ([`pinyin_plan`]).
    fn syllables() -> &'static (BTreeSet<String>, BTreeSet<String>) {
        static SYLLABLES: OnceLock<(BTreeSet<String>, BTreeSet<String>)> = OnceLock::new();
        SYLLABLES.get_or_init(|| {
            let mut whole = BTreeSet::new();
            for c in '\u{4E00}'..='\u{9FFF}' {
                if let Some(multi) = c.to_pinyin_multi() {
                    // Interjections without a vowel (嗯 n, 呣 m) would split every n and m off.
                    whole.extend(multi.into_iter().map(|p| typed(p.plain())).filter(|s| {
                        s.bytes().all(|b| b.is_ascii_lowercase()) && s.contains(['a', 'e', 'i', 'o', 'u', 'v'])
                    }));
                }
            }
            let prefixes = whole.iter().flat_map(|s| (1..s.len()).map(move |n| s[..n].to_string())).collect();
            (whole, prefixes)
        })
    }

    /// What to read for a pinyin query: key ranges of the name index, in the order their
    /// matches rank.
    #[derive(Clone, PartialEq, Eq, Debug, Default)]
    pub struct PinyinPlan {
        /// Full-pinyin keys whose syllables match the query's exactly: read `key = P` and
        /// keys starting with `P` and a [`SYLLABLE_SEPARATOR`] (or, for a query longer
        /// than a key, its first syllables, checked afterwards).
        pub exact: Vec<String>,
        /// The initials key prefix (`^` and the first letters); `None` reads no initials.
        pub initials: Option<String>,
        /// Full-pinyin prefixes whose last syllable is only begun (`qian'xi'n` for
        /// `qianxin`, which 黔西南 starts with): read keys starting with `P`.
        pub begun: Vec<String>,
    }

    /// Most ways of splitting a query into syllables that are read.
    const MAX_SPLITS: usize = 4;

    /// The key ranges for typed letters: the ways to split them into syllables, fewest
    /// syllables first, up to [`MAX_KEY_SYLLABLES`] each ([`PinyinPlan`]).
    pub fn pinyin_plan(letters: &str) -> PinyinPlan {
        let (whole, prefixes) = syllables();
        let mut exact: Vec<Vec<&str>> = Vec::new();
        let mut begun: Vec<Vec<&str>> = Vec::new();
        // Depth-first over the first MAX_KEY_SYLLABLES syllables: later ones are past
        // every key and are checked by `pinyin_match`.
        let mut stack: Vec<(usize, Vec<&str>)> = vec![(0, Vec::new())];
        while let Some((at, pieces)) = stack.pop() {
            let rest = &letters[at..];
            if rest.is_empty() || pieces.len() == MAX_KEY_SYLLABLES {
                exact.push(pieces);
                continue;
            }
            if prefixes.contains(rest) {
                let mut p = pieces.clone();
                p.push(rest);
                begun.push(p);
            }
            for n in 1..=rest.len().min(6) {
                if whole.contains(&rest[..n]) {
                    let mut p = pieces.clone();
                    p.push(&rest[..n]);
                    stack.push((at + n, p));
                }
            }
        }
        let join = |mut splits: Vec<Vec<&str>>| {
            splits.sort_by_key(|p| (p.len(), p.iter().map(|s| std::cmp::Reverse(s.len())).collect::<Vec<_>>()));
            let mut keys: Vec<String> = Vec::new();
            for p in splits {
                let key = p.join(&SYLLABLE_SEPARATOR.to_string());
                if !keys.contains(&key) && keys.len() < MAX_SPLITS {
                    keys.push(key);
                }
            }
            keys
        };
        let initials: String = letters.chars().take(MAX_KEY_INITIALS).collect();
        PinyinPlan { exact: join(exact), initials: Some(format!("{INITIALS_MARK}{initials}")), begun: join(begun) }
    }

    /// How a name matches typed pinyin, best first when sorted.
    #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
    pub enum PinyinQuality {
        /// The letters are the full pinyin of a run of whole syllables (`qianxin`: 黔信).
        Syllables,
        /// The letters are the initials of a run (`fyqc`: 丰源汽车).
        Initials,
        /// The letters only start a run's pinyin (`qianxin`: 黔西南, qian-xi-nan).
        Begun,
    }

    /// How a name in [`super::pinyin_form`] matches typed letters: the best
    /// [`PinyinQuality`] over its readings and the syllable where that match starts
    /// (0: the start of the name), or `None` if it does not match.
    pub fn pinyin_match(form: &str, letters: &str) -> Option<(PinyinQuality, usize)> {
        let mut best: Option<(PinyinQuality, usize)> = None;
        for variant in variants(form) {
            for start in 0..variant.len() {
                let quality = quality_from(&variant[start..], letters);
                if let Some(q) = quality {
                    if best.is_none_or(|b| (q, start) < b) {
                        best = Some((q, start));
                    }
                }
            }
        }
        best
    }

    fn quality_from(run: &[String], letters: &str) -> Option<PinyinQuality> {
        let mut spelled = String::new();
        let mut found = None;
        for syllable in run {
            spelled.push_str(syllable);
            if spelled == letters {
                return Some(PinyinQuality::Syllables);
            }
            if spelled.len() > letters.len() {
                if spelled.starts_with(letters) {
                    found = Some(PinyinQuality::Begun);
                }
                break;
            }
            if !letters.starts_with(spelled.as_str()) {
                break;
            }
        }
        let initials: String = run.iter().take(letters.len()).filter_map(|s| s.chars().next()).collect();
        if initials == letters {
            return Some(PinyinQuality::Initials);
        }
        found
    }

    /// The full pinyin of a name, its first reading, syllable by syllable: a query that
    /// found nothing suggests the names that sound the same.
    pub fn spoken(form: &str) -> Vec<String> {
        variants(form).into_iter().next().unwrap_or_default()
    }
}

#[cfg(feature = "name-index")]
pub use transliteration::{
    pinyin_keys, pinyin_match, pinyin_plan, spoken, PinyinPlan, PinyinQuality, INITIALS_MARK, MAX_KEY_INITIALS,
    MAX_KEY_SYLLABLES, SYLLABLE_SEPARATOR,
};

/// What the name index holds for one subject: its normalised name, its rank, its grams and
/// its pinyin keys — everything a write needs to put the subject into an index part.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct IndexTerms {
    /// The name in [`index_form`] (feature `name-index`).
    pub name_norm: String,
    /// Its relevance rank ([`name_rank`]).
    pub name_rank: i64,
    /// Its 1- and 2-character grams ([`grams`]).
    pub grams: Vec<String>,
    /// Its pinyin keys (`pinyin_keys` of its `pinyin_form`, feature `name-index`).
    pub pinyin: Vec<String>,
}

#[cfg(feature = "name-index")]
impl IndexTerms {
    /// The index terms of a name as registered.
    pub fn of(name: &str) -> IndexTerms {
        let name_norm = index_form(name);
        IndexTerms {
            name_rank: name_rank(&name_norm),
            grams: grams(&name_norm),
            pinyin: pinyin_keys(&pinyin_form(name)),
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
        assert_eq!(fts_all(&["丰源汽车", "NOT"]), "\"丰源汽车\" AND \"NOT\"");
    }

    #[test]
    fn terms_in_the_typed_order_and_closer_together_rank_first() {
        // 丰源 at 2..4, 销售 at 6..8 of 毕节丰源汽车销售公司: in order, 2 characters between.
        assert_eq!(terms_order("毕节丰源汽车销售公司", &["丰源", "销售"]), Some((false, 2)));
        assert_eq!(terms_order("毕节丰源汽车销售公司", &["销售", "丰源"]), Some((true, 2)));
        assert_eq!(terms_order("毕节丰源汽车销售公司", &["丰源", "汽车"]), Some((false, 0)));
        assert_eq!(terms_order("毕节丰源汽车销售公司", &["丰源", "餐饮"]), None);
        assert!(
            terms_order("毕节丰源汽车销售公司", &["丰源", "汽车"])
                < terms_order("毕节丰源汽车销售公司", &["丰源", "销售"])
        );
    }

    #[test]
    fn one_character_apart_is_a_single_substitution() {
        assert!(one_character_apart("贵阳黔信示范科技公司", "贵阳黔新示范"));
        assert!(!one_character_apart("贵阳黔信示范科技公司", "贵阳黔信示范"), "equal is not apart");
        assert!(!one_character_apart("贵阳黔信示范科技公司", "贵州黔新示范"), "two differ");
        assert!(!one_character_apart("贵阳", "贵"));
    }

    #[cfg(feature = "name-index")]
    mod name_index {
        use super::super::*;

        #[test]
        fn legal_forms_read_as_people_say_them() {
            assert_eq!(index_form("毕节丰源汽车销售有限公司"), "毕节丰源汽车销售公司");
            assert_eq!(index_form("毕节丰源汽车销售有限责任公司"), "毕节丰源汽车销售公司");
            assert_eq!(index_form("贵州茅台酒股份有限公司"), "贵州茅台酒股份公司");
            assert_eq!(query_terms("毕节丰源汽车销售公司"), vec!["毕节丰源汽车销售公司"]);
            assert_eq!(query_terms("贵州茅台酒股份公司"), vec![index_form("贵州茅台酒股份有限公司")]);
            // 有限 that is not part of a legal form stays.
            assert_eq!(index_form("贵州有限元科技有限公司"), "贵州有限元科技公司");
        }

        #[test]
        fn brackets_of_either_width_and_branch_suffixes() {
            assert_eq!(index_form("贵阳商会（黔信）"), "贵阳商会黔信");
            assert_eq!(index_form("贵阳商会(黔信)"), "贵阳商会黔信");
            assert_eq!(index_form("贵州茅台酒销售有限公司（贵阳分公司）"), "贵州茅台酒销售公司贵阳分公司");
            assert_eq!(query_terms("茅台酒销售有限公司贵阳分公司"), vec!["茅台酒销售公司贵阳分公司"]);
        }

        #[test]
        fn traditional_characters_read_as_simplified() {
            assert_eq!(index_form("貴陽黔信示範科技有限公司"), "贵阳黔信示范科技公司");
            assert_eq!(index_form("畢節德宇教育諮詢有限公司"), "毕节德宇教育咨询公司");
            assert_eq!(query_terms("貴陽 科技"), vec!["贵阳", "科技"]);
        }

        #[test]
        fn a_query_splits_on_spaces_and_punctuation() {
            assert_eq!(query_terms("丰源 销售"), vec!["丰源", "销售"]);
            assert_eq!(query_terms("丰源，销售、丰源"), vec!["丰源", "销售"]);
            assert_eq!(query_terms("　ＡＢＣ/科技　"), vec!["abc", "科技"]);
            assert!(query_terms(" ,.。 ").is_empty());
        }

        #[test]
        fn pinyin_keys_start_at_every_syllable_outside_the_legal_form() {
            let keys = pinyin_keys(&pinyin_form("毕节丰源汽车销售有限公司"));
            for key in [
                "bi'jie'feng'yuan",
                "feng'yuan'qi'che",
                "qi'che'xiao'shou",
                "shou'you'xian'gong",
                "^fyqcxs",
                "^bjfyqc",
                "^syxgs",
            ] {
                assert!(keys.contains(&key.to_string()), "{key} in {keys:?}");
            }
            // Eight syllables before the legal form: eight full keys and eight initials.
            assert_eq!(keys.len(), 16, "{keys:?}");
            assert!(!keys.iter().any(|k| k.starts_with("you") || k.starts_with("gong")), "{keys:?}");
        }

        #[test]
        fn heteronyms_keep_working() {
            let bank = pinyin_keys(&pinyin_form("贵州银行"));
            assert!(bank.contains(&"gui'zhou'yin'hang".to_string()), "{bank:?}");
            assert!(bank.contains(&"^gzyh".to_string()), "{bank:?}");
            let trust = pinyin_keys(&pinyin_form("贵阳信茂"));
            assert!(!trust.iter().any(|k| k.starts_with("^gys")), "信 is read xin: {trust:?}");
            assert_eq!(
                pinyin_match(&pinyin_form("遵义长征"), "changzheng").map(|m| m.0),
                Some(PinyinQuality::Syllables)
            );
            assert_eq!(
                pinyin_match(&pinyin_form("遵义长征"), "zhangzheng").map(|m| m.0),
                Some(PinyinQuality::Syllables)
            );
            assert_eq!(
                pinyin_match(&pinyin_form("贵州晟宇建材有限公司"), "shengyu"),
                Some((PinyinQuality::Syllables, 2))
            );
        }

        #[test]
        fn a_query_is_read_as_syllables_first() {
            let plan = pinyin_plan("qianxin");
            // qian-xin is the fewest syllables; qi-an-xin also reads it.
            assert_eq!(plan.exact, vec!["qian'xin", "qi'an'xin"]);
            // qian-xi-n… is how 黔西南 begins; qian-xin… also begins qian-xing.
            assert!(plan.begun.contains(&"qian'xi'n".to_string()), "{plan:?}");
            assert!(plan.begun.contains(&"qian'xin".to_string()), "{plan:?}");
            assert_eq!(plan.initials.as_deref(), Some("^qianxi"));
            // Longer than a key: its first four syllables.
            assert_eq!(pinyin_plan("guiyangqianxinshifan").exact[0], "gui'yang'qian'xin");
        }

        #[test]
        fn an_exact_syllable_match_ranks_above_a_begun_one() {
            let xin = pinyin_match(&pinyin_form("贵阳黔信示范科技有限公司"), "qianxin");
            let xinan = pinyin_match(&pinyin_form("黔西南州某某商贸有限公司"), "qianxin");
            assert_eq!(xin, Some((PinyinQuality::Syllables, 2)));
            assert_eq!(xinan, Some((PinyinQuality::Begun, 0)));
            assert!(xin.unwrap().0 < xinan.unwrap().0);
            assert_eq!(
                pinyin_match(&pinyin_form("毕节丰源汽车销售有限公司"), "fyqc"),
                Some((PinyinQuality::Initials, 2))
            );
            assert_eq!(
                pinyin_match(&pinyin_form("毕节丰源汽车销售有限公司"), "fengyuanqiche"),
                Some((PinyinQuality::Syllables, 2))
            );
            assert_eq!(pinyin_match(&pinyin_form("毕节丰源汽车销售有限公司"), "fengyuanqiao"), None);
        }
    }

    #[cfg(feature = "name-index")]
    #[test]
    fn pinyin_initials_of_the_whole_name() {
        let keys = pinyin_keys(&pinyin_form("贵阳市某某科技有限公司"));
        assert!(keys.iter().any(|k| k.starts_with("^gysm")), "{keys:?}");
        assert!(keys.iter().any(|k| k.starts_with("gui'yang'shi")), "{keys:?}");
        assert_eq!(
            pinyin_match(&pinyin_form("贵阳市某某科技有限公司"), "gysmmkjyxgs"),
            Some((PinyinQuality::Initials, 0)),
            "the registered name's initials, 有限 included, still find it"
        );
    }
}
