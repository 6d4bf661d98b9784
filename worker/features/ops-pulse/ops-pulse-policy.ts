// The data policy as Ops Pulse shows it: the mode in force and the table it selects (ADR 036).
import { ACTIVITY_SOURCES, type DataPolicyService, policyFor } from '../activities';

export async function dataPolicyView(service: Pick<DataPolicyService, 'status'>) {
  const { mode, since } = await service.status();
  const policy = policyFor(mode);
  return {
    mode,
    since: since?.toISOString() ?? null,
    sources: ACTIVITY_SOURCES.map((source) => ({ source, ...policy.rule(source) })),
  };
}

export type DataPolicyView = Awaited<ReturnType<typeof dataPolicyView>>;
