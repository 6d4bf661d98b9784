// What only the app mounts: the MCP endpoint's router.
export { mcpRoutes } from './mcp.routes';
export { coachMcpRoutes } from './coach/coach-mcp.routes';
