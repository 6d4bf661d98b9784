// Issue 42's browser story: two brand-new athletes, Ana on a phone (360 px) and Ben on a laptop (1280 px), each
// page captured at both widths. Ana's profile is private, Ben asks to follow and she accepts; she uploads a run and
// shares it with the map's ends hidden (Ben's answer holds no point within 200 m of either end); Ben gives kudos
// and comments, and Ana is told; both opt in to the weekly board and Ben sees Ana on it; Ben mutes Ana (her post
// leaves his feed, the follow stays), then Ana blocks Ben (404 on her profile and post, no follow either way);
// Ana's report of Ben's comment reaches a moderator, who hides it, and Ben reads why.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { APP_URL, capture, createInvite, interactive, launchBrowser, createAccount, uniqueEmail, waitForApi } from './fixtures.ts';
import { upload } from './ride-steps.ts';
import { api, cronUntil, decodePolyline, gpxRunToday, makeModerator, metres, userId } from './social-steps.ts';

const PASSWORD = 'a long e2e passphrase';
type Post = { id: string; title: string; map: { whole: boolean; segments: { polyline: string }[] } | null; distanceM: number | null };
type Board = { entries: { person: { id: string; displayName: string } }[] };

/** Captures at 360 and 1280 px, then gives the page back its own width. */
async function shoot(page: Page, name: string): Promise<void> {
  const width = page.viewportSize()?.width ?? 1280;
  await capture(page, `social-${name}`);
  await page.setViewportSize({ width, height: 900 });
}

/** Saves the social settings form as the athlete would (every other field as the page shows it). */
async function saveSettings(page: Page, change: (page: Page) => Promise<void>): Promise<void> {
  await page.goto(`${APP_URL}/settings/social`);
  await interactive(page);
  await change(page);
  await page.locator('#profile').getByRole('button', { name: 'Save' }).click();
  await page.locator('#profile').getByText('Social settings saved.').first().waitFor();
}

