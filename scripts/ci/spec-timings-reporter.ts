// A node:test reporter that writes one line per spec file: `file<TAB>seconds<TAB>ok|fail`, the seconds summed over
// the file's top-level suites and tests as the runner timed them (hooks included). The TAP reporter names suites, not
// files; CI's time table (scripts/ci/report.ts) needs files. Event arrival times are no measure: the runner announces
// every file when the run starts and may hold a file's reports until it ends. Used by scripts/e2e.ts beside TAP.
import { relative } from 'node:path';

export interface TestEvent {
  type: string;
  data?: { file?: string; nesting?: number; details?: { duration_ms?: number } };
}

export default async function* specTimings(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  const files = new Map<string, { ms: number; failed: boolean }>();
  for await (const event of source) {
    const { file, nesting, details } = event.data ?? {};
    if (!file || nesting !== 0 || (event.type !== 'test:pass' && event.type !== 'test:fail')) continue;
    const seen = files.get(file) ?? { ms: 0, failed: false };
    seen.ms += details?.duration_ms ?? 0;
    if (event.type === 'test:fail') seen.failed = true;
    files.set(file, seen);
  }
  for (const [file, t] of files) yield `${relative(process.cwd(), file)}\t${(t.ms / 1000).toFixed(1)}\t${t.failed ? 'fail' : 'ok'}\n`;
}
