// A coach's assistant (ADR 108): the clients who share their training, and the athlete tools a coach's console
// already shows, each naming the client it reads. A `client_id` is required on every read and checked against the
// org's consented links on every call (another org's client, or a link ended, is "not found"); each answer says
// whose data it is. Wellness only while the client shares it (its own consent, ADR 074).
import { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { AppError, ErrorCode } from '../../../lib/errors';
import type { McpDeps, McpTool } from '../mcp.kit';
import { MCP_TOOLS, registerTool } from '../mcp.server';

/** The athlete tools a coach's console already shows of a client (training, curves, wellness, plan, proposals). */
export const COACH_TOOL_NAMES = [
  'recent_activities',
  'activity',
  'fitness',
  'weekly_volume',
  'bests',
  'curves',
  'wellness_readiness',
  'plan',
  'plan_changes',
] as const;

export interface SharingClient {
  clientId: string;
  name: string;
  sharedSince: string | null;
  wellnessShared: boolean;
}

export interface CoachMcpDeps {
  /** The org's clients who share their training. */
  clients(): Promise<SharingClient[]>;
  /** One client's athlete, read as the athlete tools read (404 when the org has no live consent for it). */
  client(clientId: string): Promise<{ name: string; wellnessShared: boolean; deps: McpDeps }>;
}

export const COACH_INSTRUCTIONS =
  'Cadence for a coach: the training of the clients who share it with your organisation, read-only. Call `clients` first; every other tool needs a `client_id` from it and reads that client only, and its answer names the client (`client_id`, `client_name`) — never mix two clients’ answers. Units are in the field names; `date` is the client’s local date in `time_zone`. An activity marked `unavailable` was done but Cadence may not pass its figures to an AI: never read it as zero. Nothing here writes.';

const ClientsOut = z.object({
  clients: z
    .array(
      z.object({
        client_id: z.uuid(),
        client_name: z.string(),
        shared_since_utc: z.iso.datetime().nullable(),
        shares_wellness: z.boolean().describe('false: `wellness_readiness` answers that it is not shared'),
      }),
    )
    .describe('Clients who accepted to share their training; a client not listed cannot be read'),
});

const clientsTool = {
  name: 'clients',
  title: 'Clients who share their training',
  description: 'The organisation’s clients who share their training with you: the `client_id` every other tool needs.',
  scope: 'coach:read',
  input: z.object({}).strict(),
  output: ClientsOut,
};

const ClientId = z.uuid().describe('The client to read (from `clients`): required, and only that client is read');
const notShared = () => new AppError(ErrorCode.NOT_FOUND, 'This client does not share their wellness with you.');

/** An athlete tool for a coach: `client_id` in, the tool's own answer out with whose it is. */
function forClient(tool: McpTool, deps: CoachMcpDeps) {
  const input = tool.input.extend({ client_id: ClientId });
  const output = tool.output.extend({ client_id: z.uuid(), client_name: z.string() });
  return {
    spec: { ...tool, description: `${tool.description} Reads the client named by \`client_id\`.`, input, output },
    run: async (raw: unknown) => {
      const { client_id, ...rest } = raw as { client_id: string } & Record<string, unknown>;
      const client = await deps.client(client_id);
      if (tool.scope === 'wellness:read' && !client.wellnessShared) throw notShared();
      const out = (await tool.run(client.deps, rest as never)) as Record<string, unknown>;
      return { client_id, client_name: client.name, ...out };
    },
  };
}

export function createCoachMcpServer(deps: CoachMcpDeps): McpServer {
  const server = new McpServer({ name: 'cadence-coach', version: '1.0.0' }, { instructions: COACH_INSTRUCTIONS });
  registerTool(server, clientsTool, async () => ({
    clients: (await deps.clients()).map((c) => ({
      client_id: c.clientId,
      client_name: c.name,
      shared_since_utc: c.sharedSince,
      shares_wellness: c.wellnessShared,
    })),
  }));
  for (const name of COACH_TOOL_NAMES) {
    const tool = MCP_TOOLS.find((t) => t.name === name);
    if (!tool) throw new Error(`no MCP tool ${name}`);
    const { spec, run } = forClient(tool, deps);
    registerTool(server, spec, run);
  }
  return server;
}
