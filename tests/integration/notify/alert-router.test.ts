/**
 * Which channels hear of an alert, through the real channel table, a real
 * notifier and a webhook receiver on 127.0.0.1: minSeverity and fromLevel
 * pick the channels a trigger goes to, and an acknowledge or resolve goes
 * to exactly the ones that were told.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { severityPolicy } from '../../../src-main/monitor/escalation';
import type { Alert } from '../../../src-main/monitor/alert';
import type { AlertNotification as Notification, NotificationKind } from '../../../src-main/notify';
import { createAlertRouter } from '../../../src-main/notify/alert-router';
import { ChannelRepo } from '../../../src-main/notify/channel-repo';
import { channelSecretAccount } from '../../../src-main/notify/channels';
import type { DesktopNotification } from '../../../src-main/notify/desktop';
import { createNotifier, type Notifier } from '../../../src-main/notify/notifier';
import type { VigilWebhookPayload } from '../../../src-main/notify/webhook';
import type { Severity } from '../../../src-shared/monitoring';
import type { ChannelSettings } from '../../../src-shared/contract';
import { trapUnhandledRejections } from '../ehr/harness';
import { useTestKeychain } from '../store/fixtures';
import { capturedLogger, memoryDeliveryLog, OPENED_AT, startHttpReceiver, type HttpReceiver } from './harness';
import { tempStore, type TempStore } from './service-rig';
import { OutboundGuard } from '../../../src-main/net';

trapUnhandledRejections();
const { secrets } = useTestKeychain();

const TARGET = { name: 'Epic Production', vendor: 'epic', host: 'fhir.epic.example.org' };
/** Webhook channels by receiver path: what each asks for. */
const HOOKS: Record<string, Partial<ChannelSettings>> = {
  '/everything': {},
  '/sev2-and-worse': { minSeverity: 'SEV2' },
  '/from-level-2': { fromLevel: 2 },
  '/disabled': { enabled: false },
};

let receiver: HttpReceiver;
let temp: TempStore;
let repo: ChannelRepo;
let notifier: Notifier;
let route: ReturnType<typeof createAlertRouter>;
const log = capturedLogger();
const shown: DesktopNotification[] = [];

function alert(severity: Severity, escalationLevel: number, status: Alert['status'] = 'open'): Alert {
  return {
    id: `a-${severity}-${escalationLevel}-${status}`,
    dedupKey: 'vigil/conn:7/health',
    targetId: 'conn:7',
    rule: 'health',
    severity,
    grade: 2,
    peakGrade: 2,
    title: 'Epic Production is DOWN',
    detail: 'CapabilityStatement failed 3 times',
    cause: { probe: 'capability', kind: 'SERVER', kbCode: 'fhir_server_error' },
    status,
    openedAt: OPENED_AT,
    updatedAt: OPENED_AT,
    acknowledged: null,
    resolved: status === 'resolved' ? { at: OPENED_AT + 60_000, by: null, reason: 'recovered', mergedInto: null } : null,
    escalation: { policy: severityPolicy(severity), level: escalationLevel, notifiedAt: OPENED_AT },
    affected: [],
    flapping: false,
  };
}

function notification(kind: NotificationKind, a: Alert): Notification {
  return { kind, level: a.escalation.level, alert: a };
}

/** Routes one notification and returns, per receiver path, the states it received. */
async function routed(n: Notification): Promise<Record<string, string[]>> {
  const before = Object.fromEntries(Object.keys(HOOKS).map((p) => [p, receiver.received(p).length]));
  const shownBefore = shown.length;
  route(n, TARGET);
  await notifier.idle();
  const got: Record<string, string[]> = {};
  for (const path of Object.keys(HOOKS)) {
    const fresh = receiver.received(path).slice(before[path]).map((r) => (r.json as VigilWebhookPayload).state);
    if (fresh.length > 0) got[path] = fresh;
  }
  if (shown.length > shownBefore) got.desktop = shown.slice(shownBefore).map((s) => s.title);
  return got;
}

beforeAll(async () => {
  receiver = await startHttpReceiver();
  temp = await tempStore(secrets);
  repo = new ChannelRepo(temp.store.db, log);
  for (const [path, extra] of Object.entries(HOOKS)) {
    const id = `hook${path.replace(/\W/g, '-')}`;
    repo.insert(id, { kind: 'webhook', name: path, enabled: true, minSeverity: 'SEV3', fromLevel: 1, ...extra } as ChannelSettings, Date.now());
    await secrets.set(channelSecretAccount(id, 'webhookUrl'), receiver.url(path));
  }
});

beforeEach(() => {
  notifier = createNotifier({
    outbound: new OutboundGuard(),
    channels: repo,
    secrets,
    deliveryLog: memoryDeliveryLog(),
    log,
    desktop: { show: (n) => void shown.push(n) },
    sleep: async () => {},
  });
  route = createAlertRouter({ channels: repo, notifier, log });
});

afterEach(() => notifier.close());

afterAll(async () => {
  temp?.close();
  await receiver?.close();
});

describe('triggers', () => {
  it('a SEV3 alert opening reaches the level 1 channels that take SEV3, not the SEV2-minimum one', async () => {
    expect(await routed(notification('opened', alert('SEV3', 1)))).toEqual({
      '/everything': ['triggered'],
      desktop: ['[SEV3 triggered] Epic Production'],
    });
  });

  it('a SEV1 alert opening reaches the SEV2-minimum channel too', async () => {
    expect(await routed(notification('opened', alert('SEV1', 1)))).toEqual({
      '/everything': ['triggered'],
      '/sev2-and-worse': ['triggered'],
      desktop: ['[SEV1 triggered] Epic Production'],
    });
  });

  it('a level 2 reminder reaches the fromLevel 2 channel as well as the level 1 ones', async () => {
    expect(await routed(notification('reminder', alert('SEV3', 2)))).toEqual({
      '/everything': ['triggered'],
      '/from-level-2': ['triggered'],
      desktop: ['[SEV3 triggered, escalation level 2] Epic Production'],
    });
  });
});

describe('closing an alert', () => {
  it('a resolve after level 1 reaches only the channels told at level 1', async () => {
    expect(await routed(notification('resolved', alert('SEV2', 1, 'resolved')))).toEqual({
      '/everything': ['resolved'],
      '/sev2-and-worse': ['resolved'],
      desktop: ['[SEV2 resolved] Epic Production'],
    });
  });

  it('a recovery after escalating to level 2 reaches the fromLevel 2 channel too', async () => {
    expect(await routed(notification('recovered', alert('SEV3', 2, 'resolved')))).toEqual({
      '/everything': ['resolved'],
      '/from-level-2': ['resolved'],
      desktop: ['[SEV3 resolved] Epic Production'],
    });
  });

  it('an acknowledge goes by the level reached, even when the engine reports a lower one', async () => {
    const a = alert('SEV3', 2, 'acknowledged');
    expect(await routed({ kind: 'acknowledged', level: 1, alert: a })).toEqual({
      '/everything': ['acknowledged'],
      '/from-level-2': ['acknowledged'],
      desktop: ['[SEV3 acknowledged] Epic Production'],
    });
  });
});

describe('the monitor is never held up', () => {
  it('logs and returns when the channels cannot be read', () => {
    const lines = log.lines.length;
    const broken = createAlertRouter({
      channels: {
        list: () => {
          throw new Error('the database is locked');
        },
      },
      notifier,
      log,
    });
    expect(() => broken(notification('opened', alert('SEV1', 1)), TARGET)).not.toThrow();
    expect(log.lines.slice(lines).join('\n')).toContain('could not be routed');
  });
});
