//! The import graph between a crate's top-level modules, and its cycles.
//!
//! A crate's modules form layers: in `shared`, the facts (`catalog`, `record`,
//! `query_window`) under the rules (`disclosure`, `measures`, the acts) under `api`; in the
//! front end, the environment under the pages. A cycle means two modules can no longer be
//! read, tested or changed one without the other, so `cargo xtask test` refuses one.
//!
//! The graph is read from the source text: a module depends on every `crate::name` it
//! names outside comments and its `#[cfg(test)] mod tests`, where `name` is another
//! top-level module. Doc links (in comments) are not dependencies.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Top-level module name → the top-level modules it uses.
pub type Graph = BTreeMap<String, BTreeSet<String>>;

/// The graph of the crate whose sources are in `src` (`lib.rs` or `main.rs` at its root).
pub fn read(src: &Path) -> std::io::Result<Graph> {
    let mut files = Vec::new();
    collect(src, &mut files)?;
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let relative = file.strip_prefix(src).expect("collected under src");
        let Some(module) = top_module(relative) else { continue };
        let text = std::fs::read_to_string(file)?;
        uses.entry(module.clone()).or_default().extend(crate_paths(&text).into_iter().filter(|m| *m != module));
    }
    let modules: BTreeSet<String> = uses.keys().cloned().collect();
    Ok(uses.into_iter().map(|(m, deps)| (m, deps.intersection(&modules).cloned().collect())).collect())
}

fn collect(dir: &Path, files: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    Ok(())
}

/// `catalog.rs` → `catalog`, `pages/search.rs` → `pages`; the crate root is no module.
fn top_module(relative: &Path) -> Option<String> {
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main")).then(|| name.to_string())
}

/// The first path segment after every `crate::` in code (comments and the unit-test
/// module left out), including each name in `use crate::{a, b::c}`.
fn crate_paths(text: &str) -> BTreeSet<String> {
    let code_end = text.find("#[cfg(test)]\nmod tests").unwrap_or(text.len());
    let code: String =
        text[..code_end].lines().filter(|line| !line.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
    let mut found = BTreeSet::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        let preceded_by_ident =
            rest[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':');
        rest = &rest[at + "crate::".len()..];
        if preceded_by_ident {
            continue; // `gzcredit_shared::…` is no `crate::`; `$crate::` neither matters here.
        }
        if let Some(group) = rest.strip_prefix('{') {
            let inner = &group[..group.find('}').unwrap_or(group.len())];
            found.extend(inner.split(',').filter_map(|item| first_ident(item.trim())));
        } else if let Some(name) = first_ident(rest) {
            found.insert(name);
        }
    }
    found
}

fn first_ident(text: &str) -> Option<String> {
    let name: String = text.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
    (!name.is_empty() && name != "self").then_some(name)
}

/// Every cycle of the graph, as the set of modules in one strongly connected component of
/// more than one module (Tarjan's algorithm), each sorted.
pub fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    struct Search<'g> {
        graph: &'g Graph,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        found: Vec<Vec<String>>,
    }
    impl<'g> Search<'g> {
        fn visit(&mut self, v: &'g str) {
            let i = self.index.len();
            self.index.insert(v, i);
            self.low.insert(v, i);
            self.stack.push(v);
            self.on_stack.insert(v);
            for w in self.graph.get(v).into_iter().flatten() {
                let w = w.as_str();
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v, low);
                } else if self.on_stack.contains(w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v, low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut component = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    component.push(w.to_string());
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.found.push(component);
                }
            }
        }
    }
    let mut search = Search {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !search.index.contains_key(v.as_str()) {
            search.visit(v);
        }
    }
    search.found
}

/// The check `cargo xtask test` runs: no import cycle between the top-level modules of
/// each crate in `crates` (paths of their `src` folders), or the cycles with their edges.
pub fn check(crates: &[&Path]) -> Result<(), String> {
    let mut problems = Vec::new();
    for src in crates {
        let graph = read(src).map_err(|e| format!("reading {}: {e}", src.display()))?;
        for cycle in cycles(&graph) {
            let edges: Vec<String> = cycle
                .iter()
                .map(|m| {
                    let inside: Vec<&str> = graph[m].iter().filter(|d| cycle.contains(d)).map(String::as_str).collect();
                    format!("{m} → {}", inside.join(", "))
                })
                .collect();
            problems.push(format!("{}: modules that import each other: {}", src.display(), edges.join("; ")));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{}\nMove what both need into a module below both.", problems.join("\n")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crate_with(files: &[(&str, &str)]) -> tempdir::Dir {
        let dir = tempdir::Dir::new();
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    #[test]
    fn a_cycle_through_a_folder_module_is_found_and_a_doc_link_is_none() {
        let dir = crate_with(&[
            ("lib.rs", "pub mod app; pub mod pages; pub mod ui;"),
            ("app.rs", "use crate::pages::Search;\n/// See [`crate::ui`].\npub struct App;"),
            ("pages/mod.rs", "pub mod search;"),
            ("pages/search.rs", "use crate::{ui::Button, app};"),
            (
                "ui.rs",
                "// crate::app would be a cycle\npub struct Button;\n#[cfg(test)]\nmod tests { use crate::app; }",
            ),
        ]);
        let graph = read(dir.path()).unwrap();
        assert_eq!(graph["ui"], BTreeSet::new(), "comments and unit tests are no imports");
        assert_eq!(cycles(&graph), vec![vec!["app".to_string(), "pages".to_string()]]);
        let error = check(&[dir.path()]).unwrap_err();
        assert!(error.contains("app → pages") && error.contains("pages → app"), "{error}");
    }

    #[test]
    fn layers_have_no_cycle() {
        let dir = crate_with(&[
            ("lib.rs", ""),
            ("catalog.rs", "pub struct Item;"),
            ("record.rs", "use crate::catalog::Item;"),
            ("disclosure.rs", "use crate::{catalog, record::Record};"),
            ("api.rs", "pub use crate::disclosure::decide; use gzcredit_shared::api::X;"),
        ]);
        let graph = read(dir.path()).unwrap();
        assert!(cycles(&graph).is_empty(), "{graph:?}");
        assert_eq!(graph["api"], BTreeSet::from(["disclosure".to_string()]));
        assert!(check(&[dir.path()]).is_ok());
    }

    /// A folder removed when the test ends.
    mod tempdir {
        pub struct Dir(std::path::PathBuf);
        impl Dir {
            pub fn new() -> Dir {
                use std::sync::atomic::{AtomicU32, Ordering};
                static NEXT: AtomicU32 = AtomicU32::new(0);
                let n = NEXT.fetch_add(1, Ordering::Relaxed);
                let path = std::env::temp_dir().join(format!("xtask-module-graph-{}-{n}", std::process::id()));
                let _ = std::fs::remove_dir_all(&path);
                std::fs::create_dir_all(&path).unwrap();
                Dir(path)
            }
            pub fn path(&self) -> &std::path::Path {
                &self.0
            }
        }
        impl Drop for Dir {
            fn drop(&mut self) {
                let _ = std::fs::remove_dir_all(&self.0);
            }
        }
    }
}
