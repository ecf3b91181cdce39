/** An HTTP check under the outbound rules, a person's decision, and a sandbox fault for drills. */
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { z } from 'zod';
import { SandboxStatePatchSchema } from '../../../src-shared/sandbox-state';
import { ROLES } from '../../../src-shared/roles';
import { action, StepFailure } from './action';
import type { ActionDeps } from './deps';

const MAX_BODY_BYTES = 64 * 1024;

export function otherActions(deps: ActionDeps) {
  return [
    action({
      name: 'http_check',
      summary: 'Request a URL and check its status and time (under the outbound rules)',
      inputs: z
        .object({
          url: z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' }),
          expect_status: z.number().int().min(100).max(599).default(200),
          max_ms: z.number().int().min(1).max(120_000).default(2_000),
        })
        .strict(),
      describe: (i) => `GET ${i.url}; expect ${i.expect_status} within ${i.max_ms} ms.`,
      defaultTimeoutMs: 60_000,
      run: async ({ inputs, signal, log }) => {
        try {
          deps.outbound.checkUrl(inputs.url);
        } catch (err) {
          throw new StepFailure(err instanceof Error ? err.message : String(err));
        }
        // Names resolve through the outbound rules too, so a name pointing at a refused address is refused before any socket opens.
        const agent = new Agent({ connect: { lookup: deps.outbound.lookup } });
        const started = performance.now();
        const status = await (async () => {
          const res = await request(inputs.url, { method: 'GET', dispatcher: agent, signal });
          let read = 0;
          for await (const chunk of res.body) {
            read += (chunk as Buffer).length;
            if (read > MAX_BODY_BYTES) break;
          }
          return res.statusCode;
        })().finally(() => agent.destroy());
        const ms = Math.round(performance.now() - started);
        log(`${status} in ${ms} ms`);
        const outputs = { status: status, ms };
        if (status !== inputs.expect_status) throw new StepFailure(`Expected ${inputs.expect_status}, got ${status}.`, outputs);
        if (ms > inputs.max_ms) throw new StepFailure(`It took ${ms} ms, over ${inputs.max_ms} ms.`, outputs);
        return outputs;
      },
    }),
    action({
      name: 'wait_decision',
      summary: 'Pause for a person’s decision: a question and choices',
      inputs: z
        .object({
          question: z.string().trim().min(3).max(500),
          choices: z.array(z.string().trim().min(1).max(100)).min(1).max(10),
          roles: z.array(z.enum(ROLES)).min(1).default(['admin']),
          /** Choices that fail the step (say "escalate"), so the run's result tells. */
          failing: z.array(z.string()).default([]),
        })
        .strict(),
      describe: (i) => `Ask ${i.roles.join(' or ')}: “${i.question}” (${i.choices.join(' / ')}).`,
      defaultTimeoutMs: 24 * 3_600_000,
      run: async ({ inputs, decide, log }) => {
        const { choice, by } = await decide(inputs.question, inputs.choices, inputs.roles);
        log(`${by} chose ${choice}`);
        if (inputs.failing.includes(choice)) throw new StepFailure(`${by} chose ${choice}.`, { choice, by });
        return { choice, by };
      },
    }),
    action({
      name: 'sandbox_fault',
      summary: 'Set the embedded sandbox EHR’s fault switches (sandbox only, for drills)',
      inputs: z.object({ change: SandboxStatePatchSchema }).strict(),
      describe: (i) => `Change the sandbox EHR: ${JSON.stringify(i.change)}.`,
      defaultTimeoutMs: 30_000,
      run: async ({ inputs, log }) => {
        const info = await deps.connections.setSandbox(inputs.change);
        log(`Sandbox now: ${JSON.stringify(info.state.faults)}`);
        return { running: info.running };
      },
    }),
  ];
}
