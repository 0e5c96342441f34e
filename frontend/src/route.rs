//! The portal's URLs, parsed into a [`Route`] and written back. A dozen lines instead of
//! yew-router: the portal has five pages and the widget reuses the same routes in memory.

use gzcredit_shared::catalog::Class;
use web_sys::UrlSearchParams;

/// A search as the URL carries it: `/search?q=…&region=…&type=…&page=…`.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct SearchQuery {
    /// What was typed (name, USCC or registration number).
    pub q: String,
    /// Prefecture code (`5201`), or empty for the whole province.
    pub region: String,
    /// Subject type wire name, or empty for all.
    pub subject_type: String,
    /// 1-based page.
    pub page: u32,
}

/// One page of the portal.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Route {
    /// `/` (empty query) and `/search?…`.
    Search(SearchQuery),
    /// `/subjects/{code}?class=…`: a credit profile, optionally on one record class.
    Subject {
        /// Public code of the subject.
        code: String,
        /// The open tab.
        class: Option<Class>,
    },
    /// `/objections/new?record=ID`: the objection form.
    NewObjection {
        /// The record objected to, if the URL names a valid one.
        record: Option<i64>,
    },
    /// `/objections/{id}`: the status of an objection.
    Objection {
        /// Receipt number.
        id: String,
    },
    /// `/me`: the signed-in subject's own page.
    Me,
    /// Anything else.
    NotFound,
}

impl Route {
    /// The route of a path and query string (`?a=b` or empty).
    pub fn parse(path: &str, search: &str) -> Route {
        let params = UrlSearchParams::new_with_str(search).ok();
        let param = |name: &str| params.as_ref().and_then(|p| p.get(name)).unwrap_or_default();
        let segments: Vec<&str> = path.trim_end_matches('/').split('/').skip(1).collect();
        match segments.as_slice() {
            [] | ["search"] => Route::Search(SearchQuery {
                q: param("q"),
                region: param("region"),
                subject_type: param("type"),
                page: param("page").parse().ok().filter(|p| *p >= 1).unwrap_or(1),
            }),
            ["subjects", code] if !code.is_empty() => {
                Route::Subject { code: decode(code), class: Class::from_wire(&param("class")) }
            }
            ["objections", "new"] => Route::NewObjection { record: param("record").parse().ok() },
            ["objections", id] if !id.is_empty() => Route::Objection { id: decode(id) },
            ["me"] => Route::Me,
            _ => Route::NotFound,
        }
    }

    /// The path and query string of this route (relative to the portal's origin).
    pub fn to_path(&self) -> String {
        let enc = crate::api::encode;
        match self {
            Route::Search(s) => {
                let mut pairs = Vec::new();
                for (name, value) in [("q", &s.q), ("region", &s.region), ("type", &s.subject_type)] {
                    if !value.is_empty() {
                        pairs.push(format!("{name}={}", enc(value)));
                    }
                }
                if s.page > 1 {
                    pairs.push(format!("page={}", s.page));
                }
                match (s.q.is_empty() && pairs.is_empty(), pairs.join("&")) {
                    (true, _) => "/".to_string(),
                    (false, query) => format!("/search?{query}"),
                }
            }
            Route::Subject { code, class: None } => format!("/subjects/{}", enc(code)),
            Route::Subject { code, class: Some(class) } => {
                format!("/subjects/{}?class={}", enc(code), class.as_str())
            }
            Route::NewObjection { record: Some(id) } => format!("/objections/new?record={id}"),
            Route::NewObjection { record: None } => "/objections/new".to_string(),
            Route::Objection { id } => format!("/objections/{}", enc(id)),
            Route::Me => "/me".to_string(),
            Route::NotFound => "/404".to_string(),
        }
    }
}

fn decode(segment: &str) -> String {
    js_sys::decode_uri_component(segment).map(String::from).unwrap_or_else(|_| segment.to_string())
}
