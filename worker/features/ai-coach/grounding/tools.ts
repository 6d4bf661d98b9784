// The coach's data tools, their JSON schemas for the model, and the compact text a tool result becomes.
import { z } from 'zod';
import type { CoachTool, ToolResult } from '../coach.types';
import { queryActivitiesTool } from './activities.tool';
import { getActivityTool } from './activity-lookup.tool';
import { getEfficiencyTool, getInsightsTool, getPersonalBestsTool } from './insight.tools';
import { getFitnessTool, getWeeklyVolumeTool } from './load.tools';
import { getPlanTool } from './plan.tool';
import { racePlanTool } from './race-plan.tool';
import type { CoachToolDeps } from './tool-kit';
import { sleepBeforeBestTool, wellnessDaysTool } from './wellness.tools';

export const DATA_TOOL_NAMES = [
  'query_activities',
  'get_activity',
  'get_fitness',
  'get_weekly_volume',
  'get_personal_bests',
  'get_efficiency',
  'get_insights',
  'get_plan',
  'race_plan',
  'wellness_days',
  'sleep_before_best',
] as const;

export function createCoachTools(deps: CoachToolDeps): CoachTool[] {
  return [
    queryActivitiesTool(deps),
    getActivityTool(deps),
    getFitnessTool(deps),
    getWeeklyVolumeTool(deps),
    getPersonalBestsTool(deps),
    getEfficiencyTool(deps),
    getInsightsTool(deps),
    getPlanTool(deps),
    racePlanTool(deps),
    wellnessDaysTool(deps),
    sleepBeforeBestTool(deps),
  ] as CoachTool[];
}

type ToolSpec = { name: string; description: string; inputSchema: Record<string, unknown> };
// Tools are rebuilt per turn but their schemas are constants: converting them once keeps that CPU off every turn.
const specs = new Map<string, ToolSpec>();

/** A tool as the model sees it: name, description and the input's JSON Schema. */
export function toolSpec(tool: CoachTool): ToolSpec {
  const known = specs.get(tool.name);
  if (known && known.description === tool.description) return known;
  const schema = z.toJSONSchema(tool.input, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema: _drop, ...inputSchema } = schema;
  const spec = { name: tool.name, description: tool.description, inputSchema };
  specs.set(tool.name, spec);
  return spec;
}

/** Receipts the model reads per result; the chat and the checker keep all of them. */
const RECEIPTS_IN_TEXT = 40;

/**
 * The compact JSON the model reads: facts as [label, value, unit], the window, units and zone, the empty
 * text, what was withheld and why, notes and data, then receipts (id, date, name, values).
 */
export function toolResultText(r: ToolResult): string {
  const out: Record<string, unknown> = { tool: r.tool, window: r.window, units: r.units, timeZone: r.timeZone };
  if (r.empty) out.empty = r.empty;
  if (r.facts.length) out.facts = r.facts.map((f) => (f.unit ? [f.label, f.value, f.unit] : [f.label, f.value]));
  if (r.withheld.length) out.withheld = r.withheld;
  if (r.notes?.length) out.notes = r.notes;
  if (r.data !== undefined) out.data = r.data;
  if (r.receipts.length) {
    out.receipts = r.receipts
      .slice(0, RECEIPTS_IN_TEXT)
      .map((x) => ({ id: x.activityId, date: x.date, name: x.name, sport: x.sport, ...x.values }));
    if (r.receipts.length > RECEIPTS_IN_TEXT) out.moreReceipts = r.receipts.length - RECEIPTS_IN_TEXT;
  }
  return JSON.stringify(out);
}

/** One line for the chat's tool event: what was looked at and what came back. */
export function toolSummary(r: ToolResult): string {
  if (r.empty) return r.empty;
  const window = r.window ? ` (${r.window.from} to ${r.window.to})` : '';
  const n = r.receipts.length;
  // Wellness days are figures of days, not of activities.
  if (n === 0) return `${r.facts.length} figures${window}`;
  return `${r.facts.length} figures from ${n} ${n === 1 ? 'activity' : 'activities'}${window}`;
}

/** A tool's failure as the model reads it (bad input): it may correct the call once. */
export const toolErrorText = (tool: string, message: string): string => JSON.stringify({ tool, error: message });

/** Runs a named tool with validated input; unknown names and invalid inputs become error results for the model. */
export async function runCoachTool(
  tools: CoachTool[],
  ctx: Parameters<CoachTool['run']>[0],
  name: string,
  rawInput: unknown,
): Promise<{ ok: true; result: ToolResult } | { ok: false; error: string }> {
  const tool = tools.find((t) => t.name === name);
  if (!tool) return { ok: false, error: `Unknown tool ${name}.` };
  const parsed = tool.input.safeParse(rawInput ?? {});
  if (!parsed.success)
    return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ') };
  return { ok: true, result: await tool.run(ctx, parsed.data) };
}
