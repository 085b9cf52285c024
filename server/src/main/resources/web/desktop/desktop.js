// Operator desktop: sign in, softphone, state, screen pop, call control, tickets and scripts, history, knowledge base,
// own recordings. Live over SSE (/api/desktop/stream); every (re)connection resyncs from /api/desktop/session, so a
// call offered while the page was reloading or the server restarting still pops. No polling, no framework.
'use strict';

const TOKEN_KEY = 'gridcare.token';
const LANG_KEY = 'gridcare.lang';
const DISMISSED_KEY = 'gridcare.desktop.dismissed-reminders';
const $ = (s) => document.querySelector(s);
let token = sessionStorage.getItem(TOKEN_KEY);
let me = null;          // {username, roles, lines}
let session = null;     // last /api/desktop/session
let call = null;        // the call shown: {callId, state, topic, line, ticketId, card, ...}
let ticket = null;      // the ticket of this call {id, number, version}
let recordingPaused = false;
let surveys = [];       // /api/desktop/surveys: the surveys an operator can run on a call
let stream = null;
let texts = {};

// ---- infrastructure --------------------------------------------------------------------------------------------

async function api(path, options = {}) {
  const headers = {'Content-Type': 'application/json'};
  if (token) headers.Authorization = 'Bearer ' + token;
  const response = await fetch(path, Object.assign({}, options, {headers}));
  if (response.status === 401 && token) { signOut(); throw new Error('signed out'); }
  if (response.status === 204) return null;
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const e = new Error(body.message || body.error || ('HTTP ' + response.status));
    e.status = response.status; e.id = body.error;
    throw e;
  }
  return body;
}

function t(key) { return texts[key] || key; }
const esc = (s) => String(s == null ? '' : s).replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));

async function loadLanguage(lang) {
  texts = await fetch('i18n/' + lang + '.json').then((r) => r.json());
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  document.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  $('#language').value = lang;
  localStorage.setItem(LANG_KEY, lang);
  renderSurvey();
  if (session) render();
}

function showError(e) {
  const box = $('#error');
  box.textContent = e ? (e.message || String(e)) : '';
  box.hidden = !e;
  if (e) setTimeout(() => { if (box.textContent === (e.message || String(e))) box.hidden = true; }, 8000);
}

/** Runs an action from a button; any failure is shown as the server explained it. */
function act(fn) {
  return (event) => {
    if (event) event.preventDefault();
    showError(null);
    Promise.resolve().then(() => fn(event)).catch(showError);
  };
}

// ---- sign-in, softphone, stream --------------------------------------------------------------------------------

function show(part) {
  $('#sign-in').hidden = part !== 'sign-in';
  $('#softphone').hidden = part !== 'softphone';
  $('#desk').hidden = part !== 'desk';
  $('#sign-out').hidden = part === 'sign-in';
  performance.mark('desktop:' + part); // user timing: when each part is shown (bench desktop reads them)
}

function signOut() {
  if (stream) stream.close();
  stream = null;
  if (token) fetch('/api/auth/logout', {method: 'POST', headers: {Authorization: 'Bearer ' + token}}).catch(() => {});
  token = null; me = null; session = null; call = null;
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(DISMISSED_KEY);
  $('#reminders').innerHTML = '';
  show('sign-in');
}

async function start() {
  me = await api('/api/auth/me');
  $('#who').textContent = me.username;
  const op = await api('/api/acd/operators/' + encodeURIComponent(me.username));
  if (op.state === 'logged-out') {
    $('#softphone [name=endpoint]').value = op.endpoint || ('PJSIP/' + me.username);
    show('softphone');
    return;
  }
  enterDesk();
}

function enterDesk() {
  show('desk');
  connect();
  loadSurveys().catch(showError);
}

/** One EventSource; the browser reconnects by itself, and when it gave up (server gone for long) we start again. */
function connect() {
  if (stream) stream.close();
  stream = new EventSource('/api/desktop/stream?access_token=' + encodeURIComponent(token));
  stream.onopen = () => { link(true); resync().catch(showError); };
  stream.onerror = () => {
    link(false);
    if (stream.readyState === EventSource.CLOSED) setTimeout(() => { if (token) connect(); }, 2000);
  };
  stream.addEventListener('pop', (e) => { const pop = JSON.parse(e.data); onPop(pop); });
  stream.addEventListener('call', (e) => onCall(JSON.parse(e.data)));
  stream.addEventListener('state', (e) => onState(JSON.parse(e.data)));
  stream.addEventListener('reminder', (e) => remind(JSON.parse(e.data)));
}

