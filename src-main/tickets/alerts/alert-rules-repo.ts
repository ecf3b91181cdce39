/** How alerts open tickets: one row, the defaults until an admin changes them. */
import type Database from 'better-sqlite3-multiple-ciphers';
import { alertTicketRulesSchema, DEFAULT_ALERT_TICKET_RULES, type AlertTicketRules } from '../../../src-shared/tickets';
import type { Logger } from '../../log';

export class AlertRulesRepo {
  constructor(
    private readonly db: Database.Database,
    private readonly log: Logger,
  ) {}

  get(): AlertTicketRules {
    const row = this.db.prepare('SELECT rules FROM ticket_alert_rules WHERE id = 1').get() as { rules: string } | undefined;
    if (!row) return DEFAULT_ALERT_TICKET_RULES;
    const parsed = alertTicketRulesSchema.safeParse(JSON.parse(row.rules));
    if (parsed.success) return parsed.data;
    this.log.error('the stored alert-to-ticket rules are not valid; the defaults apply', { issues: parsed.error.issues.map((i) => i.message) });
    return DEFAULT_ALERT_TICKET_RULES;
  }

  save(rules: AlertTicketRules): void {
    this.db.prepare('INSERT INTO ticket_alert_rules (id, rules) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET rules = excluded.rules').run(JSON.stringify(rules));
  }
}
