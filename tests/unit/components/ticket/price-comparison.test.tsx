import { render, screen, waitFor } from '@testing-library/preact';
import { TicketBuilder } from '@/components/ticket/TicketBuilder';
import { createTicketActionsMock, SAMPLE_TICKET_FACTS } from '@/components/ticket/actions.mock';
import { translator } from '@/lib/core/i18n';
import { draftTicket, type TicketFacts } from '@/lib/tickets';

const H = 3_600_000;
const PAID = SAMPLE_TICKET_FACTS.paidAt!;
const shot = (id: string, at: number) => ({
  id,
  kind: 'price-screenshot' as const,
  capturedAt: at,
  sha256: id[0]!.repeat(64),
});
const facts: TicketFacts = {
  ...SAMPLE_TICKET_FACTS,
  type: 'price-discrepancy',
  platform: 'douyin',
  discrepancy: {
    higher: {
      channel: 'shop',
      price: { amount: 12990, currency: 'CNY' },
      at: PAID - H,
      source: 'offer',
      snapshotId: 1,
      evidence: [shot('aaa', PAID - H)],
    },
    lower: {
      channel: 'live',
      roomId: '730001',
      price: { amount: 10990, currency: 'CNY' },
      at: PAID + 2 * H,
      source: 'offer',
      snapshotId: 3,
      evidence: [shot('bbb', PAID + 2 * H)],
    },
  },
};

describe('ticket page: a price discrepancy side by side', () => {
  it.each(['zh-CN', 'en'] as const)('shows both channels, prices, times and screenshots (%s)', async (lang) => {
    const asked: string[] = [];
    const actions = createTicketActionsMock({}, { thumbnail: async (id) => (asked.push(id), `blob:${id}`) });
    const ticket = draftTicket({ ...facts, channel: 'seller' }, { id: 't', now: PAID + 3 * H });
    const { container } = render(
      <TicketBuilder facts={facts} initial={ticket} actions={actions} t={translator(lang)} lang={lang} />,
    );
    const sides = [...container.querySelectorAll('.compare__side')];
    expect(sides.map((s) => s.getAttribute('data-channel'))).toEqual(['shop', 'live']);
    expect(sides[0]!.textContent).toContain('¥129.90');
    expect(sides[1]!.textContent).toContain('¥109.90');
    expect(sides[1]!.textContent).toContain(lang === 'zh-CN' ? '直播间 · 房间号 730001' : 'Live room · room 730001');
    expect(sides[0]!.textContent).toContain('a'.repeat(64));
    await waitFor(() => expect(container.querySelectorAll('.compare__shot img')).toHaveLength(2));
    expect(asked.sort()).toEqual(['aaa', 'bbb']);
    expect(screen.getByRole('heading', { name: lang === 'zh-CN' ? '价格对比' : 'Price comparison' })).toBeTruthy();
  });

  it('says which page has no screenshot yet, and the checklist asks for it', () => {
    const missing = {
      ...facts,
      discrepancy: { ...facts.discrepancy!, lower: { ...facts.discrepancy!.lower, evidence: [] } },
    };
    const ticket = draftTicket(missing, { id: 't', now: PAID + 3 * H });
    const { container } = render(
      <TicketBuilder
        facts={missing}
        initial={ticket}
        actions={createTicketActionsMock()}
        t={translator('zh-CN')}
        lang="zh-CN"
      />,
    );
    expect(container.querySelector('.compare__side[data-channel="live"] .compare__missing')?.textContent).toBe(
      '这一页还没有截图',
    );
    expect(container.querySelector('[data-item="lower-price-screenshot"]')?.getAttribute('data-ok')).toBe('false');
    expect(container.querySelector('[data-item="higher-price-screenshot"]')?.getAttribute('data-ok')).toBe('true');
  });
});
