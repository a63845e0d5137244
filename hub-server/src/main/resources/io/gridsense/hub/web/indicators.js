// Indicators page: 结案率, 按期结案率, 返工率 and mean times per grid of a level over a period, with CSV export.
'use strict';
const day = d => d.toISOString().substring(0, 10);
document.getElementById('from').value = day(new Date(Date.now() - 30 * 86400000));
document.getElementById('to').value = day(new Date(Date.now() + 86400000));

function query() {
  return '?level=' + document.getElementById('level').value + '&from=' + document.getElementById('from').value
    + '&to=' + document.getElementById('to').value;
}
function pct(v) { return v === null || v === undefined ? '—' : (v * 100).toFixed(1) + '%'; }
function dur(s) {
  if (s === null || s === undefined) return '—';
  return s < 3600 ? Math.round(s / 60) + ' min' : (s / 3600).toFixed(1) + ' h';
}
function bar(v, cls) {
  const b = el('div', 'bar');
  const i = el('i', cls);
  i.style.width = v === null || v === undefined ? '0' : Math.round(v * 100) + '%';
  b.appendChild(i);
  b.appendChild(el('span', '', pct(v)));
  return b;
}
function show() {
  document.getElementById('csv').href = withToken('/api/indicators.csv' + query());
  return api('/api/indicators' + query()).then(rows => {
    const body = document.getElementById('rows');
    body.textContent = '';
    rows.forEach(r => {
      const tr = el('tr', r.gridCode === 'ALL' ? 'total' : '');
      tr.appendChild(el('td', '', r.gridCode === 'ALL' ? '合计 Total' : (r.gridName || r.gridCode)));
      [r.total, r.rejected, r.closed].forEach(v => tr.appendChild(el('td', '', v)));
      [[r.closureRate, 'ok'], [r.onTimeRate, ''], [r.reworkRate, 'hot']].forEach(([v, c]) => {
        const td = el('td'); td.appendChild(bar(v, c)); tr.appendChild(td);
      });
      tr.appendChild(el('td', '', r.supervised));
      [r.meanSecsToDispatch, r.meanSecsToArrive, r.meanSecsToClose].forEach(v => tr.appendChild(el('td', '', dur(v))));
      body.appendChild(tr);
    });
  });
}
document.getElementById('form').onsubmit = ev => { ev.preventDefault(); show().catch(e => alert(e.message)); };
show().catch(e => { document.getElementById('rows').textContent = '无法加载 cannot load: ' + e.message; });
