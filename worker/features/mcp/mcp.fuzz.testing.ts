// The API fuzz test's target for the MCP endpoint (worker/http/api-fuzz.test.ts collects every feature's): the valid
// request is a 2025-era `initialize` (the stateless legacy leg answers it alone), with the Accept the transport needs.
import type { TargetSpec } from '../../http/api-fuzz-kit.testing';

export const fuzzTargets: Record<string, TargetSpec> = {
  'POST /mcp': {
    make: async () => ({
      body: {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'fuzz', version: '1.0.0' } },
      },
      headers: { accept: 'application/json, text/event-stream' },
    }),
  },
};
