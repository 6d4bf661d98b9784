/**
 * Explicit admin powers. Owners hold all of them implicitly; admins only those granted (and audited);
 * the read-only demo role holds the `.read` ones (with personal data masked) and nothing else.
 */
export const PERMISSIONS = [
  'invites.manage',
  /** Search athletes and open their support page (personal data masked without users.pii). */
  'users.read',
  /** See emails, names and devices in the operator console. */
  'users.pii',
  /** Account actions: block/unblock, password reset mail, temporary password, reset onboarding, clear coach thread, disconnect a provider. */
  'users.manage',
  'audit.read',
  /** Run the audit retention job (dry run and real), and the retention table's dry run (privacy). */
  'audit.retention',
  /** Ops Pulse and platform metrics. */
  'ops.read',
  'system.ingestion_pause',
  /** Switch the Strava data policy between its default and strict modes (ADR 036). */
  'system.data_policy',
  /** Retry an athlete's ingestion or one failed job/import. */
  'ingestion.retry',
  'system.analytics_rebuild',
  'billing.manage',
  /** Confirm an athlete's AI-coach plan proposal on their behalf (audited with both identities). */
  'coach_proposals.confirm',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What the demo role may look at: reading only, and never personal data. */
export const DEMO_PERMISSIONS: readonly Permission[] = ['users.read', 'audit.read', 'ops.read'];
