import { sha256Hex } from '../../lib/crypto';
import { AppError, ErrorCode } from '../../lib/errors';
import type { Executor } from '../../db/executor';
import * as throttleRepo from './throttle.repo';

interface Rule {
  threshold: number;
  baseSeconds: number;
  maxSeconds: number;
}

// Per account: 5 misses, then 30 s, 60 s, 120 s … up to 15 min. Per IP: looser, for shared networks.
const ACCOUNT: Rule = { threshold: 5, baseSeconds: 30, maxSeconds: 15 * 60 };
const IP: Rule = { threshold: 20, baseSeconds: 30, maxSeconds: 60 * 60 };
const DECAY_SECONDS = 3600;

export function lockSeconds(failures: number, rule: Rule): number {
  if (failures < rule.threshold) return 0;
  return Math.min(rule.baseSeconds * 2 ** (failures - rule.threshold), rule.maxSeconds);
}

export async function throttleKeys(email: string, ip: string) {
  // The account key is a hash: the throttle table never holds an email in clear.
  return { account: `acct:${await sha256Hex(email.toLowerCase())}`, ip: `ip:${ip}` };
}

export function createLoginThrottle(db: Executor) {
  return {
    async assertNotLocked(keys: { account: string; ip: string }, now: Date): Promise<void> {
      const until = await throttleRepo.findThrottleLock(db, [keys.account, keys.ip], now);
      if (!until) return;
      const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
      throw new AppError(
        ErrorCode.RATE_LIMITED,
        `Too many sign-in attempts. Try again in ${retryAfterSeconds < 90 ? `${retryAfterSeconds} seconds` : `${Math.ceil(retryAfterSeconds / 60)} minutes`}.`,
        { retryAfterSeconds },
      );
    },

    async recordFailure(keys: { account: string; ip: string }, now: Date): Promise<void> {
      for (const [key, rule] of [
        [keys.account, ACCOUNT],
        [keys.ip, IP],
      ] as const) {
        const failures = await throttleRepo.recordFailure(db, key, DECAY_SECONDS);
        const seconds = lockSeconds(failures, rule);
        if (seconds > 0) await throttleRepo.lockThrottle(db, key, new Date(now.getTime() + seconds * 1000));
      }
    },

    clearAccount: (keys: { account: string }) => throttleRepo.clearThrottle(db, keys.account),
  };
}
