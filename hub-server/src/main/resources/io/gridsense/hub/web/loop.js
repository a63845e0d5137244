// The board's closed-loop side: incident filters, the detail panel with the audit trail, and the loop's actions.
'use strict';

function initFilters() {
  const f = document.getElementById('filters');
  if (f.dataset.ready) return;
  f.dataset.ready = '1';
  const st = document.getElementById('f-state');
  Object.keys(STATE_LABEL).forEach(k => { const o = el('option', '', STATE_LABEL[k]); o.value = k; st.appendChild(o); });
  const lv = document.getElementById('f-level');
  Object.keys(LEVEL_LABEL).forEach(k => { const o = el('option', '', LEVEL_LABEL[k]); o.value = k; lv.appendChild(o); });
  const gr = document.getElementById('f-grid');
  S.grids.filter(g => g.level !== 'district').forEach(g => { const o = el('option', '', g.name); o.value = g.code; gr.appendChild(o); });
}
// bound at once, so that a click before the first load never submits the form (and drops the token)
document.getElementById('filters').onsubmit = ev => { ev.preventDefault(); load().catch(e => alert(e.message)); };

function filterValues() {
  const v = id => (document.getElementById(id) || {}).value || '';
  return { state: v('f-state'), level: v('f-level'), grid: v('f-grid'), category: v('f-category').trim(),
    supervised: !!(document.getElementById('f-supervised') || {}).checked };
}

function filterQuery() {
  const f = filterValues();
  let q = '';
  if (f.state) q += '&state=' + encodeURIComponent(f.state);
  if (f.level) q += '&level=' + encodeURIComponent(f.level);
  if (f.grid) q += '&grid=' + encodeURIComponent(f.grid);
  if (f.category) q += '&category=' + encodeURIComponent(f.category);
  if (f.supervised) q += '&supervised=true';
  return q;
}

/** Whether a live incident event belongs on the filtered board (the grid filter is left to the server). */
function matchesFilter(i) {
  const f = filterValues(), L = i.loop || {};
  return (!f.state || i.state === f.state) && (!f.level || L.level === f.level)
    && (!f.category || L.category === f.category) && (!f.supervised || L.supervisions > 0);
}

function fact(box, label, value) {
  const d = el('div');
  d.appendChild(el('b', '', label));
  d.appendChild(document.createTextNode(value === null || value === undefined || value === '' ? '—' : String(value)));
  box.appendChild(d);
}

function showDetail(id) {
  S.selected = id;
  document.querySelectorAll('#incidents tr').forEach(tr => tr.classList.toggle('sel', tr.dataset.id === id));
  return api('/api/incidents/' + encodeURIComponent(id)).then(({ incident: i, events }) => {
    S.incidents.set(i.id, i);
    const L = i.loop || {};
    document.getElementById('detail').hidden = false;
    document.getElementById('d-title').textContent = '事件 Incident ' + i.id + ' · ' + (STATE_LABEL[i.state] || i.state);
    const facts = document.getElementById('d-facts');
    facts.textContent = '';
    fact(facts, '类型 Type', (TYPE_LABEL[i.type] || i.type) + (L.category && L.category !== i.type ? ' / ' + L.category : ''));
    fact(facts, '网格 Grid', gridName(i.gridCode));
    fact(facts, '来源 Source', L.source === 'MANUAL' ? '人工上报 ' + L.reportedBy : '摄像机 ' + (i.cameraId || ''));
    fact(facts, '描述 Description', L.description);
    fact(facts, '层级 Level', (LEVEL_LABEL[L.level] || L.level) + (L.supervisions ? ' · 督办 ×' + L.supervisions : ''));
    fact(facts, '处置人 Assignee', L.assignee);
    fact(facts, '时限 Deadline', L.deadlineAt ? fmtTime(L.deadlineAt) : '');
    fact(facts, '返工 Rework', L.reworkCount);
    fact(facts, '反馈 Feedback', L.feedbackNote);
    if (L.feedbackPhoto) {
      const img = el('img', 'photo');
      img.src = withToken(L.feedbackPhoto);
      img.style.maxWidth = '100%';
      facts.appendChild(img);
    }
    const sel = document.getElementById('d-assignee');
    // a re-render of the same incident (the board socket's event after an action, which may land after the operator
    // picked a worker) keeps the worker chosen; read at render time, not at request time, for that reason
    const chosen = sel.dataset.incident === i.id ? sel.value : '';
    sel.dataset.incident = i.id;
    sel.textContent = '';
    S.workers.filter(w => w.onDuty).forEach(w => {
      const o = el('option', '', w.name + ' ' + w.id); o.value = w.id; sel.appendChild(o);
    });
    if (chosen && [...sel.options].some(o => o.value === chosen)) sel.value = chosen;
    const buttons = document.getElementById('d-buttons');
    buttons.textContent = '';
    Object.keys(LOOP).filter(a => LOOP[a].from.includes(i.state) && a !== 'arrive' && a !== 'feedback').forEach(a => {
      const b = el('button', '', LOOP[a].label);
      b.id = 'act-' + a;
      b.onclick = () => act(i.id, a);
      buttons.appendChild(b);
    });
    const trail = document.getElementById('d-trail');
    trail.textContent = '';
    events.forEach(e => {
      const li = el('li');
      li.appendChild(el('b', '', e.action));
      li.appendChild(document.createTextNode(' ' + fmtTime(e.at) + ' · ' + e.actor
        + (e.fromState && e.toState && e.fromState !== e.toState ? ' · ' + e.fromState + ' → ' + e.toState : '')
        + (e.detail ? ' · ' + e.detail : '')));
      trail.appendChild(li);
    });
    document.getElementById('d-error').textContent = '';
  });
}

function act(id, action) {
  const body = {};
  const note = document.getElementById('d-note').value.trim();
  if (note) body.note = note;
  if (LOOP[action].needs === 'assignee') body.assignee = document.getElementById('d-assignee').value;
  if (LOOP[action].needs === 'rating') body.rating = Number(document.getElementById('d-rating').value);
  return post('/api/incidents/' + encodeURIComponent(id) + '/' + action, body).then(i => {
    S.incidents.set(i.id, i);
    document.getElementById('d-note').value = '';
    redraw();
    return showDetail(i.id);
  }).catch(e => { document.getElementById('d-error').textContent = e.message; });
}
