// The coach's activity page (ADR 061) as the server renders it: the athlete's cards read-only — summary, charts,
// route, laps, zones, reps against the plan, note and RPE (escaped) — with the conversation under them and no
// control that changes anything; an activity without streams says so; a Strava one and an unanswered request say
// why; another org is the 404 page; the dashboard links the last activity here.
import { describe, expect, it } from 'vitest';
import { Harness } from '../../../testing/harness';
import { coachOrg } from '../../../testing/scenarios';
import { clientActivityWorld } from './client-activity.testing';

describe('the coach’s activity page', () => {
  it('shows the athlete’s page read-only with the conversation, and the reason where it cannot', async () => {
    const h = Harness.init();
    const { athlete, org, client, workout, ids } = await clientActivityWorld(h);
    const page = async (path: string, cookie = org.coach.cookie) => {
      const res = await h.call(path, { cookie });
      return { status: res.status, html: await res.text() };
    };
    const base = `/coach/clients/${client.id}/activities`;

    const full = await page(`${base}/${ids.track}`);
    expect(full.status).toBe(200);
    const html = full.html;
    expect(html).toContain('Track session');
    expect(html).toContain('Tia Track’s activity, as they see it. Read-only: only they can change it.');
    for (const card of ['charts', 'route', 'zones', 'intervals', 'notes', 'load', 'comments']) expect(html, card).toContain(`id="${card}"`);
    expect(html).toMatch(/6<!-- --> of <!-- -->6<!-- --> planned reps found in the/);
    // The planned workout opens on the coach's page for it, not the athlete's calendar.
    expect(html).toContain(`href="/coach/clients/${client.id}/workouts/${workout.id}"`);
    expect(html).not.toContain('href="/training?');
    // The athlete's words as text; their RPE.
    expect(html).toContain('Reps 4–6 felt &lt;b&gt;smooth&lt;/b&gt;.');
    expect(html).not.toContain('<b>smooth</b>');
    expect(html).toMatch(/RPE (<!-- -->)?8/);
    // Nothing to change: no notes form, no split, no settings of the coach's own to send them to.
    expect(html).not.toContain('notes-form');
    expect(html).not.toContain('name="intent"');
    expect(html).not.toContain('href="/settings/training"');
    // Written to the coach: the thresholds and device are the athlete's, not "yours".
    expect(html).not.toMatch(/with your thresholds|your value from|what you did/);
    expect(html).toContain('targets read with the athlete’s thresholds on the day');
    expect(html).toContain(`Conversation with ${client.name}`);

    const empty = await page(`${base}/${ids.manual}`);
    expect(empty.status).toBe(200);
    expect(empty.html).toContain('Easy jog by feel');
    expect(empty.html).toContain('No per-second data');
    expect(empty.html).toContain('No note or RPE yet.');
    expect(empty.html).not.toContain('id="route"');

    const strava = await page(`${base}/${ids.strava}`);
    expect(strava.status).toBe(200);
    expect(strava.html).toContain('From Strava: not shown to coaches.');
    expect(strava.html).not.toContain('Strava-only long run');
    expect(strava.html).not.toContain('id="comments"');

    // A request the athlete has not answered: the page says so.
    const waiting = await org.addClient('Wes Waiting');
    await org.requestAthleteLink(waiting.id, (await h.signup()).email);
    const pending = await page(`/coach/clients/${waiting.id}/activities/${ids.track}`);
    expect(pending.status).toBe(200);
    expect(pending.html).toContain('Your client has not agreed to share their training with you yet.');
    expect(pending.html).not.toContain('Track session');

    const other = await coachOrg(h, { name: 'Elsewhere' });
    expect((await page(`${base}/${ids.track}`, other.coach.cookie)).status).toBe(404);
    expect((await page(`${base}/${ids.track}`, athlete.cookie)).status).not.toBe(200);

    // The dashboard's last activity opens this page.
    const dash = await page('/coach');
    expect(dash.status).toBe(200);
    expect(dash.html).toContain(`href="${base}/${ids.track}"`);
  });
});
