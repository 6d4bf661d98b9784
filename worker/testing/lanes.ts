// Node side: which test files need workerd and which are pure. A test file is pure when nothing it runs
// imports a `cloudflare:*` module (the bindings, `cloudflare:test`, Durable Object bases) or uses one of
// workerd's own globals, following its relative imports to the end; type-only imports run nothing and do not
// count. Pure files run in plain Node (no Miniflare to boot per file); every other one in workerd. Both
// lists come from one walk, so every test file is in exactly one of them.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { filesUnder } from '../../scripts/lib/files.ts';

export interface Lanes {
  /** Test files, repository-relative, that run in plain Node. */
  node: string[];
  /** Test files that run inside workerd. */
  workerd: string[];
}

const TEST_FILE = /\.test\.tsx?$/;
// Static imports and re-exports (clause, then specifier), side-effect imports and dynamic `import('…')`. A
// scan rather than a parse: it runs at every config load, over every module the tests reach.
const STATIC = /(?:^|[\n;])\s*(import|export)\s+([^'";]*?)\s*from\s*['"]([^'"]+)['"]/g;
const BARE = /(?:^|[\n;])\s*import\s*['"]([^'"]+)['"]/g;
// Not `typeof import('…')` or `import('…').Name`: those are types.
const DYNAMIC = /(?<!typeof\s+)\bimport\(\s*['"]([^'"]+)['"]\s*\)(?!\.(?!then\b)[A-Za-z_$])/g;

// Globals workerd has and Node does not, where they are used (constructed or called).
const WORKERD_GLOBALS =
  /\b(?:DigestStream|FixedLengthStream|IdentityTransformStream|HTMLRewriter|WebSocketPair)\s*\(|\bcaches\.default\b|\bscheduler\.wait\s*\(/;

/** `import type …`, `export type …`, or braces whose every name is `type X`: nothing of the target runs. */
function typeOnly(clause: string): boolean {
  if (/^type\s/.test(clause)) return true;
  const braces = /^\{([^}]*)\}$/.exec(clause.trim());
  if (!braces) return false;
  const names = braces[1]!
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  return names.length > 0 && names.every((n) => n.startsWith('type '));
}

/** The specifiers a module loads when it runs. */
export function valueImports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(STATIC)) if (!typeOnly(m[2]!)) out.push(m[3]!);
  for (const m of text.matchAll(BARE)) out.push(m[1]!);
  for (const m of text.matchAll(DYNAMIC)) out.push(m[1]!);
  return out;
}

const walk = (dir: string) => filesUnder(dir);

/** Every test file under the given folders, repository-relative with forward slashes, sorted. */
export function testFiles(root: string, dirs: string[]): string[] {
  return dirs
    .flatMap((d) => walk(join(root, d)))
    .filter((f) => TEST_FILE.test(f))
    .map((f) => relative(root, f).split(sep).join('/'))
    .sort();
}

/** The source file a relative (or `~/`) specifier names; undefined for packages and other files. */
function resolveSource(root: string, fromAbs: string, specifier: string): string | undefined {
  let base: string;
  if (specifier.startsWith('.')) base = resolve(dirname(fromAbs), specifier);
  else if (specifier.startsWith('~/')) base = join(root, 'web/app', specifier.slice(2));
  else return undefined;
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  return candidates.find((c) => /\.tsx?$/.test(c) && existsSync(c) && statSync(c).isFile());
}

/** Where test files live: the app, and the provider sandbox's and the offline basemap's own tests beside it. */
export const TEST_DIRS = ['worker', 'web/app', 'scripts/sandbox', 'scripts/ci', 'scripts/basemap'];

/** Splits the test files under `dirs` into the two lanes. */
export function testLanes(root: string, dirs = TEST_DIRS): Lanes {
  const edges = new Map<string, { workerd: boolean; targets: string[] }>();
  // A module's own value imports: a `cloudflare:*` one, and the source files it loads.
  const edgesOf = (abs: string) => {
    let e = edges.get(abs);
    if (!e) {
      const text = readFileSync(abs, 'utf8');
      const imports = valueImports(text);
      e = {
        workerd: imports.some((i) => i.startsWith('cloudflare:')) || WORKERD_GLOBALS.test(text),
        targets: imports.flatMap((i) => resolveSource(root, abs, i) ?? []),
      };
      edges.set(abs, e);
    }
    return e;
  };
  // Import cycles exist, so each test file walks its own graph; modules known to need workerd end a walk early.
  const needsWorkerd = new Set<string>();
  const reaches = (start: string): boolean => {
    // Breadth first: a workerd test meets the harness or `cloudflare:test` within a step or two.
    const seen = new Set<string>([start]);
    const queue = [start];
    for (let i = 0; i < queue.length; i++) {
      const abs = queue[i]!;
      const e = edgesOf(abs);
      if (e.workerd || needsWorkerd.has(abs)) {
        needsWorkerd.add(start);
        return true;
      }
      for (const t of e.targets) {
        if (seen.has(t)) continue;
        seen.add(t);
        queue.push(t);
      }
    }
    return false;
  };
  const lanes: Lanes = { node: [], workerd: [] };
  for (const file of testFiles(root, dirs)) (reaches(join(root, file)) ? lanes.workerd : lanes.node).push(file);
  return lanes;
}
