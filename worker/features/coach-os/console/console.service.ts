// What the coach console's pages read beyond the plain CRUD: sessions left per client (the client
// list and the overview's "low on sessions") and one client's bookings, upcoming and past.

import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { notFound } from '../../../lib/errors';
import { todayIn } from '../../../lib/dates';
import { createCoachRepo } from '../coach-os.repo';
import type { Member } from '../coach-os.service';
import { createConsoleRepo } from './console.repo';

/** At or below this many sessions left a client is "low" and the overview says so. */
export const LOW_SESSIONS = 2;

export function createConsoleService(deps: { db: Db; clock: Clock }) {
  const repo = () => createConsoleRepo(deps.db);

  return {
    /** clientId → sessions left in active, unexpired packages (0 for clients without one). */
    async sessionsLeft(m: Member): Promise<Map<string, { remaining: number; packages: number }>> {
      const rows = await repo().sessionsLeft(m.org.id, todayIn(m.org.timeZone, deps.clock.now()));
      return new Map(rows.map((r) => [r.clientId, { remaining: r.remaining, packages: r.packages }]));
    },

    /** One client's next bookings and latest past ones (the client page's bookings section). */
    async clientBookings(m: Member, clientId: string, limit = 20) {
      const client = await createCoachRepo(deps.db).getClient(m.org.id, clientId);
      if (!client) throw notFound('Client');
      const now = deps.clock.now();
      const [upcoming, past] = await Promise.all([
        repo().upcomingOf(m.org.id, clientId, now, limit),
        repo().pastOf(m.org.id, clientId, now, limit),
      ]);
      return { upcoming, past };
    },
  };
}

export type ConsoleService = ReturnType<typeof createConsoleService>;
