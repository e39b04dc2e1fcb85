// @ts-check
// The library panel's script. It keeps its state with the webview state API rather than
// retainContextWhenHidden, so a hidden panel costs nothing.
(function () {
  const vscode = acquireVsCodeApi();
  const state = vscode.getState() || {};
  window.addEventListener('scroll', () => vscode.setState({ ...state, scrollY: window.scrollY }));
  if (typeof state.scrollY === 'number') window.scrollTo(0, state.scrollY);
})();
