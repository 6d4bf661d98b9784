// One conversation on training (ADR 056): the comments oldest first, a composer, and the author's edit (for
// EDIT_WINDOW_MINUTES after posting) and delete. Used by the athlete (one per coaching org) and by the coach,
// each with the JSON API paths of their side. Text is rendered as React text, never as HTML. Opening a thread
// with unread comments marks it read.
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { Comment, Thread } from '../../../../worker/features/comments/comments.schema';
import { COMMENT_MAX, EDIT_WINDOW_MINUTES } from '../../../../worker/features/comments/comments.schema';
import { api, ApiError } from '~/components/coach/api';
import { Alert, Badge, Button, LiveRegion } from '~/components/ui';
import { formatDateTime } from '~/utils/format';

export interface ThreadPaths {
  post: string;
  read: string;
  comment: (id: string) => string;
  /** Sent with a post and a read (the athlete names the org). */
  extra?: Record<string, string>;
}

// The app's one way of writing a time ("25 Nov 2026, 14:05"), in the zone the page passes.
const whenText = (iso: string, timeZone: string) => formatDateTime(iso, timeZone);

const messageOf = (err: unknown) =>
  err instanceof ApiError ? (err.fields[0]?.message ?? err.message) : 'Something went wrong. Please try again.';

export function CommentThread({
  thread,
  paths,
  heading,
  timeZone,
}: {
  thread: Thread;
  paths: ThreadPaths;
  heading: string;
  timeZone: string;
}) {
  const [comments, setComments] = useState(thread.comments);
  // What was new when the thread opened stays labelled for this visit (as a mail client keeps "new" until you
  // leave); the server is told at once, so the next visit counts from here.
  const unread = thread.unread;
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const composer = useRef<HTMLTextAreaElement>(null);
  const ids = useId();

  // Seen is read: one mark when the thread opens with something new in it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: marked once per thread opened, not on every change.
  useEffect(() => {
    if (thread.unread === 0) return;
    api<{ unread: number }>(paths.read, { method: 'POST', body: paths.extra ?? {} }).catch(() => undefined);
  }, [paths.read]);

  const replace = (c: Comment) => setComments((list) => list.map((x) => (x.id === c.id ? c : x)));

  const post = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft.trim() || busy) return;
    setBusy(true);
    setError(null);
    try {
      const { comment } = await api<{ comment: Comment }>(paths.post, { body: { ...paths.extra, body: draft } });
      setComments((list) => [...list, comment]);
      setDraft('');
      setStatus('Comment posted.');
      composer.current?.focus();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="comment-thread" aria-labelledby={`${ids}-h`}>
      <h3 id={`${ids}-h`} className="comment-thread-title">
        {heading} {unread > 0 ? <Badge tone="info">{unread} new</Badge> : null}
      </h3>
      {comments.length === 0 ? (
        <p className="muted">No comments yet.</p>
      ) : (
        <ol className="comment-list">
          {comments.map((c) => (
            <CommentItem
              key={c.id}
              c={c}
              timeZone={timeZone}
              path={paths.comment(c.id)}
              onChanged={(next, text) => {
                replace(next);
                setStatus(text);
              }}
            />
          ))}
        </ol>
      )}
      {thread.canPost ? (
        <form className="comment-form" onSubmit={post}>
          <label htmlFor={`${ids}-new`} className="field-label">
            Add a comment
          </label>
          <textarea
            id={`${ids}-new`}
            ref={composer}
            className="input comment-textarea"
            rows={3}
            maxLength={COMMENT_MAX}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              // Ctrl/⌘+Enter sends, as in most chat boxes; Enter alone is a new line.
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void post(e);
            }}
            aria-describedby={`${ids}-hint`}
            aria-invalid={error ? true : undefined}
          />
          <p id={`${ids}-hint`} className="field-hint">
            Plain text. You can edit a comment for {EDIT_WINDOW_MINUTES} minutes after posting it, and delete it at any time.
          </p>
          <div className="comment-actions">
            <Button type="submit" disabled={busy || !draft.trim()}>
              {busy ? 'Posting…' : 'Post comment'}
            </Button>
          </div>
        </form>
      ) : null}
      <LiveRegion>
        {error ? (
          <Alert tone="error" announce={false}>
            {error}
          </Alert>
        ) : status ? (
          <span className="visually-hidden">{status}</span>
        ) : null}
      </LiveRegion>
    </section>
  );
}

function CommentItem({
  c,
  timeZone,
  path,
  onChanged,
}: {
  c: Comment;
  timeZone: string;
  path: string;
  onChanged: (c: Comment, status: string) => void;
}) {
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm'>('view');
  const [text, setText] = useState(c.body ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = useId();
  // The window closes while the page is open: the Edit button goes when it does.
  const [canEdit, setCanEdit] = useState(() => c.editableUntil !== null && Date.parse(c.editableUntil) > Date.now());
  useEffect(() => {
    if (!c.editableUntil) return setCanEdit(false);
    const left = Date.parse(c.editableUntil) - Date.now();
    setCanEdit(left > 0);
    if (left <= 0) return;
    const t = setTimeout(() => setCanEdit(false), left);
    return () => clearTimeout(t);
  }, [c.editableUntil]);

  const act = async (method: 'PATCH' | 'DELETE', done: string) => {
    setBusy(true);
    setError(null);
    try {
      const { comment } = await api<{ comment: Comment }>(path, { method, ...(method === 'PATCH' ? { body: { body: text } } : {}) });
      setMode('view');
      onChanged(comment, done);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className={c.mine ? 'comment is-mine' : 'comment'}>
      <p className="comment-meta">
        <span className="comment-author">{c.author.name}</span>
        {c.author.role === 'coach' ? <Badge tone="neutral">Coach</Badge> : null}
        <time dateTime={c.createdAt} className="muted">
          {whenText(c.createdAt, timeZone)}
        </time>
        {c.editedAt && !c.deleted ? <span className="muted">· edited</span> : null}
      </p>
      {c.deleted ? (
        <p className="comment-deleted">Comment deleted</p>
      ) : mode === 'edit' ? (
        <form
          className="comment-form"
          onSubmit={(e) => {
            e.preventDefault();
            void act('PATCH', 'Comment saved.');
          }}
        >
          <label htmlFor={`${ids}-edit`} className="visually-hidden">
            Edit your comment
          </label>
          <textarea
            id={`${ids}-edit`}
            className="input comment-textarea"
            rows={3}
            maxLength={COMMENT_MAX}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setMode('view');
            }}
            // biome-ignore lint/a11y/noAutofocus: the user just asked to edit this comment; focus goes where they will type.
            autoFocus
          />
          <div className="comment-actions">
            <Button type="submit" size="sm" disabled={busy || !text.trim()}>
              Save
            </Button>
            <Button variant="secondary" size="sm" onClick={() => setMode('view')}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <p className="comment-body">{c.body}</p>
      )}
      {c.mine && !c.deleted && mode !== 'edit' ? (
        <div className="comment-actions">
          {mode === 'confirm' ? (
            <>
              <span>Delete this comment?</span>
              <Button variant="danger" size="sm" disabled={busy} onClick={() => void act('DELETE', 'Comment deleted.')}>
                Delete
              </Button>
              <Button variant="secondary" size="sm" onClick={() => setMode('view')}>
                Keep it
              </Button>
            </>
          ) : (
            <>
              {canEdit ? (
                <Button variant="link" size="sm" onClick={() => setMode('edit')}>
                  Edit
                </Button>
              ) : null}
              <Button variant="link" size="sm" onClick={() => setMode('confirm')}>
                Delete
              </Button>
            </>
          )}
        </div>
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}
