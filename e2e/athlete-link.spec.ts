// A coach links a client to their Cadence account: the coach asks from the client page, the athlete
// agrees in their settings, the coach sees the athlete's shared training (and a Retry when it fails to
// load), and the athlete stops sharing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { APP_URL, capture, createInvite, garminExportZip, launchBrowser, setRole, createAccount, uniqueEmail } from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';
const DAY = 86_400_000;

describe('client ↔ athlete link', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('coach asks, athlete shares from settings, coach sees their training, athlete stops sharing', async () => {
    // The athlete, with three weeks of runs from a watch export (shareable, unlike Strava's).
    const athlete = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const athleteEmail = uniqueEmail('linked');
    await createAccount(athlete, { email: athleteEmail, password: PASSWORD, displayName: 'Lena Linked' }, await createInvite());
    await athlete.goto(`${APP_URL}/settings`);
    await athlete.locator('#coaches').getByText('No coach has asked to see your training.').waitFor();
    const today = new Date(new Date().setUTCHours(6, 30, 0, 0)).getTime();
    await athlete.goto(`${APP_URL}/settings/data`);
    await athlete.setInputFiles('input[type="file"]', garminExportZip([20, 17, 13, 10, 6, 3, 1].map((d) => today - d * DAY)));
    await athlete.locator('form.upload-form button[type="submit"]').click();
    await athlete.locator('.import-list, main').getByText('Done', { exact: true }).first().waitFor({ timeout: 30_000 });

    const coach = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const coachEmail = uniqueEmail('linkcoach');
    await createAccount(coach, { email: coachEmail, password: PASSWORD, displayName: 'Cora Coach' }, await createInvite());
    await setRole(coachEmail, 'coach');
    const post = (path: string, data: unknown) =>
      coach.request.post(`${APP_URL}/api/v1/coach${path}`, { data, headers: { origin: APP_URL } });
    assert.equal((await post('/org', { name: 'Linked Running', timeZone: 'Europe/Berlin' })).status(), 201);
    const client = await (await post('/clients', { name: 'Lena Client', email: athleteEmail })).json();

    await coach.goto(`${APP_URL}/coach/clients/${client.id}`);
    const training = coach.locator('#training');
    await training.getByRole('button', { name: 'Ask to share' }).waitFor();
    assert.equal(await coach.inputValue('#training-email'), athleteEmail);
    await capture(coach, 'coach-client-training-unlinked');
    await coach.fill('#training-email', 'nope');
    await training.getByRole('button', { name: 'Ask to share' }).click();
    await coach.locator('#training-email-error').waitFor();
    await coach.fill('#training-email', athleteEmail);
    await training.getByRole('button', { name: 'Ask to share' }).click();
    await training.getByText(`Asked ${athleteEmail} to share their training.`).waitFor();
    await training.getByText('Waiting').waitFor();
    await capture(coach, 'coach-client-training-pending');

    await athlete.goto(`${APP_URL}/settings#coaches`);
    const coaches = athlete.locator('#coaches');
    await coaches.getByText('Linked Running').waitFor();
    await capture(athlete, 'settings-coaches-asked');
    await coaches.getByRole('button', { name: 'Share my training' }).click();
    await coaches.getByText('You now share your training with them.').waitFor();
    await coaches.getByText('Sharing', { exact: true }).waitFor();

    // Loading, then a failure with Retry, then the athlete's training.
    let failing = true;
    await coach.route('**/api/v1/coach/clients/*/training', (route) =>
      failing
        ? route.fulfill({
            status: 500,
            contentType: 'application/json',
            body: JSON.stringify({
              error: { code: 'INTERNAL', message: 'Something went wrong on our side. Please try again.', requestId: 'e2e' },
            }),
          })
        : route.continue(),
    );
    await coach.reload();
    await training.getByRole('button', { name: 'Retry' }).waitFor();
    await coach.locator('#profile').getByText(athleteEmail).waitFor();
    await capture(coach, 'coach-client-training-error');
    failing = false;
    await training.getByRole('button', { name: 'Retry' }).click();
    await training.getByText('Shared by Lena Linked').waitFor();
    await coach.unroute('**/api/v1/coach/clients/*/training');
    await training.getByText('Fitness (CTL)').waitFor();
    // The recent list has all seven; the calendar below the stats shows this week's among them.
    assert.equal(
      await training
        .locator('.coach-list')
        .getByText(/^Export run \d$/)
        .count(),
      7,
    );
    await training.getByRole('region', { name: 'Lena Linked’s training calendar' }).waitFor();
    await capture(coach, 'coach-client-training-shared');

    // The athlete stops sharing: the coach is back to asking.
    await coaches.getByRole('button', { name: 'Stop sharing' }).click();
    await coaches.getByText('Stopped. They no longer see your training.').waitFor();
    await coach.reload();
    await training.getByRole('button', { name: 'Ask to share' }).waitFor();
    assert.equal(await training.getByText('Shared by').count(), 0);
  });
});
