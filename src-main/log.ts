/**
 * The main process's log: one JSON object per line. Fields pass through the
 * PHI redactor, and any field whose name says it holds a secret is dropped,
 * so neither can reach a log file by accident.
 */
import { redactDeep } from './phi';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogSink = (line: string) => void;

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const SECRET_FIELD = /pass(word)?|secret|token|private.?key|api.?key|authorization|cookie|routing.?key|webhook/i;

function scrubSecrets(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrubSecrets(v, depth + 1));
  if (value instanceof Error) return { name: value.name, message: value.message };
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET_FIELD.test(k) ? '[hidden]' : scrubSecrets(v, depth + 1)]),
  );
}

export function createLogger(opts: { sink?: LogSink; level?: LogLevel } = {}): Logger {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
  const min = order.indexOf(opts.level ?? 'info');
  const sink = opts.sink ?? ((line: string) => process.stderr.write(line + '\n'));
  const write = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (order.indexOf(level) < min) return;
    const safe = fields ? (redactDeep(scrubSecrets(fields)) as Record<string, unknown>) : {};
    sink(JSON.stringify({ time: new Date().toISOString(), level, message: redactDeep(message), ...safe }));
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