function link(up) {
  const el = $('#link');
  el.hidden = false;
  el.textContent = up ? t('live') : t('reconnecting');
  el.classList.toggle('down', !up);
}

/**
 * A state change carries the operator: drawn at once. A call this page does not know yet, or still shows as ringing
 * after it was answered (its events can overtake the pop), means a resync — unless the pop and call events, usually a
 * moment behind, have told it all by then (a call offered through another instance only comes this way).
 */
function onState(change) {
  const op = change.operator;
  if (!session || !op) {
    resync().catch(showError);
    return;
  }
  session.operator = op;
  render();
  if (behind(op)) setTimeout(() => { if (behind(session.operator)) resync().catch(showError); }, 1500);
}

function behind(op) {
  return op.callId && (!call || call.callId !== op.callId || (call.state === 'offered' && op.state !== 'reserved'));
}

async function resync() {
  session = await api('/api/desktop/session');
  (session.reminders || []).forEach(remind); // those that fell due while this page was away
  const sessionCall = session.call || null;
  if (sessionCall) {
    showCall(sessionCall);
  } else if (call && call.state !== 'ended') {
    call.state = 'ended';
  }
  render();
}

// ---- rendering ---------------------------------------------------------------------------------------------------

function render() {
  const op = session.operator;
  const state = $('#state');
  state.hidden = false;
  state.className = 'state ' + op.state;
  state.dataset.state = op.state;
  state.textContent = t('state.' + op.state) + (op.state === 'not-ready' && op.reason ? ' · ' + t('reason.' + op.reason) : '');
  $('#ready').disabled = op.state === 'ready';
  const topics = session.topics || [];
  const select = $('#transfer-form [name=topic]');
  if (select.options.length !== topics.length) {
    select.innerHTML = topics.map((x) => `<option value="${esc(x.id)}">${esc(x.name)} (${t('line')} ${x.line})</option>`).join('');
  }
  const talking = call && ['talking', 'held', 'consulting', 'conference'].includes(call.state);
  $('#hold').disabled = !talking || call.direction === 'outbound';
  $('#hold').textContent = call && (call.state === 'held' || call.state === 'consulting') ? t('resume') : t('hold');
  $('#transfer').disabled = !talking || call.direction === 'outbound';
  $('#hang-up').disabled = !talking && !(call && call.state === 'offered');
  $('#record-pause').disabled = !talking;
  $('#record-pause').textContent = recordingPaused ? t('resumeRecording') : t('pauseRecording');
  $('#consulting').hidden = !(call && call.state === 'consulting');
  const second = $('#second');
  second.hidden = !(call && call.second);
  if (!second.hidden) {
    $('#second-call').textContent = `${t('secondCall')}: ${call.second.target} · ${t('call.' + call.second.state)}`;
    $('#second-call').dataset.state = call.second.state;
  }
  const conf = $('#conference');
  conf.hidden = !(call && call.state === 'conference' && call.conference);
  if (!conf.hidden) conf.textContent = t('inConference') + ': ' + call.conference.parties.join(', ');
  $('#no-call').hidden = !!call;
  $('#pop').hidden = !call;
  if (call) {
    $('#call-state').textContent = t('call.' + call.state);
    $('#call-state').dataset.state = call.state;
    $('#call-topic').textContent = call.topic ? `${call.topic} · ${t('line')} ${call.line}` : (call.caller || '');
  }
  tick();
}

/** Time in state and the wrap-up countdown, redrawn every second from the last known state (no server call). */
function tick() {
  if (!session) return;
  const op = session.operator;
  const since = op.since ? Math.max(0, Math.floor((Date.now() - Date.parse(op.since)) / 1000)) : 0;
  $('#in-state').hidden = false;
  $('#in-state').textContent = clock(since);
  const wrap = $('#wrap-up');
  if (op.state === 'wrap-up' && op.wrapUpUntil) {
    const left = Math.max(0, Math.ceil((Date.parse(op.wrapUpUntil) - Date.now()) / 1000));
    wrap.hidden = false;
    wrap.textContent = t('wrapUpLeft') + ' ' + clock(left);
  } else {
    wrap.hidden = true;
  }
}

