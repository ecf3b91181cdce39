/**
 * The sandbox EHR in a process of its own, for `npm run bench -- monitor`
 * and `board`: its CPU is then not counted as Vigil's. Started through
 * bench/sandbox-child-client.ts with fork() and an IPC channel; it listens on 127.0.0.1 with requireAuth off
 * (connections use authMode 'none') and answers:
 *
 * - { type: 'urls', count } → { type: 'urls', urls }: virtualBaseUrl(0…count-1)
 * - { type: 'stats' } → { type: 'stats', cpuUs, rssBytes, requests }
 * - { type: 'close' } → closes the sandbox and exits
 *
 * It exits by itself when the parent goes away (the IPC channel closes), and
 * ignores Ctrl-C, which reaches the whole process group: the parent closes it
 * after Vigil, so no probe sees the EHR vanish before the monitor stops.
 */
import { startSandbox } from '../src-main/sandbox/sandbox';

export type ChildRequest = { type: 'urls'; count: number } | { type: 'stats' } | { type: 'close' };
export type ChildReply =
  | { type: 'ready'; baseUrl: string }
  | { type: 'urls'; urls: string[] }
  | { type: 'stats'; cpuUs: number; rssBytes: number; requests: number };

const send = (reply: ChildReply) => process.send?.(reply);

const sandbox = await startSandbox({ requireAuth: false });
let closing = false;
const close = async () => {
  if (closing) return;
  closing = true;
  await sandbox.close().catch(() => undefined);
  process.exit(0);
};

process.on('disconnect', () => void close());
process.on('SIGINT', () => undefined);
process.on('message', (message: ChildRequest) => {
  switch (message.type) {
    case 'urls':
      send({ type: 'urls', urls: Array.from({ length: message.count }, (_, n) => sandbox.virtualBaseUrl(n)) });
      break;
    case 'stats': {
      const cpu = process.cpuUsage();
      send({ type: 'stats', cpuUs: cpu.user + cpu.system, rssBytes: process.memoryUsage().rss, requests: sandbox.stats().requests });
      break;
    }
    case 'close':
      void close();
      break;
  }
});
send({ type: 'ready', baseUrl: sandbox.baseUrl });
