import type { AppLoadContext } from '@remix-run/cloudflare';
import { z } from 'zod';
import type { Member } from '../../../worker/features/coach-os';
import { CreateClientInput, CreatePackageTypeInput, parseAmountToCents } from '../../../worker/features/coach-os';
import { FreeText } from '../../../worker/lib/text.schema';
import { appErrorToForm, parseValues } from './forms.server';

// The clients page's actions: add a client, define a package type. Through the services, with the
// API's own zod schemas, so a phone number is judged the same way here as in the API.

export interface ClientsResult {
  intent: 'add-client' | 'add-type';
  ok: boolean;
  message?: string | undefined;
  clientId?: string | undefined;
  formError?: string | undefined;
  fieldErrors: Record<string, string>;
  values?: Record<string, string> | undefined;
}

/** A form's client fields as the API's input: blanks mean "none". */
export function clientInputFrom(values: Record<string, string>) {
  const blank = (s: string | undefined) => (s && s.trim() !== '' ? s.trim() : null);
  return {
    name: values.name ?? '',
    phone: blank(values.phone),
    email: blank(values.email),
    notes: values.notes ?? '',
    smsConsent: values.smsConsent || 'unknown',
  };
}

export async function addClient(context: AppLoadContext, m: Member, values: Record<string, string>): Promise<ClientsResult> {
  const kept = {
    name: values.name ?? '',
    phone: values.phone ?? '',
    email: values.email ?? '',
    notes: values.notes ?? '',
    smsConsent: values.smsConsent ?? 'unknown',
  };
  const parsed = parseValues(clientInputFrom(values), CreateClientInput, {
    messages: { name: 'Enter the client’s name', email: 'Enter an email address such as name@example.com' },
  });
  if (!parsed.ok) return { intent: 'add-client', ok: false, fieldErrors: parsed.fieldErrors, formError: parsed.formError, values: kept };
  try {
    const c = await context.services.coach.createClient(m, parsed.data);
    return { intent: 'add-client', ok: true, clientId: c.id, message: `${c.name} added.`, fieldErrors: {} };
  } catch (err) {
    const f = appErrorToForm(err);
    return { intent: 'add-client', ok: false, fieldErrors: f.fieldErrors, formError: f.formError, values: kept };
  }
}

const TypeForm = z.object({
  name: FreeText({ min: 1, minMessage: 'Name the package, e.g. “10 × 60 min”', max: 120 }),
  sessions: z.coerce.number({ message: 'How many sessions?' }).int('Whole sessions').min(1, 'At least 1').max(500, 'At most 500'),
  sessionMinutes: z.coerce
    .number({ message: 'How long is a session?' })
    .int('Whole minutes')
    .min(5, 'At least 5 minutes')
    .max(600, 'At most 600 minutes'),
  price: z.string().transform((s, ctx) => {
    const cents = parseAmountToCents(s);
    if (cents === null) ctx.addIssue({ code: 'custom', message: 'Enter a price such as 900 or 89.50' });
    return cents ?? 0;
  }),
  currency: z.string().regex(/^[a-z]{3}$/, 'Pick a currency'),
  validityDays: z
    .string()
    .transform((s) => (s.trim() === '' ? null : Number(s)))
    .pipe(z.number({ message: 'Whole days' }).int('Whole days').min(1, 'At least 1 day').max(3660, 'At most 3,660 days').nullable()),
});

export async function addPackageType(context: AppLoadContext, m: Member, values: Record<string, string>): Promise<ClientsResult> {
  const kept = {
    name: values.name ?? '',
    sessions: values.sessions ?? '',
    sessionMinutes: values.sessionMinutes ?? '',
    price: values.price ?? '',
    currency: values.currency ?? 'usd',
    validityDays: values.validityDays ?? '',
  };
  const parsed = parseValues(kept, TypeForm);
  if (!parsed.ok) return { intent: 'add-type', ok: false, fieldErrors: parsed.fieldErrors, formError: parsed.formError, values: kept };
  const d = parsed.data;
  const input = CreatePackageTypeInput.safeParse({
    name: d.name,
    sessions: d.sessions,
    sessionMinutes: d.sessionMinutes,
    priceCents: d.price,
    currency: d.currency,
    validityDays: d.validityDays,
  });
  if (!input.success) return { intent: 'add-type', ok: false, fieldErrors: { price: 'Up to 1,000,000' }, values: kept };
  try {
    const t = await context.services.coach.createPackageType(m, input.data);
    return { intent: 'add-type', ok: true, message: `Package type “${t.name}” added.`, fieldErrors: {} };
  } catch (err) {
    const f = appErrorToForm(err);
    return { intent: 'add-type', ok: false, fieldErrors: f.fieldErrors, formError: f.formError, values: kept };
  }
}
