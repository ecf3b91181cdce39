import type { ChannelInput } from '../../src-shared/contract';

export type AuditFilters = Pick<ChannelInput<'audit.list'>, 'actor' | 'action' | 'from' | 'to'>;

/** Every key starts with its channel name, so invalidating a channel is one prefix. */
export const queryKeys = {
  setupStatus: ['setup.status'] as const,
  whoami: ['session.whoami'] as const,
  usersList: ['users.list'] as const,
  auditListAll: ['audit.list'] as const,
  auditList: (filters: AuditFilters) => ['audit.list', filters] as const,
  systemInfo: ['system.info'] as const,
  vendors: ['ehr.vendors'] as const,
  connectionsList: ['connections.list'] as const,
  sandbox: ['sandbox.get'] as const,
};
