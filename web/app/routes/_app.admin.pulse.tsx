import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useRef } from 'react';
import { AthleteLimitCard, BrakeCard, BudgetCard, DataPolicyCard } from '~/components/admin/pulse/PulseControls';
import { dataPolicyView } from '../../../worker/features/ops-pulse';
import { PulseSection } from '~/components/admin/pulse/PulseSection';
import { usePulseRefresh, useSecondsSince } from '~/components/admin/pulse/usePulseRefresh';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { Alert, LiveRegion, PageHeader } from '~/components/ui';
import { requireAdminPermission } from '~/utils/auth.server';
import { formValues } from '~/utils/forms.server';
import { fixPermissions, runPulseFix } from '~/utils/ops-pulse.server';

// /admin/pulse: who is stuck, why, and which button fixes it. The same document as GET
// /api/v1/admin/ops/pulse, refreshed every 15 s while the tab shows.
export const meta: MetaFunction = ({ error }) => [{ title: error ? 'Not allowed · Cadence' : 'Ops Pulse · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAdminPermission(args, 'ops.read');
  const [pulse, allowed, policy] = await Promise.all([
    args.context.services.opsPulse.pulse(),
    fixPermissions(args.context, viewer),
    dataPolicyView(args.context.services.dataPolicy),
  ]);
  return { pulse, allowed, policy, tz: viewer.user.timeZone };
}

export async function action(args: ActionFunctionArgs) {
  await requireAdminPermission(args, 'ops.read');
  const result = await runPulseFix(args, formValues(await args.request.formData()));
  return data(result, { status: result.ok ? 200 : 400 });
}

function Updated({ at }: { at: string }) {
  const s = useSecondsSince(at);
  return <p className="pulse-updated">Updated {s < 2 ? 'just now' : `${s} s ago`} · refreshes every 15 s while this tab is open.</p>;
}

export default function OpsPulse() {
  const { pulse, allowed, policy, tz } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const area = useRef<HTMLDivElement>(null);
  usePulseRefresh(area);
  const trouble = pulse.sections.filter((s) => s.rows.some((r) => r.fix)).length;
  return (
    <div ref={area}>
      <PageHeader
        eyebrow="Admin"
        title="Ops Pulse"
        description="Who is stuck, why, and which button fixes it. Start at the top: the playbook (docs/incident-playbook.md) follows this order."
      />
      <Updated at={pulse.generatedAt} />
      <LiveRegion>
        {result ? (
          <Alert tone={result.ok ? 'success' : 'error'} announce={false}>
            {result.ok ? result.message : (result.formError ?? result.fieldErrors.reason ?? 'That did not work.')}
          </Alert>
        ) : null}
      </LiveRegion>
      {trouble === 0 && !pulse.brake.paused ? (
        <Alert tone="success" announce={false} title="Nothing stuck">
          No row needs a button right now.
        </Alert>
      ) : null}
      <div className="pulse-grid">
        <BrakeCard brake={pulse.brake} canToggle={allowed['system.ingestion_pause'] === true} />
        <BudgetCard budget={pulse.budget} tz={tz} />
        <DataPolicyCard policy={policy} canSwitch={allowed['system.data_policy'] === true} />
        <AthleteLimitCard athletes={pulse.stravaAthletes} />
        {pulse.sections.map((s) => (
          <PulseSection key={s.key} section={s} allowed={allowed} tz={tz} />
        ))}
      </div>
    </div>
  );
}
