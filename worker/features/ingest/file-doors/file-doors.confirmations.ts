// How each kind of notice is confirmed before it changes anything (ADR 095). A door whose notifications are not
// signed (Garmin: its client id is public) can be sent any body by anyone, so no notice kind may trust its body:
// every row here names what is asked of the provider, with the athlete's own token, and what is stored is only
// what the provider answers. A new notice kind does not compile without its row, and
// file-doors.confirmations.integration.test.ts forges one of each kind against every unsigned door.
import type { StoredDelivery } from './file-doors.schema';

export type NoticeKind = StoredDelivery['notices'][number]['kind'];

export interface NoticeConfirmation {
  /** `fetched`: the data is downloaded from the provider's API host; `asked`: the provider is asked whether it is so. */
  how: 'fetched' | 'asked';
  /** The outcome code counted when the provider does not confirm (file-doors.webhook.ts's DOOR_OUTCOME_CODES). */
  unconfirmed: 'unconfirmed';
  why: string;
}

export const NOTICE_CONFIRMATIONS = {
  file: {
    how: 'fetched',
    unconfirmed: 'unconfirmed',
    why: 'the file is downloaded once through the notice’s pull URL on the provider’s API host with the athlete’s token; a URL the provider did not issue serves nothing (ADR 038)',
  },
  deregistered: {
    how: 'asked',
    unconfirmed: 'unconfirmed',
    why: 'the provider is asked with the athlete’s token whether it still knows them; the connection ends only when it does not (ADR 047)',
  },
  permissions: {
    how: 'fetched',
    unconfirmed: 'unconfirmed',
    why: 'the permissions are read back from the provider (Garmin: user/permissions); the list in the notice is never stored',
  },
  health: {
    how: 'fetched',
    unconfirmed: 'unconfirmed',
    why: 'the summaries are pulled from the notice’s callback URL on the provider’s API host with the athlete’s token; values in a body are never stored',
  },
} as const satisfies { readonly [K in NoticeKind]: NoticeConfirmation };
