// The coach's Library page (/coach/library): the org's workouts by folder with their tags, search by title,
// tag or folder, the plan templates and the clients a template can go to; Team-gated, a coach's page only.
import { describe, expect, it } from 'vitest';
import { Harness } from '../../../testing/harness';
import { coachOrg } from '../../../testing/scenarios';
import { athleteWithPlan } from '../../library/library.testing';
import { THRESHOLD_WORKOUT } from './training.testing';

describe('the coach’s Library page', () => {
  it('lists the org’s workouts by folder and its templates, searches, and offers templates to sharing clients only', async () => {
    const h = Harness.init();
    const w = await coachOrg(h, { name: 'Library Coaching', plan: 'team' });
    const lib = await w.api<{ id: string }>('/library/workouts', {
      body: { ...THRESHOLD_WORKOUT, folder: 'Run quality', tags: ['threshold'] },
    });
    expect(lib.status, JSON.stringify(lib.body)).toBe(201);
    await w.api('/library/workouts', { body: { sport: 'bike', type: 'easy', title: 'Easy spin', durationSec: 3600 } });
    const t = await w.api('/templates', {
      body: { name: 'Threshold fortnight', weeks: 2, items: [{ week: 1, weekday: 3, libraryWorkoutId: lib.body.id }] },
    });
    expect(t.status, JSON.stringify(t.body)).toBe(201);
    const linked = await w.addClient('Casey Shares');
    await w.linkAthlete(linked.id, (await athleteWithPlan(h)).athlete);
    await w.addClient('Nico Notlinked');

    const page = await h.call('/coach/library', { cookie: w.coach.cookie });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('href="/coach/library"');
    for (const text of ['3 × 10 min threshold', 'Easy spin', 'Run quality', 'threshold', 'Threshold fortnight', 'Week 1 Thu'])
      expect(html).toContain(text);
    // A structured workout's time follows from its steps: 10 + 3 × 13 + 10 minutes.
    expect(html).toContain('59 min');
    expect(html).not.toMatch(/style="/);
    // Templates go to clients who share their training.
    expect(html).toContain('Casey Shares');
    expect(html).not.toContain('Nico Notlinked');

    // The workouts' card alone (the templates' card and its builder name every workout).
    const listed = async (q: string) => {
      const page = await (await h.call(`/coach/library?${q}`, { cookie: w.coach.cookie })).text();
      return page.slice(page.indexOf('id="library-workouts"'), page.indexOf('id="library-templates"'));
    };
    const searched = await listed('q=spin');
    expect(searched).toContain('Easy spin');
    expect(searched).not.toContain('3 × 10 min threshold');
    const inFolder = await listed('folder=Run+quality');
    expect(inFolder).toContain('3 × 10 min threshold');
    expect(inFolder).not.toContain('Easy spin');
    const tagged = await listed('tag=threshold');
    expect(tagged).toContain('3 × 10 min threshold');
    expect(tagged).not.toContain('Easy spin');

    // Without Team: what it is and where to get it, nothing of the library.
    const solo = await coachOrg(h, { name: 'Solo Coaching', plan: 'free' });
    const soloHtml = await (await h.call('/coach/library', { cookie: solo.coach.cookie })).text();
    expect(soloHtml.replace(/<!-- -->/g, '')).toContain('are part of Team');
    expect(soloHtml).not.toContain('New workout');

    // An athlete: not their page.
    const athlete = await h.signup();
    expect((await h.call('/coach/library', { cookie: athlete.cookie })).status).toBe(403);
  });
});
