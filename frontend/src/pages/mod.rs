//! One component per page; [`page`] picks the one for a route. The widget build holds
//! only search and profile: objections and `/me` open on the portal.
//!
//! A page never imports another page: what two pages show alike is in [`crate::views`],
//! the signed-in subject in `crate::session`, so each page can change on its own.

#[cfg(feature = "portal")]
pub mod objection_new;
#[cfg(feature = "portal")]
pub mod objection_status;
pub mod profile;
pub mod search;

#[cfg(feature = "portal")]
pub mod history;
#[cfg(feature = "portal")]
pub mod me;
#[cfg(feature = "portal")]
pub mod report;
#[cfg(feature = "upload")]
pub mod upload;

use crate::env::{link, Env};
use crate::i18n::T;
use crate::route::Route;
use yew::prelude::*;

/// The page component for `route`.
pub fn page(env: &Env, route: &Route) -> Html {
    match route {
        Route::Search(query) => html! { <search::SearchPage query={query.clone()} /> },
        Route::Subject { code, class } => {
            html! { <profile::SubjectPage key={code.clone()} code={code.clone()} class={*class} /> }
        }
        #[cfg(feature = "portal")]
        Route::NewObjection { record } => html! { <objection_new::NewObjectionPage record={*record} /> },
        #[cfg(feature = "portal")]
        Route::Objection { id } => html! { <objection_status::ObjectionPage key={id.clone()} id={id.clone()} /> },
        #[cfg(feature = "portal")]
        Route::Me(section) => html! { <me::MePage section={*section} /> },
        #[cfg(feature = "portal")]
        Route::RecordHistory { id } => html! { <history::HistoryPage key={*id} id={*id} /> },
        #[cfg(feature = "upload")]
        Route::Upload => html! { <upload::UploadPage /> },
        #[cfg(feature = "portal")]
        Route::Report { number } => html! { <report::ReportPage key={number.clone()} number={number.clone()} /> },
        #[cfg(feature = "portal")]
        Route::Verify { number } => html! { <report::VerifyPage number={number.clone()} /> },
        // The widget links to these pages on the portal instead (see `views::record_view`).
        _ => not_found(env),
    }
}

/// Unknown paths.
pub fn not_found(env: &Env) -> Html {
    html! {
        <section class="page">
            <h1>{ env.t(T::NotFoundTitle) }</h1>
            <p>{ env.t(T::NotFoundText) }</p>
            <p>{ link(env, Route::Search(Default::default()), "", None, html! { env.t(T::BackToSearch) }) }</p>
        </section>
    }
}
