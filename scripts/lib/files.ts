// The tree walk every repository check shares (boundaries, test-only parameters, the closure report, the
// test lanes): dependencies, build output and dot-folders are never part of the project's own code.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every file below `dir` whose name passes `keep` (absolute paths; nothing when `dir` is missing). */
export function filesUnder(dir: string, keep: (name: string) => boolean = () => true, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'build' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) filesUnder(path, keep, out);
    else if (keep(entry.name)) out.push(path);
  }
  return out;
}

/** TypeScript sources (`.ts`, `.tsx`), declaration files left out. */
export const isSource = (name: string) => /\.tsx?$/.test(name) && !name.endsWith('.d.ts');
