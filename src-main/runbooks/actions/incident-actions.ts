/** Incidents, maintenance windows and notifications, through the tickets, monitor and notify services. */
import { z } from 'zod';
import { connectionTarget, SEVERITIES, type Severity } from '../../../src-shared/monitoring';
import { durationSchema, parseDuration } from '../../../src-shared/runbooks';
import type { Priority } from '../../../src-shared/tickets';
import { action, StepFailure } from './action';
import type { ActionDeps } from './deps';

const PRIORITY: Record<Severity, Priority> = { SEV1: 'emergency', SEV2: 'critical', SEV3: 'high' };
const connection = z.number().int().positive().nullable().default(null);

export function incidentActions(deps: ActionDeps) {
  const window = (duration: string, connectionId: number | null, note: string) => {
    const start = deps.clock.now();
    return deps.monitor.addMaintenance({ kind: 'once', targetId: connectionId === null ? null : connectionTarget(connectionId), note, start, end: start + parseDuration(duration)! });
  };
  const notice = (severity: Severity, key: string, subject: string, summary: string) =>
    deps.notify.notice({ key, subjectId: key, subject: { name: subject }, event: 'triggered', severity, level: 1, rule: 'runbook', summary, openedAt: deps.clock.now() });

  return [
    action({
      name: 'declare_incident',
      summary: 'Declare an incident: a ticket by severity, a maintenance window when asked, a notification on the severity’s routes',
      inputs: z
        .object({
          severity: z.enum(SEVERITIES),
          title: z.string().trim().min(3).max(200),
          description: z.string().max(20_000).default(''),
          /** A duration: silence the connection (or everything) for this long while it is worked on. */
          maintenance: durationSchema.nullable().default(null),
          connection,
          notify: z.boolean().default(true),
        })
        .strict(),
      describe: (i) =>
        `Open a ${PRIORITY[i.severity]} ticket “${i.title}”${i.maintenance ? `, a ${i.maintenance} maintenance window on ${i.connection === null ? 'every target' : `connection ${i.connection}`}` : ''}${i.notify ? `, and notify the ${i.severity} routes` : ''}.`,
      connections: (i) => (i.connection === null ? [] : [i.connection]),
      defaultTimeoutMs: 60_000,
      run: async ({ inputs, actor, log, runId }) => {
        const ticket = deps.tickets.open(
          {
            title: inputs.title,
            description: `${inputs.description}\n\nDeclared by runbook run ${runId}.`.trim(),
            requester: { name: actor, department: '', contact: '' },
            priority: PRIORITY[inputs.severity],
            category: 'technical',
            emergency: inputs.severity === 'SEV1' ? 'system_downtime' : null,
            tags: ['incident', inputs.severity.toLowerCase()],
            assignee: null,
            tier: 1,
            links: inputs.connection === null ? [] : [{ kind: 'connection', ref: String(inputs.connection), label: deps.connections.find(inputs.connection)?.config.name ?? null }],
          },
          actor,
        );
        log(`Opened VIG-${ticket.number}`);
        const maintenance = inputs.maintenance ? window(inputs.maintenance, inputs.connection, `Incident VIG-${ticket.number}`) : null;
        if (maintenance) log(`Maintenance window ${maintenance.id} for ${inputs.maintenance}`);
        if (inputs.notify) {
          notice(inputs.severity, `vigil/incident/${ticket.id}`, `VIG-${ticket.number} · ${inputs.title}`, `${inputs.severity} incident declared: ${inputs.title}`);
          log(`Notified the ${inputs.severity} routes`);
        }
        return { ticketId: ticket.id, ticketNumber: ticket.number, maintenanceId: maintenance?.id ?? null };
      },
    }),
    action({
      name: 'set_maintenance',
      summary: 'Start a maintenance window now (alerts held) on a connection or every target',
      inputs: z.object({ duration: durationSchema, connection, note: z.string().max(500).default('') }).strict(),
      describe: (i) => `Start a ${i.duration} maintenance window on ${i.connection === null ? 'every target' : `connection ${i.connection}`}.`,
      connections: (i) => (i.connection === null ? [] : [i.connection]),
      defaultTimeoutMs: 30_000,
      run: async ({ inputs, log }) => {
        const w = window(inputs.duration, inputs.connection, inputs.note);
        log(`Maintenance window ${w.id} until ${new Date((w as { end?: number }).end ?? 0).toISOString()}`);
        return { windowId: w.id };
      },
    }),
    action({
      name: 'end_maintenance',
      summary: 'End a maintenance window',
      inputs: z.object({ window_id: z.string().min(1).max(100) }).strict(),
      describe: (i) => `End the maintenance window ${i.window_id}.`,
      defaultTimeoutMs: 30_000,
      run: async ({ inputs, log }) => {
        const ended = deps.monitor.removeMaintenance(inputs.window_id);
        log(ended ? `Ended ${inputs.window_id}` : `There was no window ${inputs.window_id}`);
        return { ended };
      },
    }),
    action({
      name: 'notify',
      summary: 'Send a notification on the routes of a severity',
      inputs: z.object({ severity: z.enum(SEVERITIES), subject: z.string().trim().min(1).max(120), summary: z.string().trim().min(1).max(500) }).strict(),
      describe: (i) => `Notify the ${i.severity} routes: “${i.subject}: ${i.summary}”.`,
      defaultTimeoutMs: 30_000,
      run: async ({ inputs, runId, log }) => {
        notice(inputs.severity, `vigil/runbook/${runId}/${inputs.subject}`, inputs.subject, inputs.summary);
        log(`Sent to the ${inputs.severity} routes`);
        return { sent: true };
      },
    }),
    action({
      name: 'test_notification_channels',
      summary: 'Send a test notice through every enabled notification channel',
      inputs: z.object({}).strict(),
      describe: () => 'Send a test notice through every enabled notification channel; fail if one does not deliver.',
      defaultTimeoutMs: 120_000,
      run: async ({ log }) => {
        const tests = await deps.notify.testChannels();
        for (const t of tests) log(`${t.name} (${t.kind}): ${t.outcome}${t.error ? ` — ${t.error}` : ''}`);
        const failed = tests.filter((t) => t.outcome === 'failed').map((t) => t.name);
        const outputs = { tested: tests.length, failed };
        if (failed.length > 0) throw new StepFailure(`${failed.length} of ${tests.length} notification channels did not deliver: ${failed.join(', ')}.`, outputs);
        return outputs;
      },
    }),
  ];
}
