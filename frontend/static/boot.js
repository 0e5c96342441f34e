// Starts the portal. A file rather than an inline script, so that the portal's
// Content-Security-Policy can allow this origin's scripts only (edge/src/assets.rs).
import init, { run_portal } from "/app/gzcredit_portal.js";

init({ module_or_path: "/app/gzcredit_portal_bg.wasm" }).then(run_portal, (error) => {
  console.error(error);
  document.getElementById("app").innerHTML =
    '<p class="state state-error" role="alert">页面加载失败，请刷新或更换浏览器。The page failed to load: reload, or try another browser.</p>';
});
