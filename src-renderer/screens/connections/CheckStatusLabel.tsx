import type { CheckResult } from '../../../src-shared/contract';
import { StatusWord } from './StatusWord';

const WORDS: Record<CheckResult['status'], string> = {
  running: 'Running…',
  pass: 'Pass',
  warn: 'Warn',
  fail: 'Fail',
  skip: 'Skipped',
};

export function CheckStatusLabel({ status }: { status: CheckResult['status'] }) {
  return <StatusWord status={status}>{WORDS[status]}</StatusWord>;
}
