import type { UserRow } from './auth.repo';
import type { User } from './auth.schema';

export function presentUser(u: UserRow): User {
  return {
    id: u.id,
    email: u.email,
    role: u.role,
    displayName: u.displayName,
    units: u.units,
    timeZone: u.timeZone,
    timeZoneConfirmed: u.timeZoneConfirmedAt !== null,
    birthDate: u.birthDate,
    sex: u.sex,
    createdAt: u.createdAt.toISOString(),
  };
}
