// Runs the test suites in order, then prints one closing line that counts
// every test of every runner: "tests: N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = 'test-results';
mkdirSync(results, { recursive: true });

const suites = [
  {
    name: 'vitest (unit and integration)',
    cmd: ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}/vitest.json`],
    report: `${results}/vitest.json`,
    count: (report) => {
      const r = JSON.parse(readFileSync(report, 'utf8'));
      return { passed: r.numPassedTests, failed: r.numFailedTests + (r.numTotalTestSuites > 0 && !r.success && r.numFailedTests === 0 ? 1 : 0) };
    },
  },
  {
    // Builds with electron-vite and starts its own hosts; playwright.config.ts writes the JSON report.
    name: 'playwright (end-to-end)',
    cmd: ['playwright', 'test'],
    report: `${results}/playwright.json`,
    count: (report) => {
      const { stats } = JSON.parse(readFileSync(report, 'utf8'));
      // A flaky test passed only on a retry: it counts as failed here.
      return { passed: stats.expected, failed: stats.unexpected + stats.flaky };
    },
  },
  {
    // Not a test runner: a security scan of main and preload that must find nothing above LOW.
    name: 'electronegativity (Electron security scan)',
    cmd: ['node', 'scripts/electronegativity.mjs'],
  },
];

let passed = 0;
let failed = 0;
let ok = true;
for (const suite of suites) {
  console.log(`== ${suite.name}`);
  // An old report must not stand in for a runner that crashed this time.
  if (suite.report) rmSync(suite.report, { force: true });
  const [bin, ...args] = suite.cmd;
  const run = bin === 'node'
    ? spawnSync(process.execPath, args, { stdio: 'inherit', env: process.env })
    : spawnSync('npx', ['--no-install', ...suite.cmd], { stdio: 'inherit', env: process.env });
  if (run.status !== 0) ok = false;
  if (!suite.count) continue;
  try {
    const c = suite.count(suite.report);
    passed += c.passed;
    failed += c.failed;
  } catch {
    // A runner that crashed before writing its report counts as one failure.
    failed += 1;
  }
}
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
