// `npm run db:migrate`: migrations to DATABASE_URL, or to the local embedded Postgres in .data/postgres
// (started just for this, then stopped) so the dev database can be migrated without `npm run dev`.
import { fileURLToPath } from 'node:url';
import { applyMigrations } from './lib/migrate.ts';
import { portOr } from './lib/ports.ts';
import { startPostgres } from './lib/postgres.ts';
import { redactUrl } from './lib/redact.ts';

const url = process.env.DATABASE_URL;
if (url) {
  await applyMigrations(url);
  console.log(`Migrations applied to ${redactUrl(url)}`);
} else {
  const dataDir = fileURLToPath(new URL('../.data/postgres', import.meta.url));
  const db = await startPostgres({ dataDir, port: await portOr(54320), database: 'cadence', persistent: true });
  try {
    await applyMigrations(db.url);
    console.log(`Migrations applied to the local database in .data/postgres`);
  } finally {
    await db.stop();
  }
}
