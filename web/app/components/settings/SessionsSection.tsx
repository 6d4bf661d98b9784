import { Form } from '@remix-run/react';
import { Badge, Card, ResultNotice, SubmitButton } from '../ui';

interface SessionView {
  id: string;
  device: string;
  current: boolean;
  lastActive: string;
  lastActiveExact: string;
  signedIn: string;
}

export function SessionsSection({
  sessions,
  result,
}: {
  sessions: SessionView[];
  result?: { ok: boolean; message?: string; formError?: string };
}) {
  const others = sessions.filter((s) => !s.current).length;
  return (
    <Card id="sessions" title="Where you're signed in" description="Sign out of any device you don't recognise.">
      <ResultNotice result={result} />
      <ul className="session-list">
        {sessions.map((s) => (
          <li key={s.id} className="session">
            <div className="session-info">
              <p className="session-device">
                {s.device} {s.current ? <Badge tone="success">This device</Badge> : null}
              </p>
              <p className="session-meta">
                Last active <time title={s.lastActiveExact}>{s.lastActive}</time> · Signed in on {s.signedIn}
              </p>
            </div>
            {s.current ? null : (
              <Form method="post" className="session-action">
                <input type="hidden" name="intent" value="revoke-session" />
                <input type="hidden" name="sessionId" value={s.id} />
                <SubmitButton
                  variant="secondary"
                  size="sm"
                  pendingText="Signing out…"
                  match={{ intent: 'revoke-session', sessionId: s.id }}
                  aria-label={`Sign out ${s.device}, last active ${s.lastActive}`}
                >
                  Sign out
                </SubmitButton>
              </Form>
            )}
          </li>
        ))}
      </ul>
      <div className="danger-zone">
        <div>
          <p className="danger-zone-title">Sign out everywhere</p>
          <p className="danger-zone-text">
            Ends all {others ? `${others + 1} sessions` : 'sessions'}, including this one. You'll need to log in again.
          </p>
        </div>
        <Form method="post">
          <input type="hidden" name="intent" value="revoke-all" />
          <SubmitButton variant="danger" pendingText="Signing out…" match={{ intent: 'revoke-all' }}>
            Sign out everywhere
          </SubmitButton>
        </Form>
      </div>
    </Card>
  );
}
