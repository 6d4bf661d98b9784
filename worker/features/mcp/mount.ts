// What only the app mounts: the MCP endpoint's router.
export { mcpRoutes } from './mcp.routes';
