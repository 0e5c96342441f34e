//! The signed-in credit subject: its bearer token, kept in localStorage, and what a page
//! that needs it shows without one.
//!
//! Not a page: `/me` signs in and out, and the record history, the credit report and the
//! objection form read the session too. Each of them imports this module rather than the
//! `/me` page, so no page imports another.

use crate::env::{link, storage, Env};
use crate::i18n::T;
use crate::route::{MeSection, Route};
use gzcredit_shared::identity::{parse_token, Role};
use std::rc::Rc;
use yew::prelude::*;

/// localStorage key of the token.
const TOKEN_KEY: &str = "gzcredit.token";

/// The stored token as pasted (it may not be a subject's, or not a token at all: `/me`
/// says what is wrong with it).
pub fn stored_token() -> Option<String> {
    storage::get(TOKEN_KEY)
}

/// Keep `token` for the next pages and visits.
pub fn sign_in(token: &str) {
    storage::set(TOKEN_KEY, token);
}

/// Forget the token.
pub fn sign_out() {
    storage::remove(TOKEN_KEY);
}

/// The signed-in subject, from the stored token: the token and the subject's code. The
/// code is read from the token's claims; the server checks the signature.
pub fn session() -> Option<(Rc<str>, String)> {
    let token = stored_token()?;
    let parsed = parse_token(token.trim()).ok()?;
    match (parsed.claims.role, parsed.claims.subject) {
        (Role::Subject, Some(code)) => Some((Rc::from(token.trim()), code)),
        _ => None,
    }
}

/// What a page needing the subject's token shows without one: a link to sign in on `/me`.
pub fn sign_in_first(env: &Env) -> Html {
    html! {
        <div class="state state-error" role="alert">
            <p>{ env.t(T::MeLead) }</p>
            <p>{ link(env, Route::Me(MeSection::Records), "btn btn-primary", None, html! { env.t(T::SignIn) }) }</p>
        </div>
    }
}
