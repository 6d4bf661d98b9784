// The graph algorithms of check-boundaries.ts's cycle rule, on any import graph (file → the files it imports).

/** A file's relative imports, each resolved to the repo-relative file it names. */
export type Edge = { target: string; line: number; typeOnly: boolean };

/** Tarjan's strongly connected components with more than one file: each is a knot of import cycles. */
export function stronglyConnected(graph: Map<string, Edge[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const { target: w } of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) out.push(component.sort());
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return out;
}

/** The shortest chain of imports from `start` back to itself inside its component, as `file:line` steps. */
export function shortestCycle(graph: Map<string, Edge[]>, component: Set<string>, start: string): { file: string; line: number }[] {
  const via = new Map<string, { from: string; line: number }>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i]!;
    for (const { target, line } of graph.get(v) ?? []) {
      if (!component.has(target) || via.has(target)) continue;
      via.set(target, { from: v, line });
      if (target === start) {
        const steps: { file: string; line: number }[] = [];
        for (let at = via.get(start)!; ; at = via.get(at.from)!) {
          steps.unshift({ file: at.from, line: at.line });
          if (at.from === start) return steps;
        }
      }
      queue.push(target);
    }
  }
  return [];
}
