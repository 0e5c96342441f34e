// Starts the portal. A file rather than an inline script, so that the portal's
// Content-Security-Policy can allow this origin's scripts only (edge/src/assets.rs).
//
// The pages of providing departments (`/provider/…`, the upload page of issue 15) are the
// `upload` build: the portal with the file readers, which the public pages never load.
const upload = location.pathname.startsWith("/provider/");
const [script, wasm] = upload
  ? ["/upload/gzcredit_upload.js", "/upload/gzcredit_upload_bg.wasm"]
  : ["/app/gzcredit_portal.js", "/app/gzcredit_portal_bg.wasm"];

import(script)
  .then((bundle) => bundle.default({ module_or_path: wasm }).then(() => bundle.run_portal()))
  .catch((error) => {
    console.error(error);
    document.getElementById("app").innerHTML =
      '<p class="state state-error" role="alert">页面加载失败，请刷新或更换浏览器。The page failed to load: reload, or try another browser.</p>';
  });
