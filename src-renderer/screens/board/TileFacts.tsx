import type { BoardTile } from '../../../src-shared/monitoring';
import { useAlertRules } from '../../api/alert-rules';
import { Icon } from '../../components/Icon';
import { formatMs } from '../../lib/format';
import { certificateText, certificateTone, percentText, type CertificateTone } from './board-words';

function Fact({ label, value, tone = null }: { label: string; value: string | null; tone?: CertificateTone }) {
  return (
    <div className={tone ? `tile-fact fact-${tone}` : 'tile-fact'}>
      <dt>{label}</dt>
      <dd>
        {tone && <Icon name="warning" />}
        {value ?? <span className="muted">—</span>}
      </dd>
    </div>
  );
}

/** The workstation's readings are percentages of CPU, memory and disk in use, shown in that order. */
const READINGS = [
  ['cpu', 'CPU'],
  ['memory', 'Memory'],
  ['disk', 'Disk'],
] as const;

function readingText(value: number | null): string | null {
  return value === null ? null : `${Math.round(value)} %`;
}

/**
 * The figures under a tile's name. A connection shows how fast it answers
 * and what breaks it without warning (certificate, token); the workstation,
 * how busy and how full it is.
 */
export function TileFacts({ tile }: { tile: BoardTile }) {
  const { status, uptime24h, certDaysLeft, tokenMinutesLeft, workstation } = tile;
  // The certificate is marked where the operator's alert rules alert on it.
  const tiers = useAlertRules().data?.tlsExpiryDays;
  return (
    <dl className="tile-facts">
      {tile.kind === 'connection' && <Fact label="Latency" value={status.latencyMs === null ? null : formatMs(status.latencyMs)} />}
      <Fact label="Uptime 24 h" value={uptime24h === null ? null : percentText(uptime24h)} />
      {tile.kind === 'connection' ? (
        <>
          <Fact
            label="Certificate"
            value={certDaysLeft === null ? null : certificateText(certDaysLeft)}
            tone={certDaysLeft === null ? null : certificateTone(certDaysLeft, tiers)}
          />
          <Fact label="Token left" value={tokenMinutesLeft === null ? null : `${tokenMinutesLeft} min`} />
        </>
      ) : (
        READINGS.map(([key, label]) => <Fact key={key} label={label} value={readingText(workstation?.[key] ?? null)} />)
      )}
    </dl>
  );
}
