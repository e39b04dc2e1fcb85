// `npm start`: serves VS Code for the Web on localhost with the extension loaded and the bundled corpus
// (seeds/) open. No browser is started here: open the printed URL in yours. Ctrl-C stops it.
import { open } from '@vscode/test-web';
import { resolve } from 'node:path';
import { prepareCodeOssBuild } from '../test/lib/codeOss.mjs';

const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`PORT must be a TCP port number, got "${process.env.PORT}"`);
  process.exit(2);
}

const server = await open({
  ...prepareCodeOssBuild(),
  browserType: 'none',
  host: 'localhost',
  port,
  extensionDevelopmentPath: resolve('.'),
  folderPath: resolve('seeds'),
  printServerLog: false,
});

console.log(`\n讲稿助手 Speech Drafter (web extension host) is being served with the bundled corpus open:\n\n    http://localhost:${port}/\n`);
console.log('Open it in Chromium, Chrome or Edge on this machine (use "localhost", not 127.0.0.1: webviews need it). Ctrl-C stops the server.');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the workbench server.');
    server.dispose();
    process.exit(0);
  });
}
