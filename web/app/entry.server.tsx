import type { AppLoadContext, EntryContext, HandleErrorFunction } from '@remix-run/cloudflare';
import { isRouteErrorResponse } from '@remix-run/react';
import { RemixServer } from '@remix-run/react';
import { isbot } from 'isbot';
import { renderToReadableStream } from 'react-dom/server';
import { NonceProvider } from './utils/nonce';

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  let status = responseStatusCode;
  if (loadContext.unavailable) {
    // A loader's error that reached Remix unconverted (page-unavailable.ts converts most): the server's page still
    // says 503, though the sanitized error in the hydration data may show the generic panel after hydration.
    status = 503;
    responseHeaders.set('Retry-After', String(loadContext.unavailable.retryAfterSeconds));
    const errors = remixContext.staticHandlerContext.errors;
    for (const id of Object.keys(errors ?? {})) errors![id] = DATABASE_UNAVAILABLE;
  }
  const body = await renderToReadableStream(
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} nonce={nonce} />
    </NonceProvider>,
    {
      nonce,
      signal: request.signal,
      onError(error: unknown) {
        // Logged with ids only by the worker; here we only flag the render as failed.
        if (!request.signal.aborted)
          console.error(
            JSON.stringify({
              level: 'error',
              msg: 'render error',
              requestId: loadContext.requestId,
              errorName: error instanceof Error ? error.name : 'unknown',
            }),
          );
        status = 500;
      },
    },
  );
  // Crawlers and no-JS clients get the whole document at once.
  if (isbot(request.headers.get('user-agent') || '')) await body.allReady;
  responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
  return new Response(body, { headers: responseHeaders, status });
}

/** What the error boundary gets in place of the sanitized 500 when the database is unavailable (a route error response). */
const DATABASE_UNAVAILABLE = { status: 503, statusText: 'Service Unavailable', internal: false, data: 'database unavailable' };

/** Loader/action errors: logged by name with the request id only (URLs and messages may carry tokens or emails). */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  // The database down or restarting (the worker's rule, ADR 086): the page answers 503; one warning, not an error.
  const retryAfterSeconds = context.databaseUnavailable(error);
  if (retryAfterSeconds !== null) context.unavailable = { retryAfterSeconds };
  if (context.unavailable) {
    context.services.logger.warn('page answered 503: database unavailable', { requestId: context.requestId });
    return;
  }
  // Unknown URLs and thrown 4xx responses are expected outcomes, not errors.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  context.services.logger.error('page error', {
    requestId: context.requestId,
    errorName: error instanceof Error ? error.name : isRouteErrorResponse(error) ? `Response ${error.status}` : 'unknown',
    errorMessage: error instanceof Error ? error.message.slice(0, 300) : undefined,
  });
};
