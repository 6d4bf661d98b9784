// Assistants connected by OAuth 2.1 (ADR 107): the consent an athlete gives on /oauth/authorize, the grants they
// see and revoke in Settings → API, and the request-time check that turns an access token into its athlete on /mcp.
// The protocol itself (registration, PKCE, codes, tokens, refresh, revocation) is @cloudflare/workers-oauth-provider's.
import { AuthorizationError, CimdFetchError, type ConsentDescription } from '@cloudflare/workers-oauth-provider';
import type { KeyAuth, KeyRate, Viewer } from '../../context';
import type { StatementExecutor } from '../../db/executor';
import { refuseWhileImpersonating } from '../../http/guards';
import type { Clock } from '../../lib/clock';
import { AppError, ErrorCode } from '../../lib/errors';
import { DEFAULT_RATE_PER_MINUTE, windowOf } from '../../lib/rate-window';
import type { Actor, AuditService } from '../audit';
import type { MembershipService } from '../membership';
import { ASSISTANT_SCOPES, type AssistantScope, authorizationServerFor, BASE_SCOPE, type OAuthEnv, resourceOf } from './oauth.config';
import { lastUses, takeWindow, usableUser } from './oauth.repo';

/** What the consent page shows (every string from the client is the page's to escape, and React does). */
export type ConsentStep =
  | { kind: 'consent'; details: ConsentDescription; handle: string; setCookie: string[]; scopes: AssistantScope[] }
  /** The client and its redirect URI were validated: the error goes back to it (OAuth's rule). */
  | { kind: 'redirect'; to: string }
  /** Not safe to redirect (an unknown client, a redirect URI it never registered): said on our page. */
  | { kind: 'error'; message: string };

export interface GrantMetadata {
  clientName: string;
  redirectHost: string;
}

const isAssistantScope = (s: string): s is AssistantScope => (ASSISTANT_SCOPES as readonly string[]).includes(s);

const notConfigured = () => new AppError(ErrorCode.UNAVAILABLE, 'Connecting assistants is not configured on this server.');

/** The scopes the athlete ticked, kept to what an assistant may hold; reaching /mcp always needs the base one. */
export function grantedScopes(ticked: readonly string[], requested: readonly string[]): string[] {
  const scopes = ASSISTANT_SCOPES.filter((s) => s === BASE_SCOPE || ticked.includes(s));
  // A refresh token only when the client asked for one (MCP clients do, for a connection that outlives an hour).
  return requested.includes('offline_access') ? [...scopes, 'offline_access'] : scopes;
}

