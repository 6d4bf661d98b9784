// Puts the offline basemap into the local TILES bucket that `wrangler dev` (and the stack's bundle server) read from
// their --persist-to directory, as production has the planet archive in R2. Skipped when that build is already there.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../lib/processes.ts';
import { ensureBasemap } from './build.ts';
import { BASEMAP_KEY } from './constants.ts';

/** wrangler.toml's top-level TILES bucket_name: local R2 state is kept per bucket name. */
const LOCAL_BUCKET = 'cadence-tiles';

export async function putLocalBasemap(opts: {
  root: string;
  persistTo: string;
  env: NodeJS.ProcessEnv;
  quiet: boolean;
  signal?: AbortSignal;
}): Promise<'put' | 'present'> {
  const { path, hash } = ensureBasemap();
  const marker = join(opts.persistTo, 'basemap.version');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === hash) return 'present';
  const wrangler = join(opts.root, 'node_modules/wrangler/bin/wrangler.js');
  await run(
    process.execPath,
    [wrangler, 'r2', 'object', 'put', `${LOCAL_BUCKET}/${BASEMAP_KEY}`, '--file', path, '--local', '--persist-to', opts.persistTo],
    { cwd: opts.root, env: opts.env, quiet: opts.quiet, signal: opts.signal },
  );
  writeFileSync(marker, hash);
  return 'put';
}
