// Must be imported before any test file: it puts suite()/test() on the global object, as mocha's CLI would.
import Mocha from 'mocha';
import { SilentReporter } from './runSuite';

export const nodeMocha = new Mocha({ ui: 'tdd', reporter: SilentReporter as unknown as Mocha.ReporterConstructor, timeout: 20000 });
nodeMocha.suite.emit('pre-require', globalThis, '', nodeMocha);
