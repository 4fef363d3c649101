/**
 * Ticket lifecycle: legal transitions, illegal ones throwing TicketTransitionError, the escalation
 * chain seller → platform → 12315, and the alert → draft mapping.
 */
import { ALERT_KINDS, TicketSchema, type Alert, type Ticket, type TicketStatus } from '../../../lib/core/model';
import {
  answerDueAt,
  canTransition,
  escalate,
  escalatePair,
  markAnswered,
  markEscalated,
  markResolved,
  markSent,
  ticketFromAlert,
  ticketTypeForAlert,
  TicketTransitionError,
  type AlertFacts,
  type TicketAction,
} from '../../../lib/tickets';

const T0 = Date.UTC(2025, 10, 10, 2, 0);
const H = 3_600_000;

const draft: Ticket = {
  version: 1,
  id: 't-1',
  type: 'no-pickup',
  channel: 'seller',
  status: 'draft',
  orderId: '312345678901',
  createdAt: T0,
  evidenceIds: ['ev-1', 'ev-2'],
  text: { 'zh-CN': '…', en: '…' },
};

const inStatus = (status: TicketStatus): Ticket => ({ ...draft, status, sentAt: T0 + H });

describe('transitions', () => {
  it.each<[TicketStatus, TicketAction, boolean]>([
    ['draft', 'send', true],
    ['draft', 'answer', false],
    ['draft', 'resolve', false],
    ['draft', 'escalate', false],
    ['sent', 'send', false],
    ['sent', 'answer', true],
    ['sent', 'resolve', true],
    ['sent', 'escalate', true],
    ['answered', 'resolve', true],
    ['answered', 'escalate', true],
    ['answered', 'answer', false],
    ['resolved', 'escalate', false],
    ['resolved', 'send', false],
    ['escalated', 'escalate', false],
    ['escalated', 'resolve', false],
  ])('%s --%s--> allowed: %s', (status, action, allowed) => {
    expect(canTransition(status, action)).toBe(allowed);
    const run = {
      send: (t: Ticket) => markSent(t, { at: T0 }),
      answer: (t: Ticket) => markAnswered(t, T0),
      resolve: (t: Ticket) => markResolved(t, T0),
      escalate: (t: Ticket) => escalate(t, T0),
    }[action];
    if (allowed) expect(() => run(inStatus(status))).not.toThrow();
    else expect(() => run(inStatus(status))).toThrow(TicketTransitionError);
  });

  it('send records channel, time and the shop ticket number, without mutating', () => {
    const sent = markSent(draft, { at: T0 + H, channel: 'platform', externalId: ' CS-42 ' });
    expect(sent).toMatchObject({ status: 'sent', channel: 'platform', sentAt: T0 + H, externalId: 'CS-42' });
    expect(draft.status).toBe('draft');
    expect(TicketSchema.parse(sent)).toEqual(sent);
  });

  it('answered then resolved keeps the times', () => {
    const t = markResolved(markAnswered(markSent(draft, { at: T0 }), T0 + H), T0 + 2 * H);
    expect(t).toMatchObject({ status: 'resolved', sentAt: T0, answeredAt: T0 + H, resolvedAt: T0 + 2 * H });
  });

  it('the answer timer runs 72 h from sending, only while waiting', () => {
    expect(answerDueAt(draft)).toBeNull();
    const sent = markSent(draft, { at: T0 });
    expect(answerDueAt(sent)).toBe(T0 + 72 * H);
    expect(answerDueAt(sent, 24)).toBe(T0 + 24 * H);
    expect(answerDueAt(markAnswered(sent, T0 + H))).toBeNull();
  });

  it('the error says what was refused', () => {
    try {
      markAnswered(draft, T0);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TicketTransitionError);
      const err = e as TicketTransitionError;
      expect([err.ticketId, err.from, err.action, err.reason]).toEqual([
        't-1',
        'draft',
        'answer',
        'illegal-transition',
      ]);
      expect(err.message).toContain('cannot answer a ticket that is draft');
    }
  });
});

