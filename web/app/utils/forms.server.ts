import type { z } from 'zod';
import type { AppError } from '../../../worker/lib/errors';

export type FormFailure = { ok: false; fieldErrors: Record<string, string>; formError?: string };
export type FormResult<T> = { ok: true; data: T } | FormFailure;

/** Recognised by shape, not `instanceof`, so the check holds even if a bundler ever duplicates the module. */
export function isAppError(err: unknown): err is AppError {
  return err instanceof Error && err.name === 'AppError' && typeof (err as { code?: unknown }).code === 'string';
}

/** Text fields as strings; files are never expected by these forms and are dropped. */
/** Ids posted in forms reach SQL as uuids: anything else is treated as "no longer there", never a database error. */
export const isUuid = (value: string | undefined): value is string => !!value && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === 'string' && !(key in values)) values[key] = value;
  return values;
}

export function parseValues<S extends z.ZodType>(values: unknown, schema: S): FormResult<z.output<S>> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: Record<string, string> = {};
  let formError: string | undefined;
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    if (!path) formError ??= issue.message;
    else fieldErrors[path] ??= issue.message;
  }
  return { ok: false, fieldErrors, ...(formError ? { formError } : {}) };
}

export const parseForm = <S extends z.ZodType>(formData: FormData, schema: S) => parseValues(formValues(formData), schema);

/** A service's AppError as form feedback; anything else is a real failure and keeps propagating. */
export function appErrorToForm(err: unknown): FormFailure & { code: string; status: number } {
  if (!isAppError(err)) throw err;
  const fieldErrors: Record<string, string> = {};
  for (const f of err.details?.fields ?? []) fieldErrors[f.path] ??= f.message;
  // A message that only repeats a field's own error would be said twice; the field shows it.
  const bare = (m: string) => m.replace(/\.$/, '');
  const repeated = Object.values(fieldErrors).some((m) => bare(m) === bare(err.message));
  return { ok: false, code: err.code, status: err.status, fieldErrors, ...(repeated ? {} : { formError: err.message }) };
}
