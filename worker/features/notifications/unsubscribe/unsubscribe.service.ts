import type { Executor } from '../../../db/executor';
import { AppError, ErrorCode, notFound } from '../../../lib/errors';
import { CATEGORY_LABELS, type Category } from '../notification-types';
import { createPreferencesRepo } from '../preferences/preferences.repo';
import type { PreferencesService } from '../preferences/preferences.service';
import { readUnsubscribeToken, type UnsubscribeClaims } from './unsubscribe-token';

export interface UnsubscribeView {
  categories: { category: Category; label: string }[];
  /** A hint of whose address this is ("a•••@e•••.com"), never the address itself. */
  maskedEmail: string;
  /** Whether any of the link's categories still sends email. */
  emailOn: boolean;
}

export interface UnsubscribeResult {
  categories: Category[];
  /** The categories this call switched (empty on a replay). */
  changed: Category[];
}

/** "ana.lopez@example.com" → "a•••@e•••.com": enough to recognise one's own account, not to learn it. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '•••';
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${email[0]}•••@${host[0] ?? ''}•••${tld}`;
}

/**
 * The signed links in notification email: what one says, and turning its categories' email off (or back
 * on, the page's Undo) without a session. The token is the only authority: it names the user, the
 * categories and the delivery, so nothing else is read from the request.
 */
export function createUnsubscribeService(deps: { db: Executor; secret: string; preferences: PreferencesService }) {
  const repo = createPreferencesRepo(deps.db);

  async function claimsOf(token: string): Promise<UnsubscribeClaims & { account: { email: string; role: string } }> {
    const claims = await readUnsubscribeToken(token, deps.secret);
    if ('problem' in claims) {
      throw new AppError(
        ErrorCode.TOKEN_INVALID,
        'This unsubscribe link is not valid. Open it again from the email, or change your notification settings in Cadence.',
      );
    }
    const account = await repo.account(claims.userId);
    if (!account) throw notFound('Account');
    return { ...claims, account };
  }

  async function switchAll(token: string, on: boolean, via: 'link' | 'one_click'): Promise<UnsubscribeResult> {
    const c = await claimsOf(token);
    const ctx = { actor: { id: c.userId, role: c.account.role }, deliveryId: c.deliveryId };
    const changed: Category[] = [];
    for (const category of c.categories) {
      const r = on
        ? await deps.preferences.resubscribe(c.userId, category, ctx)
        : await deps.preferences.unsubscribe(c.userId, category, via, ctx);
      if (r.changed) changed.push(category);
    }
    return { categories: c.categories, changed };
  }

  return {
    /** What the page shows before anyone clicks. Reads only: mail scanners open every link. */
    async describe(token: string): Promise<UnsubscribeView> {
      const c = await claimsOf(token);
      const prefs = await deps.preferences.effective(c.userId);
      return {
        categories: c.categories.map((category) => ({ category, label: CATEGORY_LABELS[category].label })),
        maskedEmail: maskEmail(c.account.email),
        emailOn: c.categories.some((category) => prefs.channels[category].email),
      };
    },

    /** The link's categories' email off, in-app and every other category untouched. A replay changes nothing. */
    unsubscribe: (token: string, via: 'link' | 'one_click') => switchAll(token, false, via),

    /** The page's Undo: the same categories' email back on. */
    resubscribe: (token: string) => switchAll(token, true, 'link'),
  };
}

export type UnsubscribeService = ReturnType<typeof createUnsubscribeService>;
