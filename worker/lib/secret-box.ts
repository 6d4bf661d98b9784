import { keyRing, RetiredKeyError } from './key-ring';

// AES-256-GCM for secrets at rest (provider tokens). The key ring comes from TOKEN_ENCRYPTION_KEY
// (ADR 040: "v2:<base64>,v1:<base64>", or one base64 key read as v1). A sealed value reads
// "v<key version>.<iv>.<ciphertext>": values sealed before rings existed say "v1", which is the key they used.
const encoder = new TextEncoder();
const decoder = new TextDecoder();

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

const keys = new Map<string, Promise<CryptoKey>>();
function importKey(base64Key: string): Promise<CryptoKey> {
  let key = keys.get(base64Key);
  if (!key) {
    const raw = unb64(base64Key);
    if (raw.length !== 32) throw new Error('TOKEN_ENCRYPTION_KEY must be 32 bytes, base64-encoded');
    key = crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
    keys.set(base64Key, key);
  }
  return key;
}

/** The key version a sealed value names, or null when it is not a sealed value at all. */
export function sealedKeyVersion(sealed: string): number | null {
  const m = /^v([1-9]\d{0,5})\.[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+$/.exec(sealed);
  return m ? Number(m[1]) : null;
}

export interface SecretBox {
  /** The version new values are sealed with. */
  readonly newestVersion: number;
  seal(plaintext: string): Promise<string>;
  /** Throws RetiredKeyError for a value sealed with a key no longer in the ring; any other failure is tampering or garbage. */
  open(sealed: string): Promise<string>;
  /** The value sealed again with the newest key, or null when it already is (re-encryption). */
  reseal(sealed: string): Promise<string | null>;
}

export function createSecretBox(ringValue: string): SecretBox {
  const ring = keyRing(ringValue);
  const seal = async (plaintext: string) => {
    const { version, secret } = ring.newest;
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await importKey(secret), encoder.encode(plaintext));
    return `v${version}.${b64(iv)}.${b64(new Uint8Array(ct))}`;
  };
  const open = async (sealed: string) => {
    const version = sealedKeyVersion(sealed);
    if (version === null) throw new Error('unknown sealed format');
    const key = ring.get(version);
    if (!key) throw new RetiredKeyError('TOKEN_ENCRYPTION_KEY', version);
    const [, iv, ct] = sealed.split('.');
    const pt = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: unb64(iv!) }, await importKey(key.secret), unb64(ct!));
    return decoder.decode(pt);
  };
  return {
    newestVersion: ring.newest.version,
    seal,
    open,
    async reseal(sealed) {
      if (sealedKeyVersion(sealed) === ring.newest.version) return null;
      return seal(await open(sealed));
    },
  };
}
