import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { AutomationForm, type PreviewResult } from '~/components/coach-automations/AutomationForm';
import { AutomationList, RunHistory, type ListedRun } from '~/components/coach-automations/AutomationList';
import {
  emptyFields,
  fieldsFromAutomation,
  fieldsFromForm,
  formFieldOf,
  inputFrom,
  triggerFrom,
  type FormFields,
} from '~/components/coach-automations/automation-form';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { UpgradePrompt } from '~/components/membership/UpgradePrompt';
import { Alert, PageHeader, buttonClass } from '~/components/ui';
import { requireMember } from '~/utils/coach.server';
import { appErrorToForm, issuesToFields } from '~/utils/forms.server';
import { CreateAutomationInput, describeAudience, localLabel, Trigger, type Audience } from '../../../worker/features/coach-os';
import { isUuid } from '../../../worker/lib/ids';
import { refuseWhileImpersonating } from '../../../worker/http/guards';

// /coach/automations: the org's rules with their next and last runs, a create/edit form with a live
// "next 5 runs" preview, and one automation's run history. Same services as the API.
export const meta: MetaFunction = () => [{ title: 'Automations · Coach · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

type SaveResult = { intent: 'save'; ok: false; fieldErrors: Record<string, string>; formError?: string | undefined; values: FormFields };
type ActionResult = SaveResult | PreviewResult | { intent: 'toggle' | 'delete'; ok: boolean; message: string };

export async function loader(args: LoaderFunctionArgs) {
  const m = await requireMember(args);
  const url = new URL(args.request.url);
  const { automations, coach } = args.context.services;
  const tz = m.org.timeZone;
  const [list, clients, team] = await Promise.all([
    automations.list(m),
    coach.listClients(m),
    args.context.services.membership.hasTeam(m.org.id),
  ]);
  const names = new Map(clients.map((c) => [c.id, c.name]));
  const toRun = (r: (typeof list)[number]['lastRun'] & object): ListedRun => ({
    id: r.id,
    status: r.status,
    detail: r.detail,
    errorCode: r.errorCode,
    errorMessage: r.errorMessage,
    attempt: r.attempt,
    startedLocal: localLabel(new Date(r.startedAt), tz),
    nextAttemptLocal: r.nextAttemptAt ? localLabel(new Date(r.nextAttemptAt), tz) : null,
    clientName: r.clientId ? (names.get(r.clientId) ?? 'Archived client') : null,
  });
  const editId = url.searchParams.get('edit');
  const runsId = url.searchParams.get('runs');
  const editing = isUuid(editId) ? list.find((a) => a.id === editId) : undefined;
  const showing = isUuid(runsId) ? list.find((a) => a.id === runsId) : undefined;
  return {
    timeZone: tz,
    team,
    automations: list.map((a) => ({
      id: a.id,
      name: a.name,
      enabled: a.enabled,
      summary: a.summary,
      audience: describeAudience(a.audience as Audience | null),
      action: a.action.kind,
      nextRunLocal: a.nextRunAt
        ? localLabel(new Date(a.nextRunAt), tz)
        : !a.enabled
          ? 'Paused'
          : ['daily', 'weekly', 'cron'].includes(a.trigger.kind)
            ? null
            : 'When it happens',
      lastRun: a.lastRun ? toRun(a.lastRun) : null,
    })),
    // Without Team there is nothing to create or edit: the page offers Team instead of the form.
    form: !team
      ? null
      : url.searchParams.has('new')
        ? { id: null, fields: emptyFields() }
        : editing
          ? { id: editing.id, fields: fieldsFromAutomation(editing) }
          : null,
    history: showing ? { id: showing.id, name: showing.name, runs: (await automations.runs(m, showing.id, 50)).map(toRun) } : null,
    missing: Boolean((editId && !editing) || (runsId && !showing)),
  };
}

/** The schema's and the service's paths (`trigger.kind`, `action.message`) as this form's fields. */
const naming = { fieldOf: formFieldOf };

export async function action(args: ActionFunctionArgs) {
  const m = await requireMember(args);
  const form = await args.request.formData();
  const intent = form.get('intent');
  const id = String(form.get('id') ?? '');
  const svc = args.context.services.automations;
  if (intent === 'preview') {
    const parsed = Trigger.safeParse(triggerFrom(fieldsFromForm(form)));
    if (!parsed.success)
      return data<ActionResult>({
        intent: 'preview',
        ok: false,
        fieldErrors: issuesToFields(
          parsed.error.issues.map((i) => ({ ...i, path: ['trigger', ...i.path] })),
          naming,
        ).fieldErrors,
      });
    const p = svc.preview(m, parsed.data);
    return data<ActionResult>({ intent: 'preview', ok: true, summary: p.summary, nextRuns: p.nextRuns });
  }
  if (intent === 'toggle' || intent === 'delete') {
    if (!isUuid(id)) throw new Response('Not found', { status: 404 });
    try {
      if (intent === 'delete') {
        refuseWhileImpersonating(m.actor, 'delete an automation');
        await svc.remove(m, id);
      } else await svc.update(m, id, { enabled: form.get('enabled') === 'on' });
    } catch (err) {
      const f = appErrorToForm(err);
      return data<ActionResult>({ intent, ok: false, message: f.formError ?? 'That did not work.' }, { status: f.status });
    }
    if (intent === 'delete') throw redirect('/coach/automations');
    return data<ActionResult>({ intent, ok: true, message: form.get('enabled') === 'on' ? 'Automation turned on.' : 'Automation paused.' });
  }
  if (intent !== 'save') throw new Response('Unknown action', { status: 400 });
  const fields = fieldsFromForm(form);
  const parsed = CreateAutomationInput.safeParse(inputFrom(fields));
  if (!parsed.success) {
    const f = issuesToFields(parsed.error.issues, naming);
    return data<ActionResult>(
      { intent: 'save', ok: false, fieldErrors: f.fieldErrors, formError: f.formError, values: fields },
      { status: 400 },
    );
  }
  try {
    const saved = isUuid(id) ? await svc.update(m, id, parsed.data) : await svc.create(m, parsed.data);
    throw redirect(`/coach/automations?runs=${saved.id}`);
  } catch (err) {
    if (err instanceof Response) throw err;
    const f = appErrorToForm(err, naming);
    return data<ActionResult>(
      { intent: 'save', ok: false, fieldErrors: f.fieldErrors, formError: f.formError, values: fields },
      { status: f.status },
    );
  }
}

export default function CoachAutomations() {
  const { automations, form, history, missing, timeZone, team } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const [params] = useSearchParams();
  const failedSave = result?.intent === 'save' ? result : undefined;
  const formShown = failedSave ? { id: params.get('edit'), fields: failedSave.values } : form;
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/coach">Coach</Link>}
        title="Automations"
        description="Rules that text clients, email you or add tasks — on a schedule in your organisation’s time, or when something happens."
        actions={
          team ? (
            <Link className={buttonClass('primary', 'sm')} to="?new=1#automation-form">
              New automation
            </Link>
          ) : null
        }
      />
      {team ? null : (
        <UpgradePrompt feature="automations" plural>
          <p>
            Text a Monday check-in, nudge clients whose package is nearly used up, remind yourself to call someone who has gone quiet.
            {automations.length > 0
              ? ' Your rules below are kept: they do nothing until the business is on Team, and you can pause or delete them.'
              : ''}
          </p>
        </UpgradePrompt>
      )}
      {missing ? <Alert tone="error">That automation no longer exists.</Alert> : null}
      {result && (result.intent === 'toggle' || result.intent === 'delete') ? (
        <Alert tone={result.ok ? 'success' : 'error'}>{result.message}</Alert>
      ) : null}
      <div className="automations-page">
        {formShown ? (
          <AutomationForm
            key={`${formShown.id ?? 'new'}`}
            editingId={formShown.id}
            fields={formShown.fields}
            errors={failedSave?.fieldErrors ?? {}}
            formError={failedSave?.formError}
            timeZone={timeZone}
          />
        ) : null}
        {history ? <RunHistory name={history.name} runs={history.runs} automationId={history.id} /> : null}
        {automations.length > 0 || !formShown ? <AutomationList automations={automations} locked={!team} /> : null}
      </div>
    </>
  );
}
