// Command-centre board: counts, camera tiles, SVG grid map, incident list, pop-ups from /ws/board.
'use strict';
const SVG_NS = 'http://www.w3.org/2000/svg'; // the SVG namespace name, not a fetched URL
const S = { grids: [], workers: [], cameras: new Map(), incidents: new Map(), proj: null };

function svg(tag, attrs, text) {
  const e = document.createElementNS(SVG_NS, tag);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  if (text !== undefined) e.textContent = text;
  return e;
}
function gridName(code) {
  const g = S.grids.find(x => x.code === code);
  return g ? g.name : (code || '—');
}
function rings(geometry) {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return [geometry.coordinates[0]];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.map(p => p[0]);
  return [];
}

// Equirectangular projection of the community's bounding box onto the 1000-wide viewBox.
function makeProjection() {
  const shown = S.grids.filter(g => g.level !== 'district' && g.level !== 'street');
  const pts = [].concat(...shown.map(g => [].concat(...rings(g.geometry))));
  S.workers.forEach(w => { if (w.lat != null) pts.push([w.lon, w.lat]); });
  if (!pts.length) return null;
  let minLon = Infinity, maxLon = -Infinity, minLat = Infinity, maxLat = -Infinity;
  pts.forEach(([lon, lat]) => { minLon = Math.min(minLon, lon); maxLon = Math.max(maxLon, lon);
    minLat = Math.min(minLat, lat); maxLat = Math.max(maxLat, lat); });
  const k = Math.cos((minLat + maxLat) / 2 * Math.PI / 180);
  const w = (maxLon - minLon) * k || 1e-6, h = (maxLat - minLat) || 1e-6;
  const pad = 40, scale = Math.min((1000 - 2 * pad) / w, (800 - 2 * pad) / h);
  const ox = (1000 - w * scale) / 2, oy = (800 - h * scale) / 2;
  return (lon, lat) => [ox + (lon - minLon) * k * scale, oy + (maxLat - lat) * scale];
}

function drawMap() {
  const map = document.getElementById('map');
  map.textContent = '';
  S.proj = makeProjection();
  if (!S.proj) return;
  const P = S.proj;
  const layers = { grids: svg('g', {}), labels: svg('g', {}), workers: svg('g', {}), cams: svg('g', {}), incs: svg('g', {}) };
  Object.values(layers).forEach(l => map.appendChild(l));
  S.grids.filter(g => g.level !== 'district' && g.level !== 'street').forEach(g => {
    rings(g.geometry).forEach(ring => {
      const pts = ring.map(([lon, lat]) => P(lon, lat).map(v => v.toFixed(1)).join(',')).join(' ');
      const poly = svg('polygon', { points: pts, class: 'g-' + g.level });
      poly.appendChild(svg('title', {}, g.name + ' ' + g.code));
      layers.grids.appendChild(poly);
      if (g.level !== 'community') {
        const cx = ring.reduce((a, p) => a + p[0], 0) / ring.length, cy = ring.reduce((a, p) => a + p[1], 0) / ring.length;
        const [x, y] = P(cx, cy);
        layers.labels.appendChild(svg('text', { x: x, y: y - 62 }, g.name.split(' ')[0]));
        layers.labels.appendChild(svg('text', { x: x, y: y - 40, class: 'code' }, g.code));
      }
    });
  });
  S.workers.filter(w => w.lat != null).forEach(w => {
    const [x, y] = P(w.lon, w.lat);
    const c = svg('circle', { cx: x, cy: y, r: 7, class: w.onDuty ? 'w-on' : 'w-off' });
    c.appendChild(svg('title', {}, w.name + ' ' + w.id + (w.onDuty ? ' 在岗 on duty' : ' 离岗 off duty')));
    layers.workers.appendChild(c);
  });
  S.cameras.forEach(cam => {
    if (cam.lat == null) return;
    const [x, y] = P(cam.lon, cam.lat);
    const g = svg('g', { transform: 'translate(' + x + ',' + y + ')' });
    g.appendChild(svg('rect', { x: -9, y: -6, width: 14, height: 12, rx: 2, class: 'cam' }));
    g.appendChild(svg('polygon', { points: '5,-4 11,-7 11,7 5,4', class: 'cam' }));
    g.appendChild(svg('title', {}, (cam.name || cam.cameraId) + (cam.online ? ' online' : ' offline')));
    layers.cams.appendChild(g);
  });
  S.incidents.forEach(i => {
    if (i.lat == null || ['CLOSED', 'EVALUATED'].includes(i.state)) return;
    const [x, y] = P(i.lon, i.lat);
    const dx = 14, dy = -14; // beside the camera icon
    if (i.state === 'REPORTED') layers.incs.appendChild(svg('circle', { cx: x + dx, cy: y + dy, r: 10, class: 'pulse' }));
    const c = svg('circle', { cx: x + dx, cy: y + dy, r: 7, class: 'inc' + (i.state === 'REPORTED' ? '' : ' accepted') });
    c.appendChild(svg('title', {}, i.id + ' ' + (TYPE_LABEL[i.type] || i.type) + ' ' + (STATE_LABEL[i.state] || i.state)));
    layers.incs.appendChild(c);
  });
}

