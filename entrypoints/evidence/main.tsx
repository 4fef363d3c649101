import { render } from 'preact';
import { EvidenceView } from '@/components/EvidenceView';
import { browser } from 'wxt/browser';
import { seenAgainKey } from '@/lib/capture';
import { db, getMeta } from '@/lib/db';
import { loadSettings } from '@/lib/settings';
import { detectLang, translator } from '@/lib/i18n';
import '@/components/styles.css';

async function main() {
  const id = decodeURIComponent(location.hash.slice(1));
  const d = await db();
  const [record, blob, seenAgain, settings] = await Promise.all([d.get('evidence', id), d.get('blobs', id), getMeta<number[]>(d, seenAgainKey(id)), loadSettings()]);
  const src = blob ? URL.createObjectURL(new Blob([blob.data as Uint8Array<ArrayBuffer>], { type: blob.mime })) : null;
  const onDelete = async () => {
    await browser.runtime.sendMessage({ type: 'evidence/delete', id });
  };
  const lang = detectLang(settings.language);
  document.documentElement.lang = lang;
  render(<EvidenceView record={record ?? null} src={src} t={translator(lang)} lang={lang} seenAgain={seenAgain ?? []} onDelete={onDelete} />, document.getElementById('app') as HTMLElement);
}
void main();
