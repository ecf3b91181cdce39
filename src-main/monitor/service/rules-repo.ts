/** The shared alert rules as an operator set them; the defaults until then. */
import type Database from 'better-sqlite3-multiple-ciphers';
import { alertRuleSettingsSchema, DEFAULT_ALERT_RULE_SETTINGS, type AlertRuleSettings } from '../../../src-shared/monitoring';
import type { Logger } from '../../log';

export class RulesRepo {
  constructor(
    private readonly db: Database.Database,
    private readonly log: Logger,
  ) {}

  get(): AlertRuleSettings {
    const row = this.db.prepare('SELECT rules FROM monitor_rules WHERE id = 1').get() as { rules: string } | undefined;
    if (!row) return DEFAULT_ALERT_RULE_SETTINGS;
    const parsed = alertRuleSettingsSchema.safeParse(JSON.parse(row.rules));
    if (parsed.success) return parsed.data;
    this.log.error('monitor: the stored alert rules are not valid; using the defaults');
    return DEFAULT_ALERT_RULE_SETTINGS;
  }

  save(rules: AlertRuleSettings): void {
    this.db.prepare('INSERT INTO monitor_rules (id, rules) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET rules = excluded.rules').run(JSON.stringify(rules));
  }
}
