// Membership for the pages (pricing, Settings → Membership, the shell's payment banner): the same
// membership and billing-sync services the /api/v1/membership routes call, shaped for display in the
// athlete's time zone. Stripe's pages (checkout, portal) are reached by redirecting the browser.
import { redirect, type AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { TIERS, TRIAL_DAYS } from '../../../worker/features/membership';
import type { AthleteTier, Interval, Payer } from '../../../worker/features/membership';
import { CheckoutInput, SyncInput, TeamCheckoutInput } from '../../../worker/features/membership/membership.schema';
import { actorOf } from '../../../worker/http/guards';
import { isConsoleRole } from './coach.server';
import { formatDate } from './format';
import { appErrorToForm, isAppError } from './forms.server';
import { formatPrice } from './membership';

type Context = AppLoadContext;

export const MEMBERSHIP_PATH = '/settings/membership';
export const PRICING_PATH = '/pricing';

const athletePayer = ({ user, impersonatorId }: Viewer): Payer & { type: 'user' } => ({
  type: 'user',
  id: user.id,
  name: user.displayName,
  email: user.email,
  impersonatorId,
});
const memberOf = ({ user }: Viewer) => ({ id: user.id, timeZone: user.timeZone });

/** The viewer's coaching org as a payer for the Team plan, and whether they may buy it (the owner). */
async function orgPayer(context: Context, viewer: Viewer): Promise<{ payer: Payer; isOwner: boolean; orgName: string } | null> {
  if (!isConsoleRole(viewer.user.role)) return null;
  const m = await context.services.coach.membership(actorOf(viewer));
  if (!m) return null;
  return {
    payer: { type: 'org', id: m.org.id, name: m.org.name, email: viewer.user.email, impersonatorId: viewer.impersonatorId },
    isOwner: m.role === 'owner',
    orgName: m.org.name,
  };
}

export type MembershipState = 'free' | 'active' | 'trialing' | 'past_due' | 'canceling' | 'comp' | 'invite_trial';

/** The Membership page's view of the athlete: tier, what gives it, the dates that matter, usage. */
export async function loadMembership(context: Context, viewer: Viewer) {
  const tz = viewer.user.timeZone;
  const s = await context.services.membership.status(memberOf(viewer));
  const sub = s.subscription;
  const state: MembershipState = s.source === 'subscription' ? (sub?.access ?? 'free') : s.source;
  const plan = sub?.tier && sub.tier in TIERS ? TIERS[sub.tier as AthleteTier] : undefined;
  const price = plan && sub?.interval ? plan.prices[sub.interval] : undefined;
  const date = (d: Date | null | undefined) => (d ? formatDate(d, tz) : null);
  return {
    tier: s.tier,
    state,
    /** The subscription's own tier and interval (e.g. a Pro subscription under an Elite comp). */
    subscription: sub
      ? {
          access: sub.access,
          tier: sub.tier,
          interval: sub.interval,
          price: plan && price && sub.interval ? formatPrice(price.amountCents, plan.currency, sub.interval) : null,
          renewsOn: sub.access === 'active' ? date(sub.currentPeriodEnd) : null,
          endsOn: sub.access === 'canceling' || sub.cancelAtPeriodEnd ? date(sub.currentPeriodEnd) : null,
          trialEndsOn: sub.access === 'trialing' ? date(sub.trialEnd) : null,
          hasPaymentMethod: sub.hasPaymentMethod,
        }
      : null,
    grant: s.grant ? { kind: s.grant.kind, endsOn: formatDate(s.grant.endsAt, tz) } : null,
    pastDue: s.pastDue ? { since: formatDate(s.pastDue.since, tz), graceEndsOn: formatDate(s.pastDue.graceEndsAt, tz) } : null,
    trialAvailable: s.trialAvailable,
    trialDays: TRIAL_DAYS,
    hasCustomer: s.hasCustomer,
    usage: s.usage.map((u) => ({ kind: u.kind, label: u.label, used: u.used, limit: u.limit, resetsOn: formatDate(u.resetsAt, tz) })),
  };
}
export type MembershipView = Awaited<ReturnType<typeof loadMembership>>;

/** Invoices newest first, or null when Stripe did not answer (the page says so; the rest still shows). */
export async function loadInvoices(context: Context, viewer: Viewer) {
  try {
    const invoices = await context.services.billingSync.invoices(athletePayer(viewer));
    return invoices.map((i) => ({
      id: i.id,
      number: i.number,
      date: formatDate(i.created, viewer.user.timeZone),
      amountCents: i.status === 'paid' ? i.amountPaidCents : i.amountDueCents,
      currency: i.currency,
      status: i.status,
      url: i.hostedInvoiceUrl,
    }));
  } catch (err) {
    if (isAppError(err)) return null;
    throw err;
  }
}

export type CheckoutNotice = { kind: 'success' | 'pending' | 'canceled' | 'trial'; message?: string } | null;

/**
 * Back from Stripe: ?checkout=success&session_id=… reads that checkout's subscription from Stripe now
 * (webhooks may lag); ?checkout=canceled and ?trial=started only say so.
 */
export async function checkoutReturn(
  context: Context,
  viewer: Viewer,
  url: URL,
  payer: 'athlete' | 'org' = 'athlete',
): Promise<CheckoutNotice> {
  const params = url.searchParams;
  if (params.get('trial') === 'started') return { kind: 'trial' };
  const outcome = params.get('checkout');
  if (outcome === 'canceled') return { kind: 'canceled' };
  if (outcome !== 'success') return null;
  const session = SyncInput.safeParse({ sessionId: params.get('session_id') ?? '' });
  if (!session.success) return { kind: 'pending' };
  const who = payer === 'athlete' ? athletePayer(viewer) : (await orgPayer(context, viewer))?.payer;
  if (!who) return null;
  try {
    await context.services.billingSync.syncAfterCheckout(who, session.data.sessionId);
    return { kind: 'success' };
  } catch (err) {
    // Not this account's checkout, or Stripe slow: the webhook will still update the page.
    if (!isAppError(err)) throw err;
    return { kind: 'pending', message: err.code === 'NOT_FOUND' ? undefined : err.message };
  }
}

/** What the pricing page needs to know about the viewer: their tier, subscription and Team plan. */
export async function loadPricingViewer(context: Context, viewer: Viewer) {
  const [status, org] = await Promise.all([context.services.membership.status(memberOf(viewer)), orgPayer(context, viewer)]);
  const team = org ? await context.services.membership.orgStatus(org.payer.id) : null;
  return {
    tier: status.tier,
    subscribed: status.subscription !== null,
    trialAvailable: status.trialAvailable,
    trialDays: TRIAL_DAYS,
    hasCustomer: status.hasCustomer,
    coach: isConsoleRole(viewer.user.role)
      ? org
        ? {
            isOwner: org.isOwner,
            orgName: org.orgName,
            onTeam: team?.team ?? false,
            // Team given by an operator (no subscription to manage in the portal): until when.
            compUntil: team?.team && !team.subscription && team.grant ? formatDate(team.grant.endsAt, viewer.user.timeZone) : null,
          }
        : { isOwner: false, orgName: null, onTeam: false, compUntil: null }
      : null,
  };
}
export type PricingViewer = Awaited<ReturnType<typeof loadPricingViewer>>;

export type MembershipActionResult =
  | { ok: false; intent: string; target: string; formError: string }
  | { ok: true; intent: string; target: string; continueUrl: string };

/**
 * Sends the browser to a Stripe page. A page with JavaScript follows the redirect itself; a plain form
 * post gets the link to follow instead, since the page's CSP (form-action 'self') stops a browser from
 * following a form's redirect to another site.
 */
function toStripe(request: Request, url: string, intent: string, target: string): MembershipActionResult {
  if (request.headers.get('sec-fetch-mode') === 'navigate') return { ok: true, intent, target, continueUrl: url };
  throw redirect(url);
}

/** Runs a Stripe call; a refusal (already subscribed, Stripe down…) becomes the form's error. */
async function attempt(intent: string, target: string, call: () => Promise<string>): Promise<string | MembershipActionResult> {
  try {
    return await call();
  } catch (err) {
    return { ok: false, intent, target, formError: appErrorToForm(err).formError ?? 'That did not work. Please try again.' };
  }
}

/**
 * The membership forms shared by /pricing and /settings/membership: checkout, the billing portal, the
 * Pro trial, and the Team plan's checkout and portal (the org's owner). Redirects when it worked.
 */
export async function membershipAction(
  request: Request,
  context: Context,
  viewer: Viewer,
  values: Record<string, string>,
): Promise<MembershipActionResult> {
  const intent = values.intent ?? '';
  const billing = context.services.billingSync;
  let target: string;
  let outcome: string | MembershipActionResult;
  switch (intent) {
    case 'checkout': {
      const input = CheckoutInput.safeParse({ tier: values.tier, interval: values.interval });
      if (!input.success) throw new Response('Unknown plan', { status: 400 });
      target = input.data.tier;
      outcome = await attempt(intent, target, () =>
        billing.startCheckout(athletePayer(viewer), input.data.tier, input.data.interval, MEMBERSHIP_PATH),
      );
      break;
    }
    case 'portal':
      target = 'portal';
      outcome = await attempt(intent, target, () => billing.portal(athletePayer(viewer), MEMBERSHIP_PATH));
      break;
    case 'trial': {
      const failed = await attempt(intent, 'pro', async () => {
        await billing.startTrial(athletePayer(viewer));
        return '';
      });
      if (typeof failed !== 'string') return { ...failed, target: values.from || 'pro' };
      throw redirect(`${MEMBERSHIP_PATH}?trial=started`);
    }
    case 'team-checkout':
    case 'team-portal': {
      target = 'team';
      const org = await orgPayer(context, viewer);
      if (!org?.isOwner)
        return { ok: false, intent, target: values.from || target, formError: 'Only your organisation’s owner manages its plan.' };
      const input = TeamCheckoutInput.safeParse({ interval: values.interval });
      const interval = input.success ? input.data.interval : 'month';
      outcome = await attempt(intent, target, () =>
        intent === 'team-portal'
          ? billing.portal(org.payer, PRICING_PATH)
          : billing.startCheckout(org.payer, 'team', interval, PRICING_PATH),
      );
      break;
    }
    default:
      throw new Response('Unknown action', { status: 400 });
  }
  // The form says where it sits on the page (a plan's card…), so its outcome is shown there.
  const from = values.from || target;
  return typeof outcome === 'string' ? toStripe(request, outcome, intent, from) : { ...outcome, target: from };
}

/**
 * The shell's payment banner: only a past-due subscription needs one. resolve() is two small reads;
 * the full status (for the grace date) is read only in that rare case.
 */
export async function pastDueBanner(context: Context, viewer: Viewer): Promise<{ tierName: string; graceEndsOn: string } | null> {
  const resolved = await context.services.membership.resolve(viewer.user.id);
  if (resolved.subscription?.access !== 'past_due') return null;
  const status = await context.services.membership.status(memberOf(viewer));
  if (!status.pastDue) return null;
  return { tierName: TIERS[status.tier].name, graceEndsOn: formatDate(status.pastDue.graceEndsAt, viewer.user.timeZone) };
}

export const intervalParam = (url: URL): Interval => (url.searchParams.get('interval') === 'year' ? 'year' : 'month');
