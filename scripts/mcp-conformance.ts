// `npm run mcp:conformance`: the MCP spec's conformance runner (@modelcontextprotocol/conformance) against the real
// /mcp endpoint of a throwaway local stack (fresh Postgres, sandbox, the deploy bundle; ADR 106). The runner sends
// no credentials, so a local relay adds what an athlete's assistant brings: the demo athlete's session (and our
// Origin, as the CSRF check asks of a cookie). Scenarios that need the spec's fixture server (its test_* tools,
// resources, prompts, sampling, elicitation) do not apply to Cadence's tools and are not run.
//   npm run mcp:conformance [-- --skip-build]
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { ROOT, startStack } from './lib/stack.ts';
import { DEMO_PASSWORD } from './seed.ts';

/** The scenarios a server with its own tools (no fixtures) can pass or fail on its merits. */
/** Headers that belong to one hop (and a body length fetch sets itself, decoded). */
const HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'content-encoding', 'keep-alive']);

const SCENARIOS = ['server-initialize', 'ping', 'tools-list', 'dns-rebinding-protection'];

const stack = await startStack({
  worker: 'bundle',
  seed: true,
  cronTicker: false,
  quiet: true,
  build: process.argv.includes('--skip-build') ? 'if-missing' : 'always',
});
let failed = 0;
try {
  const login = await fetch(`${stack.appUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: stack.appUrl },
    body: JSON.stringify({ email: 'athlete@demo.cadence.test', password: DEMO_PASSWORD }),
  });
  const cookie = (login.headers.getSetCookie().find((c) => c.includes('cadence_session=')) ?? '').split(';')[0];
  if (!cookie) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  // The relay: the runner's request as it came (Host included, for the DNS-rebinding scenario), plus the session.
  const relay = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && !HOP.has(k)) headers.set(k, v);
    headers.set('cookie', cookie);
    // The relay stands in for the app's origin: the runner's own (localhost at the relay's port) becomes the app's;
    // a foreign Origin passes unchanged, for the app's CSRF check to refuse (the DNS-rebinding scenario).
    const origin = headers.get('origin');
    if (!origin || /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(origin)) headers.set('origin', stack.appUrl);
    const answer = await fetch(`${stack.appUrl}${req.url}`, {
      method: req.method,
      headers,
      body: ['GET', 'HEAD'].includes(req.method ?? 'GET') ? undefined : Buffer.concat(chunks),
    });
    console.log(`relay: ${req.method} ${req.url} → ${answer.status}`);
    res.writeHead(answer.status, Object.fromEntries([...answer.headers].filter(([k]) => !HOP.has(k))));
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((ok) => relay.listen(0, '127.0.0.1', ok));
  const { port } = relay.address() as { port: number };
  const runner = join(ROOT, 'node_modules/@modelcontextprotocol/conformance/dist/index.js');
  for (const scenario of SCENARIOS) {
    // Asynchronously: the relay answers from this process's event loop while the runner waits on it.
    const child = spawn(process.execPath, [runner, 'server', '--url', `http://127.0.0.1:${port}/mcp`, '--scenario', scenario], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const code = await new Promise<number | null>((done) => child.on('close', done));
    if (code !== 0) failed++;
  }
  relay.close();
} finally {
  await stack.stop();
}
console.log(`mcp:conformance: ${SCENARIOS.length - failed} of ${SCENARIOS.length} scenarios passed`);
process.exit(failed ? 1 : 0);
