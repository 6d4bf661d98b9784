import { type ActionFunctionArgs, redirect } from '@remix-run/cloudflare';
import { requireViewer } from '~/utils/auth.server';
import { isAppError } from '~/utils/forms.server';

// POST /share-activity/:id — the activity page's "Share to your log" form: the post is made through the posts
// service (provider terms, suspension and limits apply), then its page opens; a refusal goes back with its words.
const VIS = new Set(['public', 'followers', 'private']);

export async function loader() {
  throw new Response('Not found', { status: 404 });
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  const id = args.params.id ?? '';
  const form = await args.request.formData();
  const title = String(form.get('title') ?? '')
    .trim()
    .slice(0, 200);
  const visibility = String(form.get('visibility') ?? '');
  const u = viewer.user;
  try {
    const post = await args.context.services.socialPosts.create(
      { id: u.id, displayName: u.displayName, timeZone: u.timeZone },
      { activityId: id, ...(title ? { title } : {}), ...(VIS.has(visibility) ? { visibility: visibility as 'public' } : {}) },
    );
    return redirect(`/posts/${post.id}`);
  } catch (err) {
    if (isAppError(err) && err.status < 500) return redirect(`/activities/${id}?share=${encodeURIComponent(err.code)}#share`);
    throw err;
  }
}
