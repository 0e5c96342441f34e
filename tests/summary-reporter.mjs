// A reporter for Node's test runner that writes one JSON summary for `cargo xtask test`
// (xtask/src/tally.rs reads it). The counts come from the runner's own events, never from
// what tests print, so a test that logs `# pass 7` adds nothing.
//
// { passed, files: { "<absolute path>": tests run }, failures: [{ file, name, kind, message }],
//   skips: [{ file, name, reason }] }
//
// Every `test:fail` is a failure, whatever its kind: a timeout (`testTimeoutFailure`) and a
// test cancelled because its parent ended (`cancelledByParent`) count like an assertion.
// A skipped or todo test is a skip; its reason is the message given to `skip`/`todo`.
// A file that runs no test has no entry in `files`, which xtask reports as a failure.
export default async function* summaryReporter(source) {
  const summary = { passed: 0, files: {}, failures: [], skips: [] };
  const ran = (file) => { summary.files[file] = (summary.files[file] ?? 0) + 1; };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const data = event.data;
    const file = data.file ?? '(unknown file)';
    const isSuite = data.details?.type === 'suite';
    // Each file is also reported as a "test" named after its path: its failure (a file
    // that throws while loading) is a failure; its pass is not a test.
    const isFile = data.name === data.file;
    if (isFile && event.type === 'test:pass') continue;
    if (event.type === 'test:fail') {
      const error = data.details?.error;
      const cause = error?.cause ?? error;
      summary.failures.push({
        file, name: data.name,
        kind: error?.failureType ?? 'testCodeFailure',
        message: String(cause?.message ?? cause ?? 'failed').split('\n').slice(0, 4).join(' ').slice(0, 400),
      });
      if (!isSuite) ran(file);
    } else if (!isSuite) {
      ran(file);
      if (data.skip !== undefined && data.skip !== false) {
        summary.skips.push({ file, name: data.name, reason: typeof data.skip === 'string' ? data.skip : '' });
      } else if (data.todo !== undefined && data.todo !== false) {
        summary.skips.push({ file, name: data.name, reason: typeof data.todo === 'string' ? `todo: ${data.todo}` : '' });
      } else {
        summary.passed += 1;
      }
    }
  }
  yield `${JSON.stringify(summary)}\n`;
}
