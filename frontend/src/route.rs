//! The portal's URLs, parsed into a [`Route`] and written back. A dozen lines instead of
//! yew-router: the portal has a dozen pages and the widget reuses the same routes in memory.
//!
//! Pages the widget never opens itself (objection status, `/me`, history, reports) are
//! left out of its build (`#[cfg(feature = "portal")]`): every route it carries costs
//! its wasm the code that writes the route back.

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

/// The parts of the signed-in subject's page.
#[cfg(feature = "portal")]
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum MeSection {
    /// `/me`: my records and my credit report.
    #[default]
    Records,
    /// `/me/queries`: who queried my information (Art. 31).
    Queries,
    /// `/me/grants`: my written authorizations (Art. 16).
    Grants,
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
    #[cfg(feature = "portal")]
    Objection {
        /// Receipt number.
        id: String,
    },
    /// `/me`, `/me/queries`, `/me/grants`: the signed-in subject's own pages.
    #[cfg(feature = "portal")]
    Me(MeSection),
    /// `/me/records/{id}/history`: where one of the subject's records came from and every
    /// change to it (Art. 31).
    #[cfg(feature = "portal")]
    RecordHistory {
        /// Platform record id.
        id: i64,
    },
    /// `/reports/{number}`: a credit report of the signed-in subject, print-friendly.
    #[cfg(feature = "portal")]
    Report {
        /// Report number.
        number: String,
    },
    /// `/verify?number=…`: whether a report is genuine (by number, or pasted as JSON).
    #[cfg(feature = "portal")]
    Verify {
        /// Report number, if the URL names one.
        number: String,
    },
    /// `/provider/upload`: a providing department submits its 双公示 file (the `upload`
    /// build only).
    #[cfg(feature = "upload")]
    Upload,
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
            #[cfg(feature = "portal")]
            ["objections", id] if !id.is_empty() => Route::Objection { id: decode(id) },
            #[cfg(feature = "portal")]
            ["me"] => Route::Me(MeSection::Records),
            #[cfg(feature = "portal")]
            ["me", "queries"] => Route::Me(MeSection::Queries),
            #[cfg(feature = "portal")]
            ["me", "grants"] => Route::Me(MeSection::Grants),
            #[cfg(feature = "portal")]
            ["me", "records", id, "history"] => match id.parse() {
                Ok(id) => Route::RecordHistory { id },
                Err(_) => Route::NotFound,
            },
            #[cfg(feature = "portal")]
            ["reports", number] if !number.is_empty() => Route::Report { number: decode(number) },
            #[cfg(feature = "upload")]
            ["provider", "upload"] => Route::Upload,
            #[cfg(feature = "portal")]
            ["verify"] => Route::Verify { number: param("number").trim().to_string() },
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
            #[cfg(feature = "portal")]
            Route::Objection { id } => format!("/objections/{}", enc(id)),
            #[cfg(feature = "portal")]
            Route::Me(MeSection::Records) => "/me".to_string(),
            #[cfg(feature = "portal")]
            Route::Me(MeSection::Queries) => "/me/queries".to_string(),
            #[cfg(feature = "portal")]
            Route::Me(MeSection::Grants) => "/me/grants".to_string(),
            #[cfg(feature = "portal")]
            Route::RecordHistory { id } => format!("/me/records/{id}/history"),
            #[cfg(feature = "portal")]
            Route::Report { number } => format!("/reports/{}", enc(number)),
            #[cfg(feature = "portal")]
            Route::Verify { number } if number.is_empty() => "/verify".to_string(),
            #[cfg(feature = "portal")]
            Route::Verify { number } => format!("/verify?number={}", enc(number)),
            #[cfg(feature = "upload")]
            Route::Upload => "/provider/upload".to_string(),
            Route::NotFound => "/404".to_string(),
        }
    }
}

fn decode(segment: &str) -> String {
    js_sys::decode_uri_component(segment).map(String::from).unwrap_or_else(|_| segment.to_string())
}
