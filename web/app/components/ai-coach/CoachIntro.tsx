// Above the new-conversation composer: what the coach can do, three questions to start from, and the
// promise it keeps (numbers only from your data, with receipts).
import { EXAMPLE_QUESTIONS } from '~/utils/ai-coach';
import { Link } from '@remix-run/react';
import { buttonClass, EmptyState, Icon } from '../ui';

export function CoachIntro({ first, onExample }: { first: boolean; onExample: (q: string) => void }) {
  return (
    <EmptyState
      className="coach-intro"
      icon={<Icon name="message" />}
      title={first ? 'Ask your coach anything about your training' : 'A new conversation'}
      actions={
        <ul className="coach-examples" aria-label="Example questions">
          {EXAMPLE_QUESTIONS.map((q) => (
            <li key={q}>
              {/* Without JavaScript the link reloads the page with the question in the box. */}
              <Link
                to={`/ai-coach?q=${encodeURIComponent(q)}#coach-question`}
                className={buttonClass('secondary', 'sm', 'coach-example')}
                onClick={(e) => {
                  e.preventDefault();
                  onExample(q);
                }}
              >
                {q}
              </Link>
            </li>
          ))}
        </ul>
      }
    >
      {first ? (
        <p>
          It reads your activities, fitness and plan to answer questions, spot trends and suggest changes to your plan. Changes happen only
          when you confirm them.
        </p>
      ) : null}
      <p className="coach-promise">
        <Icon name="receipt" className="icon icon-sm" /> Numbers only from your data, each with its receipt.
      </p>
    </EmptyState>
  );
}
