import { create } from 'zustand';
import type { KpiId, KpiRange } from '../../../src-shared/contract';
import type { Breakdown } from './BreakdownTables';

interface KpiView {
  range: KpiRange;
  /** The KPI drawn in the large chart. */
  charted: KpiId;
  breakdown: Breakdown;
  set(change: Partial<Omit<KpiView, 'set'>>): void;
}

/** Where a person is on the KPI screen, kept outside it so going elsewhere and back finds it as it was. */
export const useKpiView = create<KpiView>()((set) => ({ range: { preset: '7d' }, charted: 'volume', breakdown: 'priority', set: (change) => set(change) }));
