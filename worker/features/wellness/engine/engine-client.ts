// The engine as the worker calls it: findings, questions and the `changed` hook go to the athlete's Durable Object
// (engine.do.ts, state in memory, calls in order); the reader and the full pass stay local (they keep nothing).
import { notFound } from '../../../lib/errors';
import type { Logger } from '../../../lib/logger';
import type { Athlete } from '../../analytics';
import type { WellnessEngine } from './engine.do';
import type { EngineService } from './engine.service';
import type { WellnessFindings, WellnessQuestion } from './findings.schema';

/** The object's methods as the worker calls them: their answers are plain JSON, carried by RPC as they are. */
interface EngineObject {
  findings(a: Athlete): Promise<WellnessFindings>;
  question(a: Athlete, key: string): Promise<WellnessQuestion | null>;
  changed(userId: string, days: string[]): Promise<void>;
}

export function createEngineClient(deps: {
  ns: DurableObjectNamespace<WellnessEngine>;
  /** Built on first use: a findings read or a check-in opens no pool for it. */
  local: () => EngineService;
  logger?: Logger;
}) {
  const of = (userId: string) => deps.ns.get(deps.ns.idFromName(userId)) as unknown as EngineObject;
  return {
    reader: (a: Athlete) => deps.local().reader(a),
    fullPass: (a: Athlete) => deps.local().fullPass(a),

    findings: (a: Athlete) => of(a.id).findings(a),

    questionOrNull: (a: Athlete, key: string) => of(a.id).question(a, key),

    async question(a: Athlete, key: string) {
      const answer = await of(a.id).question(a, key);
      if (!answer) throw notFound('Question');
      return answer;
    },

    /** Hands the days to the athlete's object and returns: the patch runs there, ahead of any later read. */
    async changed(userId: string, days: readonly string[]): Promise<void> {
      if (days.length === 0) return;
      try {
        await of(userId).changed(userId, [...days]);
      } catch (e) {
        // The readings are stored; the object's next read recomputes what this missed.
        deps.logger?.error('wellness engine: hand-over failed', { userId, error: e instanceof Error ? e.name : 'unknown' });
      }
    },
  } satisfies Pick<EngineService, 'reader' | 'fullPass' | 'findings' | 'question' | 'questionOrNull' | 'changed'>;
}

export type EngineClient = ReturnType<typeof createEngineClient>;
