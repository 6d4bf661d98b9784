// Node side, no vitest: creating, resetting and dropping the test databases on the one test Postgres.
// Used by the pool (a database per pool worker) and by services.ts (the reset a file asks for when it starts).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';

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

const templateName = (templateUrl: string) => new URL(templateUrl).pathname.slice(1);
/** Only the databases the pool made: the reset endpoint drops nothing else. */
export const TEST_DATABASE_NAME = /^cadence_slot_\d+_\d+$/;

/** Drops the database (ending any connection still open) and copies the template under the same name (~0.1 s). */
export async function resetTestDatabase(templateUrl: string, name: string): Promise<void> {
  if (!TEST_DATABASE_NAME.test(name)) throw new Error(`not a test database: ${name}`);
  await admin(templateUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name} TEMPLATE ${templateName(templateUrl)}`);
  });
}

let created = 0;

/** A fresh copy of the template for one pool worker: its URL, and a drop that ends any connection still open. */
export async function createTestDatabase(templateUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `cadence_slot_${process.pid}_${++created}`;
  await resetTestDatabase(templateUrl, name);
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
 * A loopback endpoint a test file calls when it starts: `POST /<database name>` resets that database to the
 * template, so the file sees no rows of the file that ran before it on the same pool worker.
 */
export async function startDatabaseReset(templateUrl: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1));
    if (req.method !== 'POST' || !TEST_DATABASE_NAME.test(name)) {
      res.writeHead(404).end();
      return;
    }
    resetTestDatabase(templateUrl, name).then(
      () => res.writeHead(204).end(),
      (error: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(error.message),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
