(function () {
'use strict';
// The page draws what the library computed (the JSON block cg-data): it sorts, filters,
// searches and zooms, and computes no answer of its own.
var D = JSON.parse(document.getElementById('cg-data').textContent);
var lang = D.lang, L = D.L[lang];
var state = { sort: {}, filter: {}, panel: null, chain: null, hl: null, view: null };
var app = document.getElementById('app');

function M(k) { return (L.msg && L.msg[k]) || k; }
function el(tag, attrs, kids) {
  var e = document.createElement(tag);
  if (attrs) for (var a in attrs) {
    if (a === 'text') e.textContent = attrs[a];
    else if (a === 'on') for (var ev in attrs.on) e.addEventListener(ev, attrs.on[ev]);
    else e.setAttribute(a, attrs[a]);
  }
  (kids || []).forEach(function (k) { if (k != null) e.appendChild(typeof k === 'string' ? document.createTextNode(k) : k); });
  return e;
}
function cellText(c) { return Array.isArray(c) ? c[0] : c; }
function cellKey(c) { return Array.isArray(c) ? (c[1] == null ? -Infinity : c[1]) : c; }
function tableById(id) { for (var i = 0; i < L.tables.length; i++) if (L.tables[i].id === id) return L.tables[i]; return null; }
function nodeName(i) { var n = D.nodes[i]; return n ? n.n + (n.en && n.en !== n.n ? ' (' + n.en + ')' : '') : D.refs[i] ? D.refs[i][1] : '#' + i; }

// ---- tables: sort, filter, CSV ------------------------------------------------------------
function sortedRows(t) {
  var rows = t.rows.slice(), s = state.sort[t.id], f = (state.filter[t.id] || '').toLowerCase();
  if (f) rows = rows.filter(function (r) { return r.c.some(function (c) { return String(cellText(c)).toLowerCase().indexOf(f) >= 0; }); });
  if (s) {
    var num = t.types[s.col] === 'n';
    rows.sort(function (a, b) {
      var x = cellKey(a.c[s.col]), y = cellKey(b.c[s.col]);
      var d = num ? (x < y ? -1 : x > y ? 1 : 0) : String(x).localeCompare(String(y), 'zh-CN');
      return s.dir * d;
    });
  }
  return rows;
}
function download(t) {
  var blob = new Blob([t.csv], { type: 'text/csv;charset=utf-8' });
  var a = el('a', { href: URL.createObjectURL(blob), download: t.id + '.csv' });
  document.body.appendChild(a); a.click();
  setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}
function drawTable(t, holder, rowFilter) {
  holder.textContent = '';
  var wrap = el('div', { 'class': 'tablebox', 'data-table': t.id });
  var info = el('span', { 'class': 'count' });
  var fin = el('input', { type: 'search', 'class': 'filter', placeholder: M('Filter rows…'), 'aria-label': M('Filter rows…') });
  fin.value = state.filter[t.id] || '';
  var body = el('tbody');
  var heads = t.cols.map(function (c, j) {
    var s = state.sort[t.id];
    var th = el('th', { scope: 'col', 'class': t.types[j] === 'n' ? 'num' : '', tabindex: '0',
      'aria-sort': s && s.col === j ? (s.dir > 0 ? 'ascending' : 'descending') : 'none', text: c });
    th.addEventListener('click', function () {
      var s = state.sort[t.id];
      state.sort[t.id] = { col: j, dir: s && s.col === j ? -s.dir : (t.types[j] === 'n' ? -1 : 1) };
      drawTable(t, holder, rowFilter);
    });
    th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); th.click(); } });
    return th;
  });
  function fill() {
    body.textContent = '';
    var rows = sortedRows(t);
    if (rowFilter) rows = rows.filter(rowFilter);
    rows.forEach(function (r) {
      var tr = el('tr', { 'class': r.n != null || r.r != null ? 'go' : '' });
      r.c.forEach(function (c, j) {
        tr.appendChild(el('td', { 'data-label': t.cols[j], 'class': t.types[j] === 'n' ? 'num' : (j === t.cols.length - 1 || /why|source|原因|来源/.test(t.cols[j]) ? 'why' : ''), text: String(cellText(c)) }));
      });
      if (r.n != null) tr.addEventListener('click', function () { openNode(r.n); });
      else if (r.r != null) tr.addEventListener('click', function () { openRegion(r.r); });
      body.appendChild(tr);
    });
    info.textContent = rows.length + ' / ' + t.rows.length + ' ' + M('rows');
  }
  fin.addEventListener('input', function () { state.filter[t.id] = fin.value; fill(); });
  var dl = el('button', { type: 'button', 'class': 'csv', 'data-csv': t.id, text: '⤓ ' + M('Download CSV') });
  dl.addEventListener('click', function () { download(t); });
  if (!rowFilter) wrap.appendChild(el('div', { 'class': 'tools' }, [fin, dl, info]));
  var table = el('table', { id: 'table-' + t.id }, [el('thead', null, [el('tr', null, heads)]), body]);
  wrap.appendChild(el('div', { 'class': 'scroll' }, [table]));
  holder.appendChild(wrap);
  fill();
}

