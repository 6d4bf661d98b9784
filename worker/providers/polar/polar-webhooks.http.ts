// The client's one AccessLink webhook (client credentials in HTTP Basic): created once per deployment by an
// operator (scripts/polar-webhook.ts), never per athlete. Creating or moving it makes Polar PING the URL,
// which must answer 200; the creation answer is the only time Polar shows the signature_secret_key.
// Node runs this file for the script (types stripped only), so it imports nothing of ours.
import { z } from 'zod';
// With its extension: the operator script (scripts/polar-webhook.ts) runs this file in Node as it is.
import { providerFetch } from '../provider-fetch.ts';

const Info = z.object({ id: z.string(), events: z.array(z.string()), url: z.string(), active: z.boolean().optional() });
const Created = z.object({ data: Info.extend({ signature_secret_key: z.string().min(1) }) });
const Listed = z.object({ data: z.array(Info) });

export type PolarWebhook = z.infer<typeof Info>;

/** Polar refused: the status and its error model's message (for the operator). */
export class PolarWebhookError extends Error {
  override name = 'PolarWebhookError';
  readonly status: number;

  constructor(status: number, message: string) {
    super(`Polar answered ${status}: ${message}`);
    this.status = status;
  }
}

async function refuse(res: Response): Promise<never> {
  const text = await res.text();
  let message = text.slice(0, 200);
  try {
    message = String((JSON.parse(text) as { message?: unknown }).message ?? message);
  } catch {
    // Not Polar's JSON error model: the text as it came.
  }
  throw new PolarWebhookError(res.status, message);
}

const slash = (u: string) => (u.endsWith('/') ? u : `${u}/`);

export class PolarWebhookAdmin {
  // A plain field: parameter properties are not plain TypeScript-without-types.
  private readonly cfg: { apiUrl: string; clientId: string; clientSecret: string };

  constructor(cfg: { apiUrl: string; clientId: string; clientSecret: string }) {
    this.cfg = cfg;
  }

  /** The new webhook and its signature_secret_key (keep it: POLAR_WEBHOOK_SECRET). 409: one exists already. */
  async create(url: string, events: string[] = ['EXERCISE']): Promise<PolarWebhook & { signatureSecretKey: string }> {
    const res = await this.call('v3/webhooks', { method: 'POST', body: JSON.stringify({ events, url }) });
    if (res.status !== 201) return refuse(res);
    const { signature_secret_key, ...info } = Created.parse(await res.json()).data;
    return { ...info, signatureSecretKey: signature_secret_key };
  }

  /** The client's webhook, or null when there is none. */
  async get(): Promise<PolarWebhook | null> {
    const res = await this.call('v3/webhooks', { method: 'GET' });
    if (!res.ok) return refuse(res);
    return Listed.parse(await res.json()).data[0] ?? null;
  }

  /** Re-activates a webhook Polar switched off (seven days of failed deliveries); it PINGs the URL first. */
  activate(): Promise<boolean> {
    return this.toggle('activate');
  }

  deactivate(): Promise<boolean> {
    return this.toggle('deactivate');
  }

  async delete(id: string): Promise<void> {
    const res = await this.call(`v3/webhooks/${encodeURIComponent(id)}`, { method: 'DELETE' });
    if (res.status !== 204) return refuse(res);
  }

  /** True when done, false when there is no webhook (204). */
  private async toggle(action: 'activate' | 'deactivate'): Promise<boolean> {
    const res = await this.call(`v3/webhooks/${action}`, { method: 'POST' });
    if (res.status !== 200 && res.status !== 204) return refuse(res);
    await res.body?.cancel();
    return res.status === 200;
  }

  private call(path: string, init: RequestInit): Promise<Response> {
    return providerFetch(new URL(path, slash(this.cfg.apiUrl)), {
      ...init,
      headers: {
        authorization: `Basic ${btoa(`${this.cfg.clientId}:${this.cfg.clientSecret}`)}`,
        'content-type': 'application/json',
        accept: 'application/json',
      },
    });
  }
}
