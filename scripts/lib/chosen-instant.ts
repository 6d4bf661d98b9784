// A run at a chosen instant (`npm run test:e2e -- --at`, ADR 094): libfaketime moves Postgres and Node by one offset;
// the processes it cannot carry (wrangler and workerd hang, chromium crawls) start without it and get the offset
// another way (the worker's CLOCK_OFFSET_MS, the pages' init script).
export const LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';

/** This process's offset when it runs under libfaketime's relative form (`FAKETIME=+Ns`), else null. */
export const chosenInstant = (() => {
  const match = /^([+-]\d+)s$/.exec(process.env.FAKETIME ?? '');
  return match && process.env.LD_PRELOAD?.includes('faketime') ? { offsetMs: Number(match[1]) * 1000 } : null;
})();

/** The environment for a child moved by `offsetSeconds` (the monotonic clock stays real, for timers). */
export function fakeTimeEnv(env: NodeJS.ProcessEnv, offsetSeconds: number): NodeJS.ProcessEnv {
  return { ...env, LD_PRELOAD: LIBFAKETIME, FAKETIME: `+${offsetSeconds}s`, DONT_FAKE_MONOTONIC: '1' };
}

/** The environment for a child that must run on the real clock. */
export function withoutFakeTime(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { LD_PRELOAD: _preload, FAKETIME: _faketime, ...rest } = env;
  return rest;
}
