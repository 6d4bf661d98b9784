// CPU time per process tree from /proc, so a round's cost reads in CPU-ms per operation whatever else the
// shared machine is running (wall-clock rates there move 3× from run to run; CPU per operation hardly moves).
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

function stat(pid: number): { ppid: number; ms: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    // utime + stime, and cutime + cstime: a Postgres backend that has exited is counted in its postmaster's.
    return { ppid: Number(f[1]), ms: (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * TICK_MS };
  } catch {
    return null;
  }
}

/** CPU-ms used so far by each named root's whole process tree (root included, and children it has reaped). */
export function cpuTrees(roots: Record<string, number>): Record<string, number> {
  const procs = new Map<number, { ppid: number; ms: number }>();
  for (const d of readdirSync('/proc')) {
    const pid = Number(d);
    if (!pid) continue;
    const s = stat(pid);
    if (s) procs.set(pid, s);
  }
  const out: Record<string, number> = {};
  for (const [name, root] of Object.entries(roots)) {
    let ms = 0;
    for (const [pid, s] of procs) {
      for (let p = pid, hops = 0; p > 1 && hops < 20; p = procs.get(p)?.ppid ?? 0, hops++) {
        if (p === root) {
          ms += s.ms;
          break;
        }
      }
    }
    out[name] = ms;
  }
  return out;
}

export const cpuDelta = (a: Record<string, number>, b: Record<string, number>) =>
  Object.fromEntries(Object.keys(a).map((k) => [k, b[k]! - a[k]!]));
