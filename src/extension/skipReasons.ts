import * as vscode from 'vscode';
import { classifySkipReason } from '../core/skipReasons';

/** A skip reason in the writer's language (the messages are checked against the bundle by a unit test). */
export function localizedReason(reason: string): string {
  const known = classifySkipReason(reason);
  return known ? vscode.l10n.t(known.message, ...known.details) : reason;
}
