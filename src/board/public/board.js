// The call board: shows GET /calls and keeps it live from GET /board/events (the README's "The call board"
// documents the stream). EventSource reconnects by itself; each (re)connection catches up from GET /calls.

const FINISHED_SHOWN = 30;
const FEED_SHOWN = 50;
const RETRY_MS = 3000;
const HEARTBEATS_MISSED = 2.5;

/** @type {Map<string, Record<string, any>>} the calls known, by id, as GET /calls has them */
const calls = new Map();
/** Changes heard while a catch-up is under way: applied again over its older answer. */
let heardDuringCatchUp = null;
let catchUps = 0;
let clockOffsetMs = 0;
let heartbeatMs = 15_000;
let silence;
let source;
let lastStatus;

const byId = (id) => document.getElementById(id);

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) node.setAttribute(name, String(value));
  }
  node.append(...children.filter((child) => child !== undefined && child !== null));
  return node;
}

const badge = (value, text = value, attributes = {}) => element('span', { class: 'badge', 'data-value': value, ...attributes }, text);
const serverNow = () => Date.now() + clockOffsetMs;
const clock = (iso) => (iso ? new Date(iso).toLocaleTimeString() : 'unknown');

function duration(ms) {
  const total = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

function party(who) {
  if (!who || (!who.number && !who.eid)) return 'unknown';
  return who.number && who.eid ? `${who.number} (${who.eid})` : (who.number ?? who.eid);
}

// --- the stream -------------------------------------------------------------------------------------------

function connect() {
  source = new EventSource('board/events');
  source.addEventListener('open', () => {
    reachable(true);
    void catchUp();
  });
  source.addEventListener('error', () => {
    reachable(false);
    // A refusal (401, 404) or an app shutting down closes an EventSource for good: try again later.
    if (source.readyState === EventSource.CLOSED) setTimeout(connect, RETRY_MS);
  });
  source.addEventListener('status', (event) => {
    stillThere();
    showStatus(JSON.parse(event.data));
  });
  source.addEventListener('call', (event) => {
    stillThere();
    const update = JSON.parse(event.data);
    notified(update.recordingStatus === undefined ? 'call' : 'recording');
    change(update);
  });
  source.addEventListener('hook-event', (event) => {
    stillThere();
    const hookEvent = JSON.parse(event.data);
    notified(hookEvent.hook);
    addToFeed(hookEvent);
  });
  stillThere();
}

// A connection that went quiet for longer than the heartbeat allows is cut off, even if no error came.
function stillThere() {
  clearTimeout(silence);
  silence = setTimeout(() => {
    reachable(false);
    source.close();
    connect();
  }, heartbeatMs * HEARTBEATS_MISSED);
}

function reachable(yes) {
  byId('unreachable').hidden = yes;
  byId('connection').textContent = yes ? 'Live' : 'Reconnecting…';
  document.body.dataset.stream = yes ? 'open' : 'down';
}

// --- calls ------------------------------------------------------------------------------------------------

async function catchUp() {
  const run = ++catchUps;
  heardDuringCatchUp = [];
  try {
    const response = await fetch('calls?limit=100', { cache: 'no-store', headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`GET /calls answered ${response.status}`);
    const list = await response.json();
    if (run !== catchUps || !Array.isArray(list)) return;
    const since = heardDuringCatchUp;
    calls.clear();
    for (const call of list) calls.set(call.id, call);
    for (const update of since) merge(update);
  } catch {
    // The stream goes on; the next (re)connection catches up again.
  } finally {
    if (run === catchUps) heardDuringCatchUp = null;
    renderCalls();
  }
}

function change(update) {
  heardDuringCatchUp?.push(update);
  merge(update);
  renderCalls();
}

function merge(update) {
  const known = calls.get(update.id);
  const next = { status: 'active', caller: null, callees: [], startedAt: null, endedAt: null, durationMs: null, ...known, ...update };
  // An end is final: a start or a stale mark heard after it (out of order) does not reopen the call.
  if (known?.status === 'ended') next.status = 'ended';
  calls.set(update.id, next);
}

function renderCalls() {
  const all = [...calls.values()];
  const active = all.filter((call) => call.status === 'active').sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? ''));
  const finished = all
    .filter((call) => call.status !== 'active')
    .sort((a, b) => (b.endedAt ?? b.startedAt ?? '').localeCompare(a.endedAt ?? a.startedAt ?? ''))
    .slice(0, FINISHED_SHOWN);
  byId('active-calls').replaceChildren(...active.map(callRow));
  byId('finished-calls').replaceChildren(...finished.map(callRow));
  byId('active-count').textContent = String(active.length);
  byId('active-empty').hidden = active.length > 0;
  byId('finished-empty').hidden = finished.length > 0;
}

