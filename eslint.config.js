// The process boundaries of DESIGN.md, enforced here rather than by memory.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import boundaries from 'eslint-plugin-boundaries';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'tls', 'url', 'util', 'stream', 'events', 'worker_threads'];

export default tseslint.config(
  { ignores: ['.*/**', 'node_modules/', 'out/', 'dist/', 'test-results/', 'playwright-report/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src-main/**/*.ts', 'src-preload/**/*.ts', 'tests/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{ts,mjs,js}', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Only src-main/electron talks to Electron; the rest of main is plain Node.
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only src-main/electron/ may import electron.' }], patterns: [{ group: ['**/src-renderer/**', '**/src-preload/**'], message: 'Main does not import the renderer or preload.' }] }],
    },
  },
  {
    // A service folder's index.ts is its one public face: another folder imports nothing else of it
    // (DESIGN.md: "Other services import only that face"). Files directly in src-main (clock, events, log…)
    // belong to no folder and are shared by all. tests/unit/lint/service-faces.test.ts proves the rule fires.
    files: ['src-main/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { typescript: { project: './tsconfig.node.json' } },
      'boundaries/include': ['src-main/**/*.ts'],
      'boundaries/elements': [{ type: 'service', pattern: 'src-main/*' }],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          policies: [
            {
              to: { element: { type: 'service' } },
              disallow: { to: { element: { fileInternalPath: '!index.ts' } } },
              message: 'Import {{dependency.source}}: another service folder is reached only through its index.ts, never its inner files.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['electron', 'react'], patterns: [{ group: [...nodeBuiltins, '**/src-main/**', '**/src-renderer/**', '**/src-preload/**'], message: 'src-shared is plain TypeScript: no Node, DOM, Electron or process-specific imports.' }] }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['src-preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...nodeBuiltins, '**/src-main/**', '**/src-renderer/**'], message: 'The preload imports only electron (contextBridge/ipcRenderer) and src-shared.' }] }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}', 'tests/unit/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'The renderer reaches main only through window.vigil.' }], patterns: [{ group: [...nodeBuiltins, '**/src-main/**', '**/src-preload/**'], message: 'The renderer imports only itself and src-shared.' }] }],
    },
  },
);
