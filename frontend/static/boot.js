// Starts the portal. A file rather than an inline script, so that the portal's
// Content-Security-Policy can allow this origin's scripts only (edge/src/assets.rs).
//
// The pages of providing departments (`/provider/…`, the upload page of issue 15) are the
// `upload` build instead: the portal with the file readers, which the public pages never
// load. The portal's glue stays a static import, so a public page starts as early as ever.
import init, { run_portal } from "/app/gzcredit_portal.js";

const failed = (error) => {
  console.error(error);
  document.getElementById("app").innerHTML =
    '<p class="state state-error" role="alert">页面加载失败，请刷新或更换浏览器。The page failed to load: reload, or try another browser.</p>';
};

if (location.pathname.startsWith("/provider/")) {
  import("/upload/gzcredit_upload.js")
    .then((upload) => upload.default({ module_or_path: "/upload/gzcredit_upload_bg.wasm" }).then(() => upload.run_portal()))
    .catch(failed);
} else {
  init({ module_or_path: "/app/gzcredit_portal_bg.wasm" }).then(run_portal, failed);
}
