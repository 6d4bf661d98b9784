// The API fuzz test's targets for the MCP endpoints (worker/http/api-fuzz.test.ts collects every feature's): the
// valid request is a 2025-era `initialize` (the stateless legacy leg answers it alone), with the Accept it needs.
import type { TargetSpec } from '../../http/api-fuzz-kit.testing';

const initialize = async () => ({
  body: {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'fuzz', version: '1.0.0' } },
  },
  headers: { accept: 'application/json, text/event-stream' },
});

export const fuzzTargets: Record<string, TargetSpec> = {
  'POST /mcp': { make: initialize },
  // A coach's assistant (ADR 108): the shared coach of the fuzz world, the same handshake.
  'POST /api/v1/coach/mcp': { make: async (k) => ({ cookie: k.w.coach.cookie, ...(await initialize()) }) },
};
