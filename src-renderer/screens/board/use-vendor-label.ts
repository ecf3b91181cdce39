import { useVendors } from '../../api/ehr';

/** A tile's vendor id as people know it ("Epic"); the id itself until the profiles arrive. */
export function useVendorLabel(): (vendor: string | null) => string | null {
  const vendors = useVendors();
  return (vendor) => (vendor === null ? null : (vendors.data?.vendors.find((v) => v.id === vendor)?.label ?? vendor));
}
