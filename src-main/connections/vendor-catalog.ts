/** The vendor profiles as the connection form sees them, with the scopes a new connection starts with. */
import type { ChannelOutput } from '../../src-shared/contract';
import { systemReadScope } from '../ehr';
import { VENDOR_PROFILES } from '../ehr';

type VendorEntry = ChannelOutput<'ehr.vendors'>['vendors'][number];

/** What the monitor and the patient snapshot read, plus the audit trail the diagnostics look at. */
const DEFAULT_SCOPE_TYPES = ['Patient', 'Observation', 'MedicationRequest', 'AuditEvent'];

export function vendorCatalog(): VendorEntry[] {
  return Object.values(VENDOR_PROFILES).map((p) => ({
    ...p,
    defaultScopes: DEFAULT_SCOPE_TYPES.map((type) => systemReadScope(p.scopeStyle, type)),
  }));
}
