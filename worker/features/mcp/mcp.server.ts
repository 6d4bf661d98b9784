// The MCP server of one request (stateless: a fresh instance per request, ADR 106): the read-only,
// task-shaped tools, each with its input and output schema; a tool's result is structured content valid
// against its output schema, and the same JSON as text for clients that read only text.
import { McpServer } from '@modelcontextprotocol/server';
import { AppError, ErrorCode } from '../../lib/errors';
import { activityTool, recentActivitiesTool } from './activities.tools';
import { bestsTool, fitnessTool, weeklyVolumeTool } from './analytics.tools';
import { curvesTool } from './curves.tools';
import { libraryTool } from './library.tools';
import type { McpDeps, McpTool } from './mcp.kit';
import { racePlanTool } from './race-plan.tools';
import { segmentsTool } from './segments.tools';
import { planChangesTool, planTool, wellnessReadinessTool } from './training.tools';

export const MCP_TOOLS: McpTool[] = [
  recentActivitiesTool,
  activityTool,
  fitnessTool,
  weeklyVolumeTool,
  bestsTool,
  curvesTool,
  segmentsTool,
  wellnessReadinessTool,
  planTool,
  planChangesTool,
  libraryTool,
  racePlanTool,
] as unknown as McpTool[];

export const MCP_INSTRUCTIONS =
  'Cadence: one athlete’s own training, read-only. Units are in the field names (distance_m, moving_time_s, pace_s_per_km, power_w, hr_bpm); `date` is a local date in `time_zone`, `start_utc` the instant. Every figure names the activity ids or days it rests on. An activity (or segment effort) marked `unavailable` was done but Cadence may not pass its figures to an AI: never read it as zero. No tool writes: plan changes are proposals the athlete confirms in Cadence.';

/** Tool errors the client should show (not found, a bad cursor); anything else is the server's fault and rethrown. */
const shown = (e: unknown): e is AppError => e instanceof AppError && (e.code === ErrorCode.NOT_FOUND || e.code === ErrorCode.VALIDATION);

/** A tool as the protocol lists it (read-only, its schemas), answered as structured content or a shown tool error. */
export function registerTool(
  server: McpServer,
  tool: Pick<McpTool, 'name' | 'title' | 'description' | 'input' | 'output'> & { scope: string },
  run: (input: unknown) => Promise<unknown>,
): void {
  server.registerTool(
    tool.name,
    {
      title: tool.title,
      description: tool.description,
      inputSchema: tool.input,
      outputSchema: tool.output,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
      // The scope an API key needs for it (ADR 105): a key without it is not offered the tool.
      _meta: { 'cadence/scope': tool.scope },
    },
    async (input: unknown) => {
      try {
        const out = await run(input);
        return { content: [{ type: 'text' as const, text: JSON.stringify(out) }], structuredContent: out as Record<string, unknown> };
      } catch (e) {
        if (!shown(e)) throw e;
        return { isError: true, content: [{ type: 'text' as const, text: e.message }] };
      }
    },
  );
}

export function createMcpServer(deps: McpDeps): McpServer {
  const server = new McpServer({ name: 'cadence', version: '1.0.0' }, { instructions: MCP_INSTRUCTIONS });
  for (const tool of MCP_TOOLS.filter((t) => deps.scopes === null || deps.scopes.includes(t.scope)))
    registerTool(server, tool, (input) => tool.run(deps, input as never));
  return server;
}
