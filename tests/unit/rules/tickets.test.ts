import { evaluate } from '../../../lib/rules/index';
import type { Ticket } from '../../../lib/core/model';
import { H, MIN, T0, ids, ticket } from './builders';

const run = (tickets: Ticket[], now: number, settings = {}) => evaluate({ snapshots: [], tickets }, now, settings);

describe('ticket-overdue (72 h after sending, no answer)', () => {
  it.each([
    ['71 h 59 min', 71 * H + 59 * MIN, []],
    ['exactly 72 h', 72 * H, ['ticket-overdue:T1']],
    ['a week', 168 * H, ['ticket-overdue:T1']],
  ])('sent, no answer, at %s', (_name, after, expected) => {
    expect(ids(run([ticket({ type: 'no-pickup' })], T0 + after))).toEqual(expected);
  });

  it('names the ticket and its subject; due when the answer was owed', () => {
    const t = ticket({ type: 'logistics-stalled', channel: 'platform', trackingNumber: 'SF1', sentAt: T0 + H });
    expect(run([t], T0 + 100 * H)).toEqual([
      {
        id: 'ticket-overdue:T1',
        kind: 'ticket-overdue',
        platform: 'jd',
        orderId: 'O1',
        trackingNumber: 'SF1',
        ticketId: 'T1',
        raisedAt: T0 + 73 * H,
        dueAt: T0 + 73 * H,
        message: '向平台的投诉已发出 72 小时仍未回复，可以升级',
      },
    ]);
  });

  it.each<[string, Partial<Ticket>]>([
    ['answered (answeredAt recorded)', { answeredAt: T0 + 10 * H }],
    ['status answered', { status: 'answered' }],
    ['resolved', { status: 'resolved' }],
    ['escalated', { status: 'escalated' }],
    ['still a draft', { status: 'draft', sentAt: undefined }],
    ['sent without a time', { sentAt: undefined }],
  ])('nothing when %s', (_name, fields) => {
    expect(run([ticket(fields)], T0 + 200 * H)).toEqual([]);
  });

  it('ticketAnswerHours is a setting', () => {
    expect(ids(run([ticket()], T0 + 24 * H, { ticketAnswerHours: 24 }))).toEqual(['ticket-overdue:T1']);
  });
});
