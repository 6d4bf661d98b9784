// The athlete's conversations, newest first, and a way to start a new one. On a phone the list shows on
// the new-conversation page; a conversation's page links back to it instead.
import { Link, NavLink, useParams } from '@remix-run/react';
import type { ConversationView } from '~/utils/ai-coach';
import { formatDate } from '~/utils/format';
import { buttonClass, cx } from '../ui';

export function ConversationList({ conversations, timeZone }: { conversations: ConversationView[]; timeZone: string }) {
  const { id } = useParams();
  return (
    <nav className={cx('coach-side', id && 'has-current')} aria-label="Conversations">
      <div className="coach-side-top">
        {id ? (
          <Link to="/ai-coach" className="coach-side-back">
            ‹ All conversations
          </Link>
        ) : null}
        <NavLink to="/ai-coach" end className={buttonClass('secondary', 'sm', 'coach-new-link')}>
          + New conversation
        </NavLink>
      </div>
      {conversations.length ? (
        <>
          <h2 className="coach-side-h">Your conversations</h2>
          <ul className="coach-side-list">
            {conversations.map((c) => (
              <li key={c.id}>
                <NavLink to={`/ai-coach/${c.id}`} className="coach-side-link" prefetch="intent">
                  <span className="coach-side-title">{c.title || 'New conversation'}</span>
                  <span className="coach-side-when">{formatDate(c.updatedAt, timeZone)}</span>
                </NavLink>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </nav>
  );
}
