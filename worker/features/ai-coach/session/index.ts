// The athlete's live turn: the CoachSession object (called over RPC), its stream buffer, and the routes that
// ask, attach, stop and retry.
export { CoachSession } from './coach-session.do';
export { createSessionClient } from './session-client';
export type { SessionClient, SessionNamespace } from './session-client';
export type { SessionAsk, SessionResult } from './session-result';
