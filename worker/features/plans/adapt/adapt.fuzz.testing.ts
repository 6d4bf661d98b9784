// The API fuzz test's targets for the adaptive plan changes (issue 58): each decision on a change of its own (an
// illness the athlete noted), so a valid request succeeds and a mutation reaches as deep as it can.
import { addDays } from '../../../lib/dates';
import { type Kit, REASON, type Target, type TargetSpec } from '../../../http/api-fuzz-kit.testing';

/** A Pro athlete with a plan and an illness noted 3–4 days ahead: its proposal (proposed) and the note. */
async function noted(k: Kit) {
  const p = await k.planAthlete();
  const r = await k.ok<{ note: { id: string }; proposals: { id: string }[] }>(`/api/v1/plans/${p.plan.id}/health-notes`, {
    cookie: p.cookie,
    body: { kind: 'illness', from: addDays(p.today, 3), to: addDays(p.today, 4), note: REASON },
  });
  return { ...p, noteId: r.note.id, adaptationId: r.proposals[0]!.id };
}

const decision = async (k: Kit, confirmFirst: boolean): Promise<Target> => {
  const p = await noted(k);
  if (confirmFirst) await k.ok(`/api/v1/plans/${p.plan.id}/adaptations/${p.adaptationId}/confirm`, { cookie: p.cookie, body: {} });
  return { cookie: p.cookie, params: { planId: p.plan.id, adaptationId: p.adaptationId } };
};

export const fuzzTargets: Record<string, TargetSpec> = {
  'GET /api/v1/plans/{planId}/adaptations': { make: async (k) => decision(k, false) },
  'POST /api/v1/plans/{planId}/adaptations/{adaptationId}/confirm': { consumes: true, make: async (k) => decision(k, false) },
  'POST /api/v1/plans/{planId}/adaptations/{adaptationId}/dismiss': { consumes: true, make: async (k) => decision(k, false) },
  'POST /api/v1/plans/{planId}/adaptations/{adaptationId}/undo': { consumes: true, make: async (k) => decision(k, true) },
  'PUT /api/v1/plans/{planId}/adapt-settings': {
    make: async (k) => {
      const p = await k.planAthlete();
      return { cookie: p.cookie, params: { planId: p.plan.id }, body: { auto: true } };
    },
  },
  'POST /api/v1/plans/{planId}/race-date': {
    consumes: true,
    make: async (k) => {
      const p = await k.planAthlete();
      return { cookie: p.cookie, params: { planId: p.plan.id }, body: { date: addDays(p.plan.eventDate!, 14) } };
    },
  },
  'GET /api/v1/plans/{planId}/health-notes': { make: async (k) => decision(k, false) },
  'POST /api/v1/plans/{planId}/health-notes': {
    consumes: true,
    make: async (k) => {
      const p = await k.planAthlete();
      return {
        cookie: p.cookie,
        params: { planId: p.plan.id },
        body: { kind: 'injury', from: addDays(p.today, 2), to: null, note: REASON },
      };
    },
  },
  'POST /api/v1/plans/{planId}/health-notes/{noteId}/end': {
    consumes: true,
    make: async (k) => {
      const p = await noted(k);
      return { cookie: p.cookie, params: { planId: p.plan.id, noteId: p.noteId }, body: { to: addDays(p.today, 3) } };
    },
  },
};
