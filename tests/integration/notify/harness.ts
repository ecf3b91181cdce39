/** Real receivers on 127.0.0.1 and in-memory collaborators for the notify tests. */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createLogger, type Logger } from '../../../src-main/log';
import type { ChannelConfig, ChannelDirectory } from '../../../src-main/notify/channels';
import type { DeliveryAttempt, DeliveryLog } from '../../../src-main/notify/delivery-log';
import { createNotifier, type Notifier, type NotifierDeps } from '../../../src-main/notify/notifier';
import type { AlertNotice } from '../../../src-main/notify/notice';
import type { SecretStore } from '../../../src-main/secrets/secret-store';
import { makeTestCertificates } from '../../helpers/test-certs';
import { OutboundGuard } from '../../../src-main/net';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  json: unknown;
}

/** What the receiver does with one request: answer with a status (and headers), or never answer. */
export type Reply = { status: number; body?: string; headers?: Record<string, string> } | 'hang';

export interface HttpReceiver {
  url(path: string): string;
  /** Replies for the next requests to `path`, in order; after them every request gets 200 "ok". */
  script(path: string, replies: Reply[]): void;
  received(path: string): Received[];
  /** Resolves when `path` has seen `count` requests. */
  waitFor(path: string, count: number): Promise<Received[]>;
  /** Answers every request held by 'hang' with 200. */
  releaseHung(): void;
  close(): Promise<void>;
}

