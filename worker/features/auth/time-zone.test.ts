// The zone-else-UTC rule, written once (auth's timeZoneOf) and used by the file imports, the file doors
// and the archive re-import: the profile's zone, and UTC once the user is gone.
import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../db/schema';
import { parseEnv } from '../../env';
import { createLogger } from '../../lib/logger';
import { Harness } from '../../testing/harness';
import { createServices } from '../../wiring';

describe('auth timeZoneOf', () => {
  it("answers the profile's zone, and UTC for a user who is gone", async () => {
    const h = Harness.init();
    const { user } = await h.signup();
    await h.db.update(users).set({ timeZone: 'America/Denver' }).where(eq(users.id, user.id));
    const services = createServices(parseEnv(env), { requestId: null, logger: createLogger('error'), waitUntil: () => {} });
    try {
      expect(await services.auth.timeZoneOf(user.id)).toBe('America/Denver');
      expect(await services.auth.timeZoneOf(crypto.randomUUID())).toBe('UTC');
    } finally {
      await services.close();
    }
  });
});
