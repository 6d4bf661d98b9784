import { describe, expect, it } from 'vitest';
import { fixFor } from './ops-pulse-ingest';
import { readBudget, type BudgetSnapshot } from './ops-pulse.service';

// The pulse's pure rules: how the budget snapshot reads now, and when "Resume now" is offered.
const W = 900_000;
const D = 86_400_000;
const now = Date.UTC(2026, 10, 23, 20, 5);
const windowStart = Math.floor(now / W) * W;
const dayStart = Math.floor(now / D) * D;
const snap = (over: Partial<BudgetSnapshot> = {}): BudgetSnapshot => ({
  limits: { short: 200, daily: 2000, readShort: 100, readDaily: 1000 },
  windowStart,
  dayStart,
  used: { short: 40, daily: 500, readShort: 40, readDaily: 500 },
  blockedUntil: 0,
  lastSeen: { a: windowStart / W, b: windowStart / W - 1, old: windowStart / W - 5 },
  ...over,
});

describe('readBudget', () => {
  it('reads the current window and day, and who is still competing', () => {
    const b = readBudget(snap(), now, W, D);
    expect(b).toMatchObject({ used: { short: 40, readShort: 40, daily: 500 }, hasRoom: true, blockedUntil: null, competingAthletes: 2 });
    expect(b.windowEndsAt).toBe(new Date(windowStart + W).toISOString());
  });

  it('a window that rolled over since the snapshot is empty again', () => {
    const b = readBudget(
      snap({ windowStart: windowStart - W, used: { short: 200, daily: 500, readShort: 100, readDaily: 500 } }),
      now,
      W,
      D,
    );
    expect(b.used).toMatchObject({ short: 0, readShort: 0, daily: 500 });
    expect(b.hasRoom).toBe(true);
  });

  it('no room when blocked after a 429 or when the window is spent', () => {
    expect(readBudget(snap({ blockedUntil: now + 60_000 }), now, W, D)).toMatchObject({
      hasRoom: false,
      blockedUntil: new Date(now + 60_000).toISOString(),
    });
    expect(readBudget(snap({ used: { short: 100, daily: 500, readShort: 100, readDaily: 500 } }), now, W, D).hasRoom).toBe(false);
  });
});

describe('resume now', () => {
  const room = readBudget(snap(), now, W, D);
  it('is offered only with the brake off and room in the budget, and says why not otherwise', () => {
    expect(fixFor('resume-athlete', 'u', { paused: false, budget: room })).toMatchObject({
      available: true,
      path: '/api/v1/admin/ops/athletes/u/resume',
    });
    expect(fixFor('resume-athlete', 'u', { paused: true, budget: room })).toMatchObject({
      available: false,
      note: expect.stringMatching(/brake/),
    });
    expect(fixFor('resume-athlete', 'u', { paused: false, budget: null })).toMatchObject({ available: false });
    const spent = readBudget(snap({ blockedUntil: now + 1 }), now, W, D);
    expect(fixFor('resume-athlete', 'u', { paused: false, budget: spent })).toMatchObject({
      available: false,
      note: expect.stringMatching(/budget/),
    });
  });

  it('the athlete-page actions carry no API path (the operator actions run them)', () => {
    expect(fixFor('retry-ingestion', 'u', { paused: false, budget: null })).toMatchObject({ path: null, permission: 'ingestion.retry' });
  });
});
