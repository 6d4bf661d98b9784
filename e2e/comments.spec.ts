// An athlete and their coach discuss an activity (ADR 056): the athlete writes under the activity with the
// keyboard, the coach opens it from the client page and answers, the athlete is notified, edits and deletes
// their own comment, and markup stays text everywhere. Screenshots at 360 and 1280 px, no sideways scroll.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { APP_URL, capture, createInvite, garminExportZip, launchBrowser, setRole, createAccount, uniqueEmail } from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';
const DAY = 86_400_000;

describe('conversation on training', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('athlete and coach discuss an activity', async () => {
    // The athlete, with one run from a watch export (shareable with a coach, unlike Strava's).
    const athlete = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const athleteEmail = uniqueEmail('talker');
    await createAccount(athlete, { email: athleteEmail, password: PASSWORD, displayName: 'Tia Talker' }, await createInvite());
    await athlete.goto(`${APP_URL}/settings/data`);
    const start = new Date(new Date().setUTCHours(6, 30, 0, 0)).getTime() - DAY;
    await athlete.setInputFiles('input[type="file"]', garminExportZip([start]));
    await athlete.locator('form.upload-form button[type="submit"]').click();
    await athlete.locator('.import-list, main').getByText('Done', { exact: true }).first().waitFor({ timeout: 30_000 });

    // The coach, their org and client, and the athlete's consent.
    const coach = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const coachEmail = uniqueEmail('talkcoach');
    await createAccount(coach, { email: coachEmail, password: PASSWORD, displayName: 'Cal Coach' }, await createInvite());
    await setRole(coachEmail, 'coach');
    const post = (path: string, data: unknown) =>
      coach.request.post(`${APP_URL}/api/v1/coach${path}`, { data, headers: { origin: APP_URL } });
    assert.equal((await post('/org', { name: 'Talk Running', timeZone: 'Europe/Berlin' })).status(), 201);
    const client = await (await post('/clients', { name: 'Tia Client', email: athleteEmail })).json();
    const { link } = await (await post(`/clients/${client.id}/athlete-link`, { email: athleteEmail })).json();
    const accepted = await athlete.request.post(`${APP_URL}/api/v1/me/coach-links/${link.id}/accept`, { headers: { origin: APP_URL } });
    assert.equal(accepted.status(), 200);
    const { activities } = await (await athlete.request.get(`${APP_URL}/api/v1/activities`)).json();
    const activityId: string = activities[0].id;

    // The athlete writes under the activity, keyboard only: the label focuses the box, Ctrl+Enter sends.
    await athlete.goto(`${APP_URL}/activities/${activityId}#comments`);
    const mine = athlete.locator('#comments');
    await mine.getByRole('heading', { name: 'With Talk Running' }).waitFor();
    await mine.getByText('No comments yet.').waitFor();
    await mine.getByLabel('Add a comment').focus();
    await athlete.keyboard.type('Legs felt <b>heavy</b> on the last km.');
    await athlete.keyboard.press('Control+Enter');
    await mine.locator('.comment-body').getByText('Legs felt <b>heavy</b> on the last km.').waitFor();
    assert.equal(await mine.locator('.comment-body b').count(), 0, 'markup stays text');
    await capture(athlete, 'comments-athlete-posted');

    // The coach opens it from the client page's recent activities, sees it new, and answers.
    await coach.goto(`${APP_URL}/coach/clients/${client.id}`);
    await coach.locator('#training').getByRole('link', { name: 'Export run 1', exact: true }).click();
    await coach.waitForURL(`${APP_URL}/coach/clients/${client.id}/activities/${activityId}`);
    const theirs = coach.locator('#comments');
    await theirs.getByText('1 new').waitFor();
    await theirs.getByText('Legs felt <b>heavy</b> on the last km.').waitFor();
    await capture(coach, 'comments-coach-unread');
    await theirs.getByLabel('Add a comment').fill('Normal after that week. Easy run tomorrow, then we see.');
    await theirs.getByRole('button', { name: 'Post comment' }).click();
    await theirs.getByText('Normal after that week. Easy run tomorrow, then we see.').waitFor();
    // Seen is read: the count went when the thread opened.
    await coach.reload();
    await theirs.getByText('Normal after that week.', { exact: false }).waitFor();
    assert.equal(await theirs.getByText('1 new').count(), 0);

    // The athlete is told, opens the notice's page, edits and then deletes their own comment.
    // The notice is written by the notify queue's consumer: wait for it in the inbox API, then see it on the page.
    const noticed = async () => {
      const { notifications } = await (await athlete.request.get(`${APP_URL}/api/v1/notifications`)).json();
      return (notifications as { type: string }[]).some((n) => n.type === 'comment.posted');
    };
    for (const until = Date.now() + 60_000; !(await noticed()); ) {
      if (Date.now() > until) throw new Error('no comment.posted notification for the athlete within 60 s');
      await athlete.waitForTimeout(250);
    }
    await athlete.goto(`${APP_URL}/notifications`);
    await athlete.getByText('Cal Coach commented on the activity “Export run 1”').first().waitFor();
    await capture(athlete, 'comments-athlete-notified');
    await athlete.goto(`${APP_URL}/activities/${activityId}#comments`);
    await mine.getByText('1 new').waitFor();
    await mine.getByText('Normal after that week. Easy run tomorrow, then we see.').waitFor();
    await mine.getByRole('button', { name: 'Edit' }).click();
    await athlete.keyboard.press('End');
    await athlete.keyboard.type(' Slept badly too.');
    await mine.getByRole('button', { name: 'Save' }).click();
    await mine.getByText('Legs felt <b>heavy</b> on the last km. Slept badly too.').waitFor();
    await mine.getByText('· edited').waitFor();
    await capture(athlete, 'comments-athlete-thread');
    await mine.getByRole('button', { name: 'Delete' }).click();
    await mine.getByText('Delete this comment?').waitFor();
    await mine.getByRole('button', { name: 'Delete' }).click();
    await mine.locator('.comment-deleted').getByText('Comment deleted').waitFor();

    await coach.reload();
    await theirs.locator('.comment-deleted').getByText('Comment deleted').waitFor();
    assert.equal(await theirs.getByText('Slept badly too.', { exact: false }).count(), 0);
    await capture(coach, 'comments-coach-after-delete');
  });
});
