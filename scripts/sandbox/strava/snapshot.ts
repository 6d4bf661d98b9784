// The Strava sandbox's state as the control API's `GET state` and the dashboard show it.
import type { StravaState } from './state.ts';

export function snapshotOf(s: StravaState) {
  return {
    sandboxTime: new Date(s.clock.nowMs()).toISOString(),
    config: s.config,
    usage: { ...s.limiter.usage(), resetsInSeconds: s.limiter.resetsIn() },
    calls: s.counters,
    subscription: s.subscription,
    recentDeliveries: s.deliveries.slice(0, 20),
    apps: appsOf(s),
    athletes: [...s.athletes.values()].map((a) => ({
      id: a.id,
      added: a.added.length,
      patched: a.patches.size,
      deleted: a.deleted.size,
      activeTokens: [...s.access.values()].filter((t) => t.athleteId === a.id && t.expiresAt > s.scope(a.id).clock.nowSec()).length,
      // Refresh tokens that still work: none once the athlete (or the app) revoked access.
      refreshTokens: [...s.refresh.values()].filter((t) => t.athleteId === a.id).length,
      revocations: s.revocations.get(a.id) ?? [],
      world: a.world && { ...a.world.config, sandboxTime: new Date(a.world.clock.nowMs()).toISOString() },
    })),
  };
}

/** Every app with its limit and how many athletes hold a live authorization. */
export function appsOf(s: StravaState): { clientId: string; athleteLimit: number | null; connected: number }[] {
  const all = [s.app(s.config.clientId)!, ...s.apps.values()];
  return all.map((a) => ({ clientId: a.clientId, athleteLimit: a.athleteLimit, connected: s.connectedTo(a.clientId).size }));
}
