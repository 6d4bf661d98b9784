// Child-process plumbing for the dev stack: process groups, prefixed output, readiness polling.
import { spawn } from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** Keeps the last lines of a quiet child's output, to show when it fails. */
export class Tail {
  lines: string[] = [];
  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length > 200) this.lines.shift();
  }
  toString(): string {
    return this.lines.join('\n');
  }
}

/** Sends each line of `stream` to `log` with a prefix, and to `tail`. */
export function pipeLines(stream: Readable | null, prefix: string, tail: Tail, log: ((line: string) => void) | null): void {
  if (!stream) return;
  createInterface({ input: stream }).on('line', (line) => {
    tail.push(line);
    log?.(`${prefix}${line}`);
  });
}

/** Runs a command to completion; rejects with its output tail on a non-zero exit. */
export function run(cmd: string, args: string[], opts: SpawnOptions & { quiet: boolean }): Promise<void> {
  const { quiet, ...spawnOpts } = opts;
  return new Promise((resolve, reject) => {
    const tail = new Tail();
    const child = spawn(cmd, args, { ...spawnOpts, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    pipeLines(child.stdout, '', tail, null);
    pipeLines(child.stderr, '', tail, null);
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? `exit ${code}`})\n${tail}`)),
    );
  });
}

/** Spawns `cmd` as the leader of a new process group, so the whole tree can be signalled at once. */
export function spawnGroup(cmd: string, args: string[], opts: SpawnOptions): ChildProcess {
  const child = spawn(cmd, args, { ...opts, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid;
  // Last resort if this process dies without a clean stop: never leave the group running.
  const onExit = () => {
    if (pid) signalGroup(pid, 'SIGKILL');
  };
  process.on('exit', onExit);
  child.once('exit', () => process.off('exit', onExit));
  return child;
}

function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // ESRCH: the group is gone
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** SIGINT to the group, then SIGKILL if anything in it is still alive after `graceMs`. */
export async function stopGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  const pid = child.pid;
  if (!pid || !signalGroup(pid, 'SIGINT')) return;
  const deadline = Date.now() + graceMs;
  // Signal 0 only probes; the leader exiting is not enough, workerd may outlive it.
  while (Date.now() < deadline) {
    if (!signalGroup(pid, 0)) return;
    await sleep(100);
  }
  signalGroup(pid, 'SIGKILL');
}

/** Kills the whole group at once (no grace): a crash, not a shutdown. */
export function killGroup(child: ChildProcess): void {
  if (child.pid) signalGroup(child.pid, 'SIGKILL');
}

/** Polls `url` until it answers 200; fails early if `alive()` turns false or `signal` aborts. */
export async function waitForOk(url: string, opts: { timeoutMs: number; alive: () => boolean; signal?: AbortSignal }): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    opts.signal?.throwIfAborted();
    if (!opts.alive()) throw new Error(`process exited before ${url} answered`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.body?.cancel();
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer 200 within ${opts.timeoutMs / 1000} s (last: ${last})`);
}

/** Resolves `promise`, or gives up quietly after `ms` (for shutdown steps that may wait on the dead). */
export function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([promise, sleep(ms).then(() => undefined)]);
}
