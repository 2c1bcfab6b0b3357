// Type-aware lint. The import restrictions keep the runtime boundaries described in ARCHITECTURE.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noVscode = { name: 'vscode', message: 'Only client/ may import vscode (see ARCHITECTURE.md).' };
const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'net', 'http', 'https', 'tls', 'crypto', 'stream', 'events', 'util', 'url', 'zlib', 'worker_threads', 'perf_hooks', 'process'];
const noNode = nodeBuiltins.flatMap((m) => [
  { name: m, message: 'This folder must stay free of Node APIs (see ARCHITECTURE.md).' },
  { name: `node:${m}`, message: 'This folder must stay free of Node APIs (see ARCHITECTURE.md).' },
]);

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.e2e/**', 'test/fixtures/**', '**/*.mjs', '**/*.cjs', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', name: ['test', 'it', 'describe', 'suite'], package: 'node:test' }] },
      ],
      '@typescript-eslint/no-namespace': ['error', { allowDeclarations: false }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  { files: ['engine/**', 'server/**', 'scenario/**', 'common/**'], rules: { 'no-restricted-imports': ['error', { paths: [noVscode] }] } },
  { files: ['engine/**', 'server/**'], ignores: ['engine/cli/**', 'engine/demo/**'], rules: { 'no-console': 'error' } },
  { files: ['scenario/**', 'common/**', 'webview/**'], rules: { 'no-restricted-imports': ['error', { paths: [noVscode, ...noNode] }] } },
  { files: ['test/**'], rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/unbound-method': 'off' } },
);
