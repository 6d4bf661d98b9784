// CI's own figures: the time table's inputs and the production limits' readings, parsed from what the tools print.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { longestFirst, roomFor, tapTotals } from '../lib/spec-pool.ts';
import { activeMs, gzipKiB } from './production-limits.ts';
import { e2eFileTimes, table, unitFileTimes } from './report.ts';
import specTimings, { type TestEvent } from './spec-timings-reporter.ts';

describe('the time table', () => {
  it('lists the slowest files first, failures marked, with the sum', () => {
    const unit = unitFileTimes(
      {
        testResults: [
          { name: '/repo/a.test.ts', startTime: 0, endTime: 2_000, status: 'passed' },
          { name: '/repo/b.test.ts', startTime: 0, endTime: 9_000, status: 'failed' },
        ],
      },
      '/repo',
    );
    expect(unit).toEqual([
      { file: 'a.test.ts', seconds: 2, ok: true },
      { file: 'b.test.ts', seconds: 9, ok: false },
    ]);
    const text = table('slowest unit test files', unit, 1);
    expect(text).toContain('1 slowest of 2 files; 11 s summed');
    expect(text).toContain('9.0 s  ✗ b.test.ts');
    expect(text).not.toContain('a.test.ts');
    expect(e2eFileTimes('e2e/x.spec.ts\t12.5\tok\ne2e/y.spec.ts\t3.0\tfail\n')).toEqual([
      { file: 'e2e/x.spec.ts', seconds: 12.5, ok: true },
      { file: 'e2e/y.spec.ts', seconds: 3, ok: false },
    ]);
  });
});

describe('the browser specs’ seconds', () => {
  it('sums each file’s top-level suites as the runner timed them, not when their events arrived', async () => {
    const file = `${process.cwd()}/e2e/a.spec.ts`;
    const events: TestEvent[] = [
      { type: 'test:enqueue', data: { file, nesting: 0 } },
      { type: 'test:pass', data: { file, nesting: 1, details: { duration_ms: 9_000 } } },
      { type: 'test:pass', data: { file, nesting: 0, details: { duration_ms: 10_000 } } },
      { type: 'test:fail', data: { file, nesting: 0, details: { duration_ms: 2_500 } } },
      { type: 'test:pass', data: { file: `${process.cwd()}/e2e/b.spec.ts`, nesting: 0, details: { duration_ms: 1_000 } } },
    ];
    const lines: string[] = [];
    for await (const line of specTimings(
      (async function* () {
        yield* events;
      })(),
    ))
      lines.push(line);
    expect(lines).toEqual(['e2e/a.spec.ts\t12.5\tfail\n', 'e2e/b.spec.ts\t1.0\tok\n']);
  });
});

describe('the production limits’ readings', () => {
  it('reads wrangler’s gzip total and the startup profile’s active time, and says when a line is missing', () => {
    expect(gzipKiB('Total Upload: 5192.69 KiB / gzip: 1389.21 KiB\nYour Worker has access to')).toBe(1389.21);
    expect(activeMs('│   Sampled time: 586.2 ms\n│   Active: 375.3 ms (including 51.7 ms garbage collection)')).toBe(375.3);
    expect(gzipKiB('no upload line')).toBeNull();
    expect(activeMs('│   Idle: 210.8 ms')).toBeNull();
  });
});

describe('the browser suite’s schedule', () => {
  it('starts the longest specs first, and specs with no record before them', () => {
    const recorded = 'e2e/short.spec.ts\t12.0\ne2e/long.spec.ts\t120.5\ne2e/mid.spec.ts\t40\n';
    expect(longestFirst(['e2e/short.spec.ts', 'e2e/new.spec.ts', 'e2e/long.spec.ts', 'e2e/mid.spec.ts'], recorded)).toEqual([
      'e2e/new.spec.ts',
      'e2e/long.spec.ts',
      'e2e/mid.spec.ts',
      'e2e/short.spec.ts',
    ]);
    expect(longestFirst(['e2e/b.spec.ts', 'e2e/a.spec.ts'], null)).toEqual(['e2e/a.spec.ts', 'e2e/b.spec.ts']);
  });

  it('runs one spec at a time while the unit tests’ marker exists, then the whole concurrency', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spec-pool-'));
    const marker = join(dir, 'busy');
    writeFileSync(marker, '');
    expect(roomFor(2, { marker, at: 1 })).toBe(1);
    rmSync(marker);
    expect(roomFor(2, { marker, at: 1 })).toBe(2);
    expect(roomFor(2, undefined)).toBe(2);
    rmSync(dir, { recursive: true });
  });

  it('sums the specs’ closing counts, and a spec that ended badly without a failing test is a failure', () => {
    const tap = (pass: number, fail: number) => `TAP version 13\n# tests ${pass + fail}\n# pass ${pass}\n# fail ${fail}\n`;
    const runs = [
      { spec: 'a', code: 0, output: tap(3, 0) },
      { spec: 'b', code: 1, output: tap(1, 2) },
      { spec: 'c', code: 1, output: 'SyntaxError: Unexpected token\n' },
    ];
    expect(tapTotals(runs)).toEqual({ tests: 6, pass: 4, fail: 3 });
  });
});
