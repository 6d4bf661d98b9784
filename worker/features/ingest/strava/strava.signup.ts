import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { randomToken } from '../../../lib/crypto';
import { AppError, ErrorCode } from '../../../lib/errors';
import { signToken, verifyToken } from '../../../lib/signed-token';
import type { StravaClient } from '../../../providers/strava/strava';
import type { AuthService } from '../../auth';
import type { InvitesService } from '../../invites';
import * as connectionsRepo from '../connections.repo';
import { STRAVA_SCOPE, type CallbackQuery, type StravaConnections } from './strava.connection';

const STATE_TTL_MS = 10 * 60_000;
// Strava shares no email address: accounts made through it get a placeholder in the reserved
// .invalid domain (never deliverable) until the athlete adds a real one; auth gives them an unusable password.
export const stravaPlaceholderEmail = (athleteId: number) => `strava-${athleteId}@strava.users.cadence.invalid`;

interface Deps {
  db: Db;
  clock: Clock;
  strava: StravaClient;
  stateSecret: string;
  appOrigin: string;
  invites: InvitesService;
  /** Creates the account (through the invite gate) and signs it in: account creation is auth's. */
  auth: Pick<AuthService, 'createExternalAccount' | 'signInExternal'>;
  connections: StravaConnections;
}

/** "Sign up / log in with Strava": a signup state carries the invite, and the callback admits through the invite gate. */
export function createStravaSignup(deps: Deps) {
  const callbackUrl = new URL('/api/v1/connections/strava/callback', deps.appOrigin).toString();
  return {
    /** Checks the invite now (a clear error before Strava), and binds it into the signed state. */
    async authorizeUrl(inviteCode: string, timeZone?: string): Promise<string> {
      await deps.invites.assertUsable(inviteCode);
      // A new account is a new athlete for Strava: when our app is full, say so here rather than on Strava's page.
      await deps.connections.assertRoomFor(null);
      const state = await signToken(
        // The confirmed zone rides in the signed state to the callback, where the account is made.
        { n: randomToken(16), inv: inviteCode, ...(timeZone ? { tz: timeZone } : {}), exp: deps.clock.now().getTime() + STATE_TTL_MS },
        deps.stateSecret,
      );
      return deps.strava.authorizeUrl({ redirectUri: callbackUrl, state, scope: STRAVA_SCOPE });
    },

    /** "Log in with Strava" for athletes whose account is linked to Strava. */
    async loginUrl(): Promise<string> {
      const state = await signToken({ n: randomToken(16), login: true, exp: deps.clock.now().getTime() + STATE_TTL_MS }, deps.stateSecret);
      return deps.strava.authorizeUrl({ redirectUri: callbackUrl, state, scope: STRAVA_SCOPE });
    },

    /** Which flow a callback's state was made for (and a signup's invite), so the route takes the right path. */
    async flowOf(q: CallbackQuery): Promise<{ flow: 'signup' | 'login' | 'connect'; invite?: string }> {
      const claims = q.state ? await verifyToken(q.state, deps.stateSecret) : null;
      if (typeof claims?.inv === 'string') return { flow: 'signup', invite: claims.inv };
      return { flow: claims?.login === true ? 'login' : 'connect' };
    },

    /**
     * The callback of a signup: an athlete already linked to this Strava account is simply signed
     * in; otherwise the invite is redeemed (in the same transaction as the new account) and the
     * connection is attached. Returns a session token either way.
     */
    async complete(q: CallbackQuery, userAgent: string | null): Promise<{ userId: string; token: string; created: boolean }> {
      const { claims, code, granted } = await deps.connections.verifyCallback(q);
      const tokens = await deps.connections.exchange(code);
      if (!tokens.athlete) throw new Error('Strava did not say which athlete connected');
      const existing = await connectionsRepo.findByExternal(deps.db, 'strava', String(tokens.athlete.id));
      let userId = existing?.userId;
      let created = false;
      if (!userId && claims.login === true) {
        throw new AppError(
          ErrorCode.NOT_FOUND,
          'No Cadence account is connected to this Strava account yet. Sign up with your invite code first.',
        );
      }
      if (!userId) {
        const name = [tokens.athlete.firstname, tokens.athlete.lastname].filter(Boolean).join(' ').trim() || 'Strava athlete';
        const user = await deps.auth.createExternalAccount({
          inviteCode: String(claims.inv),
          email: stravaPlaceholderEmail(tokens.athlete.id),
          displayName: name,
          via: 'strava',
          ...(typeof claims.tz === 'string' ? { timeZone: claims.tz } : {}),
        });
        userId = user.id;
        created = true;
      }
      await deps.connections.attach(userId, tokens, granted, String(claims.n));
      const { token } = await deps.auth.signInExternal(userId, userAgent);
      return { userId, token, created };
    },
  };
}

export type StravaSignup = ReturnType<typeof createStravaSignup>;
