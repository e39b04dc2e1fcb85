/**
 * `npm run snippets`: regenerates snippets/speech.code-snippets from the library mined from seeds/.
 * A unit test fails when the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { seedSnippetsText } from './seedSnippets';

writeFileSync('snippets/speech.code-snippets', seedSnippetsText());
console.log('snippets/speech.code-snippets written');
