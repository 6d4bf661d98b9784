// The mobile pass's steps (issue 41), shared by its two spec files (mobile-pass: the seeded athlete and the route
// coverage; mobile-pass-new: the brand-new athlete), which run side by side. The pass: every page an athlete reaches, at 360, 390 and 768 px, for an athlete with a full
// season (a plan, Strava history, three weeks of check-ins, a conversation, a shared run, a friend and the week's
// board: social-steps.ts) and for a brand-new one (empty states).
// The list is derived from web/app/routes: a new athlete route fails here until it is in the pass or excluded
// with a reason. On each page: no sideways scroll (the page or a box inside it), every visible control at least
// 44 × 44 px (an inline link inside prose is allowed), no text under 12 px, nothing fixed to the bottom edge
// that would sit over a form above the keyboard. Screenshots go to e2e/screenshots/mobile/.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { APP_URL, createInvite, giveAthletePro, screenshot, signUp, uniqueEmail } from './fixtures.ts';
import { auditPage, type Finding } from './mobile-audit.ts';
import { seedSocial } from './social-steps.ts';
import { connectStravaAndImport } from './strava-steps.ts';

export const PASSWORD = 'a long e2e passphrase';
const WIDTHS = [360, 390, 768];
const ROUTES = join(import.meta.dirname, '../web/app/routes');

/** What a seeded athlete's pages need to be reached: ids of their own things, their post and a friend's profile. */
export type Seeded = {
  activityId: string;
  workoutId: string;
  conversationId: string;
  postId: string;
  friendId: string;
  /** The plan's goal race (its id is the plan's) and a 70.3 of the athlete's own. */
  raceId: string;
  triathlonId: string;
  /** A course imported from a GPX (issue 57, ADR 101). */
  courseId: string;
  /** A segment cut from one of their rides or runs with GPS. */
  segmentId: string;
};

/** Every athlete page in the pass: its route file → the path that opens it (null: the brand-new athlete skips it). */
export const PASS: Record<string, (s: Seeded | null) => string | null> = {
  '_app.home.tsx': () => '/home',
  '_app.onboarding.tsx': () => '/onboarding',
  '_app.training.tsx': () => '/training',
  '_app.training_.new.tsx': () => '/training/new',
  '_app.training_.library.tsx': () => '/training/library',
  '_app.training_.changes.tsx': () => '/training/changes',
  '_app.races.tsx': () => '/races',
  '_app.segments._index.tsx': () => '/segments',
  '_app.segments.$id.tsx': (s) => s && `/segments/${s.segmentId}`,
  '_app.races_.$raceId._index.tsx': (s) => s && `/races/${s.raceId}`,
  '_app.races_.$raceId.pacing.tsx': (s) => s && `/races/${s.raceId}/pacing`,
  '_app.races_.$raceId.fuelling.tsx': (s) => s && `/races/${s.raceId}/fuelling`,
  '_app.races_.$raceId.card.tsx': (s) => s && `/races/${s.raceId}/card`,
  '_app.races_.$raceId.result.tsx': (s) => s && `/races/${s.raceId}/result`,
  '_app.races_.$raceId.triathlon.tsx': (s) => s && `/races/${s.triathlonId}/triathlon`,
  '_app.courses.tsx': () => '/courses',
  '_app.courses_.$id.tsx': (s) => s && `/courses/${s.courseId}`,
  '_app.training_.workouts.$id.garmin.tsx': (s) => s && `/training/workouts/${s.workoutId}/garmin`,
  '_app.activities._index.tsx': () => '/activities',
  '_app.activities.$id.tsx': (s) => s && `/activities/${s.activityId}`,
  '_app.analysis._index.tsx': () => '/analysis',
  '_app.analysis.trends.tsx': () => '/analysis/trends',
  '_app.wellness.tsx': () => '/wellness',
  '_app.wellness_.patterns.tsx': () => '/wellness/patterns',
  '_app.wellness_.why.tsx': () => '/wellness/why',
  '_app.ai-coach._index.tsx': () => '/ai-coach',
  '_app.ai-coach.$id.tsx': (s) => s && `/ai-coach/${s.conversationId}`,
  '_app.notifications.tsx': () => '/notifications',
  '_app.settings.tsx': () => '/settings',
  '_app.settings_.training.tsx': () => '/settings/training',
  '_app.settings_.api.tsx': () => '/settings/api',
  '_app.settings_.data.tsx': () => '/settings/data',
  '_app.settings_.notifications.tsx': () => '/settings/notifications',
  '_app.settings_.membership.tsx': () => '/settings/membership',
  '_app.settings_.delete-account.tsx': () => '/settings/delete-account',
  '_app.strava.full.tsx': () => '/strava/full',
  '_app.share.tsx': () => '/share',
  '_app.feed.tsx': () => '/feed',
  '_app.people._index.tsx': () => '/people',
  '_app.people.$id.tsx': (s) => s && `/people/${s.friendId}`,
  '_app.posts.$id.tsx': (s) => s && `/posts/${s.postId}`,
  '_app.achievements.tsx': () => '/achievements',
  '_app.leaderboards.tsx': () => '/leaderboards',
  '_app.heatmap.tsx': () => '/heatmap',
  '_app.settings_.social.tsx': () => '/settings/social',
  '_app.settings_.social_.moderation.tsx': () => '/settings/social/moderation',
};

