export { ClientLedger } from './client-ledger.do';
export { createCoachService } from './coach-os.service';
export type { CoachService, Member } from './coach-os.service';
export { coachRoutes } from './coach-os.routes';