// ---- panels ------------------------------------------------------------------------------
var panel;
function closePanel() { state.panel = null; panel.classList.remove('open'); panel.textContent = ''; document.body.classList.remove('with-panel'); }
function linkList(items, max) {
  var box = el('div', { 'class': 'links' });
  items.slice(0, max || 60).forEach(function (it, k) {
    var idx = Array.isArray(it) ? it[0] : it, label = Array.isArray(it) ? it[1] : nodeName(it);
    var a = el('a', { href: '#', 'data-node': idx, text: label + (Array.isArray(it) && it[2] > 1 ? ' (' + M('OR alternative') + ' 1/' + it[2] + ')' : '') });
    a.addEventListener('click', function (e) { e.preventDefault(); if (D.nodes[idx]) openNode(idx); });
    if (k) box.appendChild(document.createTextNode(' · '));
    box.appendChild(a);
  });
  if (items.length > (max || 60)) box.appendChild(document.createTextNode(' … ' + M('and more')));
  if (!items.length) box.appendChild(document.createTextNode(M('none')));
  return box;
}
function kv(k, v) { return el('div', { 'class': 'kv' }, [el('span', { 'class': 'k', text: k }), el('span', { 'class': 'v', text: v })]); }
function pct(x) { return x == null ? '—' : (100 * x).toFixed(1) + '%'; }
function openNode(i) {
  var n = D.nodes[i]; if (!n) return;
  state.panel = { node: i };
  panel.textContent = '';
  panel.appendChild(el('button', { type: 'button', 'class': 'close', 'aria-label': M('Close'), text: '×', on: { click: closePanel } }));
  panel.appendChild(el('div', { 'class': 'kind', text: M('node') }));
  panel.appendChild(el('h2', { id: 'panel-title', text: n.n }));
  panel.appendChild(el('div', { 'class': 'sub', text: [n.en, n.id].filter(Boolean).join(' · ') }));
  panel.setAttribute('data-node', i);
  panel.appendChild(kv(M('criticality'), pct(n.c)));
  panel.appendChild(kv(M('P(fails)'), n.p == null ? '—' : n.p.toFixed(3)));
  panel.appendChild(kv(M('stage'), M(n.st)));
  if (n.al) panel.appendChild(kv(M('aliases'), n.al.join('、')));
  panel.appendChild(el('h3', { text: M('inputs') + ' (' + n.nin + ')' }));
  panel.appendChild(linkList(n['in']));
  panel.appendChild(el('h3', { text: M('consumers') + ' (' + n.nout + ')' }));
  panel.appendChild(linkList(n.out));
  if (n.lost) {
    panel.appendChild(el('h3', { 'class': 'lost', text: M('lost if it fails') + ' (' + n.nlost + '; ' + M('applications lost') + ' ' + n.la + ')' }));
    panel.appendChild(linkList(n.lost, 80));
  }
  if (n.sp) {
    panel.appendChild(el('h3', { text: M('single points: losing any one of them loses it') + ' (' + n.sp.length + ')' }));
    panel.appendChild(linkList(n.sp, 80));
  }
  panel.appendChild(el('h3', { text: M('evidence') }));
  panel.appendChild(el('div', { 'class': 'ev', text: n.ev }));
  if (n.ch && n.ch.length) {
    panel.appendChild(el('h3', { text: M('on chains') }));
    var box = el('div', { 'class': 'links' });
    n.ch.forEach(function (c) {
      box.appendChild(el('button', { type: 'button', 'class': 'chainbtn', text: D.chains[c].n, on: { click: function () { showChain(c, true); } } }));
    });
    panel.appendChild(box);
  }
  panel.classList.add('open');
  document.body.classList.add('with-panel');
  state.hl = { node: i, lost: {} };
  (n.lost || []).forEach(function (x) { state.hl.lost[x] = 1; });
  if (n.ch && n.ch.length && n.ch.indexOf(state.chain) < 0) showChain(n.ch[0], false);
  else highlight();
}
function openRegion(r) {
  var x = D.regions[r]; if (!x) return;
  state.panel = { region: r };
  panel.textContent = '';
  panel.removeAttribute('data-node');
  panel.appendChild(el('button', { type: 'button', 'class': 'close', 'aria-label': M('Close'), text: '×', on: { click: closePanel } }));
  panel.appendChild(el('div', { 'class': 'kind', text: M('region') }));
  panel.appendChild(el('h2', { id: 'panel-title', text: x.n }));
  panel.appendChild(el('div', { 'class': 'sub', text: [x.en, x.id].filter(Boolean).join(' · ') }));
  panel.appendChild(kv(M('level'), M(x.lv)));
  if (x.caps != null) { panel.appendChild(kv(M('capabilities'), String(x.caps))); panel.appendChild(kv(M('gaps'), String(x.gaps))); }
  var same = function (row) { return row.r === r; };
  ['gaps', 'partners', 'pairs', 'closure'].forEach(function (id) {
    var t = tableById(id); if (!t) return;
    if ((id === 'pairs' || id === 'closure') && !t.rows.some(same)) return;
    panel.appendChild(el('h3', { text: id === 'gaps' ? M('Gaps: inputs of its products it does not make, heaviest first') : id === 'partners' ? M('Partners: each step adds the region that raises completion most') : t.title }));
    var h = el('div'); panel.appendChild(h);
    if (t.rows.some(same)) drawTable(t, h, same);
    else h.appendChild(el('p', { 'class': 'src', text: x.card ? (id === 'gaps' ? M('no gaps') : M('no partner adds anything it can use')) : M('not on this page') }));
  });
  panel.classList.add('open');
  document.body.classList.add('with-panel');
}

