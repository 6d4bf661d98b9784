// The account card's vocabulary, shared by the form actions (operator-accounts.server.ts) and the card.
import type { FormOutcome } from './form-outcome';

export const ACCOUNT_INTENTS = ['block', 'unblock', 'send-reset', 'temporary-password'] as const;
export type AccountIntent = (typeof ACCOUNT_INTENTS)[number];

/** What an account action answers the card; `status` is the HTTP status the host page's action should use. */
export interface AccountActionResult extends FormOutcome {
  intent: AccountIntent;
  status: number;
  /** The second step of a destructive action: the card asks "Block Ann Runner?" with the reason kept. */
  confirm?: boolean;
  /** The one-time temporary password, shown this once. */
  temporaryPassword?: string;
}
