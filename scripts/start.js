// `npm start`: builds the bot when its compiled form in dist/ is missing or older than its
// sources, then runs dist/bot/main.js in this very process. package.json `exec`s it, so this is
// npm's own child: npm forwards SIGTERM/SIGINT to its child, and a `sh -c` in between (dash) did not
// pass them on — signalling `npm start` used to leave the bot and its database running.
// (`prestart` has checked Node's version and installed the dependencies.)
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const main = path.join(root, 'dist', 'bot', 'main.js');
const SOURCES = ['bot', 'cards', 'services', 'models'];
const INPUTS = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

function newest(file) {
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return /\.(ts|json)$/.test(file) ? stat.mtimeMs : 0;
  return Math.max(0, ...fs.readdirSync(file).map((name) => newest(path.join(file, name))));
}

function stale() {
  if (!fs.existsSync(main)) return true;
  const built = fs.statSync(main).mtimeMs;
  const sources = [...SOURCES, ...INPUTS].map((name) => newest(path.join(root, name)));
  return Math.max(...sources) > built;
}

if (stale()) {
  console.log('Building the bot (npm run build)…');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  // tsc leaves an unchanged output file alone: mark the build as newer than every source.
  const now = new Date();
  fs.utimesSync(main, now, now);
}
require(main);
