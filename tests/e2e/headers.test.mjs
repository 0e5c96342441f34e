// Issue 13, item 6: headers fail closed. The portal's and the widget's static files are
// served by the worker (edge/src/assets.rs) with their security headers, under wrangler dev
// as in production; the widget's files stay loadable by other origins; the rows-read
// header is sent only where the environment allows it (edge/src/http.rs
// `reports_rows_read`: development, bench and test — this run's worker is `test`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, api } from './lib.mjs';

const OTHER_ORIGIN = 'https://host.example';

/** GET a static file as a page of `origin` would (no Origin: the portal itself). */
async function asset(path, origin) {
  const headers = origin ? { Origin: origin } : {};
  const response = await fetch(BASE + path, { headers, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** The directives of a Content-Security-Policy, by name. */
function directives(csp) {
  assert.ok(csp, 'a Content-Security-Policy');
  return Object.fromEntries(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...values] = d.split(/\s+/);
    return [name, values];
  }));
}

function assertPortalHeaders(r, what) {
  const csp = directives(r.headers.get('content-security-policy'));
  assert.deepEqual(csp['frame-ancestors'], ["'none'"], `${what}: the portal is not framed`);
  assert.ok(csp['script-src'].includes("'wasm-unsafe-eval'"), `${what}: the wasm may run`);
  assert.ok(!csp['script-src'].includes("'unsafe-inline'"), `${what}: no inline script`);
  assert.ok(!csp['script-src'].includes("'unsafe-eval'"), `${what}: no eval`);
  assert.deepEqual(csp['object-src'], ["'none'"]);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff', what);
  assert.equal(r.headers.get('x-frame-options'), 'DENY', what);
  assert.ok(r.headers.get('referrer-policy'), `${what}: a Referrer-Policy`);
  assert.equal(r.headers.get('cross-origin-resource-policy'), 'same-origin', what);
}

test('portal pages carry a CSP that denies framing, nosniff and a Referrer-Policy', async () => {
  for (const path of ['/', '/search?q=%E8%B4%B5', '/me']) {
    const r = await asset(path);
    assert.equal(r.status, 200, `${path}: ${r.status}`);
    assert.match(r.headers.get('content-type') ?? '', /text\/html/, path);
    assertPortalHeaders(r, path);
  }
});

test('the portal page uses no inline script the CSP would block: every script is a file of this origin', async () => {
  const page = await asset('/');
  const scripts = [...page.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.ok(scripts.length > 0, 'the page starts its scripts');
  for (const [, attributes, body] of scripts) {
    assert.match(attributes, /\bsrc="\/[^"]+"/, `a script of this origin: <script${attributes}>`);
    assert.equal(body.trim(), '', 'no inline code');
    const src = attributes.match(/\bsrc="([^"]+)"/)[1];
    const file = await asset(src);
    assert.equal(file.status, 200, `${src} is served`);
    assert.match(file.headers.get('content-type') ?? '', /javascript/, src);
  }
  assert.doesNotMatch(page.text, /\sstyle=|<style/, 'no inline style (style-src has no unsafe-inline)');
  assert.doesNotMatch(page.text, /\son[a-z]+=/, 'no inline event handler');
});

test('the portal\'s own files are same-origin; its wasm is served as wasm', async () => {
  const wasm = await asset('/app/gzcredit_portal_bg.wasm');
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  assert.equal(wasm.headers.get('cross-origin-resource-policy'), 'same-origin');
  assert.equal(wasm.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(wasm.headers.get('access-control-allow-origin'), null, 'not readable by other origins');
});

test('the widget\'s files are loadable by another origin (CORS and CORP), and set no frame policy', async () => {
  for (const path of ['/widget.js', '/widget/gzcredit_widget.js', '/widget/gzcredit_widget_bg.wasm', '/portal.css']) {
    const r = await asset(path, OTHER_ORIGIN);
    assert.equal(r.status, 200, `${path}: ${r.status}`);
    assert.equal(r.headers.get('access-control-allow-origin'), '*', `${path}: import() and fetch from another origin`);
    assert.equal(r.headers.get('cross-origin-resource-policy'), 'cross-origin', path);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', path);
    assert.ok(r.headers.get('referrer-policy'), path);
    assert.equal(r.headers.get('x-frame-options'), null, `${path}: the widget is not a frame`);
    assert.equal(r.headers.get('content-security-policy'), null, `${path}: no page policy on the host's resources`);
  }
  assert.equal((await asset('/widget/gzcredit_widget_bg.wasm', OTHER_ORIGIN)).headers.get('content-type'), 'application/wasm');
  assert.match((await asset('/widget.js')).headers.get('cache-control') ?? '', /max-age=300/, 'the loader is cached briefly');
});

test('the embedding demo runs under a CSP too, with the inline styles the widget adds', async () => {
  const r = await asset('/demo-host');
  assert.equal(r.status, 200, `${r.status}`);
  const csp = directives(r.headers.get('content-security-policy'));
  assert.deepEqual(csp['frame-ancestors'], ["'none'"]);
  assert.ok(csp['script-src'].includes("'wasm-unsafe-eval'") && !csp['script-src'].includes("'unsafe-inline'"));
  assert.ok(csp['style-src'].includes("'unsafe-inline'"), 'the widget\'s <style> and accent in its shadow root');
  for (const [, attributes, body] of r.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    assert.match(attributes, /\bsrc=/, 'no inline script');
    assert.equal(body.trim(), '');
  }
});

test('the API keeps its headers: nosniff, and rows read reported in the test environment', async () => {
  const r = await api('/api/v1/health');
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.match(r.headers.get('x-d1-rows-read') ?? '', /^\d+$/, 'test is on the allow-list (development, bench, test)');
});
