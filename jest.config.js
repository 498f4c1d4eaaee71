const preset = require('./jest.preset');

module.exports = {
  // Jest reads these only at the top level, not per project.
  testTimeout: 180_000,
  workerIdleMemoryLimit: '512MB',
  watchman: false,
  projects: [
    { ...preset, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'] },
    {
      ...preset,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts', '<rootDir>/tests/**/*.int-spec.ts'],
    },
  ],
};
