//! `/subjects/{code}`: the credit profile — registration information, list entries with
//! their conditions and remedy, and one tab per record class. The profile itself is
//! [`ProfileView`], which `/me` shows too.

use crate::env::{link, use_env};
use crate::i18n::T;
use crate::route::Route;
use crate::ui::{error_box, loading, use_fetch, Load};
use crate::views::ProfileView;
use gzcredit_shared::api::Profile;
use gzcredit_shared::catalog::Class;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`SubjectPage`].
#[derive(Properties, PartialEq)]
pub struct SubjectPageProps {
    /// Public code of the subject.
    pub code: String,
    /// The open tab, from the URL.
    pub class: Option<Class>,
}

/// The public credit profile of one subject.
#[component]
pub fn SubjectPage(props: &SubjectPageProps) -> Html {
    let env = use_env();
    let url = env.api_url(&format!("/api/v1/subjects/{}", crate::api::encode(&props.code)));
    let (profile, retry) = use_fetch::<Profile>(Some(url), None);
    let on_class = {
        let (navigate, code) = (env.navigate.clone(), props.code.clone());
        Callback::from(move |class: Class| navigate.emit(Route::Subject { code: code.clone(), class: Some(class) }))
    };
    match profile {
        Load::Ready(profile) => html! {
            <ProfileView {profile} class={props.class} {on_class} token={None::<Rc<str>>} />
        },
        Load::Failed(error) => html! {
            <section class="page">
                <h1>{ env.t(T::ProfileTitle) }</h1>
                { error_box(&env, &error, Some(retry)) }
                <p>{ link(&env, Route::Search(Default::default()), "", None, html! { env.t(T::BackToSearch) }) }</p>
            </section>
        },
        _ => html! { <section class="page">{ loading(&env, T::Loading) }</section> },
    }
}
