// A coaching business with two coaches: the owner invites a coach by email on the settings page, the
// coach (signed in with that email) sees the invitation on /coach, joins, and works with the org's
// clients; the owner then removes them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { APP_URL, capture, createInvite, giveOrgTeam, launchBrowser, setRole, createAccount, uniqueEmail } from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';

describe('coach team', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('owner invites a coach, the coach joins from /coach and sees the clients, the owner removes them', async () => {
    const owner = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const ownerEmail = uniqueEmail('owner');
    await createAccount(owner, { email: ownerEmail, password: PASSWORD, displayName: 'Olive Owner' }, await createInvite());
    await setRole(ownerEmail, 'coach');
    const post = (path: string, data: unknown) =>
      owner.request.post(`${APP_URL}/api/v1/coach${path}`, { data, headers: { origin: APP_URL } });
    assert.equal((await post('/org', { name: 'Two Coach Running', timeZone: 'Europe/London' })).status(), 201);
    assert.equal((await post('/clients', { name: 'Kit Client' })).status(), 201);

    // Free coaching keeps 3 active clients: with three, "Add a client" offers Team instead of the form.
    await owner.goto(`${APP_URL}/coach/clients`);
    await owner.locator('#add-client').getByText('room for 2 more active clients').waitFor();
    for (const name of ['Lou Client', 'Max Client']) assert.equal((await post('/clients', { name })).status(), 201);
    await owner.goto(`${APP_URL}/coach/clients`);
    await owner.locator('#add-client').getByText('More than 3 active clients are part of Team').waitFor();
    assert.equal(await owner.locator('#new-client-name').count(), 0);
    await capture(owner, 'coach-clients-free');
    // Texts are part of Team too: the client's thread is readable, the send box gives way to the offer.
    await owner.getByRole('link', { name: 'Kit Client' }).click();
    await owner.locator('#messages').getByText('Text messages are part of Team').waitFor();
    await capture(owner, 'coach-client-free');

    // No staff seats either: the settings page offers Team where the invite form would be.
    await owner.goto(`${APP_URL}/coach/settings`);
    const team = owner.locator('#team');
    await team.getByText('Staff coaches are part of Team').waitFor();
    await owner.locator('#plan').getByText('Free coaching').waitFor();
    await capture(owner, 'coach-settings-free');
    await giveOrgTeam(ownerEmail);

    const staffEmail = uniqueEmail('staff');
    await owner.goto(`${APP_URL}/coach/settings`);
    await owner.locator('#plan').getByText('Complimentary').waitFor();
    await owner.fill('#field-email', 'not an email');
    await team.getByRole('button', { name: 'Send invitation' }).click();
    await owner.locator('#field-email-error').waitFor();
    await owner.fill('#field-email', staffEmail);
    await team.getByRole('button', { name: 'Send invitation' }).click();
    await team.getByText(`Invitation sent to ${staffEmail}.`).waitFor();
    await team.getByText('Pending').waitFor();
    assert.equal(await owner.inputValue('#field-email'), '');
    await capture(owner, 'coach-settings-team');

    const staff = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await createAccount(staff, { email: staffEmail, password: PASSWORD, displayName: 'Sam Staff' }, await createInvite());
    await setRole(staffEmail, 'coach');
    await staff.goto(`${APP_URL}/coach`);
    await staff.getByRole('heading', { name: 'You’re invited' }).waitFor();
    await capture(staff, 'coach-invited');
    await staff.getByRole('button', { name: 'Join Two Coach Running' }).click();
    await staff.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await staff.getByRole('navigation', { name: 'Coaching console' }).getByRole('link', { name: 'Clients' }).click();
    await staff.locator('#client-list').getByRole('link', { name: 'Kit Client' }).waitFor();

    await owner.reload();
    const row = team.locator('.coach-list-item', { hasText: 'Sam Staff' });
    await row.getByText('Coach', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Remove Sam Staff from the team' }).click();
    await team.getByText('Removed from the team.').waitFor();
    await team.locator('.coach-list-item', { hasText: 'Sam Staff' }).waitFor({ state: 'detached', timeout: 30_000 });

    // Removed, the coach is back to setting up a business of their own.
    await staff.goto(`${APP_URL}/coach`);
    await staff.getByRole('heading', { name: 'Set up your coaching business' }).waitFor();
  });
});
