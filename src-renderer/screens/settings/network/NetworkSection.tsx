import { Fragment } from 'react';
import { errorText } from '../../../api/error-text';
import { useOutboundRules } from '../../../api/network';
import { DoneMessage } from '../../../components/DoneMessage';
import { LoadingLine } from '../../../components/LoadingLine';
import { Notice } from '../../../components/Notice';
import { ScreenHeader } from '../../../components/ScreenHeader';
import { useDoneMessage } from '../../../lib/use-dialogs';
import { NETWORK_INTRO, REFUSED, savedText, WHY_REFUSED } from './network-words';
import { OutboundForm } from './OutboundForm';

/** What the outbound rules refuse, and why: before anyone allows an exception. */
function RefusedPanel() {
  return (
    <section className="panel panel-wide" aria-labelledby="refused-title">
      <h2 id="refused-title">What Vigil refuses</h2>
      <dl className="refused-list">
        {REFUSED.map(({ what, detail }) => (
          <Fragment key={what}>
            <dt>{what}</dt>
            <dd>{detail}</dd>
          </Fragment>
        ))}
      </dl>
      <p className="muted">{WHY_REFUSED}</p>
    </section>
  );
}

export function NetworkSection() {
  const outbound = useOutboundRules();
  const done = useDoneMessage();
  return (
    <>
      <ScreenHeader eyebrow="Settings" title="Network" intro={NETWORK_INTRO} />
      <RefusedPanel />
      <DoneMessage message={done.message} />
      {outbound.isPending ? (
        <LoadingLine label="Loading the allowed hosts…" />
      ) : outbound.isError ? (
        <Notice tone="error" title="Could not load the allowed hosts">{errorText(outbound.error)}</Notice>
      ) : (
        <OutboundForm saved={outbound.data} onEdit={done.clear} onSaved={(saved) => done.show(savedText(saved.exceptions.length))} />
      )}
    </>
  );
}
