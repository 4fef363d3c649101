import { useState } from 'preact/hooks';
import { formatLocal, formatUtc } from '@/lib/core/band';
import type { T } from '@/lib/core/i18n';
import type { Evidence } from '@/lib/core/model';
import { hasFile, isShopEvidence } from '@/lib/core/evidence-chain';
import { kindLabel } from '../shared/EvidenceGallery';

interface Props {
  record: Evidence | null;
  src: string | null;
  t: T;
  /** Later times at which the identical page content was seen again (not stored twice). */
  seenAgain?: number[];
  onDelete?: () => Promise<void>;
}

/** How the stored bytes are shown: images and video inline; MHTML, PDF and text as a download. */
function Content({ record, src, t }: { record: Evidence; src: string; t: T }) {
  const mime = record.mime.toLowerCase();
  if (mime.startsWith('image/'))
    return <img class="evidence-image" src={src} alt={record.caption ?? record.title ?? ''} />;
  if (mime.startsWith('video/'))
    return <video class="evidence-image" src={src} controls aria-label={record.fileName ?? record.caption ?? ''} />;
  const name = record.fileName ?? `${record.id}${record.kind === 'page-archive' ? '.mhtml' : ''}`;
  return (
    <p>
      <a class="btn" href={src} download={name}>
        {t('evidenceDownload', name)}
      </a>
      {record.kind === 'page-archive' && <span class="hint"> {t('evidenceArchiveHint')}</span>}
    </p>
  );
}

/** One evidence record, full size, with the facts that make it evidence. Page text is rendered as text. */
export function EvidenceView({ record, src, t, seenAgain = [], onDelete }: Props) {
  const [deleted, setDeleted] = useState(false);
  if (!record)
    return (
      <main class="page">
        <p class="error">{t('evidenceNotFound')}</p>
      </main>
    );
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const when = (at: number) => `${formatLocal(at, zone)} · ${formatUtc(at)}`;
  return (
    <main class="page">
      <h1>{kindLabel(record.kind, t)}</h1>
      <table class="meta-table">
        <tbody>
          <tr>
            <th>{t('evidenceAbout')}</th>
            <td data-testid="kind">{record.caption ?? record.title ?? '—'}</td>
          </tr>
          <tr>
            <th>{t('evidenceCapturedAt')}</th>
            <td>{when(record.capturedAt)}</td>
          </tr>
          {seenAgain.length > 0 && (
            <tr>
              <th>{t('evidenceSeenAgain')}</th>
              <td>
                <ul class="plain-list" data-testid="seen-again">
                  {seenAgain.map((at) => (
                    <li key={at}>{when(at)}</li>
                  ))}
                </ul>
              </td>
            </tr>
          )}
          {record.url && (
            <tr>
              <th>{t('evidenceUrl')}</th>
              <td>{record.url}</td>
            </tr>
          )}
          <tr>
            <th>{t('evidenceHash')}</th>
            <td>
              <code data-testid="sha256">{record.sha256}</code>
            </td>
          </tr>
          {record.contentSha256 && (
            <tr>
              <th>{t('evidenceContentHash')}</th>
              <td>
                <code data-testid="content-sha256">{record.contentSha256}</code>
                <br />
                <span class="hint">{t('evidenceContentHashHint')}</span>
              </td>
            </tr>
          )}
          <tr>
            <th>{t('evidenceSize')}</th>
            <td>
              {record.bytes.toLocaleString()} B · {record.mime}
            </td>
          </tr>
          <tr>
            <th>{t('evidencePrevHash')}</th>
            <td>
              <code>{record.prevHash ?? '—'}</code>
            </td>
          </tr>
        </tbody>
      </table>
      {onDelete && !deleted && isShopEvidence(record) && (
        <p>
          <button
            type="button"
            class="btn"
            onClick={() => confirm(t('evidenceDeleteConfirm')) && void onDelete().then(() => setDeleted(true))}
          >
            {t('evidenceDelete')}
          </button>
        </p>
      )}
      {deleted && <p role="status">{t('evidenceDeleted')}</p>}
      {!src && !deleted && hasFile(record) && <p class="warning">{t('evidenceRemoved')}</p>}
      {src && !deleted && <Content record={record} src={src} t={t} />}
    </main>
  );
}
