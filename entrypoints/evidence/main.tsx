import { render } from 'preact';
import type { EvidenceActions } from '@/components/evidence/actions';
import { EvidenceView } from '@/components/evidence/EvidenceView';
import { OrderEvidencePage } from '@/components/evidence/OrderEvidencePage';
import { loadSettings } from '@/lib/store/settings';
import { detectLang, translator, type Lang } from '@/lib/core/i18n';
import { orderPagePath, parseOrderParam, type OrderRef } from '@/lib/core/order-page';
import { AppOrderForm } from '@/components/shared/AppOrderForm';
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
    render(
      <OrderEvidencePage order={order} row={row} actions={actions} t={t} locale={lang} onOrderSaved={showOrder} />,
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

/** After "添加App订单": the saved order's own page (its facts marked 手动录入, its evidence). */
function showOrder(order: OrderRef): void {
  location.assign(`/${orderPagePath(order)}`);
}

/** `evidence.html?add=app-order`: "添加App订单", opened from the popup. */
function addOrderPage(root: HTMLElement, lang: Lang, actions: EvidenceActions) {
  const t = translator(lang);
  document.title = t('appOrderHeading');
  render(
    <main class="page order-page">
      <h1>{t('popupTitle')}</h1>
      <AppOrderForm actions={actions} t={t} onSaved={showOrder} />
    </main>,
    root,
  );
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
  const params = new URLSearchParams(location.search);
  if (params.get('add') === 'app-order') addOrderPage(root, lang, actions);
  else if (params.has('order')) await orderPage(root, lang, actions);
  else await recordPage(root, lang, actions);
}
void main();
