import { TimeZoneQuestion } from '~/components/TimeZoneQuestion';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { useActionData, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { CoachesSection } from '~/components/settings/CoachesSection';
import { EmailSection } from '~/components/settings/EmailSection';
import { PasswordSection } from '~/components/settings/PasswordSection';
import { ProfileSection } from '~/components/settings/ProfileSection';
import { SessionsSection } from '~/components/settings/SessionsSection';
import { ButtonLink, Card, PageHeader } from '~/components/ui';
import { requireViewer } from '~/utils/auth.server';
import { formatDate, formatDateTime, relativeTime } from '~/utils/format';
import { formValues } from '~/utils/forms.server';
import {
  answerCoachLink,
  changeEmail,
  changePassword,
  logoutEverywhere,
  revokeSession,
  saveProfile,
  answerTimeZone,
  type SettingsResult,
} from '~/utils/settings.server';
import { timeZoneGroups } from '~/utils/time-zones';
import { TIERS } from '~/utils/membership';
import { describeUserAgent } from '~/utils/user-agent';

export const meta: MetaFunction = () => [{ title: 'Settings · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  const { services } = args.context;
  const { user } = viewer;
  const now = services.clock.now();
  const [sessions, coachLinks, membership, emailChange] = await Promise.all([
    // Someone else's devices are not shown while impersonating them (and cannot be signed out).
    viewer.impersonatorId ? Promise.resolve([]) : services.sessions.list(user.id, viewer.sessionId),
    services.athleteLinks.linksFor(user),
    services.membership.resolve(user.id),
    // Nor an address change they are waiting to confirm (a credential act: only the athlete's own).
    viewer.impersonatorId ? Promise.resolve(null) : services.emailChange.pending(user.id),
  ]);
  return {
    impersonating: viewer.impersonatorId !== null,
    emailChange: emailChange
      ? {
          newEmail: emailChange.newEmail,
          expires: formatDateTime(emailChange.expiresAt, user.timeZone),
          canResend: emailChange.resendAt !== null,
        }
      : null,
    tierName: TIERS[membership.tier].name,
    coachLinks: coachLinks.map((l) => ({
      id: l.id,
      status: l.status,
      orgName: l.orgName,
      requestedBy: l.requestedBy,
      date: formatDate(l.decidedAt ?? l.createdAt, user.timeZone),
      planEdit: l.planEdit,
      wellness: l.wellness,
    })),
    profile: {
      email: user.email,
      displayName: user.displayName,
      units: user.units,
      timeZone: user.timeZone,
      birthDate: user.birthDate ?? '',
      sex: user.sex ?? '',
    },
    timeZones: timeZoneGroups(user.timeZone),
    today: now.toISOString().slice(0, 10),
    sessions: sessions
      .sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt))
      .map((s) => ({
        id: s.id,
        device: describeUserAgent(s.userAgent),
        current: s.current,
        lastActive: relativeTime(s.lastSeenAt, now, user.timeZone),
        lastActiveExact: formatDateTime(s.lastSeenAt, user.timeZone),
        signedIn: formatDate(s.createdAt, user.timeZone),
      })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  const values = formValues(await args.request.formData());
  let result: SettingsResult;
  switch (values.intent) {
    case 'profile':
      result = await saveProfile(args.context, viewer, values);
      break;
    case 'time-zone':
      result = await answerTimeZone(args.context, viewer, values);
      break;
    case 'password':
      result = await changePassword(args.context, viewer, values);
      break;
    case 'email':
      result = await changeEmail(args.context, viewer, values, 'request');
      break;
    case 'email-resend':
      result = await changeEmail(args.context, viewer, values, 'resend');
      break;
    case 'email-cancel':
      result = await changeEmail(args.context, viewer, values, 'cancel');
      break;
    case 'revoke-session':
      result = await revokeSession(args.context, viewer, values.sessionId);
      break;
    case 'coach-link':
      result = await answerCoachLink(args.context, viewer, values.verb, values.linkId);
      break;
    case 'revoke-all':
      result = await logoutEverywhere(args.context, viewer);
      break;
    default:
      throw new Response('Unknown action', { status: 400 });
  }
  return data(result, { status: result.ok ? 200 : 400 });
}

export default function Settings() {
  const { profile, timeZones, today, sessions, coachLinks, tierName, emailChange, impersonating } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const resultFor = (intent: SettingsResult['intent']) => (result?.intent === intent ? result : undefined);
  return (
    <>
      <PageHeader
        title="Settings"
        description="Your profile, membership, data sources, notifications, training thresholds, the coaches who see your training, your email address, your password and the devices you're signed in on."
      />
      <div className="stack">
        <TimeZoneQuestion />
        <ProfileSection profile={profile} timeZones={timeZones} today={today} result={resultFor('profile')} />
        <Card
          id="membership"
          title="Membership"
          description={`You're on ${tierName}. Your plan, what you've used this month, the billing portal and your invoices.`}
          actions={
            <ButtonLink to="/settings/membership" variant="secondary" size="sm">
              Manage membership
            </ButtonLink>
          }
        />
        <Card
          id="data-sources"
          title="Data sources"
          description="Connect Strava or upload a Garmin export, follow your imports, or disconnect."
          actions={
            <ButtonLink to="/settings/data" variant="secondary" size="sm">
              Manage data sources
            </ButtonLink>
          }
        />
        <Card
          id="notifications"
          title="Notifications"
          description="What reaches you in the app and by email, the daily or weekly summary, and quiet hours."
          actions={
            <ButtonLink to="/settings/notifications" variant="secondary" size="sm">
              Manage notifications
            </ButtonLink>
          }
        />
        <Card
          id="social"
          title="Social and privacy"
          description="Who may follow you and see your training, what every post hides, and places hidden on every shared map."
          actions={
            <ButtonLink to="/settings/social" variant="secondary" size="sm">
              Manage social settings
            </ButtonLink>
          }
        />
        <Card
          id="training"
          title="Training thresholds"
          description="FTP, threshold pace, swim pace and heart rates: what your training load is measured against. Estimated from your activities until you enter them."
          actions={
            <ButtonLink to="/settings/training" variant="secondary" size="sm">
              Manage thresholds
            </ButtonLink>
          }
        />
        <Card
          id="api"
          title="API and assistants"
          description="Connect your own AI assistant, or let your programs read your training with scoped keys: revocable at any time."
          actions={
            <ButtonLink to="/settings/api" variant="secondary" size="sm">
              Manage
            </ButtonLink>
          }
        />
        <Card
          id="retention"
          title="What we keep and for how long"
          description="Export archives, sign-in sessions, notifications, raw provider messages: how long each is kept, and why."
          actions={
            <ButtonLink to="/privacy/retention" variant="secondary" size="sm">
              Read the list
            </ButtonLink>
          }
        />
        <CoachesSection links={coachLinks} result={resultFor('coach-link')} />
        <EmailSection email={profile.email} pending={emailChange} impersonating={impersonating} result={resultFor('email')} />
        <PasswordSection result={resultFor('password')} />
        <SessionsSection sessions={sessions} result={resultFor('revoke-session')} />
        <Card
          id="delete-account"
          title="Delete your account"
          description="Erase your account and everything in it, after a 7-day grace period in which you can cancel."
          actions={
            <ButtonLink to="/settings/delete-account" variant="danger-quiet" size="sm">
              Delete account…
            </ButtonLink>
          }
        />
      </div>
    </>
  );
}
