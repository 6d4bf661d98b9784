// Bundled by library.bench.ts (esbuild) so Node runs the worker's own template apply (templates service and
// workout control, the production code) against the stack's Postgres, with every statement counted: the
// driver's Client.query is wrapped, so BEGIN, SAVEPOINT and COMMIT count as the statements they are.
import { Client } from '@neondatabase/serverless';
import { createDb } from '../worker/db/client';
import { createTemplatesService } from '../worker/features/library';
import { createWorkoutControl } from '../worker/features/plans';
import { createLogger } from '../worker/lib/logger';

let statements = 0;
const query = Client.prototype.query as (...args: unknown[]) => unknown;
Client.prototype.query = function (this: Client, ...args: unknown[]) {
  statements++;
  return query.apply(this, args);
} as typeof Client.prototype.query;

export interface BenchClient {
  clientId: string;
  startDate: string;
  athleteId: string;
  planId: string;
}

/**
 * Applies the template to the clients through the production services; the coach's right to change each
 * client's plan (link, grant, Team: four indexed reads on the route) is given here, so the count is the apply's.
 */
export async function applyCounted(
  databaseUrl: string,
  wsProxy: string,
  orgId: string,
  actorId: string,
  templateId: string,
  clients: BenchClient[],
) {
  const handle = createDb({ DATABASE_URL: databaseUrl, DB_WS_PROXY: wsProxy }, createLogger('warn'));
  try {
    const workoutControl = createWorkoutControl({
      db: handle.db,
      clock: { now: () => new Date() },
      // The coach's entitlement is given on each change (the org's Team); this is never asked.
      membership: { requireFeature: async () => 'pro' as const },
    });
    const templates = createTemplatesService({ db: handle.db, workoutControl });
    const byClient = new Map(clients.map((c) => [c.clientId, c]));
    // Warm the pool (its first-answer check) outside the count.
    await templates.get(orgId, templateId);
    statements = 0;
    const t0 = performance.now();
    const results = await templates.apply(
      orgId,
      templateId,
      clients.map((c) => ({ clientId: c.clientId, startDate: c.startDate })),
      async (clientId) => {
        const c = byClient.get(clientId)!;
        return {
          by: { athlete: { id: c.athleteId, timeZone: 'UTC' }, actorId, source: 'coach' as const, entitlement: async () => {} },
          planId: c.planId,
        };
      },
    );
    return { ms: performance.now() - t0, statements, results };
  } finally {
    await handle.close();
  }
}
