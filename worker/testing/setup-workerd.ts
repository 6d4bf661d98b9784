import { env } from 'cloudflare:workers';
import { beforeAll, inject } from 'vitest';

// Every workerd test file starts on a fresh copy of the migrated template: its pool worker's database is
// reset before the file's own hooks run, so nothing a file that ran before on this worker wrote is visible.
beforeAll(async () => {
  const name = new URL((env as { DATABASE_URL: string }).DATABASE_URL).pathname.slice(1);
  const res = await fetch(`${inject('databaseResetUrl')}${encodeURIComponent(name)}`, { method: 'POST' });
  if (res.status !== 204) throw new Error(`test database reset failed (${res.status}): ${await res.text()}`);
});
