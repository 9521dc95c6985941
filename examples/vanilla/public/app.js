// The test page's script: served as a file, so the page's Content-Security-Policy needs no
// 'unsafe-inline' (and no 'unsafe-eval': the client never evaluates code).
import { createOpwireClient } from '/opwire-client.js';

const $ = (id) => document.getElementById(id);
let client = null;
const patterns = new Map(); // pattern -> unsubscribe

function log(topic, detail, note = '') {
  const item = document.createElement('li');
  item.dataset.topic = topic;
  const time = new Date().toLocaleTimeString();
  item.innerHTML = `<span class="note">${time}</span> <span class="topic"></span> <span class="note"></span>\n`;
  item.querySelector('.topic').textContent = topic;
  item.querySelectorAll('.note')[1].textContent = note;
  item.append(typeof detail === 'string' ? detail : JSON.stringify(detail));
  $('log').prepend(item);
  showRooms();
}

// The page is served with a strict Content-Security-Policy; anything it blocks shows here.
document.addEventListener('securitypolicyviolation', (event) =>
  log('csp.violation', `${event.violatedDirective}: ${event.blockedURI || 'inline'}`),
);

// The server's hello (with the socket's rooms) follows the 'connected' status, so the
// rooms are shown again whenever something is logged.
function showRooms() {
  const info = client?.debug();
  const rooms = [...(info?.serverRooms ?? []), ...(info?.joinedRooms ?? [])];
  $('rooms').textContent = rooms.join(', ') || '–';
}

async function api(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${$('token').value.trim()}`,
    },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  log(`POST ${path}`, answer, String(response.status));
  return answer;
}

function addPattern(pattern) {
  if (!client || patterns.has(pattern)) return;
  const off = client.subscribe(pattern, (payload, message) => {
    const where = message.operationId
      ? `op ${message.operationId.slice(0, 8)} seq ${message.seq}`
      : '';
    log(message.topic, payload, where);
  });
  patterns.set(pattern, off);
  renderPatterns();
}

function renderPatterns() {
  $('patterns').replaceChildren(
    ...[...patterns.keys()].map((pattern) => {
      const chip = document.createElement('li');
      chip.textContent = `${pattern} ✕`;
      chip.title = 'Unsubscribe';
      chip.onclick = () => {
        patterns.get(pattern)();
        patterns.delete(pattern);
        renderPatterns();
      };
      return chip;
    }),
  );
}

function showStatus(status) {
  $('status').textContent = status;
  $('status').dataset.status = status;
  log('status', status);
}

document.querySelectorAll('[data-login]').forEach((button) => {
  button.onclick = async () => {
    const response = await fetch('/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: button.dataset.login, password: 'demo' }),
    });
    const { token, user } = await response.json();
    $('token').value = token;
    $('room').value = `lab:${user.tenantId}:ops`;
    log('login', `${user.name} (${user.tenantName})`);
  };
});

$('connect').onclick = () => {
  client?.close();
  patterns.clear();
  client = createOpwireClient({ token: () => $('token').value.trim() || null });
  client.onStatusChange(({ status }) => showStatus(status));
  client.onError((error) => log('error', `${error.code}: ${error.message}`));
  showStatus(client.status);
  addPattern($('pattern').value.trim());
};
$('disconnect').onclick = () => client?.close();
$('subscribe').onclick = () => {
  try {
    addPattern($('pattern').value.trim());
  } catch (error) {
    log('error', error.message);
  }
};
$('join').onclick = () =>
  client?.join($('room').value.trim()).then(
    () => log('joined', $('room').value.trim()),
    (error) => log('join refused', `${error.code}: ${error.message}`),
  );
$('leave').onclick = () =>
  client?.leave($('room').value.trim()).then(() => log('left', $('room').value.trim()));
$('import').onclick = () => api('/api/imports', { rows: 12 });
$('import-fail').onclick = () => api('/api/imports', { rows: 12, fail: true });
$('emit').onclick = () =>
  api('/api/events', {
    topic: $('topic').value.trim(),
    room: $('room').value.trim(),
    payload: { at: Date.now() },
  });
$('clear').onclick = () => $('log').replaceChildren();
