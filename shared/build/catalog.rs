//! Generator for `data/catalog.toml`: the public credit information catalog (Art. 10, 12).
use crate::camel;
use serde::Deserialize;
use std::fmt::Write;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    version: String,
    item: Vec<Item>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Item {
    code: String,
    name_zh: String,
    name_en: String,
    class: String,
    polarity: String,
    disclosure: String,
    window: Window,
    agency_matters: Vec<String>,
    legal_basis: String,
    inclusion_conditions_zh: Option<String>,
    inclusion_conditions_en: Option<String>,
    removal_conditions_zh: Option<String>,
    removal_conditions_en: Option<String>,
    remedy_zh: Option<String>,
    remedy_en: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Window {
    rule: String,
    years: Option<u32>,
    min_months: Option<u32>,
    max_years: Option<u32>,
}

fn window_code(code: &str, w: &Window) -> String {
    let need = |v: Option<u32>, name: &str| v.unwrap_or_else(|| panic!("catalog item {code}: window needs `{name}`"));
    match w.rule.as_str() {
        "none" => "QueryWindowRule::None".into(),
        "act_end" => format!("QueryWindowRule::ActEnd {{ years: {} }}", need(w.years, "years")),
        "validity" => format!("QueryWindowRule::Validity {{ years: {} }}", need(w.years, "years")),
        "list_membership" => format!("QueryWindowRule::ListMembership {{ years: {} }}", need(w.years, "years")),
        "until_performed" => "QueryWindowRule::UntilPerformed".into(),
        "penalty_publicity" => format!(
            "QueryWindowRule::PenaltyPublicity {{ min_months: {}, max_years: {} }}",
            need(w.min_months, "min_months"),
            need(w.max_years, "max_years")
        ),
        other => panic!("catalog item {code}: unknown window rule {other:?}"),
    }
}

fn list_info(item: &Item) -> String {
    let parts = [
        &item.inclusion_conditions_zh,
        &item.inclusion_conditions_en,
        &item.removal_conditions_zh,
        &item.removal_conditions_en,
        &item.remedy_zh,
        &item.remedy_en,
    ];
    let is_list = matches!(item.class.as_str(), "serious_dishonesty_list" | "red_list");
    match (is_list, parts.iter().all(|p| p.is_some())) {
        (true, true) => format!(
            "Some(ListTerms {{ inclusion_conditions_zh: {:?}, inclusion_conditions_en: {:?}, removal_conditions_zh: {:?}, removal_conditions_en: {:?}, remedy_zh: {:?}, remedy_en: {:?} }})",
            parts[0].as_ref().unwrap(),
            parts[1].as_ref().unwrap(),
            parts[2].as_ref().unwrap(),
            parts[3].as_ref().unwrap(),
            parts[4].as_ref().unwrap(),
            parts[5].as_ref().unwrap()
        ),
        // Art. 25 ¶3: a list is published with its inclusion and removal conditions and remedy.
        (true, false) => panic!("catalog item {}: a list needs inclusion/removal conditions and remedy", item.code),
        (false, _) if parts.iter().any(|p| p.is_some()) => {
            panic!("catalog item {}: only lists carry list terms", item.code)
        }
        (false, _) => "None".into(),
    }
}

/// Write `$OUT_DIR/catalog.rs` from the data document.
pub fn generate(document: &Path, out: &Path) {
    let doc: Document =
        toml::from_str(&crate::read_document(document)).unwrap_or_else(|e| panic!("{}: {e}", document.display()));
    let mut code = String::new();
    writeln!(code, "/// Version of the published catalog document.").unwrap();
    writeln!(code, "pub const CATALOG_VERSION: &str = {:?};", doc.version).unwrap();
    writeln!(code, "/// Every item of the catalog, in published order.").unwrap();
    writeln!(code, "pub static ITEMS: &[CatalogItem] = &[").unwrap();
    let mut seen = std::collections::HashSet::new();
    for item in &doc.item {
        assert!(seen.insert(item.code.clone()), "catalog item code {} is used twice", item.code);
        let matters = if item.agency_matters == ["*"] {
            "AgencyMatters::All".to_string()
        } else {
            let list: Vec<String> = item.agency_matters.iter().map(|m| format!("Matter::{}", camel(m))).collect();
            format!("AgencyMatters::Only(&[{}])", list.join(", "))
        };
        writeln!(
            code,
            "    CatalogItem {{ code: {:?}, name_zh: {:?}, name_en: {:?}, class: Class::{}, polarity: Polarity::{}, disclosure: DisclosureLevel::{}, window: {}, agency_matters: {}, legal_basis: {:?}, list_terms: {} }},",
            item.code,
            item.name_zh,
            item.name_en,
            camel(&item.class),
            camel(&item.polarity),
            camel(&item.disclosure),
            window_code(&item.code, &item.window),
            matters,
            item.legal_basis,
            list_info(item),
        )
        .unwrap();
    }
    writeln!(code, "];").unwrap();
    crate::write_generated(out, &code);
}
