import type { VendorId } from '../../../src-shared/connection-config';
import type { VendorProfile } from '../../api/ehr';
import { Button } from '../../components/Button';
import { SelectField } from '../../components/Field';
import { FIELDS } from './connection-draft';

/** The vendor picker, what is odd about the chosen vendor, and its public sandboxes as one-press presets. */
export function VendorFields({ vendors, vendor, error, onVendor, onPreset }: {
  vendors: VendorProfile[];
  vendor: VendorProfile;
  error: string | undefined;
  onVendor: (vendor: VendorProfile) => void;
  onPreset: (preset: VendorProfile['sandboxes'][number]) => void;
}) {
  return (
    <div className="vendor-fields">
      <SelectField
        label="Vendor"
        name={FIELDS.vendor}
        value={vendor.id}
        hint="Choosing a vendor sets its sign-in method, scopes and rate limit."
        error={error}
        onChange={(event) => {
          const next = vendors.find((v) => v.id === (event.target.value as VendorId));
          if (next) onVendor(next);
        }}
      >
        {vendors.map((v) => (
          <option key={v.id} value={v.id}>
            {v.label}
          </option>
        ))}
      </SelectField>
      {vendor.quirks.length > 0 && (
        <div className="quirks">
          <p className="quirks-title">Known quirks of {vendor.label}</p>
          <ul>
            {vendor.quirks.map((quirk) => (
              <li key={quirk}>{quirk}</li>
            ))}
          </ul>
        </div>
      )}
      {vendor.sandboxes.length > 0 && (
        <div className="presets">
          <p className="presets-title">Fill in a public sandbox:</p>
          <ul>
            {vendor.sandboxes.map((preset) => (
              <li key={preset.baseUrl}>
                <Button variant="link" onClick={() => onPreset(preset)}>
                  {preset.label}
                </Button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
