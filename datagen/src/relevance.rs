//! The search's relevance set (issue 18): queries of every kind people type for a company,
//! each with the subject that must be among the first 10 results.
//!
//! The expected subject is known by construction: every query is built from the parts the
//! generator made that subject's name of (`NameParts`). The pinyin is the hand-written
//! spelling of each word in the generator's lists, and the traditional characters come
//! from the table below, so nothing here asks `gzcredit_shared::search_terms`, whose
//! index and query forms are what the set tests.

use crate::{subjects, Config, NameParts, Word};
use gzcredit_shared::api::SubjectCategory;

/// One query and the subject it must find.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case {
    /// The kind of query ([`KINDS`]).
    pub kind: &'static str,
    /// What is typed.
    pub query: String,
    /// The public code of the subject that must be among the first 10 results.
    pub code: String,
    /// Its registered name (for the reader of a failure).
    pub name: String,
}

/// The kinds of query, each with what it is.
pub const KINDS: &[(&str, &str)] = &[
    ("exact", "the registered name"),
    ("place_brand", "place and brand, adjacent: 毕节丰源"),
    ("place_space_brand", "place and brand with a space: 毕节 丰源"),
    ("brand_trade", "brand and trade: 丰源汽车销售"),
    ("two_words", "two words that are not adjacent, or in the other order: 丰源 销售, 科技 丰源"),
    ("spoken_form", "the legal form as people say it: 毕节丰源汽车销售公司"),
    ("pinyin_brand", "full pinyin of the brand: fengyuan"),
    ("pinyin_brand_trade", "full pinyin of brand and trade: fengyuanqichexiaoshou"),
    ("initials_brand_trade", "initials of brand and trade: fyqcxs"),
    ("initials_whole", "initials of the whole registered name: bjfyqcxsyxgs"),
    ("traditional", "the name in traditional characters: 畢節豐源汽車銷售有限公司"),
    ("brackets", "a social organisation's name with half-width brackets: 贵阳商会(黔信)"),
];

/// Simplified characters of the generator's words and their traditional forms.
const TRADITIONAL: &[(char, char)] = &[
    ('贵', '貴'),
    ('阳', '陽'),
    ('盘', '盤'),
    ('凉', '涼'),
    ('义', '義'),
    ('顺', '順'),
    ('毕', '畢'),
    ('节', '節'),
    ('乌', '烏'),
    ('铜', '銅'),
    ('净', '淨'),
    ('兴', '興'),
    ('东', '東'),
    ('凯', '凱'),
    ('达', '達'),
    ('华', '華'),
    ('丰', '豐'),
    ('润', '潤'),
    ('银', '銀'),
    ('云', '雲'),
    ('农', '農'),
    ('锦', '錦'),
    ('创', '創'),
    ('远', '遠'),
    ('腾', '騰'),
    ('诚', '誠'),
    ('乐', '樂'),
    ('贸', '貿'),
    ('筑', '築'),
    ('业', '業'),
    ('开', '開'),
    ('饮', '飲'),
    ('医', '醫'),
    ('药', '藥'),
    ('传', '傳'),
    ('游', '遊'),
    ('矿', '礦'),
    ('数', '數'),
    ('据', '據'),
    ('术', '術'),
    ('产', '產'),
    ('电', '電'),
    ('务', '務'),
    ('态', '態'),
    ('劳', '勞'),
    ('装', '裝'),
    ('饰', '飾'),
    ('车', '車'),
    ('销', '銷'),
    ('环', '環'),
    ('咨', '諮'),
    ('询', '詢'),
    ('责', '責'),
];

fn traditional(text: &str) -> String {
    text.chars().map(|c| TRADITIONAL.iter().find(|(s, _)| *s == c).map_or(c, |(_, t)| *t)).collect()
}

fn spelled(words: &[Word]) -> String {
    words.iter().flat_map(|w| w.1.iter()).copied().collect()
}

fn initials(words: &[Word]) -> String {
    words.iter().flat_map(|w| w.1.iter()).filter_map(|s| s.chars().next()).collect()
}

/// The legal form as people say it: 有限 dropped.
fn spoken(suffix: &str) -> &'static str {
    match suffix {
        "股份有限公司" => "股份公司",
        _ => "公司",
    }
}

