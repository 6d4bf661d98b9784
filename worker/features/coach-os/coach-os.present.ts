// Rows of the org, its clients and packages as the coach API answers them; pages that show the same
// things use these too, so the JSON has one shape wherever it is read.
import type { ClientPackageRow, ClientRow, PackageTypeRow, SessionLedgerRow } from './coach-os.repo';
import type { Member } from './member';

const hhmm = (t: string | null) => (t ? t.slice(0, 5) : null);

export const presentOrg = (m: Member) => ({
  id: m.org.id,
  name: m.org.name,
  timeZone: m.org.timeZone,
  quietHours: m.org.quietStart && m.org.quietEnd ? { start: hhmm(m.org.quietStart)!, end: hhmm(m.org.quietEnd)! } : null,
  reminderOffsetsMinutes: m.org.reminderOffsets,
  role: m.role,
});

export const presentClient = (c: ClientRow) => ({
  id: c.id,
  name: c.name,
  phone: c.phone,
  email: c.email,
  notes: c.notes,
  smsConsent: c.smsConsent,
  athleteLinked: c.athleteUserId !== null,
  archived: c.archived,
});

export const presentPackageType = (t: PackageTypeRow) => ({
  id: t.id,
  name: t.name,
  sessions: t.sessions,
  sessionMinutes: t.sessionMinutes,
  priceCents: t.priceCents,
  currency: t.currency,
  validityDays: t.validityDays,
  active: t.active,
});

/** What giving a client a package answers: the package as bought, before any use. */
export const presentGivenPackage = (p: ClientPackageRow) => ({
  id: p.id,
  name: p.name,
  sessionsTotal: p.sessionsTotal,
  sessionsRemaining: p.sessionsRemaining,
  purchasedOn: p.purchasedOn,
  expiresOn: p.expiresOn,
});

function packageStatus(p: ClientPackageRow, today: string): 'active' | 'expired' | 'used_up' | 'cancelled' {
  if (p.status === 'cancelled') return 'cancelled';
  if (p.sessionsRemaining === 0) return 'used_up';
  if (p.expiresOn !== null && p.expiresOn < today) return 'expired';
  return 'active';
}

/** A client's packages (status as of `today` in the org's zone) and their recent ledger entries. */
export const presentClientPackages = (rows: { pkg: ClientPackageRow; netUses: number }[], ledger: SessionLedgerRow[], today: string) => ({
  packages: rows.map(({ pkg, netUses }) => ({
    id: pkg.id,
    name: pkg.name,
    sessionsTotal: pkg.sessionsTotal,
    sessionsRemaining: pkg.sessionsRemaining,
    sessionsUsed: netUses,
    purchasedOn: pkg.purchasedOn,
    expiresOn: pkg.expiresOn,
    status: packageStatus(pkg, today),
  })),
  ledger: ledger.map((l) => ({
    id: l.id,
    kind: l.kind,
    packageId: l.clientPackageId,
    bookingId: l.bookingId,
    releaseOf: l.releaseOf,
    at: l.createdAt.toISOString(),
  })),
});
