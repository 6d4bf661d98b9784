import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/cloudflare';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { PostCard } from '~/components/social/PostCard';
import { ReportForm } from '~/components/social/ReportForm';
import { Alert, Button, Card, PageHeader } from '~/components/ui';
import { requireViewer } from '~/utils/auth.server';
import { formValues, isAppError } from '~/utils/forms.server';
import { MODERATION_REASONS, report } from '~/utils/moderation.server';
import { refuseWhileImpersonating } from '../../../worker/http/guards';

// /posts/:id — one post as you may see it (404 otherwise), its comments (yours and those on your post with a
// delete), and a comment form. Kudos and comments are plain form posts.
export const meta: MetaFunction = () => [{ title: 'Post · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  const id = args.params.id ?? '';
  if (!UUID.test(id)) throw new Response('Not found', { status: 404 });
  const posts = args.context.services.socialPosts;
  try {
    const [post, { comments }] = [await posts.get(viewer.user.id, id), await posts.comments(viewer.user.id, id)];
    return { post, comments, me: viewer.user.id, reasons: MODERATION_REASONS };
  } catch (err) {
    // Not visible is not found, as over the API.
    if (isAppError(err) && err.code === 'NOT_FOUND') throw new Response('Not found', { status: 404 });
    throw err;
  }
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  const id = args.params.id ?? '';
  if (!UUID.test(id)) throw new Response('Not found', { status: 404 });
  const form = await args.request.formData();
  if (form.get('intent') === 'report') {
    const r = await report(args.context, viewer, formValues(form));
    return r.ok ? { reported: r.message } : { error: r.message };
  }
  const u = viewer.user;
  const me = { id: u.id, displayName: u.displayName, timeZone: u.timeZone };
  const posts = args.context.services.socialPosts;
  try {
    const intent = String(form.get('intent') ?? '');
    if (intent === 'kudos') await posts.giveKudos(me, id);
    else if (intent === 'unkudos') await posts.takeKudos(me, id);
    else if (intent === 'comment') {
      const body = String(form.get('body') ?? '').trim();
      if (!body || body.length > 1000) return { error: 'A comment is 1 to 1,000 characters.' };
      await posts.addComment(me, id, body);
    } else if (intent === 'delete-comment') {
      // Destroying the athlete's content is their own act, refused as its API route is (issue 55).
      refuseWhileImpersonating(viewer, 'delete a comment');
      await posts.removeComment(me, String(form.get('commentId') ?? ''));
    } else return { error: 'Unknown action.' };
  } catch (err) {
    if (isAppError(err) && err.status < 500) return { error: err.message };
    throw err;
  }
  return redirect(`/posts/${id}#comments`);
}

export default function Post() {
  const { post, comments, me, reasons } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="page post-page">
      <PageHeader
        eyebrow={<Link to="/feed">Feed</Link>}
        title={post.title}
        description={`${post.author.displayName} · ${post.sport ?? 'session'}`}
      />
      {result && 'error' in result && result.error ? <Alert tone="error">{result.error}</Alert> : null}
      {result && 'reported' in result ? <Alert tone="success">{result.reported}</Alert> : null}
      <PostCard post={post} link={false} headed={false} />
      {post.author.id === me ? null : <ReportForm kind="post" id={post.id} reasons={reasons} />}
      <Card id="comments" title={`Comments (${comments.length})`}>
        <ul className="comment-list">
          {comments.map((c) => (
            <li key={c.id} id={`comment-${c.id}`} className="comment-row">
              <p>
                <strong>{c.author.displayName}</strong> <span className="post-text">{c.body}</span>
              </p>
              {c.canDelete ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="delete-comment" />
                  <input type="hidden" name="commentId" value={c.id} />
                  <Button type="submit" size="sm" variant="danger-quiet">
                    Delete
                  </Button>
                </Form>
              ) : null}
              {c.author.id === me ? null : <ReportForm kind="comment" id={c.id} reasons={reasons} />}
            </li>
          ))}
        </ul>
        {/* A new comment remounts the form, so what was sent is not left in the box to be sent twice. */}
        <Form method="post" className="stack" key={comments.length}>
          <input type="hidden" name="intent" value="comment" />
          <div className="field">
            <label htmlFor="comment-body" className="field-label">
              Add a comment
            </label>
            <textarea id="comment-body" name="body" className="input" maxLength={1000} required rows={3} />
          </div>
          <div>
            <Button type="submit">Comment</Button>
          </div>
        </Form>
      </Card>
    </div>
  );
}
