/** Explicit admin powers. Owners hold all of them implicitly; admins only those granted (and audited). */
export const PERMISSIONS = [
  'invites.manage',
  'users.manage',
  'audit.read',
  'system.ingestion_pause',
  'system.analytics_rebuild',
  'billing.manage',
  /** Confirm an athlete's AI-coach plan proposal on their behalf (audited with both identities). */
  'coach_proposals.confirm',
] as const;
export type Permission = (typeof PERMISSIONS)[number];