function callRow(call) {
  const callees = (call.callees ?? []).map(party).join(', ') || 'nobody';
  const status = call.status === 'stale' ? badge('stale', 'stale: no end heard') : badge(call.status);
  const time =
    call.status === 'active'
      ? element(
          'span',
          {},
          'running ',
          element('span', { class: 'time', 'data-running': call.startedAt ?? '' }, runningTime(call.startedAt)),
        )
      : element(
          'span',
          {},
          'duration ',
          element(
            'span',
            { class: 'time', 'data-duration': call.durationMs ?? '' },
            call.durationMs == null ? 'unknown' : duration(call.durationMs),
          ),
        );
  const recording = call.recordingStatus ?? 'pending';
  const recordingText = { success: 'recording saved', fail: 'recording failed', pending: 'recording pending' }[recording] ?? recording;
  return element(
    'li',
    { 'data-call-id': call.id, 'data-status': call.status },
    element('div', { class: 'line' }, element('span', { class: 'parties' }, `${party(call.caller)} → ${callees}`), status),
    element(
      'div',
      { class: 'line meta' },
      time,
      call.status === 'active' ? undefined : badge(recording, recordingText, { 'data-recording': recording }),
      element('span', {}, `started ${clock(call.startedAt)}`),
      element('span', {}, `call ${call.id}`),
      call.source && call.source !== 'webhook' ? badge('source', `from CINNOX's ${call.source}`) : undefined,
    ),
    settled(call.cinnox),
  );
}

// CINNOX's own account of a settled call, when the app settles calls: its plain fields, as sent.
function settled(cinnox) {
  if (!cinnox || typeof cinnox !== 'object') return undefined;
  const fields = Object.entries(cinnox).filter(([, value]) => value !== null && typeof value !== 'object');
  if (fields.length === 0) return undefined;
  return element('div', { class: 'meta', 'data-settled': '' }, `CINNOX: ${fields.map(([name, value]) => `${name} ${value}`).join(' · ')}`);
}

function runningTime(startedAt) {
  return startedAt ? duration(serverNow() - Date.parse(startedAt)) : 'unknown';
}

function tick() {
  for (const node of document.querySelectorAll('[data-running]')) {
    node.textContent = runningTime(node.getAttribute('data-running'));
  }
}

// --- other hooks, subscriptions, coverage -----------------------------------------------------------------

function addToFeed(event) {
  const feed = byId('feed');
  feed.prepend(
    element(
      'li',
      { 'data-event': event.event, 'data-hook': event.hook },
      element('div', { class: 'line' }, badge(event.hook), element('span', {}, event.summary)),
      element('div', { class: 'meta' }, `${event.event} at ${clock(event.receivedAt)}`),
    ),
  );
  while (feed.children.length > FEED_SHOWN) feed.lastElementChild.remove();
  byId('feed-empty').hidden = true;
}

// A notification heard on the stream is the hook's latest: the status need not come again to say so.
function notified(hook) {
  const known = lastStatus?.hooks.find((entry) => entry.hook === hook);
  if (!known) return;
  known.lastNotificationAt = new Date(serverNow()).toISOString();
  showStatus(lastStatus, false);
}

function showStatus(status, fresh = true) {
  lastStatus = status;
  if (fresh) clockOffsetMs = Date.parse(status.at) - Date.now();
  heartbeatMs = status.heartbeatMs ?? heartbeatMs;
  byId('connection').textContent = status.shuttingDown ? 'Live: the app is shutting down' : 'Live';
  byId('subscriptions').replaceChildren(
    ...status.hooks.map((hook) =>
      element(
        'li',
        { 'data-hook': hook.hook, 'data-state': hook.state },
        element('div', { class: 'line' }, element('span', { class: 'parties' }, hook.hook), badge(hook.state)),
        element(
          'div',
          { class: 'line meta' },
          hook.since ? element('span', {}, `since ${clock(hook.since)}`) : undefined,
          element('span', {}, `last notification ${hook.lastNotificationAt ? clock(hook.lastNotificationAt) : 'none yet'}`),
          hook.lastError ? element('span', {}, `last error: ${hook.lastError}`) : undefined,
        ),
      ),
    ),
  );
  const coverage = byId('coverage');
  coverage.hidden = !Array.isArray(status.coverageGaps);
  if (coverage.hidden) return;
  byId('gaps').replaceChildren(
    ...status.coverageGaps.map((gap) =>
      element('li', { 'data-hook': gap.hook }, `${gap.hook}: ${clock(gap.from)} to ${clock(gap.to)} (${gap.reason})`),
    ),
  );
  byId('gaps-empty').hidden = status.coverageGaps.length > 0;
}

renderCalls();
connect();
setInterval(tick, 1000);
