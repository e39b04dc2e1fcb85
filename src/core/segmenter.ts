/**
 * Word segmentation with jieba-wasm, loaded the same way in every host: the caller supplies the wasm
 * bytes (the extension reads them with vscode.workspace.fs, the CLI and tests from disk), so nothing
 * here touches a file system or fetches a URL.
 */
import { cut, initSync } from 'jieba-wasm/web';

export type Segment = (text: string) => string[];

let initialised = false;

/**
 * Loads jieba once per process from the bytes of `jieba_rs_wasm_bg.wasm`. Pass the Uint8Array itself,
 * never its `.buffer`: the view may sit at an offset inside a larger buffer.
 */
export function loadJieba(wasmBytes: Uint8Array): Segment {
  if (!initialised) {
    initSync({ module: wasmBytes });
    initialised = true;
  }
  return text => cut(text, true);
}
