import { nodeMocha } from './setupNode';
import './tests';
import { runMochaSuite } from './runSuite';

/** Called by a Node extension host (code-server, or desktop VS Code for the desktop tier). */
export function run(): Promise<void> {
  return runMochaSuite(nodeMocha, process.env.SPEECH_DRAFTER_TEST_TIER ?? 'node');
}
