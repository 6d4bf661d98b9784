// The data-use policy end to end: Strava-sourced activities never reach a model (Anthropic or the
// Mistral fallback), whatever the athlete asks; file and manual data do; the answer says what was
// withheld and how to bring it in. Every request body the LLM sandbox received is searched.
import { describe, expect, it } from 'vitest';
import { Harness } from '../../../testing/harness';
import { llmRequests, scriptLlm } from '../../../testing/llm-sandbox';
import type { HistoryEntry } from '../../../testing/scenarios';
import { askJson, coachAthlete, conversation, toolCallsOf } from './e2e.testing';
import type { CoachMessageView } from '../coach.types';
import { states } from '../../../testing/figures';

const tag = () => crypto.randomUUID().slice(0, 8);

/** Strava rows with numbers no file row has (17 777 m in 1:32:35; 55 555 m in 2:27:07). */
function stravaRows(t: string): HistoryEntry[] {
  return [
    {
      daysAgo: 2,
      source: 'strava',
      externalId: `9917777${t}`,
      name: `Strava Zebra Run ${t}`,
      distanceM: 17_777,
      movingTimeS: 5555,
      elapsedTimeS: 5600,
      avgHr: 163,
      detailComplete: false,
    },
    {
      daysAgo: 9,
      source: 'strava',
      sport: 'ride',
      sportOriginal: 'Ride',
      externalId: `9955555${t}`,
      name: `Strava Zebra Ride ${t}`,
      distanceM: 55_555,
      movingTimeS: 8827,
      elapsedTimeS: 8900,
      avgHr: 131,
      detailComplete: false,
    },
    {
      daysAgo: 20,
      source: 'strava',
      externalId: `9933333${t}`,
      name: `Strava Zebra Tempo ${t}`,
      distanceM: 13_131,
      movingTimeS: 3737,
      elapsedTimeS: 3800,
      avgHr: 167,
      detailComplete: false,
    },
  ];
}
const fileRows = (t: string): HistoryEntry[] => [
  { daysAgo: 1, source: 'fit_upload', name: `File Tempo ${t}`, distanceM: 10_000, movingTimeS: 2700, elapsedTimeS: 2760 },
  { daysAgo: 4, source: 'manual', name: `Manual Easy ${t}`, distanceM: 5000, movingTimeS: 1650, elapsedTimeS: 1700 },
  { daysAgo: 7, source: 'gpx_upload', name: `Gpx Long ${t}`, distanceM: 21_100, movingTimeS: 6540, elapsedTimeS: 6600 },
  { daysAgo: 12, source: 'tcx_upload', name: `Tcx Steady ${t}`, distanceM: 8000, movingTimeS: 2400, elapsedTimeS: 2460 },
];

/** Everything only a Strava row could put into a request: ids, external ids, names and numbers as tools write them. */
function stravaMarkers(rows: HistoryEntry[], ids: string[]): string[] {
  return [
    ...ids,
    ...rows.flatMap((r) => [r.externalId!, r.name!]),
    'Zebra',
    '17777',
    '17.78',
    '11.05', // 17 777 m in miles
    '1:32:35',
    '55555',
    '55.56',
    '2:27:07',
    '13131',
    '13.13',
    '1:02:17',
  ];
}

// A number is looked for as a figure, never as digits inside an id (a random uuid holds "13131" now and then).
const leaks = (bodies: string[], markers: string[]) => markers.filter((m) => bodies.some((b) => states(b, m)));

async function everyRequest(userId: string) {
  const all = [...(await llmRequests(userId, 'anthropic')), ...(await llmRequests(userId, 'mistral'))];
  return all.map((r) => ({ provider: r.provider, body: JSON.stringify(r.body) }));
}

const withheldStrava = (m: CoachMessageView) => m.withheld.find((w) => w.source === 'strava')?.count ?? 0;

