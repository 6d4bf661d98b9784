// A coach's assistant reads a client with the `ai` use (ADR 108): that is safe only while every source the `ai` use
// allows is one a coach may see too. The table is data (ADR 036), so this holds it by construction, in every mode.
import { describe, expect, it } from 'vitest';
import { POLICY_MODES, policyFor } from '../../activities';

describe('the coach’s assistant’s data use', () => {
  it('every source the `ai` use allows, a coach may see, in every mode', () => {
    for (const mode of POLICY_MODES) {
      const policy = policyFor(mode);
      const coach = new Set(policy.sourcesFor('coach'));
      const ai = policy.sourcesFor('ai');
      expect(ai.length, mode).toBeGreaterThan(0);
      expect(
        ai.filter((s) => !coach.has(s)),
        `${mode}: sources an AI may read that a coach may not`,
      ).toEqual([]);
    }
  });
});
