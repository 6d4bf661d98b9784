// The house rules scripts/check-boundaries.ts enforces (ADR 026): no production import cycle anywhere, a
// feature's index.ts loads no routes, and only the app, the dispatchers and the wiring import a mount.ts.
import { describe, expect, it } from 'vitest';
import { breach, check, cycles, importGraph, indexesLoadingRoutes, stronglyConnected } from '../../scripts/check-boundaries';

type Graph = Parameters<typeof cycles>[0];
const graphOf = (edges: Record<string, string[]>): Graph =>
  new Map(Object.entries(edges).map(([file, targets]) => [file, targets.map((target, i) => ({ target, line: i + 1, typeOnly: false }))]));

describe('check-boundaries', () => {
  it('finds nothing to report in the tree as it is: no cycle, no index loading routes, no stray mount import', () => {
    expect(check().map((v) => `${v.file}:${v.line} ${v.reason}`)).toEqual([]);
    expect(stronglyConnected(importGraph())).toEqual([]);
  });

  it('reports a cycle inside one feature, not only one through the composition root', () => {
    const graph = graphOf({
      'worker/features/a/a.service.ts': ['worker/features/a/a.present.ts'],
      'worker/features/a/a.present.ts': ['worker/features/a/a.service.ts'],
      'worker/wiring/index.ts': ['worker/features/a/index.ts'],
      'worker/features/a/index.ts': ['worker/features/a/a.service.ts'],
    });
    const found = cycles(graph);
    expect(found).toHaveLength(1);
    expect(found[0]!.reason).toContain(
      'worker/features/a/a.present.ts:1 → worker/features/a/a.service.ts:1 → worker/features/a/a.present.ts',
    );
    expect(found[0]!.reason).not.toContain('composition root');
  });

  it('names the composition root when a cycle passes through it, starting the chain there', () => {
    const graph = graphOf({
      'worker/wiring/index.ts': ['worker/features/a/index.ts'],
      'worker/features/a/index.ts': ['worker/wiring/index.ts'],
    });
    const [only] = cycles(graph);
    expect(only!.file).toBe('worker/wiring/index.ts');
    expect(only!.reason).toContain('through the composition root');
  });

  it("flags a feature index that loads routes through the feature's own sub-index, with the chain", () => {
    const graph = graphOf({
      'worker/features/a/index.ts': ['worker/features/a/sub/index.ts', 'worker/features/b/index.ts'],
      'worker/features/a/sub/index.ts': ['worker/features/a/sub/sub.service.ts', 'worker/features/a/sub/sub.routes.ts'],
      'worker/features/a/sub/sub.service.ts': [],
      'worker/features/a/sub/sub.routes.ts': [],
      // Another feature's routes are its own index's business, not a's.
      'worker/features/b/index.ts': ['worker/features/b/b.service.ts'],
      'worker/features/b/b.service.ts': [],
      'worker/features/b/mount.ts': ['worker/features/b/b.routes.ts'],
      'worker/features/b/b.routes.ts': [],
    });
    const found = indexesLoadingRoutes(graph);
    expect(found.map((v) => v.file)).toEqual(['worker/features/a/index.ts']);
    expect(found[0]!.reason).toContain(
      'worker/features/a/index.ts:1 → worker/features/a/sub/index.ts:2 → worker/features/a/sub/sub.routes.ts',
    );
  });

  it('lets only the app, the dispatchers and the wiring import a mount.ts', () => {
    const mount = 'worker/features/b/mount.ts';
    expect(breach('worker/app.ts', mount, false)).toBeUndefined();
    expect(breach('worker/jobs/cron.ts', mount, false)).toBeUndefined();
    expect(breach('worker/wiring/athlete.ts', mount, false)).toBeUndefined();
    expect(breach('worker/features/a/a.service.ts', mount, false)).toMatch(/mount\.ts/);
    expect(breach('worker/features/b/b.service.ts', mount, false)).toMatch(/mount\.ts/);
    expect(breach('worker/http/access.ts', mount, true)).toMatch(/mount\.ts/);
  });
});
