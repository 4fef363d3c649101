import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { TicketBuilder } from '@/components/ticket/TicketBuilder';
import {
  createTicketActionsMock,
  SAMPLE_NOW,
  SAMPLE_TICKET,
  SAMPLE_TICKET_FACTS,
} from '@/components/ticket/actions.mock';
import { translator } from '@/lib/core/i18n';
import { markSent } from '@/lib/tickets';

const REPLY = '您好，已为您申请价保，差价 12.5 元将退回原支付账户。';

function setup(lang: 'zh-CN' | 'en' = 'zh-CN') {
  const sent = markSent(SAMPLE_TICKET, { at: SAMPLE_NOW - 3_600_000, externalId: 'JD-CS-88' });
  const actions = createTicketActionsMock();
  const view = render(
    <TicketBuilder facts={SAMPLE_TICKET_FACTS} initial={sent} actions={actions} t={translator(lang)} lang={lang} />,
  );
  return { actions, ...view };
}

const fill = (text: string, amount = '') => {
  fireEvent.input(screen.getByLabelText('对方的答复（粘贴在这里）'), { target: { value: text } });
  fireEvent.input(screen.getByLabelText('追回的金额，单位元（可选）'), { target: { value: amount } });
  fireEvent.click(screen.getByRole('button', { name: '保存答复' }));
};

describe('ticket page: recording the other side’s answer', () => {
  it('is offered only once the ticket was sent', () => {
    render(
      <TicketBuilder
        facts={SAMPLE_TICKET_FACTS}
        initial={SAMPLE_TICKET}
        actions={createTicketActionsMock()}
        t={translator('zh-CN')}
        lang="zh-CN"
      />,
    );
    expect(screen.queryByRole('group', { name: '记录对方答复' })).toBeNull();
  });

  it('a reply alone: chained as a captioned text file, the ticket answered with it', async () => {
    const { actions, container } = setup();
    expect(screen.getByRole('group', { name: '记录对方答复' })).toBeTruthy();
    fill(`  ${REPLY}\n`);
    await waitFor(() => expect(actions.saved).toHaveLength(1));
    const [file] = actions.attached;
    expect(file!.caption).toBe('对方对投诉的答复');
    expect(file!.file.type).toBe('text/plain');
    expect(await file!.file.text()).toBe(REPLY);
    const saved = actions.saved[0]!;
    expect(saved).toMatchObject({
      status: 'answered',
      answeredAt: SAMPLE_NOW,
      reply: { text: REPLY, at: SAMPLE_NOW, evidenceId: `att-${file!.file.name}` },
    });
    expect(saved.recovered).toBeUndefined();
    expect(saved.evidenceIds).toContain(`att-${file!.file.name}`);
    expect(screen.getByRole('status').textContent).toBe('答复已保存，并加入证据');
    expect(container.querySelector('.ticket__reply blockquote')?.textContent).toBe(REPLY);
    expect(container.querySelector('.ticket__recovered')).toBeNull();
    // Answered: the form is gone, the status says so.
    expect(screen.queryByRole('group', { name: '记录对方答复' })).toBeNull();
    expect(container.querySelector('.ticket__status')?.getAttribute('data-status')).toBe('answered');
  });

  it('a reply and ¥12.5: resolved with 1250 fen recovered, shown as 已追回 ¥12.50', async () => {
    const { actions, container } = setup();
    fill(REPLY, '¥12.5');
    await waitFor(() => expect(actions.saved).toHaveLength(1));
    expect(actions.saved[0]).toMatchObject({
      status: 'resolved',
      answeredAt: SAMPLE_NOW,
      resolvedAt: SAMPLE_NOW,
      recovered: { amount: 1250, currency: 'CNY' },
      reply: { text: REPLY },
    });
    expect(actions.calls.filter((c) => c.startsWith('attach:'))).toHaveLength(1);
    expect(container.querySelector('.ticket__recovered')?.textContent).toBe('已追回 ¥12.50');
    expect(container.querySelector('.ticket__reply blockquote')?.textContent).toBe(REPLY);
  });

  it.each(['0', '-5', 'abc', '0.00'])('refuses the amount %j with a message; nothing chained or saved', async (bad) => {
    const { actions } = setup();
    fill(REPLY, bad);
    expect(screen.getByRole('status').textContent).toBe(
      `“${bad}”不是有效金额：请填写追回的元数，须大于零（如 12.5），或留空。`,
    );
    await new Promise((r) => setTimeout(r, 0));
    expect(actions.saved).toHaveLength(0);
    expect(actions.attached).toHaveLength(0);
    expect(screen.getByRole('group', { name: '记录对方答复' })).toBeTruthy();
  });

  it('asks for the reply text before anything is saved', async () => {
    const { actions } = setup();
    fill('   ', '12');
    expect(screen.getByRole('status').textContent).toBe('请先粘贴对方的答复。');
    await new Promise((r) => setTimeout(r, 0));
    expect(actions.saved).toHaveLength(0);
    expect(actions.attached).toHaveLength(0);
  });

  it('speaks English too', async () => {
    const { actions, container } = setup('en');
    fireEvent.input(screen.getByLabelText('Their reply (paste it here)'), { target: { value: 'Refunded 8 yuan.' } });
    fireEvent.input(screen.getByLabelText('Amount you got back, in yuan (optional)'), { target: { value: '8' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save the answer' }));
    await waitFor(() => expect(actions.saved).toHaveLength(1));
    expect(actions.attached[0]!.caption).toBe("The other side's reply to the complaint");
    expect(container.querySelector('.ticket__recovered')?.textContent).toBe('Recovered ¥8.00');
  });
});