// ---- the chain viewer: one diagram, zoom and pan -----------------------------------------
var viewer, chainSelect, chainNote;
function highlight() {
  if (!viewer) return;
  var svg = viewer.querySelector('svg'); if (!svg) return;
  svg.querySelectorAll('g.node').forEach(function (g) {
    var t = g.querySelector('title'); var m = t && /^n(\d+)$/.exec(t.textContent.trim());
    var i = m ? +m[1] : -1;
    g.classList.toggle('lost', !!(state.hl && state.hl.lost[i] && i !== state.hl.node));
    g.classList.toggle('self', !!(state.hl && i === state.hl.node));
  });
  svg.classList.toggle('hl', !!state.hl);
}
function setView() { var v = state.view, svg = viewer.querySelector('svg'); if (svg && v) svg.setAttribute('viewBox', v.x + ' ' + v.y + ' ' + v.w + ' ' + v.h); }
function fit() {
  var svg = viewer.querySelector('svg'); if (!svg) return;
  var b = svg.__box; state.view = { x: b.x, y: b.y, w: b.w, h: b.h }; setView();
}
function zoom(f, cx, cy) {
  var v = state.view; if (!v) return;
  cx = cx == null ? v.x + v.w / 2 : cx; cy = cy == null ? v.y + v.h / 2 : cy;
  v.x = cx - (cx - v.x) / f; v.y = cy - (cy - v.y) / f; v.w /= f; v.h /= f; setView();
}
function showChain(c, scroll) {
  state.chain = c;
  chainSelect.value = String(c);
  viewer.textContent = '';
  var tpl = document.getElementById('svg-' + c);
  chainNote.textContent = '';
  if (!tpl) { chainNote.textContent = M("This chain's diagram is not on this page (chaingraph report --html-chains ID)."); return; }
  var svg = tpl.content.firstElementChild.cloneNode(true);
  var vb = (svg.getAttribute('viewBox') || '0 0 100 100').split(/[\s,]+/).map(Number);
  svg.__box = { x: vb[0], y: vb[1], w: vb[2], h: vb[3] };
  svg.removeAttribute('width'); svg.removeAttribute('height');
  svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
  svg.querySelectorAll('a').forEach(function (a) { a.removeAttribute('xlink:href'); a.removeAttribute('href'); });
  viewer.appendChild(svg);
  fit(); highlight();
  if (state.hl) chainNote.textContent = M('highlighted: lost with') + ' ' + nodeName(state.hl.node);
  if (scroll) document.getElementById('chains').scrollIntoView();
}
function svgPoint(svg, e) { var r = svg.getBoundingClientRect(), v = state.view; var s = Math.max(v.w / r.width, v.h / r.height);
  var ox = v.x - (r.width * s - v.w) / 2, oy = v.y - (r.height * s - v.h) / 2; return [ox + (e.clientX - r.left) * s, oy + (e.clientY - r.top) * s, s]; }
