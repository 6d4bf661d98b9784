import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Form, Link, useActionData } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { Alert, Card, PageHeader } from '~/components/ui';
import { requireViewer } from '~/utils/auth.server';
import { importSharedFiles } from '~/utils/pwa/share.server';
import { SHARE_ACCEPT, SHARE_FILE_FIELD, SHARE_TARGET_PATH } from '~/utils/pwa/manifest';
import { SHARE_INBOX_CACHE } from '~/utils/pwa/offline-pages';

// The installed app's share target (manifest share_target, ADR 077): activity files shared from another
// app land here and are imported through the upload path. The service worker keeps what was shared while
// a signed-out athlete logs in; this page then posts it (the form below), the same request a share makes.

export const meta: MetaFunction = () => [{ title: 'Import shared files · Cadence' }];

export async function loader(args: LoaderFunctionArgs) {
  await requireViewer(args);
  return null;
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  const form = await args.request.formData();
  const result = await importSharedFiles(args.context, viewer, form.getAll(SHARE_FILE_FIELD));
  if (!result.ok) return data(result, { status: 400 });
  return redirect(`/settings/data?uploaded=${encodeURIComponent(result.ids.at(-1)!)}#files`);
}

/** Files the service worker kept from a share made while signed out, taken out of its cache. */
async function takeStashedFiles(): Promise<File[]> {
  if (!('caches' in window)) return [];
  const cache = await caches.open(SHARE_INBOX_CACHE);
  const keys = await cache.keys();
  const files: File[] = [];
  for (const key of keys) {
    const res = await cache.match(key);
    if (res)
      files.push(
        new File([await res.blob()], decodeURIComponent(res.headers.get('x-filename') ?? 'shared-file'), {
          type: res.headers.get('content-type') ?? '',
        }),
      );
    await cache.delete(key);
  }
  return files;
}

export default function SharePage() {
  const result = useActionData<typeof action>();
  const form = useRef<HTMLFormElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [sending, setSending] = useState<string[] | null>(null);

  useEffect(() => {
    if (result) return;
    void takeStashedFiles().then((files) => {
      if (!files.length || !input.current || !form.current) return;
      const transfer = new DataTransfer();
      for (const f of files) transfer.items.add(f);
      input.current.files = transfer.files;
      setSending(files.map((f) => f.name));
      form.current.submit();
    });
  }, [result]);

  return (
    <>
      <PageHeader title="Import shared files" />
      <Card>
        {result?.formError ? <Alert tone="error">{result.formError}</Alert> : null}
        {sending ? (
          <p role="status">Importing {sending.join(', ')}…</p>
        ) : (
          <p>
            Share a FIT, GPX or TCX file (or a .gz of one) to Cadence from another app and it is imported here. You can also upload files on{' '}
            <Link to="/settings/data#files">Settings → Data</Link>.
          </p>
        )}
        {/* `posted` tells the service worker this post is the page's own, not a share to keep. */}
        <Form method="post" action={`${SHARE_TARGET_PATH}?posted=1`} encType="multipart/form-data" ref={form} className="upload-form">
          {/* The upload page's file box: a 44 px target on a phone, where this page opens. */}
          <input
            ref={input}
            type="file"
            name={SHARE_FILE_FIELD}
            accept={SHARE_ACCEPT.join(',')}
            multiple
            aria-label="Activity files"
            className="file-input"
          />
          <div className="upload-actions">
            <button type="submit" className="btn btn-secondary btn-sm">
              Import
            </button>
          </div>
        </Form>
      </Card>
    </>
  );
}

export const ErrorBoundary = AppErrorBoundary;
