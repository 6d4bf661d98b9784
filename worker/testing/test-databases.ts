// Node side: a Postgres database per workerd test file. The global setup migrates one template; each test
// file's runtime (one Miniflare per file) gets a copy of it when it starts and drops it when it stops, so
// its routes, queue consumers, crons and Durable Objects — all reading DATABASE_URL — see only its own rows.
import { cloudflarePool, cloudflareTest } from '@cloudflare/vitest-plugin';
import pg from 'pg';
import type { Plugin } from 'vite';
import type { PoolRunnerInitializer, PoolWorker } from 'vitest/node';

type PoolOptionsFn = Extract<Parameters<typeof cloudflarePool>[0], (...args: never[]) => unknown>;
type Inject = Parameters<PoolOptionsFn>[0]['inject'];
type Options = Awaited<ReturnType<PoolOptionsFn>>;

/** The server's `postgres` database, for CREATE/DROP DATABASE (they cannot run inside the target). */
function adminUrl(templateUrl: string): string {
  const url = new URL(templateUrl);
  url.pathname = '/postgres';
  return url.toString();
}

async function admin<T>(templateUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl(templateUrl) });
  client.on('error', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

let created = 0;

/** A fresh copy of the template (~0.1 s): its URL, and a drop that ends any connection still open. */
export async function createTestDatabase(templateUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const template = new URL(templateUrl).pathname.slice(1);
  const name = `cadence_file_${++created}`;
  await admin(templateUrl, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const url = new URL(templateUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // The server may already be gone at the end of the run (its data directory goes with it).
    drop: () =>
      admin(templateUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => {},
        () => {},
      ),
  };
}

/**
 * The workers plugin's pool, with a database per pool worker. Vitest starts a pool worker (here: a Miniflare
 * instance) for each test file while `isolate` is on, its default; the options are resolved in that
 * worker's start, so each file's bindings name its own database.
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
 * `cloudflareTest(options)` with the pool above in place of its own; `options` also gets the file's
 * `databaseUrl`. A project that turned `isolate` off would share one worker (and database) between files.
 */
export function cloudflareTestWithDatabasePerFile(options: (ctx: { inject: Inject; databaseUrl: string }) => Options): Plugin[] {
  return [
    cloudflareTest(() => {
      throw new Error('the workers pool runs without a database of its own');
    }),
    {
      name: 'cadence:database-per-file',
      configureVitest({ project }) {
        if (project.config.isolate === false) throw new Error(`${project.name}: a database per test file needs isolate: true`);
        project.config.poolRunner = poolWithDatabasePerFile(options);
      },
    },
  ];
}