function drawTiles() {
  const box = document.getElementById('tiles');
  const open = new Set([...S.incidents.values()].filter(i => i.state === 'REPORTED').map(i => i.cameraId));
  [...S.cameras.values()].sort((a, b) => a.cameraId.localeCompare(b.cameraId)).forEach(cam => {
    let tile = document.getElementById('tile-' + cam.cameraId);
    if (!tile) {
      tile = el('div', 'tile');
      tile.id = 'tile-' + cam.cameraId;
      const img = el('img');
      img.alt = cam.cameraId;
      img.onerror = () => { img.style.visibility = 'hidden'; tile.querySelector('.noimg').style.display = 'flex'; };
      img.onload = () => { img.style.visibility = 'visible'; tile.querySelector('.noimg').style.display = 'none'; };
      tile.appendChild(img);
      tile.appendChild(el('div', 'noimg', '无画面 no image'));
      const cap = el('div', 'cap');
      cap.appendChild(el('span', 'dot'));
      cap.appendChild(el('span', 'name'));
      cap.appendChild(el('span', 'grid'));
      tile.appendChild(cap);
      box.appendChild(tile);
    }
    tile.querySelector('.dot').className = 'dot' + (cam.online ? '' : ' off');
    tile.querySelector('.name').textContent = cam.name || cam.cameraId;
    tile.querySelector('.grid').textContent = gridName(cam.gridCode).split(' ')[0];
    tile.classList.toggle('alarm', open.has(cam.cameraId));
  });
}

function refreshTileImages() {
  S.cameras.forEach(cam => {
    const img = document.querySelector('#tile-' + CSS.escape(cam.cameraId) + ' img');
    if (img) img.src = withToken('/api/cameras/' + encodeURIComponent(cam.cameraId) + '/snapshot.jpg') + '&t=' + Date.now();
  });
}

function drawIncidents(flashId) {
  const body = document.getElementById('incidents');
  body.textContent = '';
  const now = Date.now();
  [...S.incidents.values()].filter(matchesFilter)
    .sort((a, b) => (b.createdAt || '').localeCompare(a.createdAt || '')).slice(0, 100).forEach(i => {
    const L = i.loop || {};
    const overdue = L.deadlineAt && ['DISPATCHED', 'IN_PROGRESS', 'HANDLED'].includes(i.state) && Date.parse(L.deadlineAt) < now;
    const tr = el('tr', (i.id === flashId ? 'new ' : '') + (i.id === S.selected ? 'sel ' : '') + (overdue ? 'overdue' : ''));
    tr.id = 'row-' + i.id;
    tr.dataset.id = i.id;
    tr.onclick = () => showDetail(i.id);
    tr.appendChild(el('td', '', fmtTime(i.createdAt)));
    tr.appendChild(el('td', '', TYPE_LABEL[i.type] || i.type));
    tr.appendChild(el('td', '', gridName(i.gridCode)));
    tr.appendChild(el('td', '', L.source === 'MANUAL' ? '上报 ' + (L.reportedBy || '') : (i.cameraId || '')));
    tr.appendChild(el('td', '', i.peopleCount));
    tr.appendChild(el('td', '', i.alertCount));
    const lv = el('td', '', LEVEL_LABEL[L.level] || L.level || '');
    if (L.supervisions > 0) lv.appendChild(el('span', 'badge', '督办 ×' + L.supervisions));
    tr.appendChild(lv);
    tr.appendChild(el('td', '', L.assignee || ''));
    tr.appendChild(el('td', 'deadline', L.deadlineAt ? fmtTime(L.deadlineAt) : ''));
    const st = el('td');
    st.appendChild(el('span', 'state ' + i.state, STATE_LABEL[i.state] || i.state));
    tr.appendChild(st);
    const act = el('td');
    const b = el('button', 'accept', '受理 Accept');
    b.disabled = i.state !== 'REPORTED';
    b.onclick = ev => {
      ev.stopPropagation();
      post('/api/incidents/' + encodeURIComponent(i.id) + '/accept').then(upd => { S.incidents.set(upd.id, upd); redraw(); })
        .catch(e => alert(e.message));
    };
    act.appendChild(b);
    tr.appendChild(act);
    body.appendChild(tr);
  });
}

