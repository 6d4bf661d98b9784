// Settings → API (issue 59): Free athletes see that keys come with Pro; a Pro athlete gets the form (name, scope
// checkboxes, expiry), the curl example and the list; an org's owner its team keys on Team (the plan offered
// otherwise); an impersonation is told keys are the athlete's alone.
import { describe, expect, it } from 'vitest';
import { impCookieFrom } from '../impersonation/impersonation.testing';
import { Harness } from '../../testing/harness';
import { coachOrg, giveTier } from '../../testing/scenarios';

describe('Settings → API', () => {
  it('locked on Free, the form and list on Pro, and nothing for an impersonation', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const free = await (await h.call('/settings/api', { cookie: a.cookie })).text();
    expect(free).toContain('Personal API keys and connecting your own AI assistant come with Pro');
    expect(free).not.toContain('Make key');

    await giveTier(h, a.user.id, 'pro');
    const pro = await (await h.call('/settings/api', { cookie: a.cookie })).text();
    expect(pro).toContain('Make key');
    expect(pro).toContain('<legend>What it may do</legend>');
    expect(pro).toContain('value="analytics:read"');
    expect(pro).not.toContain('value="coach:read"');
    expect(pro).toContain('Authorization: Bearer $CADENCE_API_KEY');
    expect(pro).toContain('/api/v1/analytics/fitness');

    expect(pro).not.toContain('Make a team key');

    // An organisation's owner: team keys and the coach MCP address on Team, the Team plan offered otherwise.
    const org = await coachOrg(h, { name: 'Keys Coaching' });
    const teamPage = await (await h.call('/settings/api', { cookie: org.coach.cookie })).text();
    expect(teamPage).toContain('Make a team key');
    expect(teamPage).toContain('value="coach:read"');
    expect(teamPage).toContain('/api/v1/coach/mcp');
    const freeOrg = await coachOrg(h, { name: 'Free Coaching', plan: 'free' });
    const offered = await (await h.call('/settings/api', { cookie: freeOrg.coach.cookie })).text();
    expect(offered).toContain('Keys for your coaching business and the coach MCP address come with the Team plan');
    expect(offered).not.toContain('Make a team key');

    const settings = await (await h.call('/settings', { cookie: a.cookie })).text();
    expect(settings).toContain('href="/settings/api"');

    const owner = await h.userWithRole('owner');
    const started = await h.call('/api/v1/admin/impersonation', { cookie: owner.cookie, body: { userId: a.user.id, reason: 'Page test' } });
    expect(started.status).toBe(201);
    const imp = await (await h.call('/settings/api', { cookie: `${owner.cookie}; ${impCookieFrom(started)}` })).text();
    expect(imp).toContain('Only the athlete manages keys and assistants');
    expect(imp).not.toContain('Make key');
  });
});
