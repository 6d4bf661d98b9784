// `npm run db:migrate`: migrations to DATABASE_URL, or to the local database in .data/postgres —
// through the running `npm run dev` Postgres if there is one, else started just for this and stopped.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { applyMigrations } from './lib/migrate.ts';
import { portOr } from './lib/ports.ts';
import { startPostgres } from './lib/postgres.ts';
import { redactUrl } from './lib/redact.ts';

const dataDir = fileURLToPath(new URL('../.data/postgres', import.meta.url));

/** Port of the Postgres already serving `dataDir` (from its postmaster.pid), if it is alive. */
function runningPort(): number | null {
  const pidFile = `${dataDir}/postmaster.pid`;
  if (!existsSync(pidFile)) return null;
  const [pid, , , port] = readFileSync(pidFile, 'utf8').split('\n');
  try {
    process.kill(Number(pid), 0);
    return Number(port) || null;
  } catch {
    return null; // stale pid file left by a crash; Postgres recovers it on start
  }
}

const url = process.env.DATABASE_URL;
const running = url ? null : runningPort();
if (url) {
  await applyMigrations(url);
  console.log(`Migrations applied to ${redactUrl(url)}`);
} else if (running) {
  await applyMigrations(`postgres://postgres:postgres@127.0.0.1:${running}/cadence`);
  console.log(`Migrations applied to the running local database (port ${running})`);
} else {
  const db = await startPostgres({ dataDir, port: await portOr(54320), database: 'cadence', persistent: true });
  try {
    await applyMigrations(db.url);
    console.log('Migrations applied to the local database in .data/postgres');
  } finally {
    await db.stop();
  }
}
