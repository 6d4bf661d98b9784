// The privacy feature's face to the rest of the app: export, deletion, retention and the operators' queue
// each add their part here. Deletion: `requestDeletion({ userId, requestedBy?, reason? })` and
// `cancelDeletion` are the operators' way in (services.deletion).
export {
  CONFIRM_WORD,
  createDeletionService,
  DeleteOrgInput,
  deletionConsumer,
  deletionRoutes,
  deletionsDueJob,
  DeletionStatus,
  GRACE_DAYS,
  lastSweep,
  orgDeletionRoutes,
  orphanSweepJob,
  privacyPulse,
  pseudonymOf,
  RequestDeletionInput,
  sweepOrphans,
} from './deletion';
export type { DeletionDeps, DeletionService, PrivacyPulse } from './deletion';
export { DATA_MAP, PERSONAL_TABLES } from './data-map';