export async function startHttpReceiver(): Promise<HttpReceiver> {
  const scripts = new Map<string, Reply[]>();
  const seen = new Map<string, Received[]>();
  const waiters: Array<() => void> = [];
  const hung: ServerResponse[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      const text = Buffer.concat(chunks).toString('utf8');
      const list = seen.get(path) ?? [];
      list.push({ path, headers: req.headers, json: text ? JSON.parse(text) : undefined });
      seen.set(path, list);
      for (const w of waiters.splice(0)) w();
      const reply = scripts.get(path)?.shift() ?? { status: 200, body: 'ok' };
      if (reply === 'hang') {
        hung.push(res);
        return;
      }
      res.writeHead(reply.status, reply.headers).end(reply.body ?? '');
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const received = (path: string) => seen.get(path) ?? [];
  return {
    url: (path) => `${base}${path}`,
    script: (path, replies) => void scripts.set(path, [...replies]),
    received,
    waitFor: async (path, count) => {
      while (received(path).length < count) await new Promise<void>((resolve) => waiters.push(resolve));
      return received(path);
    },
    releaseHung: () => {
      for (const res of hung.splice(0)) if (!res.destroyed) res.writeHead(200).end('ok');
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export interface ReceivedMail {
  from: string;
  to: string[];
  user: string | undefined;
  secure: boolean;
  headers: Map<string, string>;
  text: string;
}

export interface SmtpReceiver {
  port: number;
  /** How many of the next recipients to refuse with 451, as a greylisting relay does. */
  greylist: number;
  caCert: string;
  mails: ReceivedMail[];
  waitFor(count: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

function decodeQuotedPrintable(body: string): string {
  const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** RFC 2047 encoded words, which nodemailer uses for some subjects; the space between two of them is not text. */
function decodeEncodedWords(value: string): string {
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
  );
}

/** Headers (unfolded, lower-cased names) and the decoded text of a single-part message. */
function parseMessage(raw: string): { headers: Map<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), decodeEncodedWords(line.slice(colon + 1).trim()));
  }
  const body = raw.slice(split + 4);
  const encoding = headers.get('content-transfer-encoding');
  const text = encoding === 'quoted-printable' ? decodeQuotedPrintable(body) : encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : body;
  return { headers, text: text.replace(/\r\n/g, '\n') };
}

/**
 * A real SMTP server with a throwaway CA: STARTTLS, or TLS from the first
 * byte with `implicitTls`, and AUTH that only `user`/`password` pass.
 */
export async function startSmtpReceiver(creds: { user: string; password: string }, implicitTls = false): Promise<SmtpReceiver> {
  const certs = makeTestCertificates();
  const mails: ReceivedMail[] = [];
  const waiters: Array<() => void> = [];
  const server = new SMTPServer({
    secure: implicitTls,
    key: certs.serverKey,
    cert: certs.serverCert,
    logger: false,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, _session, callback) {
      if (auth.username === creds.user && auth.password === creds.password) return callback(null, { user: auth.username });
      callback(new Error('Invalid username or password'));
    },
    onRcptTo(_address, _session, callback) {
      if (receiver.greylist <= 0) return callback();
      receiver.greylist--;
      callback(Object.assign(new Error('Greylisted, please try again later'), { responseCode: 451 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const { headers, text } = parseMessage(Buffer.concat(chunks).toString('latin1'));
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user,
          secure: session.secure,
          headers,
          text,
        });
        for (const w of waiters.splice(0)) w();
        callback();
      });
    },
  });
  const receiver: SmtpReceiver = {
    port: 0,
    greylist: 0,
    caCert: certs.caCert,
    mails,
    waitFor: async (count) => {
      while (mails.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
      return mails;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.port = (server.server.address() as AddressInfo).port;
  return receiver;
}

export function memorySecrets(entries: Record<string, string> = {}): SecretStore & { values: Map<string, string> } {
  const values = new Map(Object.entries(entries));
  return {
    service: 'vigil-test',
    values,
    get: async (account) => values.get(account) ?? null,
    set: async (account, value) => void values.set(account, value),
    delete: async (account) => values.delete(account),
    list: async () => [...values.keys()],
  };
}

export function directory(channels: ChannelConfig[]): ChannelDirectory & { channels: Map<string, ChannelConfig> } {
  const map = new Map(channels.map((c) => [c.id, c]));
  return { channels: map, get: (id) => map.get(id) };
}

/** The app's real logger writing into an array, so the test sees exactly what would reach a log file. */
export function capturedLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(createLogger({ level: 'debug', sink: (line) => void lines.push(line) }), { lines });
}

export function memoryDeliveryLog(): DeliveryLog & { entries: DeliveryAttempt[] } {
  const entries: DeliveryAttempt[] = [];
  return { entries, record: (e) => void entries.push(e) };
}

export const OPENED_AT = Date.UTC(2026, 2, 14, 3, 7, 0);

export function alert(overrides: Partial<AlertNotice> = {}): AlertNotice {
  return {
    alertId: '42',
    dedupKey: 'vigil/7/health',
    event: 'triggered',
    severity: 'SEV1',
    rule: 'connection.down',
    connection: { id: '7', name: 'Epic Production', vendor: 'epic', host: 'fhir.epic.example.org' },
    summary: 'CapabilityStatement failed 3 times: HTTP 503 from the FHIR endpoint',
    openedAt: OPENED_AT,
    details: { probe: 'capability', failures: 3 },
    ...overrides,
  };
}

export interface Rig {
  notifier: Notifier;
  secrets: ReturnType<typeof memorySecrets>;
  channels: ReturnType<typeof directory>;
  log: ReturnType<typeof capturedLogger>;
  deliveries: ReturnType<typeof memoryDeliveryLog>;
  /** Every backoff the queues asked to sleep; sleeping itself takes no time. */
  slept: number[];
}

/** A notifier over in-memory channels, secrets and logs, with instant backoff sleeps and fixed jitter. */
export function rig(channels: ChannelConfig[], secrets: Record<string, string>, extra: Partial<NotifierDeps> = {}): Rig {
  const slept: number[] = [];
  const r = {
    secrets: memorySecrets(secrets),
    channels: directory(channels),
    log: capturedLogger(),
    deliveries: memoryDeliveryLog(),
    slept,
  };
  const notifier = createNotifier({
    outbound: new OutboundGuard(),
    channels: r.channels,
    secrets: r.secrets,
    deliveryLog: r.deliveries,
    log: r.log,
    sleep: async (ms) => void slept.push(ms),
    random: () => 0.5,
    attemptTimeoutMs: 2_000,
    ...extra,
  });
  return { ...r, notifier };
}
