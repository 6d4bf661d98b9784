// The tenancy matrix's cases for a coach's assistant (/api/v1/coach/mcp, ADR 108; tenancy-cases.testing.ts spreads
// them in): B's coach names A's client in a tool call and is told "not found"; B's own linked client answers.
import { expect } from 'vitest';
import type { Api, World } from './tenancy-world.testing';

const MCP = { accept: 'application/json, text/event-stream' };
type RpcAnswer = { result?: { isError?: boolean; structuredContent?: { client_id?: string } } };

/** One tool call's JSON-RPC answer (a 2025-era exchange may come as one server-sent event: its data line). */
async function callTool(asB: Api, clientId: string): Promise<RpcAnswer> {
  const r = await asB('/mcp', {
    method: 'POST',
    headers: MCP,
    body: { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'fitness', arguments: { client_id: clientId } } },
  });
  expect(r.status, r.text).toBe(200);
  const data = r.text.startsWith('event:') ? (/^data: (.*)$/m.exec(r.text)?.[1] ?? '') : r.text;
  return JSON.parse(data) as RpcAnswer;
}

export const mcpCases: Record<string, (c: { a: World; b: World; asB: Api }) => Promise<void>> = {
  'POST /api/v1/coach/mcp': async ({ a, b, asB }) => {
    expect((await callTool(asB, a.client.id)).result?.isError).toBe(true);
    expect((await callTool(asB, b.client.id)).result?.structuredContent?.client_id).toBe(b.client.id);
  },
  // The stateless endpoint has no stream or session: 405 for anyone, with nothing of A's in it.
  'GET /api/v1/coach/mcp': async ({ asB }) => {
    expect((await asB('/mcp', { headers: MCP })).status).toBe(405);
  },
  'DELETE /api/v1/coach/mcp': async ({ asB }) => {
    expect((await asB('/mcp', { method: 'DELETE', headers: MCP })).status).toBe(405);
  },
};