/// `per_kind` queries of every kind in [`KINDS`], for subjects spread evenly over the data
/// set of `config`.
pub fn cases(config: &Config, per_kind: usize) -> Vec<Case> {
    let mut enterprises = Vec::new();
    let mut organisations = Vec::new();
    for s in subjects(config) {
        match (&s.parts, s.category) {
            (Some(NameParts::Enterprise { .. }), SubjectCategory::Enterprise) => enterprises.push(s),
            (Some(NameParts::SocialOrganization { .. }), _) => organisations.push(s),
            _ => {}
        }
    }
    let spread = |n: usize| -> Vec<usize> { (0..per_kind.min(n)).map(|i| i * n / per_kind.min(n).max(1)).collect() };
    let mut out = Vec::new();
    let mut push = |kind: &'static str, query: String, s: &crate::Subject| {
        out.push(Case { kind, query, code: s.code.clone(), name: s.name.clone() });
    };
    for i in spread(enterprises.len()) {
        let s = &enterprises[i];
        let Some(NameParts::Enterprise { place, brand, trade, suffix }) = &s.parts else { continue };
        let brand_text: String = brand.iter().map(|w| w.0).collect();
        let trade_chars: Vec<char> = trade.0.chars().collect();
        push("exact", s.name.clone(), s);
        push("place_brand", format!("{}{brand_text}", place.0), s);
        push("place_space_brand", format!("{} {brand_text}", place.0), s);
        push("brand_trade", format!("{brand_text}{}", trade.0), s);
        let two_words = match trade_chars.len() {
            2 => format!("{} {brand_text}", trade.0),
            n => format!("{brand_text} {}", trade_chars[n - 2..].iter().collect::<String>()),
        };
        push("two_words", two_words, s);
        push("spoken_form", format!("{}{brand_text}{}{}", place.0, trade.0, spoken(suffix.0)), s);
        push("pinyin_brand", spelled(brand), s);
        let brand_and_trade = [brand[0], brand[1], *trade];
        push("pinyin_brand_trade", spelled(&brand_and_trade), s);
        push("initials_brand_trade", initials(&brand_and_trade), s);
        push("initials_whole", initials(&[*place, brand[0], brand[1], *trade, *suffix]), s);
    }
    // Names whose characters are the same in both scripts (黔中鑫泰科技有限公司) say nothing.
    let written_differently: Vec<_> = enterprises.iter().filter(|s| traditional(&s.name) != s.name).collect();
    for i in spread(written_differently.len()) {
        let s = written_differently[i];
        push("traditional", traditional(&s.name), s);
    }
    for i in spread(organisations.len()) {
        let s = &organisations[i];
        let Some(NameParts::SocialOrganization { place, association, brand }) = &s.parts else { continue };
        let brand_text: String = brand.iter().map(|w| w.0).collect();
        push("brackets", format!("{}{association}({brand_text})", place.0), s);
    }
    out
}

/// The set as TOML: one `[[case]]` table per query.
pub fn to_toml(config: &Config, cases: &[Case]) -> String {
    let quote = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let mut out = format!(
        "# The search's relevance set (issue 18), written by `cargo xtask relevance`: do not edit.\n\
         # Each query must find its subject among the first 10 results on the demo data\n\
         # ({} subjects, seed {}). Built from the parts the generator made each name of,\n\
         # so the answer is known by construction (datagen/src/relevance.rs).\n",
        config.subjects, config.seed
    );
    for (kind, what) in KINDS {
        out.push_str(&format!("\n[kinds.{kind}]\nwhat = {}\n", quote(what)));
    }
    for case in cases {
        out.push_str(&format!(
            "\n[[case]]\nkind = {}\nquery = {}\ncode = {}\nname = {}\n",
            quote(case.kind),
            quote(&case.query),
            quote(&case.code),
            quote(&case.name)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use gzcredit_shared::date::Date;

    fn config(today: &str) -> Config {
        Config { subjects: 3000, records_per_subject: 3, seed: 20180701, today: Date::parse(today).unwrap() }
    }

    #[test]
    fn every_kind_has_its_queries_and_the_set_does_not_depend_on_the_day() {
        let cases = cases(&config("2026-12-04"), 60);
        for (kind, _) in KINDS {
            assert_eq!(cases.iter().filter(|c| c.kind == *kind).count(), 60, "{kind}");
        }
        // The e2e suites run on several pinned days against data generated for each.
        assert_eq!(cases, super::cases(&config("2028-02-29"), 60));
    }

    #[test]
    fn queries_are_built_from_the_parts() {
        let cases = cases(&config("2026-12-04"), 60);
        let case = |kind: &str| cases.iter().find(|c| c.kind == kind).unwrap();
        let exact = case("exact");
        assert!(case("brand_trade").query.chars().all(|c| exact.name.contains(c)));
        assert!(case("pinyin_brand").query.bytes().all(|b| b.is_ascii_lowercase()));
        assert_ne!(case("traditional").query, exact.name, "{}", exact.name);
        assert!(case("brackets").query.contains('(') && case("brackets").name.contains('（'));
    }
}
