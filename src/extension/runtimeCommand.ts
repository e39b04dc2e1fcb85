import * as vscode from 'vscode';
import { CommandId } from './commandIds';
import type { HostInfo } from './host';

export interface RuntimeReport {
  readonly host: HostInfo['kind'];
  readonly runtime: string;
  readonly extensionVersion: string;
  readonly vscodeVersion: string;
  readonly uiKind: 'desktop' | 'web';
}

/**
 * 讲稿助手: 显示运行环境 — says which extension host runs the extension (Node or web worker).
 * A writer sending a bug report needs it, and the tests use its return value to prove which bundle is live.
 */
export function registerRuntimeCommand(context: vscode.ExtensionContext, host: HostInfo, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.showRuntime, (): RuntimeReport => {
    const report: RuntimeReport = {
      host: host.kind,
      runtime: host.runtime,
      extensionVersion: String(context.extension.packageJSON.version),
      vscodeVersion: vscode.version,
      uiKind: vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop',
    };
    const hostName = host.kind === 'node' ? vscode.l10n.t('Node.js extension host') : vscode.l10n.t('web extension host (browser worker)');
    log.info(`Runtime: ${JSON.stringify(report)}`);
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Speech Drafter {0} runs in the {1} ({2}), VS Code {3}.', report.extensionVersion, hostName, report.runtime, report.vscodeVersion),
    );
    return report;
  });
}

export function registerShowLogCommand(log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.showLog, () => log.show(true));
}
