// Where a "coming back" return date may come from, over generated conversations run as a turn runs
// them (each return date the guardrail reads is stored and passed to the next message): only from the
// message that says the athlete is coming back, or from their reply to the coach asking for it. A date
// in any other question — before the statement, or after the coach moved on — is never taken.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import { ASK_RETURN_DATE_TEXT, type GuardrailOutcome, guardrail } from './guardrail';
import { agoIn, dateIn } from './windows';

const TODAY = '2026-11-25';
const RUNS = { numRuns: 300, seed: 20_261_125 };
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A past date as athletes write it (all within two years, so each would be a plausible return date). */
const writtenDate = fc.oneof(
  fc.integer({ min: 1, max: 600 }).map((n) => addDays(TODAY, -n)),
  fc.record({ m: fc.integer({ min: 0, max: 11 }), d: fc.integer({ min: 1, max: 28 }) }).map(({ m, d }) => `${MONTHS[m]} ${d}`),
  fc.record({ m: fc.integer({ min: 0, max: 11 }), d: fc.integer({ min: 1, max: 28 }) }).map(({ m, d }) => `${d} ${MONTHS[m]!.slice(0, 3)}`),
  fc.integer({ min: 1, max: 10 }).map((n) => `${n} weeks ago`),
  fc.integer({ min: 2, max: 60 }).map((n) => `${n} days ago`),
);
/** What a written date means today. */
const meant = (written: string) => dateIn(written, TODAY) ?? agoIn(written, TODAY);

/** Questions about a day: the date in them is about that day, not a return. */
const DATED_QUESTIONS = [
  'What did I do on {date}?',
  'How far did I run on {date}?',
  'Was my ride on {date} my longest this year?',
  'What was my average pace on {date}?',
  'Did I train on {date}?',
  'Show me the workout from {date}',
  'How did {date} compare with last week?',
  'My race was on {date}, what was my time?',
  'Which workout was planned for {date}?',
];
const COMING_BACK = [
  "I'm coming back from an injury, how should I restart?",
  'I am returning from illness, what should this week look like?',
  'Getting back into running after a break, any advice?',
  'Post-injury, how should I build up again?',
  "I'm back after surgery, where do I start?",
  'After my layoff, how much should I run?',
  'How is my comeback going?',
  "I'm just back from a long break",
];
/** Follow-ups with no date: comparisons (the coach asks for the date again) and neutral questions. */
const FOLLOW_UPS = ['What was my fastest run?', 'Am I getting better?', 'How many runs have I done?'];
const NEUTRAL = ['What should I do tomorrow?', 'Which workout is on my plan this week?', 'Should I stretch more?'];
const REPLIES = ['{date}', 'I started again on {date}', 'Since {date}', 'I restarted {date}'];

const dated = fc.tuple(fc.constantFrom(...DATED_QUESTIONS), writtenDate).map(([t, d]) => t.replace('{date}', d));
const unrelated = fc.array(dated, { minLength: 1, maxLength: 5 });

/** The conversation as turns run it: each message sees the messages before it and the return date stored so far. */
function converse(messages: string[]): { stored: string | null; outcomes: (GuardrailOutcome | null)[] } {
  let stored: string | null = null;
  const outcomes = messages.map((text, i) => {
    const g = guardrail(text, { returnDate: stored, recentUserMessages: messages.slice(0, i), today: TODAY });
    if (g?.kind === 'return_date') stored = g.date;
    return g;
  });
  return { stored, outcomes };
}

describe('the return date comes only with "coming back" or as the reply to the coach asking for it', () => {
  it('the reported case: a date asked about first never becomes the return date', () => {
    const { stored, outcomes } = converse(['What did I do on 2026-11-22?', "I'm coming back from an injury, how should I restart?"]);
    expect(outcomes[1]).toEqual({ kind: 'ask_return_date', text: ASK_RETURN_DATE_TEXT });
    expect(stored).toBeNull();
  });

  it('dates in questions before the statement are never taken; the coach asks', () => {
    fc.assert(
      fc.property(
        unrelated,
        fc.constantFrom(...COMING_BACK),
        fc.array(fc.constantFrom(...FOLLOW_UPS, ...NEUTRAL), { maxLength: 3 }),
        (before, back, after) => {
          const { stored, outcomes } = converse([...before, back, ...after]);
          expect(outcomes[before.length]).toEqual({ kind: 'ask_return_date', text: ASK_RETURN_DATE_TEXT });
          expect(stored).toBeNull();
        },
      ),
      RUNS,
    );
  });

  it('dates in questions after the coach moved on are never taken either', () => {
    // Each dated question follows a neutral one, which the coach answered without asking for the date.
    const later = fc.array(fc.tuple(fc.constantFrom(...NEUTRAL), dated), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(unrelated, fc.constantFrom(...COMING_BACK), later, (before, back, pairs) => {
        const { stored } = converse([...before, back, ...pairs.flat()]);
        expect(stored).toBeNull();
      }),
      RUNS,
    );
  });

  it('a date given with the statement, or as the reply to the question, is the return date', () => {
    fc.assert(
      fc.property(unrelated, fc.constantFrom(...COMING_BACK), writtenDate, fc.constantFrom(...REPLIES), (before, back, date, reply) => {
        const withIt = converse([...before, `${back.replace(/[?.]$/, '')} since ${date}.`]);
        expect(withIt.stored).toBe(meant(date));
        const answered = converse([...before, back, reply.replace('{date}', date)]);
        expect(answered.stored).toBe(meant(date));
        // A reply that only gives the date resumes the statement it answers.
        if (reply === '{date}') expect(answered.outcomes.at(-1)).toMatchObject({ kind: 'return_date', question: back });
      }),
      RUNS,
    );
  });
});
