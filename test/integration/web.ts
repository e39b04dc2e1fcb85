import './setupWeb';
import './tests';
import { runMochaSuite } from './runSuite';

/** Called by the web extension host once the workbench has loaded the extension under test. */
export function run(): Promise<void> {
  return runMochaSuite(mocha, 'web');
}
