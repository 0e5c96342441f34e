// Latency of the write path, measured against a running worker: batches of new records
// (each to a fresh organisation, so every batch creates a subject, plans its standing and
// appends to the audit chain), then re-submissions of the same batches (an unchanged
// re-submission reads, plans and writes nothing), then objections filed by the subjects.
// Sent one at a time over keep-alive; not a test. Prints one JSON object with p50, p90,
// p99 and mean per kind, in ms.
//
// Env: BASE_URL, XTASK_BIN (to mint the tokens), N (requests per kind, default 60),
// RECORDS (records per batch, default 20).
import { execFileSync } from 'node:child_process';
import { uscc } from '../e2e/lib.mjs';

const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:8787';
const XTASK = process.env.XTASK_BIN ?? 'target/debug/xtask';
const N = Number(process.env.N ?? 60);
const RECORDS = Number(process.env.RECORDS ?? 20);
const RUN = String(Date.now()).slice(-7);

const token = (...args) => execFileSync(XTASK, ['token', ...args], { encoding: 'utf8' }).trim();
const provider = token('--role', 'provider', '--provider', `写入基准测试局${RUN}`);

/** A valid USCC (GB 32100, with the GB 11714 organisation code) for organisation `n` of this run. */
const usccOf = (n) => uscc('9', '1', '520102', `${RUN.slice(-2)}${String(n).padStart(6, '0')}`);

const day = (offset) => new Date(Date.now() + 8 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10);

function batch(n) {
  const subject = { code: usccOf(n), name: `贵阳写入基准${RUN}第${n}号科技有限公司` };
  return {
    records: Array.from({ length: RECORDS }, (_, k) => ({
      subject,
      item_code: k === 0 ? 'LST-SERIOUS' : 'PEN-GENERAL',
      document_number: `WB-${RUN}-${n}-${k}`,
      title: k === 0 ? '列入严重失信名单' : '罚款',
      legal_basis: '《测试法》第一条',
      decision_date: day(-10 - k),
      act_end_date: day(-11 - k),
      ...(k === 0 ? { valid_until: day(300) } : { penalty_types: ['fine'] }),
    })),
  };
}

async function timed(path, init) {
  const start = performance.now();
  const response = await fetch(BASE + path, init);
  const text = await response.text();
  const ms = performance.now() - start;
  if (response.status >= 300) throw new Error(`${path}: ${response.status} ${text}`);
  return { ms, json: JSON.parse(text) };
}

const post = (path, tokenValue, body) => ({
  method: 'POST',
  headers: { Authorization: `Bearer ${tokenValue}`, 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  const round = (x) => Math.round(x * 100) / 100;
  return { n: sorted.length, p50: round(at(0.5)), p90: round(at(0.9)), p99: round(at(0.99)), mean: round(sorted.reduce((s, x) => s + x, 0) / sorted.length) };
}

const kinds = { ingest_new: [], ingest_unchanged: [], objection: [] };
const records = [];
for (let n = 0; n < N; n++) {
  const { ms } = await timed('/api/v1/records', post('/api/v1/records', provider, batch(n)));
  kinds.ingest_new.push(ms);
}
for (let n = 0; n < N; n++) {
  kinds.ingest_unchanged.push((await timed('/api/v1/records', post('/api/v1/records', provider, batch(n)))).ms);
}
for (let n = 0; n < N; n++) {
  const code = usccOf(n);
  const page = await timed(`/api/v1/subjects/${code}/records?page_size=1&class=administrative_penalty`, {});
  records.push([code, page.json.items[0].id]);
}
for (const [code, id] of records) {
  const subject = token('--role', 'subject', '--subject', code);
  const body = { record_id: id, reason: '该处罚决定已被复议机关撤销，请予更正。', objector: { name: '基准测试', contact: '0851-12345678' } };
  kinds.objection.push((await timed('/api/v1/objections', post('/api/v1/objections', subject, body))).ms);
}
console.log(JSON.stringify(Object.fromEntries(Object.entries(kinds).map(([k, v]) => [k, summary(v)]))));
