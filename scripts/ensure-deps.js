// Runs before `npm start` and `npm test` so that both work on a fresh clone exactly as the README
// says: it installs the locked dependencies when they are missing or older than package-lock.json.
// Plain JavaScript with no dependencies, because it runs before any are installed.
const { execSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { checkNodeVersion } = require('./supported-node');

checkNodeVersion();

const root = path.resolve(__dirname, '..');
const lock = path.join(root, 'package-lock.json');
const installed = path.join(root, 'node_modules', '.package-lock.json');

function stale() {
  if (!fs.existsSync(installed)) return true;
  return fs.statSync(lock).mtimeMs > fs.statSync(installed).mtimeMs + 1000;
}

if (stale()) {
  console.log('Installing dependencies (npm ci)…');
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
}
