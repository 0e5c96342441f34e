// Shared helpers of the browser tests: how Chromium is started, where the portal is,
// screenshot names, and the few page probes several tests need.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nowMillis } from '../clock.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

/** The portal under test (the edge worker with `frontend/dist` as its assets). */
export const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:8787').replace(/\/+$/, '');
/** Where screenshots go. */
export const SCREENSHOT_DIR = path.resolve(root, process.env.SCREENSHOT_DIR || 'tests/screenshots');
/** A phone: the size most visitors have. */
export const MOBILE = { width: 390, height: 844 };
/** A laptop. */
export const DESKTOP = { width: 1280, height: 900 };

/** The demo fixtures datagen always writes. */
export const FIXTURES = {
  exemplary: '贵阳黔信示范科技有限公司',
  dishonest: '六盘水失信示范矿业有限公司',
  redListed: '遵义守信示范农业专业合作社',
};

/**
 * A fresh headless Chromium with its own profile (so localStorage starts empty).
 * `viewport` defaults to the desktop size. Close it with `await context.close()`.
 */
export async function launch({ viewport = DESKTOP, locale = 'zh-CN' } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gzcredit-browser-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport,
    locale,
    // The closed network refuses Chromium's own background connections: switch them off.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // The page's clock is the server's: the portal fills dates (a grant's first day) from it.
  if (process.env.TEST_CLOCK) await context.clock.setFixedTime(nowMillis());
  const close = context.close.bind(context);
  context.close = async () => {
    await close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return context;
}

/** Screenshot `page` as `SCREENSHOT_DIR/<name>-<desktop|mobile>.png` (size from the viewport). */
export async function screenshot(page, name) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const { width } = page.viewportSize();
  const file = path.join(SCREENSHOT_DIR, `${name}-${width <= 600 ? 'mobile' : 'desktop'}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Fail fast, with a clear message, when the portal is not running. */
export async function requireServer() {
  try {
    const res = await fetch(`${BASE_URL}/api/v1/health`, { signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  } catch (error) {
    throw new Error(`the portal is not reachable at ${BASE_URL} (${error.message}): start it, or set BASE_URL`);
  }
}

/** `GET /api/v1/…` as JSON (to read codes and ids the UI should then show). */
export async function api(pathAndQuery) {
  const res = await fetch(`${BASE_URL}${pathAndQuery}`, { signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`${pathAndQuery}: HTTP ${res.status}`);
  return res.json();
}

/** The public code of a subject found by its exact name. */
export async function codeOf(name) {
  const found = await api(`/api/v1/subjects?q=${encodeURIComponent(name)}`);
  const subject = found.items.find((s) => s.name === name);
  if (!subject) throw new Error(`fixture ${name} is not in the demo data`);
  return subject.code;
}

/** Whether the page scrolls sideways (it must not on a phone). */
export function horizontalOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Run axe-core on the page; returns the serious and critical violations. */
export async function axeViolations(page) {
  // Evaluated, not added as an inline <script>: the portal's Content-Security-Policy
  // (edge/src/assets.rs) refuses inline scripts, which is as it should be.
  await page.evaluate(fs.readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

/** Collect uncaught page errors, to assert none happened. */
export function trackErrors(page) {
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/**
 * A token of the credit subject `code`, minted by the xtask binary (`XTASK_BIN`, as
 * `cargo xtask test` sets it, or target/debug/xtask), or `null` where there is none.
 */
export function subjectToken(code) {
  const xtask = process.env.XTASK_BIN || path.join(root, 'target/debug/xtask');
  if (!fs.existsSync(xtask)) return null;
  return execFileSync(xtask, ['token', '--role', 'subject', '--subject', code], { cwd: root, encoding: 'utf8' }).trim();
}

/** A dev token minted by the xtask binary: `token('agency', '--agency', 'X', '--matter', 'administrative_licensing')`. */
export function token(role, ...args) {
  const xtask = process.env.XTASK_BIN || path.join(root, 'target/debug/xtask');
  return execFileSync(xtask, ['token', '--role', role, ...args], { cwd: root, encoding: 'utf8' }).trim();
}

/** A request to the API with an optional bearer token and JSON body; returns { status, json, text }. */
export async function call(pathAndQuery, { token: bearer, method = 'GET', body } = {}) {
  const headers = {};
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${BASE_URL}${pathAndQuery}`, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, json, text };
}

/** Digits unique to this run, so a test can run again on the same database. */
export const RUN = String(Date.now()).slice(-7);

/** A valid 18-digit resident ID (GB 11643) unique to this run and `tag` (0–99). */
export function residentId(tag) {
  const n = Number(RUN) % 9000 + tag * 97;
  const birth = new Date(Date.UTC(1960, 0, 1) + (n % 15000) * 86400000);
  const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const seq = String((Number(RUN.slice(-3)) + tag * 7) % 1000).padStart(3, '0');
  const body = `520102${ymd}${seq}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * weights[i], 0);
  return body + '10X98765432'[sum % 11];
}

/** Today in Asia/Shanghai, `YYYY-MM-DD`, shifted by `days`. */
export function shanghaiDay(days = 0) {
  return new Date(nowMillis() + 8 * 3600 * 1000 + days * 86400000).toISOString().slice(0, 10);
}

/** Sign `page` in as the subject of `subjectToken` (the token the `/me` form would keep). */
export async function signIn(page, subjectToken, lang = 'zh-CN') {
  await page.goto(`${BASE_URL}/`);
  await page.evaluate(([t, l]) => {
    sessionStorage.setItem('gzcredit.token', t); // the token is kept for the tab only
    localStorage.setItem('gzcredit.lang', l);
  }, [subjectToken, lang]);
}
