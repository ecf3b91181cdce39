import { useConfigureTeam, type TeamStatus } from '../../../api/team';
import { Button } from '../../../components/Button';
import { CheckboxField, TextField } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import { useContractForm } from '../../../lib/forms';
import { teamSchema, valuesFrom } from './team-form';
import { PASSWORD_KEPT_HINT, TLS_HINT } from './team-words';

/** The shared database's address and login: tried against the database before anything is saved. */
export function TeamForm({ status, onSaved }: { status: TeamStatus; onSaved: () => void }) {
  const configure = useConfigureTeam();
  const { form, formProps, field, formError } = useContractForm({ schema: teamSchema, defaultValues: valuesFrom(status), mutation: configure });
  const hasPassword = status.settings?.hasPassword ?? false;
  return (
    <form
      {...formProps((input) =>
        configure.mutate(input, {
          onSuccess: (saved) => {
            form.reset(valuesFrom(saved));
            onSaved();
          },
        }),
      )}
      aria-labelledby="team-connect-title"
    >
      <section className="panel panel-wide">
        <h2 id="team-connect-title">{status.enabled ? 'Shared database' : 'Connect to a shared database'}</h2>
        {formError && (
          <Notice tone="error" title="Team mode was not switched on">
            {formError}
          </Notice>
        )}
        <div className="team-fields">
          <TextField label="Host" autoComplete="off" spellCheck={false} {...field('host')} />
          <TextField label="Port" inputMode="numeric" className="field-narrow" {...field('port')} />
          <TextField label="Database" autoComplete="off" spellCheck={false} {...field('database')} />
          <TextField label="Login" autoComplete="off" spellCheck={false} {...field('user')} />
          <TextField label="Password" type="password" autoComplete="new-password" hint={hasPassword ? PASSWORD_KEPT_HINT : undefined} {...field('password')} />
          <CheckboxField label="Use TLS" hint={TLS_HINT} {...field('tls')} />
        </div>
        <div className="form-actions">
          <Button type="submit" variant="primary" pending={configure.isPending}>
            {status.enabled ? 'Save and reconnect' : 'Switch team mode on'}
          </Button>
        </div>
      </section>
    </form>
  );
}
