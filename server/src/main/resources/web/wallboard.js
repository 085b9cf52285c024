// The supervisor wallboard: tiles per line, the operator grid, alerts, listen-in and controls, and the outage
// campaigns, all within the supervisor's lines. Live over Server-Sent Events (/api/wallboard/stream: the whole
// centre's events through Redis, whichever instance this page talks to); the clocks tick locally every second.
'use strict';

const $ = (sel) => document.querySelector(sel);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
let stream = null;
let pending = null;
let state = null;
let today = [];
let loadedAt = Date.now();
const campaigns = new Map();

function seconds(s) {
  if (s == null) return '–';
  s = Math.max(0, Math.floor(s));
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}:${String(s % 60).padStart(2, '0')}` : `${s} s`;
}

function percent(x) {
  return x == null ? '–' : `${Math.round(x * 100)} %`;
}

function figure(label, value, cls, alert) {
  return `<div class="figure ${cls}${alert ? ' alert' : ''}"><span class="value">${value}</span><span class="label">${label}</span></div>`;
}

/** Seconds elapsed since the state was loaded, so waits and times in state tick between refreshes. */
function drift() {
  return (Date.now() - loadedAt) / 1000;
}

function lineAlerts(q, t) {
  const a = q.alerts || {};
  const out = [];
  if (q.waiting > a.maxWaiting) out.push(`${q.waiting} waiting (max ${a.maxWaiting})`);
  if (q.waiting > 0 && q.longestWaitSeconds + drift() > a.maxLongestWaitSeconds) out.push(`longest wait over ${seconds(a.maxLongestWaitSeconds)}`);
  if (t && t.serviceLevel != null && t.serviceLevel < a.minServiceLevel) out.push(`service level ${percent(t.serviceLevel)} under ${percent(a.minServiceLevel)}`);
  return out;
}

function renderLines() {
  const editing = document.activeElement && document.activeElement.closest('#lines input, #lines select');
  if (editing) return; // a supervisor is typing: the next refresh redraws
  const open = new Set([...document.querySelectorAll('#lines details[open]')].map((d) => d.closest('[data-line]').dataset.line + d.className));
  const byLine = new Map(today.map((t) => [t.line, t]));
  const banner = [];
  $('#lines').innerHTML = state.lines.map((q) => {
    const t = byLine.get(q.line);
    const alerts = lineAlerts(q, t);
    alerts.forEach((a) => banner.push(`Line ${q.line}: ${a}`));
    const a = q.alerts || {};
    const states = Object.entries(q.operators || {}).map(([s, n]) => `${n} ${s}`).join(', ') || 'nobody logged in';
    const calls = q.calls.map((c) => `<li data-call="${esc(c.callId)}">${esc(c.topic)}${c.hazard ? ' ⚠' : ''}
        · <span class="wait tick" data-base="${c.waitedSeconds}">${seconds(c.waitedSeconds + drift())}</span> · priority ${c.effectivePriority}
        <input class="priority" type="number" min="0" max="1000" value="${c.priority}" aria-label="priority">
        <select class="topic" aria-label="move to">${state.topics.map((tp) => `<option value="${esc(tp.id)}"${tp.id === c.topic ? ' selected' : ''}>${esc(tp.name)} (line ${tp.line})</option>`).join('')}</select>
        <button data-action="move">Apply</button></li>`).join('');
    const sl = t ? `service level today (target ${percent(t.serviceLevelTarget)} in ${t.serviceLevelSeconds} s)` : 'service level today';
    return `<article class="line${alerts.length ? ' alert' : ''}" data-line="${q.line}">
      <h2>Line ${q.line}: ${esc(q.name)} ${q.open ? '' : '<span class="closed">(closed)</span>'}</h2>
      ${q.override ? `<p class="override">${q.override.open ? 'Opened' : 'Closed'} by ${esc(q.override.by)} ${q.override.until ? 'until ' + esc(new Date(q.override.until).toLocaleString()) : 'until further notice'}</p>` : ''}
      <div class="figures">
        ${figure('waiting', q.waiting, 'waiting', q.waiting > a.maxWaiting)}
        ${figure('longest wait', q.waiting ? `<span class="tick" data-base="${q.longestWaitSeconds}">${seconds(q.longestWaitSeconds + drift())}</span>` : '–', 'longest', q.waiting > 0 && q.longestWaitSeconds + drift() > a.maxLongestWaitSeconds)}
        ${figure(sl, percent(t?.serviceLevel), 'service-level', t && t.serviceLevel != null && t.serviceLevel < a.minServiceLevel)}
        ${figure('answered / abandoned', t ? `${t.answered} / ${t.abandoned}` : '–', 'answered')}
        ${figure('abandoned', t ? t.abandoned : '–', 'abandoned')}
        ${figure('ASA', seconds(t?.averageSpeedOfAnswerSeconds), 'asa')}
        ${figure('AHT', seconds(t?.averageHandlingTimeSeconds), 'aht')}
        ${figure('callbacks pending', t ? t.callbacksPending : '–', 'callbacks')}
      </div>
      <p class="operators-by-state">${states}</p>
      <ol class="calls">${calls}</ol>
      <details class="hours"${open.has(q.line + 'hours') ? ' open' : ''}><summary>Open or close outside hours</summary>
        <form data-hours="${q.line}">
          <label><select name="open"><option value="true">open</option><option value="false"${q.open ? ' selected' : ''}>closed</option></select></label>
          <label>until <input name="until" type="datetime-local"></label> <small>(empty: until further notice)</small>
          <button>Apply</button> <button type="button" data-action="reset-hours"${q.override ? '' : ' disabled'}>Configured hours</button>
        </form></details>
      <details class="thresholds"${open.has(q.line + 'thresholds') ? ' open' : ''}><summary>Alert thresholds</summary>
        <form data-alerts="${q.line}">
          <label>max waiting <input name="maxWaiting" type="number" min="0" value="${a.maxWaiting}"></label>
          <label>max longest wait (s) <input name="maxLongestWaitSeconds" type="number" min="0" value="${a.maxLongestWaitSeconds}"></label>
          <label>min service level <input name="minServiceLevel" type="number" min="0" max="1" step="0.01" value="${a.minServiceLevel}"></label>
          <button>Save</button>
        </form></details>
    </article>`;
  }).join('');
  $('#alerts').innerHTML = banner.map((b) => `<p>${esc(b)}</p>`).join('');
  $('#alerts').hidden = banner.length === 0;
}

function renderOperators() {
  if (document.activeElement && document.activeElement.closest('#operators input')) return; // being edited
  const skillsOpen = new Set([...document.querySelectorAll('#operators details[open]')].map((d) => d.closest('tr').dataset.operator));
  $('#operators tbody').innerHTML = state.operators.map((o) => {
    const onCall = o.state === 'on-call';
    return `<tr data-operator="${esc(o.id)}" class="state-${esc(o.state)}">
      <td>${esc(o.name || o.id)}</td><td>${o.lines.join(', ')}</td>
      <td class="state">${esc(o.state)}${o.reason ? ' (' + esc(o.reason) + ')' : ''}</td>
      <td class="since">${o.stateSeconds == null ? '' : `<span class="tick" data-base="${o.stateSeconds}">${seconds(o.stateSeconds + drift())}</span>`}</td>
      <td class="call">${o.callId ? esc(o.callId) + (onCall ? ` · <span class="tick" data-base="${o.stateSeconds}">${seconds(o.stateSeconds + drift())}</span>` : '') : ''}</td>
      <td class="skills"><details${skillsOpen.has(o.id) ? ' open' : ''}><summary>${Object.entries(o.skills || {}).map(([k, v]) => `${esc(k)} ${v}`).join(', ') || 'none'}${o.skillsOverridden ? ' <em>(changed)</em>' : ''}</summary>
        <form data-skills="${esc(o.id)}">${state.topics.filter((tp) => o.lines.includes(tp.line) || o.skills?.[tp.id]).map((tp) => `<label>${esc(tp.id)} <input name="${esc(tp.id)}" type="number" min="0" max="5" value="${o.skills?.[tp.id] || 0}"></label>`).join(' ')}
          <button>Save</button> <button type="button" data-action="reset-skills"${o.skillsOverridden ? '' : ' disabled'}>Configured skills</button></form></details></td>
      <td class="actions">
        <button data-action="ready"${o.state === 'ready' ? ' disabled' : ''}>Ready</button>
        <button data-action="not-ready">Not ready</button>
        <button data-action="logged-out"${o.state === 'logged-out' ? ' disabled' : ''}>Log out</button>
        ${['listen', 'whisper', 'barge'].map((m) => `<button data-action="spy" data-mode="${m}"${onCall ? '' : ' disabled'}>${m[0].toUpperCase() + m.slice(1)}</button>`).join('')}
      </td></tr>`;
  }).join('');
}

function renderCampaigns() {
  if (campaigns.size === 0) { $('#campaigns').innerHTML = '<p class="empty">No live campaign.</p>'; return; }
  $('#campaigns').innerHTML = [...campaigns.values()].map((c) => {
    const share = c.smsTotal ? Math.round(100 * c.smsDone / c.smsTotal) : 0;
    const calls = Object.entries(c.calls || {}).map(([k, n]) => `${n} ${k}`).join(', ') || 'none';
    return `<article class="campaign" data-campaign="${esc(c.id)}"><h3>${esc(c.kind)} campaign, outage ${esc(c.outageId.slice(0, 8))}</h3>
      <progress max="${c.smsTotal || 1}" value="${c.smsDone || 0}"></progress> <span class="sms-done">${c.smsDone} / ${c.smsTotal} SMS (${share} %)</span>
      <p>Voice calls: ${esc(calls)} · operator calls: ${c.operatorCalls ?? 0}</p></article>`;
  }).join('');
}

function render() {
  if (!state) return;
  renderLines();
  renderOperators();
  $('#emergency').textContent = `Emergency mode: ${state.emergency ? 'ON' : 'off'}`;
  $('#emergency').classList.toggle('on', state.emergency);
  $('#emergency').dataset.on = state.emergency;
}

async function refresh(withToday = true) {
  pending = null;
  const [s, t] = await Promise.all([Session.api('/api/wallboard/state'), withToday ? Session.api('/api/wallboard/today') : today]);
  state = s;
  today = t;
  loadedAt = Date.now();
  render();
}

function refreshSoon() {
  if (!pending) pending = setTimeout(() => refresh().catch(console.error), 100);
}

async function loadCampaigns() {
  const outages = await Session.api('/api/notifications/outages').catch(() => []);
  for (const o of outages.filter((x) => x.state === 'active' || x.state === 'scheduled')) {
    const list = await Session.api(`/api/notifications/outages/${o.id}/campaigns`).catch(() => []);
    list.forEach((c) => campaigns.set(c.id, c));
  }
  renderCampaigns();
}

function listen() {
  stream = new EventSource('/api/wallboard/stream?access_token=' + encodeURIComponent(Session.token()));
  stream.onopen = () => { $('#live').hidden = false; };
  stream.onerror = () => { $('#live').hidden = true; };
  for (const type of ['queue', 'operator-state', 'alerts']) stream.addEventListener(type, refreshSoon);
  stream.addEventListener('campaign', (e) => { const c = JSON.parse(e.data); campaigns.set(c.id, c); renderCampaigns(); });
}

function said(text, failed) {
  $('#action-result').textContent = text;
  $('#action-result').classList.toggle('failed', !!failed);
}

async function act(promise, done) {
  try { const r = await promise; said(done(r)); refreshSoon(); } catch (e) { said(e.message, true); }
}

$('#operators').addEventListener('click', (event) => {
  const b = event.target.closest('button[data-action]');
  if (!b) return;
  const id = b.closest('tr').dataset.operator;
  if (b.dataset.action === 'reset-skills') {
    act(Session.api(`/api/wallboard/operators/${id}/skills`, {method: 'DELETE'}), (r) => `${r.id}: configured skills again`);
  } else if (b.dataset.action === 'spy') {
    said(`Ringing your softphone to ${b.dataset.mode} on ${id}…`);
    act(Session.api(`/api/wallboard/operators/${id}/spy`, {method: 'POST', body: JSON.stringify({mode: b.dataset.mode})}),
      (r) => `${r.mode} on ${r.operator}: ${r.outcome} (${r.endpoint})`);
  } else {
    act(Session.api(`/api/wallboard/operators/${id}/state`, {method: 'POST', body: JSON.stringify({state: b.dataset.action})}),
      (r) => `${r.id} is ${r.state}`);
  }
});

$('#operators').addEventListener('submit', (event) => {
  const form = event.target.closest('form[data-skills]');
  if (!form) return;
  event.preventDefault();
  const skills = {};
  for (const [topic, level] of new FormData(form)) if (Number(level) > 0) skills[topic] = Number(level);
  act(Session.api(`/api/wallboard/operators/${form.dataset.skills}/skills`, {method: 'PUT', body: JSON.stringify({skills})}),
    (r) => `${r.id}: skills saved`);
});

$('#lines').addEventListener('click', (event) => {
  const reset = event.target.closest('button[data-action="reset-hours"]');
  if (reset) {
    const line = reset.closest('form').dataset.hours;
    act(Session.api(`/api/wallboard/lines/${line}/hours`, {method: 'DELETE'}), () => `line ${line} follows its configured hours`);
    return;
  }
  const b = event.target.closest('button[data-action="move"]');
  if (!b) return;
  const li = b.closest('li');
  const call = state.lines.flatMap((l) => l.calls).find((c) => c.callId === li.dataset.call);
  const body = {};
  const topic = li.querySelector('.topic').value;
  const priority = Number(li.querySelector('.priority').value);
  if (call && topic !== call.topic) body.topic = topic;
  if (call && priority !== call.priority) body.priority = priority;
  if (Object.keys(body).length === 0) return;
  act(Session.api(`/api/wallboard/calls/${encodeURIComponent(li.dataset.call)}/move`, {method: 'POST', body: JSON.stringify(body)}),
    (r) => `call now on line ${r.line}, ${r.topic}, priority ${r.priority}`);
});

$('#lines').addEventListener('submit', (event) => {
  const hours = event.target.closest('form[data-hours]');
  if (hours) {
    event.preventDefault();
    const f = new FormData(hours);
    const body = {open: f.get('open') === 'true'};
    if (f.get('until')) body.until = new Date(f.get('until')).toISOString();
    act(Session.api(`/api/wallboard/lines/${hours.dataset.hours}/hours`, {method: 'PUT', body: JSON.stringify(body)}),
      (r) => `line ${r.line} ${r.open ? 'open' : 'closed'} ${r.until ? 'until ' + new Date(r.until).toLocaleString() : 'until further notice'}`);
    return;
  }
  const form = event.target.closest('form[data-alerts]');
  if (!form) return;
  event.preventDefault();
  const f = new FormData(form);
  act(Session.api(`/api/wallboard/lines/${form.dataset.alerts}/alerts`, {method: 'PUT', body: JSON.stringify({
    maxWaiting: Number(f.get('maxWaiting')), maxLongestWaitSeconds: Number(f.get('maxLongestWaitSeconds')),
    minServiceLevel: Number(f.get('minServiceLevel'))})}), () => `thresholds of line ${form.dataset.alerts} saved`);
});

$('#emergency').addEventListener('click', () => {
  const on = $('#emergency').dataset.on !== 'true';
  if (on && !confirm('Switch emergency mode ON? Calls overflow to other centres as soon as every operator is busy.')) return;
  act(Session.api('/api/acd/emergency', {method: 'PUT', body: JSON.stringify({on})}), (r) => `emergency mode ${r.on ? 'on' : 'off'}`);
});

Session.onSignedIn(async () => {
  await refresh();
  await loadCampaigns();
  listen();
});
Session.onSignedOut(() => {
  if (stream) stream.close();
  stream = null;
  state = null;
  $('#live').hidden = true;
});
// the clocks: waits and times in state tick between refreshes
setInterval(() => {
  document.querySelectorAll('.tick').forEach((e) => { e.textContent = seconds(Number(e.dataset.base) + drift()); });
}, 1000);
setInterval(() => { if (Session.token() && state) refresh().catch(console.error); }, 15000);
Session.init();