const clock = (s) => Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');

function onPop(pop) {
  showCall(pop);
  render();
}

function showCall(c) {
  const same = call && call.callId === c.callId;
  call = Object.assign(same ? call : {}, c);
  if (!same) {
    ticket = null; recordingPaused = false; $('#application').hidden = true;
    $('#survey').reset(); $('#survey-saved').textContent = '';
    prepareTicket(); renderSurvey();
  }
  if (c.card) renderCard(c.card, c.ivrPath || []);
  else if (!same) { $('#card').innerHTML = `<h2>${esc(c.caller || '')}</h2>`; $('#search').hidden = true; $('#outage').hidden = true; }
  if (c.transfer) call.state = 'consulting';
  $('#pop').dataset.callId = call.callId; // which call the card shows (bench desktop times the pop by it)
}

function onCall(change) {
  if (change.direction === 'outbound' && (!call || call.callId !== change.callId)) {
    showCall(Object.assign({topic: null}, change));
  } else if (call && call.callId === change.callId) {
    call.state = change.state;
    if (change.conference) call.conference = change.conference;
    if (change.second) call.second = change.second;
    else if (change.reason === 'second-call-ended' || change.state === 'ended') delete call.second;
  }
  render();
}

function renderCard(card, ivrPath) {
  $('#call-ivr').textContent = ivrPath.length ? t('ivrPath') + ': ' + ivrPath.join(' → ') : '';
  const outage = $('#outage');
  outage.hidden = !card.outage;
  if (card.outage) outage.textContent = `${t('outage')}: ${card.outage.summary}` + (card.outage.expectedEnd ? ` (${t('until')} ${new Date(card.outage.expectedEnd).toLocaleString()})` : '');
  if (!card.known || !card.customer) {
    $('#card').innerHTML = `<h2>${t('unknownCaller')}</h2><p class="ids">${esc(card.caller)}</p>`;
    $('#search').hidden = false;
    return;
  }
  $('#search').hidden = true;
  renderCustomer(card.customer, card.openTickets || [], card.lastInteractions || []);
}

function renderCustomer(c, tickets, calls) {
  const a = c.address || {};
  const grid = [a.gridArea, a.substation, a.feeder].filter(Boolean).join(' / ');
  $('#card').innerHTML = `
    <h2 id="customer-name" data-customer="${esc(c.id)}">${esc(c.name)}</h2>
    <p class="ids">${esc(c.number)} · ${esc(c.kind)} · ${esc(c.identity)}</p>
    <p>${esc(a.street)}, ${esc(a.postcode)} ${esc(a.city)}<br><span class="ids">${esc(grid)}</span></p>
    <h3>${t('meteringPoints')}</h3><ul>${(c.meteringPoints || []).map((m) => `<li>${esc(m.gsrn)}${m.meterNumber ? ' · ' + esc(m.meterNumber) : ''}</li>`).join('')}</ul>
    <h3>${t('openTickets')}</h3><ul id="open-tickets">${tickets.map((x) => `<li>${esc(x.number)} · ${esc(x.topic)} · ${esc(x.status)} · ${esc(x.subject)}</li>`).join('')}</ul>
    <h3>${t('lastCalls')}</h3><ul>${calls.map((x) => `<li>${new Date(x.startedAt).toLocaleString()} · ${esc(x.direction)} · ${esc(x.outcome)}${x.ivrPath && x.ivrPath.length ? ' · ' + esc(x.ivrPath.join('→')) : ''}</li>`).join('')}</ul>`;
  if (call) call.customerId = c.id;
  $('#application').hidden = false;
  $('#application-result').textContent = '';
  loadApplications(c.id).catch(showError);
}

