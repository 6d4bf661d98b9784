// Node side of the workerd test run: one throwaway Postgres with the migrated template database (each test
// file runs on a copy of it: test-databases.ts), the WebSocket proxy the Neon driver needs, and the provider
// sandbox. Their addresses are injected into the workerd tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../../scripts/lib/migrate.ts';
import { freePort } from '../../scripts/lib/ports.ts';
import { startPostgres } from '../../scripts/lib/postgres.ts';
import { startWsProxy } from '../../scripts/lib/ws-proxy.ts';
import { startSandbox } from '../../scripts/sandbox/server.ts';

declare module 'vitest' {
  interface ProvidedContext {
    templateDatabaseUrl: string;
    dbWsProxy: string;
    sandboxUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), 'cadence-test-pg-'));
  const pg = await startPostgres({ dataDir, port: await freePort(), database: 'cadence_template', persistent: false });
  await applyMigrations(pg.url);
  const proxy = await startWsProxy({ host: pg.host, port: pg.port });
  const sandbox = await startSandbox({ port: 0 });

  project.provide('templateDatabaseUrl', pg.url);
  project.provide('dbWsProxy', proxy.endpoint);
  project.provide('sandboxUrl', sandbox.url);

  return async () => {
    await sandbox.stop();
    await proxy.stop();
    await pg.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
