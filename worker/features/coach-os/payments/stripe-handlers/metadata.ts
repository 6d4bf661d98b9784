import { z } from 'zod';
import type { TenantRef } from '../stripe-records';

/** What Cadence writes on the objects it creates at Stripe (checkout links: org, client, package type). */
const CadenceMetadata = z.object({ orgId: z.string().min(1), clientId: z.string().optional(), packageTypeId: z.string().optional() });

/** The tenant an object names in its metadata, or null when it carries none of ours. */
export function tenantFrom(...sources: unknown[]): TenantRef | null {
  for (const s of sources) {
    const r = CadenceMetadata.safeParse(s);
    if (r.success) return r.data;
  }
  return null;
}
