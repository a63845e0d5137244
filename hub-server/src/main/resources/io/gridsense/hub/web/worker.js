// Gridworker phone page: live pushes from /ws/worker/{id}; my cases (pushed, dispatched or reported by me) from
// /api/incidents, each with the next step of the loop: accept → arrive → feedback (note + photo) → done.
'use strict';
const WORKER_ID = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop());
document.getElementById('title').textContent = '网格员 Gridworker · ' + WORKER_ID;
const shown = new Set();

function meta(box, text) { box.appendChild(el('div', '', text)); }

/** The card of one case; p carries the push fields when it came as a push (distance, reason, snapshot). */
function card(i, p, fresh) {
  const c = el('div', 'card' + (fresh ? ' fresh' : ''));
  c.id = 'case-' + i.id;
  const snap = (p && p.snapshotUrl) || i.snapshotUri;
  if (snap) {
    const img = el('img');
    img.alt = 'snapshot';
    img.src = withToken(snap);
    img.onerror = () => img.remove(); // the agent may not have uploaded it yet
    c.appendChild(img);
  }
  const b = el('div', 'body');
  b.appendChild(el('span', 'state', STATE_LABEL[i.state] || i.state || ''));
  b.appendChild(el('div', 'type', TYPE_LABEL[i.type] || i.type));
  const m = el('div', 'meta');
  meta(m, '网格 Grid: ' + ((p && p.gridName) || i.gridName || i.gridCode || '—'));
  if (p && p.distanceMeters !== undefined) {
    meta(m, '距离 Distance: ' + (p.distanceMeters >= 0 ? Math.round(p.distanceMeters) + ' m' : '—') + ' · '
      + (p.reason === 'GRID_OWNER' ? '本网格 your grid' : p.reason === 'REPUSH' ? '无人响应 re-push' : '附近 nearby'));
  }
  const L = i.loop || {};
  if (L.description) meta(m, '描述 ' + L.description);
  meta(m, '摄像机 Camera: ' + (i.cameraId || '—') + ' · ' + fmtTime(i.createdAt));
  if (L.deadlineAt) meta(m, '时限 Deadline: ' + fmtTime(L.deadlineAt));
  meta(m, '事件 Incident: ' + i.id);
  b.appendChild(m);
  b.appendChild(step(i));
  c.appendChild(b);
  return c;
}

/** The control for the case's next step. */
function step(i) {
  const box = el('div', 'step');
  const err = el('div', 'err');
  const mine = (i.loop || {}).assignee === WORKER_ID;
  const go = (action, body) => post('/api/incidents/' + encodeURIComponent(i.id) + '/' + action, body)
    .then(refresh).catch(e => { err.textContent = (e.status === 409 ? '已被他人受理 Taken by another: ' : '失败 Failed: ') + e.message; });
  const button = (id, label, fn, cls) => { const x = el('button', cls || '', label); x.id = id + '-' + i.id; x.onclick = () => { x.disabled = true; fn(); }; box.appendChild(x); };
  if (i.state === 'REPORTED') {
    button('accept', '受理 Accept', () => go('accept'));
  } else if (i.state === 'DISPATCHED' && mine) {
    button('arrive', '到达现场 Arrived', () => go('arrive'));
  } else if (i.state === 'IN_PROGRESS' && mine) {
    const note = el('textarea');
    note.id = 'note-' + i.id;
    note.placeholder = '处置情况 What was done';
    const file = el('input');
    file.type = 'file';
    file.accept = 'image/jpeg';
    file.capture = 'environment';
    file.id = 'photo-' + i.id;
    box.appendChild(note);
    box.appendChild(file);
    button('feedback', '提交反馈 Submit feedback', () => {
      const f = file.files && file.files[0];
      const upload = f ? fetch('/api/incidents/' + encodeURIComponent(i.id) + '/photos', { method: 'POST',
        headers: { 'Authorization': 'Bearer ' + TOKEN, 'Content-Type': 'image/jpeg' }, body: f })
        .then(r => r.json().then(j => { if (!r.ok) throw new Error(j.error); return j.photo; })) : Promise.resolve(null);
      upload.then(photo => go('feedback', photo ? { note: note.value, evidence: photo } : { note: note.value }))
        .catch(e => { err.textContent = '失败 Failed: ' + e.message; });
    });
    button('falsealarm', '误报 False alarm', () => go('reject', { note: note.value || '现场无异常 nothing found on the spot' }), 'secondary');
  } else if (['HANDLED', 'CLOSED', 'EVALUATED'].includes(i.state) && mine) {
    box.appendChild(el('div', 'done', i.state === 'HANDLED' ? '已完成 Done · 待核查 awaiting verification' : '已结案 Closed'));
  } else if (i.state === 'REJECTED') {
    box.appendChild(el('div', 'done', '误报 False alarm'));
  } else {
    box.appendChild(el('div', 'meta', i.loop && i.loop.assignee ? '由 ' + i.loop.assignee + ' 处置 handled by another' : ''));
  }
  box.appendChild(err);
  return box;
}

function onPush(m) {
  if (m.kind !== 'push' || shown.has(m.pushId)) return;
  shown.add(m.pushId);
  const empty = document.getElementById('live-empty');
  if (empty) empty.remove();
  const live = document.getElementById('live');
  const old = document.getElementById('case-' + m.incidentId);
  if (old) old.remove();
  live.prepend(card({ id: m.incidentId, type: m.type, state: 'REPORTED', gridCode: m.gridCode, cameraId: m.cameraId,
    createdAt: m.sentAt }, m, true));
  if (navigator.vibrate) navigator.vibrate([300, 100, 300]);
}

function refresh() {
  return api('/api/incidents?limit=50').then(list => {
    const box = document.getElementById('history');
    box.textContent = '';
    document.getElementById('live').querySelectorAll('.card').forEach(c => c.remove());
    if (!list.length) box.appendChild(el('div', 'empty', '无记录 none yet'));
    list.forEach(i => box.appendChild(card(i, null, false)));
  });
}

function duty(on) {
  const b = document.getElementById('duty');
  b.className = 'duty' + (on ? ' on' : '');
  b.textContent = on ? '在岗 On duty' : '离岗 Off duty';
  b.onclick = () => api('/api/workers/' + encodeURIComponent(WORKER_ID) + '/duty', { method: 'PUT',
    headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ onDuty: !on }) }).then(w => duty(w.onDuty));
}

// the phone reports where it is while on duty (every 30 s at most); a browser without GPS simply does not
if (navigator.geolocation) {
  let last = 0;
  navigator.geolocation.watchPosition(p => {
    if (Date.now() - last < 30000) return;
    last = Date.now();
    post('/api/workers/' + encodeURIComponent(WORKER_ID) + '/positions',
      { lat: p.coords.latitude, lon: p.coords.longitude, accuracy: p.coords.accuracy }).catch(() => {});
  }, () => {}, { enableHighAccuracy: true });
}

duty(true);
refresh().catch(e => { document.getElementById('history').textContent = '无法加载 cannot load: ' + e.message; });
liveSocket('/ws/worker/' + encodeURIComponent(WORKER_ID), onPush,
  up => { document.getElementById('ws-dot').className = 'dot' + (up ? '' : ' off'); });
