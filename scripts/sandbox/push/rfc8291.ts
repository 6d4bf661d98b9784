// The receiving side of RFC 8291 (Message Encryption for Web Push) over RFC 8188's aes128gcm content coding:
// what a browser does with a push body. Every intermediate value is returned, so the RFC's Appendix A can be
// checked step by step, and every rule a strict receiver enforces is a named refusal.
import { createDecipheriv, createECDH, createHmac, type ECDH } from 'node:crypto';

/** The subscription's side of the exchange: its P-256 key pair and its 16-byte auth secret. */
export interface ReceiverKeys {
  ecdh: ECDH;
  /** Uncompressed point, 65 bytes (the subscription's `p256dh`). */
  publicKey: Buffer;
  authSecret: Buffer;
}

export interface DecryptSteps {
  salt: Buffer;
  recordSize: number;
  /** The sender's ephemeral public key (the header's keyid). */
  asPublic: Buffer;
  ecdhSecret: Buffer;
  prkKey: Buffer;
  keyInfo: Buffer;
  ikm: Buffer;
  prk: Buffer;
  cek: Buffer;
  nonce: Buffer;
}

export interface Decrypted {
  plaintext: Buffer;
  /** Zero octets after the 0x02 delimiter. */
  paddingLength: number;
  steps: DecryptSteps;
}

/** Why a body does not decrypt; the push sandbox answers 400 with it. */
export class PushDecryptError extends Error {}

const HEADER_FIXED = 21; // salt 16 + rs 4 + idlen 1
const TAG = 16;

const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

/** New receiver keys, as a browser makes for `pushManager.subscribe()`. */
export function generateReceiverKeys(authSecret: Buffer): ReceiverKeys {
  const ecdh = createECDH('prime256v1');
  const publicKey = ecdh.generateKeys();
  return { ecdh, publicKey, authSecret };
}

export function receiverKeysFrom(privateKey: Buffer, authSecret: Buffer): ReceiverKeys {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(privateKey);
  return { ecdh, publicKey: ecdh.getPublicKey(), authSecret };
}

/** RFC 8291 §3.3–3.4 and RFC 8188 §2.2–2.3: HKDF with one output block each, written out so each step shows. */
export function deriveSteps(keys: ReceiverKeys, salt: Buffer, recordSize: number, asPublic: Buffer): DecryptSteps {
  let ecdhSecret: Buffer;
  try {
    ecdhSecret = keys.ecdh.computeSecret(asPublic);
  } catch {
    throw new PushDecryptError('the keyid is not a point on P-256');
  }
  const prkKey = hmac(keys.authSecret, ecdhSecret);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), keys.publicKey, asPublic]);
  const ikm = hmac(prkKey, Buffer.concat([keyInfo, Buffer.from([1])])).subarray(0, 32);
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01')).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01')).subarray(0, 12);
  return { salt, recordSize, asPublic, ecdhSecret, prkKey, keyInfo, ikm, prk, cek, nonce };
}

/**
 * Decrypts an aes128gcm push body. RFC 8291 §4: one record only, the keyid is the sender's 65-byte public key;
 * RFC 8188 §2: rs ≥ 18, the last record's delimiter is 0x02 and the padding after it all zero octets.
 */
export function decryptAes128gcm(body: Buffer, keys: ReceiverKeys): Decrypted {
  if (body.length < HEADER_FIXED) throw new PushDecryptError('the body is shorter than the aes128gcm header');
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idlen = body[20]!;
  if (recordSize < 18) throw new PushDecryptError(`record size ${recordSize} is below the minimum of 18`);
  if (idlen !== 65) throw new PushDecryptError(`keyid is ${idlen} octets, RFC 8291 requires the 65-octet public key`);
  const asPublic = body.subarray(HEADER_FIXED, HEADER_FIXED + idlen);
  if (asPublic.length !== 65 || asPublic[0] !== 0x04) throw new PushDecryptError('keyid is not an uncompressed P-256 point');
  const record = body.subarray(HEADER_FIXED + idlen);
  if (record.length <= TAG) throw new PushDecryptError('the record is too short to hold a delimiter and the tag');
  // A record longer than rs would have to be split: RFC 8291 §4 allows a single record only.
  if (record.length > recordSize)
    throw new PushDecryptError(`the body holds more than one record (rs ${recordSize}, ${record.length} octets)`);
  const steps = deriveSteps(keys, salt, recordSize, asPublic);
  let padded: Buffer;
  try {
    // Record sequence number 0: the nonce is used as derived (RFC 8188 §2.3).
    const decipher = createDecipheriv('aes-128-gcm', steps.cek, steps.nonce);
    decipher.setAuthTag(record.subarray(record.length - TAG));
    padded = Buffer.concat([decipher.update(record.subarray(0, record.length - TAG)), decipher.final()]);
  } catch {
    throw new PushDecryptError('authentication failed: wrong keys, auth secret or a damaged body');
  }
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (end < 0) throw new PushDecryptError('no padding delimiter in the record');
  if (padded[end] !== 0x02)
    throw new PushDecryptError(`the last record's delimiter is 0x${padded[end]!.toString(16).padStart(2, '0')}, not 0x02`);
  return { plaintext: padded.subarray(0, end), paddingLength: padded.length - end - 1, steps };
}
