// Development aid: screenshots a running workbench (`npm start` or `npm run start:node`) in headless
// Chromium, optionally after running commands from the command palette.
//   node scripts/screenshot.mjs URL OUT.png ["Command palette text" | "file:NAME" | "type:TEXT" ...]
// "file:NAME" opens a file through Quick Open; "type:TEXT" types into the active editor; "key:KEY" presses a key
// (Playwright names, e.g. "Alt+Slash").
import { chromium } from 'playwright-core';
import { rmSync } from 'node:fs';
import { CHROMIUM_ARGS, CHROMIUM_MISSING, findChromium } from '../test/lib/chromium.mjs';
import { createChromiumProfile } from '../test/lib/persistentChromium.mjs';

const [url, out, ...commands] = process.argv.slice(2);
if (!url || !out) {
  console.error('usage: node scripts/screenshot.mjs URL OUT.png ["command palette text" ...]');
  process.exit(2);
}
const executablePath = findChromium();
if (!executablePath) {
  console.error(CHROMIUM_MISSING);
  process.exit(1);
}
const profile = createChromiumProfile();
const context = await chromium.launchPersistentContext(profile, {
  executablePath, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1400, height: 860 }, locale: process.env.SCREENSHOT_LOCALE ?? 'zh-CN',
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  await page.waitForTimeout(5000);
  for (const command of commands) {
    if (command.startsWith('key:')) {
      await page.keyboard.press(command.slice(4));
      await page.waitForTimeout(1500);
      continue;
    }
    if (command.startsWith('type:')) {
      await page.keyboard.type(command.slice(5));
      await page.waitForTimeout(1500);
      continue;
    }
    await page.keyboard.press(command.startsWith('file:') ? 'Control+P' : 'F1');
    await page.waitForTimeout(500);
    await page.keyboard.type(command.replace(/^file:/, ''));
    await page.waitForTimeout(800);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(2500);
  }
  await page.screenshot({ path: out });
  console.log(`screenshot written to ${out}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
