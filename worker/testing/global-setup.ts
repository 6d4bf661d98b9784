// Node side of the workerd test run: one throwaway Postgres with the migrated template database (each test
// file starts on a fresh copy of it: test-databases.ts), and a process of its own (services.ts) for the
// WebSocket proxy the Neon driver needs, the provider sandbox and the database reset. Their addresses are
// injected into the workerd tests.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { ensureBasemap } from '../../scripts/basemap/build.ts';
import { applyMigrations } from '../../scripts/lib/migrate.ts';
import { freePort } from '../../scripts/lib/ports.ts';
import { startPostgres, THROWAWAY_SETTINGS } from '../../scripts/lib/postgres.ts';

declare module 'vitest' {
  interface ProvidedContext {
    templateDatabaseUrl: string;
    dbWsProxy: string;
    sandboxUrl: string;
    databaseResetUrl: string;
    showLogs: boolean;
    basemapPath: string;
  }
}

/** Starts services.ts and reads the one line it prints with the addresses. */
async function startServices(templateUrl: string) {
  const script = fileURLToPath(new URL('./services.ts', import.meta.url));
  const child = spawn(process.execPath, [script, templateUrl], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`test services exited (${code}) before they started`)));
  });
  const addresses = JSON.parse(line) as { dbWsProxy: string; sandboxUrl: string; databaseResetUrl: string; pushCaFile: string };
  return {
    ...addresses,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), 'cadence-test-pg-'));
  const pg = await startPostgres({
    dataDir,
    port: await freePort(),
    database: 'cadence_template',
    persistent: false,
    flags: THROWAWAY_SETTINGS,
  });
  await applyMigrations(pg.url);
  const services = await startServices(pg.url);

  project.provide('templateDatabaseUrl', pg.url);
  project.provide('dbWsProxy', services.dbWsProxy);
  project.provide('sandboxUrl', services.sandboxUrl);
  project.provide('databaseResetUrl', services.databaseResetUrl);
  project.provide('showLogs', Boolean(process.env.SHOW_LOGS));
  // The offline basemap (a few seconds the first time, then cached by its inputs in .data/basemap/).
  project.provide('basemapPath', ensureBasemap().path);
  // workerd (rustls) reads its trust store from SSL_CERT_FILE: with the push sandbox's CA in it, the worker's own
  // fetch reaches the sandbox's TLS endpoints as it reaches a real push service (scripts/sandbox/README.md).
  process.env.SSL_CERT_FILE = services.pushCaFile;

  return async () => {
    await services.stop();
    await pg.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
