// Must be imported before any test file: ES imports run first, and the tests call suite()/test() at load.
import 'mocha/mocha';
import { SilentReporter } from './runSuite';

mocha.setup({ ui: 'tdd', reporter: SilentReporter as unknown as Mocha.ReporterConstructor, timeout: 20000 });
