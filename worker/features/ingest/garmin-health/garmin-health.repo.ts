// The athlete's wellness consent on their Garmin connection (provider_connections.wellness_consent_at, ADR 071).
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { providerConnections } from '../../../db/schema';

export interface GarminHealthLink {
  connectionId: string;
  scopes: string;
  reconnectNeeded: boolean;
  consentAt: Date | null;
}

export async function link(db: Executor, userId: string): Promise<GarminHealthLink | null> {
  const [row] = await db
    .select({
      connectionId: providerConnections.id,
      scopes: providerConnections.scopes,
      reconnectNeededAt: providerConnections.reconnectNeededAt,
      consentAt: providerConnections.wellnessConsentAt,
    })
    .from(providerConnections)
    .where(and(eq(providerConnections.userId, userId), eq(providerConnections.provider, 'garmin')));
  return row
    ? { connectionId: row.connectionId, scopes: row.scopes, reconnectNeeded: row.reconnectNeededAt !== null, consentAt: row.consentAt }
    : null;
}

export async function setConsent(db: Executor, userId: string, at: Date | null): Promise<void> {
  await db
    .update(providerConnections)
    .set({ wellnessConsentAt: at })
    .where(and(eq(providerConnections.userId, userId), eq(providerConnections.provider, 'garmin')));
}
