// CI's own figures: the time table's inputs and the production limits' readings, parsed from what the tools print.
import { describe, expect, it } from 'vitest';
import { activeMs, gzipKiB } from './production-limits.ts';
import { e2eFileTimes, parsePhases, splitBuild, table, unitFileTimes } from './report.ts';
import specTimings, { type TestEvent } from './spec-timings-reporter.ts';

describe('the time table', () => {
  it('splits `npm test` at vitest’s start into the build and the unit tests', () => {
    const phases = parsePhases('install (apt, npm)\t100\t190\nbuild and unit tests (npm test)\t190\t1400\n');
    const split = splitBuild(phases, 230_000);
    expect(split.map((p) => [p.name, p.end - p.start])).toEqual([
      ['install (apt, npm)', 90],
      ['build (npm test’s pretest)', 40],
      ['unit tests (vitest)', 1170],
    ]);
    // No JSON report (vitest never started): the phase stays whole.
    expect(splitBuild(phases, undefined)).toEqual(phases);
  });

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
