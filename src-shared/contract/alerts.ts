/** Alerts: the list, acknowledge and resolve, and the events that keep consoles current. */
import { z } from 'zod';
import { alertFilterSchema, alertViewSchema } from '../monitoring';
import { channel, event } from './define';

export const ALERT_CHANNELS = {
  'alerts.list': channel({
    summary: 'Alerts, newest first, filtered by status, severity and target',
    access: 'alerts.read',
    audited: false,
    input: alertFilterSchema,
    output: z.object({ alerts: z.array(alertViewSchema) }),
  }),
  'alerts.acknowledge': channel({
    summary: 'Acknowledge an open alert: reminders stop, and who and when is recorded',
    access: 'alerts.respond',
    audited: true,
    input: z.object({ alertId: z.string().min(1) }).strict(),
    output: alertViewSchema,
  }),
  'alerts.unacknowledge': channel({
    summary: 'Take back an acknowledgement: the alert is open again, reminders resume and the channels told of it are told again',
    access: 'alerts.respond',
    audited: true,
    input: z.object({ alertId: z.string().min(1) }).strict(),
    output: alertViewSchema,
  }),
  'alerts.resolve': channel({
    summary: 'Resolve an alert by hand; it opens again only after its condition has cleared once',
    access: 'alerts.respond',
    audited: true,
    input: z.object({ alertId: z.string().min(1) }).strict(),
    output: alertViewSchema,
  }),
};

export const ALERT_EVENTS = {
  'alert.opened': event({
    summary: 'An alert opened',
    audience: 'alerts.read',
    payload: z.object({ alert: alertViewSchema }),
  }),
  'alert.updated': event({
    summary: 'An alert changed: acknowledged, worsened, escalated, merged or resolved',
    audience: 'alerts.read',
    payload: z.object({ alert: alertViewSchema }),
  }),
};
