import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { useActionData, useLoaderData } from '@remix-run/react';
import { CoachPlanCard } from '~/components/coach/settings/CoachPlanCard';
import { OrgSettingsCard, type OrgSettingsResult } from '~/components/coach/settings/OrgSettingsCard';
import { TeamCard, type TeamResult } from '~/components/coach/settings/TeamCard';
import { SmsTemplateCard, type TemplatePreview, type TemplateSaveResult } from '~/components/coach/settings/SmsTemplateCard';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { PageHeader } from '~/components/ui';
import { coachPlan, requireMember } from '~/utils/coach.server';
import { appErrorToForm, formValues, parseValues } from '~/utils/forms.server';
import { timeZoneGroups } from '~/utils/time-zones';
import { InviteInput, TEMPLATE_KINDS, UpdateOrgInput, type TemplateKind } from '../../../worker/features/coach-os';
import { refuseWhileImpersonating } from '../../../worker/http/guards';

// /coach/settings: the org's plan, its name and zone, its team, quiet hours, reminder times and SMS wording
// (owner edits; other coaches read). Previews are rendered by the server in the org's zone, as the real messages are.
export const meta: MetaFunction = () => [{ title: 'Settings · Coach · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

const hhmm = (t: string | null) => (t ? t.slice(0, 5) : '');

/** 1440 → "24h", 90 → "90m", for the reminders field. */
const offsetText = (minutes: number) => (minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`);

/** "24h, 2h, 90m, 1d" → minutes; null when a part is not understood. */
function parseOffsets(text: string): number[] | null {
  const parts = text.split(/[,\s]+/).filter(Boolean);
  const out: number[] = [];
  for (const p of parts) {
    const m = /^(\d{1,4})\s*(m|min|h|d)?$/i.exec(p);
    if (!m) return null;
    const unit = (m[2] ?? 'h').toLowerCase();
    out.push(Number(m[1]) * (unit === 'd' ? 1440 : unit === 'h' ? 60 : 1));
  }
  return out;
}

export async function loader(args: LoaderFunctionArgs) {
  const m = await requireMember(args);
  const sms = args.context.services.sms;
  const t = await sms.templates(m);
  const templates = await Promise.all(
    t.templates.map(async (tpl) => ({ ...tpl, preview: (await sms.preview(m, tpl.kind, tpl.body)).text })),
  );
  const [team, plan] = await Promise.all([args.context.services.team.team(m), coachPlan(args.context, m)]);
  return {
    team,
    plan,
    seats: plan.team ? plan.seats : null,
    canEdit: m.role === 'owner',
    org: {
      name: m.org.name,
      timeZone: m.org.timeZone,
      quietStart: hhmm(m.org.quietStart),
      quietEnd: hhmm(m.org.quietEnd),
      reminders: m.org.reminderOffsets.map(offsetText).join(', '),
    },
    timeZones: timeZoneGroups(m.org.timeZone),
    templates,
    variables: t.variables,
    maxLength: t.maxLength,
  };
}

/** UpdateOrgInput's paths as this form's fields, and the form's wording where it says more than the schema. */
const orgNaming = {
  fieldOf: (path: string) =>
    path === 'quietHours.start'
      ? 'quietStart'
      : path === 'quietHours.end'
        ? 'quietEnd'
        : path.startsWith('reminderOffsetsMinutes')
          ? 'reminders'
          : path,
  messages: {
    name: 'Enter the business’s name (up to 120 characters)',
    reminders: 'Up to four reminders, each between 5 minutes and 14 days before.',
  },
};

async function saveOrg(args: ActionFunctionArgs, values: Record<string, string>): Promise<OrgSettingsResult> {
  const m = await requireMember(args);
  const kept = {
    name: values.name ?? '',
    timeZone: values.timeZone ?? '',
    quietStart: values.quietStart ?? '',
    quietEnd: values.quietEnd ?? '',
    reminders: values.reminders ?? '',
  };
  const fail = (fieldErrors: Record<string, string>, formError?: string): OrgSettingsResult => ({
    intent: 'org',
    ok: false,
    fieldErrors,
    formError,
    values: kept,
  });
  const offsets = parseOffsets(kept.reminders);
  if (offsets === null) return fail({ reminders: 'Write times like “24h, 2h” or “90m”.' });
  if ((kept.quietStart === '') !== (kept.quietEnd === ''))
    return fail({ [kept.quietStart ? 'quietEnd' : 'quietStart']: 'Give both ends of quiet hours, or neither.' });
  const parsed = parseValues(
    {
      name: kept.name,
      timeZone: kept.timeZone,
      quietHours: kept.quietStart ? { start: kept.quietStart, end: kept.quietEnd } : null,
      reminderOffsetsMinutes: offsets,
    },
    UpdateOrgInput,
    orgNaming,
  );
  if (!parsed.ok) return fail(parsed.fieldErrors, parsed.formError);
  try {
    await args.context.services.coach.updateOrg(m, parsed.data);
  } catch (err) {
    const f = appErrorToForm(err);
    return fail(f.fieldErrors, f.formError);
  }
  return { intent: 'org', ok: true, fieldErrors: {}, message: 'Saved.' };
}

/** Invite, cancel or remove; errors come back beside the email field or above the list. */
async function teamAction(args: ActionFunctionArgs, values: Record<string, string>): Promise<TeamResult> {
  const m = await requireMember(args);
  const team = args.context.services.team;
  try {
    if (values.intent === 'team-invite') {
      const email = (values.email ?? '').trim();
      const parsed = parseValues({ email }, InviteInput);
      if (!parsed.ok) return { intent: 'team', ok: false, fieldErrors: { email: 'Enter an email address, like sam@example.com' }, email };
      const r = await team.invite(m, parsed.data.email);
      return {
        intent: 'team',
        ok: true,
        message: r.created ? `Invitation sent to ${r.invite.email}.` : `${r.invite.email} is already invited.`,
      };
    }
    if (values.intent === 'team-cancel') {
      await team.cancelInvite(m, values.inviteId ?? '');
      return { intent: 'team', ok: true, message: 'Invitation cancelled.' };
    }
    refuseWhileImpersonating(m.actor, 'remove a coach from the team');
    await team.removeMember(m, values.userId ?? '');
    return { intent: 'team', ok: true, message: 'Removed from the team.' };
  } catch (err) {
    const f = appErrorToForm(err);
    return { intent: 'team', ok: false, formError: f.formError ?? f.fieldErrors.email, fieldErrors: {}, email: values.email ?? '' };
  }
}

export async function action(args: ActionFunctionArgs) {
  const values = formValues(await args.request.formData());
  if (values.intent === 'team-invite' || values.intent === 'team-cancel' || values.intent === 'team-remove') {
    const r = await teamAction(args, values);
    return data(r, { status: r.ok ? 200 : 400 });
  }
  if (values.intent === 'org') {
    const r = await saveOrg(args, values);
    return data(r, { status: r.ok ? 200 : 400 });
  }
  const kind = TEMPLATE_KINDS.find((k) => k === values.kind) as TemplateKind | undefined;
  if (!kind || (values.intent !== 'template' && values.intent !== 'preview')) throw new Response('Unknown action', { status: 400 });
  const m = await requireMember(args);
  const body = values.body ?? '';
  try {
    if (values.intent === 'preview') {
      const p = await args.context.services.sms.preview(m, kind, body);
      return data<TemplatePreview>({ intent: 'preview', kind, ok: true, text: p.text, segments: p.segments });
    }
    await args.context.services.sms.saveTemplate(m, kind, body);
    return data<TemplateSaveResult>({ intent: 'template', kind, ok: true, message: 'Saved.' });
  } catch (err) {
    const f = appErrorToForm(err);
    const error = f.fieldErrors.body ?? f.formError ?? 'This message cannot be used.';
    if (values.intent === 'preview') return data<TemplatePreview>({ intent: 'preview', kind, ok: false, error }, { status: f.status });
    return data<TemplateSaveResult>({ intent: 'template', kind, ok: false, error, body }, { status: f.status });
  }
}

export default function CoachSettings() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const orgResult = result?.intent === 'org' ? (result as OrgSettingsResult) : undefined;
  // Without JavaScript, "Preview" posts the form and the page shows that preview.
  const nojsPreview = result?.intent === 'preview' ? (result as TemplatePreview) : undefined;
  return (
    <>
      <PageHeader
        eyebrow="Coach"
        title="Settings"
        description="Your business, its time zone and team, and the text messages Cadence sends your clients."
      />
      <div className="coach-settings">
        <CoachPlanCard plan={loaded.plan} isOwner={loaded.canEdit} />
        <OrgSettingsCard org={loaded.org} timeZones={loaded.timeZones} canEdit={loaded.canEdit} result={orgResult} />
        <TeamCard
          seats={loaded.seats}
          members={loaded.team.members}
          invites={loaded.team.invites}
          canEdit={loaded.canEdit}
          result={result?.intent === 'team' ? (result as TeamResult) : undefined}
        />
        <section className="coach-settings-templates" aria-labelledby="sms-templates-title">
          <h2 id="sms-templates-title" className="section-title section-title-sm">
            Text messages
          </h2>
          {loaded.templates.map((t) => {
            const saved =
              result?.intent === 'template' && (result as TemplateSaveResult).kind === t.kind ? (result as TemplateSaveResult) : undefined;
            const shown = nojsPreview?.kind === t.kind && nojsPreview.ok && nojsPreview.text ? nojsPreview.text : t.preview;
            return (
              <SmsTemplateCard
                key={t.kind}
                kind={t.kind}
                body={t.body}
                isDefault={t.isDefault}
                initialPreview={shown}
                variables={loaded.variables}
                maxLength={loaded.maxLength}
                canEdit={loaded.canEdit}
                saved={saved}
              />
            );
          })}
        </section>
      </div>
    </>
  );
}
