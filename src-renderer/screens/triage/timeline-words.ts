import {
  CATEGORY_LABELS,
  CLOCK_LABELS,
  EMERGENCY_LABELS,
  PENDING_REASON_LABELS,
  PRIORITY_LABELS,
  STATUS_LABELS,
  TIER_LABELS,
  type FieldChange,
  type FieldName,
  type FieldValue,
  type TicketEvent,
} from '../../../src-shared/tickets';

const FIELD_WORDS: Record<FieldName, string> = {
  title: 'Title',
  description: 'Description',
  requesterName: 'Requester',
  requesterDepartment: 'Department',
  requesterContact: 'Contact',
  priority: 'Priority',
  category: 'Category',
  emergency: 'Emergency',
  status: 'Status',
  pendingReason: 'Waiting for',
  assignee: 'Assignee',
  tier: 'Tier',
  tags: 'Tags',
  csatScore: 'Satisfaction',
  csatComment: 'Satisfaction comment',
  resolveProposal: 'Proposal to resolve',
};

const VALUE_LABELS: Partial<Record<FieldName, Record<string, string>>> = {
  priority: PRIORITY_LABELS,
  category: CATEGORY_LABELS,
  emergency: EMERGENCY_LABELS,
  status: STATUS_LABELS,
  pendingReason: PENDING_REASON_LABELS,
  tier: TIER_LABELS as Record<string, string>,
};

function valueText(field: FieldName, value: FieldValue): string {
  if (value === null || value === '') return 'none';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.join(', ');
  return VALUE_LABELS[field]?.[String(value)] ?? String(value);
}

/** "Priority: High → Emergency"; long text is said to have changed, not repeated. */
export function changeText({ field, before, after }: FieldChange): string {
  if (field === 'description' || field === 'title' || field === 'csatComment') return `${FIELD_WORDS[field]} changed`;
  return `${FIELD_WORDS[field]}: ${valueText(field, before)} → ${valueText(field, after)}`;
}

const MARK_WORDS = { at_risk: 'at risk', escalation: 'escalated (medical-emergency rule)', breached: 'breached' } as const;

/** What one event of a ticket's history says happened. */
export function eventText(event: TicketEvent): string {
  const { data } = event;
  switch (event.type) {
    case 'created':
      return data.origin === 'alert' ? 'Opened from an alert' : data.origin === 'import' ? `Imported${data.externalId ? ` (was ${data.externalId})` : ''}` : 'Opened';
    case 'comment':
      return data.comment?.visibility === 'public' ? 'Replied to the requester' : 'Added an internal note';
    case 'linked':
    case 'unlinked':
      return `${event.type === 'linked' ? 'Linked' : 'Unlinked'} ${data.link?.kind ?? ''} ${data.link?.label ?? data.link?.ref ?? ''}`.trim();
    case 'followed':
      return 'Started following';
    case 'unfollowed':
      return 'Stopped following';
    case 'sla':
      return data.sla ? `${CLOCK_LABELS[data.sla.clock]} clock ${MARK_WORDS[data.sla.mark]}` : 'SLA mark';
    case 'alert':
      return data.alert ? `Alert ${data.alert.happened}${data.alert.by ? ` by ${data.alert.by}` : ''} (${data.alert.severity})` : 'Alert changed';
    case 'tier':
      return [...event.changes.map(changeText), data.reason].filter(Boolean).join('. ');
    default:
      return event.changes.map(changeText).join('; ') || event.type;
  }
}
