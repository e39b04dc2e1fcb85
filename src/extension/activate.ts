import * as vscode from 'vscode';
import { CommandId, LIBRARY_VIEW_ID } from './commandIds';
import type { HostInfo } from './host';
import { registerLibraryView } from './libraryView';
import { createLog } from './log';
import { registerRuntimeCommand, registerShowLogCommand } from './runtimeCommand';
import { registerDraftStatusBar, type DraftStatusSnapshot } from './statusBar';

/** What `activate` returns: read by the integration tests, never needed by writers. */
export interface SpeechDrafterApi {
  readonly host: HostInfo['kind'];
  draftStatus(): DraftStatusSnapshot;
}

/**
 * Wires every feature; does no work of its own. Mining, segmenter loading and file scans never run here:
 * each feature starts them lazily when a writer first needs them.
 */
export function activateShared(context: vscode.ExtensionContext, host: HostInfo): SpeechDrafterApi {
  const log = createLog();
  const statusBar = registerDraftStatusBar();
  context.subscriptions.push(
    log,
    registerRuntimeCommand(context, host, log),
    registerShowLogCommand(log),
    registerLibraryView(context, log),
    vscode.commands.registerCommand(CommandId.openLibrary, () => vscode.commands.executeCommand(`${LIBRARY_VIEW_ID}.focus`)),
    statusBar.disposable,
  );
  log.info(`Activated in the ${host.kind} extension host (${host.runtime})`);
  return { host: host.kind, draftStatus: statusBar.snapshot };
}
