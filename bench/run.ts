// `npm run bench [-- name]`: starts a throwaway stack and runs the benchmarks; each prints its
// figures and ends with one `key=value` line. Not part of CI's pass/fail.
import { startStack, takeOverSignals } from '../scripts/lib/stack.ts';
import { httpBench } from './http.bench.ts';

const benches: Record<string, typeof httpBench> = { http: httpBench };
const wanted = process.argv.slice(2).filter((a: string) => !a.startsWith('-'));
for (const name of wanted) if (!benches[name]) throw new Error(`unknown benchmark "${name}"; have: ${Object.keys(benches).join(', ')}`);

const aborter = new AbortController();
takeOverSignals(() => aborter.abort());
const stack = await startStack({ seed: false, cronTicker: false, quiet: true, build: 'if-missing', signal: aborter.signal });
aborter.signal.addEventListener('abort', () => void stack.stop().then(() => process.exit(130)));
const lines: string[] = [];
try {
  for (const [name, bench] of Object.entries(benches)) {
    if (wanted.length && !wanted.includes(name)) continue;
    console.log(`\n== ${name}`);
    lines.push(await bench(stack));
  }
} finally {
  await stack.stop();
}
console.log(`\n${lines.join('\n')}`);
