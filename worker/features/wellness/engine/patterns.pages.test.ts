// The patterns page as a browser without JavaScript gets it: the first weeks' state for a new athlete, a planted
// finding as an <article> with its words, interval and the days behind it (each run linking to its page), and the
// honest empty state with the count of patterns tested for an athlete whose days show nothing.
import { describe, expect, it } from 'vitest';
import { Harness } from '../../../testing/harness';
import { engineAthlete } from './engine.testing';

describe('/wellness/patterns', () => {
  it('says what the first weeks need', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const html = await (await h.call('/wellness/patterns', { cookie: a.cookie })).text();
    expect(html).toContain('<h1');
    expect(html).toContain('Patterns');
    expect(html).toContain('Patterns need 20+ days of both');
    expect(html).toContain('connect Garmin');
    expect(await (await h.call('/wellness', { cookie: a.cookie })).text()).toContain('href="/wellness/patterns"');
  });

  it('shows a finding with its receipts, and nothing invented for noise', async () => {
    const h = Harness.init();
    const planted = await engineAthlete(h, { days: 60, planted: true, seed: 5 });
    const html = await (await h.call('/wellness/patterns', { cookie: planted.me.cookie })).text();
    expect(html).toMatch(/<article class="pattern"[^>]*>[\s\S]*sleep the night before[\s\S]*patterns tested/);
    expect(html).toMatch(/The 60 days behind it/);
    expect(html).toContain(`href="/activities/${planted.ids.at(-1)}"`);
    expect(html).toContain('Easy 1');

    const noise = await engineAthlete(h, { days: 60, planted: false, seed: 13 });
    const empty = await (await h.call('/wellness/patterns', { cookie: noise.me.cookie })).text();
    expect(empty).toMatch(/Nothing stands out among \d+ patterns tested/);
    expect(empty).not.toContain('<article class="pattern"');
    expect(empty).toMatch(/About \d+ more (days|weeks) with both/);
  });
});
