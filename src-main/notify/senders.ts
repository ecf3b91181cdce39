/** The one place that knows which channel kind sends how. */
import type { ChannelConfig } from './channels';
import { sendDesktop } from './desktop';
import { sendEmail } from './email';
import type { Notice } from './notice';
import { sendPagerDuty } from './pagerduty';
import type { SendContext, SendOutcome } from './send-outcome';
import { sendSlack } from './slack';
import { sendWebhook } from './webhook';

export function sendVia(channel: ChannelConfig, n: Notice, ctx: SendContext): Promise<SendOutcome> {
  switch (channel.kind) {
    case 'desktop':
      return sendDesktop(n, ctx);
    case 'slack':
      return sendSlack(n, ctx);
    case 'webhook':
      return sendWebhook(n, ctx);
    case 'pagerduty':
      return sendPagerDuty(n, channel, ctx);
    case 'email':
      return sendEmail(n, channel, ctx);
  }
}
