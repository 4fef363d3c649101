/**
 * Each page renders from the mock beside its actions contract alone: no extension, no database. The mocks'
 * sample data is what a designer or a new test starts from, so it must stay valid for the views that show it.
 */
import { render, screen, within } from '@testing-library/preact';
import { EvidenceView } from '@/components/evidence/EvidenceView';
import { OrderEvidencePage } from '@/components/evidence/OrderEvidencePage';
import { createEvidenceActionsMock, SAMPLE_ORDER } from '@/components/evidence/actions.mock';
import { OptionsApp } from '@/components/options/OptionsApp';
import { createOptionsActionsMock } from '@/components/options/actions.mock';
import { PopupApp } from '@/components/popup/PopupApp';
import { createPopupActionsMock } from '@/components/popup/actions.mock';
import { TicketBuilder } from '@/components/ticket/TicketBuilder';
import { createTicketActionsMock, SAMPLE_TICKET, SAMPLE_TICKET_FACTS } from '@/components/ticket/actions.mock';
import { translator } from '@/lib/core/i18n';

describe('each page renders from its actions mock', () => {
  it('popup: the sample alert, product and order', async () => {
    render(<PopupApp actions={createPopupActionsMock()} lang="en" />);
    expect((await screen.findAllByRole('listitem'))[0]?.getAttribute('data-kind')).toBe('price-drop');
  });

  it('options: the sample orders in the storage table', async () => {
    render(<OptionsApp actions={createOptionsActionsMock()} />);
    const table = await screen.findByRole('table', { name: '按订单的证据用量' });
    expect(within(table).getByText('301234567890')).toBeTruthy();
    expect(within(table).getByText('2026120112345')).toBeTruthy();
  });

  it('ticket: the sample draft, complete enough to export', () => {
    render(
      <TicketBuilder
        facts={SAMPLE_TICKET_FACTS}
        initial={SAMPLE_TICKET}
        actions={createTicketActionsMock()}
        t={translator('en')}
        lang="en"
      />,
    );
    expect(SAMPLE_TICKET.text['zh-CN']).toContain('301234567890');
    expect(document.querySelectorAll('.check--ok').length).toBeGreaterThan(0);
  });

  it('evidence: the sample order with its two records, and one record full size', async () => {
    const actions = createEvidenceActionsMock();
    const row = await actions.loadOrderRow(SAMPLE_ORDER);
    const { unmount } = render(
      <OrderEvidencePage order={SAMPLE_ORDER} row={row} actions={actions} t={translator('en')} locale="en" />,
    );
    expect(await screen.findAllByRole('link', { name: /Open evidence in full/ })).toHaveLength(2);
    unmount();
    const { record, src, seenAgain } = await actions.loadRecord('ev-order-1');
    render(<EvidenceView record={record} src={src} t={translator('en')} seenAgain={seenAgain} />);
    expect(screen.getByRole('img').getAttribute('src')).toMatch(/^data:image\/svg\+xml,/);
  });
});
