// Scenario builders for tests: worlds made through the app's own routes and services.
export { coachOrg, stripePayingClient, uniquePhone } from './coach-world';
export type {
  Booking,
  BookingActionBody,
  BookingFields,
  Client,
  ClientFields,
  ClientPackages,
  CoachOrg,
  CoachOrgOptions,
  GivenPackage,
  Json,
  LedgerResult,
  Org,
  PackageType,
  PackageTypeFields,
  SmsMessage,
} from './coach-world';
export { athleteWithHistory } from './athlete';
export type { HistoryEntry } from './athlete';
export { giveTeam, giveTier, membershipOf, takeTeam } from './membership';
