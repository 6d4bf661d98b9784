import { LOCKED_EMAIL } from '../preferences/notification-preferences';
import type { Category } from '../notification-types';
import { mintUnsubscribeToken } from '../unsubscribe/unsubscribe-token';
import type { EmailLinks } from './email-content';

export const UNSUBSCRIBE_PAGE = '/unsubscribe';
export const ONE_CLICK_PATH = '/api/v1/notifications/unsubscribe';
export const PREFERENCES_PAGE = '/settings/notifications';

/**
 * An email's links: the signed unsubscribe page and one-click target for its categories, and the plain
 * preferences page. Billing and security mail gets no unsubscribe link at all (its email cannot be off).
 */
export function createEmailLinks(opts: { appOrigin: string; secret: string }) {
  const origin = new URL(opts.appOrigin).origin;
  return {
    async links(input: { userId: string; category: Category; deliveryId: string; categories?: Category[] }): Promise<EmailLinks> {
      const categories = [...new Set(input.categories?.length ? input.categories : [input.category])].filter((c) => !LOCKED_EMAIL.has(c));
      const base = { appOrigin: origin, preferencesUrl: `${origin}${PREFERENCES_PAGE}` };
      if (categories.length === 0) return { ...base, unsubscribeUrl: null, oneClickUrl: null };
      const t = await mintUnsubscribeToken({ userId: input.userId, categories, deliveryId: input.deliveryId }, opts.secret);
      return { ...base, unsubscribeUrl: `${origin}${UNSUBSCRIBE_PAGE}?t=${t}`, oneClickUrl: `${origin}${ONE_CLICK_PATH}?t=${t}` };
    },

    /** RFC 8058: the one-click URL and the POST marker; nothing for mail that cannot be unsubscribed from. */
    headers(links: EmailLinks): Record<string, string> {
      if (!links.oneClickUrl) return {};
      return { 'List-Unsubscribe': `<${links.oneClickUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
    },
  };
}
