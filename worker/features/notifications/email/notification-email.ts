import type { Executor } from '../../../db/executor';
import type { PreferencesService } from '../preferences/preferences.service';
import { createUnsubscribeService } from '../unsubscribe/unsubscribe.service';
import { createEmailLinks } from './email-links';
import { renderEmail } from './render-email';

/**
 * Notification email as worker/wiring/ wires it: the delivery's renderer, signed links and headers, and the
 * unsubscribe service that reads those links back. One secret signs and verifies.
 */
export function createNotificationEmail(opts: { appOrigin: string; unsubscribeSecret: string }) {
  const links = createEmailLinks({ appOrigin: opts.appOrigin, secret: opts.unsubscribeSecret });
  return {
    delivery: { render: renderEmail, links: links.links, headers: links.headers },
    unsubscribe: (deps: { db: Executor; preferences: PreferencesService }) =>
      createUnsubscribeService({ ...deps, secret: opts.unsubscribeSecret }),
  };
}
