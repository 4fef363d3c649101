import { render } from 'preact';
import { TicketBuilder } from '@/components/ticket/TicketBuilder';
import { detectLang, translator } from '@/lib/core/i18n';
import { createTicketActions, loadTicketView } from '@/lib/pages/ticket-connector';
import '@/components/shared/styles.css';

async function main() {
  const root = document.getElementById('app') as HTMLElement;
  const lang = detectLang();
  const t = translator(lang);
  const alertId = new URLSearchParams(location.search).get('alert') ?? '';
  try {
    const view = await loadTicketView(alertId);
    if (!view)
      return render(
        <main class="page">
          <p class="error">{t('ticketNotFound')}</p>
        </main>,
        root,
      );
    render(
      <TicketBuilder facts={view.facts} initial={view.ticket} actions={createTicketActions()} t={t} lang={lang} />,
      root,
    );
  } catch (e) {
    render(
      <main class="page">
        <p class="error" role="alert">
          {t('loadError', e instanceof Error ? e.message : String(e))}
        </p>
      </main>,
      root,
    );
  }
}
void main();