function wireViewer() {
  var drag = null;
  viewer.addEventListener('wheel', function (e) {
    var svg = viewer.querySelector('svg'); if (!svg || !state.view) return; e.preventDefault();
    var p = svgPoint(svg, e); zoom(e.deltaY < 0 ? 1.2 : 1 / 1.2, p[0], p[1]);
  }, { passive: false });
  viewer.addEventListener('pointerdown', function (e) {
    if (e.target.closest('g.node')) return;
    var svg = viewer.querySelector('svg'); if (!svg) return;
    drag = { x: e.clientX, y: e.clientY, v: { x: state.view.x, y: state.view.y }, s: svgPoint(svg, e)[2] };
    viewer.setPointerCapture(e.pointerId);
  });
  viewer.addEventListener('pointermove', function (e) {
    if (!drag) return; state.view.x = drag.v.x - (e.clientX - drag.x) * drag.s; state.view.y = drag.v.y - (e.clientY - drag.y) * drag.s; setView();
  });
  viewer.addEventListener('pointerup', function () { drag = null; });
  viewer.addEventListener('click', function (e) {
    var g = e.target.closest('g.node'); if (!g) return; e.preventDefault();
    var t = g.querySelector('title'), m = t && /^n(\d+)$/.exec(t.textContent.trim());
    if (m) openNode(+m[1]);
  });
}

// ---- search ------------------------------------------------------------------------------
var index = [];
function buildIndex() {
  index = [];
  Object.keys(D.nodes).forEach(function (k) { var n = D.nodes[k];
    index.push({ kind: 'node', i: +k, label: n.n + (n.en ? ' (' + n.en + ')' : ''), hay: [n.n, n.en, n.id].concat(n.al || []).filter(Boolean).join('\n').toLowerCase(), w: n.c || 0 }); });
  Object.keys(D.regions).forEach(function (k) { var r = D.regions[k];
    index.push({ kind: 'region', i: +k, label: r.n + (r.en ? ' (' + r.en + ')' : ''), hay: [r.n, r.en, r.id].filter(Boolean).join('\n').toLowerCase(), w: 0 }); });
  D.chains.forEach(function (c) { index.push({ kind: 'chain', i: c.i, label: c.n, hay: [c.n, c.id].join('\n').toLowerCase(), w: 0 }); });
}
function search(q) {
  q = q.trim().toLowerCase(); if (!q) return [];
  var out = [];
  index.forEach(function (e) {
    var at = e.hay.indexOf(q); if (at < 0) return;
    var exact = e.hay.split('\n').indexOf(q) >= 0;
    out.push({ e: e, score: (exact ? 0 : at === 0 ? 1 : 2) });
  });
  out.sort(function (a, b) { return a.score - b.score || b.e.w - a.e.w || a.e.label.localeCompare(b.e.label, 'zh-CN'); });
  return out.slice(0, 30).map(function (x) { return x.e; });
}
function go(e) { if (e.kind === 'node') openNode(e.i); else if (e.kind === 'region') openRegion(e.i); else showChain(e.i, true); }

