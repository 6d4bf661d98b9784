// What every route declares next to its path: who may call it (access) and whether it is the user's own
// act, refused to an impersonation (risk). One middleware enforces both before the route's input is
// validated, so the order is always authentication → authorization → validation (ADR 029).
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv, Viewer } from '../context';
import type { DataUse, Permission, Role, RouteScope } from '../lib/access-vocabulary';
import { AppError, ErrorCode } from '../lib/errors';
import { DEMO_READ_ONLY_MESSAGE } from './demo.middleware';
import { refuseWhileImpersonating, requirePermission, requireRole, requireUser } from './guards';

/** Who may call a route. Everything but `public` answers 401 to a request without a session. */
export type Access =
  /** No session needed; `why` says what the authority is instead (a signature, a secret URL, a login form). */
  | { readonly kind: 'public'; readonly why: string }
  | { readonly kind: 'signed-in' }
  /** One of these roles (`requireRole`); `message` replaces the generic refusal where a route had its own. */
  | { readonly kind: 'roles'; readonly roles: readonly Role[]; readonly message?: string }
  /** An operator holding the permission (`requirePermission`: owners all, demo its read set). */
  | { readonly kind: 'permission'; readonly permission: Permission }
  /**
   * A member (or the owner) of a coaching organisation. The owning feature supplies the check (404 to a
   * user with no organisation, 403 to a staff coach on an owner's route), as coach-os owns the lookup.
   */
  | { readonly kind: 'org-member' | 'org-owner'; readonly check: (c: Context<AppEnv>) => Promise<unknown> };

/**
 * `normal`, or the act a route performs in the user's own name — credentials, secret URLs, money, external
 * connections, data export — refused (403 IMPERSONATION_BLOCKED, "You cannot <act> while impersonating")
 * to an impersonation whoever the target is.
 */
export type Risk = 'normal' | { readonly high: string };

/**
 * What activity data a route shows, shares, analyses or sends, as the data policy names it (ADR 036): the
 * owner's own view, their coach's, figures combining sources, the AI coach, other people; or `none`.
 * The route's reads ask the policy for exactly this use; the matrix test checks each one over HTTP.
 */
export type RouteDataUse = DataUse | 'none';

/**
 * Whether a route changes state. Every method but GET/HEAD/OPTIONS does, by construction; a GET that does
 * (an OAuth connect or callback, a link followed from an email) declares `effect: 'write'`, which makes it
 * refused to the demo role, and must be high-risk: it is the user's own act (ADR 047).
 */
export type Effect = 'read' | 'write';

export interface RouteDeclaration {
  readonly access: Access;
  readonly risk: Risk;
  readonly dataUse: RouteDataUse;
  /**
   * The API-key scope the route needs (ADR 105), or `none`: a key is refused (credentials, billing, the keys
   * themselves, operators). A session never needs one.
   */
  readonly scope: RouteScope;
  /** Only GETs declare it (default `read`); any other method is a write whatever it says. */
  readonly effect?: Effect;
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether a request to a route changes state: any method but a read, or a GET its route declares a write. */
export const changesState = (method: string, d: Pick<RouteDeclaration, 'effect'>): boolean =>
  !READ_METHODS.has(method.toUpperCase()) || d.effect === 'write';

export const publicAccess = (why: string): Access => ({ kind: 'public', why });
export const signedIn: Access = { kind: 'signed-in' };
export const withRole = (allowed: readonly Role[], message?: string): Access => ({ kind: 'roles', roles: allowed, message });
export const withPermission = (permission: Permission): Access => ({ kind: 'permission', permission });
export const highRisk = (act: string): Risk => ({ high: act });

/** The declaration as the OpenAPI document shows it (`x-access`, `x-risk`, `x-data-use`, `x-cadence-scope`): data only. */
export function describeDeclaration({ access, risk, dataUse, scope, effect }: RouteDeclaration) {
  const { kind } = access;
  const detail = kind === 'roles' ? { roles: access.roles } : kind === 'permission' ? { permission: access.permission } : {};
  return {
    'x-access': { kind, ...detail },
    'x-risk': risk === 'normal' ? 'normal' : 'high',
    'x-data-use': dataUse,
    'x-cadence-scope': scope,
    ...(effect === 'write' ? { 'x-effect': 'write' } : {}),
  } as const;
}

/**
 * A key reaches a route only with the scope it declares: `none` refuses every key, whatever the route's access
 * (403 SCOPE_REQUIRED naming what is missing). Checked before anything else the route runs.
 */
export function refuseKeyWithoutScope(key: { scopes: readonly string[] }, scope: RouteScope): void {
  if (scope === 'none')
    throw new AppError(ErrorCode.SCOPE_REQUIRED, 'This operation cannot be called with an API key: sign in to Cadence.', { scope });
  if (!key.scopes.includes(scope))
    throw new AppError(ErrorCode.SCOPE_REQUIRED, `This API key does not have the "${scope}" scope this operation needs.`, { scope });
}

async function enforce(c: Context<AppEnv>, declaration: RouteDeclaration): Promise<void> {
  const { access, risk } = declaration;
  if (c.var.auth.key) refuseKeyWithoutScope(c.var.auth.key, declaration.scope);
  // A GET declared a write is refused to the demo role here; other writes already were, app-wide
  // (refuseDemoWrites), before any route ran.
  const getWrite = READ_METHODS.has(c.req.method) && changesState(c.req.method, declaration);
  // Authentication. A public route looks the session up only to refuse an impersonation a high-risk act
  // (or the demo role a write), and only when a session cookie came (calendar apps and mail servers send none).
  let viewer: Viewer | null = null;
  if (access.kind !== 'public') viewer = await requireUser(c.var.auth);
  else if ((risk !== 'normal' || getWrite) && c.var.auth.token) viewer = await c.var.auth.viewer();
  if (getWrite && viewer?.user.role === 'demo') throw new AppError(ErrorCode.DEMO_READ_ONLY, DEMO_READ_ONLY_MESSAGE);
  // Whose act it is comes before what the role allows: an impersonation is refused whoever the target is.
  if (risk !== 'normal' && viewer) refuseWhileImpersonating(viewer, risk.high);
  switch (access.kind) {
    case 'public':
    case 'signed-in':
      return;
    case 'roles':
      if (access.message && viewer && !access.roles.includes(viewer.user.role)) throw new AppError(ErrorCode.FORBIDDEN, access.message);
      await requireRole(c.var.auth, ...access.roles);
      return;
    case 'permission':
      await requirePermission(c.var.auth, c.var.services.auth.permissionsOf, access.permission);
      return;
    case 'org-member':
    case 'org-owner':
      await access.check(c);
      return;
  }
}

/** The middleware that enforces a declaration; it carries it, so tests find every route's in the route table. */
export type RouteGuard = MiddlewareHandler<AppEnv> & { declaration: RouteDeclaration };

/**
 * The guard of one route. `createRouter()` puts it first on every `.openapi()` route; a plain route
 * (`.get`, `.post`, a router's `.use('*')`) passes it first itself.
 */
export function guardRoute(access: Access, risk: Risk, dataUse: RouteDataUse, scope: RouteScope, effect?: Effect): RouteGuard {
  const declaration: RouteDeclaration = { access, risk, dataUse, scope, ...(effect ? { effect } : {}) };
  const mw: MiddlewareHandler<AppEnv> = async (c, next) => {
    await enforce(c, declaration);
    await next();
  };
  return Object.assign(mw, { declaration });
}

export const declarationOf = (handler: unknown): RouteDeclaration | undefined =>
  typeof handler === 'function' ? (handler as Partial<RouteGuard>).declaration : undefined;