/** The customer's grid-connection applications: stage, since when, and how the customer was told of the last change. */
async function loadApplications(customerId) {
  const list = await api(`/api/crm/customers/${customerId}/applications`);
  const rows = await Promise.all(list.map(async (a) => {
    const notices = await api(`/api/notifications/applications/${encodeURIComponent(a.number)}/notices`);
    const last = notices.filter((n) => n.stage === a.stage).pop();
    const told = !last ? t('notice.none') : last.channel ? `${t('notice.' + last.channel)}: ${last.state}` : t('notice.unreached');
    return `<li data-application="${esc(a.number)}" data-stage="${esc(a.stage)}">${esc(a.number)} · ${esc(t('stage.' + a.stage))}`
      + ` · ${t('since')} ${new Date(a.stageSince).toLocaleDateString()} · <span class="notice">${esc(told)}</span></li>`;
  }));
  if (!call || call.customerId !== customerId) return; // the operator moved on meanwhile
  $('#applications').innerHTML = rows.join('');
}

// A grid-connection application taken by phone; the CRM refuses it while the customer has outstanding debt.
$('#application').addEventListener('submit', act(async () => {
  const kw = String(new FormData($('#application')).get('kw')).trim();
  const a = await api(`/api/crm/customers/${call.customerId}/applications`, {method: 'POST',
    body: JSON.stringify(kw ? {requestedKw: kw} : {})});
  $('#application-result').textContent = `${a.number} · ${t('stage.' + a.stage)}`;
  $('#application-result').dataset.application = a.number;
  await loadApplications(call.customerId);
}));

// ---- state and call control ----------------------------------------------------------------------------------------

const opPath = () => '/api/acd/operators/' + encodeURIComponent(me.username);
const goReady = act(async () => { await api(opPath() + '/ready', {method: 'POST'}); await resync(); });
const goNotReady = act(async () => {
  await api(opPath() + '/not-ready', {method: 'POST', body: JSON.stringify({reason: $('#reason').value})});
  await resync();
});
const holdOrResume = act(async () => {
  if (!call) return;
  if (call.state === 'consulting') { onCall(Object.assign(await api('/api/desktop/call/transfer/cancel', {method: 'POST'}))); return; }
  const r = await api(call.state === 'held' ? '/api/desktop/call/resume' : '/api/desktop/call/hold', {method: 'POST'});
  onCall(r);
});
const hangUp = act(async () => { await api('/api/desktop/call/hangup', {method: 'POST'}); });
const openTransfer = () => { if (!$('#transfer').disabled) { $('#transfer-form').hidden = false; $('#transfer-form [name=topic]').focus(); } };

$('#transfer-form [name=to]').addEventListener('change', (e) => {
  const queue = e.target.value === 'queue';
  $('#transfer-form [name=topic]').hidden = !queue;
  $('#transfer-form [name=target]').hidden = queue;
});
// A line's queue goes through the ACD (with the ticket); a colleague, an outside number or an IVR node is a hand-over.
$('#transfer-form').addEventListener('submit', act(async () => {
  const form = new FormData($('#transfer-form'));
  const to = form.get('to');
  const attended = form.get('attended') === 'on';
  let r;
  if (to === 'queue') {
    const body = {topic: form.get('topic'), attended};
    if (ticket) body.ticketId = String(ticket.id);
    r = await api('/api/desktop/call/transfer', {method: 'POST', body: JSON.stringify(body)});
  } else {
    const target = String(form.get('target')).trim();
    const body = to === 'ivr' ? {ivrNode: target} : {[to]: target, attended};
    r = await api('/api/desktop/call/handover', {method: 'POST', body: JSON.stringify(body)});
  }
  $('#transfer-form').hidden = true;
  onCall(r);
}));
// Adds the colleague or outside number of the transfer form to a conference with the caller.
$('#conference-add').addEventListener('click', act(async () => {
  const form = new FormData($('#transfer-form'));
  const to = form.get('to');
  if (to !== 'operator' && to !== 'number') throw new Error(t('conferenceWho'));
  const r = await api('/api/desktop/call/conference', {method: 'POST',
    body: JSON.stringify({[to]: String(form.get('target')).trim()})});
  $('#transfer-form').hidden = true;
  onCall(r);
}));
$('#switch').addEventListener('click', act(async () => onCall(await api('/api/desktop/call/switch', {method: 'POST'}))));
$('#second-hang-up').addEventListener('click', act(async () => {
  const r = await api('/api/desktop/call/second/hangup', {method: 'POST'});
  delete call.second;
  onCall(r);
}));
$('#transfer-complete').addEventListener('click', act(async () => {
  const r = await api('/api/desktop/call/transfer/complete', {method: 'POST', body: JSON.stringify(ticket ? {ticketId: String(ticket.id)} : {})});
  onCall(r);
}));
$('#transfer-cancel').addEventListener('click', holdOrResume);
$('#record-pause').addEventListener('click', act(async () => {
  await api('/api/recordings/calls/' + encodeURIComponent(call.callId) + (recordingPaused ? '/resume' : '/pause'), {method: 'POST'});
  recordingPaused = !recordingPaused;
  render();
}));
$('#dial').addEventListener('submit', act(async () => {
  const number = new FormData($('#dial')).get('number');
  // During an inbound call the number is a second call: the caller holds meanwhile.
  if (call && call.direction !== 'outbound' && ['talking', 'held'].includes(call.state)) {
    onCall(await api('/api/desktop/call/second', {method: 'POST', body: JSON.stringify({number})}));
    return;
  }
  onCall(await api('/api/desktop/dial', {method: 'POST', body: JSON.stringify({number})}));
}));
$('#ready').addEventListener('click', goReady);
$('#not-ready').addEventListener('click', goNotReady);
$('#hold').addEventListener('click', holdOrResume);
$('#transfer').addEventListener('click', openTransfer);
$('#hang-up').addEventListener('click', hangUp);

