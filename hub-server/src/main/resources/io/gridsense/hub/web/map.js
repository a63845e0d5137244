// Grid map with gridworkers and trajectory playback: grids below street level as polygons, workers as dots, a
// chosen worker's positions over a time range as a line, and a slider that moves a marker along it.
'use strict';
const NS = 'http://www.w3.org/2000/svg'; // the SVG namespace name, not a fetched URL
const M = { grids: [], workers: [], track: [], proj: null };

function node(tag, attrs, text) {
  const e = document.createElementNS(NS, tag);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  if (text !== undefined) e.textContent = text;
  return e;
}
function outer(g) {
  if (!g.geometry) return [];
  return g.geometry.type === 'Polygon' ? [g.geometry.coordinates[0]] : g.geometry.coordinates.map(p => p[0]);
}
function projection(pts) {
  let a = Infinity, b = -Infinity, c = Infinity, d = -Infinity;
  pts.forEach(([lon, lat]) => { a = Math.min(a, lon); b = Math.max(b, lon); c = Math.min(c, lat); d = Math.max(d, lat); });
  const k = Math.cos((c + d) / 2 * Math.PI / 180), w = (b - a) * k || 1e-6, h = (d - c) || 1e-6;
  const s = Math.min(920 / w, 720 / h), ox = (1000 - w * s) / 2, oy = (800 - h * s) / 2;
  return (lon, lat) => [ox + (lon - a) * k * s, oy + (d - lat) * s];
}
function draw() {
  const map = document.getElementById('map');
  map.textContent = '';
  const shown = M.grids.filter(g => g.level !== 'district' && g.level !== 'street');
  const pts = [].concat(...shown.map(g => [].concat(...outer(g))));
  M.workers.forEach(w => { if (w.lat != null) pts.push([w.lon, w.lat]); });
  M.track.forEach(p => pts.push([p.lon, p.lat]));
  if (!pts.length) return;
  const P = M.proj = projection(pts);
  shown.forEach(g => outer(g).forEach(r => {
    const poly = node('polygon', { points: r.map(([x, y]) => P(x, y).map(v => v.toFixed(1)).join(',')).join(' '), class: 'g-' + g.level });
    poly.appendChild(node('title', {}, g.name + ' ' + g.code));
    map.appendChild(poly);
    if (g.level === 'grid') {
      const cx = r.reduce((s, p) => s + p[0], 0) / r.length, cy = r.reduce((s, p) => s + p[1], 0) / r.length;
      const [x, y] = P(cx, cy);
      map.appendChild(node('text', { x: x, y: y }, g.name.split(' ')[0]));
    }
  }));
  const sel = document.getElementById('worker').value;
  M.workers.filter(w => w.lat != null).forEach(w => {
    const [x, y] = P(w.lon, w.lat);
    const c = node('circle', { cx: x, cy: y, r: 7, class: (w.onDuty ? 'w-on' : 'w-off') + (w.id === sel ? ' w-sel' : '') });
    c.appendChild(node('title', {}, w.name + ' ' + w.id));
    map.appendChild(c);
  });
  if (M.track.length) {
    map.appendChild(node('polyline', { class: 'track', points: M.track.map(p => P(p.lon, p.lat).map(v => v.toFixed(1)).join(',')).join(' ') }));
    M.track.forEach(p => { const [x, y] = P(p.lon, p.lat); map.appendChild(node('circle', { cx: x, cy: y, r: 3, class: 'track-pt' })); });
    const i = Number(document.getElementById('slider').value) || 0, p = M.track[Math.min(i, M.track.length - 1)];
    const [x, y] = P(p.lon, p.lat);
    map.appendChild(node('circle', { id: 'here', cx: x, cy: y, r: 9, class: 'here' }));
    document.getElementById('at').textContent = fmtTime(p.at);
  }
}
function local(d) { return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().substring(0, 16); }
function iso(v) { return v ? new Date(v).toISOString() : ''; }
function showTrack() {
  const id = document.getElementById('worker').value;
  if (!id) return Promise.resolve();
  return api('/api/workers/' + encodeURIComponent(id) + '/trajectory?from=' + encodeURIComponent(iso(document.getElementById('from').value))
    + '&to=' + encodeURIComponent(iso(document.getElementById('to').value))).then(t => {
    M.track = t.positions;
    const s = document.getElementById('slider');
    s.max = Math.max(0, M.track.length - 1);
    s.value = s.max;
    document.getElementById('count').textContent = M.track.length + ' 个轨迹点 positions';
    draw();
  });
}
document.getElementById('from').value = local(new Date(Date.now() - 86400000));
document.getElementById('to').value = local(new Date(Date.now() + 3600000));
document.getElementById('form').onsubmit = ev => { ev.preventDefault(); showTrack().catch(e => alert(e.message)); };
document.getElementById('slider').oninput = draw;
Promise.all([api('/api/grids'), api('/api/workers')]).then(([g, w]) => {
  M.grids = g; M.workers = w;
  const sel = document.getElementById('worker');
  w.forEach(x => { const o = el('option', '', x.name + ' ' + x.id); o.value = x.id; sel.appendChild(o); });
  const want = new URLSearchParams(location.search).get('worker');
  if (want) sel.value = want;
  draw();
  return want ? showTrack() : null;
}).catch(e => { document.getElementById('count').textContent = '无法加载 cannot load: ' + e.message; });
