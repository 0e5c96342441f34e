/*! 信用中国（贵州）credit search widget loader. Apache-2.0.
 *
 *   <script src="https://HOST/widget.js" async></script>
 *   <gz-credit-search api="https://HOST" lang="zh-CN"></gz-credit-search>
 *
 * Attributes: api, lang (zh-CN | en), accent (CSS colour), compact, query, open (inline | portal).
 * Event: gz-credit-select, detail {code, name}; bubbles, composed, cancelable.
 */
(() => {
  const TAG = "gz-credit-search";
  if (customElements.get(TAG)) return;
  // Default API origin: where this script came from.
  const script = document.currentScript;
  const home = script && script.src ? new URL(script.src, location.href).origin : location.origin;
  const modules = new Map(); // api origin -> Promise of the initialised wasm-bindgen module

  function load(api) {
    if (!modules.has(api)) {
      const promise = import(`${api}/widget/gzcredit_widget.js`).then(async (mod) => {
        await mod.default({ module_or_path: `${api}/widget/gzcredit_widget_bg.wasm` });
        return mod;
      });
      promise.catch(() => modules.delete(api)); // let a later element try again
      modules.set(api, promise);
    }
    return modules.get(api);
  }

  class GzCreditSearch extends HTMLElement {
    static get observedAttributes() {
      return ["api", "lang", "accent", "compact", "query", "open"];
    }

    connectedCallback() {
      if (!this.shadowRoot) this.attachShadow({ mode: "open" });
      this.schedule();
    }

    disconnectedCallback() {
      this.unmount();
    }

    attributeChangedCallback() {
      if (this.isConnected && this.shadowRoot) this.schedule();
    }

    // Several attributes set in a row mount once.
    schedule() {
      if (this.pending) return;
      this.pending = true;
      queueMicrotask(() => {
        this.pending = false;
        this.mount();
      });
    }

    unmount() {
      if (this.handle) {
        this.handle.destroy();
        this.handle = null;
      }
    }

    async mount() {
      const api = (this.getAttribute("api") || home).replace(/\/+$/, "");
      const lang = this.getAttribute("lang") || document.documentElement.lang || "zh-CN";
      const en = /^en/i.test(lang);
      const root = this.shadowRoot;
      const ticket = (this.ticket = (this.ticket || 0) + 1);
      // The portal's stylesheet, in the shadow root: it loads while the wasm does, and
      // stays linked across remounts (no flash of unstyled content).
      if (!this.css || this.css.getAttribute("href") !== `${api}/portal.css`) {
        this.css = document.createElement("link");
        this.css.rel = "stylesheet";
        this.css.href = `${api}/portal.css`;
      }
      if (!this.handle) {
        const p = document.createElement("p");
        p.setAttribute("role", "status");
        p.style.cssText = "font:14px/1.5 sans-serif;color:#4f5863";
        p.textContent = en ? "Loading credit search…" : "正在加载信用查询…";
        root.replaceChildren(this.css, p);
      }
      try {
        const mod = await load(api);
        if (ticket !== this.ticket || !this.isConnected) return; // superseded
        this.unmount();
        // mount_widget adds to the root: leave it only the stylesheet.
        for (const node of [...root.childNodes]) if (node !== this.css) node.remove();
        if (this.css.parentNode !== root) root.prepend(this.css);
        const options = {
          accent: this.getAttribute("accent") || "",
          compact: this.hasAttribute("compact") && this.getAttribute("compact") !== "false",
          query: this.getAttribute("query") || "",
          open: this.getAttribute("open") === "portal" ? "portal" : "inline",
        };
        this.handle = mod.mount_widget(root, api, lang, options);
      } catch (error) {
        console.error(`${TAG}:`, error);
        if (ticket !== this.ticket) return;
        const p = document.createElement("p");
        p.setAttribute("role", "alert");
        p.style.cssText = "font:14px/1.5 sans-serif;color:#a8201a";
        const a = document.createElement("a");
        a.href = `${api}/`;
        a.textContent = en ? "Open Credit China (Guizhou)" : "前往信用中国（贵州）";
        p.append(en ? "The credit search could not be loaded. " : "信用查询组件加载失败。", a);
        root.replaceChildren(p);
      }
    }
  }

  customElements.define(TAG, GzCreditSearch);
})();
