/**
 * Starts bench/sandbox-child.ts (the sandbox EHR in a process of its own, so
 * its CPU is not counted as Vigil's) and talks to it over the IPC channel.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildReply, ChildRequest } from './sandbox-child';

export interface SandboxChild {
  ask<T extends ChildReply['type']>(request: ChildRequest, reply: T): Promise<Extract<ChildReply, { type: T }>>;
  stop(): Promise<void>;
}

export async function startSandboxChild(bench: string): Promise<SandboxChild> {
  const script = fileURLToPath(new URL('./sandbox-child.ts', import.meta.url));
  const proc: ChildProcess = fork(script, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  // A send to a child that has just gone is an 'error' event, which must not end the bench before it has cleaned up.
  proc.on('error', (err) => console.error(`# ${bench} bench: sandbox child: ${err.message}`));
  const send = (request: ChildRequest) => {
    if (proc.connected) proc.send(request, (err) => err && console.error(`# ${bench} bench: sandbox child: ${err.message}`));
  };
  const next = <T extends ChildReply['type']>(type: T) =>
    new Promise<Extract<ChildReply, { type: T }>>((resolve, reject) => {
      const onMessage = (m: ChildReply) => {
        if (m.type !== type) return;
        done();
        resolve(m as Extract<ChildReply, { type: T }>);
      };
      const onExit = (code: number | null) => {
        done();
        reject(new Error(`The sandbox child exited (code ${code}) before answering ${type}.`));
      };
      const done = () => {
        proc.off('message', onMessage);
        proc.off('exit', onExit);
      };
      proc.on('message', onMessage);
      proc.once('exit', onExit);
    });
  await next('ready');
  return {
    ask: (request, reply) => {
      const answer = next(reply);
      send(request);
      return answer;
    },
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      send({ type: 'close' });
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