// ---- the page ----------------------------------------------------------------------------
function section(id, title, kids) { return el('section', { id: id }, [el('h2', { text: title })].concat(kids)); }
function lead(t) { return el('p', { 'class': 'lead', text: t }); }
function tableHolder(id) { var h = el('div', { 'class': 'holder' }); var t = tableById(id); if (t) drawTable(t, h); return h; }
function render() {
  L = D.L[lang];
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = M('chaingraph report');
  app.textContent = '';
  var q = el('input', { type: 'search', id: 'search', placeholder: M('Search nodes, regions, chains (中文, English, id, alias)'), 'aria-label': M('Search nodes, regions, chains (中文, English, id, alias)'), autocomplete: 'off' });
  var results = el('ul', { id: 'results', role: 'listbox' });
  function show() {
    results.textContent = '';
    var r = search(q.value);
    if (q.value.trim() && !r.length) results.appendChild(el('li', { 'class': 'none', text: M('no match') }));
    r.forEach(function (e) {
      var li = el('li', { role: 'option', 'data-kind': e.kind, 'data-i': e.i }, [el('span', { 'class': 'tag', text: M(e.kind) }), e.label]);
      li.addEventListener('click', function () { results.textContent = ''; go(e); });
      results.appendChild(li);
    });
  }
  q.addEventListener('input', show);
  q.addEventListener('keydown', function (e) { if (e.key === 'Enter') { var r = search(q.value); if (r.length) { results.textContent = ''; go(r[0]); } } if (e.key === 'Escape') results.textContent = ''; });
  var toggle = el('button', { type: 'button', id: 'lang', text: lang === 'zh' ? 'English' : '中文', on: { click: function () { lang = lang === 'zh' ? 'en' : 'zh'; render(); } } });
  var printb = el('button', { type: 'button', id: 'print', text: M('Print'), on: { click: function () { window.print(); } } });
  var docs = D.documents.map(function (d) { return d[0] + ' ' + d[1]; }).join('; ');
  app.appendChild(el('header', { 'class': 'top' }, [
    el('div', { 'class': 'bar' }, [el('h1', { text: M('chaingraph report') }), el('div', { 'class': 'acts' }, [printb, toggle])]),
    el('p', { 'class': 'stats', text: L.head }),
    el('p', { 'class': 'docs', text: docs }),
    el('div', { 'class': 'searchbox' }, [q, results])]));
  app.appendChild(el('nav', null, [['overview', 'Overview'], ['bottlenecks', 'Bottlenecks'], ['risk', 'Supply risk'], ['complement', 'Complementary regions'], ['regions', 'Regions'], ['footing', 'What the answers rest on'], ['chains', 'Chains']].map(function (x) { return el('a', { href: '#' + x[0], text: M(x[1]) }); })));
  var main = el('main');
  main.appendChild(section('overview', M('Overview'), [el('div', { 'class': 'cards' }, L.cards.map(function (c) {
    return el('a', { 'class': 'card', href: '#' + c.href }, [el('div', { 'class': 'k', text: c.k }), el('div', { 'class': 'v', text: c.v }), c.d ? el('div', { 'class': 'd', text: c.d }) : null]); }))]));
  main.appendChild(section('bottlenecks', M('Bottlenecks'), [lead(L.leads.bottlenecks), tableHolder('bottlenecks')]));
  var risk = [lead(L.leads.risk), el('h3', { text: tableById('risk-links').title }), tableHolder('risk-links')];
  if (tableById('risk-invest')) risk.push(el('h3', { text: tableById('risk-invest').title }), tableHolder('risk-invest'));
  main.appendChild(section('risk', M('Supply risk'), risk));
  main.appendChild(section('complement', M('Complementary regions'), [lead(L.leads.complement), tableHolder('pairs')]));
  main.appendChild(section('regions', M('Regions'), [lead(L.leads.regions), tableHolder('regions'),
    el('h3', { text: tableById('gaps').title }), tableHolder('gaps'), el('h3', { text: tableById('partners').title }), tableHolder('partners')]));
  var footing = [lead(L.leads.footing)];
  if (tableById('closure')) footing.push(el('h3', { text: tableById('closure').title }), lead(L.leads.closure), tableHolder('closure'));
  main.appendChild(section('footing', M('What the answers rest on'), footing));
  chainSelect = el('select', { id: 'chain-select', 'aria-label': M('Choose a chain') });
  D.chains.forEach(function (c) { chainSelect.appendChild(el('option', { value: String(c.i), text: c.n + ' · ' + c.id + (c.d ? '' : ' — ' + M('not on this page')) })); });
  chainSelect.addEventListener('change', function () { showChain(+chainSelect.value, false); });
  viewer = el('div', { id: 'viewer', 'class': 'viewer' });
  chainNote = el('p', { 'class': 'src', id: 'chain-note' });
  var zoomBar = el('div', { 'class': 'zoom' }, [
    el('button', { type: 'button', title: M('Zoom in'), 'aria-label': M('Zoom in'), text: '+', on: { click: function () { zoom(1.25); } } }),
    el('button', { type: 'button', title: M('Zoom out'), 'aria-label': M('Zoom out'), text: '−', on: { click: function () { zoom(0.8); } } }),
    el('button', { type: 'button', title: M('Fit'), text: M('Fit'), on: { click: fit } })]);
  main.appendChild(section('chains', M('Chains'), [lead(L.leads.chains), el('div', { 'class': 'chainbar' }, [chainSelect, zoomBar]), chainNote, viewer]));
  main.appendChild(el('footer', { text: 'chaingraph ' + D.version }));
  app.appendChild(main);
  panel = el('aside', { id: 'panel', 'aria-labelledby': 'panel-title' });
  app.appendChild(panel);
  wireViewer();
  buildIndex();
  var first = state.chain != null ? state.chain : (D.chains.filter(function (c) { return c.d; })[0] || {}).i;
  if (first != null) showChain(first, false);
  if (state.panel && state.panel.node != null) openNode(state.panel.node);
  else if (state.panel && state.panel.region != null) openRegion(state.panel.region);
  document.body.setAttribute('data-lang', lang);
}
document.addEventListener('keydown', function (e) { if (e.key === 'Escape' && panel) closePanel(); });
render();
document.body.setAttribute('data-ready', '1');
})();
