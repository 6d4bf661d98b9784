// Its own module so the service and the presenters it calls both name it without importing each other.
import type { Actor } from '../audit';
import type { OrgRow } from './coach-os.repo';

/** The signed-in coach and the org they work in: every coach-side call starts from this. */
export interface Member {
  actor: Actor;
  org: OrgRow;
  role: 'owner' | 'coach';
}
