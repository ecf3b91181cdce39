import type { VendorProfile } from '../../api/ehr';
import { Button } from '../../components/Button';
import { SelectField } from '../../components/Field';
import type { FieldBinding } from '../../lib/forms';

/** The vendor picker, what is odd about the chosen vendor, and its public sandboxes as one-press presets. */
export function VendorFields({ vendors, vendor, select, onPreset }: {
  vendors: VendorProfile[];
  vendor: VendorProfile;
  /** The vendor field; choosing one applies its defaults. */
  select: FieldBinding;
  onPreset: (preset: VendorProfile['sandboxes'][number]) => void;
}) {
  return (
    <div className="vendor-fields">
      <SelectField label="Vendor" hint="Choosing a vendor sets its sign-in method, scopes and rate limit." {...select}>
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
