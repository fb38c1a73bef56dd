// The status page: asks GET /telemetry/status every few seconds and fills the tables.
// Plain DOM code, no libraries, no build step (docs/status-page.md).
(function () {
  'use strict';

  var DEFAULT_REFRESH_MS = 3000;
  var latest = null;

  function byId(id) { return document.getElementById(id); }

  function cell(row, text, className) {
    var td = document.createElement('td');
    td.textContent = text === null || text === undefined ? '' : String(text);
    if (className) { td.className = className; }
    row.appendChild(td);
    return td;
  }

  function fill(tbodyId, items, render) {
    var body = byId(tbodyId);
    body.textContent = '';
    items.forEach(function (item) {
      var tr = document.createElement('tr');
      render(tr, item);
      body.appendChild(tr);
    });
  }

  function time(iso) {
    return iso ? new Date(iso).toLocaleTimeString() : '';
  }

  function renderMembers(status) {
    var members = (status.cluster && status.cluster.members) || [];
    fill('members-body', members, function (tr, m) {
      tr.dataset.address = m.address;
      if (!m.reachable) { tr.className = 'unreachable'; }
      cell(tr, m.nodeId || '?');
      cell(tr, m.address);
      cell(tr, (m.roles || []).join(', '));
      cell(tr, m.status);
      cell(tr, m.reachable ? 'yes' : 'NO');
      cell(tr, m.shards, 'num');
      cell(tr, m.devices, 'num');
    });
  }

  function renderSinks(status) {
    var rows = [];
    status.nodes.forEach(function (n) {
      n.sinks.forEach(function (s) { rows.push({ node: n.nodeId, sink: s }); });
    });
    fill('sinks-body', rows, function (tr, r) {
      var s = r.sink;
      cell(tr, r.node);
      cell(tr, s.name);
      cell(tr, s.buffered, 'num');
      cell(tr, s.delivered, 'num');
      cell(tr, s.failed, s.failed > 0 ? 'num bad' : 'num');
      cell(tr, s.retries, 'num');
      cell(tr, s.dropped, s.dropped > 0 ? 'num bad' : 'num');
      cell(tr, s.rejected, s.rejected > 0 ? 'num bad' : 'num');
    });
  }

  function matches(device, filter) {
    if (!filter) { return true; }
    var text = [device.id, device.node, device.status, device.lastError || ''].join(' ').toLowerCase();
    return text.indexOf(filter) >= 0;
  }

  function renderDevices() {
    if (!latest) { return; }
    var filter = byId('filter').value.trim().toLowerCase();
    var shown = latest.devices.filter(function (d) { return matches(d, filter); });
    fill('devices-body', shown, function (tr, d) {
      tr.dataset.device = d.id;
      cell(tr, d.id);
      cell(tr, d.node);
      var badge = document.createElement('span');
      badge.className = 'status status-' + d.status;
      badge.textContent = d.status;
      cell(tr, '').appendChild(badge);
      cell(tr, time(d.lastPoll));
      cell(tr, d.lastPollMillis === null ? '' : d.lastPollMillis.toFixed(1) + ' ms', 'num');
      cell(tr, d.samplesDelivered, 'num');
      cell(tr, d.lastError);
    });
    byId('device-count').textContent = shown.length === latest.devices.length
      ? '(' + latest.devices.length + ')'
      : '(' + shown.length + ' of ' + latest.devices.length + ')';
  }

  function renderEvents(status) {
    var events = status.events || [];
    byId('events-empty').hidden = events.length > 0;
    byId('events-table').hidden = events.length === 0;
    fill('events-body', events, function (tr, e) {
      tr.dataset.eventId = e.eventId;
      cell(tr, time(e.opened));
      cell(tr, e.state);
      cell(tr, e.severity);
      cell(tr, e.rule);
      cell(tr, e.device);
      cell(tr, e.subject);
      cell(tr, e.summary);
    });
  }

  function renderProblems(status) {
    var problems = status.problems || [];
    if (status.cluster && status.cluster.shardStatsError) { problems = problems.concat([status.cluster.shardStatsError]); }
    byId('problems').hidden = problems.length === 0;
    var list = byId('problems-list');
    list.textContent = '';
    problems.forEach(function (p) {
      var li = document.createElement('li');
      li.textContent = p;
      list.appendChild(li);
    });
  }

  function render(status) {
    latest = status;
    renderMembers(status);
    renderSinks(status);
    renderDevices();
    renderEvents(status);
    renderProblems(status);
    byId('updated').textContent = 'node ' + (status.nodeId || status.self) + ', updated ' + time(status.at);
    byId('error').hidden = true;
  }

  function refresh() {
    var next = latest && latest.refreshMillis ? latest.refreshMillis : DEFAULT_REFRESH_MS;
    fetch('telemetry/status', { cache: 'no-store' })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) { throw new Error(body.error || ('HTTP ' + response.status)); }
          return body;
        });
      })
      .then(render)
      .catch(function (e) {
        var error = byId('error');
        error.textContent = 'cannot refresh: ' + e.message;
        error.hidden = false;
      })
      .then(function () { setTimeout(refresh, next); });
  }

  // /status?filter=TEXT opens the page filtered (a link an operator can share).
  var initial = new URLSearchParams(window.location.search).get('filter');
  if (initial) { byId('filter').value = initial; }
  byId('filter').addEventListener('input', renderDevices);
  refresh();
}());
