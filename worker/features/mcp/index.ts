// The remote MCP server (issue 59, ADR 106): its tools as data (name, scope, input and output schemas) for the docs and tests.
export { MCP_INSTRUCTIONS, MCP_TOOLS } from './mcp.server';
export type { McpScope, McpTool } from './mcp.kit';