function drawCounts() {
  const cams = [...S.cameras.values()];
  const today = new Date().toDateString();
  const incs = [...S.incidents.values()];
  document.getElementById('c-cams').textContent = cams.filter(c => c.online).length + '/' + cams.length;
  document.getElementById('c-open').textContent = incs.filter(i => i.state === 'REPORTED').length;
  document.getElementById('c-today').textContent = incs.filter(i => new Date(i.createdAt).toDateString() === today).length;
  document.getElementById('c-duty').textContent = S.workers.filter(w => w.onDuty).length;
}

function redraw(flashId) { drawCounts(); drawTiles(); drawMap(); drawIncidents(flashId); }

function toast(i) {
  const t = el('div', 'toast');
  t.appendChild(el('b', '', '新事件 New incident · ' + (TYPE_LABEL[i.type] || i.type)));
  t.appendChild(el('div', '', gridName(i.gridCode) + ' · ' + (i.cameraId || '') + ' · ' + i.peopleCount + ' 人 people'));
  t.appendChild(el('div', '', i.id + ' ' + fmtTime(i.createdAt)));
  document.getElementById('toasts').appendChild(t);
  setTimeout(() => t.remove(), 8000);
}

function onEvent(m) {
  if (!S.loaded) return;
  if (m.kind === 'incident') {
    if (!matchesFilter(m.incident) && !S.incidents.has(m.incident.id)) return;
    S.incidents.set(m.incident.id, m.incident);
    if (m.action === 'created' || m.action === 'reported') toast(m.incident);
    redraw(m.action === 'created' ? m.incident.id : null);
    if (m.incident.id === S.selected) showDetail(m.incident.id);
  } else if (m.kind === 'camera') {
    S.cameras.set(m.camera.cameraId, m.camera);
    redraw();
  }
}

function load() {
  return Promise.all([api('/api/grids'), api('/api/workers'), api('/api/cameras'), api('/api/incidents?limit=200' + filterQuery())])
    .then(([grids, workers, cameras, incidents]) => {
      S.grids = grids; S.workers = workers;
      cameras.forEach(c => S.cameras.set(c.cameraId, c));
      S.incidents.clear();
      incidents.forEach(i => S.incidents.set(i.id, i));
      initFilters();
      S.loaded = true;
      redraw();
    });
}

load().catch(e => { document.querySelector('.brand span').textContent = '无法加载 cannot load: ' + e.message; });
liveSocket('/ws/board', onEvent, up => {
  document.getElementById('ws-dot').className = 'dot' + (up ? '' : ' off');
  if (up) load().catch(() => {}); // catch up on what happened while the socket was down
});
setInterval(refreshTileImages, 2000);
setInterval(() => { document.getElementById('clock').textContent = new Date().toLocaleString('zh-CN'); }, 1000);
setInterval(() => api('/api/workers').then(w => { S.workers = w; drawCounts(); drawMap(); }).catch(() => {}), 30000);
