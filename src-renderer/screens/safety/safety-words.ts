import { LEVEL_WORDS, type Direction, type Level } from '../../../src-shared/contract';
import type { IconName } from '../../components/Icon';
import type { StatusTone } from '../../components/StatusLabel';

export const LEVEL_TONE: Record<Level, StatusTone> = { ok: 'ok', warning: 'warn', critical: 'bad', no_data: 'muted' };
export const LEVEL_ICON: Record<Level, IconName> = { ok: 'check', warning: 'warning', critical: 'ban', no_data: 'info' };

export const levelWord = (level: Level) => LEVEL_WORDS[level];

/** 0.9731 → "97.3 %". */
export function percent(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)} %`;
}

export function directionWords(direction: Direction): string {
  return direction === 'higher' ? 'Higher is better' : 'Lower is better';
}

/** "Warning below 95.0 %, critical below 90.0 %" in the indicator's direction. */
export function thresholdWords(direction: Direction, warning: number, critical: number): string {
  const side = direction === 'higher' ? 'below' : 'above';
  return `Warning ${side} ${percent(warning)}, critical ${side} ${percent(critical)}`;
}