document.addEventListener('keydown', (e) => {
  if (!e.altKey || $('#desk').hidden) return;
  const action = {r: goReady, n: goNotReady, h: holdOrResume, t: openTransfer, x: hangUp}[e.key.toLowerCase()];
  if (action) { e.preventDefault(); action(); }
});

// ---- unknown callers: search -------------------------------------------------------------------------------------

$('#search').addEventListener('submit', act(async () => {
  const form = new FormData($('#search'));
  let value = String(form.get('value')).trim();
  if (form.get('kind') === 'phone') value = value.replace(/[^0-9]/g, '');
  const found = await api('/api/crm/customers?' + new URLSearchParams({[form.get('kind')]: value}));
  $('#matches').innerHTML = found.length ? found.map((m) => `<li><a href="#" data-id="${esc(m.id)}">${esc(m.name)}</a> · ${esc(m.number)} · ${esc(m.city)}</li>`).join('')
    : `<li>${t('noMatches')}</li>`;
}));
$('#matches').addEventListener('click', act(async (event) => {
  const id = event.target.dataset && event.target.dataset.id;
  if (!id) return;
  const c = await api('/api/crm/customers/' + id);
  renderCustomer(c.customer, (c.tickets || []).filter((x) => !['resolved', 'closed', 'cancelled'].includes(x.status)), c.interactions || []);
  $('#search').hidden = true;
}));

// ---- tickets and call scripts ------------------------------------------------------------------------------------

const TICKET_TOPICS = ['outage', 'power-quality', 'hazard', 'meter-reading', 'meter-fault', 'billing', 'disconnection',
  'grid-connection', 'contract-change', 'moving', 'complaint', 'suggestion', 'compensation', 'voicemail-callback'];
$('#ticket-form [name=topic]').innerHTML = TICKET_TOPICS.map((x) => `<option>${x}</option>`).join('');

async function prepareTicket() {
  $('#ticket').hidden = true;
  $('#ticket-form').hidden = false;
  $('#script').hidden = true;
  $('#script-saved').textContent = '';
  if (!call || !call.topic) return;
  if (TICKET_TOPICS.includes(call.topic)) $('#ticket-form [name=topic]').value = call.topic;
  if (call.ticketId) showTicket(await api('/api/crm/tickets/' + call.ticketId).catch(() => null));
  const script = await api('/api/desktop/scripts/' + encodeURIComponent(call.topic)).catch(() => null);
  if (!script) return;
  const lang = document.documentElement.lang;
  $('#script-title').textContent = script.title[lang] || script.title.en;
  $('#questions').innerHTML = script.questions.map((q) => {
    const label = `<label for="q-${q.id}">${esc(q.text[lang] || q.text.en)}${q.required ? ' *' : ''}</label>`;
    const input = q.type === 'yes-no' ? `<select id="q-${q.id}" name="${q.id}"><option value=""></option><option value="yes">${t('yes')}</option><option value="no">${t('no')}</option></select>`
      : q.type === 'choice' ? `<select id="q-${q.id}" name="${q.id}"><option value=""></option>${q.options.map((o) => `<option value="${esc(o)}">${esc(o)}</option>`).join('')}</select>`
      : `<input id="q-${q.id}" name="${q.id}" ${q.type === 'number' ? 'inputmode="decimal"' : ''}>`;
    return label + input;
  }).join('');
  $('#script').dataset.topic = script.topic;
  $('#script').hidden = false;
}

