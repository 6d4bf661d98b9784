// The api-access bench's "MCP = REST" line: after the timed rounds, the bench athlete is given a few check-ins and a
// plan with a noted illness (so those tools have something to say), then every row of the script
// (worker/features/mcp/mcp.equal.script.ts) runs through the v2 MCP client and the REST reads it wraps, by session.
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
