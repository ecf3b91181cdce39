/**
 * Runs an executable an admin allow-listed: its absolute path, spawned
 * without a shell, with the entry's argument template where each `{name}`
 * takes the step's value within that one argument, so a value such as
 * `; rm -rf /` is only ever text handed to the program. Output is redacted
 * and bounded, and the signal (cancel, timeout) kills it.
 */
import { spawn } from 'node:child_process';
import { z } from 'zod';
import { action, StepFailure } from './action';
import type { ActionDeps } from './deps';

const MAX_OUTPUT_LINES = 500;
const PLACEHOLDER = /\{([a-z][a-z0-9_]*)\}/g;

/** The argv for an entry's template and the step's values: each {name} is replaced by its value, and a {name} the step gives no value for is refused. */
export function buildArgs(template: readonly string[], values: Record<string, string | number | boolean>): string[] {
  return template.map((part) =>
    part.replace(PLACEHOLDER, (_, name: string) => {
      if (!(name in values)) throw new StepFailure(`The allow-list entry needs a value for {${name}}.`);
      return String(values[name]);
    }),
  );
}

export function execAction(deps: ActionDeps) {
  return action({
    name: 'exec',
    summary: 'Run an executable an admin allow-listed (no shell; values as separate arguments)',
    inputs: z.object({ command: z.string().min(1).max(40), args: z.record(z.string(), z.union([z.string().max(2_000), z.number(), z.boolean()])).default({}) }).strict(),
    describe: (i) => {
      const entry = deps.execEntry(i.command);
      return entry ? `Run ${entry.path} ${JSON.stringify(buildArgs(entry.args, i.args))} (no shell).` : `Run ${i.command}: not on the allow-list, so it would be refused.`;
    },
    defaultTimeoutMs: 60_000,
    run: ({ inputs, signal, log }) => {
      const entry = deps.execEntry(inputs.command);
      if (!entry) return Promise.reject(new StepFailure(`${inputs.command} is not on the exec allow-list; only an admin can add it there.`));
      const argv = buildArgs(entry.args, inputs.args);
      return new Promise((done, fail) => {
        const child = spawn(entry.path, argv, { shell: false, stdio: ['ignore', 'pipe', 'pipe'], signal, timeout: entry.timeoutMs, env: { PATH: '/usr/bin:/bin' } });
        let lines = 0;
        let dropped = 0;
        const take = (stream: NodeJS.ReadableStream) => {
          let rest = '';
          stream.setEncoding('utf8');
          stream.on('data', (chunk: string) => {
            const parts = (rest + chunk).split('\n');
            rest = parts.pop() ?? '';
            for (const line of parts) emit(line);
          });
          stream.on('end', () => rest && emit(rest));
        };
        const emit = (line: string) => {
          if (lines >= MAX_OUTPUT_LINES) {
            dropped += 1;
            return;
          }
          lines += 1;
          log(deps.redact(line));
        };
        take(child.stdout);
        take(child.stderr);
        child.on('error', (err) => fail(signal.aborted ? signal.reason : new StepFailure(`${entry.path} could not run: ${err.message}`)));
        child.on('close', (code, sig) => {
          if (dropped > 0) log(`(${dropped} more lines not kept)`);
          const outputs = { exitCode: code, lines, dropped };
          if (code === 0) done(outputs);
          else fail(new StepFailure(sig ? `${entry.path} was stopped (${sig}).` : `${entry.path} exited with ${code}.`, outputs));
        });
      });
    },
  });
}
