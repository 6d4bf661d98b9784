// Node side: a Postgres database per pool worker, reset to the template whenever a test file starts on it.
// The global setup migrates one template; each pool worker (one Miniflare, reused by the files it runs)
// gets a copy when it starts and drops it when it stops, and every file begins by asking services.ts to
// reset that copy (setup-workerd.ts). A file's routes, queue consumers, crons and Durable Objects — all
// reading DATABASE_URL — see only its own rows.
import { cloudflarePool, cloudflareTest } from '@cloudflare/vitest-plugin';
import { createTestDatabase } from './database-admin.ts';
import type { Plugin } from 'vite';
import type { PoolRunnerInitializer, PoolWorker } from 'vitest/node';

type PoolOptionsFn = Extract<Parameters<typeof cloudflarePool>[0], (...args: never[]) => unknown>;
type Inject = Parameters<PoolOptionsFn>[0]['inject'];
type Options = Awaited<ReturnType<PoolOptionsFn>>;

/**
 * The workers plugin's pool, with a database per pool worker. A pool worker is a Miniflare instance; with
 * `isolate: false` vitest keeps it for the next file (the worker's module graph stays loaded), and its
 * options — the bindings, so the database — are resolved once, in the worker's start.
 */
function poolWithDatabasePerFile(options: (ctx: { inject: Inject; databaseUrl: string }) => Options): PoolRunnerInitializer {
  return {
    name: 'cloudflare-pool',
    createPoolWorker(poolOptions) {
      let drop: (() => Promise<void>) | undefined;
      const worker: PoolWorker = cloudflarePool(async ({ inject }) => {
        const database = await createTestDatabase(inject('templateDatabaseUrl'));
        drop = database.drop;
        return options({ inject, databaseUrl: database.url });
      }).createPoolWorker(poolOptions);
      return {
        name: worker.name,
        on: (event, callback) => worker.on(event, callback),
        off: (event, callback) => worker.off(event, callback),
        send: (message) => worker.send(message),
        deserialize: (data) => worker.deserialize(data),
        start: () => worker.start(),
        async stop() {
          try {
            await worker.stop();
          } finally {
            // Off the pool's clock: the next file does not wait for this one's database to go.
            void drop?.();
          }
        },
      };
    },
  };
}

/**
 * `cloudflareTest(options)` with the pool above in place of its own; `options` also gets the pool worker's
 * `databaseUrl`. The project must list setup-workerd.ts in its setup files, which resets it per file.
 */
export function cloudflareTestWithDatabasePerFile(options: (ctx: { inject: Inject; databaseUrl: string }) => Options): Plugin[] {
  return [
    cloudflareTest(() => {
      throw new Error('the workers pool runs without a database of its own');
    }),
    {
      name: 'cadence:database-per-file',
      configureVitest({ project }) {
        if (!project.config.setupFiles.some((f) => f.endsWith('setup-workerd.ts')))
          throw new Error(`${project.name}: a database per test file needs worker/testing/setup-workerd.ts in setupFiles`);
        project.config.poolRunner = poolWithDatabasePerFile(options);
      },
    },
  ];
}
