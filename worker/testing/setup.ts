import { afterEach, vi } from 'vitest';

// An unexpected console.error fails the test that caused it; tests that expect one spy on it.
afterEach(() => vi.restoreAllMocks());
