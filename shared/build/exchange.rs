//! Generator for `data/national_exchange.toml`: the columns of the national 双公示 files
//! (issue 15). Checks that each code is listed once per kind, that every kind has the
//! columns a record needs, and that the value tables are whole; an unknown `maps` or penalty
//! type fails to compile (it becomes a `Target::` or `PenaltyType::` path).
use crate::camel;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    field: Vec<Field>,
    penalty_categories: BTreeMap<String, String>,
    values: Values,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Values {
    licence_categories: Vec<String>,
    subject_categories: Vec<String>,
    revoked_status_2016: Vec<String>,
    revoked_status_2021: Vec<String>,
    safety_laws: Vec<String>,
    long_term: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Field {
    code: String,
    label: String,
    #[serde(default)]
    aliases: Vec<String>,
    kind: String,
    generations: Vec<String>,
    #[serde(default)]
    required: bool,
    maps: String,
    #[serde(default)]
    export: bool,
}

pub fn generate(source: &Path, out: &Path) {
    let doc: Document =
        toml::from_str(&crate::read_document(source)).unwrap_or_else(|e| panic!("{}: {e}", source.display()));
    let mut seen = BTreeSet::new();
    let mut code = String::from(
        "/// Every column of the national files (data/national_exchange.toml).\npub static FIELDS: &[Field] = &[\n",
    );
    for f in &doc.field {
        assert!(
            seen.insert((f.kind.clone(), f.code.clone())),
            "{}: {} listed twice for {}",
            source.display(),
            f.code,
            f.kind
        );
        let kind = match f.kind.as_str() {
            "licence" => "Kind::Licences",
            "penalty" => "Kind::Penalties",
            other => panic!("{}: {}: unknown kind {other}", source.display(), f.code),
        };
        for g in &f.generations {
            assert!(g == "2016" || g == "2021", "{}: {}: unknown generation {g}", source.display(), f.code);
        }
        assert!(!f.generations.is_empty(), "{}: {} names no generation", source.display(), f.code);
        assert!(
            !f.export || f.generations.iter().any(|g| g == "2021"),
            "{}: {} exported but not of 2021",
            source.display(),
            f.code
        );
        writeln!(
            code,
            "    Field {{ code: {:?}, label: {:?}, aliases: &{:?}, kind: {kind}, in_2016: {}, in_2021: {}, required: {}, target: Target::{}, export: {} }},",
            f.code,
            f.label,
            f.aliases,
            f.generations.iter().any(|g| g == "2016"),
            f.generations.iter().any(|g| g == "2021"),
            f.required,
            camel(&f.maps),
            f.export,
        )
        .unwrap();
    }
    code.push_str("];\n\n");
    for kind in ["licence", "penalty"] {
        let has = |target: &str| doc.field.iter().any(|f| f.kind == kind && f.maps == target);
        for target in ["subject_name", "uscc", "id_number", "document_number", "decision_date", "title", "content"] {
            assert!(
                has(target) || (kind == "penalty" && target == "title"),
                "{}: no {kind} column maps to {target}",
                source.display()
            );
        }
    }
    code.push_str("/// 处罚类别 → penalty type.\npub static PENALTY_CATEGORIES: &[(&str, PenaltyType)] = &[\n");
    for (label, kind) in &doc.penalty_categories {
        writeln!(code, "    ({label:?}, PenaltyType::{}),", camel(kind)).unwrap();
    }
    code.push_str("];\n\n");
    let list = |name: &str, doc_line: &str, values: &[String]| {
        format!("/// {doc_line}\npub static {name}: &[&str] = &{values:?};\n\n")
    };
    code.push_str(&list("LICENCE_CATEGORIES", "许可类别.", &doc.values.licence_categories));
    code.push_str(&list(
        "SUBJECT_CATEGORIES",
        "行政相对人类别: organisations, natural persons, individual businesses.",
        &doc.values.subject_categories,
    ));
    assert_eq!(doc.values.subject_categories.len(), 3, "{}: three subject categories", source.display());
    code.push_str(&list(
        "REVOKED_STATUS_2016",
        "当前状态 values of a 2016 file that mean revoked.",
        &doc.values.revoked_status_2016,
    ));
    code.push_str(&list(
        "REVOKED_STATUS_2021",
        "当前状态 values of a 2021 file that mean no longer valid.",
        &doc.values.revoked_status_2021,
    ));
    code.push_str(&list("SAFETY_LAWS", "Laws whose penalties are PEN-SAFETY's.", &doc.values.safety_laws));
    writeln!(code, "/// The date that means 长期 (no end).\npub const LONG_TERM: &str = {:?};", doc.values.long_term)
        .unwrap();
    crate::write_generated(out, &code);
}
