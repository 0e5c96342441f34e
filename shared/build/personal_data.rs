//! Generator for `data/personal_data_terms.toml`, the words that mark the personal data
//! of Art. 32 ¶2–¶3. Checks that every category is listed once with its paragraph, every
//! entry says why, no term is listed twice, and every exception can excuse a term of its
//! category; folds the terms as `personal_data::fold_key` folds text (tested there), and
//! writes them with indexes sorted for lookup. An unknown category fails to compile (it
//! becomes a `Forbidden::`/`Restricted::` path).
use crate::camel;
use crate::text_fold::{half_width, removed};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    category: Vec<Category>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Category {
    category: String,
    paragraph: u8,
    terms: Vec<Entry>,
    #[serde(default)]
    natural_person_terms: Vec<Entry>,
    #[serde(default)]
    key_terms: Vec<Entry>,
    #[serde(default)]
    exceptions: Vec<ExceptionEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    term: String,
    why: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExceptionEntry {
    phrase: String,
    why: String,
}

/// The categories of `Forbidden` (¶3) and `Restricted` (¶2), in their `ALL` order.
const FORBIDDEN: [&str; 6] = ["religion", "genes", "fingerprint", "blood_type", "disease", "medical_history"];
const RESTRICTED: [&str; 6] = ["income", "deposits", "securities", "commercial_insurance", "real_estate", "tax_amount"];

fn fold(context: &str, text: &str) -> (String, bool) {
    let half: String = text.chars().map(half_width).collect();
    assert_eq!(half.trim(), half, "personal_data_terms.toml: {context}: {text:?} has surrounding spaces");
    let latin = half.is_ascii();
    if latin {
        assert!(
            half.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-'),
            "personal_data_terms.toml: {context}: a Latin term is words separated by spaces: {text:?}"
        );
    }
    let folded: String = half.chars().filter(|c| !removed(*c)).flat_map(char::to_lowercase).collect();
    assert!(!folded.is_empty(), "personal_data_terms.toml: {context}: empty term");
    (folded, latin)
}

/// Whether a match of `phrase` can overlap a match of `term`: one holds the other, or the
/// end of one is the start of the other (`型血压` after `A型血`).
fn can_overlap(phrase: &str, term: &str) -> bool {
    if phrase.contains(term) || term.contains(phrase) {
        return true;
    }
    let ends = |a: &str, b: &str| (1..a.len()).filter(|i| a.is_char_boundary(*i)).any(|i| b.starts_with(&a[i..]));
    ends(term, phrase) || ends(phrase, term)
}

/// Write `$OUT_DIR/personal_data.rs` from the data document.
pub fn generate(document: &Path, out: &Path) {
    let text = crate::read_document(document);
    let doc: Document = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", document.display()));

    let mut terms = String::new();
    let mut exceptions = String::new();
    // folded → (is exception, index, Latin)
    let mut patterns: BTreeMap<String, (bool, usize, bool)> = BTreeMap::new();
    let mut seen_categories = Vec::new();
    let (mut term_count, mut exception_count) = (0usize, 0usize);
    for category in &doc.category {
        let name = category.category.as_str();
        assert!(!seen_categories.contains(&name), "personal_data_terms.toml: {name} listed twice");
        seen_categories.push(name);
        let class = match category.paragraph {
            3 => {
                assert!(FORBIDDEN.contains(&name), "personal_data_terms.toml: {name} is not a ¶3 category");
                format!("FieldClass::Forbidden(Forbidden::{})", camel(name))
            }
            2 => {
                assert!(RESTRICTED.contains(&name), "personal_data_terms.toml: {name} is not a ¶2 category");
                assert!(
                    category.natural_person_terms.is_empty(),
                    "personal_data_terms.toml: {name}: ¶2 terms apply to natural persons already; list them as terms"
                );
                format!("FieldClass::Restricted(Restricted::{})", camel(name))
            }
            other => panic!("personal_data_terms.toml: {name}: Art. 32 ¶{other} lists no categories"),
        };
        assert!(!category.terms.is_empty(), "personal_data_terms.toml: {name}: no terms");
        let text_scope = if category.paragraph == 3 { "Always" } else { "NaturalPerson" };
        let mut own_terms = Vec::new();
        for (list, scope) in [
            (&category.terms, text_scope),
            (&category.natural_person_terms, "NaturalPerson"),
            (&category.key_terms, "KeyOnly"),
        ] {
            for entry in list {
                let context = format!("{name}: {}", entry.term);
                assert!(!entry.why.trim().is_empty(), "personal_data_terms.toml: {context}: why missing");
                let (folded, latin) = fold(&context, &entry.term);
                if let Some((_, other, _)) = patterns.insert(folded.clone(), (false, term_count, latin)) {
                    panic!("personal_data_terms.toml: {context}: listed twice (entry {other})");
                }
                writeln!(
                    terms,
                    "    Term {{ term: {:?}, category: {class}, scope: Scope::{scope}, folded: {folded:?}, latin: {latin} }},",
                    entry.term
                )
                .unwrap();
                own_terms.push(folded);
                term_count += 1;
            }
        }
        for entry in &category.exceptions {
            let context = format!("{name}: exception {}", entry.phrase);
            assert!(!entry.why.trim().is_empty(), "personal_data_terms.toml: {context}: why missing");
            let (folded, latin) = fold(&context, &entry.phrase);
            assert!(
                own_terms.iter().any(|t| can_overlap(&folded, t)),
                "personal_data_terms.toml: {context}: excuses no term of {name}"
            );
            assert!(!own_terms.contains(&folded), "personal_data_terms.toml: {context}: is a term of {name}");
            // An exception may equal a term of another category (`income tax`): it is looked up
            // under its own key so both are found.
            let key = format!("{folded}\u{0}");
            assert!(
                patterns.insert(key, (true, exception_count, latin)).is_none(),
                "personal_data_terms.toml: {context}: listed twice"
            );
            writeln!(
                exceptions,
                "    Exception {{ phrase: {:?}, category: {class}, folded: {folded:?}, latin: {latin} }},",
                entry.phrase
            )
            .unwrap();
            exception_count += 1;
        }
    }
    for name in FORBIDDEN.iter().chain(&RESTRICTED) {
        assert!(seen_categories.contains(name), "personal_data_terms.toml: no [[category]] for {name}");
    }
    assert!(term_count < usize::from(u16::MAX) && exception_count < usize::from(u16::MAX));

    let mut code =
        String::from("// Generated by build/personal_data.rs from data/personal_data_terms.toml. Do not edit.\n\n");
    writeln!(code, "static TERMS: &[Term] = &[\n{terms}];\n").unwrap();
    writeln!(code, "static EXCEPTIONS: &[Exception] = &[\n{exceptions}];\n").unwrap();
    let mut latin_max = 0;
    for (latin, name, what) in [
        (false, "CJK_PATTERNS", "with a Chinese character, found anywhere in the folded text"),
        (true, "LATIN_PATTERNS", "of Latin letters only, found as whole words"),
    ] {
        writeln!(code, "/// Folded terms and exceptions {what}, sorted.").unwrap();
        writeln!(code, "static {name}: &[(&str, Pattern)] = &[").unwrap();
        // Sorted by the folded text itself (the map's key may carry a marker).
        let mut sorted: Vec<(String, bool, usize)> = patterns
            .iter()
            .filter(|(_, (_, _, l))| *l == latin)
            .map(|(key, (exception, index, _))| (key.trim_end_matches('\u{0}').to_string(), *exception, *index))
            .collect();
        sorted.sort();
        for (folded, exception, index) in sorted {
            if latin {
                latin_max = latin_max.max(folded.len());
            }
            let pattern = if exception { "Exception" } else { "Term" };
            writeln!(code, "    ({folded:?}, Pattern::{pattern}({index})),").unwrap();
        }
        code.push_str("];\n\n");
    }
    writeln!(code, "/// The longest folded Latin pattern, in bytes.\nconst LATIN_MAX_LEN: usize = {latin_max};")
        .unwrap();
    crate::write_generated(out, &code);
}
