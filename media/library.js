// @ts-check
// The library panel's script: it renders what the extension sends and reports what the writer does.
// Every corpus string goes into the page with textContent, never as HTML. State (search, genre, open
// groups, scroll position) is kept with the webview state API rather than retainContextWhenHidden, so a
// hidden panel costs nothing and comes back as it was left.
(function () {
  const vscode = acquireVsCodeApi();
  /** @type {{ query?: string, genre?: string, open?: Record<string, boolean>, scrollY?: number }} */
  const saved = vscode.getState() || {};
  const root = /** @type {HTMLElement} */ (document.getElementById('library'));
  /** @type {Record<string, string>} */
  let strings = {};
  let firstRender = true;
  /** @type {HTMLElement | null} */
  let previewBox = null;

  function save(patch) {
    Object.assign(saved, patch);
    vscode.setState(saved);
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function format(template, value) {
    return (template || '').replace('{0}', String(value));
  }

  function renderStatus(text) {
    root.replaceChildren(el('p', 'status', text));
    root.firstElementChild?.setAttribute('role', 'status');
  }

  /** The toolbar is built once and kept: rebuilding the search box would break an input method's composition. */
  let toolbar = null;
  function ensureToolbar(state) {
    if (!toolbar) {
      const bar = el('div', 'toolbar');
      const search = /** @type {HTMLInputElement} */ (el('input', 'search'));
      search.type = 'search';
      search.value = state.query;
      const genreSelect = /** @type {HTMLSelectElement} */ (el('select', 'genre'));
      const sendSearch = () => {
        save({ query: search.value, genre: genreSelect.value });
        vscode.postMessage({ type: 'search', query: search.value, genre: genreSelect.value });
      };
      let timer = 0;
      search.addEventListener('input', event => {
        // Pinyin being composed is not a query: wait for the characters (compositionend).
        if (/** @type {InputEvent} */ (event).isComposing) return;
        clearTimeout(timer);
        timer = setTimeout(sendSearch, 150);
      });
      search.addEventListener('compositionend', () => {
        clearTimeout(timer);
        timer = setTimeout(sendSearch, 150);
      });
      search.addEventListener('keydown', event => {
        if (event.key === 'ArrowDown' && !event.isComposing) {
          event.preventDefault();
          /** @type {HTMLElement | null} */ (root.querySelector('.entry'))?.focus();
        }
      });
      genreSelect.addEventListener('change', sendSearch);
      bar.append(search, genreSelect);
      toolbar = { bar, search, genreSelect, genres: '' };
    }
    toolbar.search.placeholder = strings.search;
    toolbar.search.setAttribute('aria-label', strings.search);
    toolbar.genreSelect.setAttribute('aria-label', strings.genre);
    const genres = state.genres.join('|');
    if (genres !== toolbar.genres) {
      toolbar.genres = genres;
      toolbar.genreSelect.replaceChildren(new Option(strings.allGenres, ''), ...state.genres.map(genre => new Option(genre, genre)));
    }
    toolbar.genreSelect.value = state.genre;
    return toolbar;
  }

  function renderOutline(nodes) {
    const list = el('ul', 'outline');
    for (const node of nodes) {
      const item = el('li', undefined, `${node.marker}${node.text}`);
      if (node.children.length > 0) item.append(renderOutline(node.children));
      list.append(item);
    }
    return list;
  }

  function renderEntry(entry, kind) {
    const item = el('li', 'entry');
    item.tabIndex = 0;
    item.dataset.id = entry.id;
    item.setAttribute('role', 'button');
    const firstLine = kind === 'scaffold' && entry.outline?.[0] ? `${entry.outline[0].marker}${entry.outline[0].text}…` : entry.text;
    item.setAttribute('aria-label', `${firstLine}，${format(strings.speeches, entry.documents)}，${strings.insert}`);
    item.title = strings.insert;
    if (kind === 'scaffold' && entry.outline) {
      const details = el('details', 'scaffold');
      details.append(el('summary', 'text', firstLine), renderOutline(entry.outline));
      details.addEventListener('click', event => event.stopPropagation());
      item.append(details);
    } else {
      item.append(el('div', 'text', entry.text));
    }
    const meta = el('div', 'meta');
    meta.append(el('span', 'count', format(strings.speeches, entry.documents)), el('span', 'source', entry.source));
    const actions = el('span', 'actions');
    for (const [action, icon, label] of [['preview', 'eye', strings.preview], ['open', 'go-to-file', strings.open]]) {
      const button = el('button', `action codicon codicon-${icon}`);
      button.title = label;
      button.setAttribute('aria-label', label);
      button.tabIndex = -1;
      button.addEventListener('click', event => {
        event.stopPropagation();
        vscode.postMessage({ type: action, id: entry.id });
      });
      actions.append(button);
    }
    meta.append(actions);
    item.append(meta);
    item.addEventListener('click', () => vscode.postMessage({ type: 'insert', id: entry.id }));
    item.addEventListener('keydown', event => {
      if (event.key === 'Enter') vscode.postMessage({ type: 'insert', id: entry.id });
      else if (event.key === ' ') {
        event.preventDefault();
        vscode.postMessage({ type: 'preview', id: entry.id });
      } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const entries = Array.from(root.querySelectorAll('details.group[open] .entry'));
        const next = entries[entries.indexOf(item) + (event.key === 'ArrowDown' ? 1 : -1)];
        /** @type {HTMLElement | undefined} */ (next)?.focus();
      }
    });
    return item;
  }

  function renderLibrary(state) {
    const { bar } = ensureToolbar(state);
    const groups = el('div', 'groups');
    const open = saved.open || {};
    let shown = 0;
    for (const group of state.groups) {
      if (group.count === 0) continue;
      shown++;
      const details = /** @type {HTMLDetailsElement} */ (el('details', 'group'));
      details.open = open[group.kind] ?? (state.query !== '' || group.kind === 'opening' || group.kind === 'scaffold');
      details.addEventListener('toggle', () => save({ open: { ...(saved.open || {}), [group.kind]: details.open } }));
      const summary = el('summary', undefined);
      summary.append(el('span', 'label', strings[group.kind]), el('span', 'badge', String(group.count)));
      const list = el('ul', 'entries');
      for (const entry of group.entries) list.append(renderEntry(entry, group.kind));
      details.append(summary, list);
      groups.append(details);
    }
    previewBox = el('aside', 'preview');
    previewBox.hidden = true;
    previewBox.setAttribute('aria-live', 'polite');
    const notice = state.notice ? [el('p', 'notice', state.notice)] : [];
    const content = [...notice, previewBox, shown > 0 ? groups : el('p', 'status', strings.noMatch)];
    if (bar.parentElement !== root) root.replaceChildren(bar, ...content);
    else {
      // Keep the toolbar (and the focus and composition in it); replace what follows it.
      while (bar.nextSibling) bar.nextSibling.remove();
      root.append(...content);
    }
    if (firstRender && typeof saved.scrollY === 'number') window.scrollTo(0, saved.scrollY);
    firstRender = false;
  }

  function renderPreview(preview) {
    if (!previewBox) return;
    const heading = el('div', 'preview-title', `《${preview.title}》 · ${preview.genre} · ${format(strings.line, preview.line)}`);
    const paragraph = el('p', 'preview-text');
    paragraph.append(preview.before, el('mark', undefined, preview.match), preview.after);
    const open = el('button', 'preview-open', strings.open);
    open.addEventListener('click', () => vscode.postMessage({ type: 'open', id: preview.id }));
    previewBox.replaceChildren(heading, paragraph, open);
    previewBox.hidden = false;
  }

  window.addEventListener('message', event => {
    const message = event.data;
    if (message?.type === 'state') {
      strings = message.strings || strings;
      const state = message.state;
      if (state.type === 'loading') renderStatus(strings.loading);
      else if (state.type === 'empty') renderStatus(state.reason);
      else if (state.type === 'library') renderLibrary(state);
    } else if (message?.type === 'preview') renderPreview(message);
  });
  window.addEventListener('scroll', () => save({ scrollY: window.scrollY }));

  // Restore the writer's search and genre, then ask for the library.
  vscode.postMessage({ type: 'ready' });
  if (saved.query || saved.genre) vscode.postMessage({ type: 'search', query: saved.query || '', genre: saved.genre || '' });
})();
