// Bundled by wellness-engine.bench.ts (esbuild): the worker's own N=1 engine (wellness feature) and the analytics
// read it gathers through, against the stack's Postgres through the same driver and proxy; the check-in hook's
// patch is timed alone.
import { createWellnessService } from '../worker/features/wellness/wellness.service';
import { createEngineService } from '../worker/features/wellness/engine/engine.service';
import { enginePass, enginePatch } from '../worker/features/wellness/engine/pass.calc';
import { loadState } from '../worker/features/wellness/engine/engine.repo';
import { connect as connectAnalytics } from './analytics.entry';

export { history } from './analytics.entry';
export { enginePass, enginePatch };
export { encodeTraining, encodeWellness } from '../worker/features/wellness/engine/engine-codec';

export function connect(databaseUrl: string, wsProxy: string) {
  const h = connectAnalytics(databaseUrl, wsProxy);
  const clock = { now: () => new Date() };
  const engine = createEngineService({
    db: h.db,
    clock,
    training: (a, from, to) => h.analytics.engineFacts(a, from, to, 'analytics'),
    settling: h.analytics.settling,
  });
  const patchMs: number[] = [];
  const wellness = createWellnessService({
    db: h.db,
    clock,
    changed: async (userId, days) => {
      const t0 = performance.now();
      await engine.changed(userId, days);
      patchMs.push(performance.now() - t0);
    },
  });
  return { ...h, engine, wellness, patchMs, state: (userId: string) => loadState(h.db, userId) };
}
