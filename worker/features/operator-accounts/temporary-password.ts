import { passwordWeakness } from '../auth';

// No look-alikes (0/O, 1/l/I): the operator may read it out over the phone.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
const GROUPS = 4;
const GROUP_LENGTH = 5;

/** 20 characters from 56 (≈ 116 bits) in dash-separated groups of five: strong, and easy to dictate. */
export function generateTemporaryPassword(): string {
  for (;;) {
    const chars: string[] = [];
    // Rejection sampling keeps every character equally likely (256 is not a multiple of 56).
    const limit = 256 - (256 % ALPHABET.length);
    while (chars.length < GROUPS * GROUP_LENGTH) {
      for (const b of crypto.getRandomValues(new Uint8Array(32))) {
        if (b < limit && chars.length < GROUPS * GROUP_LENGTH) chars.push(ALPHABET[b % ALPHABET.length] as string);
      }
    }
    const groups = Array.from({ length: GROUPS }, (_, i) => chars.slice(i * GROUP_LENGTH, (i + 1) * GROUP_LENGTH).join(''));
    const password = groups.join('-');
    if (!passwordWeakness(password)) return password;
  }
}
