// Message text of an automation: {{variables}}, their validation and rendering. Values are computed
// per run (the client, their packages, the org) by the runner; a variable with no value renders empty.

export const MESSAGE_VARIABLES = [
  'client_first_name',
  'client_name',
  'org_name',
  'sessions_left',
  'package_name',
  'expires_on',
  'inactive_days',
  'today',
] as const;
export type MessageVariable = (typeof MESSAGE_VARIABLES)[number];
export type MessageValues = Partial<Record<MessageVariable, string>>;
/** Variables that need a client: refused for automations that only tell the coach. */
export const CLIENT_VARIABLES: readonly MessageVariable[] = [
  'client_first_name',
  'client_name',
  'sessions_left',
  'package_name',
  'expires_on',
  'inactive_days',
];

const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;

export const variablesIn = (text: string): string[] => [...new Set([...text.matchAll(VARIABLE)].map((m) => m[1]!))];

/** Problems with a message text (empty when it is fine), as messages for its field. */
export function messageProblems(text: string): string[] {
  const problems: string[] = [];
  if (text.trim() === '') problems.push('The message cannot be empty.');
  const unknown = variablesIn(text).filter((v) => !(MESSAGE_VARIABLES as readonly string[]).includes(v));
  if (unknown.length)
    problems.push(
      `Unknown variable${unknown.length > 1 ? 's' : ''}: ${unknown.map((v) => `{{${v}}}`).join(', ')}. Use ${MESSAGE_VARIABLES.map((v) => `{{${v}}}`).join(', ')}.`,
    );
  if (/\{\{|\}\}/.test(text.replace(VARIABLE, ''))) problems.push('A {{ or }} is not closed.');
  return problems;
}

/** Fills the variables and tidies the spaces an empty one leaves. */
export function renderMessage(text: string, values: MessageValues): string {
  return text
    .replace(VARIABLE, (_, name: string) => values[name as MessageVariable] ?? '')
    .replace(/[ \t]+/g, ' ')
    .replace(/ +([.,!?])/g, '$1')
    .trim();
}
