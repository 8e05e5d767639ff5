"""The pure parts of the page benchmark (bench/pages.py): what a page loads,
how much that weighs compressed, whether a script blocks rendering, the
load generator's figures and the table printed at the end. No Django and no
network here, so tests/bench/ can check them on their own.

Weight: each resource (the HTML, every stylesheet it links and every script
it loads, and stylesheets they @import) compressed with gzip at level 6 (the
zlib default, what most servers and proxies use for responses compressed on
the fly), added up. Images, media and fonts are left out.
"""

import csv
import gzip
import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

GZIP_LEVEL = 6
# url(...) or a bare string after @import.
_CSS_IMPORT = re.compile(
    r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)["']?\s*\)?""", re.IGNORECASE
)


def gzip_size(data: bytes, level: int = GZIP_LEVEL) -> int:
    """Bytes of `data` compressed with gzip at `level` (no file name or time
    in the header, so the same input always gives the same size)."""
    return len(gzip.compress(data, compresslevel=level, mtime=0))


@dataclass
class PageAssets:
    stylesheets: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)
    # Scripts in <head> that hold up rendering: no defer, async or
    # type="module" (an inline one always blocks; src or "inline").
    blocking_scripts: list[str] = field(default_factory=list)


class _AssetParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.assets = PageAssets()
        self._in_head = False
        self._seen_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): (value or "") for name, value in attrs}
        if tag == "head":
            self._in_head = True
        elif tag == "body":
            self._in_head = False
            self._seen_body = True
        elif tag == "link":
            rel = values.get("rel", "").lower().split()
            if "stylesheet" in rel and values.get("href"):
                self.assets.stylesheets.append(values["href"])
        elif tag == "script":
            src = values.get("src", "")
            if src:
                self.assets.scripts.append(src)
            is_module = values.get("type", "").lower() == "module"
            deferred = "defer" in values and src
            if self._in_head and not (
                is_module or deferred or ("async" in values and src)
            ):
                self.assets.blocking_scripts.append(src or "inline")

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False


def page_assets(html: str) -> PageAssets:
    """The stylesheets and scripts `html` loads, in document order."""
    parser = _AssetParser()
    parser.feed(html)
    parser.close()
    return parser.assets


def css_imports(css: str) -> list[str]:
    """The stylesheets a stylesheet pulls in with @import."""
    return _CSS_IMPORT.findall(css)


def locust_totals(stats_csv: str) -> tuple[int, int, float]:
    """(requests, failures, requests per second) of the "Aggregated" row of
    locust's --csv *_stats.csv file."""
    for row in csv.DictReader(io.StringIO(stats_csv)):
        if row.get("Name") == "Aggregated":
            return (
                int(row["Request Count"]),
                int(row["Failure Count"]),
                float(row["Requests/s"]),
            )
    raise ValueError("no Aggregated row in locust's statistics")


@dataclass
class PageResult:
    name: str
    rps: float
    failures: int = 0
    queries: int | None = None
    cache_queries: int | None = None
    weight: int | None = None  # bytes, gzip level 6
    blocking: list[str] = field(default_factory=list)
    goal: str = ""


def ratio(rps: float, bare_rps: float) -> float:
    return rps / bare_rps if bare_rps else 0.0


def _kb(size: int | None) -> str:
    return "–" if size is None else f"{size / 1024:.1f}"


def results_table(rows: list[PageResult], bare_rps: float) -> str:
    """A Markdown table: each page's req/s, ratio to the bare view, queries
    (those on the database cache table in brackets), compressed weight,
    render-blocking scripts and the issue's goal."""
    lines = [
        "| page | req/s | × bare | queries | HTML+CSS+JS KB (gzip 6) "
        "| blocking scripts | goal |",
        "|---|---:|---:|---:|---:|---|---|",
    ]
    for row in rows:
        rps = f"{row.rps:.1f}"
        if row.failures:
            rps += f" ({row.failures} failed)"
        if row.queries is None:
            queries = "–"
        elif row.cache_queries:
            queries = f"{row.queries} ({row.cache_queries} cache)"
        else:
            queries = str(row.queries)
        blocking = ", ".join(row.blocking) if row.blocking else "none"
        lines.append(
            f"| {row.name} | {rps} | {ratio(row.rps, bare_rps):.3f} | {queries} "
            f"| {_kb(row.weight)} | {blocking} | {row.goal} |"
        )
    return "\n".join(lines)
