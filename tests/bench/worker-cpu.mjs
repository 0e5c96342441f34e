// The Worker's own CPU time per request, sampled by V8's CPU profiler in the worker's
// isolate (through wrangler's inspector proxy). Used by `cargo xtask bench`; not a test.
//
// Why a profiler: workerd's clocks do not advance while JavaScript or wasm runs (a Spectre
// mitigation, as in production), and the workerd process also runs the local D1's SQLite,
// so neither a timer in the worker nor the process's CPU time isolates the Worker's CPU.
// The profiler samples only the worker's isolate: JS, wasm and the runtime's native code
// while the isolate is running, including the D1 binding's JS (which production bills too).
//
// Requests are sent one at a time. While the isolate runs, the sampler fires at a steady
// period (the requested interval or, on a small machine, somewhat more): the period is taken
// as the median gap between consecutive non-idle samples of one request, and each non-idle
// sample counts one period.
// (A sample's raw gap would also count the time the isolate waited on I/O before it.)
// Samples are attributed to the request during which they were taken (both clocks are
// CLOCK_MONOTONIC). Prints one JSON object: for each path, mean, p50, p99 and max ms, and
// the sampling period in µs, and the mean ms per request in each part (`parts_mean_ms`).
//
// Env: BASE_URL, INSPECTOR (ws://…), PATHS (JSON array), N (requests per path), INTERVAL_US.

const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:8787';
const INSPECTOR = process.env.INSPECTOR ?? 'ws://127.0.0.1:9229/ws';
const PATHS = JSON.parse(process.env.PATHS ?? '["/api/v1/health"]');
const N = Number(process.env.N ?? 200);
const INTERVAL_US = Number(process.env.INTERVAL_US ?? 100);

// The inspector proxy accepts DevTools origins only.
const ws = new WebSocket(INSPECTOR, { headers: { Origin: 'http://localhost' } });
await new Promise((resolve, reject) => {
  ws.onopen = resolve;
  ws.onerror = () => reject(new Error(`cannot connect to the inspector at ${INSPECTOR}`));
});
let nextId = 0;
const pending = new Map();
ws.onmessage = (event) => {
  const message = JSON.parse(event.data);
  const resolve = pending.get(message.id);
  if (resolve) {
    pending.delete(message.id);
    resolve(message);
  }
};
const send = (method, params = {}) =>
  new Promise((resolve) => {
    const id = ++nextId;
    pending.set(id, resolve);
    ws.send(JSON.stringify({ id, method, params }));
  });

const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const get = (path, i) =>
  fetch(BASE + path, { headers: { 'CF-Connecting-IP': `198.19.${i % 250}.${1 + Math.floor(i / 250)}` } })
    .then((r) => r.arrayBuffer());

await send('Profiler.enable');
await send('Profiler.setSamplingInterval', { interval: INTERVAL_US });
const result = {};
for (const path of PATHS) {
  for (let i = 0; i < 5; i++) await get(path, 1000 + i); // warm-up, outside the profile
  const spans = [];
  await send('Profiler.start');
  for (let i = 0; i < N; i++) {
    const start = monotonicUs();
    await get(path, i);
    spans.push([start, monotonicUs()]);
  }
  const stopped = await send('Profiler.stop');
  const profile = stopped.result?.profile;
  if (!profile) throw new Error(`the profiler returned no profile for ${path}`);
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  // Gaps between two consecutive non-idle samples within one request: the sampler's cadence.
  const requestOf = [];
  let t = profile.startTime;
  let r = 0;
  for (const delta of profile.timeDeltas) {
    t += delta;
    while (r < N && t > spans[r][1]) r++;
    requestOf.push(r < N && t >= spans[r][0] ? r : -1);
  }
  const busyGaps = profile.samples
    .map((node, i) => {
      const consecutive = i > 0 && !idle.has(node) && !idle.has(profile.samples[i - 1]);
      const sameRequest = requestOf[i] >= 0 && requestOf[i] === requestOf[i - 1];
      return consecutive && sameRequest ? profile.timeDeltas[i] : Infinity;
    })
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  const periodUs = busyGaps.length ? percentile(busyGaps, 50) : INTERVAL_US;
  const cpuUs = new Array(N).fill(0);
  profile.samples.forEach((node, i) => {
    if (requestOf[i] >= 0 && !idle.has(node)) cpuUs[requestOf[i]] += periodUs;
  });
  // Where the samples fall, so that two runs that differ show which part moved: the
  // worker's own code (its JS glue and wasm), the D1 binding's JS, V8's `(program)` (native
  // code outside any JS frame) and the garbage collector.
  const partOf = new Map(profile.nodes.map((n) => {
    const { functionName, url } = n.callFrame;
    const part = url.includes('d1-api') ? 'd1_binding'
      : functionName === '(program)' ? 'program'
        : functionName === '(garbage collector)' ? 'gc' : 'worker';
    return [n.id, part];
  }));
  const partUs = { worker: 0, d1_binding: 0, program: 0, gc: 0 };
  profile.samples.forEach((node, i) => {
    if (requestOf[i] >= 0 && !idle.has(node)) partUs[partOf.get(node)] += periodUs;
  });
  const sorted = cpuUs.map((us) => us / 1000).sort((a, b) => a - b);
  const round = (ms) => Math.round(ms * 1000) / 1000;
  result[path] = {
    mean_ms: round(sorted.reduce((a, b) => a + b, 0) / N),
    p50_ms: round(percentile(sorted, 50)),
    p99_ms: round(percentile(sorted, 99)),
    max_ms: round(sorted[N - 1]),
    period_us: periodUs,
    parts_mean_ms: Object.fromEntries(Object.entries(partUs).map(([k, us]) => [k, round(us / 1000 / N)])),
  };
}
ws.close();
console.log(JSON.stringify(result));
// The inspector proxy does not always finish the close handshake; do not wait for it.
process.exit(0);
