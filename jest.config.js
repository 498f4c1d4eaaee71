const preset = require('./jest.preset');

module.exports = {
  projects: [
    { ...preset, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...preset,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts', '<rootDir>/tests/**/*.int-spec.ts'],
      testTimeout: 180_000,
    },
  ],
};
