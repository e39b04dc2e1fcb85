// @ts-check
// The overlap report's script (查重): it renders the report the extension sends and asks the extension to show a
// passage in the draft or open its source. Every draft and corpus string goes into the page with textContent.
(function () {
  const vscode = acquireVsCodeApi();
  const root = /** @type {HTMLElement} */ (document.getElementById('report'));

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** Replaces {0}, {1}, … in a label. */
  function format(template, ...values) {
    return (template || '').replace(/\{(\d)\}/g, (_, index) => String(values[Number(index)]));
  }

  function percent(share) {
    return `${(share * 100).toFixed(1)}%`;
  }

  function link(text, title, message) {
    const anchor = el('a', 'link', text);
    anchor.href = '#';
    anchor.title = title;
    anchor.addEventListener('click', event => {
      event.preventDefault();
      vscode.postMessage(message);
    });
    return anchor;
  }

  function bar(share) {
    const outer = el('span', 'bar');
    const inner = el('span', 'bar-fill');
    inner.style.width = `${Math.min(100, Math.round(share * 100))}%`;
    outer.append(inner);
    return outer;
  }

  function render({ draft, report, labels }) {
    root.replaceChildren();
    root.append(el('h1', 'title', draft));
    const summary = el('p', 'summary', report.copiedChars > 0 ? format(labels.summary, report.copiedChars, report.chars, percent(report.share)) : labels.none);
    summary.setAttribute('role', 'status');
    root.append(summary, bar(report.share), el('p', 'rule', format(labels.rule, labels.minRun)));

    if (report.sources.length > 0) {
      root.append(el('h2', '', labels.sources));
      const list = el('ol', 'sources');
      for (const source of report.sources) {
        const first = report.spans.find(span => span.source.path === source.path && span.source.title === source.title);
        const item = el('li');
        item.append(link(`《${source.title}》`, source.path, { type: 'source', path: source.path, line: first ? first.source.line : 1 }), el('span', 'count', format(labels.chars, source.chars)));
        list.append(item);
      }
      root.append(list);
    }

    if (report.sections.length > 0) {
      root.append(el('h2', '', labels.sections));
      const table = el('table', 'sections');
      for (const section of report.sections) {
        const row = el('tr');
        const name = el('td');
        name.append(link(section.heading, format(labels.line, section.line), { type: 'reveal', line: section.line, start: 0, end: 0 }));
        const share = el('td', 'share', percent(section.share));
        const meter = el('td');
        meter.append(bar(section.share));
        row.append(name, share, meter);
        table.append(row);
      }
      root.append(table);
    }

    if (report.spans.length > 0) {
      root.append(el('h2', '', labels.passages));
      const list = el('ol', 'spans');
      for (const span of report.spans) {
        const item = el('li', span.kind);
        const where = link(format(labels.line, span.line), format(labels.line, span.line), { type: 'reveal', line: span.line, start: span.start, end: span.end });
        item.append(where, el('span', `badge ${span.kind}`, labels[span.kind]), el('span', 'text', span.text));
        const source = el('div', 'source');
        source.append('← ', link(`《${span.source.title}》 ${format(labels.line, span.source.line)}`, span.source.path, { type: 'source', path: span.source.path, line: span.source.line }));
        item.append(source);
        list.append(item);
      }
      root.append(list);
    }
  }

  window.addEventListener('message', event => {
    const message = event.data;
    if (message && message.type === 'report') {
      vscode.setState(message);
      render(message);
    }
  });
  const saved = vscode.getState();
  if (saved && saved.type === 'report') render(saved);
})();
