// The split of test files into the node and workerd lanes (lanes.ts): by what a file runs, every file in
// exactly one lane.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TEST_DIRS, testFiles, testLanes, valueImports } from './lanes';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('test lanes', () => {
  it('puts every test file in exactly one lane', () => {
    const { node, workerd } = testLanes(root);
    const all = testFiles(root, TEST_DIRS);
    expect([...node, ...workerd].sort()).toEqual(all);
    expect(node.filter((f) => workerd.includes(f))).toEqual([]);
    expect(all.length).toBeGreaterThan(150);
  });

  it('pure calculations and page rules run in Node; the harness, bindings and workerd globals need workerd', () => {
    const { node, workerd } = testLanes(root);
    expect(node).toEqual(
      expect.arrayContaining([
        'worker/features/analytics/calc/pmc.calc.test.ts',
        'worker/lib/dates.test.ts',
        'web/app/utils/forms.server.test.ts',
        'worker/testing/lanes.test.ts',
        // The provider sandbox's own tests, beside it.
        'scripts/sandbox/push/rfc8291.test.ts',
      ]),
    );
    expect(workerd).toEqual(
      expect.arrayContaining([
        'worker/features/health/health.test.ts',
        'worker/testing/database-per-file.test.ts',
        // Pure by imports, but its parsers hash with workerd's streaming digest.
        'worker/features/ingest/files/gpx-tcx.test.ts',
      ]),
    );
  });

  it('reads what a module runs, not what it only names as a type', () => {
    const text = [
      "import type { Env } from './env';",
      "import { type A, type B } from './types';",
      "import { parse, type Row } from './parse';",
      "export type { Shape } from './shape';",
      "export { helper } from './helper';",
      "import './side-effect';",
      "import {\n  one,\n  two,\n} from './multi';",
      "type Do = typeof import('./durable').Budget;",
      "const lazy = () => import('./lazy');",
      "import('./then').then((m) => m);",
    ].join('\n');
    expect(valueImports(text).sort()).toEqual(['./helper', './lazy', './multi', './parse', './side-effect', './then']);
  });
});
