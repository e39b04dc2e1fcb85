/** Command and view identifiers shared by the features, the manifest and the tests. */
export const CommandId = {
  openLibrary: 'speechDrafter.openLibrary',
  showRuntime: 'speechDrafter.showRuntime',
  showLog: 'speechDrafter.showLog',
  insertFromLibrary: 'speechDrafter.insertFromLibrary',
  insertEntry: 'speechDrafter.insertEntry',
  newDraft: 'speechDrafter.newDraft',
  expandOutline: 'speechDrafter.expandOutline',
  expandHeading: 'speechDrafter.expandHeading',
  renumber: 'speechDrafter.renumber',
  openSource: 'speechDrafter.openSource',
  rebuildLibrary: 'speechDrafter.rebuildLibrary',
  addCorpusFolder: 'speechDrafter.addCorpusFolder',
  enableMarkdownSuggestions: 'speechDrafter.enableMarkdownSuggestions',
  exportDocx: 'speechDrafter.exportDocx',
  checkOverlap: 'speechDrafter.checkOverlap',
  selectRanges: 'speechDrafter.selectRanges',
} as const;

export const LIBRARY_VIEW_ID = 'speechDrafter.library';
