// The push sandbox's decryptor against RFC 8291 Appendix A, every intermediate value byte for byte
// (https://www.rfc-editor.org/rfc/rfc8291#appendix-A), and the record rules a strict receiver enforces.
import { createCipheriv, createECDH, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptAes128gcm, deriveSteps, generateReceiverKeys, PushDecryptError, receiverKeysFrom, type ReceiverKeys } from './rfc8291.ts';

const b64 = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'base64url');

// RFC 8291 Appendix A, as printed (base64url).
const A = {
  plaintext: 'When I grow up, I want to be a watermelon',
  asPublic: b64('BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8'),
  uaPublic: b64('BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4'),
  uaPrivate: b64('q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94'),
  salt: b64('DGv6ra1nlYgDCS1FRnbzlw'),
  authSecret: b64('BTBZMqHH6r4Tts7J_aSIgg'),
  ecdhSecret: b64('kyrL1jIIOHEzg3sM2ZWRHDRB62YACZhhSlknJ672kSs'),
  prkKey: b64('Snr3JMxaHVDXHWJn5wdC52WjpCtd2EIEGBykDcZW32k'),
  keyInfo: b64(`V2ViUHVzaDogaW5mbwAEJXGyvs3942BVGq8e0PTNNmwRzr5VX4m8t7GGpTM5FzFo7OLr
    4BhZe9MEebhuPI-OztV3ylkYfpJGmQ22ggCLDgT-M_SrDepxkU21WCP3O1SUj0EwbZIH
    Mtu5pZpTKGSCIA5Zent7wmC6HCJ5mFgJkuk5cwAvMBKiiujwa7t45ewP`),
  ikm: b64('S4lYMb_L0FxCeq0WhDx813KgSYqU26kOyzWUdsXYyrg'),
  prk: b64('09_eUZGrsvxChDCGRCdkLiDXrReGOEVeSCdCcPBSJSc'),
  cek: b64('oIhVW04MRdy2XN9CiKLxTg'),
  nonce: b64('4h_95klXJ5E_qnoN'),
  body: b64(`DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27ml
    mlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPT
    pK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN`),
};

describe('RFC 8291 Appendix A through the sandbox decryptor', () => {
  const keys = receiverKeysFrom(A.uaPrivate, A.authSecret);

  it('derives the UA public key from the printed private key', () => {
    expect(keys.publicKey.equals(A.uaPublic)).toBe(true);
  });

  it('reproduces every intermediate value and the plaintext, byte for byte', () => {
    const { plaintext, paddingLength, steps } = decryptAes128gcm(A.body, keys);
    expect(steps.salt.toString('hex')).toBe(A.salt.toString('hex'));
    expect(steps.recordSize).toBe(4096);
    expect(steps.asPublic.toString('hex')).toBe(A.asPublic.toString('hex'));
    expect(steps.ecdhSecret.toString('hex')).toBe(A.ecdhSecret.toString('hex'));
    expect(steps.prkKey.toString('hex')).toBe(A.prkKey.toString('hex'));
    expect(steps.keyInfo.toString('hex')).toBe(A.keyInfo.toString('hex'));
    expect(steps.ikm.toString('hex')).toBe(A.ikm.toString('hex'));
    expect(steps.prk.toString('hex')).toBe(A.prk.toString('hex'));
    expect(steps.cek.toString('hex')).toBe(A.cek.toString('hex'));
    expect(steps.nonce.toString('hex')).toBe(A.nonce.toString('hex'));
    expect(plaintext.toString('utf8')).toBe(A.plaintext);
    expect(paddingLength).toBe(0);
  });

  it('refuses the Appendix A body with any single bit flipped in the ciphertext or tag', () => {
    for (const at of [86, 100, A.body.length - 1]) {
      const bad = Buffer.from(A.body);
      bad[at]! ^= 0x01;
      expect(() => decryptAes128gcm(bad, keys)).toThrow(PushDecryptError);
    }
  });
});

/** Encrypts `padded` (plaintext, delimiter and padding as given) as one sender would, with header overrides. */
function seal(keys: ReceiverKeys, padded: Buffer, header: { rs?: number; idlen?: number; extraRecord?: boolean } = {}) {
  const as = createECDH('prime256v1');
  const asPublic = as.generateKeys();
  const salt = randomBytes(16);
  const rs = header.rs ?? 4096;
  const { cek, nonce } = deriveSteps(keys, salt, rs, asPublic);
  const cipher = createCipheriv('aes-128-gcm', cek, nonce);
  const record = Buffer.concat([cipher.update(padded), cipher.final(), cipher.getAuthTag()]);
  const head = Buffer.alloc(21);
  salt.copy(head);
  head.writeUInt32BE(rs, 16);
  head[20] = header.idlen ?? 65;
  return Buffer.concat([head, asPublic, record, header.extraRecord ? randomBytes(40) : Buffer.alloc(0)]);
}

describe('aes128gcm record rules (RFC 8188 §2, RFC 8291 §4)', () => {
  const keys = generateReceiverKeys(randomBytes(16));
  const text = Buffer.from('{"title":"Intervals tomorrow"}');

  it('opens a padded single record and reports the padding', () => {
    const out = decryptAes128gcm(seal(keys, Buffer.concat([text, Buffer.from([2]), Buffer.alloc(100)])), keys);
    expect(out.plaintext.equals(text)).toBe(true);
    expect(out.paddingLength).toBe(100);
  });

  it.each([
    ['a non-final delimiter (0x01) in the only record', Buffer.concat([text, Buffer.from([1])]), {}, /delimiter is 0x01/],
    ['non-zero octets in the padding', Buffer.concat([text, Buffer.from([2, 0, 7, 0])]), {}, /delimiter is 0x07/],
    ['no delimiter at all', Buffer.alloc(20), {}, /no padding delimiter/],
    ['a record size below 18', Buffer.concat([text, Buffer.from([2])]), { rs: 17 }, /below the minimum/],
    ['a record longer than rs (two records)', Buffer.concat([text, Buffer.from([2])]), { rs: 40 }, /more than one record/],
    ['a keyid that is not the 65-octet key', Buffer.concat([text, Buffer.from([2])]), { idlen: 64 }, /keyid is 64 octets/],
  ] as const)('refuses %s', (_name, padded, header, message) => {
    expect(() => decryptAes128gcm(seal(keys, padded, header), keys)).toThrow(message);
  });

  it('refuses a body shorter than its header, and one sealed for another subscription', () => {
    expect(() => decryptAes128gcm(Buffer.alloc(10), keys)).toThrow(/shorter than the aes128gcm header/);
    const other = generateReceiverKeys(randomBytes(16));
    expect(() => decryptAes128gcm(seal(other, Buffer.concat([text, Buffer.from([2])])), keys)).toThrow(/authentication failed/);
  });
});
