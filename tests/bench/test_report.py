"""The pure parts of the page benchmark (bench/report.py): what a page
loads, its compressed weight, render-blocking scripts, locust's figures and
the table. Nothing here starts a server or times anything."""

import gzip

import pytest

from bench.report import (
    PageResult,
    css_imports,
    gzip_size,
    locust_totals,
    page_assets,
    ratio,
    results_table,
)

PAGE = """<!doctype html>
<html lang="zh-hans">
<head>
  <link rel="stylesheet" href="/static/css/site.abc.css">
  <link rel="icon" href="/static/favicon.ico">
  <link rel="preload stylesheet" href="/static/css/extra.css">
  <script src="/static/js/blocking.js"></script>
  <script src="/static/js/deferred.js" defer></script>
  <script src="/static/js/async.js" async></script>
  <script type="module">import "/static/js/m.js";</script>
  <script>window.x = 1;</script>
</head>
<body>
  <script src="/static/js/end.js"></script>
</body>
</html>"""


def test_page_assets_lists_stylesheets_scripts_and_blocking_ones():
    assets = page_assets(PAGE)
    assert assets.stylesheets == ["/static/css/site.abc.css", "/static/css/extra.css"]
    assert assets.scripts == [
        "/static/js/blocking.js",
        "/static/js/deferred.js",
        "/static/js/async.js",
        "/static/js/end.js",
    ]
    # In <head> without defer/async/module; a script at the end of <body>
    # does not hold up rendering.
    assert assets.blocking_scripts == ["/static/js/blocking.js", "inline"]


def test_a_page_without_scripts_blocks_nothing():
    assets = page_assets("<html><head><title>t</title></head><body></body></html>")
    assert assets.blocking_scripts == []
    assert assets.scripts == []


def test_css_imports():
    css = """@import url("base.css");
@import 'print.css' print;
@import url(/static/css/x.css);
body { color: black; }"""
    assert css_imports(css) == ["base.css", "print.css", "/static/css/x.css"]


def test_gzip_size_is_level_6_and_repeatable():
    data = ("课程 lesson " * 500).encode()
    assert gzip_size(data) == gzip_size(data)
    assert gzip_size(data) == len(gzip.compress(data, compresslevel=6, mtime=0))
    assert gzip_size(data) < len(data)


LOCUST_CSV = (
    "Type,Name,Request Count,Failure Count,Median Response Time,"
    "Requests/s,Failures/s\n"
    "GET,/zh-hans/,120,2,40,12.5,0.2\n"
    ",Aggregated,120,2,40,12.5,0.2\n"
)


def test_locust_totals_reads_the_aggregated_row():
    assert locust_totals(LOCUST_CSV) == (120, 2, 12.5)


def test_locust_totals_without_figures_is_an_error():
    with pytest.raises(ValueError):
        locust_totals("Type,Name\n")


def test_ratio():
    assert ratio(50, 200) == 0.25
    assert ratio(5, 0) == 0.0


def test_results_table():
    rows = [
        PageResult("bare view", rps=400.0, queries=0),
        PageResult(
            "lesson, anonymous",
            rps=100.0,
            failures=3,
            queries=12,
            cache_queries=2,
            weight=20 * 1024,
            blocking=["/static/js/a.js"],
            goal="≥ 0.5",
        ),
    ]
    lines = results_table(rows, bare_rps=400.0).splitlines()
    assert lines[0].startswith("| page | req/s | × bare | queries |")
    assert lines[2] == "| bare view | 400.0 | 1.000 | 0 | – | none |  |"
    assert lines[3] == (
        "| lesson, anonymous | 100.0 (3 failed) | 0.250 | 12 (2 cache) | 20.0 "
        "| /static/js/a.js | ≥ 0.5 |"
    )
