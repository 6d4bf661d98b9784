// The API fuzz test's targets for ai-coach's operations (worker/http/api-fuzz.test.ts collects every feature's):
// real rows made for each operation alone, so its valid request succeeds and its mutations reach as deep as they can.
import { coachMessages } from '../../db/schema';
import { giveTier } from '../../testing/scenarios';
import { type TargetSpec, proposalTarget } from '../../http/api-fuzz-kit.testing';

export const fuzzTargets: Record<string, TargetSpec> = {
  // AI coach: proposals and a failed answer to retry.
  'POST /api/v1/ai-coach/proposals/{id}/confirm': { consumes: true, make: async (k) => proposalTarget(k) },
  'POST /api/v1/ai-coach/proposals/{id}/reject': { consumes: true, make: async (k) => proposalTarget(k) },
  'POST /api/v1/ai-coach/messages/{id}/retry': {
    consumes: true,
    make: async (k) => {
      const p = await k.person();
      await giveTier(k.h, p.id, 'pro');
      const conv = await k.ok<{ conversation: { id: string } }>('/api/v1/ai-coach/conversations', {
        cookie: p.cookie,
        body: { title: 'Fuzz' },
      });
      const conversationId = conv.conversation.id;
      const [q] = await k.h.db
        .insert(coachMessages)
        .values({ conversationId, userId: p.id, role: 'user', content: 'How was my week?', clientMessageId: `fuzz-${crypto.randomUUID()}` })
        .returning({ id: coachMessages.id });
      const [a] = await k.h.db
        .insert(coachMessages)
        .values({ conversationId, userId: p.id, role: 'assistant', status: 'failed', errorCode: 'PROVIDER_ERROR', replyTo: q!.id })
        .returning({ id: coachMessages.id });
      return { cookie: p.cookie, params: { id: a!.id } };
    },
  },
};
