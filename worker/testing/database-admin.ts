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

async function inDatabase<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const admin = <T>(templateUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> => inDatabase(adminUrl(templateUrl), fn);

const templateName = (templateUrl: string) => new URL(templateUrl).pathname.slice(1);
/** Only the databases the pool made: the reset endpoint drops nothing else. */
export const TEST_DATABASE_NAME = /^cadence_slot_\d+_\d+$/;

/** Drops the database (ending any connection still open) and copies the template under the same name (~1 s of CPU). */
async function recreateTestDatabase(templateUrl: string, name: string): Promise<void> {
  await admin(templateUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name} TEMPLATE ${templateName(templateUrl)}`);
  });
}

const databaseUrl = (templateUrl: string, name: string) => {
  const url = new URL(templateUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

/**
 * The schema as a test could change it (relations, columns, types, functions, triggers outside Postgres's own
 * schemas): a database whose fingerprint is the template's differs from it only in rows and sequence values.
 */
const FINGERPRINT = `
  with objects as (
    select format('rel %s.%s %s', n.nspname, c.relname, c.relkind) as o
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_%'
    union all
    select format('col %s.%s %s %s %s', c.relname, a.attname, a.atttypid::regtype, a.attnotnull, pg_get_expr(d.adbin, d.adrelid))
      from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
     where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_%' and a.attnum > 0 and not a.attisdropped
    union all
    select format('type %s.%s', n.nspname, t.typname) from pg_type t join pg_namespace n on n.oid = t.typnamespace
     where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_%'
    union all
    select format('fn %s %s', p.oid::regprocedure, md5(p.prosrc)) from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_%'
    union all
    select format('trigger %s %s %s', t.tgrelid::regclass, t.tgname, t.tgenabled) from pg_trigger t where not t.tgisinternal
    union all
    select format('constraint %s %s', conrelid::regclass, conname) from pg_constraint
     where connamespace not in ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
  )
  select md5(string_agg(o, E'\n' order by o)) as fingerprint from objects`;

/** The tables a reset empties: every table but the migrator's record of what it applied. */
const TABLES = `
  select format('%I.%I', schemaname, tablename) as name
    from pg_tables where schemaname not in ('pg_catalog', 'information_schema', 'drizzle')`;

const SEQUENCES = `
  select format('%I.%I', schemaname, sequencename) as name from pg_sequences
   where schemaname not in ('pg_catalog', 'information_schema', 'drizzle')`;

/** The template's fingerprint, read once per template (it never changes during a run). */
const templateFingerprints = new Map<string, Promise<string>>();

/**
 * Puts a pool worker's database back to the template. Usually by emptying it: the connections a file left are
 * ended (as DROP … WITH (FORCE) ended them), then every table a file wrote to is emptied and every sequence restarted in one
 * transaction (~0.1 s, where copying the template costs ~1 s of Postgres CPU). When a file changed the schema itself (the catalog's
 * fingerprint is not the template's), the database is dropped and copied instead.
 */
export async function resetTestDatabase(templateUrl: string, name: string): Promise<void> {
  if (!TEST_DATABASE_NAME.test(name)) throw new Error(`not a test database: ${name}`);
  let expected = templateFingerprints.get(templateUrl);
  if (!expected) {
    expected = inDatabase(templateUrl, async (c) => (await c.query<{ fingerprint: string }>(FINGERPRINT)).rows[0]!.fingerprint);
    templateFingerprints.set(templateUrl, expected);
  }
  const emptied = await inDatabase(databaseUrl(templateUrl, name), async (c) => {
    await c.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
    if ((await c.query<{ fingerprint: string }>(FINGERPRINT)).rows[0]!.fingerprint !== (await expected)) return false;
    const tables = (await c.query<{ name: string }>(TABLES)).rows.map((r) => r.name);
    const sequences = (await c.query<{ name: string }>(SEQUENCES)).rows.map((r) => r.name);
    // Only the tables the file wrote to: a file writes a few dozen rows to a few tables, and TRUNCATE costs ~8 ms a
    // relation (a new file for each table, index and TOAST table) where DELETE of a few rows costs microseconds.
    const written = (
      await c.query<{ name: string }>(
        tables.map((t) => `select '${t.replaceAll("'", "''")}' as name where exists (select 1 from ${t})`).join(' union all '),
      )
    ).rows.map((r) => r.name);
    await c.query('begin');
    // Replica role: foreign keys and the append-only tables' triggers are the app's rules, not the harness's.
    await c.query('set local session_replication_role = replica');
    for (const table of written) await c.query(`delete from ${table}`);
    for (const sequence of sequences) await c.query(`alter sequence ${sequence} restart`);
    await c.query('commit');
    return true;
  }).catch((error: Error) => {
    console.warn(`test database reset: emptying ${name} failed (${error.message}); copying the template instead`);
    return false;
  });
  if (!emptied) await recreateTestDatabase(templateUrl, name);
}

let created = 0;

/** A fresh copy of the template for one pool worker: its URL, and a drop that ends any connection still open. */
export async function createTestDatabase(templateUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `cadence_slot_${process.pid}_${++created}`;
  await recreateTestDatabase(templateUrl, name);
  return {
    url: databaseUrl(templateUrl, name),
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
export async function startDatabaseReset(
  templateUrl: string,
  beforeDrop: (name: string) => void,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1));
    if (req.method !== 'POST' || !TEST_DATABASE_NAME.test(name)) {
      res.writeHead(404).end();
      return;
    }
    // The proxy's idle sessions on it go first: DROP … WITH (FORCE) would end them under the pool's feet.
    beforeDrop(name);
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
