/* PerfLab interactive trend view: one uPlot chart per ticked metric (x: builds in store order, y: the median per build),
   devices and metrics toggled by checkboxes, drag to zoom a range of builds (all charts follow), double-click or
   "Reset zoom" to see every build, hover a point for its build, runs, median, IQR, n and comparability key.
   Reads its data from the <script type="application/json"> block the page names; requests nothing. */
(function () {
  'use strict';
  var palette = ['#0b5cad', '#b42318', '#1a7f37', '#9a6700', '#6f42c1', '#0e7c86', '#c4320a', '#5b6778', '#bf3989', '#2f6f4f'];

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function num(v) {
    if (v === null || v === undefined || !isFinite(v)) return '–';
    var a = Math.abs(v);
    return a >= 1000 ? v.toFixed(0) : a >= 100 ? v.toFixed(1) : a >= 1 ? v.toFixed(2) : v.toPrecision(3);
  }

  function checkbox(label, checked, onChange) {
    var box = el('label', 'trend-toggle');
    var input = document.createElement('input');
    input.type = 'checkbox';
    input.checked = checked;
    input.addEventListener('change', function () { onChange(input.checked); });
    box.appendChild(input);
    box.appendChild(document.createTextNode(' ' + label));
    return box;
  }

  function init(root) {
    var source = document.getElementById(root.getAttribute('data-source'));
    if (!source || typeof uPlot !== 'function') return;
    var data = JSON.parse(source.textContent);
    var builds = data.builds;
    var deviceColour = {};
    data.devices.forEach(function (d, i) { deviceColour[d] = palette[i % palette.length]; });
    var deviceOn = {};
    data.devices.forEach(function (d) { deviceOn[d] = true; });

    var controls = root.querySelector('.trend-controls');
    var panelsBox = root.querySelector('.trend-panels');
    var panels = [];
    var zooming = false;

    function syncZoom(from) {
      if (zooming) return;
      zooming = true;
      var x = from.scales.x;
      panels.forEach(function (p) { if (p.plot && p.plot !== from) p.plot.setScale('x', { min: x.min, max: x.max }); });
      zooming = false;
    }

    function resetZoom() {
      panels.forEach(function (p) { if (p.plot) p.plot.setScale('x', { min: -0.5, max: builds.length - 0.5 }); });
    }

    function tooltipPlugin(panel) {
      var tip = el('div', 'trend-tip');
      tip.hidden = true;
      return {
        hooks: {
          init: function (u) { u.over.appendChild(tip); },
          setCursor: function (u) {
            var idx = u.cursor.idx, top = u.cursor.top, best = null;
            if (idx === null || idx === undefined || top === null || top < 0) { tip.hidden = true; return; }
            for (var s = 1; s < u.series.length; s++) {
              if (!u.series[s].show) continue;
              var v = u.data[s][idx];
              if (v === null || v === undefined) continue;
              var d = Math.abs(u.valToPos(v, 'y') - top);
              if (best === null || d < best.d) best = { s: s, d: d, v: v };
            }
            if (best === null || best.d > 24) { tip.hidden = true; return; }
            var series = panel.series[best.s - 1];
            var point = series.byBuild[idx];
            tip.textContent = '';
            tip.appendChild(el('strong', null, 'build ' + builds[idx]));
            tip.appendChild(el('div', null, series.device + ' · ' + series['case']));
            tip.appendChild(el('div', null, 'median ' + num(point.median) + ' ' + panel.metric.unit + ' (IQR ' + num(point.q1) + '–' + num(point.q3) + ') · n=' + point.n));
            tip.appendChild(el('div', 'mono', 'run ' + point.runs.join(', ')));
            tip.appendChild(el('div', 'mono', 'key ' + series.key + ' · ' + series.suite));
            tip.hidden = false;
            var x = u.valToPos(idx, 'x'), y = u.valToPos(best.v, 'y');
            var w = tip.offsetWidth, h = tip.offsetHeight, W = u.over.clientWidth;
            tip.style.left = Math.max(0, Math.min(W - w, x + 12 + w > W ? x - w - 12 : x + 12)) + 'px';
            tip.style.top = Math.max(0, y - h - 8) + 'px';
          }
        }
      };
    }

    function draw(panel) {
      var width = Math.max(320, panel.box.clientWidth);
      var xs = builds.map(function (_, i) { return i; });
      var columns = [xs];
      var series = [{ label: 'build' }];
      panel.series.forEach(function (s) {
        var ys = builds.map(function () { return null; });
        s.byBuild = {};
        s.points.forEach(function (p) { ys[p.build] = p.median; s.byBuild[p.build] = p; });
        columns.push(ys);
        series.push({
          label: s.device + ' · ' + s['case'] + (s.flagged ? ' (flagged)' : ''),
          stroke: deviceColour[s.device],
          width: s.flagged ? 2.5 : 1.5,
          dash: s.flagged ? undefined : [6, 3],
          show: deviceOn[s.device],
          spanGaps: false,
          points: { show: true, size: 7, fill: deviceColour[s.device] }
        });
      });
      var label = panel.metric.label + (panel.metric.unit ? ' (' + panel.metric.unit + ')' : '');
      panel.plot = new uPlot({
        width: width,
        height: 260,
        legend: { show: false },
        scales: {
          x: { time: false, range: function (u, min, max) { return [min === null ? -0.5 : min, max === null ? builds.length - 0.5 : max]; } },
          // A higher-is-better rate starts at zero, as on the static charts, so a small dip does not look like a collapse.
          y: panel.metric.fromZero ? { range: function (u, min, max) { return [0, max > 0 ? max * 1.08 : 1]; } } : {}
        },
        cursor: { drag: { x: true, y: false, setScale: true }, focus: { prox: 24 }, points: { size: 9 } },
        axes: [
          { label: 'build', incrs: [1, 2, 5, 10, 20, 50, 100], values: function (u, splits) { return splits.map(function (v) { return Number.isInteger(v) && builds[v] !== undefined ? builds[v] : ''; }); } },
          { label: label, size: 64, values: function (u, splits) { return splits.map(num); } }
        ],
        series: series,
        plugins: [tooltipPlugin(panel)],
        hooks: { setScale: [function (u, key) { if (key === 'x') syncZoom(u); }] }
      }, columns, panel.box);
      resetZoom();
    }

    data.metrics.forEach(function (metric) {
      var panel = { metric: metric, series: data.series.filter(function (s) { return s.metric === metric.id; }), plot: null };
      panel.wrap = el('div', 'trend-panel');
      panel.wrap.setAttribute('data-metric', metric.id);
      panel.wrap.appendChild(el('div', 'trend-caption', metric.label + (metric.unit ? ' (' + metric.unit + ')' : '') + ': ' + panel.series.length + ' series'));
      panel.box = el('div', 'trend-plot');
      panel.wrap.appendChild(panel.box);
      panel.wrap.hidden = !metric.shown;
      panelsBox.appendChild(panel.wrap);
      panels.push(panel);
    });

    var metricBox = el('fieldset', 'trend-set');
    metricBox.appendChild(el('legend', null, 'Metrics'));
    panels.forEach(function (panel) {
      metricBox.appendChild(checkbox(panel.metric.label, panel.metric.shown, function (on) {
        panel.wrap.hidden = !on;
        if (on && !panel.plot) draw(panel);
        else if (on) resetZoom();
      }));
    });
    var deviceBox = el('fieldset', 'trend-set');
    deviceBox.appendChild(el('legend', null, 'Devices'));
    data.devices.forEach(function (device) {
      var toggle = checkbox(device, true, function (on) {
        deviceOn[device] = on;
        panels.forEach(function (p) {
          if (!p.plot) return;
          p.series.forEach(function (s, i) { if (s.device === device) p.plot.setSeries(i + 1, { show: on }); });
        });
      });
      var swatch = el('span', 'trend-swatch');
      swatch.style.background = deviceColour[device];
      toggle.insertBefore(swatch, toggle.firstChild);
      deviceBox.appendChild(toggle);
    });
    var reset = el('button', 'trend-reset', 'Reset zoom');
    reset.type = 'button';
    reset.addEventListener('click', resetZoom);
    controls.appendChild(metricBox);
    controls.appendChild(deviceBox);
    controls.appendChild(reset);
    if (data.omitted > 0) controls.appendChild(el('p', 'small muted', data.omitted + ' further series matched and are left out of this view to keep the page small.'));

    root.hidden = false;
    panels.forEach(function (panel) { if (!panel.wrap.hidden) draw(panel); });
    // For readers (and the browser test): each chart's uPlot instance on its panel element.
    panels.forEach(function (panel) { Object.defineProperty(panel.wrap, 'uplot', { get: function () { return panel.plot; } }); });
    window.addEventListener('resize', function () {
      panels.forEach(function (p) { if (p.plot && !p.wrap.hidden) p.plot.setSize({ width: Math.max(320, p.box.clientWidth), height: 260 }); });
    });
  }

  var roots = document.querySelectorAll('.trend-view[data-source]');
  for (var i = 0; i < roots.length; i++) init(roots[i]);
})();
