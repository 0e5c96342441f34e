//! Turns the regulation's data documents under `data/` into Rust statics at compile time,
//! so the rules carry no parser at run time (the front end's wasm stays small) and a
//! malformed document fails the build, not a request.
//!
//! Each document has its own generator under `build/`, writing `$OUT_DIR/<name>.rs`,
//! which the matching module `include!`s.

use std::path::{Path, PathBuf};

#[path = "build/catalog.rs"]
mod catalog;
#[path = "build/exchange.rs"]
mod exchange;
#[path = "build/holidays.rs"]
mod holidays;
#[path = "build/measures.rs"]
mod measures;
#[path = "build/personal_data.rs"]
mod personal_data;
#[path = "src/text_fold.rs"]
mod text_fold;

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    catalog::generate(Path::new("data/catalog.toml"), &out.join("catalog.rs"));
    exchange::generate(Path::new("data/national_exchange.toml"), &out.join("exchange.rs"));
    holidays::generate(Path::new("data/holidays.toml"), &out.join("holidays.rs"));
    measures::generate(Path::new("data/measures.toml"), &out.join("measures.rs"));
    personal_data::generate(Path::new("data/personal_data_terms.toml"), &out.join("personal_data.rs"));
}

/// Read a data document, telling cargo to rerun the build when it changes.
pub fn read_document(path: &Path) -> String {
    println!("cargo:rerun-if-changed={}", path.display());
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Write generated code.
pub fn write_generated(path: &Path, code: &str) {
    std::fs::write(path, code).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

/// `snake_case` → `CamelCase`, for enum variants named in the documents.
pub fn camel(name: &str) -> String {
    name.split('_')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect()
}