/** Signed-in route files left out of the pass, each with why. */
export const EXCLUDED: Record<string, string> = {
  '_app.tsx': 'the layout every page above renders inside (its header and nav are measured on each)',
  '_app.analysis.tsx': 'layout of /analysis and /analysis/trends',
  '_app.races_.$raceId.tsx': 'layout of a race’s tabs (/races/:raceId and its pacing, fuelling, card, result, triathlon)',
  '_app.ai-coach.tsx': 'layout of /ai-coach and /ai-coach/:id',
  '_app.impersonation.tsx': 'an operator’s page, not an athlete’s',
  '_app.settings_.delete-organisation.tsx': 'a coaching business owner’s page, not an athlete’s',
  '_app.training_.done.tsx': 'no page: the "Mark done" form posts here and is sent back (its form is measured on /home and /training)',
  '_app.share-activity.$id.tsx':
    'no page: the activity page’s "Share to your log" form posts here (its form is measured on /activities/:id)',
};
/** Whole families of signed-in routes that are not an athlete's (their own passes, not this one). */
const EXCLUDED_PREFIXES: Record<string, string> = {
  '_app.admin': 'operator pages',
  '_app.coach': 'coach pages',
};

/** The signed-in route files (`_app.*`): the pages an athlete can reach once logged in. */
export function athleteRouteFiles(): string[] {
  return readdirSync(ROUTES)
    .filter((f) => f.startsWith('_app.') || f === '_app.tsx')
    .filter((f) => !Object.keys(EXCLUDED_PREFIXES).some((p) => f === `${p}.tsx` || f.startsWith(`${p}.`) || f.startsWith(`${p}_.`)))
    .sort();
}

/** A 10K plan through the API (as the signed-in page); answers its id and the id of one of its workouts. */
async function makePlan(page: Page): Promise<{ planId: string; workoutId: string }> {
  const eventDate = new Date(Date.now() + 56 * 86_400_000).toISOString().slice(0, 10);
  const res = await page.request.post(`${APP_URL}/api/v1/plans`, {
    headers: { origin: APP_URL },
    data: { goal: { kind: 'run_10k', eventDate, eventName: 'Riverside 10K' }, availableDays: [1, 3, 5, 6], longDay: 6, hoursPerWeek: 5 },
  });
  assert.equal(res.status(), 201, await res.text());
  const { id } = (await res.json()) as { id: string };
  const from = new Date().toISOString().slice(0, 10);
  const to = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  const days = await page.request.get(`${APP_URL}/api/v1/plans/${id}/calendar?from=${from}&to=${to}`);
  const { workouts } = (await days.json()) as { workouts: { id: string }[] };
  assert.ok(workouts[0], 'the plan has workouts in its first two weeks');
  return { planId: id, workoutId: workouts[0].id };
}

const dayAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** A realistic athlete: Pro, a plan, Strava history ending today, three weeks of check-ins, a conversation. */
export async function seedFullAthlete(browser: Browser): Promise<{ page: Page; seeded: Seeded }> {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const email = uniqueEmail('mobile');
  await signUp(page, { email, password: PASSWORD, displayName: 'Mara Mobile-Marathoner' }, await createInvite());
  await giveAthletePro(email);
  await connectStravaAndImport(page, 30);
  const { planId, workoutId } = await makePlan(page);
  const triathlon = await page.request.post(`${APP_URL}/api/v1/races`, {
    headers: { origin: APP_URL },
    data: {
      name: 'Harbour 70.3',
      sport: 'triathlon',
      format: 'half',
      raceDate: new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10),
    },
  });
  assert.equal(triathlon.status(), 201, await triathlon.text());
  const triathlonId = ((await triathlon.json()) as { id: string }).id;
  const course = await page.request.post(`${APP_URL}/api/v1/courses?name=Rock%20Creek`, {
    headers: { origin: APP_URL, 'content-type': 'application/gpx+xml' },
    data: readFileSync(join(import.meta.dirname, '../worker/features/ingest/files/corpus/real/run.gpx')),
  });
  assert.equal(course.status(), 201, await course.text());
  const courseId = ((await course.json()) as { id: string }).id;
  for (let i = 21; i >= 0; i--) {
    const res = await page.request.put(`${APP_URL}/api/v1/wellness/days/${dayAgo(i)}/check-in`, {
      data: { sleepHours: 6.5 + (i % 4) * 0.5, restingHr: 46 + (i % 5), ...(i % 3 === 0 ? {} : { weight: 71 - i * 0.05 }) },
      headers: { origin: APP_URL },
    });
    assert.equal(res.status(), 200, await res.text());
  }
  const conversation = await page.request.post(`${APP_URL}/api/v1/ai-coach/conversations`, {
    data: { title: 'How is my week going?' },
    headers: { origin: APP_URL },
  });
  assert.equal(conversation.status(), 201, await conversation.text());
  const conversationId = ((await conversation.json()) as { conversation: { id: string } }).conversation.id;
  const social = await seedSocial(browser, page, email);
  await page.goto(`${APP_URL}/activities`);
  const hrefs = await page.locator('a.activity-link').evaluateAll((all) => all.map((a) => a.getAttribute('href') ?? ''));
  const href = hrefs[0];
  assert.ok(href, 'the athlete has activities');
  return {
    page,
    seeded: {
      activityId: href.replace('/activities/', ''),
      workoutId,
      conversationId,
      raceId: planId,
      triathlonId,
      courseId,
      segmentId: await segmentFrom(page, hrefs),
      ...social,
    },
  };
}

