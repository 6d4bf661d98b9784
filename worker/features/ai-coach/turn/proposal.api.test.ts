// A plan change asked for in the chat, end to end: the model reads the plan, proposes a change, and the
// answer (checked like any other) says nothing changes until the athlete confirms the card.
import { describe, expect, it } from 'vitest';
import { Harness } from '../../../testing/harness';
import { inbox, inboxOfType, watchFanOut } from '../../notifications/triggers.testing';
import { askJson, coachAthlete, toolCallsOf } from './e2e.testing';

describe('a proposal from the chat', () => {
  it('proposes through the tools and keeps its own reason in the checked answer', async () => {
    const h = Harness.init();
    const a = await coachAthlete(h, { plan: true });
    const answer = await askJson(h, a, 'I am exhausted, can you make my plan easier?');
    expect(answer.status).toBe('complete');
    expect(answer.proposal).toMatchObject({ status: 'proposed', actions: [{ kind: 'adjust_load', percent: -20 }] });
    expect((await toolCallsOf(h, answer.id)).map((c) => c.name)).toEqual(['get_plan', 'propose_plan_change']);
    expect(answer.content).toMatch(/nothing changes until you confirm/);
    // "20% lighter" is the proposal's own number: the tool result states it, so the checker keeps it.
    expect(answer.content).toContain('20% lighter');
    expect(answer.checks).toMatchObject({ outcome: 'ok', unmatched: [] });
  });

  it('on Free, an easier workout is offered as what Free allows (a skip to confirm), saying plainly that easing is Pro, with the link', async () => {
    const h = Harness.init();
    const a = await coachAthlete(h, { plan: true, free: true });
    const answer = await askJson(h, a, 'Can you make my next workout easier?');
    expect(answer.status).toBe('complete');
    expect(answer.proposal).toMatchObject({ status: 'proposed', actions: [{ kind: 'skip' }] });
    expect(answer.content).toMatch(/^Easing “.+ is part of Pro: \/pricing#plan-pro\. On Free I can skip it instead/);
    expect(answer.content).not.toMatch(/did not work/);
    expect(answer.checks).toMatchObject({ outcome: 'ok', unmatched: [] });
    const calls = await toolCallsOf(h, answer.id);
    expect(calls.map((c) => c.name)).toEqual(['get_plan', 'propose_plan_change']);
    expect(calls[1]!.isError).toBe(0);
  });

  it('a proposal awaiting confirmation is told once, linking to its card in the conversation', async () => {
    const h = Harness.init();
    const a = await coachAthlete(h, { plan: true });
    const fanOut = watchFanOut();
    const answer = await askJson(h, a, 'I am exhausted, can you make my plan easier?');
    const proposal = answer.proposal!;
    expect(proposal.status).toBe('proposed');

    const [n] = await inboxOfType(h, a.cookie, 'coach.proposal');
    expect(n).toMatchObject({
      type: 'coach.proposal',
      title: 'Your AI coach proposed a plan change',
      body: `${proposal.reason} Nothing changes until you confirm.`,
      link: `/ai-coach/${a.conversationId}#proposal-${proposal.id}`,
      data: { conversationId: a.conversationId, proposalId: proposal.id, summary: proposal.reason },
    });
    // The plan's own notice came before it; the proposal was one trigger, let through once.
    expect(await fanOut.handled(a.user.id, 1)).toMatchObject({ duplicates: 0 });
    expect(await inbox(h, a.cookie, 'coach.proposal')).toHaveLength(1);
    const page = await h.call(n!.link!.split('#')[0]!, { cookie: a.cookie });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`id="proposal-${proposal.id}"`);
  });
});
