//! The portal's and the widget's static files, served through the `ASSETS` binding so
//! that every one of them leaves with its security headers (`wrangler.toml` runs the
//! worker first for every path; a `_headers` file is not applied to assets a worker
//! serves).
//!
//! Two kinds of file, because two kinds of page load them:
//! - the **portal** (`/`, `/app/*`, every page): loaded only by this origin. A strict
//!   Content-Security-Policy, no framing (`frame-ancestors 'none'`: `docs/embedding.md`
//!   embeds the widget, never the portal in a frame), and `Cross-Origin-Resource-Policy:
//!   same-origin`;
//! - the **widget** (`/widget.js`, `/widget/*`, and `/portal.css`, which the widget links
//!   into its shadow root): loaded by pages of OTHER origins, with `import()`, `fetch` and
//!   `<link>`. They get `Access-Control-Allow-Origin: *` and `Cross-Origin-Resource-Policy:
//!   cross-origin`, and no frame policy: the widget is an element of the host page, not a
//!   frame, and a CSP on a script or a stylesheet governs nothing of the page using it.
//!
//! The embedding demo (`/demo-host.html`) is a portal page that plays an embedding site:
//! it gets the portal's policy with inline styles allowed, as the widget adds a `<style>`
//! and a `style` attribute to its shadow root (what any host page with a CSP must allow,
//! `docs/embedding.md`).
//!
//! All carry `X-Content-Type-Options: nosniff` and a `Referrer-Policy`.

use worker::{Env, Headers, Request, Response};

/// The portal's Content-Security-Policy. Scripts are this origin's files only (the
/// boot script is `/boot.js`, not inline) plus `'wasm-unsafe-eval'`, without which the
/// browser refuses to compile the portal's wasm; no inline styles either (the portal sets
/// none). The API is this origin (`connect-src 'self'`).
pub const PORTAL_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
     img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

/// The embedding demo's policy: the portal's, plus the inline styles the widget uses.
pub const DEMO_HOST_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Who may load a file.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Audience {
    /// This origin's own pages.
    Portal,
    /// The page that shows the widget embedded (`/demo-host.html`).
    DemoHost,
    /// Any page that embeds the widget.
    Embedders,
}

/// Whether a path is the API's (answered by the routes) rather than a static file's.
pub fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

/// Who loads the file at `path`.
pub fn audience(path: &str) -> Audience {
    if path == "/widget.js" || path == "/portal.css" || path.starts_with("/widget/") {
        Audience::Embedders
    } else if path == "/demo-host.html" || path == "/demo-host" {
        Audience::DemoHost
    } else {
        Audience::Portal
    }
}

/// Serve a static file from the `ASSETS` binding, with the headers of its audience.
pub async fn serve(req: Request, env: &Env) -> worker::Result<Response> {
    let path = req.path();
    let mut response = env.assets("ASSETS")?.fetch_request(req).await?;
    // The pages of providing departments start the `upload` build (static/boot.js): their
    // page preloads its wasm, not the public portal's.
    if path.starts_with("/provider/") && response.status_code() == 200 {
        let page = response.text().await?.replace("/app/gzcredit_portal_bg.wasm", "/upload/gzcredit_upload_bg.wasm");
        let headers = response.headers().clone();
        // The length and tag were the file's, not the page's.
        headers.delete("Content-Length")?;
        headers.delete("ETag")?;
        response = Response::ok(page)?.with_headers(headers);
    }
    // The headers of a fetched response are immutable: set them on a copy.
    let headers = response.headers().clone();
    secure(&headers, audience(&path));
    if path == "/widget.js" {
        // The loader's URL is fixed in every embedding page: cached briefly, so that a new
        // release reaches them within minutes.
        crate::http::set(&headers, "Cache-Control", "public, max-age=300");
    }
    Ok(response.with_headers(headers))
}

/// Set the security headers of a file for `audience`.
pub fn secure(headers: &Headers, audience: Audience) {
    let set = |name: &str, value: &str| crate::http::set(headers, name, value);
    set("X-Content-Type-Options", "nosniff");
    match audience {
        Audience::Portal | Audience::DemoHost => {
            set("Content-Security-Policy", if audience == Audience::Portal { PORTAL_CSP } else { DEMO_HOST_CSP });
            // For browsers that predate `frame-ancestors`.
            set("X-Frame-Options", "DENY");
            // Portal URLs name subjects: other sites are told this origin, never the page.
            set("Referrer-Policy", "strict-origin-when-cross-origin");
            set("Cross-Origin-Resource-Policy", "same-origin");
        }
        Audience::Embedders => {
            // The widget's JS module and wasm are fetched in CORS mode by the host page;
            // they hold nothing private, so any origin may read them.
            set("Access-Control-Allow-Origin", "*");
            set("Cross-Origin-Resource-Policy", "cross-origin");
            set("Referrer-Policy", "strict-origin-when-cross-origin");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audiences() {
        assert_eq!(audience("/widget.js"), Audience::Embedders);
        assert_eq!(audience("/widget/gzcredit_widget_bg.wasm"), Audience::Embedders);
        assert_eq!(audience("/portal.css"), Audience::Embedders);
        assert_eq!(audience("/"), Audience::Portal);
        assert_eq!(audience("/demo-host.html"), Audience::DemoHost);
        assert_eq!(audience("/app/gzcredit_portal_bg.wasm"), Audience::Portal);
        assert_eq!(audience("/widgets"), Audience::Portal);
        assert!(is_api("/api/v1/health") && is_api("/api") && !is_api("/apis"));
    }
}
