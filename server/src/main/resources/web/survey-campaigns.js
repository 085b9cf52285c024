// The wallboard's phone survey panel: start a survey campaign over a grid area for one of the supervisor's lines, see
// each campaign's progress, pause / resume / cancel it. Campaigns are per line (GET /api/survey-campaigns is scoped
// by the server); the list is reloaded after every action and every 5 s while one of them is still dialling.
'use strict';

(() => {
  const $ = (sel) => document.querySelector(sel);
  const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
  const REFRESH_MS = 5000;
  let timer = null;
  let signedIn = false;

  const list = (text) => text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean);

  function render(campaigns) {
    $('#survey-campaigns').innerHTML = campaigns.length === 0 ? '<p class="empty">No survey campaign.</p>'
      : campaigns.map((c) => {
        const p = c.progress;
        const done = p.numbers - p.pending;
        const status = c.state === 'running' && c.finished ? 'finished' : c.state;
        return `<article class="campaign" data-survey-campaign="${esc(c.id)}">
          <h3>${esc(c.title)} <small>(${esc(c.survey)}, line ${c.line}, ${esc(c.windowFrom)}–${esc(c.windowTo)}, ${esc(status)})</small></h3>
          <progress max="${p.numbers || 1}" value="${done}"></progress> <span class="survey-done">${done} / ${p.numbers} numbers done</span>
          <p class="survey-counts">Dialled ${p.dialled} · answered ${p.answered} · completed ${p.completed} · refused ${p.refused}
            · machine ${p.machine} · failed ${p.failed} · waiting ${p.pending}${p.cancelled ? ` · cancelled ${p.cancelled}` : ''}</p>
          ${c.state === 'running' && !c.finished ? '<button data-survey-action="pause">Pause</button>' : ''}
          ${c.state === 'paused' ? '<button data-survey-action="resume">Resume</button>' : ''}
          ${c.state !== 'cancelled' && !c.finished ? '<button data-survey-action="cancel">Cancel</button>' : ''}
          <a href="reports.html#survey-campaigns">Results</a></article>`;
      }).join('');
  }

  async function load() {
    clearTimeout(timer);
    if (!signedIn) return;
    try {
      const campaigns = await Session.api('/api/survey-campaigns');
      render(campaigns);
      if (campaigns.some((c) => c.state === 'running' && !c.finished)) timer = setTimeout(load, REFRESH_MS);
    } catch (e) {
      $('#survey-result').textContent = e.message;
    }
  }

  async function start(event) {
    event.preventDefault();
    const f = new FormData(event.target);
    const body = {title: f.get('title'), survey: f.get('survey'), line: Number(f.get('line')),
      area: {substations: list(f.get('substations')), feeders: list(f.get('feeders')), postcodes: list(f.get('postcodes'))}};
    if (f.get('windowFrom')) body.windowFrom = f.get('windowFrom');
    if (f.get('windowTo')) body.windowTo = f.get('windowTo');
    try {
      const c = await Session.api('/api/survey-campaigns', {method: 'POST', body: JSON.stringify(body)});
      $('#survey-result').textContent = `Started "${c.title}": ${c.progress.numbers} numbers to call.`;
      event.target.reset();
    } catch (e) {
      $('#survey-result').textContent = e.message;
    }
    await load();
  }

  async function control(event) {
    const button = event.target.closest('button[data-survey-action]');
    if (!button) return;
    const id = button.closest('[data-survey-campaign]').dataset.surveyCampaign;
    try {
      await Session.api(`/api/survey-campaigns/${id}/${button.dataset.surveyAction}`, {method: 'POST'});
      $('#survey-result').textContent = '';
    } catch (e) {
      $('#survey-result').textContent = e.message;
    }
    await load();
  }

  Session.onSignedIn(async (me) => {
    const panel = $('#survey-panel');
    panel.hidden = !(me.roles.includes('supervisor') || me.roles.includes('admin'));
    if (panel.hidden) return;
    signedIn = true;
    const surveys = await Session.api('/api/phone-surveys').catch(() => []);
    $('#survey-form [name=survey]').innerHTML = surveys.map((s) =>
      `<option value="${esc(s.id)}">${esc(s.id)} (${s.questions.length} questions)</option>`).join('');
    const lines = me.roles.includes('admin') ? [1, 2, 3] : [...new Set([...(me.lines || []), ...((me.lines || []).includes(1) ? [2] : [])])];
    $('#survey-form [name=line]').innerHTML = lines.map((l) => `<option value="${l}">${l}</option>`).join('');
    await load();
  });
  Session.onSignedOut(() => { signedIn = false; clearTimeout(timer); });
  $('#survey-form').addEventListener('submit', start);
  $('#survey-campaigns').addEventListener('click', control);
})();