export function createOAuthService(deps: {
  env: OAuthEnv;
  lookupDb: StatementExecutor;
  audit: AuditService;
  membership: MembershipService;
  clock: Clock;
  /** Requests one assistant may make for one athlete in a minute: a key's default (ADR 105); lower in tests. */
  ratePerMinute?: number;
}) {
  const limit = deps.ratePerMinute ?? DEFAULT_RATE_PER_MINUTE;
  const api = () => {
    if (!deps.env.OAUTH_KV) throw notConfigured();
    return authorizationServerFor(deps.env).getOAuthApi(deps.env);
  };
  const actorOf = (v: Viewer): Actor => ({ id: v.user.id, role: v.user.role, impersonatorId: v.impersonatorId });

  async function ownGrants(userId: string) {
    const out = [];
    let cursor: string | undefined;
    do {
      const page = await api().listUserGrants(userId, { cursor, limit: 100 });
      out.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    return out;
  }

  /** The live grants of a user, newest first, as Settings → API and the data export show them. */
  async function listGrants(userId: string) {
    const now = Date.now() / 1000;
    const used = await lastUses(deps.lookupDb, userId);
    return (await ownGrants(userId))
      .filter((g) => !g.expiresAt || g.expiresAt > now)
      .sort((a, b) => b.createdAt - a.createdAt)
      .map((g) => {
        const m = (g.metadata ?? {}) as Partial<GrantMetadata>;
        return {
          id: g.id,
          clientName: m.clientName ?? g.clientId,
          redirectHost: m.redirectHost ?? null,
          scopes: g.scope.filter(isAssistantScope),
          createdAt: new Date(g.createdAt * 1000).toISOString(),
          lastUsedAt: used.get(g.clientId)?.toISOString() ?? null,
          expiresAt: g.expiresAt ? new Date(g.expiresAt * 1000).toISOString() : null,
        };
      });
  }

  return {
    /** GET /oauth/authorize, signed in: validate the request and open a consent form bound to this browser. */
    async startConsent(request: Request, viewer: Viewer): Promise<ConsentStep> {
      refuseWhileImpersonating(viewer, 'connect an assistant');
      try {
        const oauth = api();
        const parsed = await oauth.parseAuthRequest(request);
        const details = await oauth.describeConsent(parsed);
        const consent = await oauth.beginConsent(parsed);
        // Every read is offered, ticked: clients ask only for the 401's baseline, and the athlete decides here.
        const scopes = [...ASSISTANT_SCOPES];
        return { kind: 'consent', details, handle: consent.handle, setCookie: consent.headers.getSetCookie(), scopes };
      } catch (e) {
        if (e instanceof AuthorizationError && e.redirectTo) return { kind: 'redirect', to: e.redirectTo };
        if (e instanceof AuthorizationError) return { kind: 'error', message: e.description ?? 'This sign-in request is not valid.' };
        if (e instanceof CimdFetchError) return { kind: 'error', message: 'This app could not be verified.' };
        throw e;
      }
    },

    /**
     * POST /oauth/authorize: Allow (with the scopes ticked) or Deny. The handle works once, in the browser that
     * opened the form; the request it stands for comes from the store, never from the form. Audited `oauth.grant`.
     */
    async decide(
      request: Request,
      viewer: Viewer,
      form: { handle: string; allow: boolean; scopes: string[] },
    ): Promise<{ to: string; setCookie: string[] } | { error: string }> {
      refuseWhileImpersonating(viewer, 'connect an assistant');
      const oauth = api();
      try {
        if (!form.allow) {
          const denied = await oauth.denyConsent(request, form.handle);
          return { to: denied.redirectTo, setCookie: denied.headers.getSetCookie() };
        }
        // The tier now: connecting an assistant is API access (Pro), as a key is.
        await deps.membership.requireFeature(viewer.user.id, 'api_keys');
        const approved = await oauth.approveConsent(request, form.handle);
        const scope = grantedScopes(form.scopes, approved.request.scope);
        const details = await oauth.describeConsent(approved.request);
        const metadata: GrantMetadata = { clientName: details.clientName.slice(0, 120), redirectHost: details.redirectHost };
        const { redirectTo } = await oauth.completeAuthorization({
          request: approved.request,
          userId: viewer.user.id,
          metadata,
          scope,
          props: { userId: viewer.user.id },
        });
        await deps.audit.record({
          actor: actorOf(viewer),
          action: 'oauth.grant',
          target: { type: 'oauth_client', id: approved.request.clientId.slice(0, 200) },
          payload: { scopes: scope, redirectHost: metadata.redirectHost },
        });
        return { to: redirectTo, setCookie: approved.headers.getSetCookie() };
      } catch (e) {
        if (e instanceof AuthorizationError)
          return { error: 'This page has expired or was already used. Start connecting again from your assistant.' };
        throw e;
      }
    },

    /** The assistants the athlete connected (Settings → API), newest first. */
    async grants(viewer: Viewer) {
      refuseWhileImpersonating(viewer, 'see connected assistants');
      return listGrants(viewer.user.id);
    },

    /** The same list without a viewer (the data export, GDPR Art. 15's recipients); none where OAuth is not configured. */
    async grantsOf(userId: string) {
      return deps.env.OAUTH_KV ? listGrants(userId) : [];
    },

    /** Disconnects one assistant: its tokens stop at once here (KV's revocation reaches other locations within a minute). */
    async revoke(viewer: Viewer, grantId: string) {
      refuseWhileImpersonating(viewer, 'disconnect an assistant');
      const grant = (await ownGrants(viewer.user.id)).find((g) => g.id === grantId);
      if (!grant) throw new AppError(ErrorCode.NOT_FOUND, 'No such connected assistant.');
      await api().revokeGrant(grant.id, viewer.user.id);
      await deps.audit.record({
        actor: actorOf(viewer),
        action: 'oauth.revoke',
        target: { type: 'oauth_client', id: grant.clientId.slice(0, 200) },
        payload: { grantId: grant.id },
      });
    },

    /** Every grant of a user (a deletion request): the count revoked. A server without OAuth has none. */
    async revokeAll(userId: string): Promise<number> {
      if (!deps.env.OAUTH_KV) return 0;
      const grants = await ownGrants(userId);
      for (const g of grants) await api().revokeGrant(g.id, userId);
      return grants.length;
    },

    /**
     * An access token on /mcp: its athlete, or 401 at once (unknown, expired, revoked, for another resource; the
     * account blocked, deleted or being deleted); 429 when this assistant's minute window for the athlete is full;
     * 403 when the athlete's tier no longer has API access. `onRate` gets the window either way, for the headers.
     */
    async authenticate(token: string, onRate: (r: KeyRate) => void): Promise<KeyAuth> {
      const invalid = () => new AppError(ErrorCode.UNAUTHENTICATED, 'This access token is not valid: it may have expired or been revoked.');
      if (!deps.env.OAUTH_KV) throw invalid();
      const found = await authorizationServerFor(deps.env).validateToken(resourceOf(deps.env), token, deps.env);
      const userId = (found?.props as { userId?: unknown } | undefined)?.userId;
      if (!found || typeof userId !== 'string' || userId !== found.userId) throw invalid();
      const user = await usableUser(deps.lookupDb, userId);
      if (!user) throw invalid();
      // Per athlete and assistant, from what the library validated (never parsed from the token): a second assistant
      // of the same athlete has its own window, as a second key does.
      const now = deps.clock.now();
      const w = windowOf(now);
      const count = await takeWindow(deps.lookupDb, { userId, clientId: found.clientId, windowStart: w.start, limit });
      onRate({ limit, remaining: count === null ? 0 : limit - count, resetAt: w.resetAt });
      if (count === null)
        throw new AppError(ErrorCode.RATE_LIMITED, `This assistant made ${limit} requests this minute: wait for the next one.`, {
          retryAfterSeconds: w.resetSeconds,
        });
      await deps.membership.requireFeature(user.id, 'api_keys');
      const id = `oauth:${found.clientId}`.slice(0, 64);
      return {
        id,
        // What logs show of it: the client, never the token.
        prefix: `oauth:${found.clientId.slice(0, 16)}`,
        scopes: found.scope.filter(isAssistantScope),
        orgId: null,
        viewer: { user, sessionId: id, impersonatorId: null },
      };
    },
  };
}

export type OAuthService = ReturnType<typeof createOAuthService>;
