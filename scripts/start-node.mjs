// `npm run start:node`: the real workbench with a Node extension host (code-server, VS Code 1.139.1) on
// localhost, with the extension loaded from this working copy and the bundled corpus (seeds/) open.
// Bound to 127.0.0.1 only: with `--auth none` whoever reaches the port gets a full editor and a shell.
// Run `npm run build` (or `npm run watch`) and "Developer: Reload Window" to pick up changes.
import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startCodeServer } from '../test/lib/codeServer.mjs';

const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`PORT must be a TCP port number, got "${process.env.PORT}"`);
  process.exit(2);
}

// Settings and opened editors persist between runs, like a writer's own VS Code.
const stateDir = resolve('.vscode-test/start-node-state');
const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const extensionsDir = join(stateDir, 'extensions');
const link = join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
mkdirSync(extensionsDir, { recursive: true });
if (existsSync(link) || isDanglingLink(link)) rmSync(link, { recursive: true, force: true });
symlinkSync(resolve('.'), link, 'dir');

const folder = resolve('seeds');
let server;
try {
  server = await startCodeServer({ stateDir, port, folder });
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
console.log(`\n讲稿助手 Speech Drafter (Node extension host, code-server) is being served with the bundled corpus open:\n\n    http://localhost:${server.port}/?folder=${encodeURI(folder)}\n`);
console.log('Only this machine can reach it (bound to 127.0.0.1). Run 讲稿助手: 显示运行环境 to see the Node host. Ctrl-C stops it.');

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.log('\nStopping code-server.');
    server.stop();
    process.exit(0);
  });
}
server.child.on('exit', code => {
  console.error(`code-server stopped (exit code ${code}).`);
  process.exit(code ?? 1);
});

function isDanglingLink(path) {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
