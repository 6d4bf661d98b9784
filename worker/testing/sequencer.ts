// Node side: the order test files start in. vitest runs projects one after the other by name ("node" before
// "workerd"), so both pool slots finished the Node lane first and then sat idle together for ~70 s while the
// workerd lane booted its Miniflares and the worker's module graph was transformed (ADR 094's profile). Here one
// slot starts the slowest workerd file (its boot included) while the other runs the whole Node lane, then takes
// the rest of the workerd files: the boot overlaps work instead of stopping it.
import { BaseSequencer } from 'vitest/node';
import type { TestSpecification } from 'vitest/node';

export class WorkerdBootsBesideNode extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // vitest's own order within a lane: failed first, then longest (from its cache), else largest file first.
    const sorted = await super.sort(files);
    const node = sorted.filter((f) => f.project.name === 'node');
    const workerd = sorted.filter((f) => f.project.name !== 'node');
    return [...workerd.slice(0, 1), ...node, ...workerd.slice(1)];
  }
}