function showTicket(x) {
  if (!x) return;
  ticket = x;
  $('#ticket').hidden = false;
  $('#ticket-form').hidden = true;
  $('#ticket-number').textContent = `${t('ticketCreated')} ${x.number} · ${x.status}`;
  $('#ticket-number').dataset.ticket = x.id;
}

$('#ticket-form').addEventListener('submit', act(async () => {
  const form = new FormData($('#ticket-form'));
  const body = {topic: form.get('topic'), subject: form.get('subject')};
  if (call && call.customerId) body.customerId = call.customerId;
  if (call && call.callId) body.callId = call.callId;
  if (call && call.line) body.line = call.line;
  showTicket(await api('/api/crm/tickets', {method: 'POST', body: JSON.stringify(body)}));
}));
$('#ticket-move').addEventListener('click', act(async () => {
  showTicket(await api(`/api/crm/tickets/${ticket.id}/transitions`, {method: 'POST',
    body: JSON.stringify({to: $('#ticket-status').value, version: ticket.version})}));
}));
$('#script').addEventListener('submit', act(async () => {
  if (!ticket) throw new Error(t('createTicket') + '?');
  const answers = {};
  new FormData($('#script')).forEach((v, k) => { if (String(v).trim() !== '') answers[k] = String(v); });
  const body = {ticketId: ticket.id, answers};
  if (call && call.callId) body.callId = call.callId;
  await api('/api/desktop/scripts/' + encodeURIComponent($('#script').dataset.topic) + '/answers', {method: 'POST', body: JSON.stringify(body)});
  $('#script-saved').textContent = t('saved') + ' ' + ticket.number;
}));

// ---- surveys run on a call ---------------------------------------------------------------------------------------

const word = (texts) => texts[document.documentElement.lang] || texts.en;

async function loadSurveys() {
  surveys = await api('/api/desktop/surveys');
  renderSurvey();
}

/** The picked survey's form (in the page's language, answers kept across a language switch), shown during a call. */
function renderSurvey() {
  const form = $('#survey');
  form.hidden = !call || !surveys.length;
  if (form.hidden) return;
  const pick = $('#survey-pick');
  const picked = surveys.find((s) => s.id === pick.value) || surveys[0];
  const before = new FormData(form);
  pick.innerHTML = surveys.map((s) => `<option value="${esc(s.id)}">${esc(word(s.title))}</option>`).join('');
  pick.value = picked.id;
  $('#survey-questions').innerHTML = picked.questions.map((q) => {
    const id = 'sq-' + q.id;
    const label = `<label id="${id}-label" for="${id}">${esc(word(q.text))}${q.required ? ' *' : ''}</label>`;
    const input = q.type === 'scale'
      ? `<div class="scale" role="radiogroup" aria-labelledby="${id}-label" title="${esc(t('scaleHint'))}">${[1, 2, 3, 4, 5].map((n) =>
        `<label><input type="radio" id="${id}-${n}" name="${esc(q.id)}" value="${n}">${n}</label>`).join('')}</div>`
      : q.type === 'yes-no' ? `<select id="${id}" name="${esc(q.id)}"><option value=""></option><option value="yes">${t('yes')}</option><option value="no">${t('no')}</option></select>`
      : q.type === 'choice' ? `<select id="${id}" name="${esc(q.id)}"><option value=""></option>${q.options.map((o) => `<option value="${esc(o.id)}">${esc(word(o.text))}</option>`).join('')}</select>`
      : `<input id="${id}" name="${esc(q.id)}" maxlength="2000">`;
    return label + input;
  }).join('');
  before.forEach((v, k) => { if (form.elements[k]) form.elements[k].value = v; });
}

