// Streams for the AI coach page's UI states, served with page.route: the wire format D's CoachSession
// speaks (id = sequence, event = type, data = JSON), with the awkward parts a browser must survive —
// CRLF line ends, `: ping` comments, and a last event without its closing blank line.
import type { CoachStreamEvent, ProposalView } from '../worker/features/ai-coach/browser';

export function sse(events: CoachStreamEvent[], opts: { from?: number; crlf?: boolean; trailing?: boolean } = {}): string {
  const nl = opts.crlf ? '\r\n' : '\n';
  const from = opts.from ?? 1;
  const parts = events.map((e, i) => `: ping${nl}id: ${from + i}${nl}event: ${e.type}${nl}data: ${JSON.stringify(e)}${nl}`);
  // Without `trailing`, every event ends with its blank line; with it, the last one ends at the body's end.
  return parts.map((p, i) => (opts.trailing && i === parts.length - 1 ? p.slice(0, -nl.length) : p + nl)).join('');
}

export const receipts = [
  {
    activityId: '00000000-0000-4000-8000-000000000001',
    date: '2026-11-18',
    name: 'Morning run',
    sport: 'run',
    values: { distance: '10.2 km', pace: '5:01 /km', load: 78 },
  },
  {
    activityId: '00000000-0000-4000-8000-000000000002',
    date: '2026-11-20',
    name: 'Hill repeats',
    sport: 'run',
    values: { distance: '8.4 km', pace: '5:22 /km', load: 96 },
  },
  {
    activityId: '00000000-0000-4000-8000-000000000003',
    date: '2026-11-22',
    name: 'Long run',
    sport: 'run',
    values: { distance: '18.0 km', pace: '5:35 /km', load: 141 },
  },
];

const workout = (over: Partial<ProposalView['diff'][number]['before']> & object) => ({
  id: '00000000-0000-4000-8000-0000000000a1',
  date: '2026-11-25',
  sport: 'run',
  type: 'tempo',
  title: 'Tempo run',
  durationMin: 50,
  targetLoad: 72,
  skipped: false,
  ...over,
});

export function proposal(status: ProposalView['status'] = 'proposed'): ProposalView {
  const applied = status === 'applied';
  return {
    id: '00000000-0000-4000-8000-0000000000b1',
    status,
    planId: '00000000-0000-4000-8000-0000000000c1',
    reason:
      'Your fatigue has climbed faster than your fitness this week; an easier Wednesday and a shorter Saturday give you room to absorb it.',
    riskNotes: [
      'Your long run stays, so the week still builds endurance.',
      'If your legs feel fresh by Friday, you can restore the tempo from the plan.',
    ],
    actions: [
      { kind: 'replace_workout', workoutId: '00000000-0000-4000-8000-0000000000a1', type: 'easy' },
      { kind: 'skip', workoutId: '00000000-0000-4000-8000-0000000000a2' },
    ],
    diff: [
      {
        workoutId: '00000000-0000-4000-8000-0000000000a1',
        before: workout({}),
        after: workout({ type: 'easy', title: 'Easy run', durationMin: 40, targetLoad: 38 }),
      },
      {
        workoutId: '00000000-0000-4000-8000-0000000000a2',
        before: workout({
          id: '00000000-0000-4000-8000-0000000000a2',
          date: '2026-11-28',
          type: 'intervals',
          title: 'Track 6 × 800 m',
          durationMin: 60,
          targetLoad: 88,
        }),
        after: workout({
          id: '00000000-0000-4000-8000-0000000000a2',
          date: '2026-11-28',
          type: 'intervals',
          title: 'Track 6 × 800 m',
          durationMin: 60,
          targetLoad: 88,
          skipped: true,
        }),
      },
    ],
    forecast: { weeks: [{ weekStart: '2026-11-23', loadBefore: 412, loadAfter: 290 }], formBefore: -24, formAfter: -11 },
    error: null,
    planChangeId: applied ? '00000000-0000-4000-8000-0000000000d1' : null,
    createdAt: '2026-11-23T16:00:00.000Z',
    confirmedAt: applied ? '2026-11-23T16:05:00.000Z' : null,
    appliedAt: applied ? '2026-11-23T16:05:01.000Z' : null,
    rejectedAt: null,
  };
}

export const ANSWER_ID = '00000000-0000-4000-8000-0000000000e1';
const turn = (messageId = ANSWER_ID): CoachStreamEvent => ({
  type: 'turn',
  conversationId: '00000000-0000-4000-8000-000000000000',
  messageId,
  replyTo: '00000000-0000-4000-8000-0000000000e0',
  route: 'model',
});

/** An answer in three parts: the first two arrive, the connection drops, the rest comes on reattach. */
export const easierWeek = {
  head: [
    turn(),
    { type: 'tool', name: 'get_fitness', status: 'running', summary: 'Looking at your fitness…' },
    { type: 'tool', name: 'get_fitness', status: 'done', summary: 'Fitness' },
    { type: 'delta', text: 'Your fatigue is running ahead of your fitness: form is **−24**, after 3 hard sessions in 5 days.\n\n' },
    { type: 'delta', text: 'Here is what I would change:\n- Wednesday: an easy 40 min instead of the tempo\n' },
  ] satisfies CoachStreamEvent[],
  tail: [
    { type: 'delta', text: '- Saturday: skip the track session\n\nYour long run on Sunday stays.' },
    { type: 'receipts', receipts },
    { type: 'check', check: { checked: 6, matched: 6, unmatched: [], outcome: 'ok' } },
    { type: 'proposal', proposalId: proposal().id },
    { type: 'done', messageId: ANSWER_ID, status: 'complete' },
  ] satisfies CoachStreamEvent[],
};

/** A turn that ends after partial text with a calm, retryable error. */
export const cutShort: CoachStreamEvent[] = [
  turn('00000000-0000-4000-8000-0000000000f1'),
  { type: 'delta', text: 'Your longest run this month was the Long run on 22 Nov' },
  { type: 'error', code: 'UPSTREAM_TIMEOUT', message: 'Your coach took too long to finish this answer.', retryable: true, partial: true },
];

export const retried: CoachStreamEvent[] = [
  turn('00000000-0000-4000-8000-0000000000f2'),
  { type: 'delta', text: 'Your longest run this month was the Long run on 22 Nov: 18.0 km at 5:35 /km.' },
  { type: 'replace', text: 'Your longest run this month was the Long run on 22 Nov: 18.0 km.', reason: 'a pace without a source' },
  { type: 'receipts', receipts: [receipts[2]!] },
  { type: 'check', check: { checked: 2, matched: 2, unmatched: [], outcome: 'removed' } },
  { type: 'done', messageId: '00000000-0000-4000-8000-0000000000f2', status: 'complete' },
];
