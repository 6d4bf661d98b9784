import type { AppLoadContext } from '@remix-run/cloudflare';
import { describe, expect, it, vi } from 'vitest';
import { operatorActionsAllowed, runOperatorAction } from '../../../web/app/utils/operator-actions.server';
import type { Viewer } from '../../context';
import { AppError, ErrorCode } from '../../lib/errors';

// The page helper's own rules (the service behind it is tested through the API): which intents are
// ours, the permission per intent, the confirmation of destructive ones, errors as form feedback.
function setup(permissions: string[], perform = vi.fn(async () => ({ message: 'Done.' }))) {
  const context = {
    services: { auth: { permissionsOf: async () => permissions }, operatorActions: { perform } },
  } as unknown as AppLoadContext;
  const viewer = { user: { id: crypto.randomUUID(), role: 'admin' }, sessionId: 's', impersonatorId: null } as unknown as Viewer;
  const args = { request: new Request('http://cadence.test/admin/athletes/x'), context, params: { id: crypto.randomUUID() } };
  return { args, viewer, perform, context };
}

describe('runOperatorAction', () => {
  it('answers null for an intent that is not an operator action', async () => {
    const { args, viewer } = setup(['users.manage']);
    expect(await runOperatorAction(args, viewer, { intent: 'block' })).toBeNull();
  });

  it('passes the form as the action’s input, the athlete from the URL or the form', async () => {
    const { args, viewer, perform } = setup(['billing.manage', 'ingestion.retry']);
    const r = await runOperatorAction(args, viewer, { intent: 'comp', reason: 'Ticket', tier: 'pro', days: '30' });
    expect(r).toMatchObject({ intent: 'comp', ok: true, message: 'Done.', subject: args.params.id });
    expect(perform).toHaveBeenCalledWith(expect.objectContaining({ id: viewer.user.id }), args.params.id, 'comp', {
      reason: 'Ticket',
      tier: 'pro',
      days: 30,
    });
    const userId = crypto.randomUUID();
    const jobId = crypto.randomUUID();
    const job = await runOperatorAction(args, viewer, { intent: 'retry-job', reason: 'r', jobId, userId });
    expect(job).toMatchObject({ ok: true, subject: jobId });
    expect(perform).toHaveBeenLastCalledWith(expect.anything(), userId, 'retry-job', { reason: 'r', jobId });
  });

  it('refuses without the permission, and a destructive action without its confirmation', async () => {
    const { args, viewer, perform } = setup(['billing.manage']);
    const denied = await runOperatorAction(args, viewer, { intent: 'clear-coach-thread', reason: 'r', confirm: 'yes' });
    expect(denied).toMatchObject({ ok: false, formError: expect.stringMatching(/users\.manage/) });
    const unconfirmed = await runOperatorAction(args, viewer, { intent: 'revoke-comp', reason: 'r', grantId: crypto.randomUUID() });
    expect(unconfirmed).toMatchObject({ ok: false, fieldErrors: { confirm: expect.any(String) } });
    expect(perform).not.toHaveBeenCalled();
  });

  it('shows the service’s refusals as form errors', async () => {
    const perform = vi.fn(async () => {
      throw new AppError(ErrorCode.CONFLICT, 'The uploaded file is no longer stored.');
    });
    const { args, viewer } = setup(['ingestion.retry'], perform);
    const r = await runOperatorAction(args, viewer, { intent: 'retry-import', reason: 'r', importId: crypto.randomUUID() });
    expect(r).toMatchObject({ ok: false, formError: 'The uploaded file is no longer stored.' });
  });

  it('lists the intents the viewer may run', async () => {
    const { context, viewer } = setup(['ingestion.retry']);
    const allowed = await operatorActionsAllowed(context, viewer);
    expect(allowed).toMatchObject({ 'retry-job': true, 'retry-import': true, comp: false, 'clear-coach-thread': false });
  });
});
