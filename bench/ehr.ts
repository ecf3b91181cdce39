/**
 * The EHR client's costs against a local server on 127.0.0.1: its overhead
 * per call over raw undici on the same pooled server (goal ≤ 1.1×), what
 * keep-alive pooling buys over a new connection per call, private_key_jwt
 * token acquisition, and a call with a cached token.
 */
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { generateSigningKey, publicJwks } from '../src-main/ehr/auth/keys';
import type { SigningAlg } from '../src-shared/connection-config';
import { createFhirClient, type FhirClient } from '../src-main/ehr/fhir-client';
import { startFhirTestServer } from '../tests/helpers/fhir-test-server';
import type { BenchResult } from './result';

const RATE = 10_000_000;

/** Mean µs per call of `fn`, run `n` times in sequence after a warm-up. */
async function perCall(n: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(200, n); i++) await fn();
  const t = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return ((performance.now() - t) * 1000) / n;
}

/**
 * Mean µs per call of a and b, alternating call by call (and which goes first),
 * so that load from anything else on the machine hits both alike.
 */
async function paired(n: number, a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[number, number]> {
  for (let i = 0; i < Math.min(500, n); i++) {
    await a();
    await b();
  }
  let ta = 0;
  let tb = 0;
  for (let i = 0; i < n; i++) {
    const [first, second] = i % 2 === 0 ? [a, b] : [b, a];
    const t0 = performance.now();
    await first();
    const t1 = performance.now();
    await second();
    const t2 = performance.now();
    if (first === a) {
      ta += t1 - t0;
      tb += t2 - t1;
    } else {
      tb += t1 - t0;
      ta += t2 - t1;
    }
  }
  return [(ta * 1000) / n, (tb * 1000) / n];
}

/** The median of `rounds` interleaved measurements of a and b, so drift hits both alike. */
async function interleaved(rounds: number, a: () => Promise<number>, b: () => Promise<number>): Promise<[number, number]> {
  const as: number[] = [];
  const bs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    as.push(await a());
    bs.push(await b());
  }
  const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  return [median(as), median(bs)];
}

const round = (x: number, digits = 1) => Number(x.toFixed(digits));

export async function run({ quick }: { quick: boolean }): Promise<BenchResult[]> {
  const n = quick ? 500 : 4_000;
  const rounds = quick ? 3 : 7;
  const results: BenchResult[] = [];
  const open = await startFhirTestServer({ auth: 'none' });
  const pool = new Pool(open.origin, { connections: 8 });
  const plain = createFhirClient({ name: 'bench', vendor: 'generic', baseUrl: open.baseUrl, authMode: 'none', rateLimitPerHour: RATE }, { secrets: {} });
  const readPlain = () => plain.read('Patient', 'p1');
  const readRaw = async () => {
    const res = await pool.request({ path: '/fhir/Patient/p1', method: 'GET', headers: { accept: 'application/fhir+json' } });
    return JSON.parse(await res.body.text()) as unknown;
  };
  try {
    const raw = () => perCall(n, readRaw);
    const [clientUs, rawUs] = await paired(n * 2, readPlain, readRaw);
    results.push({ name: 'request.raw_undici', value: round(rawUs), unit: 'us/call' });
    results.push({ name: 'request.client', value: round(clientUs), unit: 'us/call', baseline: round(rawUs), ratio: round(clientUs / rawUs, 3) });

    const fresh = () =>
      perCall(Math.floor(n / 4), async () => {
        const res = await pool.request({ path: '/fhir/Patient/p1', method: 'GET', reset: true });
        return res.body.json();
      });
    const [pooledUs, freshUs] = await interleaved(rounds, raw, fresh);
    const perSecond = (us: number) => round(1e6 / us, 0);
    results.push({ name: 'throughput.new_connection', value: perSecond(freshUs), unit: 'calls/s' });
    results.push({ name: 'throughput.pooled', value: perSecond(pooledUs), unit: 'calls/s', baseline: perSecond(freshUs), ratio: round(freshUs / pooledUs, 2) });

    for (const alg of ['RS384', 'ES384'] as SigningAlg[]) {
      const key = await generateSigningKey(alg);
      const s = await startFhirTestServer({ auth: 'private_key_jwt', jwks: publicJwks([key]) });
      // The client's clock jumps a token lifetime per call so that every
      // token() misses the cache; the token endpoint's expiry check stays happy.
      let offset = 0;
      const client: FhirClient = createFhirClient(
        { name: 'bench', vendor: 'generic', baseUrl: s.baseUrl, authMode: 'private_key_jwt', clientId: 'vigil-test-client', tokenEndpoint: s.tokenUrl, rateLimitPerHour: RATE },
        { secrets: { privateKey: key.privateKeyPem }, clock: { now: () => Date.now() + offset } },
      );
      try {
        const tokenUs = await perCall(quick ? 20 : 200, () => {
          offset += 3_600_000;
          return client.token();
        });
        results.push({ name: `token.private_key_jwt_${alg.toLowerCase()}`, value: round(tokenUs / 1000, 2), unit: 'ms' });
        if (alg === 'ES384') {
          const [cachedUs, noAuthUs] = await paired(n, () => client.read('Patient', 'p1'), readPlain);
          results.push({ name: 'request.cached_token', value: round(cachedUs), unit: 'us/call', baseline: round(noAuthUs), ratio: round(cachedUs / noAuthUs, 3) });
        }
      } finally {
        await Promise.all([client.close(), s.close()]);
      }
    }
  } finally {
    await Promise.all([pool.close(), plain.close()]);
    await open.close();
  }
  return results;
}
