/** Which bundle of the suite is running: set by esbuild's `define` for each host. */
declare const __SUITE_HOST__: 'web' | 'node';
export const SUITE_HOST: 'web' | 'node' = __SUITE_HOST__;

export const EXTENSION_ID = 'speech-drafter.speech-drafter';
