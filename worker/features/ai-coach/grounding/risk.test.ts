import { describe, expect, it } from 'vitest';
import type { Risk } from '../coach.types';
import { classifyRisk } from './risk';

const TABLE: [string, Risk][] = [
  // high: injury, illness, pain, coming back, load spikes, race-week changes
  ['My knee hurts after long runs, what should I do?', 'high'],
  ['I think I have shin splints', 'high'],
  ['I have the flu, should I run tomorrow?', 'high'],
  ['I caught a cold, can I still do intervals?', 'high'],
  ['I had chest pain during my run', 'high'],
  ['I felt dizzy at the end of the session', 'high'],
  ["I'm coming back from a stress fracture, how should I build up?", 'high'],
  ['How is my comeback going?', 'high'],
  ['Is my ramp rate too high?', 'high'],
  ['I want to double my mileage next week', 'high'],
  ['Am I overtraining?', 'high'],
  ['I feel exhausted and not recovering between sessions', 'high'],
  ['My race is this weekend, should I swap the long run?', 'high'],
  ['How should I taper for the marathon?', 'high'],
  ['Can I increase my volume by 30 percent?', 'high'],
  ['After my surgery, when can I start intervals?', 'high'],
  ['my achilles is sore in the morning', 'high'],
  // medium: coaching advice, plan changes
  ['Should I do intervals or tempo on Thursday?', 'medium'],
  ['How do I get faster at 10k?', 'medium'],
  ['Can you move my long run to Sunday?', 'medium'],
  ['Skip tomorrow’s workout please', 'medium'],
  ['What pace should I run my easy runs at?', 'medium'],
  ['Is it ok to run two days in a row?', 'medium'],
  ['Any tips for my first half marathon?', 'medium'],
  ['Why is my heart rate higher on hills?', 'medium'],
  ['Make Saturday shorter and add a rest day', 'medium'],
  // low: summaries and lookups
  ['What was my fastest run last month?', 'low'],
  ['How far did I run this week?', 'low'],
  ['How many rides this year?', 'low'],
  ['When did I last swim?', 'low'],
  ['Summarize my training in October', 'low'],
  ["What's my fitness today?", 'low'],
  ['What is on my plan this week?', 'low'],
  ['Show my personal bests', 'low'],
  ['What was my longest ride in 2026?', 'low'],
];

describe('classifyRisk', () => {
  it('has a table of at least 30 questions', () => expect(TABLE.length).toBeGreaterThanOrEqual(30));
  for (const [q, risk] of TABLE) it(`${risk}: ${q}`, () => expect(classifyRisk(q)).toBe(risk));

  it('advice while coming back is high; lookups stay low', () => {
    expect(classifyRisk('Should I add a tempo run?', { returnDate: '2026-10-05' })).toBe('high');
    expect(classifyRisk('Should I add a tempo run?', { recentUserMessages: ["I'm back from injury"] })).toBe('high');
    expect(classifyRisk('How far did I run this week?', { returnDate: '2026-10-05' })).toBe('low');
  });

  it('is deterministic', () => {
    for (const [q] of TABLE) expect(classifyRisk(q)).toBe(classifyRisk(q));
  });
});
