// Helpers of the workflow end-to-end tests (issue 6): fresh subjects and records submitted
// through the API, valid resident IDs, and the audit chain's verification.
import assert from 'node:assert/strict';
import { api, token, RUN, freshUscc, shanghaiToday, iso, addDays, d1 } from './lib.mjs';
import { addWorkingDays } from './working_days.mjs';

export const today = shanghaiToday();
export const TODAY = iso(today);
export const daysAgo = (n) => iso(addDays(today, -n));

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

/** Submit records as `department`; returns the records as the provider sees them. */
export async function submit(department, subject, records) {
  const provider = token('provider', '--provider', department);
  const r = await api('/api/v1/records', {
    token: provider, method: 'POST',
    body: { records: records.map((x) => ({ subject, legal_basis: '《测试法》第一条', ...x })) },
  });
  assert.ok(r.status === 201 || r.status === 200, r.text);
  return provider;
}

/** A record of a subject by document number, as `tokenValue` (default: admin) sees it. */
export async function recordByDoc(code, doc, tokenValue = token('admin')) {
  for (let page = 1; page < 20; page++) {
    const r = await api(`/api/v1/subjects/${code}/records?page=${page}&page_size=50`, { token: tokenValue });
    assert.equal(r.status, 200, r.text);
    const hit = r.json.items.find((x) => x.document_number === doc);
    if (hit || r.json.items.length === 0) return hit;
  }
  return undefined;
}

/** A fresh organisation for this run: code and name. */
export function freshOrg(tag, label) {
  return { code: freshUscc(tag), name: `贵阳${label}${RUN}科技有限公司` };
}

/** The audit chain's verification, as platform staff sees it. */
export async function verifyAudit() {
  // One call checks a bounded step of the chain: follow the cursor to the end.
  const admin = token('admin');
  let path = '/api/v1/admin/audit/verify';
  for (;;) {
    const r = await api(path, { token: admin });
    assert.equal(r.status, 200, r.text);
    if (r.json.complete) return r.json;
    path = `/api/v1/admin/audit/verify?cursor=${encodeURIComponent(r.json.next_cursor)}`;
  }
}

export { RUN };

/** Assert that step `name` of an objection status is listed with the due date `days`
 * working days after `from` by the oracle (./working_days.mjs) and the oracle's
 * provisional flag; `days: null` for a step due "promptly" (及时: no due date). */
export function assertStep(status, name, { from, days, doneOn }) {
  const step = status.steps.find((s) => s.step === name);
  assert.ok(step, `step ${name} listed: ${JSON.stringify(status.steps)}`);
  if (days === null) {
    assert.deepEqual([step.due, step.provisional], [null, false], `${name}: promptly, no due date`);
  } else {
    const want = addWorkingDays(from, days);
    assert.deepEqual({ due: step.due, provisional: step.provisional }, want, `${name}: ${days} working day(s) after ${from}`);
  }
  if (doneOn !== undefined) assert.equal(step.done_on, doneOn, `${name}: done on`);
  return step;
}

/** The definition of a trigger of the local D1, as sqlite_master holds it; undefined if absent. */
export function triggerSql(name) {
  return d1(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = '${name}'`)[0]?.sql;
}

/** Run `fn` with the trigger `name` dropped (a tamper test acting behind the worker's back),
 * and put the trigger back afterwards — exactly as it was defined, whatever `fn` did or threw —
 * checking that it is there again, so that no later test or file runs without it. */
export async function withoutTrigger(name, fn) {
  const definition = triggerSql(name);
  assert.ok(definition, `trigger ${name} is in place before the test`);
  d1(`DROP TRIGGER ${name}`);
  try {
    return await fn();
  } finally {
    d1(definition);
    assert.equal(triggerSql(name), definition, `trigger ${name} restored`);
  }
}
