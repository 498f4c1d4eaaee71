// Flat config: typescript-eslint (type-unaware, so a full run stays fast) plus Nx module boundaries.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const services = ['identity', 'batch-record', 'inventory', 'qc-release', 'notification'];
const testFiles = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/*.fakes.ts', 'tests/**/*.ts'];

/** type:* says which layer may use which; scope:* keeps each app to itself and the shared libraries. */
function depConstraints({ tests }) {
  const testing = tests ? ['type:testing'] : [];
  return [
    { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contracts', 'type:platform', ...testing] },
    { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:contracts', ...testing] },
    {
      sourceTag: 'type:contracts',
      // Contracts are plain schemas shared by every service: no Nest, no I/O clients.
      onlyDependOnLibsWithTags: testing,
      bannedExternalImports: ['@nestjs/*', 'typeorm', 'kafkajs', 'bullmq', 'ioredis', 'pg'],
    },
    { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:platform'] },
    ...services.map((s) => ({ sourceTag: `scope:${s}`, onlyDependOnLibsWithTags: [`scope:${s}`, 'scope:shared'] })),
    { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  ];
}

const boundaries = (tests) => ['error', { enforceBuildableLibDependency: false, allow: [], depConstraints: depConstraints({ tests }) }];

export default defineConfig(
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', '.nx/**', 'coverage/**'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    plugins: { '@nx': nx },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@nx/enforce-module-boundaries': boundaries(false),
      // Warnings, not errors: existing code uses these at boundaries (zod inference, Nest metadata, catch clauses).
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: testFiles,
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: { '@nx/enforce-module-boundaries': boundaries(true) },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },
  {
    files: ['**/*.mjs'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'module', globals: { ...globals.node } },
  },
);
