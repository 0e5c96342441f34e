//! The signed-in credit subject: its bearer token, kept in sessionStorage (for this tab
//! only, gone when it closes: not in localStorage, where it would outlive the visit on a
//! shared computer and be readable from every tab), and what a page
//! that needs it shows without one.
//!
//! Not a page: `/me` signs in and out, and the record history, the credit report and the
//! objection form read the session too. Each of them imports this module rather than the
//! `/me` page, so no page imports another.

use crate::env::{link, session_storage, storage, Env};
use crate::i18n::T;
use crate::route::{MeSection, Route};
use gzcredit_shared::identity::{parse_token, Role};
use std::rc::Rc;
use yew::prelude::*;

/// sessionStorage key of the token.
const TOKEN_KEY: &str = "gzcredit.token";

/// The stored token as pasted (it may not be a subject's, or not a token at all: `/me`
/// says what is wrong with it).
pub fn stored_token() -> Option<String> {
    // A token an earlier version left in localStorage is dropped, not carried over.
    storage::remove(TOKEN_KEY);
    session_storage::get(TOKEN_KEY)
}

/// Keep `token` for the next pages of this tab.
pub fn sign_in(token: &str) {
    session_storage::set(TOKEN_KEY, token);
}

/// Forget the token.
pub fn sign_out() {
    session_storage::remove(TOKEN_KEY);
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
