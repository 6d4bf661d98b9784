// What the soak's traffic had accepted (a 2xx from the app, or an event the provider sandbox delivered): the
// reconciliation at the end accounts for each of these, so nothing can be lost or done twice unseen.
export interface Tally {
  imports: { cookie: string; id: string }[];
  exports: { cookie: string; id: string }[];
  planEdits: number;
  /** Turns answered to their end, per conversation. */
  coachTurns: Map<string, number>;
  /** Turns sent a second time with the same clientMessageId (must not become a second turn). */
  coachResends: number;
  proposalsConfirmed: number;
  /** Idempotency keys of session uses the ledger answered 200/201, and how many repeats of one were sent. */
  deductions: Map<string, string>;
  deductionRepeats: number;
  /** SMS the coach sent (a unique token in each body), and the client replies the Twilio sandbox delivered. */
  sms: { clientId: string; token: string }[];
  replies: { clientId: string; token: string }[];
  /** Coach comments on shared activities (each notifies the athlete). */
  comments: { athleteId: string }[];
  strava: { userId: string; athleteId: number; added: number }[];
  garmin: { userId: string; user: number; activityIds: string[] }[];
  polar: { userId: string; user: number; added: number }[];
  checkouts: { userId: string; sessionId: string }[];
  deletions: { userId: string; requestId: string | null }[];
  signups: number;
  /** Connects that ended on the provider's own consent page failing (its outage, not ours): not our error, counted here. */
  connectsStoppedAtProvider: number;
}

export const newTally = (): Tally => ({
  imports: [],
  exports: [],
  planEdits: 0,
  coachTurns: new Map(),
  coachResends: 0,
  proposalsConfirmed: 0,
  deductions: new Map(),
  deductionRepeats: 0,
  sms: [],
  replies: [],
  comments: [],
  strava: [],
  garmin: [],
  polar: [],
  checkouts: [],
  deletions: [],
  signups: 0,
  connectsStoppedAtProvider: 0,
});
