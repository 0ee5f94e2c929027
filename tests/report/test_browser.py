"""engagekit.report in a real browser: headless Chromium at a phone's width.

A probe script is put into a copy of the page (with the page's
Content-Security-Policy taken out, since the policy rightly forbids any
script): it records JS errors and console.error calls, measures every chart and
the page's width after load, and sends the results as JSON to the window
around it, which writes them into its DOM for ``chromium --dump-dom`` to print.

Why a window around it: with ``--dump-dom``, headless Chromium 156 makes no
window narrower than 500 px whatever ``--window-size`` says (only
``--screenshot`` emulates a smaller one), so the page is loaded in a 390 x 900
px iframe, which is a 390 px viewport to the page: its ``innerWidth``, media
queries and layout are a phone's. Skipped, saying why, where no Chromium is
installed (Debian: ``apt-get install chromium``).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from engagekit.datasets import sample_posts

pytest.importorskip("matplotlib", reason="the report extra (matplotlib) is not installed")

from engagekit.report import build_report

_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome")
_PHONE = (390, 900)

_HOOKS = """<script>
window.__probe = {errors: []};
window.onerror = function (message) { window.__probe.errors.push("error: " + message); };
window.addEventListener("error", function (event) {
  if (event.target && event.target !== window) {
    window.__probe.errors.push("resource: " + (event.target.src || event.target.href));
  }
}, true);
(function () {
  var original = console.error;
  console.error = function () {
    window.__probe.errors.push("console: " + Array.prototype.join.call(arguments, " "));
    return original.apply(console, arguments);
  };
})();
</script>"""

_MEASURE = """<script>
window.addEventListener("load", function () {
  var charts = [];
  document.querySelectorAll("svg").forEach(function (svg) {
    var box = svg.getBoundingClientRect();
    var drawn = 0;
    svg.querySelectorAll("path, rect, line, circle, polygon, polyline, use, text")
      .forEach(function (el) {
        var b = el.getBoundingClientRect();
        var style = getComputedStyle(el);
        if ((b.width > 0 || b.height > 0) && style.visibility !== "hidden"
            && style.display !== "none" && style.opacity !== "0") { drawn += 1; }
      });
    charts.push({label: svg.getAttribute("aria-label"), width: box.width,
                 height: box.height, right: box.right, drawn: drawn});
  });
  var result = {errors: window.__probe.errors, charts: charts,
                scrollWidth: document.documentElement.scrollWidth,
                innerWidth: window.innerWidth,
                sections: document.querySelectorAll("main > section").length};
  parent.postMessage(JSON.stringify(result), "*");
});
</script>"""

_FRAME = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">
<iframe src="report.html" style="width:{0}px;height:{1}px;border:0;display:block"></iframe>
<script>
window.addEventListener("message", function (event) {{
  var out = document.createElement("pre");
  out.id = "probe-result";
  out.textContent = event.data;
  document.body.appendChild(out);
}});
</script></body></html>"""


def _browser() -> str:
    for name in _BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip(f"no headless Chromium on PATH (looked for {', '.join(_BROWSERS)}); "
                "install Debian's chromium package to run the browser tests")


def _probe(page: str, tmp_path: Path, *, extra: str = "") -> dict[str, Any]:
    """Load ``page`` (with ``extra`` markup at the end of its body) at a phone's size."""
    browser = _browser()
    page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n?', "", page, count=1)
    page = page.replace("<head>", "<head>\n" + _HOOKS, 1)
    page = page.replace("</body>", extra + _MEASURE + "\n</body>", 1)
    (tmp_path / "report.html").write_text(page, encoding="utf-8")
    frame = tmp_path / "phone.html"
    frame.write_text(_FRAME.format(*_PHONE), encoding="utf-8")
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               "--window-size=600,1000", "--virtual-time-budget=5000",
               f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", frame.as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    found = re.search(r'<pre id="probe-result"[^>]*>(.*?)</pre>', done.stdout, re.DOTALL)
    assert found is not None, f"no probe result; chromium said: {done.stderr[-2000:]}"
    result: dict[str, Any] = json.loads(html.unescape(found.group(1)))
    return result


@pytest.fixture(scope="module")
def page() -> str:
    return build_report(sample_posts(), tz="America/Chicago", title="Sample").html


def test_the_report_renders_on_a_phone_without_errors(page: str, tmp_path: Path) -> None:
    result = _probe(page, tmp_path)
    assert result["errors"] == []
    assert result["innerWidth"] == _PHONE[0]
    assert result["scrollWidth"] <= result["innerWidth"]
    assert result["sections"] == 10
    assert len(result["charts"]) == 4
    for chart in result["charts"]:
        assert chart["width"] > 200, chart
        assert chart["height"] > 100, chart
        assert chart["right"] <= result["innerWidth"], chart
        assert chart["drawn"] >= 10, chart


def test_the_empty_report_renders_too(tmp_path: Path) -> None:
    result = _probe(build_report([]).html, tmp_path)
    assert result["errors"] == []
    assert result["scrollWidth"] <= result["innerWidth"]
    assert result["charts"] == []


def test_the_probe_sees_overflow_and_errors(page: str, tmp_path: Path) -> None:
    # The checks above could pass by measuring nothing; here they must fail.
    broken = ('<div style="width:1200px">wide</div><svg class="chart"></svg>'
              '<script>console.error("boom"); undefinedFunction();</script>')
    result = _probe(page, tmp_path, extra=broken)
    assert result["scrollWidth"] > result["innerWidth"]
    assert "console: boom" in result["errors"]
    assert any("undefinedFunction" in error for error in result["errors"])
    assert min(chart["drawn"] for chart in result["charts"]) == 0
