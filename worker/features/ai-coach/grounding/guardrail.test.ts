import { describe, expect, it } from 'vitest';
import { ASK_RETURN_DATE_TEXT, EMERGENCY_TEXT, guardrail, MEDICAL_TEXT } from './guardrail';

const TODAY = '2026-11-21';
const none = { returnDate: null, recentUserMessages: [] as string[], today: TODAY };

describe('guardrail: medical red flags', () => {
  const emergency = [
    'I had chest pain on my run this morning, should I do intervals tomorrow?',
    'There was some pressure in my chest during the tempo',
    'I fainted after my long run yesterday',
    'I get short of breath even at rest lately',
    'my chest feels tight when I climb',
  ];
  const medical = [
    'I felt dizzy at the end of the intervals',
    'I keep getting palpitations after hard sessions',
    'sharp pain in my knee on the downhill',
    'My knee hurts when I run, can I still do the long run?',
    'The pain is getting worse every week',
    'shin pain since Tuesday',
    'I was lightheaded during the race',
    'my achilles is swollen',
  ];
  for (const q of emergency)
    it(`refers to emergency care: ${q}`, () => {
      expect(guardrail(q, none)).toEqual({ kind: 'medical', text: EMERGENCY_TEXT, emergency: true });
    });
  for (const q of medical)
    it(`stops training advice: ${q}`, () => {
      expect(guardrail(q, none)).toEqual({ kind: 'medical', text: MEDICAL_TEXT, emergency: false });
    });
  const fine = [
    'What was my fastest run last month?',
    'My chest strap heart rate looks off, is my avg HR right?',
    'No pain at all this week, should I add a tempo?',
    'the knee is pain-free now',
    'it no longer hurts, how should I build back?',
    'Which workout is on Saturday?',
  ];
  for (const q of fine)
    it(`lets through: ${q}`, () => {
      const g = guardrail(q, none);
      expect(g?.kind).not.toBe('medical');
    });
  it('texts refer to a professional and stop advice', () => {
    expect(MEDICAL_TEXT).toMatch(/doctor or a physiotherapist/);
    expect(EMERGENCY_TEXT).toMatch(/emergency/);
  });
});

describe('guardrail: coming back', () => {
  const comingBack = [
    "I'm coming back from a knee injury, how does my running compare?",
    'Since I got back, what was my fastest run?',
    'Returning from illness: am I faster than before?',
    'How is my comeback going?',
    'post-injury, how many runs have I done?',
    'After my surgery I started again, how far did I run last week?',
    'after pregnancy, where am I at?',
  ];
  for (const q of comingBack)
    it(`asks for the return date: ${q}`, () => {
      expect(guardrail(q, none)).toEqual({ kind: 'ask_return_date', text: ASK_RETURN_DATE_TEXT });
    });

  it('takes a date in the message as the return date', () => {
    expect(guardrail("I'm back from injury since 2026-10-05, what was my longest run?", none)).toEqual({
      kind: 'return_date',
      date: '2026-10-05',
      question: "I'm back from injury since 2026-10-05, what was my longest run?",
    });
    expect(guardrail('Coming back from a break that ended October 12, how is it going?', none)).toMatchObject({
      kind: 'return_date',
      date: '2026-10-12',
    });
    expect(guardrail('I came back from the flu 3 weeks ago, how far have I run?', none)).toMatchObject({
      kind: 'return_date',
      date: '2026-10-31',
    });
  });

  it('a reply with only the date resumes the question that asked', () => {
    const asked = "I'm coming back from injury, what was my fastest run?";
    expect(guardrail('October 5', { ...none, recentUserMessages: [asked] })).toEqual({
      kind: 'return_date',
      date: '2026-10-05',
      question: asked,
    });
    expect(guardrail('2026-09-28', { ...none, recentUserMessages: ['hello', asked] })).toMatchObject({
      date: '2026-09-28',
      question: asked,
    });
  });

  it('a December date without a year is last year (never in the future)', () => {
    expect(guardrail('back from injury since December 3', none)).toMatchObject({ kind: 'return_date', date: '2025-12-03' });
    expect(guardrail('back from injury since 2026-12-03', none)).toEqual({ kind: 'ask_return_date', text: ASK_RETURN_DATE_TEXT });
  });

  it('does nothing once the return date is known', () => {
    expect(guardrail('Since I got back, what was my fastest run?', { ...none, returnDate: '2026-10-05' })).toBeNull();
  });

  it('coming back said earlier: comparisons ask, other questions pass', () => {
    const recent = ["I'm just back from a stress fracture"];
    expect(guardrail('what was my fastest run?', { ...none, recentUserMessages: recent })).toEqual({
      kind: 'ask_return_date',
      text: ASK_RETURN_DATE_TEXT,
    });
    expect(guardrail('what is on my plan on Saturday?', { ...none, recentUserMessages: recent })).toBeNull();
    expect(guardrail('what was my fastest run?', { ...none, recentUserMessages: [...recent, 'I restarted on November 2'] })).toMatchObject({
      kind: 'return_date',
      date: '2026-11-02',
    });
  });

  it('ignores unrelated questions', () => {
    expect(guardrail('How far did I run last month?', none)).toBeNull();
    expect(guardrail('What is my fitness today?', none)).toBeNull();
  });

  it('medical flags win over coming back', () => {
    expect(guardrail("I'm coming back from injury but my knee hurts when I run", none)?.kind).toBe('medical');
  });
});