$('#survey-pick').addEventListener('change', () => { $('#survey-questions').innerHTML = ''; renderSurvey(); });
// Checked here first (every required question answered), then by the server against the survey's types.
$('#survey').addEventListener('submit', act(async () => {
  if (!call) throw new Error(t('surveyNeedsCall'));
  const survey = surveys.find((s) => s.id === $('#survey-pick').value);
  const answers = {};
  new FormData($('#survey')).forEach((v, k) => { if (String(v).trim() !== '') answers[k] = String(v).trim(); });
  const missing = survey.questions.filter((q) => q.required && !(q.id in answers)).map((q) => word(q.text));
  if (missing.length) throw new Error(t('answerRequired') + ': ' + missing.join(' · '));
  const body = {callId: call.callId, answers};
  if (ticket) body.ticketId = ticket.id;
  if (call.customerId) body.customerId = call.customerId;
  const r = await api('/api/desktop/surveys/' + encodeURIComponent(survey.id) + '/answers', {method: 'POST', body: JSON.stringify(body)});
  if (!ticket || ticket.id !== r.ticketId) showTicket(await api('/api/crm/tickets/' + r.ticketId));
  $('#survey-saved').textContent = t('saved') + ' ' + ticket.number;
  $('#survey-saved').dataset.ticket = r.ticketId;
}));

/** Pops a ticket's reminder up once per page; a click dismisses it for this browser session. */
function remind(r) {
  const id = String(r.ticketId);
  const dismissed = () => JSON.parse(sessionStorage.getItem(DISMISSED_KEY) || '[]');
  if (dismissed().includes(id) || [...document.querySelectorAll('.reminder')].some((b) => b.dataset.ticket === id)) return;
  const box = document.createElement('div');
  box.className = 'reminder';
  box.dataset.ticket = id;
  box.textContent = `${t('reminder')}: ${r.number} · ${r.subject} · ${t('due')} ${new Date(r.dueAt).toLocaleString(document.documentElement.lang)}`;
  box.addEventListener('click', () => {
    box.remove();
    sessionStorage.setItem(DISMISSED_KEY, JSON.stringify(dismissed().concat(id).slice(-200)));
  });
  $('#reminders').append(box);
}

// ---- history, knowledge base, recordings -------------------------------------------------------------------------

document.querySelectorAll('#tabs button').forEach((b) => b.addEventListener('click', act(async () => {
  document.querySelectorAll('#tabs button').forEach((x) => x.classList.toggle('on', x === b));
  document.querySelectorAll('.tab').forEach((x) => { x.hidden = x.id !== 'tab-' + b.dataset.tab; });
  if (b.dataset.tab === 'history') await loadHistory();
  if (b.dataset.tab === 'recordings') await loadRecordings();
  if (b.dataset.tab === 'contacts') await loadContacts();
})));

async function loadHistory() {
  const rows = await api('/api/desktop/history?limit=50');
  $('#history tbody').innerHTML = rows.map((r) => `<tr data-call="${esc(r.callId)}"><td>${new Date(r.startedAt).toLocaleString()}</td>
    <td>${esc(r.direction)}</td><td>${esc(r.caller)}</td><td class="outcome">${esc(r.outcome)}</td>
    <td>${r.caller ? `<button data-id="${r.id}">${t('callBack')}</button>` : ''}</td></tr>`).join('');
}
$('#history').addEventListener('click', act(async (event) => {
  const id = event.target.dataset && event.target.dataset.id;
  if (id) onCall(await api(`/api/desktop/history/${id}/call-back`, {method: 'POST'}));
}));

async function loadContacts() {
  const q = new FormData($('#contact-search')).get('q');
  const list = await api('/api/desktop/contacts?' + new URLSearchParams(q ? {q} : {}));
  $('#contacts tbody').innerHTML = list.map((c) => `<tr data-contact="${c.id}"><td>${esc(c.name)}</td><td>${esc(c.organisation)}</td>
    <td>${esc(c.phone)}</td><td><button data-call="${esc(c.phone)}">${t('dial')}</button>
    ${c.personal ? `<button data-remove="${c.id}">✕</button>` : ''}</td></tr>`).join('');
}
$('#contact-search').addEventListener('submit', act(loadContacts));
$('#contact-add').addEventListener('submit', act(async () => {
  const form = new FormData($('#contact-add'));
  const body = {name: form.get('name'), phone: form.get('phone')};
  if (form.get('organisation')) body.organisation = form.get('organisation');
  await api('/api/desktop/contacts', {method: 'POST', body: JSON.stringify(body)});
  $('#contact-add').reset();
  await loadContacts();
}));
$('#contacts').addEventListener('click', act(async (event) => {
  const d = event.target.dataset || {};
  if (d.call) onCall(await api('/api/desktop/dial', {method: 'POST', body: JSON.stringify({number: d.call})}));
  if (d.remove) { await api('/api/desktop/contacts/' + d.remove, {method: 'DELETE'}); await loadContacts(); }
}));

