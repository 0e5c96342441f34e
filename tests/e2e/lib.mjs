// Helpers of the API end-to-end tests: requests against the real worker (BASE_URL),
// dev tokens minted by the xtask binary (XTASK_BIN), and dates in Asia/Shanghai.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import assert from 'node:assert/strict';

export const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:8787';
const XTASK = process.env.XTASK_BIN ?? 'target/debug/xtask';

/** A request to the API; returns { status, headers, text, json }. */
/**
 * A client address that no other request of the run uses, as the `CF-Connecting-IP` header
 * (Cloudflare sets it in production; locally the tests choose it). The rate limiter counts
 * per address, so a test that throttles its own address must not share it with any other
 * test file: random in the IPv6 documentation prefix (RFC 3849), 2001:db8::/32, where a
 * collision is out of reach (a shared IPv4 /24 once let one file's 429 reach another's).
 */
export function freshClient() {
  const groups = randomBytes(12).toString('hex').match(/.{4}/g);
  return { 'CF-Connecting-IP': `2001:db8:${groups.join(':')}` };
}

// Each test file is its own client for the rate limiter, so one file's searches don't
// throttle another's.
const CLIENT_IP = freshClient()['CF-Connecting-IP'];

export async function api(path, { token, method = 'GET', body, headers = {}, raw } = {}) {
  // A hung request fails its test instead of hanging the run.
  const init = { method, headers: { 'CF-Connecting-IP': CLIENT_IP, ...headers }, signal: AbortSignal.timeout(30_000) };
  if (token) init.headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) {
    init.body = raw ? body : JSON.stringify(body);
    init.headers['Content-Type'] ??= 'application/json';
  }
  // A test that blocked this process (d1(), the CLI) may find its kept-alive connection
  // closed by the server meanwhile: a GET, which changes nothing, is sent again once on a
  // fresh connection. Anything else fails.
  const send = () => fetch(BASE + path, init);
  const stale = (e) => method === 'GET' && e.cause?.code === 'UND_ERR_SOCKET';
  const response = await send()
    .catch((e) => (stale(e) ? send() : Promise.reject(e)))
    .catch((e) => { throw new Error(`fetch ${path}: ${e.message}: ${e.cause?.message ?? e.cause}`); });
  const text = await response.text();
  let json;
  try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
  return { status: response.status, headers: response.headers, text, json };
}

/** A dev token: `token('subject', '--subject', code)`. */
export function token(role, ...args) {
  return execFileSync(XTASK, ['token', '--role', role, ...args], { encoding: 'utf8' }).trim();
}

export { nowMillis, shanghaiToday } from '../clock.mjs';

/** `YYYY-MM-DD` of a UTC-midnight Date. */
export const iso = (d) => d.toISOString().slice(0, 10);

/** Add days to a UTC-midnight Date. */
export const addDays = (d, n) => new Date(d.getTime() + n * 86400000);

/** The same calendar day `n` years later, clamped to the month's end (as `shared` counts). */
export function addYears(d, n) {
  const y = d.getUTCFullYear() + n, m = d.getUTCMonth();
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last)));
}

/** Assert an error body of the documented shape with this code and status. */
export function assertError(response, status, code) {
  assert.equal(response.status, status, `expected ${status} ${code}, got ${response.status}: ${response.text}`);
  assert.equal(response.json?.code, code, response.text);
  assert.ok(response.json.message_zh && response.json.message_en, 'messages in both languages');
}

/** Find a subject's code by an exact name search. */
export async function codeOf(name, tokenValue) {
  const r = await api(`/api/v1/subjects?q=${encodeURIComponent(name)}`, { token: tokenValue });
  assert.equal(r.status, 200, r.text);
  const hit = r.json.items.find((s) => s.name === name) ?? r.json.items[0];
  assert.ok(hit, `no subject named ${name}`);
  return hit.code;
}

/** Every record of a subject visible to a viewer (all pages). */
export async function allRecords(code, tokenValue, query = '') {
  const items = [];
  for (let page = 1; page < 50; page++) {
    const r = await api(`/api/v1/subjects/${code}/records?page=${page}&page_size=50${query}`, { token: tokenValue });
    assert.equal(r.status, 200, r.text);
    items.push(...r.json.items);
    if (items.length >= r.json.total || r.json.items.length === 0) break;
  }
  return items;
}

/** A valid USCC generated like the demo data (GB 32100 check characters), for new test subjects. */
export function uscc(department, kind, region6, body8) {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const orgWeights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(body8[i], 36) * orgWeights[i];
  const c = 11 - (sum % 11);
  const org = body8 + (c === 10 ? 'X' : c === 11 ? '0' : String(c));
  const first17 = `${department}${kind}${region6}${org}`;
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let total = 0;
  for (let i = 0; i < 17; i++) total += alphabet.indexOf(first17[i]) * weights[i];
  return first17 + alphabet[(31 - (total % 31)) % 31];
}

/** `skip` of tests that need the server's local D1 (STATE_DIR): why, when it is missing. */
export const NEEDS_STATE = process.env.STATE_DIR ? false : 'needs STATE_DIR, the local D1 of the server under test (cargo xtask test sets it)';

/** Run SQL on the local D1 of the server under test, behind the worker's back (test setup
 * and tamper tests only), on the database `database` (a binding; `DB` is the directory, and
 * in the sharded layout also Guiyang's shard). Returns the result rows. Needs STATE_DIR. */
export function d1(sql, { database = 'DB' } = {}) {
  const root = new URL('../../', import.meta.url).pathname;
  // The sharded layout (issue 14) is a wrangler environment of its own.
  const env = process.env.WRANGLER_ENV ? ['--env', process.env.WRANGLER_ENV] : [];
  const run = () => execFileSync(process.execPath, [`${root}node_modules/wrangler/bin/wrangler.js`, 'd1', 'execute', database, '--local',
    '--persist-to', process.env.STATE_DIR, '--json', '--command', sql, ...env], {
    cwd: `${root}edge`, encoding: 'utf8',
    env: { ...process.env, CI: 'true', CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
  });
  // This runs in a second process on the file the live worker uses: while the worker's
  // transaction holds the lock (a write, or reads sent together as one batch), SQLite
  // answers SQLITE_BUSY. Wait and try again; any other failure is the test's.
  for (let attempt = 1; ; attempt++) {
    try {
      return JSON.parse(run())[0].results;
    } catch (error) {
      if (attempt >= 10 || !String(error.stderr ?? error.message).includes('SQLITE_BUSY')) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100 * attempt);
    }
  }
}

/** Digits unique to this test run, so tests can run again on the same database. */
export const RUN = String(Date.now()).slice(-7);

/** A valid USCC of a new enterprise in Guiyang for this run; `tag` (one of 0-9 A-H J-N P-R T U W-Y) tells tests apart. */
export const freshUscc = (tag, region = '520102') => uscc('9', '1', region, `${tag}${RUN}`);
