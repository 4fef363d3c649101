import { render } from 'preact';
import { EvidenceView } from '@/components/evidence/EvidenceView';
import { OrderEvidencePage } from '@/components/evidence/OrderEvidencePage';
import { seenAgainKey } from '@/lib/background/capture';
import { db, getMeta } from '@/lib/store/db';
import { loadSettings } from '@/lib/store/settings';
import { detectLang, translator, type Lang } from '@/lib/core/i18n';
import { parseOrderParam } from '@/lib/core/order-page';
import { createOrderPageActions, loadOrderRow } from '@/lib/pages/evidence-connector';
import { send } from '@/lib/pages/send';
import '@/components/shared/styles.css';

/** `evidence.html?order=<platform>:<orderId>`: everything one order has, and where to add attachments. */
async function orderPage(root: HTMLElement, lang: Lang) {
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
    const row = await loadOrderRow(order);
    render(<OrderEvidencePage order={order} row={row} actions={createOrderPageActions()} t={t} locale={lang} />, root);
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
async function recordPage(root: HTMLElement, lang: Lang) {
  const id = decodeURIComponent(location.hash.slice(1));
  const d = await db();
  const [record, blob, seenAgain] = await Promise.all([
    d.get('evidence', id),
    d.get('blobs', id),
    getMeta<number[]>(d, seenAgainKey(id)),
  ]);
  const src = blob ? URL.createObjectURL(new Blob([blob.data as Uint8Array<ArrayBuffer>], { type: blob.mime })) : null;
  const onDelete = async () => {
    await send({ type: 'evidence/delete', id });
  };
  render(
    <EvidenceView
      record={record ?? null}
      src={src}
      t={translator(lang)}
      seenAgain={seenAgain ?? []}
      onDelete={onDelete}
    />,
    root,
  );
}

async function main() {
  const root = document.getElementById('app') as HTMLElement;
  const lang = detectLang((await loadSettings()).language);
  document.documentElement.lang = lang;
  if (new URLSearchParams(location.search).has('order')) await orderPage(root, lang);
  else await recordPage(root, lang);
}
void main();
