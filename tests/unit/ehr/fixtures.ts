import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The vendor documents in tests/fixtures/vendors (byte copies; see SOURCES.md there). */
export function vendorFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(join(__dirname, '../../fixtures/vendors', name), 'utf8')) as T;
}