$('#kb-search').addEventListener('submit', act(async () => {
  const q = new FormData($('#kb-search')).get('q');
  const hits = await api('/api/desktop/kb?' + new URLSearchParams({q}));
  const marked = (s) => esc(s).replace(/&lt;&lt;/g, '<mark>').replace(/&gt;&gt;/g, '</mark>');
  $('#kb-hits').innerHTML = hits.map((h) => `<li><a href="#" data-slug="${esc(h.slug)}">${esc(h.title)}</a><br><small>${marked(h.snippet)}</small></li>`).join('');
  $('#kb-article').hidden = true;
}));
$('#kb-hits').addEventListener('click', act(async (event) => {
  const slug = event.target.dataset && event.target.dataset.slug;
  if (!slug) return;
  const a = await api('/api/desktop/kb/' + slug);
  $('#kb-article').textContent = a.markdown;
  $('#kb-article').hidden = false;
}));

async function loadRecordings() {
  const list = await api('/api/recordings?' + new URLSearchParams({operator: me.username, limit: 20}));
  $('#recordings').innerHTML = list.length ? list.map((r) => `<li data-recording="${esc(r.id)}" data-operator="${esc(r.operator)}">${new Date(r.startedAt).toLocaleString()} · ${esc(r.direction)} · ${esc(r.customerPhone)} · ${Math.round((r.durationMs || 0) / 1000)} s
    <button data-id="${esc(r.id)}">${t('play')}</button></li>`).join('') : `<li>${t('noRecordings')}</li>`;
}
// <audio src> streams the file with Range requests (seekable without downloading it all): the audio route takes the
// token as ?access_token=. Every request is audited as a listen; when the listen needs a reason
// (recordings.listen-reason) the server's refusal is shown and the reason field asked for.
$('#recordings').addEventListener('click', act(async (event) => {
  const id = event.target.dataset && event.target.dataset.id;
  if (!id) return;
  const player = $('#player');
  const reason = $('#listen-reason').value.trim();
  const query = new URLSearchParams({access_token: token});
  if (reason) query.set('reason', reason);
  player.dataset.recording = id;
  player.src = '/api/recordings/' + encodeURIComponent(id) + '/audio?' + query;
  player.play().catch(() => {});
}));
$('#player').addEventListener('error', () => {
  const player = $('#player');
  if (!player.dataset.recording) return;
  // The media element does not say why: ask once more for the first byte, which returns the server's error.
  fetch(player.src, {headers: {Range: 'bytes=0-0'}}).then(async (r) => {
    if (r.ok) return;
    const body = await r.json().catch(() => ({}));
    if (body.error === 'reason-required') { $('#listen-reason').hidden = false; $('#listen-reason').focus(); }
    showError(new Error(body.message || ('HTTP ' + r.status)));
  }).catch(showError);
});

// ---- start -----------------------------------------------------------------------------------------------------

$('#sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    const s = await api('/api/auth/login', {method: 'POST',
      body: JSON.stringify({username: form.get('username'), password: form.get('password')})});
    token = s.token;
    sessionStorage.setItem(TOKEN_KEY, token);
    $('#sign-in-error').textContent = '';
    await start();
  } catch (e) {
    show('sign-in');
    $('#sign-in-error').textContent = e.status === 404 ? t('notAnOperator') : e.message;
  }
});
$('#softphone').addEventListener('submit', act(async () => {
  const endpoint = new FormData($('#softphone')).get('endpoint');
  await api(opPath() + '/login', {method: 'POST', body: JSON.stringify({endpoint})});
  enterDesk();
}));
$('#sign-out').addEventListener('click', signOut);
$('#language').addEventListener('change', () => loadLanguage($('#language').value).catch(showError));
setInterval(tick, 1000);

loadLanguage(localStorage.getItem(LANG_KEY) || ((navigator.language || 'en').startsWith('ru') ? 'ru' : 'en'))
  .then(() => (token ? start().catch(() => signOut()) : show('sign-in')));
