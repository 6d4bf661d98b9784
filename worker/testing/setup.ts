import { afterEach, vi } from 'vitest';

// Per-test hygiene: every `vi.spyOn` spy (console, fetch, …) is restored after each test, so no spy
// leaks into the next one. There is no console.error guard. The logger writes error-level lines to
// console.error on purpose (worker/lib/logger.ts), and tests of failure paths produce them; a test
// that checks a log line spies on console itself.
afterEach(() => vi.restoreAllMocks());
