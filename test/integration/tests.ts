// Every integration test file, in one place for both host bundles.
import './activation.test';
import './drafting.test';
import './completion.test';
import './corpusFolders.test';
import './export.test';
import './realSpeeches.test';
import './formats.test';
import './overlap.test';
