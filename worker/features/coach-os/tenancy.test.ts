// One tenancy matrix for the whole coach API: org B's coach attacks every route under /api/v1/coach
// with org A's ids and must get a 404 (or, on lists, see none of A's data), while the same request with
// B's own ids succeeds, so a 404 is about the org and not a broken request. The route list comes from
// openapi.json and the router itself: a new coach route without a case here fails the first test.

import { describe, expect, it } from 'vitest';
import { Harness } from '../../testing/harness';
import { sandbox } from './sms/sms-testing';
import { matrix } from './tenancy-cases.testing';
import { coachRoutes, idsOf, snapshot } from './tenancy-checks.testing';
import { orgWorld, type Api } from './tenancy-world.testing';

describe('coach API tenancy matrix', () => {
  it('has a case for every coach route, and none for a route that is gone', async () => {
    const routes = await coachRoutes(Harness.init());
    expect(routes.length).toBeGreaterThan(30);
    expect(
      routes.filter((k) => !(k in matrix)),
      'coach routes with no tenancy case: add them to `matrix`',
    ).toEqual([]);
    expect(
      Object.keys(matrix).filter((k) => !routes.includes(k)),
      'cases for routes the app no longer serves',
    ).toEqual([]);
  });

  // Every coach route in turn (over 100 requests, one at a time): more than the default minute on a busy machine.
  it('org B’s coach can neither read nor change anything of org A through any of them', { timeout: 180_000 }, async () => {
    const h = Harness.init();
    const [a, b] = await Promise.all([orgWorld(h, 'Alpha', 'America/Denver'), orgWorld(h, 'Bravo', 'Europe/Berlin')]);
    const secrets = [a.marker, ...Object.values(a.ids)];
    const asB: Api = async <T>(path: string, init?: Parameters<Api>[1]) => {
      const r = await b.api<T>(path, init);
      const leaked = secrets.filter((s) => r.text.includes(s));
      if (leaked.length)
        throw new Error(
          `${init?.method ?? (init?.body ? 'POST' : 'GET')} ${path} answered ${r.status} with org A's ${leaked.join(', ')}: ${r.text.slice(0, 300)}`,
        );
      return r;
    };
    const before = await snapshot(a);

    const failures: string[] = [];
    // One at a time: cases share B's world, and a failure names its route.
    for (const [route, attack] of Object.entries(matrix)) {
      try {
        await attack({ a, b, asB });
      } catch (err) {
        failures.push(`${route}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    expect(failures).toEqual([]);

    const after = await snapshot(a);
    expect(after).toEqual(before);
    // The facts the matrix most wants to protect, spelled out.
    expect(after.org).toMatchObject({ id: a.org.id, name: `${a.marker} Coaching`, timeZone: 'America/Denver' });
    expect(after.client).toMatchObject({ name: `${a.marker} Client`, phone: a.client.phone, notes: a.client.notes });
    expect(idsOf(after.clients.clients)).toEqual([a.client.id, a.spareClient.id]);
    expect(idsOf(after.packageTypes.packageTypes)).toEqual([a.type.id]);
    expect(after.packages.packages).toMatchObject([{ id: a.pkg.id, sessionsRemaining: 9, sessionsUsed: 1 }]);
    expect(after.packages.ledger.map((l) => l.id)).toEqual([a.use.ledgerId]);
    expect(after.clientBookings.upcoming).toMatchObject([{ id: a.booking.id, status: 'scheduled', startsAt: a.startsAt.toISOString() }]);
    expect(after.automations).toMatchObject([{ id: a.automation.id, name: `${a.marker} check-in`, enabled: true }]);
    expect(after.tasks.tasks).toMatchObject([{ id: a.task.id, doneAt: null }]);
    expect(after.athleteLink.link).toMatchObject({ id: a.link.id, status: 'accepted', athleteName: `${a.marker} Athlete` });
    expect(after.pnl.events).toMatchObject([{ id: a.money.id, amountCents: 7_700 }]);
    expect(after.templates.templates.find((t) => t.kind === 'confirmation')!.body).toBe(a.template.body);
    expect(after.templates.templates.find((t) => t.kind === 'reminder')!.isDefault).toBe(true);
    // The booking's own confirmation and planned reminders; nothing typed by B.
    expect(after.messages.messages.map((m) => m.kind).sort()).toEqual(['confirmation', 'reminder', 'reminder']);
    // Nothing B did reached A's client's phone either.
    expect((await sandbox.messages(a.client.phone)).map((m) => m.body)).toEqual([a.message.body]);
  });
});