/** A segment of the first listed activity with GPS (an indoor one is refused with a 400 and the next is tried). */
async function segmentFrom(page: Page, hrefs: string[]): Promise<string> {
  for (const href of hrefs) {
    const res = await page.request.post(`${APP_URL}/api/v1/segments`, {
      headers: { origin: APP_URL },
      data: { activityId: href.replace('/activities/', ''), fromS: 120, toS: 600, name: 'Riverside drag', visibility: 'private' },
    });
    if (res.status() === 201) return ((await res.json()) as { id: string }).id;
  }
  assert.fail('none of the athlete’s activities has GPS to cut a segment from');
}

/** Two frames: what a resize changes (media queries, observers that re-render charts) has been laid out and painted. */
const settled = (page: Page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

/**
 * Visits each page of the pass at each width; answers every finding, labelled by page and width. A page is loaded
 * once, at a width that turns with the page (so every width gets pages loaded at it), then resized to the other two
 * as a phone turned or a window dragged would be: the layout at each width is measured without loading the page
 * three times (ADR 094: the pass was the browser suite's heaviest file).
 */
export async function pass(page: Page, who: string, seeded: Seeded | null): Promise<string[]> {
  const problems: string[] = [];
  let turn = 0;
  for (const [file, pathOf] of Object.entries(PASS)) {
    const path = pathOf(seeded);
    if (!path) continue;
    const first = turn++ % WIDTHS.length;
    for (const [i, width] of [...WIDTHS.slice(first), ...WIDTHS.slice(0, first)].entries()) {
      await page.setViewportSize({ width, height: width < 600 ? 800 : 1024 });
      if (i === 0) {
        const res = await page.goto(`${APP_URL}${path}`);
        assert.ok(res && res.status() < 400, `${who} ${path}: ${res?.status()}`);
        await page.locator('h1').first().waitFor();
        await page.waitForLoadState('networkidle');
      } else await settled(page);
      const name = `${who}-${file
        .replace(/^_app\./, '')
        .replace(/\.tsx$/, '')
        .replace(/[$_]/g, '')}-${width}`;
      await screenshot(page, `mobile/${name}`);
      // The figures tables behind their disclosures ("Week by week"), open, so their phone layout is kept too.
      const tables = page.locator('details:not([open]):has(.table-stack)');
      if ((await tables.count()) > 0) {
        await tables.evaluateAll((all) => {
          for (const d of all) (d as HTMLDetailsElement).open = true;
        });
        await screenshot(page, `mobile/${name}-tables`);
        await page.locator('details[open]:has(.table-stack)').evaluateAll((all) => {
          for (const d of all) (d as HTMLDetailsElement).open = false;
        });
      }
      const findings: Finding[] = await auditPage(page);
      for (const f of findings) problems.push(`${who} ${path} @${width}: ${f}`);
    }
  }
  return problems;
}

/** The roles Chromium's accessibility tree gives to what is inside the group named `name`. */
export async function rolesInside(page: Page, name: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  type AxNode = { nodeId: string; ignored: boolean; role?: { value: string }; name?: { value: string }; childIds?: string[] };
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const group = nodes.find((n) => n.role?.value === 'group' && n.name?.value === name);
  assert.ok(group, `no group named ${name}`);
  const roles: string[] = [];
  const walk = (n: AxNode) => {
    for (const id of n.childIds ?? []) {
      const child = byId.get(id);
      if (!child) continue;
      if (!child.ignored && child.role) roles.push(child.role.value);
      walk(child);
    }
  };
  walk(group);
  await cdp.detach();
  return roles;
}
