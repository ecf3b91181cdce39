import { useCallback } from 'react';
import { useVendors } from '../../api/ehr';
import type { VendorLabel } from './board-filter';

/** A tile's vendor id as people know it ("Epic"); the id itself until the profiles arrive. Stable while the profiles are. */
export function useVendorLabel(): VendorLabel {
  const vendors = useVendors().data?.vendors;
  return useCallback((vendor) => (vendor === null ? null : (vendors?.find((v) => v.id === vendor)?.label ?? vendor)), [vendors]);
}
