// The api-access bench's "MCP = REST" line: after the timed rounds, the bench athlete is given a few check-ins, a
// plan with a noted illness, three library workouts and a 10K (so those tools have something to say; no GPS ride, so
// no segment), then every row of the script (worker/features/mcp/mcp.equal.script.ts) runs through the v2 MCP client
// and the REST reads it wraps, by session.
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { addDays } from '../worker/lib/dates.ts';
import { describeReport, type EqualReport, runEqualScript } from '../worker/features/mcp/mcp.equal.run.ts';

export async function mcpEqualsRest(base: string, appUrl: string, cookie: string): Promise<EqualReport> {
  const send = async (path: string, method: string, body: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', origin: appUrl, cookie },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { id?: string; today?: string };
    if (!res.ok) throw new Error(`api bench: ${method} ${path} ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const get = async (path: string) => {
    const res = await fetch(`${base}${path}`, { headers: { cookie } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const today = ((await get('/api/v1/analytics/fitness?days=1')).body as { today: string }).today;
  for (let i = 6; i >= 0; i--)
    await send(`/api/v1/wellness/days/${addDays(today, -i)}/check-in`, 'PUT', {
      sleepHours: 7 + (i % 3) * 0.25,
      restingHr: 50 + (i % 4),
      hrvRmssd: 61.3 + i * 1.7,
      fatigue: 1 + (i % 4),
    });
  const plan = await send('/api/v1/plans', 'POST', {
    goal: { kind: 'run_10k', eventDate: addDays(today, 70), eventName: 'Bench 10K' },
    availableDays: [0, 2, 4, 6],
    longDay: 6,
    hoursPerWeek: 5,
    includeStrength: false,
  });
  await send(`/api/v1/plans/${plan.id}/health-notes`, 'POST', { kind: 'illness', from: addDays(today, 2), to: addDays(today, 3) });
  // The library (one structured, two flat) and a 10K before the plan's race, for the library and race_plan rows.
  for (const w of [
    { sport: 'run', type: 'easy', title: 'Easy hour', durationSec: 3600, targetLoad: 50 },
    { sport: 'bike', type: 'long', title: 'Long ride', durationSec: 10_800, distanceM: 80_000, targetLoad: 160 },
    {
      sport: 'run',
      type: 'intervals',
      title: 'Run 5 × 1 km',
      workout: {
        steps: [
          { kind: 'warmup', durationSec: 900, distanceM: null, target: { metric: 'rpe', low: 2, high: 3 } },
          {
            kind: 'repeat',
            count: 5,
            steps: [{ kind: 'work', durationSec: null, distanceM: 1000, target: { metric: 'pace', unit: 's/km', low: 250, high: 256 } }],
          },
        ],
      },
    },
  ])
    await send('/api/v1/library/workouts', 'POST', w);
  await send('/api/v1/races', 'POST', { name: 'Bench tune-up 10K', distanceM: 10_000, raceDate: addDays(today, 35) });

  const client = new Client({ name: 'cadence-bench', version: '1.0.0' });
  const withSession = async (url: string | URL | Request, init?: RequestInit) => {
    const req = new Request(url, init);
    const headers = new Headers(req.headers);
    headers.set('origin', appUrl);
    headers.set('cookie', cookie);
    return fetch(new Request(req, { headers }));
  };
  await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`), { fetch: withSession }));
  try {
    const report = await runEqualScript({ callTool: (name, args) => client.callTool({ name, arguments: args }), get });
    console.log(describeReport(report));
    return report;
  } finally {
    await client.close();
  }
}
