#!/usr/bin/env node
// Copies the Docker build context (the repository's files less what .dockerignore drops, with Docker's rules:
// patterns are anchored at the root, `**` spans directories, a matched directory drops everything under it, `!`
// re-includes, the last matching line wins) into a directory, so CI can check that what the image builds compiles.
// Usage: node tools/ci/docker-context.js <out-dir>
'use strict';
const { execFileSync } = require('node:child_process');
const { cpSync, mkdirSync, readFileSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const out = process.argv[2];
if (!out) {
  process.stderr.write('usage: node tools/ci/docker-context.js <out-dir>\n');
  process.exit(64);
}

function toRegExp(pattern) {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      // `**/` matches zero or more directories; a trailing `**` matches everything.
      if (pattern[i + 2] === '/') {
        re += '(?:.*/)?';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // A pattern that names a directory also drops everything below it.
  return new RegExp(`^${re}(?:/.*)?$`);
}

const rules = readFileSync(path.join(root, '.dockerignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => {
    const negate = l.startsWith('!');
    const pattern = path.posix.normalize((negate ? l.slice(1) : l).replace(/^\/+/, '')).replace(/\/+$/, '');
    return { negate, re: toRegExp(pattern) };
  });

const ignored = (file) => rules.reduce((drop, r) => (r.re.test(file) ? !r.negate : drop), false);

// Tracked files plus new, not git-ignored ones: what a user's checkout holds.
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter(Boolean);
let kept = 0;
mkdirSync(out, { recursive: true });
for (const file of files) {
  if (ignored(file)) continue;
  try {
    mkdirSync(path.join(out, path.dirname(file)), { recursive: true });
    cpSync(path.join(root, file), path.join(out, file));
    kept++;
  } catch (error) {
    if (error.code !== 'ENOENT') throw error; // deleted in the work tree but still in the index
  }
}
process.stdout.write(`[docker-context] ${kept} of ${files.length} files in ${out}\n`);
