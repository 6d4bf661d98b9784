// Home's check-in and the wellness page as a browser without JavaScript uses them: plain form posts to /home,
// the values back in the form, a past day through ?checkin=, errors beside their field, and /wellness listing
// the days with each value's source.
import { describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../lib/dates';
import { Harness } from '../../testing/harness';
import * as repo from './wellness.repo';

const today = () => todayIn('UTC', new Date());

async function world(h: Harness) {
  const a = await h.signup();
  const post = (path: string, values: Record<string, string>) =>
    h.call(path, {
      method: 'POST',
      body: new URLSearchParams(values).toString(),
      cookie: a.cookie,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  const page = async (path: string) => (await h.call(path, { cookie: a.cookie })).text();
  return { ...a, post, page };
}

describe('the check-in on Home', () => {
  it('saves today and a past day from plain form posts and shows them back', async () => {
    const h = Harness.init();
    const a = await world(h);
    expect(await a.page('/home')).toContain('Today’s check-in');

    const saved = await a.post('/home', {
      intent: 'checkin',
      day: today(),
      sleepHours: '7.5',
      soreness: '2',
      mood: '4',
      restingHr: '48',
      note: 'Slept well',
    });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain('Check-in saved');
    const home = await a.page('/home');
    expect(home).toMatch(/name="sleepHours"[^>]*value="7.5"/);
    expect(home).toContain('Update check-in');

    const yesterday = addDays(today(), -1);
    await a.post(`/home?checkin=${yesterday}`, {
      intent: 'checkin',
      day: yesterday,
      fatigue: '3',
      injury: 'on',
      injuryWhere: 'Right knee',
    });
    const past = await a.page(`/home?checkin=${yesterday}`);
    expect(past).toContain('Check-in for');
    expect(past).toMatch(/name="injuryWhere"[^>]*value="Right knee"/);

    // A device's value sits beside the athlete's own field, never in it.
    await repo.putDay(h.db, a.user.id, today(), 'garmin', [{ field: 'restingHr', value: 45, textValue: null }], [], new Date());
    expect(await a.page('/home')).toContain('Garmin: 45 bpm');

    const wellness = await a.page('/wellness');
    expect(wellness).toContain('Slept well');
    expect(wellness).toContain('Yes: Right knee');
    expect(wellness).toContain('48 bpm');
  });

  it('answers a bad value beside its field and a future day as the form’s error, storing nothing', async () => {
    const h = Harness.init();
    const a = await world(h);
    const bad = await (await a.post('/home', { intent: 'checkin', day: today(), restingHr: '400' })).text();
    expect(bad).toContain('Between 25 and 120 bpm');
    const future = await (await a.post('/home', { intent: 'checkin', day: addDays(today(), 3), mood: '3' })).text();
    expect(future).toContain('A check-in is for today or a day before');
    expect(await repo.readingsBetween(h.db, a.user.id, addDays(today(), -5), addDays(today(), 5))).toEqual([]);
    expect(await a.page('/wellness')).toContain('Nothing recorded in these four weeks');
  });
});
