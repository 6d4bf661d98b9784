/**
 * What a page's form action answers: whether it worked, a line to announce, errors beside fields and
 * for the whole form, and what was typed (so a page without JavaScript keeps it after a refusal).
 */
export interface FormOutcome {
  ok: boolean;
  message?: string | undefined;
  formError?: string | undefined;
  fieldErrors: Record<string, string>;
  values?: Record<string, string> | undefined;
}
