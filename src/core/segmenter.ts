/**
 * Word segmentation with jieba-wasm, loaded the same way in every host: the caller supplies the wasm
 * bytes (the extension reads them with vscode.workspace.fs, the CLI and tests from disk), so nothing
 * here touches a file system or fetches a URL.
 */
import { cut, initSync, tag } from 'jieba-wasm/web';

export type Segment = (text: string) => string[];
/** Each word of a text with its part of speech (jieba's tags: `v` verb, `d` adverb, `n` noun, `vn` verbal noun, …). */
export type TagWords = (text: string) => { word: string; tag: string }[];

let initialised = false;

/**
 * Loads jieba once per process from the bytes of `jieba_rs_wasm_bg.wasm`. Pass the Uint8Array itself,
 * never its `.buffer`: the view may sit at an offset inside a larger buffer.
 */
export function loadJieba(wasmBytes: Uint8Array): Segment {
  initialiseOnce(wasmBytes);
  return text => cut(text, true);
}

/** The part-of-speech tagger of the same jieba, loaded the same way. */
export function loadJiebaTagger(wasmBytes: Uint8Array): TagWords {
  initialiseOnce(wasmBytes);
  return text => tag(text, true).map(({ word, tag: wordClass }) => ({ word, tag: wordClass }));
}

function initialiseOnce(wasmBytes: Uint8Array): void {
  if (initialised) return;
  initSync({ module: wasmBytes });
  initialised = true;
}
