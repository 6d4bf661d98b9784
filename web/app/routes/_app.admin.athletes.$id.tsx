import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { AccessCard, ProfileCard, SessionsCard } from '~/components/admin/AthleteAccountCards';
import { AiCoachCard, AuditCard, CoachingCard, NotificationsCard } from '~/components/admin/AthleteActivityCards';
import { MembershipCard } from '~/components/admin/AthleteBillingCard';
import { AnalyticsCard, ImportsCard, IngestionCard, IntegrationsCard } from '~/components/admin/AthleteDataCards';
import { AthleteSummary } from '~/components/admin/AthleteSummary';
import { AccountActionsCard } from '~/components/admin/AccountActionsCard';
import { ImpersonateCard } from '~/components/admin/ImpersonateCard';
import { OperatorActionsCard, type OperatorActionsAthlete } from '~/components/admin/OperatorActionsCard';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { PageHeader, ResultNotice } from '~/components/ui';
import { canSeePii } from '~/utils/admin.server';
import { requireAdminPermission } from '~/utils/auth.server';
import { formatDate } from '~/utils/format';
import type { FormOutcome } from '~/utils/form-outcome';
import { formValues, isAppError } from '~/utils/forms.server';
import { ACCOUNT_INTENTS, type AccountActionResult } from '~/utils/operator-accounts';
import { runAccountAction } from '~/utils/operator-accounts.server';
import { operatorActionsAllowed, runOperatorAction, type OperatorActionResult } from '~/utils/operator-actions.server';
import { isUuid } from '../../../worker/lib/ids';
import type { Viewer } from '../../../worker/context';
import type { AthleteDetail } from '../../../worker/features/support/support.schema';

// /admin/athletes/:id — "God mode": one athlete's whole state (users.read; personal data needs users.pii),
// who is stuck and why at the top, and the operators' action cards (slices A, D and B) below.
export const meta: MetaFunction<typeof loader> = ({ data, error }) => [
  { title: error ? 'Athlete · Admin · Cadence' : `${data?.detail.profile.displayName ?? 'Athlete'} · Admin · Cadence` },
];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAdminPermission(args, 'users.read');
  const id = args.params.id ?? '';
  if (!isUuid(id)) throw new Response('Not found', { status: 404 });
  const pii = await canSeePii(args.context, viewer);
  try {
    const detail = await args.context.services.support.detail(id, { pii });
    const role = viewer.user.role;
    const tz = viewer.user.timeZone;
    // The demo role reads everything masked and acts on nothing.
    const canAct = role !== 'demo';
    const operator = canAct
      ? {
          athlete: operatorAthlete(detail, tz, args.context.services.clock.now()),
          allowed: await operatorActionsAllowed(args.context, viewer),
        }
      : null;
    return { detail, tz, canAct, owner: role === 'owner', operator };
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') throw new Response('Not found', { status: 404 });
    throw err;
  }
}

/** What the operator-actions card needs: grants in force, the failed jobs and imports among the latest. */
function operatorAthlete(d: AthleteDetail, tz: string, now: Date): OperatorActionsAthlete {
  return {
    id: d.profile.id,
    displayName: d.profile.displayName,
    tier: d.membership.tier,
    grants: d.membership.grants
      .filter((g) => !g.revokedAt && Date.parse(g.endsAt) > now.getTime())
      .map((g) => ({ id: g.id, kind: g.kind, tier: g.tier, ends: formatDate(g.endsAt, tz) })),
    strava: { connected: d.integrations.some((i) => i.provider === 'strava') },
    // The cause from Ops Pulse's table, with its class: a permanent one is refused by the retry (409).
    failedJobs: d.ingestion.jobs
      .filter((j) => j.status === 'error')
      .map((j) => ({ id: j.id, kind: j.kind, error: j.cause ? `Cause: ${j.cause.label} (${j.cause.class})` : j.lastError })),
    // Failed, or finished with nothing brought in: the same retry reads the stored upload again.
    failedImports: d.imports
      .filter((i) => i.status === 'error' || (i.status === 'done' && i.imported + i.duplicates === 0))
      .map((i) => ({
        id: i.id,
        fileName: i.filename,
        error: i.cause
          ? `${i.error ?? 'Failed'} · cause: ${i.cause.label} (${i.cause.class})`
          : (i.error ?? (i.status === 'done' ? 'Imported nothing: every file in it was skipped.' : null)),
      })),
  };
}

const isAccountResult = (r: { intent?: string }): r is AccountActionResult =>
  (ACCOUNT_INTENTS as readonly string[]).includes(r.intent ?? '');

/** A slice's dispatcher: its result for an intent it owns, null for any other. */
type IntentResult = FormOutcome & { intent?: string };
type IntentHandler = (args: ActionFunctionArgs, viewer: Viewer, values: Record<string, string>) => Promise<IntentResult | null>;

// The operator actions' dispatchers, asked in turn; each checks its own permission.
const INTENT_HANDLERS: IntentHandler[] = [runAccountAction, runOperatorAction];

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAdminPermission(args, 'users.read');
  if (viewer.user.role === 'demo')
    return data<IntentResult>({ ok: false, fieldErrors: {}, formError: 'The demo role is read-only.' }, { status: 403 });
  const values = formValues(await args.request.formData());
  for (const run of INTENT_HANDLERS) {
    const result = await run(args, viewer, values);
    if (result)
      return data(result, { status: 'status' in result && typeof result.status === 'number' ? result.status : result.ok ? 200 : 400 });
  }
  throw new Response('Unknown action', { status: 400 });
}

export default function AthleteDetailPage() {
  const { detail, tz, canAct, owner, operator } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <PageHeader
        eyebrow="Admin · Athletes"
        title={detail.profile.displayName}
        description={detail.pii ? undefined : 'Personal data is masked for your role.'}
        actions={
          <Link to="/admin/athletes" className="btn btn-secondary btn-sm">
            Back to search
          </Link>
        }
      />
      <AthleteSummary detail={detail} />
      {/* Each card shows its own result; the page only what belongs to no card (the demo refusal). */}
      {result && !result.intent ? <ResultNotice result={result} /> : null}
      {canAct ? (
        <section className="support-actions" aria-label="Actions on this account">
          <AccountActionsCard
            user={{
              id: detail.profile.id,
              displayName: detail.profile.displayName,
              blockedAt: detail.access.blocked?.at ?? null,
              blockedReason: detail.access.blocked?.reason ?? null,
              mustChangePassword: detail.access.mustChangePassword,
            }}
            result={result && isAccountResult(result) ? result : undefined}
          />
          {operator ? (
            <OperatorActionsCard
              athlete={operator.athlete}
              allowed={operator.allowed}
              result={result && 'subject' in result ? (result as OperatorActionResult) : undefined}
            />
          ) : null}
          {owner ? <ImpersonateCard user={{ id: detail.profile.id, displayName: detail.profile.displayName }} /> : null}
        </section>
      ) : null}
      <div className="support-grid">
        <ProfileCard detail={detail} tz={tz} />
        <AccessCard detail={detail} tz={tz} />
        <MembershipCard detail={detail} tz={tz} />
        <IntegrationsCard detail={detail} tz={tz} />
        <IngestionCard detail={detail} tz={tz} />
        <ImportsCard detail={detail} tz={tz} />
        <AnalyticsCard detail={detail} tz={tz} />
        <CoachingCard detail={detail} tz={tz} />
        <SessionsCard detail={detail} tz={tz} />
        <AiCoachCard detail={detail} />
        <AuditCard detail={detail} tz={tz} />
        <NotificationsCard detail={detail} tz={tz} />
      </div>
    </>
  );
}
