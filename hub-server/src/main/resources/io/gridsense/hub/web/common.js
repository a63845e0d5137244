// Shared helpers of the hub pages. The access token comes from the page URL (?token=...) and goes on every
// API call (Authorization header) and on image/WebSocket URLs, where headers cannot be set.
'use strict';
const TOKEN = new URLSearchParams(location.search).get('token') || '';
const TYPE_LABEL = { GATHERING: '人员聚集 Gathering', FIGHT: '打架斗殴 Fight', CAMERA_OFFLINE: '摄像机离线 Camera offline',
  CAMERA_TAMPER: '摄像机遮挡 Camera tamper' };
const STATE_LABEL = { REPORTED: '待受理 Reported', ACCEPTED: '已受理 Accepted', DISPATCHED: '已派遣 Dispatched',
  IN_PROGRESS: '处置中 In progress', HANDLED: '已处置 Handled', CLOSED: '已结案 Closed', EVALUATED: '已评价 Evaluated',
  REJECTED: '误报 False alarm' };
const LEVEL_LABEL = { VILLAGE: '村/社区 Village', TOWN: '乡镇/街道 Town', COUNTY: '县/区 County', CITY: '市 City' };
// The loop's actions and the states they start from (the same table as LoopAction on the hub).
const LOOP = {
  accept: { from: ['REPORTED'], label: '受理 Accept' },
  reject: { from: ['REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS'], label: '误报 False alarm', needs: 'note' },
  dispatch: { from: ['ACCEPTED'], label: '派遣 Dispatch', needs: 'assignee' },
  arrive: { from: ['DISPATCHED'], label: '到达 Arrive' },
  feedback: { from: ['IN_PROGRESS'], label: '反馈 Feedback', needs: 'note' },
  verify: { from: ['HANDLED'], label: '核查结案 Verify & close' },
  rework: { from: ['HANDLED'], label: '返工 Send back', needs: 'note' },
  evaluate: { from: ['CLOSED'], label: '评价 Evaluate', needs: 'rating' } };
function post(path, body) {
  return api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body || {}) });
}

function api(path, opts) {
  const o = Object.assign({}, opts || {});
  o.headers = Object.assign({ 'Authorization': 'Bearer ' + TOKEN }, o.headers || {});
  return fetch(path, o).then(r => r.text().then(t => {
    const body = t ? JSON.parse(t) : null;
    if (!r.ok) { const e = new Error((body && body.error) || ('HTTP ' + r.status)); e.status = r.status; throw e; }
    return body;
  }));
}
function withToken(path) {
  return path + (path.indexOf('?') < 0 ? '?' : '&') + 'token=' + encodeURIComponent(TOKEN);
}
function wsUrl(path) {
  return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + withToken(path);
}
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}
function fmtTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  const p = n => String(n).padStart(2, '0');
  return p(d.getMonth() + 1) + '-' + p(d.getDate()) + ' ' + p(d.getHours()) + ':' + p(d.getMinutes()) + ':' + p(d.getSeconds());
}
/** A WebSocket that reconnects after 2 s; onState(true|false) reports the connection. */
function liveSocket(path, onMessage, onState) {
  let ws;
  const open = () => {
    ws = new WebSocket(wsUrl(path));
    ws.onopen = () => onState(true);
    ws.onmessage = ev => { try { onMessage(JSON.parse(ev.data)); } catch (e) { console.error(e); } };
    ws.onclose = () => { onState(false); setTimeout(open, 2000); };
  };
  open();
}
// page links keep the caller's token (the pages have no other session)
document.querySelectorAll('nav a').forEach(a => { a.href = withToken(a.getAttribute('href')); });
