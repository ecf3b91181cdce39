import type { AlertView } from '../../../src-shared/monitoring';
import { Icon } from '../../components/Icon';
import { dependantsWords } from './alert-words';

/** What else an operator should know at a glance: it keeps coming and going, or others fail with it. */
export function AlertTags({ alert }: { alert: AlertView }) {
  const dependants = alert.affectedNames.length;
  if (!alert.flapping && dependants === 0) return null;
  return (
    <span className="alert-tags">
      {alert.flapping && (
        <span className="tag tag-warn" title="Its state keeps changing; alerts for it are held steady until it settles">
          <Icon name="warning" />
          Flapping
        </span>
      )}
      {dependants > 0 && (
        <span className="tag" title={alert.affectedNames.join(', ')}>
          {dependantsWords(dependants)}
        </span>
      )}
    </span>
  );
}
