// The first live wallboard: per line waiting calls, longest wait, today's service level and operators by state,
// refreshed on every ACD event (Server-Sent Events) and every few seconds for the ticking waits.
'use strict';

const TOKEN_KEY = 'gridcare.token';
const $ = (sel) => document.querySelector(sel);
let token = sessionStorage.getItem(TOKEN_KEY);
let stream = null;
let pending = null;

async function api(path, options = {}) {
  const headers = Object.assign({'Content-Type': 'application/json'}, options.headers || {});
  if (token) headers.Authorization = 'Bearer ' + token;
  const response = await fetch(path, Object.assign({}, options, {headers}));
  if (response.status === 401 && token) { signOut(); throw new Error('signed out'); }
  const body = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
  if (!response.ok) { const e = new Error(body?.message || response.statusText); e.status = response.status; throw e; }
  return body;
}

function show(signedIn) {
  $('#sign-in').hidden = signedIn;
  $('#board').hidden = !signedIn;
  $('#sign-out').hidden = !signedIn;
}

function signOut() {
  if (stream) stream.close();
  stream = null;
  if (token) fetch('/api/auth/logout', {method: 'POST', headers: {Authorization: 'Bearer ' + token}}).catch(() => {});
  token = null;
  sessionStorage.removeItem(TOKEN_KEY);
  $('#who').textContent = '';
  $('#live').hidden = true;
  show(false);
}

function seconds(s) {
  if (s == null) return '–';
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}:${String(Math.floor(s % 60)).padStart(2, '0')}` : `${Math.floor(s)} s`;
}

function percent(x) {
  return x == null ? '–' : `${Math.round(x * 100)} %`;
}

function figure(label, value, cls) {
  return `<div class="figure ${cls}"><span class="value">${value}</span><span class="label">${label}</span></div>`;
}

function renderLines(queues, today) {
  const byLine = new Map((today || []).map((t) => [t.line, t]));
  $('#lines').innerHTML = queues.map((q) => {
    const t = byLine.get(q.line);
    const states = Object.entries(q.operators || {}).map(([s, n]) => `${n} ${s}`).join(', ') || 'nobody logged in';
    const late = t && t.serviceLevel != null && t.serviceLevel < t.serviceLevelTarget;
    return `<article class="line${late ? ' alert' : ''}" data-line="${q.line}">
      <h2>Line ${q.line}: ${q.name} ${q.open ? '' : '<span class="closed">(closed)</span>'}</h2>
      <div class="figures">
        ${figure('waiting', q.waiting, 'waiting')}
        ${figure('longest wait', seconds(q.longestWaitSeconds), 'longest')}
        ${figure(t ? `service level (target ${percent(t.serviceLevelTarget)} in ${t.serviceLevelSeconds} s)` : 'service level', percent(t?.serviceLevel), 'service-level')}
        ${figure('answered / abandoned today', t ? `${t.answered} / ${t.abandoned}` : '–', 'answered')}
      </div>
      <p class="operators-by-state">${states}</p>
    </article>`;
  }).join('');
}

function renderOperators(operators) {
  const now = Date.now();
  $('#operators tbody').innerHTML = operators.map((o) => `<tr data-operator="${o.id}">
      <td>${o.name || o.id}</td><td>${(o.lines || []).join(', ')}</td>
      <td class="state state-${o.state}">${o.state}${o.reason ? ' (' + o.reason + ')' : ''}</td>
      <td>${o.since ? seconds((now - Date.parse(o.since)) / 1000) : ''}</td></tr>`).join('');
}

async function refresh() {
  pending = null;
  const [queues, operators, today] = await Promise.all([
    api('/api/acd/queues'),
    api('/api/acd/operators'),
    api('/api/wallboard/today').catch((e) => (e.status === 403 ? null : Promise.reject(e))),
  ]);
  renderLines(queues, today);
  renderOperators(operators);
}

function refreshSoon() {
  if (!pending) pending = setTimeout(() => refresh().catch(console.error), 200);
}

function listen() {
  stream = new EventSource('/api/acd/stream?access_token=' + encodeURIComponent(token));
  stream.onopen = () => { $('#live').hidden = false; };
  stream.onerror = () => { $('#live').hidden = true; };
  for (const type of ['queue', 'operator-state']) stream.addEventListener(type, refreshSoon);
}

async function start() {
  const me = await api('/api/auth/me');
  $('#who').textContent = `${me.username} (${me.roles.join(', ')})`;
  show(true);
  await refresh();
  listen();
}

$('#sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    const session = await api('/api/auth/login', {method: 'POST',
      body: JSON.stringify({username: form.get('username'), password: form.get('password')})});
    token = session.token;
    sessionStorage.setItem(TOKEN_KEY, token);
    $('#sign-in-error').textContent = '';
    await start();
  } catch (e) {
    $('#sign-in-error').textContent = e.message;
  }
});
$('#sign-out').addEventListener('click', signOut);
setInterval(() => { if (token) refresh().catch(console.error); }, 5000);

if (token) start().catch(() => signOut()); else show(false);
