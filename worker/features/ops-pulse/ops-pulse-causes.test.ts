import { describe, expect, it } from 'vitest';
import { TRANSIENT_IMPORT_ERRORS } from '../ingest';
import {
  emptyImportCause,
  failedImportCause,
  IMPORT_CAUSES,
  importRetryRefusal,
  JOB_CAUSES,
  jobCause,
  jobRetryRefusal,
  KNOWN_CODES,
  OUTCOME_LABELS,
  outcomeLabel,
} from './ops-pulse-causes';

// The one table of causes: every code the stored rows can carry has words, and the permanent ones say what to do.
describe('ops pulse causes', () => {
  it('every known stored code has a label (a new code without one fails here)', () => {
    for (const code of KNOWN_CODES.skip) {
      expect(IMPORT_CAUSES[code], code).toBeDefined();
      expect(IMPORT_CAUSES[code].label).not.toContain('_');
    }
    for (const code of KNOWN_CODES.door) {
      const entry = OUTCOME_LABELS[code];
      expect(entry, code).toBeDefined();
      expect(entry.label('Garmin', 2)).toMatch(/^Garmin/);
      expect(entry.label('Garmin', 2)).not.toContain(`${code}:`);
    }
    for (const entry of Object.values(IMPORT_CAUSES))
      if (entry.kind === 'permanent') expect(entry.advice).toMatch(/^Retrying .*: ask the athlete/);
    for (const code of KNOWN_CODES.job) {
      expect(JOB_CAUSES[code], code).toBeDefined();
      if (JOB_CAUSES[code].kind === 'permanent') expect(JOB_CAUSES[code].advice, code).toMatch(/^Retrying /);
    }
  });

  it('a job’s stored cause: permanent ones refuse a retry, passing and unknown ones (free text from before the codes) allow it', () => {
    expect(jobCause('auth_revoked')).toMatchObject({ code: 'auth_revoked', class: 'permanent' });
    expect(jobCause('provider_5xx')).toMatchObject({ class: 'retryable' });
    expect(jobCause('Strava answered 500')).toMatchObject({ code: 'unknown', class: 'unknown', kind: 'transient' });
    expect(jobRetryRefusal({ status: 'error', lastError: 'file_unreadable' })).toMatch(/^Not retried: a file the importer cannot read\. /);
    expect(jobRetryRefusal({ status: 'error', lastError: 'timeout' })).toBeNull();
    expect(jobRetryRefusal({ status: 'error', lastError: null })).toBeNull();
    // A stuck job is retried whatever its last deferral said.
    expect(jobRetryRefusal({ status: 'running', lastError: 'auth_revoked' })).toBeNull();
  });

  it('labels door outcomes in words, and only what is not normal work counts as a rejection', () => {
    expect(outcomeLabel('garmin', 'files:10')).toEqual({ label: 'Garmin: 10 new files announced, download queued', rejected: false });
    expect(outcomeLabel('garmin', 'unconfirmed:3')).toEqual({
      label: 'Garmin still lists the athlete: deregistration ping ignored (3)',
      rejected: true,
    });
    expect(outcomeLabel('polar', 'files:1 unknown:2').label).toBe(
      'Polar: 1 new file announced, download queued; Polar: 2 notices for an athlete not connected here',
    );
    expect(outcomeLabel('strava', 'unknown_owner')).toEqual({ label: 'Strava: event for an athlete not connected here', rejected: true });
    // A code this table does not know yet is shown as stored and counted, never hidden.
    expect(outcomeLabel('garmin', 'teleported:4')).toEqual({ label: 'Garmin: teleported:4', rejected: true });
  });

  it('classifies imports: not a FIT file is permanent, a crash is transient', () => {
    expect(emptyImportCause([{ reason: 'malformed_fit' }])).toEqual({ code: 'malformed_fit', kind: 'permanent' });
    expect(emptyImportCause([{ reason: 'malformed_fit' }, { reason: 'malformed_xml' }, { reason: 'malformed_fit' }]).kind).toBe(
      'permanent',
    );
    expect(emptyImportCause([]).kind).toBe('transient');
    expect(emptyImportCause([{ reason: 'something_new' }]).kind).toBe('transient');
    for (const message of TRANSIENT_IMPORT_ERRORS) expect(IMPORT_CAUSES[failedImportCause(message)].kind).toBe('transient');
    expect(failedImportCause('The archive is not a readable ZIP file.')).toBe('archive_refused');

    const base = { status: 'done', error: null, imported: 0, duplicates: 0 };
    expect(importRetryRefusal({ ...base, skipped: [{ reason: 'malformed_fit' }] })).toMatch(/ask the athlete for the original file/);
    expect(importRetryRefusal({ ...base, skipped: [] })).toBeNull();
    expect(importRetryRefusal({ ...base, status: 'error', error: TRANSIENT_IMPORT_ERRORS[0]!, skipped: [] })).toBeNull();
    expect(importRetryRefusal({ ...base, status: 'error', error: 'Too many entries in the archive.', skipped: [] })).toMatch(
      /^Not retried: the archive was refused\./,
    );
  });
});
