// Gridworker phone page: live pushes from /ws/worker/{id}, earlier ones from /api/workers/{id}/pushes.
'use strict';
const WORKER_ID = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop());
document.getElementById('title').textContent = '网格员 Gridworker · ' + WORKER_ID;
const shown = new Set();

// p: {pushId, incidentId, alertId?, type, gridName?, gridCode?, cameraId, distanceMeters, reason, snapshotUrl?, sentAt, ackedAt?}
function card(p, state, fresh) {
  const c = el('div', 'card' + (fresh ? ' fresh' : ''));
  c.id = 'push-' + p.pushId;
  if (p.snapshotUrl) {
    const img = el('img');
    img.alt = 'snapshot';
    img.src = withToken(p.snapshotUrl);
    img.onerror = () => img.remove(); // the agent may not have uploaded it yet
    c.appendChild(img);
  }
  const b = el('div', 'body');
  const st = el('span', 'state', STATE_LABEL[state] || state || '');
  b.appendChild(st);
  b.appendChild(el('div', 'type', TYPE_LABEL[p.type] || p.type));
  const meta = el('div', 'meta');
  meta.appendChild(el('div', '', '网格 Grid: ' + (p.gridName || p.gridCode || '—')));
  meta.appendChild(el('div', '', '距离 Distance: ' + (p.distanceMeters >= 0 ? Math.round(p.distanceMeters) + ' m' : '—')
    + ' · ' + (p.reason === 'GRID_OWNER' ? '本网格 your grid' : '附近 nearby')));
  meta.appendChild(el('div', '', '摄像机 Camera: ' + (p.cameraId || '—') + ' · ' + fmtTime(p.sentAt)));
  meta.appendChild(el('div', '', '事件 Incident: ' + p.incidentId));
  b.appendChild(meta);
  const btn = el('button', '', state === 'REPORTED' ? '受理 Accept' : '已受理 Accepted');
  btn.disabled = state !== 'REPORTED';
  btn.onclick = () => {
    btn.disabled = true;
    api('/api/incidents/' + encodeURIComponent(p.incidentId) + '/accept', { method: 'POST' })
      .then(i => { st.textContent = STATE_LABEL[i.state]; btn.textContent = '已受理 Accepted'; })
      .catch(e => { btn.textContent = e.status === 409 ? '已被受理 Already accepted' : '失败 Failed: ' + e.message; })
      .finally(() => api('/api/pushes/' + encodeURIComponent(p.pushId) + '/ack', { method: 'POST' }).catch(() => {}));
  };
  b.appendChild(btn);
  c.appendChild(b);
  return c;
}

function onPush(m) {
  if (m.kind !== 'push' || shown.has(m.pushId)) return;
  shown.add(m.pushId);
  const empty = document.getElementById('live-empty');
  if (empty) empty.remove();
  document.getElementById('live').prepend(card(m, 'REPORTED', true));
  if (navigator.vibrate) navigator.vibrate([300, 100, 300]);
}

function loadHistory() {
  return api('/api/workers/' + encodeURIComponent(WORKER_ID) + '/pushes?limit=50').then(list => {
    const box = document.getElementById('history');
    box.textContent = '';
    if (!list.length) box.appendChild(el('div', 'empty', '无记录 none yet'));
    list.forEach(({ push, incident, gridName }) => {
      if (shown.has(push.pushId) && document.getElementById('push-' + push.pushId)) return;
      const i = incident || {};
      box.appendChild(card({ pushId: push.pushId, incidentId: push.incidentId, type: i.type, gridCode: i.gridCode, gridName: gridName,
        cameraId: i.cameraId, distanceMeters: push.distanceMeters, reason: push.reason, snapshotUrl: i.snapshotUri,
        sentAt: push.sentAt }, i.state, false));
    });
  });
}

loadHistory().catch(e => { document.getElementById('history').textContent = '无法加载 cannot load: ' + e.message; });
liveSocket('/ws/worker/' + encodeURIComponent(WORKER_ID), onPush,
  up => { document.getElementById('ws-dot').className = 'dot' + (up ? '' : ' off'); });
