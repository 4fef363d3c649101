import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { TicketBuilder } from '@/components/ticket/TicketBuilder';
import { createTicketActionsMock, SAMPLE_CHAIN } from '@/components/ticket/actions.mock';
import { translator } from '@/lib/core/i18n';
import type { Alert, Evidence, PageSnapshot } from '@/lib/core/model';
import { gatherFacts } from '@/lib/core/ticket-facts';
import { ticketFromAlert, type ChainPin, type TicketFacts } from '@/lib/tickets';

const H = 3_600_000;
const PAID = Date.UTC(2026, 10, 10, 4, 0);
const snaps: PageSnapshot[] = [
  {
    kind: 'order',
    platform: 'jd',
    url: 'https://details.jd.com/normal/item.action?orderid=301',
    orderId: '301',
    paidAt: PAID,
    paid: { amount: 25980, currency: 'CNY' },
    shop: '小熊电器京东自营旗舰店',
    items: [{ productId: '1001', title: '电热水壶', unitPrice: { amount: 12990, currency: 'CNY' }, quantity: 2 }],
    capturedAt: PAID + 60_000,
  },
  {
    kind: 'product',
    platform: 'jd',
    url: 'https://item.jd.com/1001.html',
    productId: '1001',
    title: '电热水壶',
    price: { amount: 11990, currency: 'CNY' },
    capturedAt: PAID + 48 * H,
  },
  {
    kind: 'product',
    platform: 'jd',
    url: 'https://item.jd.com/1001.html',
    productId: '1001',
    title: '电热水壶',
    price: { amount: 10990, currency: 'CNY' },
    capturedAt: PAID + 50 * H,
  },
];
const ev = (id: string, seq: number, kind: Evidence['kind'], at: number, extra: Partial<Evidence>): Evidence => ({
  id,
  seq,
  kind,
  capturedAt: at,
  mime: 'image/jpeg',
  bytes: 10,
  sha256: 'a'.repeat(64),
  prevHash: null,
  recordHash: 'b'.repeat(64),
  platform: 'jd',
  ...extra,
});
const evidence = [
  ev('e-order', 0, 'order-screenshot', PAID + 60_000, { orderId: '301' }),
  ev('e-price', 1, 'price-screenshot', PAID + 50 * H, { productId: '1001' }),
  ev('e-other', 2, 'price-screenshot', PAID, { productId: '9' }),
];
const alert: Alert = {
  id: 'price-drop:jd:301:1001:10990',
  kind: 'price-drop',
  platform: 'jd',
  orderId: '301',
  productId: '1001',
  raisedAt: PAID + 50 * H,
  dueAt: PAID + 7 * 24 * H,
  amount: { amount: 4000, currency: 'CNY' },
  message: '',
};

describe('ticket facts from the store', () => {
  it('gathers the order, the lowest price inside the window and only this order’s evidence', () => {
    const facts = gatherFacts(snaps, evidence, alert, PAID + 60 * H);
    expect(facts).toMatchObject({
      orderId: '301',
      paid: { amount: 25980 },
      paidAt: PAID,
      lowerPrice: { amount: 10990 },
      windowEnd: PAID + 7 * 24 * H,
      shop: '小熊电器京东自营旗舰店',
    });
    expect(facts.evidence.map((e) => e.id)).toEqual(['e-order', 'e-price']);
    const ticket = ticketFromAlert(alert, facts, { now: PAID + 60 * H });
    expect(ticket.amount).toEqual({ amount: 4000, currency: 'CNY' }); // (129.90 − 109.90) × 2
    expect(ticket.text['zh-CN']).toContain('301');
    expect(ticket.text['zh-CN']).toContain('¥40.00');
  });
});

function setup(lang: 'zh-CN' | 'en' = 'zh-CN', evidenceIds = evidence.slice(0, 2), chain?: ChainPin) {
  const facts = {
    ...gatherFacts(snaps, evidenceIds, alert, PAID + 60 * H),
    type: 'price-protection',
    channel: 'seller',
    ...(chain ? { chain } : {}),
  } as TicketFacts;
  const ticket = ticketFromAlert(alert, facts, { now: PAID + 60 * H });
  const actions = createTicketActionsMock({ now: PAID + 61 * H });
  render(<TicketBuilder facts={facts} initial={ticket} actions={actions} t={translator(lang)} lang={lang} />);
  return { saved: actions.saved, calls: actions.calls };
}