describe('data-use policy: Strava data never enters a model request', () => {
  it('asked about everything (all data tools, a proposal, a Mistral fallback), no request carries a Strava id, name or number', async () => {
    const h = Harness.init();
    const t = tag();
    const strava = stravaRows(t);
    const a = await coachAthlete(h, { history: [...fileRows(t), ...strava], pro: true, plan: true });
    const stravaIds = a.activityIds.slice(4);
    const fileIds = a.activityIds.slice(0, 4);

    const questions = [
      'How is my fitness trending?',
      'What is my weekly running volume?',
      'What are my personal bests?',
      'Is my aerobic efficiency improving?',
      'What insights do you see in my training?',
      'What should I learn from my 3 fastest runs this month?',
      'Why were my 3 longest activities this month so long?',
      'What do the workouts in my plan look like?',
      'I am exhausted, can you make my plan easier?',
    ];
    const answers: CoachMessageView[] = [];
    for (const q of questions) answers.push(await askJson(h, a, q));
    // One more with Anthropic overloaded: Mistral answers it (and must be clean too).
    await scriptLlm(a.user.id, 'anthropic', [{ status: 529 }]);
    const viaMistral = await askJson(h, a, 'Should I review my activities this month?');
    answers.push(viaMistral);
    expect(viaMistral).toMatchObject({ status: 'complete', model: 'mistral-large-latest' });

    for (const m of answers) expect(m.status, m.content).toBe('complete');
    // The tools that ran, through the model: every data tool the sandbox model can pick, and the proposal.
    const ran = new Set<string>();
    for (const m of answers) for (const c of await toolCallsOf(h, m.id)) ran.add(c.name);
    expect([...ran].sort()).toEqual(
      expect.arrayContaining([
        'get_efficiency',
        'get_fitness',
        'get_insights',
        'get_personal_bests',
        'get_plan',
        'get_weekly_volume',
        'propose_plan_change',
        'query_activities',
      ]),
    );
    expect(answers.some((m) => m.proposal !== null)).toBe(true);

    const requests = await everyRequest(a.user.id);
    expect(requests.filter((r) => r.provider === 'mistral').length).toBeGreaterThan(0);
    expect(requests.length).toBeGreaterThanOrEqual(questions.length * 2);
    expect(
      leaks(
        requests.map((r) => r.body),
        stravaMarkers(strava, stravaIds),
      ),
    ).toEqual([]);
    // Stored tool results (what the model read) are clean too.
    const stored: string[] = [];
    for (const m of answers) for (const c of await toolCallsOf(h, m.id)) stored.push(JSON.stringify(c.result));
    expect(leaks(stored, stravaMarkers(strava, stravaIds))).toEqual([]);

    // The file-sourced data is what the model saw: its names and ids are in the requests.
    const joined = requests.map((r) => r.body).join('\n');
    for (const id of fileIds) expect(joined).toContain(id);
    expect(joined).toContain(`File Tempo ${t}`);
    expect(joined).toContain(`Gpx Long ${t}`);

    // The answer says what it could not use, and how to bring it in.
    const activities = answers[6]!;
    expect(withheldStrava(activities)).toBeGreaterThan(0);
    expect(activities.content).toMatch(/Strava/);
    expect(activities.content).toMatch(/import them from a file or a Garmin export/);
    expect(leaks([activities.content, ...answers.map((m) => m.content)], stravaMarkers(strava, stravaIds))).toEqual([]);
  });

  it('a Strava-only athlete hears there is no usable data and how to import it, with no Strava numbers', async () => {
    const h = Harness.init();
    const t = tag();
    const strava = stravaRows(t);
    const a = await coachAthlete(h, { history: strava });
    const answer = await askJson(h, a, 'What should I learn from my runs this month?');
    expect(answer.status).toBe('complete');
    expect(answer.content).toMatch(/no (runs|activities)/i);
    expect(answer.content).toMatch(/Strava/);
    expect(answer.content).toMatch(/import/i);
    expect(withheldStrava(answer)).toBe(2);
    expect(answer.receipts).toEqual([]);
    const requests = await everyRequest(a.user.id);
    expect(requests.length).toBeGreaterThan(0);
    expect(leaks([answer.content, ...requests.map((r) => r.body)], stravaMarkers(strava, a.activityIds))).toEqual([]);
    const detail = await conversation(h, a);
    expect(detail.messages[1]!.id).toBe(answer.id);
  });
});
