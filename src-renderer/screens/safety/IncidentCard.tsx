import { useState } from 'react';
import { can } from '../../../src-shared/roles';
import { RECOMMENDED_RUNBOOKS, type SafetyIncident, type UserSummary } from '../../../src-shared/contract';
import { ticketNumberLabel } from '../../../src-shared/tickets';
import { errorText } from '../../api/error-text';
import { screenHref } from '../../frame/screens';
import { useAcknowledgeIncident, useCommentIncident } from '../../api/safety';
import { Button } from '../../components/Button';
import { TextAreaField } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { Notice } from '../../components/Notice';
import { StatusLabel } from '../../components/StatusLabel';
import { localDateTime } from '../../lib/time';
import { percent } from './safety-words';
import { SignDialog } from './SignDialog';

function Signatures({ incident }: { incident: SafetyIncident }) {
  if (incident.signatures.length === 0) return <p className="incident-unsigned">Not signed off yet.</p>;
  return (
    <ul className="signatures" aria-label="Signatures">
      {incident.signatures.map((s) => (
        <li key={s.id} className={s.verified ? 'signature' : 'signature signature-broken'}>
          <Icon name={s.verified ? 'shield' : 'warning'} />
          <span>
            <strong>{s.printedName}</strong> ({s.signer}) · <strong>{s.meaning}</strong> · <time dateTime={new Date(s.signedAt).toISOString()}>{localDateTime(s.signedAt)}</time>
            <br />
            <span className="signature-hash">
              {s.verified ? 'Bound to this incident' : 'Does NOT verify against this incident'} · sha256 {s.hash.slice(0, 16)}…
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}

export function IncidentCard({ incident, user }: { incident: SafetyIncident; user: UserSummary }) {
  const reviewer = can(user.role, 'safety.review');
  const acknowledge = useAcknowledgeIncident();
  const comment = useCommentIncident();
  const [text, setText] = useState('');
  const [signing, setSigning] = useState(false);
  const critical = incident.peakLevel === 'critical';
  const headingId = `incident-${incident.id}`;
  return (
    <li className={`incident incident-${incident.peakLevel}`} aria-labelledby={headingId}>
      <div className="incident-head">
        <h3 id={headingId}>
          #{incident.number} {incident.label}
        </h3>
        <StatusLabel tone={critical ? 'bad' : 'warn'} icon={critical ? 'ban' : 'warning'}>
          {critical ? 'Critical' : 'Warning'}
        </StatusLabel>
        <StatusLabel tone={incident.status === 'open' ? 'bad' : 'ok'} icon={incident.status === 'open' ? 'warning' : 'check'}>
          {incident.status === 'open' ? 'Ongoing' : 'Recovered'}
        </StatusLabel>
      </div>
      <p>
        Opened {localDateTime(incident.openedAt)}
        {incident.closedAt !== null && `, recovered ${localDateTime(incident.closedAt)}`}. Worst {percent(incident.worstValue)} against {percent(incident.threshold)}. {incident.detail}
      </p>
      {incident.action && (
        <p className="incident-action">
          <strong>Recommended action</strong> <code>{incident.action.code}</code>: {incident.action.text}
          {RECOMMENDED_RUNBOOKS[incident.action.code] && (
            <>
              {' '}
              <a href={screenHref('runbooks')}>Runbook: {RECOMMENDED_RUNBOOKS[incident.action.code]!.name}</a>
            </>
          )}
        </p>
      )}
      {incident.ticket && <p>Emergency ticket {ticketNumberLabel(incident.ticket.number)} opened (clinical, patient safety).</p>}
      <p>{incident.acknowledged ? `Acknowledged by ${incident.acknowledged.by} at ${localDateTime(incident.acknowledged.at)}.` : 'Not acknowledged.'}</p>
      {incident.comments.length > 0 && (
        <ul className="incident-comments" aria-label="Comments">
          {incident.comments.map((c) => (
            <li key={`${c.at}-${c.by}`}>
              <strong>{c.by}</strong> {localDateTime(c.at)}: {c.text}
            </li>
          ))}
        </ul>
      )}
      <Signatures incident={incident} />
      {reviewer && (
        <div className="incident-review">
          {(acknowledge.error ?? comment.error) && <Notice tone="error">{errorText(acknowledge.error ?? comment.error)}</Notice>}
          <div className="incident-buttons">
            {!incident.acknowledged && (
              <Button icon="check" pending={acknowledge.isPending} onClick={() => acknowledge.mutate(incident.id)}>
                Acknowledge
              </Button>
            )}
            <Button variant="primary" icon="pencil" onClick={() => setSigning(true)}>
              Sign off…
            </Button>
          </div>
          <form
            className="incident-comment"
            onSubmit={(e) => {
              e.preventDefault();
              if (text.trim()) comment.mutate({ id: incident.id, text }, { onSuccess: () => setText('') });
            }}
          >
            <TextAreaField label={`Comment on #${incident.number}`} rows={2} value={text} onChange={(e) => setText(e.target.value)} />
            <Button type="submit" pending={comment.isPending}>
              Add comment
            </Button>
          </form>
        </div>
      )}
      {signing && <SignDialog incident={incident} user={user} onClose={() => setSigning(false)} />}
    </li>
  );
}
