/** What a link names, checked and turned into what a ticket keeps: a connection or alert that exists, a patient as its salted reference only. */
import type { ChannelInput } from '../../src-shared/contract';
import type { TicketLink } from '../../src-shared/tickets';
import type { ConnectionsApi } from '../connections';
import { DispatchError } from '../dispatch';
import type { MonitorApi } from '../monitor';

type LinkRequest = ChannelInput<'tickets.link'>['link'];

export interface LinkInputDeps {
  connections: Pick<ConnectionsApi, 'find'>;
  monitor: Pick<MonitorApi, 'alert'>;
  /** The installation's salted patient reference (phi/patient-ref.ts). */
  patientRef(patientId: string): Promise<string>;
}

const notFound = (what: string, field: string) => new DispatchError('NOT_FOUND', `There is no such ${what}.`, [{ path: ['link', field], message: `There is no such ${what}.` }]);

export class LinkInput {
  constructor(private readonly deps: LinkInputDeps) {}

  async resolve(link: LinkRequest): Promise<TicketLink> {
    switch (link.kind) {
      case 'connection': {
        const record = this.deps.connections.find(link.connectionId);
        if (!record) throw notFound('connection', 'connectionId');
        return { kind: 'connection', ref: String(record.id), label: record.config.name };
      }
      case 'alert': {
        const alert = this.deps.monitor.alert(link.alertId);
        if (!alert) throw notFound('alert', 'alertId');
        return { kind: 'alert', ref: alert.id, label: alert.title };
      }
      case 'patient':
        return { kind: 'patient', ref: await this.deps.patientRef(link.patientId), label: null };
      case 'patientRef':
        return { kind: 'patient', ref: link.patientRef, label: null };
    }
  }

  async resolveAll(links: readonly LinkRequest[] = []): Promise<TicketLink[]> {
    const out: TicketLink[] = [];
    for (const link of links) out.push(await this.resolve(link));
    return out;
  }
}
