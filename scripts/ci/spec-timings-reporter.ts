// A node:test reporter that writes one line per spec file: `file<TAB>seconds<TAB>ok|fail`, the seconds from the
// file's first event to its last as the parent process saw them. The TAP reporter names suites, not files;
// CI's time table (scripts/ci/report.ts) needs files. Used by scripts/e2e.ts beside the TAP reporter.
import { relative } from 'node:path';

interface TestEvent {
  type: string;
  data?: { file?: string };
}

export default async function* specTimings(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  const files = new Map<string, { first: number; last: number; failed: boolean }>();
  for await (const event of source) {
    const file = event.data?.file;
    if (!file) continue;
    const now = performance.now();
    const seen = files.get(file) ?? { first: now, last: now, failed: false };
    seen.last = now;
    if (event.type === 'test:fail') seen.failed = true;
    files.set(file, seen);
  }
  for (const [file, t] of files)
    yield `${relative(process.cwd(), file)}\t${((t.last - t.first) / 1000).toFixed(1)}\t${t.failed ? 'fail' : 'ok'}\n`;
}
