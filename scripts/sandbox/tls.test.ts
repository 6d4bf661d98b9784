// The sandbox's throwaway certificates must load every time: a start that cannot build its TLS context takes the
// whole test run down with it. Many fresh pairs, each loaded by OpenSSL as the push sandbox loads it.
import { createSecureContext } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sandboxTls } from './tls.ts';

describe('sandbox TLS', () => {
  it('every certificate pair it makes loads, its serial positive and minimal', () => {
    for (let i = 0; i < 400; i++) {
      const tls = sandboxTls();
      expect(() => createSecureContext({ key: tls.key, cert: tls.cert, ca: tls.ca })).not.toThrow();
      const leaf = new X509Certificate(tls.cert);
      expect(leaf.checkIssued(new X509Certificate(tls.ca))).toBe(true);
      expect(leaf.serialNumber).toMatch(/^[4-7][0-9A-F]{31}$/);
    }
  });
});
