// Any path no other route claims: a real 404, rendered by the root ErrorBoundary.
export const loader = () => {
  throw new Response('Not found', { status: 404 });
};

export default function NotFound() {
  return null;
}
