import { render } from 'preact';
import { EvidenceView } from '@/components/EvidenceView';
import { browser } from 'wxt/browser';
import { db } from '@/lib/db';
import { detectLang, translator } from '@/lib/i18n';
import '@/components/styles.css';

async function main() {
  const id = decodeURIComponent(location.hash.slice(1));
  const d = await db();
  const [record, blob] = await Promise.all([d.get('evidence', id), d.get('blobs', id)]);
  const src = blob ? URL.createObjectURL(new Blob([blob.data as Uint8Array<ArrayBuffer>], { type: blob.mime })) : null;
  const onDelete = async () => {
    await browser.runtime.sendMessage({ type: 'evidence/delete', id });
  };
  render(<EvidenceView record={record ?? null} src={src} t={translator(detectLang())} onDelete={onDelete} />, document.getElementById('app') as HTMLElement);
}
void main();