describe('two athletes: follow, share, cheer, compete, mute, block, report', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('Ana (360 px) and Ben (1280 px), from sign-up to a moderator’s hide', async () => {
    const ana = await browser.newPage({ viewport: { width: 360, height: 800 } });
    const ben = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const anaEmail = uniqueEmail('social-ana');
    const benEmail = uniqueEmail('social-ben');
    await createAccount(ana, { email: anaEmail, password: PASSWORD, displayName: 'Ana Social' }, await createInvite());
    await createAccount(ben, { email: benEmail, password: PASSWORD, displayName: 'Ben Social' }, await createInvite());
    const [anaId, benId] = [await userId(anaEmail), await userId(benEmail)];

    // Empty states first: a brand-new athlete's feed, people, board and achievements.
    for (const path of ['feed', 'people', 'leaderboards', 'achievements']) {
      await ana.goto(`${APP_URL}/${path}`);
      await shoot(ana, `empty-${path}`);
    }

    // 1. Ana chooses a private profile (followers see her new posts); Ben asks, she accepts on People.
    await saveSettings(ana, async (p) => {
      await p.getByLabel('Profile', { exact: true }).selectOption('private');
      await p.getByLabel('New posts are seen by').selectOption('followers');
    });
    await shoot(ana, 'settings');
    const settings = await api<{ profileVisibility: string; saved: boolean; endCutM: number }>(ana, 'GET', '/settings');
    assert.deepEqual([settings.body.profileVisibility, settings.body.saved, settings.body.endCutM], ['private', true, 200]);

    await ben.goto(`${APP_URL}/people/${anaId}`);
    await ben.getByText('Only the people Ana Social approves see their training.').waitFor();
    await interactive(ben);
    await ben.getByRole('button', { name: 'Ask to follow' }).click();
    await ben.getByRole('button', { name: 'Cancel request' }).waitFor();
    await shoot(ben, 'profile-requested');
    assert.deepEqual((await api<{ people: unknown[] }>(ben, 'GET', '/following')).body.people, [], 'a request is not a follow');

    await ana.goto(`${APP_URL}/people`);
    const request = ana.locator('#requests li.person-row', { hasText: 'Ben Social' });
    await request.waitFor();
    await shoot(ana, 'people-request');
    await interactive(ana);
    await request.getByRole('button', { name: 'Accept' }).click();
    await ana.locator('#followers li.person-row', { hasText: 'Ben Social' }).waitFor();
    assert.equal(await ana.locator('#requests li.person-row').count(), 0);
    const following = await api<{ people: { id: string }[] }>(ben, 'GET', '/following');
    assert.deepEqual(
      following.body.people.map((p) => p.id),
      [anaId],
    );
    await shoot(ana, 'people-follower');

    // 2. Ana uploads a run of today and shares it from its page; her map's ends are hidden from Ben.
    const run = gpxRunToday('River loop');
    await upload(ana, run.file, 1);
    await ana.goto(`${APP_URL}/activities`);
    const href = await ana.locator('a.activity-link').first().getAttribute('href');
    assert.ok(href, 'the run is in her list');
    const composer = await api<{ canShare: boolean }>(ana, 'GET', `/activities/${href.split('/').pop()}/composer`);
    assert.equal(composer.body.canShare, true, composer.text);
    await ana.goto(`${APP_URL}${href}`);
    const share = ana.locator('#share');
    await share.waitFor();
    await shoot(ana, 'activity-share');
    await share.getByLabel('Title').fill('River loop with Ben in mind');
    assert.equal(await share.getByLabel('Who sees it').inputValue(), 'followers', 'the default she chose');
    await Promise.all([ana.waitForURL(/\/posts\/[0-9a-f-]{36}/), share.getByRole('button', { name: 'Share' }).click()]);
    const postId = ana.url().match(/\/posts\/([0-9a-f-]{36})/)![1]!;
    await ana.getByText('track (yours, whole)').waitFor();
    await shoot(ana, 'post-own');

    const seen = await api<Post>(ben, 'GET', `/posts/${postId}`);
    assert.equal(seen.status, 200, seen.text);
    assert.ok(seen.body.map && !seen.body.map.whole, 'Ben sees a cut map');
    const points = seen.body.map.segments.flatMap((s) => decodePolyline(s.polyline));
    // Wide end discs (issue 55) hide at most 11 R = 2.2 km from each end: ≥ 320 of this 5.3 km run's points stay.
    assert.ok(points.length > 100, `the map keeps its middle: ${points.length} points`);
    const nearest = Math.min(...points.map((p) => Math.min(metres(run.start, p), metres(run.end, p))));
    assert.ok(nearest >= 200, `a visible point ${nearest.toFixed(0)} m from an end`);
    assert.equal((seen.body.distanceM ?? 0) % 100, 0, 'others read the distance to 0.1 km');
    await ben.goto(`${APP_URL}/posts/${postId}`);
    await ben.getByText('ends and private places hidden').waitFor();
    await shoot(ben, 'post-others');

    // 3. Ben gives kudos on his feed and comments on the post; Ana's bell and notifications say so.
    await ben.goto(`${APP_URL}/feed`);
    const card = ben.locator(`#post-${postId}`);
    await card.waitFor();
    await shoot(ben, 'feed');
    await interactive(ben);
    await card.getByRole('button', { name: /^Kudos · 0$/ }).click();
    await ben.getByRole('button', { name: /^Kudos · 1$/ }).waitFor();
    await ben.goto(`${APP_URL}/posts/${postId}`);
    await interactive(ben);
    await ben.getByLabel('Add a comment').fill('Lovely pace on the river — see you Saturday?');
    await ben.getByRole('button', { name: 'Comment', exact: true }).click();
    await ben.locator('.comment-list li', { hasText: 'see you Saturday' }).waitFor();
    assert.equal(await ben.getByLabel('Add a comment').inputValue(), '', 'the box is emptied once the comment is in');
    await shoot(ben, 'post-commented');
    const comments = await api<{ comments: { id: string; body: string; author: { id: string } }[] }>(
      ana,
      'GET',
      `/posts/${postId}/comments`,
    );
    const comment = comments.body.comments.find((c) => c.author.id === benId);
    assert.ok(comment, 'Ana reads Ben’s comment');
    assert.equal((await api<{ count: number }>(ana, 'GET', `/posts/${postId}/kudos`)).body.count, 1);

    // The notify queue's consumer writes both notices: waited for in the inbox's API, then seen on the page.
    const told = (l: { notifications: { type: string }[] }) =>
      ['social.kudos', 'social.comment'].every((type) => l.notifications.some((n) => n.type === type));
    await waitForApi(ana, '/api/v1/notifications', told, 'the kudos and comment notifications');
    await ana.goto(`${APP_URL}/notifications`);
    await ana.getByText('Ben Social gave kudos to “River loop with Ben in mind”').first().waitFor();
    await ana.getByText('Ben Social commented on “River loop with Ben in mind”').first().waitFor();
    await shoot(ana, 'notifications');

    // 4. Both opt in to the weekly board; the minute cron takes in Ana's run; Ben sees her on it.
    for (const page of [ana, ben])
      await saveSettings(page, async (p) => {
        await p.getByLabel('Appear on weekly leaderboards').check();
      });
    const onBoard = async () =>
      (await api<Board>(ben, 'GET', '/leaderboards?sport=run&metric=distance')).body.entries.some((e) => e.person.id === anaId);
    await cronUntil('* * * * *', onBoard, 'Ana on Ben’s board');
    await ben.goto(`${APP_URL}/leaderboards?sport=run&metric=distance`);
    await ben.locator('#board tr', { hasText: 'Ana Social' }).waitFor();
    await shoot(ben, 'leaderboard');
    await ana.goto(`${APP_URL}/achievements`);
    await shoot(ana, 'achievements');

    // Ana reports Ben's comment from her post's page while she still sees it (only what one can see is reported).
    await ana.goto(`${APP_URL}/posts/${postId}`);
    await interactive(ana);
    const reported = ana.locator('.comment-list li', { hasText: 'see you Saturday' });
    await reported.getByText('Report this comment').click();
    await reported.getByLabel('Why').selectOption('spam');
    await reported.getByLabel('Anything a moderator should know (optional)').fill('Not about the run');
    await shoot(ana, 'report-form');
    await reported.getByRole('button', { name: 'Send the report' }).click();
    await ana.getByText('Reported. A moderator will look at it').waitFor();
    assert.equal(await ana.getByText('Report this post').count(), 0, 'nobody reports their own post');

    // 5. Ben mutes Ana: her post leaves his feed, the follow stays.
    await ben.goto(`${APP_URL}/people/${anaId}`);
    await interactive(ben);
    await ben.getByRole('button', { name: 'Mute', exact: true }).click();
    await ben.getByRole('button', { name: 'Unmute' }).waitFor();
    await ben.goto(`${APP_URL}/feed`);
    await ben.getByText('Nothing here yet').waitFor();
    assert.equal(await ben.locator(`#post-${postId}`).count(), 0);
    await shoot(ben, 'feed-muted');
    assert.deepEqual(
      (await api<{ people: { id: string }[] }>(ben, 'GET', '/following')).body.people.map((p) => p.id),
      [anaId],
      'a mute keeps the follow',
    );

    // Then Ana blocks Ben: her profile and post are gone for him, and no follow remains either way.
    await ana.goto(`${APP_URL}/people/${benId}`);
    await interactive(ana);
    await Promise.all([ana.waitForURL(/\/people#blocked$/), ana.getByRole('button', { name: 'Block' }).click()]);
    await ana.locator('#blocked li.person-row', { hasText: 'Ben Social' }).waitFor();
    await shoot(ana, 'people-blocked');
    assert.equal((await ben.goto(`${APP_URL}/people/${anaId}`))?.status(), 404);
    assert.equal((await ben.goto(`${APP_URL}/posts/${postId}`))?.status(), 404);
    assert.equal((await api(ben, 'GET', `/posts/${postId}`)).status, 404);
    for (const [page, list] of [
      [ana, '/followers'],
      [ana, '/following'],
      [ben, '/followers'],
      [ben, '/following'],
    ] as const)
      assert.deepEqual((await api<{ people: unknown[] }>(page, 'GET', list)).body.people, [], `${list} after the block`);

    // 6. A moderator (the `moderation` permission only) hides the reported comment; Ben reads why.
    const mod = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const modEmail = uniqueEmail('social-mod');
    await createAccount(mod, { email: modEmail, password: PASSWORD, displayName: 'Mo Moderator' }, await createInvite());
    await makeModerator(modEmail);
    await mod.goto(`${APP_URL}/admin/moderation`);
    const item = mod.locator(`#target-${comment.id}`);
    await item.getByText('Not about the run').waitFor();
    await shoot(mod, 'moderation-queue');
    await interactive(mod);
    await item.getByLabel('Action').selectOption('hide');
    await item.getByLabel('Reason (the author reads it)').fill('Off-topic advertising');
    await item.getByRole('button', { name: 'Apply' }).click();
    await item.getByText('hidden: Off-topic advertising').waitFor();
    await shoot(mod, 'moderation-done');

    const notices = await api<{ notices: { kind: string; targetKind: string; reason: string }[] }>(ben, 'GET', '/moderation/notices');
    assert.deepEqual(
      notices.body.notices.map((n) => [n.kind, n.targetKind, n.reason]),
      [['hide', 'comment', 'Off-topic advertising']],
    );
    await ben.goto(`${APP_URL}/settings/social/moderation`);
    await ben.getByText('Reason: Off-topic advertising').waitFor();
    await shoot(ben, 'moderation-notice');
    const left = await api<{ comments: { id: string }[] }>(ana, 'GET', `/posts/${postId}/comments`);
    assert.ok(!left.body.comments.some((c) => c.id === comment.id), 'the hidden comment is gone from the post');
  });
});
