import { env } from 'cloudflare:workers';
import { beforeAll, inject } from 'vitest';
import { loadAnthropicSdk } from '../providers/llm/anthropic.http';
import { loadMistralSdk } from '../providers/llm/mistral.http';

// Every workerd test file starts on a fresh copy of the migrated template: its pool worker's database is
// reset before the file's own hooks run, so nothing a file that ran before on this worker wrote is visible.
beforeAll(async () => {
  const name = new URL((env as { DATABASE_URL: string }).DATABASE_URL).pathname.slice(1);
  const res = await fetch(`${inject('databaseResetUrl')}${encodeURIComponent(name)}`, { method: 'POST' });
  if (res.status !== 204) throw new Error(`test database reset failed (${res.status}): ${await res.text()}`);
});

// Access-log lines are dropped inside the isolate, before vitest carries each one out to Node only for the config's
// onConsoleLog to drop it there (about a sixth of the API fuzz's CPU). A test that spies on console.log still sees
// every line: its spy sits in front of this filter.
// Setup files run again for every file in a kept runtime: the filter goes in once.
const filtered = Symbol.for('cadence.infoLinesDropped');
if (!inject('showLogs') && !(console.log as { [filtered]?: true })[filtered]) {
  const write = console.log;
  const drop = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('{"level":"info"')) return;
    write(...args);
  };
  console.log = Object.assign(drop, { [filtered]: true as const });
}

// The model SDKs are imported on first use. The pool worker's runtime outlives a file, and a module first
// fetched from inside a Durable Object (a CoachSession's turn) while the test runner owns the module
// transport fails there ("Cannot perform I/O on behalf of a different Durable Object"): load them here,
// from the runner, so every later import is a cache hit.
beforeAll(() => Promise.all([loadAnthropicSdk(), loadMistralSdk()]));