describe('ticket builder', () => {
  it('hands the text to the share sheet where the browser has one (a phone), and says when it was closed', async () => {
    const facts = {
      ...gatherFacts(snaps, evidence.slice(0, 2), alert, PAID + 60 * H),
      type: 'price-protection',
      channel: 'seller',
    } as TicketFacts;
    const ticket = ticketFromAlert(alert, facts, { now: PAID + 60 * H });
    const shared: string[] = [];
    let accept = true;
    const actions = createTicketActionsMock(
      { now: PAID + 61 * H },
      {
        share: async (text) => {
          shared.push(text);
          return accept;
        },
      },
    );
    render(<TicketBuilder facts={facts} initial={ticket} actions={actions} t={translator('zh-CN')} lang="zh-CN" />);
    fireEvent.click(screen.getByRole('button', { name: '分享' }));
    await waitFor(() => expect(screen.getByText('已交给分享的应用')).toBeTruthy());
    expect(shared[0]).toBe(ticket.text['zh-CN']);
    accept = false;
    fireEvent.click(screen.getByRole('button', { name: '分享' }));
    await waitFor(() => expect(document.body.textContent).toContain('未分享'));
  });

  it('has no share button where the browser has no share sheet', () => {
    const facts = {
      ...gatherFacts(snaps, evidence.slice(0, 2), alert, PAID + 60 * H),
      type: 'price-protection',
      channel: 'seller',
    } as TicketFacts;
    const actions = createTicketActionsMock({ now: PAID + 61 * H }, { share: undefined });
    render(
      <TicketBuilder
        facts={facts}
        initial={ticketFromAlert(alert, facts, { now: PAID + 60 * H })}
        actions={actions}
        t={translator('zh-CN')}
        lang="zh-CN"
      />,
    );
    expect(screen.queryByRole('button', { name: '分享' })).toBeNull();
  });

  it('shows the checklist, copies the text and exports a complete ticket without asking', async () => {
    const { calls } = setup();
    expect(document.querySelectorAll('.check--ok').length).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole('button', { name: '复制投诉内容' }));
    fireEvent.click(screen.getByRole('button', { name: '导出证据包' }));
    await waitFor(() => expect(calls).toContain('export'));
    expect(calls[0]).toMatch(/^copy:/);
  });

  it('warns before exporting an incomplete ticket and says what is missing', async () => {
    const { calls } = setup('en', []);
    const missing = document.querySelectorAll('.check--missing');
    expect(missing.length).toBeGreaterThan(0);
    expect(missing[0]!.textContent).toMatch(/How to get it/);
    fireEvent.click(screen.getByRole('button', { name: 'Export evidence bundle' }));
    expect(screen.getByRole('alertdialog').textContent).toMatch(/incomplete/);
    expect(calls).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Export anyway' }));
    await waitFor(() => expect(calls).toEqual(['export']));
  });

  it('adds attachments to the evidence, and refuses unsupported or oversized files with a clear message', async () => {
    const { calls } = setup('en');
    const input = screen.getByLabelText(/Add attachments/) as HTMLInputElement;
    const photo = new File([new Uint8Array([1, 2, 3])], 'unboxing.jpg', { type: 'image/jpeg' });
    fireEvent.change(input, { target: { files: [photo] } });
    await waitFor(() => expect(calls).toContain('attach:unboxing.jpg'));
    expect((await screen.findByRole('status')).textContent).toMatch(/Added 1 attachment/);
    const exe = new File([new Uint8Array([1])], 'setup.exe', { type: 'application/x-msdownload' });
    fireEvent.change(input, { target: { files: [exe] } });
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/Unsupported file type: setup.exe/));
    expect(calls.filter((c) => c.startsWith('attach:'))).toEqual(['attach:unboxing.jpg']);
  });

  it('marks the ticket sent (starting the answer timer) and escalates to the platform', async () => {
    const { saved } = setup();
    fireEvent.input(screen.getByLabelText('客服工单号（可选）'), { target: { value: 'JD-CS-88' } });
    fireEvent.click(screen.getByRole('button', { name: '我已发送' }));
    await waitFor(() =>
      expect(saved[0]).toMatchObject({ status: 'sent', sentAt: PAID + 61 * H, externalId: 'JD-CS-88' }),
    );
    fireEvent.click(await screen.findByRole('button', { name: '升级到下一渠道' }));
    await waitFor(() =>
      expect(saved.map((t) => `${t.channel}:${t.status}`)).toEqual([
        'seller:sent',
        'seller:escalated',
        'platform:draft',
      ]),
    );
    expect(saved[2]!.parentId).toBe(saved[0]!.id);
  });

  it('shows the texts ending with the key and chain head; a redraft after an attachment pins the newer head', async () => {
    setup('zh-CN', evidence.slice(0, 2), SAMPLE_CHAIN);
    const zh = () => (document.getElementById('text-zh-CN') as HTMLTextAreaElement).value;
    const en = () => (document.getElementById('text-en') as HTMLTextAreaElement).value;
    const fp = `签名密钥指纹（SHA-256）：${SAMPLE_CHAIN.keyFingerprint}`;
    expect(zh().endsWith(`证据链记录 #1 的哈希：${SAMPLE_CHAIN.headHash}\n${fp}`)).toBe(true);
    expect(en().endsWith(`Signing key fingerprint (SHA-256): ${SAMPLE_CHAIN.keyFingerprint}`)).toBe(true);
    const photo = new File([new Uint8Array([1])], 'unboxing.jpg', { type: 'image/jpeg' });
    fireEvent.change(screen.getByLabelText(/添加附件/), { target: { files: [photo] } });
    await screen.findByRole('status');
    // The attachment does not rewrite the text the shopper may have edited; a redraft pins the head that covers it.
    expect(zh()).toContain('#1 的哈希');
    fireEvent.change(screen.getByRole('combobox'), { target: { value: 'platform' } });
    await waitFor(() => expect(zh()).toContain(`证据链记录 #2 的哈希：${'2'.padStart(64, 'f')}`));
    expect(zh().endsWith(fp)).toBe(true);
  });

  it('an escalation pins the chain as it is when escalating', async () => {
    const old: ChainPin = { ...SAMPLE_CHAIN, headSeq: 0, headHash: '0'.repeat(64) };
    const { saved } = setup('zh-CN', evidence.slice(0, 2), old);
    fireEvent.click(screen.getByRole('button', { name: '我已发送' }));
    fireEvent.click(await screen.findByRole('button', { name: '升级到下一渠道' }));
    await waitFor(() => expect(saved.map((t) => t.channel)).toContain('platform'));
    const text = saved.find((t) => t.channel === 'platform')!.text['zh-CN']!;
    expect(text).toContain(`证据链记录 #${SAMPLE_CHAIN.headSeq} 的哈希：${SAMPLE_CHAIN.headHash}`);
    expect(text).not.toContain('0'.repeat(64));
  });
});
