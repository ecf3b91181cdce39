import type { UserSummary } from '../../../../src-shared/contract';
import { can } from '../../../../src-shared/roles';
import { useAlertRules } from '../../../api/alert-rules';
import { errorText } from '../../../api/error-text';
import { DoneMessage } from '../../../components/DoneMessage';
import { LoadingLine } from '../../../components/LoadingLine';
import { Notice } from '../../../components/Notice';
import { ScreenHeader } from '../../../components/ScreenHeader';
import { useDoneMessage } from '../../../lib/use-dialogs';
import { RulesForm } from './RulesForm';
import { RulesReadOnly } from './RulesReadOnly';
import { savedText } from './rules-words';

export function AlertRulesSection({ user }: { user: UserSummary }) {
  const rules = useAlertRules();
  const done = useDoneMessage();
  return (
    <>
      <ScreenHeader
        eyebrow="Settings"
        title="Alert rules"
        intro="When certificates that are about to expire and connections that stay DEGRADED raise an alert. Every connection shares these rules; a change applies from each one’s next probe run."
      />
      <DoneMessage message={done.message} />
      {rules.isPending ? (
        <LoadingLine label="Loading the alert rules…" />
      ) : rules.isError ? (
        <Notice tone="error" title="Could not load the alert rules">{errorText(rules.error)}</Notice>
      ) : can(user.role, 'monitor.manage') ? (
        <RulesForm saved={rules.data} onEdit={done.clear} onSaved={(saved) => done.show(savedText(saved))} />
      ) : (
        <RulesReadOnly rules={rules.data} />
      )}
    </>
  );
}