describe('escalation chain', () => {
  it('seller → platform → 12315 with the same evidence, then stops', () => {
    const seller = markSent(draft, { at: T0, externalId: 'S-1' });
    const { parent, draft: platform } = escalatePair(seller, T0 + 72 * H);
    expect(parent.status).toBe('escalated');
    expect(platform).toMatchObject({
      id: 't-1-platform',
      channel: 'platform',
      status: 'draft',
      parentId: 't-1',
      createdAt: T0 + 72 * H,
      evidenceIds: ['ev-1', 'ev-2'],
      orderId: '312345678901',
      type: 'no-pickup',
    });
    expect(platform.sentAt).toBeUndefined();
    expect(platform.externalId).toBeUndefined();
    expect(TicketSchema.parse(platform)).toEqual(platform);

    const gov = escalate(markSent(platform, { at: T0 + 73 * H }), T0 + 150 * H, {
      id: 'gov',
      text: { 'zh-CN': '12315' },
    });
    expect(gov).toMatchObject({ id: 'gov', channel: '12315', parentId: 't-1-platform', text: { 'zh-CN': '12315' } });

    const last = markSent(gov, { at: T0 + 151 * H });
    expect(() => escalate(last, T0 + 300 * H)).toThrow(/past the 12315 channel/);
    expect(() => markEscalated(last)).toThrow(TicketTransitionError);
  });

  it('evidence ids are copied, not shared', () => {
    const sent = markSent(draft, { at: T0 });
    const next = escalate(sent, T0);
    next.evidenceIds.push('ev-3');
    expect(sent.evidenceIds).toEqual(['ev-1', 'ev-2']);
  });
});

describe('ticketFromAlert', () => {
  const alert = (kind: Alert['kind'], extra: Partial<Alert> = {}): Alert => ({
    id: `a-${kind}`,
    kind,
    platform: 'jd',
    orderId: '312345678901',
    raisedAt: T0,
    message: 'x',
    ...extra,
  });
  const facts: AlertFacts = {
    paid: { amount: 129900, currency: 'CNY' },
    paidAt: T0 - 100 * H,
    items: [{ title: '耳机', unitPrice: { amount: 129900, currency: 'CNY' }, quantity: 1, productId: 'p1' }],
    lowerPrice: { amount: 119900, currency: 'CNY' },
    lowerPriceSeenAt: T0,
    evidence: [{ id: 'ev-9', kind: 'order-screenshot', capturedAt: T0 - 99 * H, sha256: 'a'.repeat(64) }],
  };

  it.each([
    ['price-drop', 'price-protection'],
    ['protection-expiring', 'price-protection'],
    ['no-pickup', 'no-pickup'],
    ['shipped-no-scan', 'shipped-no-scan'],
    ['logistics-stalled', 'logistics-stalled'],
    ['delivery-exception', 'logistics-exception'],
    ['ticket-overdue', 'escalation'],
  ] as const)('%s → %s', (kind, type) => {
    expect(ticketTypeForAlert(kind)).toBe(type);
  });

  it('maps every alert kind', () => {
    for (const kind of ALERT_KINDS) expect(ticketTypeForAlert(kind)).toBeTruthy();
  });

  it('a price drop becomes a draft with both texts, the amount and the evidence', () => {
    const t = ticketFromAlert(alert('price-drop'), facts);
    expect(t).toMatchObject({
      id: 'ticket-a-price-drop-seller',
      type: 'price-protection',
      channel: 'seller',
      status: 'draft',
      alertId: 'a-price-drop',
      orderId: '312345678901',
      productId: 'p1',
      platform: 'jd',
      amount: { amount: 10000, currency: 'CNY' },
      evidenceIds: ['ev-9'],
      createdAt: T0,
    });
    expect(t.text['zh-CN']).toContain('请退还差价 ¥100.00');
    expect(t.text.en).toContain('¥100.00');
    expect(TicketSchema.parse(t)).toEqual(t);
  });

  it('a stall goes to the platform first, as the playbook says', () => {
    expect(ticketFromAlert(alert('logistics-stalled'), facts).channel).toBe('platform');
  });

  it('an overdue ticket drafts the next channel with the overdue one as parent', () => {
    const t = ticketFromAlert(alert('ticket-overdue', { ticketId: 't-1' }), {
      ...facts,
      type: 'no-pickup',
      previousTicket: { channel: 'seller', sentAt: T0 - 80 * H, externalId: 'S-1' },
    });
    expect(t).toMatchObject({ type: 'no-pickup', channel: 'platform', parentId: 't-1', status: 'draft' });
    expect(t.text['zh-CN']).toContain('S-1');
    expect(t.text['zh-CN']).toContain('12315');
  });

  it('an overdue ticket without its type is refused', () => {
    expect(() => ticketFromAlert(alert('ticket-overdue'), facts)).toThrow(TypeError);
  });
});
