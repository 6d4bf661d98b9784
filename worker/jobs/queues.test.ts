import { describe, expect, it } from 'vitest';
import { consumers, queueKind, retryDelaySeconds } from './queues';

describe('queue dispatch', () => {
  it('backs off exponentially, capped at ten minutes', () => {
    expect([1, 2, 3, 4, 10].map(retryDelaySeconds)).toEqual([10, 20, 40, 80, 600]);
  });

  it('routes per-environment queue names to the same consumer', () => {
    expect(queueKind('cadence-notify-production')).toBe('cadence-notify');
    expect(queueKind('cadence-notify-staging')).toBe('cadence-notify');
    expect(queueKind('cadence-notify')).toBe('cadence-notify');
  });

  it('the urgent lane is consumed by the notify consumer in every environment', () => {
    expect(queueKind('cadence-notify-urgent-production')).toBe('cadence-notify-urgent');
    expect(queueKind('cadence-notify-urgent-staging')).toBe('cadence-notify-urgent');
    expect(consumers['cadence-notify-urgent']).toBe(consumers['cadence-notify']);
  });
});
