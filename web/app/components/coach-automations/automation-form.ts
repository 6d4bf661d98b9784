// The automation form's flat fields ↔ the API's input (trigger / action / audience objects). Shared by
// the route's action (parsing) and the form (defaults when editing), so both read the same names.

export interface FormFields {
  name: string;
  enabled: string;
  triggerKind: string;
  time: string;
  weekdays: string[];
  expression: string;
  days: string;
  audienceKind: string;
  audienceMax: string;
  audienceDays: string;
  actionKind: string;
  subject: string;
  title: string;
  message: string;
}

export const SCHEDULE_KINDS = ['daily', 'weekly', 'cron'];
export const TRIGGER_OPTIONS = [
  { value: 'daily', label: 'Every day at a time' },
  { value: 'weekly', label: 'On weekdays at a time' },
  { value: 'cron', label: 'Cron expression (org time)' },
  { value: 'booking_completed', label: 'A booking is completed' },
  { value: 'package_low', label: 'A package is down to its last session' },
  { value: 'package_expiring', label: 'A package expires in N days' },
  { value: 'client_inactive', label: 'A client is inactive for N days' },
];
export const AUDIENCE_OPTIONS = [
  { value: 'coach', label: 'Only me' },
  { value: 'active_clients', label: 'Clients with an active package' },
  { value: 'low_sessions', label: 'Clients with N or fewer sessions left' },
  { value: 'inactive', label: 'Clients inactive for N days' },
];
export const ACTION_OPTIONS = [
  { value: 'sms', label: 'Text the client (SMS)' },
  { value: 'email', label: 'Email me' },
  { value: 'task', label: 'Add a task for me' },
];
export const WEEKDAYS = [
  { value: '1', label: 'Mon' },
  { value: '2', label: 'Tue' },
  { value: '3', label: 'Wed' },
  { value: '4', label: 'Thu' },
  { value: '5', label: 'Fri' },
  { value: '6', label: 'Sat' },
  { value: '0', label: 'Sun' },
];
export const VARIABLE_HINTS = [
  'client_first_name',
  'client_name',
  'org_name',
  'sessions_left',
  'package_name',
  'expires_on',
  'inactive_days',
  'today',
];

export const emptyFields = (): FormFields => ({
  name: '',
  enabled: 'on',
  triggerKind: 'weekly',
  time: '07:00',
  weekdays: ['1'],
  expression: '0 7 * * 1-5',
  days: '7',
  audienceKind: 'coach',
  audienceMax: '1',
  audienceDays: '14',
  actionKind: 'task',
  subject: '',
  title: '',
  message: '',
});

export function fieldsFromForm(form: FormData): FormFields {
  const s = (k: string) => {
    const v = form.get(k);
    return typeof v === 'string' ? v : '';
  };
  return {
    name: s('name'),
    enabled: s('enabled'),
    triggerKind: s('triggerKind'),
    time: s('time'),
    weekdays: form.getAll('weekdays').filter((v): v is string => typeof v === 'string'),
    expression: s('expression'),
    days: s('days'),
    audienceKind: s('audienceKind'),
    audienceMax: s('audienceMax'),
    audienceDays: s('audienceDays'),
    actionKind: s('actionKind'),
    subject: s('subject'),
    title: s('title'),
    message: s('message'),
  };
}

const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));

export function triggerFrom(f: FormFields): Record<string, unknown> {
  switch (f.triggerKind) {
    case 'daily':
      return { kind: 'daily', time: f.time };
    case 'weekly':
      return { kind: 'weekly', weekdays: f.weekdays.map(Number), time: f.time };
    case 'cron':
      return { kind: 'cron', expression: f.expression };
    case 'package_expiring':
    case 'client_inactive':
      return { kind: f.triggerKind, days: num(f.days) };
    default:
      return { kind: f.triggerKind };
  }
}

/** The API input the fields describe; zod then says what is wrong with it, field by field. */
export function inputFrom(f: FormFields): Record<string, unknown> {
  const schedule = SCHEDULE_KINDS.includes(f.triggerKind);
  const audience =
    f.audienceKind === 'low_sessions'
      ? { kind: 'low_sessions', max: num(f.audienceMax) }
      : f.audienceKind === 'inactive'
        ? { kind: 'inactive', days: num(f.audienceDays) }
        : { kind: f.audienceKind };
  const action =
    f.actionKind === 'email'
      ? { kind: 'email', subject: f.subject, message: f.message }
      : f.actionKind === 'task'
        ? { kind: 'task', title: f.title, message: f.message }
        : { kind: 'sms', message: f.message };
  return { name: f.name, enabled: f.enabled === 'on', trigger: triggerFrom(f), action, audience: schedule ? audience : null };
}

/** Which form field shows an API field's error (trigger.weekdays.1 → weekdays). */
export function formFieldOf(path: string): string {
  const [head, second] = path.split('.');
  if (head === 'trigger') return second === 'kind' ? 'triggerKind' : (second ?? 'triggerKind');
  if (head === 'audience') return second === 'max' ? 'audienceMax' : second === 'days' ? 'audienceDays' : 'audienceKind';
  if (head === 'action') return second === 'kind' ? 'actionKind' : (second ?? 'message');
  return head ?? 'form';
}

/** An automation as the API presents it → the fields for editing it. */
export function fieldsFromAutomation(a: {
  name: string;
  enabled: boolean;
  trigger: Record<string, any>;
  action: Record<string, any>;
  audience: Record<string, any> | null;
}): FormFields {
  const f = emptyFields();
  return {
    ...f,
    name: a.name,
    enabled: a.enabled ? 'on' : '',
    triggerKind: a.trigger.kind,
    time: a.trigger.time ?? f.time,
    weekdays: a.trigger.weekdays ? a.trigger.weekdays.map(String) : f.weekdays,
    expression: a.trigger.expression ?? f.expression,
    days: a.trigger.days !== undefined ? String(a.trigger.days) : f.days,
    audienceKind: a.audience?.kind ?? 'coach',
    audienceMax: a.audience?.max !== undefined ? String(a.audience.max) : f.audienceMax,
    audienceDays: a.audience?.days !== undefined ? String(a.audience.days) : f.audienceDays,
    actionKind: a.action.kind,
    subject: a.action.subject ?? '',
    title: a.action.title ?? '',
    message: a.action.message ?? '',
  };
}
