//! Calls to `/api/v1` with the browser's `fetch` (web-sys, no HTTP crate: keeps the wasm
//! small), decoded into `gzcredit_shared::api` types.

use gzcredit_shared::{ApiError, ErrorCode};
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestInit, Response};

/// Why a call failed, as far as the user needs to know.
#[derive(Clone, PartialEq, Debug)]
pub enum FetchError {
    /// The browser is offline.
    Offline,
    /// The browser is online but the server could not be reached (or refused CORS).
    Network,
    /// HTTP 429: too many queries; `retry_after` seconds from the `Retry-After` header.
    RateLimited {
        /// Seconds to wait, when the server said.
        retry_after: Option<u32>,
    },
    /// The server answered with an `ApiError` (its message is shown as is).
    Api {
        /// HTTP status.
        status: u16,
        /// The error body.
        error: ApiError,
    },
    /// Any other failure: a status without an error body, or a body that does not decode.
    Unexpected {
        /// HTTP status (0 when the body did not decode).
        status: u16,
    },
}

impl FetchError {
    /// Whether the endpoint is not offered (404 or 405): a service that comes later.
    pub fn is_not_offered(&self) -> bool {
        matches!(self, FetchError::Api { status: 404 | 405, .. } | FetchError::Unexpected { status: 404 | 405 })
    }
}

/// `GET url` and return the body of a successful answer; `token` goes in
/// `Authorization: Bearer`. Not generic, so the wasm holds one copy of the fetch code;
/// callers decode with [`decode`].
pub async fn get_text(url: &str, token: Option<&str>) -> Result<String, FetchError> {
    send("GET", url, None, token).await
}

/// `POST url` with a JSON body (and the bearer `token`, if any) and decode the JSON answer.
#[cfg(feature = "portal")]
pub async fn post<B: serde::Serialize, T: DeserializeOwned>(
    url: &str,
    body: &B,
    token: Option<&str>,
) -> Result<T, FetchError> {
    let body = serde_json::to_string(body).map_err(|_| FetchError::Unexpected { status: 0 })?;
    decode(&post_text(url, Some(body), token).await?)
}

/// `POST url` with a body already in JSON (or none) and return the answer's text.
#[cfg(feature = "portal")]
pub async fn post_text(url: &str, body: Option<String>, token: Option<&str>) -> Result<String, FetchError> {
    send("POST", url, body, token).await
}

/// Decode a JSON answer into its `gzcredit_shared::api` type.
pub fn decode<T: DeserializeOwned>(text: &str) -> Result<T, FetchError> {
    let value = js_sys::JSON::parse(text).map_err(|_| FetchError::Unexpected { status: 0 })?;
    crate::jsde::from_value(value).map_err(|_| FetchError::Unexpected { status: 0 })
}

async fn send(method: &str, url: &str, body: Option<String>, token: Option<&str>) -> Result<String, FetchError> {
    let window = web_sys::window().ok_or(FetchError::Network)?;
    let unreachable = || {
        if window.navigator().on_line() {
            FetchError::Network
        } else {
            FetchError::Offline
        }
    };
    let init = RequestInit::new();
    init.set_method(method);
    if let Some(body) = &body {
        init.set_body(&JsValue::from_str(body));
    }
    let request = Request::new_with_str_and_init(url, &init).map_err(|_| FetchError::Unexpected { status: 0 })?;
    let headers = request.headers();
    let _ = headers.set("Accept", "application/json");
    if body.is_some() {
        let _ = headers.set("Content-Type", "application/json");
    }
    if let Some(token) = token {
        let _ = headers.set("Authorization", &format!("Bearer {token}"));
    }
    // A rejected fetch is a network failure (offline, DNS, CORS): never an HTTP status.
    let response: Response =
        JsFuture::from(window.fetch_with_request(&request)).await.map_err(|_| unreachable())?.unchecked_into();
    let status = response.status();
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise).await.ok().and_then(|v| v.as_string()).unwrap_or_default(),
        Err(_) => String::new(),
    };
    if response.ok() {
        return Ok(text);
    }
    let error = decode::<ApiError>(&text);
    // 429 is also a refusal with its own message (the third free report of a year).
    if status == 429 && !matches!(&error, Ok(e) if e.code != ErrorCode::RateLimited) {
        let retry_after = response.headers().get("Retry-After").ok().flatten().and_then(|v| v.trim().parse().ok());
        return Err(FetchError::RateLimited { retry_after });
    }
    Err(match error {
        Ok(error) => FetchError::Api { status, error },
        Err(_) => FetchError::Unexpected { status },
    })
}

/// Percent-encode a query-string or path value (`encodeURIComponent`).
pub fn encode(value: &str) -> String {
    String::from(js_sys::encode_uri_component(value))
}
