import type { z } from 'zod';
import type { AppError, ErrorReason } from '../../../worker/lib/errors';

export type FormFailure = { ok: false; fieldErrors: Record<string, string>; formError?: string };
export type FormResult<T> = { ok: true; data: T } | FormFailure;

/** Recognised by shape, not `instanceof`, so the check holds even if a bundler ever duplicates the module. */
export function isAppError(err: unknown): err is AppError {
  return err instanceof Error && err.name === 'AppError' && typeof (err as { code?: unknown }).code === 'string';
}

/** Text fields as strings; files are never expected by these forms and are dropped. */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === 'string' && !(key in values)) values[key] = value;
  return values;
}

/** How a page names and words the fields a schema (or a service) reports on. */
export interface FieldNaming {
  /** The form's field for a schema path, where they differ (`amountCents` → `amount`). */
  fieldOf?: (path: string) => string;
  /** The page's own wording for a form field, used whatever the schema said about it. */
  messages?: Readonly<Record<string, string>>;
}

/**
 * Zod issues as form errors: the first message per form field (dotted path, through `naming`), and
 * an issue about the input as a whole as the form's error. Every page maps issues with this.
 */
export function issuesToFields(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  naming: FieldNaming = {},
): FormFailure {
  const fieldErrors: Record<string, string> = {};
  let formError: string | undefined;
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    if (!path) {
      formError ??= issue.message;
      continue;
    }
    const field = naming.fieldOf ? naming.fieldOf(path) : path;
    fieldErrors[field] ??= naming.messages?.[field] ?? issue.message;
  }
  return { ok: false, fieldErrors, ...(formError ? { formError } : {}) };
}

export function parseValues<S extends z.ZodType>(values: unknown, schema: S, naming?: FieldNaming): FormResult<z.output<S>> {
  const result = schema.safeParse(values);
  return result.success ? { ok: true, data: result.data } : issuesToFields(result.error.issues, naming);
}

export const parseForm = <S extends z.ZodType>(formData: FormData, schema: S) => parseValues(formValues(formData), schema);

/**
 * A service's AppError as form feedback (its field paths through `fieldOf`, and its `reason` for a
 * page that reacts to one case); anything else is a real failure and keeps propagating.
 */
export function appErrorToForm(
  err: unknown,
  naming: Pick<FieldNaming, 'fieldOf'> = {},
): FormFailure & { code: string; status: number; reason?: ErrorReason } {
  if (!isAppError(err)) throw err;
  const fieldErrors: Record<string, string> = {};
  for (const f of err.details?.fields ?? []) fieldErrors[naming.fieldOf ? naming.fieldOf(f.path) : f.path] ??= f.message;
  // A message that only repeats a field's own error would be said twice; the field shows it.
  const bare = (m: string) => m.replace(/\.$/, '');
  const repeated = Object.values(fieldErrors).some((m) => bare(m) === bare(err.message));
  const reason = err.details?.reason;
  return {
    ok: false,
    code: err.code,
    status: err.status,
    fieldErrors,
    ...(reason ? { reason } : {}),
    ...(repeated ? {} : { formError: err.message }),
  };
}

/** A loader's read of something by id: the service's NOT_FOUND (absent, or another athlete's) becomes the 404 page. */
export async function orNotFoundPage<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') throw new Response('Not found', { status: 404 });
    throw err;
  }
}
