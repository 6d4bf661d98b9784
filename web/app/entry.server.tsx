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

/** Loader/action errors: logged by name with the request id only (URLs and messages may carry tokens or emails). */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  // Unknown URLs and thrown 4xx responses are expected outcomes, not errors.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  context.services.logger.error('page error', {
    requestId: context.requestId,
    errorName: error instanceof Error ? error.name : isRouteErrorResponse(error) ? `Response ${error.status}` : 'unknown',
    errorMessage: error instanceof Error ? error.message.slice(0, 300) : undefined,
  });
};
