export { createMembershipService, MAX_COMP_DAYS } from './membership.service';
export type { MembershipService, Member, QuotaUse } from './membership.service';
export { createBillingSyncService, TRIAL_DAYS } from './billing-sync.service';
export type { BillingSyncService, Payer } from './billing-sync.service';
export { membershipRoutes, coachBillingRoutes, membershipAdminRoutes } from './membership.routes';
export { requireEntitlement, useQuota, entitled } from './membership.guards';
export * from './entitlements';
export { PAST_DUE_GRACE_DAYS, quotaPeriod } from './tier';
export { EntitlementsSchema, MembershipStatus, PlanCatalog } from './membership.schema';
