import { render } from 'preact';
import type { EvidenceActions } from '@/components/evidence/actions';
import { EvidenceView } from '@/components/evidence/EvidenceView';
import { OrderEvidencePage } from '@/components/evidence/OrderEvidencePage';
import { loadSettings } from '@/lib/store/settings';
import { detectLang, translator, type Lang } from '@/lib/core/i18n';
import { parseOrderParam } from '@/lib/core/order-page';
import { createEvidenceActions } from '@/lib/pages/evidence-connector';
import '@/components/shared/styles.css';

/** `evidence.html?order=<platform>:<orderId>`: everything one order has, and where to add attachments. */
async function orderPage(root: HTMLElement, lang: Lang, actions: EvidenceActions) {
  const t = translator(lang);
  const order = parseOrderParam(location.search);
  if (!order)
    return render(
      <main class="page">
        <p class="error" role="alert">
          {t('orderPageNotFound')}
        </p>
      </main>,
      root,
    );
  document.title = t('orderPageTitle', order.orderId);
  try {
    const row = await actions.loadOrderRow(order);
    render(<OrderEvidencePage order={order} row={row} actions={actions} t={t} locale={lang} />, root);
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

/** `evidence.html#<evidenceId>`: one record, full size, with its hashes. */
async function recordPage(root: HTMLElement, lang: Lang, actions: EvidenceActions) {
  const id = decodeURIComponent(location.hash.slice(1));
  const { record, src, seenAgain } = await actions.loadRecord(id);
  render(
    <EvidenceView
      record={record}
      src={src}
      t={translator(lang)}
      seenAgain={seenAgain}
      onDelete={() => actions.deleteRecord(id)}
    />,
    root,
  );
}

async function main() {
  const root = document.getElementById('app') as HTMLElement;
  const lang = detectLang((await loadSettings()).language);
  document.documentElement.lang = lang;
  // The connector implements the page's contract structurally; this annotation checks the fit.
  const actions: EvidenceActions = createEvidenceActions();
  if (new URLSearchParams(location.search).has('order')) await orderPage(root, lang, actions);
  else await recordPage(root, lang, actions);
}
void main();
