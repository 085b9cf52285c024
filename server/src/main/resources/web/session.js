// Sign-in, the bearer token (kept for the browser tab) and JSON calls, shared by the wallboard and report pages.
'use strict';

const Session = (() => {
  const KEY = 'gridcare.token';
  let token = sessionStorage.getItem(KEY);
  const $ = (sel) => document.querySelector(sel);
  const listeners = {signedIn: [], signedOut: []};

  async function api(path, options = {}) {
    const headers = Object.assign({'Content-Type': 'application/json'}, options.headers || {});
    if (token) headers.Authorization = 'Bearer ' + token;
    const response = await fetch(path, Object.assign({}, options, {headers}));
    if (response.status === 401 && token) { signOut(); throw new Error('signed out'); }
    const type = response.headers.get('content-type') || '';
    const body = type.includes('json') ? await response.json() : await response.text();
    if (!response.ok) { const e = new Error(body?.message || response.statusText); e.status = response.status; throw e; }
    return body;
  }

  function show(signedIn) {
    $('#sign-in').hidden = signedIn;
    $('#board').hidden = !signedIn;
    $('#sign-out').hidden = !signedIn;
  }

  function signOut() {
    if (token) fetch('/api/auth/logout', {method: 'POST', headers: {Authorization: 'Bearer ' + token}}).catch(() => {});
    token = null;
    sessionStorage.removeItem(KEY);
    $('#who').textContent = '';
    listeners.signedOut.forEach((f) => f());
    show(false);
  }

  async function start() {
    const me = await api('/api/auth/me');
    $('#who').textContent = `${me.username} (${me.roles.join(', ')}${me.lines?.length ? '; lines ' + me.lines.join(', ') : ''})`;
    show(true);
    for (const f of listeners.signedIn) await f(me);
  }

  function init() {
    $('#sign-in').addEventListener('submit', async (event) => {
      event.preventDefault();
      const form = new FormData(event.target);
      try {
        const session = await api('/api/auth/login', {method: 'POST',
          body: JSON.stringify({username: form.get('username'), password: form.get('password')})});
        token = session.token;
        sessionStorage.setItem(KEY, token);
        $('#sign-in-error').textContent = '';
        await start();
      } catch (e) {
        $('#sign-in-error').textContent = e.message;
      }
    });
    $('#sign-out').addEventListener('click', signOut);
    if (token) start().catch(() => signOut()); else show(false);
  }

  return {
    api, init, signOut,
    token: () => token,
    onSignedIn: (f) => listeners.signedIn.push(f),
    onSignedOut: (f) => listeners.signedOut.push(f),
  };
})();
