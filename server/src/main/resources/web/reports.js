// The report pages: pick a report, a date range, an interval and lines; the table, a chart (uPlot, vendored) of the
// report's main figures per interval, and the same data as CSV. The URL hash names the report (#service).
'use strict';

const $ = (sel) => document.querySelector(sel);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
/** The columns each report charts per interval (counts are summed over its rows, averages and shares averaged). */
const CHART = {
  requests: ['inbound', 'outbound', 'closed_in_ivr', 'routed', 'closed_by_operator'],
  service: ['answered', 'answered_in_time', 'abandoned'],
  aht: ['aht_s', 'avg_talk_s'],
  'aht-after-transfer': ['aht_s'],
  'ivr-time': ['sessions'],
  'ivr-nodes': ['visits', 'drop_offs'],
  occupancy: ['occupancy_pct'],
  callbacks: ['requested', 'dialled', 'kept', 'missed_attempts'],
  tickets: ['transitions'],
  complaints: ['tickets', 'open'],
  satisfaction: ['answers', 'avg_score'],
  notifications: ['sms_sent', 'sms_delivered', 'voice_answered', 'voice_failed'],
  'survey-campaigns': ['reached', 'completed', 'refused', 'machine', 'failed'],
};
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b'];
let plot = null;

function query() {
  const f = new FormData($('#report-form'));
  const p = new URLSearchParams({from: f.get('from'), to: f.get('to'), interval: f.get('interval')});
  f.getAll('line').forEach((l) => p.append('line', l));
  return p;
}

function averaged(column) {
  return /(_s|_pct|^avg_)/.test(column) || column.startsWith('avg');
}

function chart(result) {
  if (plot) { plot.destroy(); plot = null; }
  const columns = (CHART[result.report] || []).filter((c) => result.columns.includes(c));
  if (result.rows.length === 0 || columns.length === 0) { $('#chart').textContent = 'No data in this range.'; return; }
  $('#chart').textContent = '';
  const buckets = [...new Set(result.rows.map((r) => r.bucket))].sort();
  const xs = buckets.map((b) => Date.parse(b) / 1000);
  const series = columns.map((c) => buckets.map((b) => {
    const values = result.rows.filter((r) => r.bucket === b && r[c] != null).map((r) => Number(r[c]));
    if (values.length === 0) return null;
    const sum = values.reduce((a, v) => a + v, 0);
    return averaged(c) ? Math.round(10 * sum / values.length) / 10 : sum;
  }));
  const bars = uPlot.paths.bars({size: [0.6, 60]});
  plot = new uPlot({
    width: Math.min(1200, window.innerWidth - 40), height: 300, title: result.title,
    series: [{label: 'interval'}, ...columns.map((c, i) => ({label: c, stroke: COLOURS[i % COLOURS.length],
      fill: COLOURS[i % COLOURS.length] + '55', width: 2, paths: xs.length < 3 ? bars : undefined, points: {show: true}}))],
    axes: [{}, {}],
    scales: {x: {time: true}},
  }, [xs, ...series], $('#chart'));
}

function table(result) {
  $('#report-table thead').innerHTML = `<tr>${result.columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr>`;
  $('#report-table tbody').innerHTML = result.rows.map((r) =>
    `<tr>${result.columns.map((c) => `<td>${esc(r[c])}</td>`).join('')}</tr>`).join('');
}

async function show() {
  const id = $('#report').value;
  history.replaceState(null, '', '#' + id);
  $('#report-error').textContent = '';
  try {
    const result = await Session.api(`/api/reports/${id}?${query()}`);
    $('#report-title').textContent = result.title;
    $('#board').dataset.report = id;
    table(result);
    chart(result);
    $('#board').dataset.loaded = id;
  } catch (e) {
    $('#report-error').textContent = e.message;
  }
}

async function csv() {
  const id = $('#report').value;
  const p = query();
  p.set('format', 'csv');
  const response = await fetch(`/api/reports/${id}?${p}`, {headers: {Authorization: 'Bearer ' + Session.token()}});
  if (!response.ok) { $('#report-error').textContent = (await response.json()).message; return; }
  const url = URL.createObjectURL(await response.blob());
  const a = Object.assign(document.createElement('a'), {href: url, download: `${id}-${p.get('from')}.csv`});
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

Session.onSignedIn(async (me) => {
  const reports = await Session.api('/api/reports');
  $('#report').innerHTML = reports.map((r) => `<option value="${r.id}" title="${esc(r.title)}">${esc(r.id)}</option>`).join('');
  const wanted = location.hash.slice(1);
  if (reports.some((r) => r.id === wanted)) $('#report').value = wanted;
  const lines = me.roles.includes('admin') ? [1, 2, 3] : (me.lines || []);
  $('#line-filter').innerHTML = '<legend>Lines</legend>' + lines.map((l) =>
    `<label><input type="checkbox" name="line" value="${l}"> ${l}</label>`).join(' ');
  const today = new Date();
  const iso = (d) => d.toISOString().slice(0, 10);
  const form = $('#report-form');
  if (!form.from.value) form.from.value = iso(today);
  if (!form.to.value) form.to.value = iso(new Date(today.getTime() + 86400000));
  await show();
});
$('#report-form').addEventListener('submit', (e) => { e.preventDefault(); show(); });
$('#report').addEventListener('change', show);
$('#csv').addEventListener('click', csv);
window.addEventListener('hashchange', () => { const id = location.hash.slice(1); if (id && id !== $('#report').value) { $('#report').value = id; show(); } });
Session.init();
