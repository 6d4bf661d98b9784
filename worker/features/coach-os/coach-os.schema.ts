import { z } from '@hono/zod-openapi';
import { ZONE_NAME } from '../../lib/dates';
import { FreeText } from '../../lib/text.schema';

const E164_HINT = 'Use the international format, e.g. +14155550123';
/** Phone numbers are stored in E.164; spaces, dashes, dots and brackets people type are dropped first. */
export const E164 = z
  .string()
  .trim()
  .regex(/^[+0-9 ().-]{1,40}$/, E164_HINT)
  .transform((s) => s.replace(/[\s\-().]/g, ''))
  .pipe(z.string().regex(/^\+[1-9]\d{7,14}$/, E164_HINT));

const ZONE_HINT = 'Unknown time zone (use an IANA name such as America/Denver)';
export const TimeZone = z
  .string()
  .regex(ZONE_NAME, ZONE_HINT)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return tz.includes('/') || tz === 'UTC';
    } catch {
      return false;
    }
  }, ZONE_HINT);

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM (24-hour)');

const OrgName = FreeText({ min: 1, max: 120 });
export const CreateOrgInput = z.object({ name: OrgName, timeZone: TimeZone }).openapi('CreateOrg');
export const UpdateOrgInput = z
  .object({
    name: OrgName.optional(),
    timeZone: TimeZone.optional(),
    quietHours: z
      .object({ start: HHMM, end: HHMM })
      .nullable()
      .optional()
      .openapi({ description: 'Org-local window in which no SMS is sent (may cross midnight); null = none' }),
    reminderOffsetsMinutes: z
      .array(
        z
          .number()
          .int()
          .min(5)
          .max(14 * 24 * 60),
      )
      .max(4)
      .optional(),
  })
  .openapi('UpdateOrg');

export const Org = z
  .object({
    id: z.uuid(),
    name: z.string(),
    timeZone: z.string(),
    quietHours: z.object({ start: z.string(), end: z.string() }).nullable(),
    reminderOffsetsMinutes: z.array(z.number()),
    role: z.enum(['owner', 'coach']),
  })
  .openapi('Org');

export const CreateClientInput = z
  .object({
    name: FreeText({ min: 1, max: 120 }),
    phone: E164.nullable().optional(),
    email: z.email().max(254).nullable().optional(),
    notes: FreeText({ max: 4000, multiline: true }).optional(),
    smsConsent: z.enum(['unknown', 'granted', 'revoked']).optional(),
  })
  .openapi('CreateClient');
export const UpdateClientInput = CreateClientInput.partial().extend({ archived: z.boolean().optional() }).openapi('UpdateClient');

export const Client = z
  .object({
    id: z.uuid(),
    name: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    notes: z.string(),
    smsConsent: z.enum(['unknown', 'granted', 'revoked']),
    athleteLinked: z.boolean(),
    archived: z.boolean(),
  })
  .openapi('Client');

export const CreatePackageTypeInput = z
  .object({
    name: FreeText({ min: 1, max: 120 }),
    sessions: z.number().int().min(1).max(500),
    sessionMinutes: z.number().int().min(5).max(600),
    priceCents: z.number().int().min(0).max(100_000_000),
    currency: z.string().regex(/^[a-z]{3}$/, 'A lowercase ISO currency code, e.g. usd'),
    validityDays: z.number().int().min(1).max(3660).nullable().optional(),
  })
  .openapi('CreatePackageType');
export const PackageType = CreatePackageTypeInput.extend({
  id: z.uuid(),
  validityDays: z.number().nullable(),
  active: z.boolean(),
}).openapi('PackageType');

export const AddClientPackageInput = z
  .object({
    packageTypeId: z.uuid(),
    purchasedOn: z.iso.date().optional().openapi({ description: 'Default: today in the org’s time zone' }),
  })
  .openapi('AddClientPackage');

export const ClientPackage = z
  .object({
    id: z.uuid(),
    name: z.string(),
    sessionsTotal: z.number(),
    sessionsRemaining: z.number(),
    sessionsUsed: z.number().openapi({ description: 'Net uses in the ledger; always total − remaining' }),
    purchasedOn: z.string(),
    expiresOn: z.string().nullable(),
    status: z.enum(['active', 'expired', 'used_up', 'cancelled']),
  })
  .openapi('ClientPackage');

export const LedgerEntry = z
  .object({
    id: z.uuid(),
    kind: z.enum(['use', 'release']),
    packageId: z.uuid(),
    bookingId: z.uuid().nullable(),
    releaseOf: z.uuid().nullable(),
    at: z.string(),
  })
  .openapi('LedgerEntry');
export const ClientPackages = z.object({ packages: z.array(ClientPackage), ledger: z.array(LedgerEntry) }).openapi('ClientPackages');

export const IdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
