"""Playwright + headless Chromium against pytest-django's live server.

Playwright's sync API runs an event loop in the test thread; Django refuses
ORM calls from such a thread unless told otherwise. Only browser tests do this.
"""

import copy
import json
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.browser import snapshots

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

# axe-core ships inside a pinned wheel (axe-playwright-python): never fetched.
AXE_JS = files("axe_playwright_python") / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # The language a browser asks for out of the box: the full Chromium sends
    # it unasked, its headless shell only when told. A page's own
    # `set_extra_http_headers` still replaces it.
    "--accept-lang=en-US,en",
]


def _chromium_path() -> str | None:
    """Debian's headless shell where installed (Chromium's engine without the
    browser's own window, tabs and profile: about a third less processor time
    for the same pages than `chromium --headless`), else Debian's Chromium;
    otherwise Playwright's own download (its headless shell too)."""
    return (
        os.environ.get("LMS_CHROMIUM")
        or shutil.which("chromium-headless-shell")
        or shutil.which("chromium")
    )


@pytest.fixture(scope="session")
def browser() -> Browser:
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(
                executable_path=_chromium_path(), args=CHROMIUM_ARGS
            )
        except Exception as error:  # a missing browser fails loudly, never skips
            pytest.fail(
                "No Chromium for the browser tests. Run `make test` (it installs "
                f"one) or `playwright install chromium`.\n{error}",
                pytrace=False,
            )
        browser.new_context = _with_axe(browser.new_context)
        yield browser
        browser.close()


def _with_axe(new_context):
    """Contexts that bypass the site's CSP (the ones the axe checks use) get
    axe-core as an init script: parsed as each page starts, instead of sent
    over the wire (570 KB) and injected after every navigation."""

    def new_context_with_axe(*args, **kwargs):
        context = new_context(*args, **kwargs)
        if kwargs.get("bypass_csp"):
            context.add_init_script(path=str(AXE_JS))
        return context

    return new_context_with_axe


@dataclass
class Copies:
    contents: dict[str, str]  # what Django's serialized rollback is given
    copies: dict  # alias: the copy each test starts from, or None


@pytest.fixture(scope="session")
def _serialized_db(django_db_setup, django_db_blocker) -> Copies:
    """The database as migrations and the site pages left it, captured before
    Playwright starts. Each browser test starts from it, so the site pages are
    restored with everything else instead of being built again per test: a
    database-level copy (tests/browser/snapshots.py) where the database
    allows one, otherwise Django's serialized rows.

    Django restores it in its own test set-up, which pytest-django runs before
    any fixture of the test (live_server's helper is autouse), so the copy is
    put in place of Django's deserializer for the rest of the session."""
    from django.db import connections

    contents, copies = {}, {}
    with django_db_blocker.unblock():
        for alias in connections:
            connection = connections[alias]
            if not hasattr(connection, "_test_serialized_contents"):
                continue
            copies[alias] = snapshots.take(connection)
            contents[alias] = (
                ""
                if copies[alias] is not None
                else connection.creation.serialize_db_to_string()
            )
    with pytest.MonkeyPatch.context() as patch:
        for creation in {type(connections[alias].creation) for alias in copies}:
            patch.setattr(
                creation,
                "deserialize_db_from_string",
                _from_copy(creation.deserialize_db_from_string, copies),
            )
        for operations in {
            type(connections[alias].ops)
            for alias, copy in copies.items()
            if copy is not None and connections[alias].vendor == "postgresql"
        }:
            patch.setattr(
                operations, "sql_flush", snapshots.deleting_flush(operations.sql_flush)
            )
        yield Copies(contents, copies)


def _from_copy(deserialize, copies: dict):
    def deserialize_db_from_string(self, data):
        copy = copies.get(self.connection.alias)
        if copy is None:
            return deserialize(self, data)
        # Django saves the serialized rows one by one (about a second per
        # test); the database-level copy puts back the same rows.
        return snapshots.restore(self.connection, copy)

    return deserialize_db_from_string


@pytest.fixture
def _restore_serialized_db(_serialized_db) -> None:
    # Django keeps the serialized database on the connection object, which is
    # context-local; Playwright's greenlets give later tests a fresh one. Its
    # presence also tells Django's flush not to rebuild what migrations made.
    from django.db import connections

    for alias, contents in _serialized_db.contents.items():
        connections[alias]._test_serialized_contents = contents


class World:
    """A module's test data, as `kept_world` gives it to each test."""

    def __init__(self, build: Callable, value=None, *, kept: bool = False):
        self.build, self.value, self.kept = build, value, kept

    def get(self):
        """This test's copy of what `build` returned: the rows are the copy's,
        the Python objects a deep copy, so no test sees another's changes."""
        return copy.deepcopy(self.value) if self.kept else self.build()


def kept_world(serialized: Copies, django_db_blocker, build: Callable):
    """For a module-scoped fixture whose tests all start from the same data::

        @pytest.fixture(scope="module")
        def _world(_serialized_db, django_db_blocker):
            yield from kept_world(_serialized_db, django_db_blocker, build)

        @pytest.fixture
        def world(_world, live_site):
            return _world.get()

    `build` runs once, on the site pages; a copy of the database is taken
    then (snapshots.py) and each of the module's tests starts from it instead
    of the site pages' copy. Where no copy can be taken, `get` builds the
    world in each test, as a function fixture would."""
    from django.db import connections

    base = dict(serialized.copies)
    if not base or None in base.values():
        yield World(build)
        return
    with django_db_blocker.unblock():
        for alias, snapshot in base.items():
            snapshots.restore(connections[alias], snapshot)
        value = build()
        kept = {
            alias: snapshots.take(connections[alias], f"{snapshots.SCHEMA}_module")
            for alias in base
        }
    serialized.copies.update(kept)
    try:
        yield World(build, value, kept=True)
    finally:
        serialized.copies.update(base)
        with django_db_blocker.unblock():
            for alias, snapshot in kept.items():
                snapshots.discard(connections[alias], snapshot)


@pytest.fixture
def live_site(_restore_serialized_db, django_db_serialized_rollback, live_server):
    """The live server with the site pages. Serialized rollback restores what
    Wagtail's data migrations made (root page, locale, site) and the site pages
    after each test; `seed_site` only checks they are there."""
    from demo.site import seed_site

    seed_site()
    return live_server


@pytest.fixture
def page(browser: Browser) -> Page:
    context = browser.new_context(
        bypass_csp=True, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def sign_in(context, user, base_url: str) -> None:
    """Signs `user` in for a browser context (no login form to fill)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base_url,
            }
        ]
    )


def signed_in_context(browser: Browser, user, base_url: str, **context_args):
    """A new browser context with `user` signed in."""
    context = browser.new_context(bypass_csp=True, **context_args)
    sign_in(context, user, base_url)
    return context


# The fields a failure needs, picked in the page: axe's whole result (every
# rule that passed, with its nodes) is large to send back for every check.
AXE_RUN = """async (tags) => {
    const result = await axe.run(document, {
        runOnly: {type: 'tag', values: tags},
        resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target),
        html: v.nodes.slice(0, 3).map((n) => n.html.slice(0, 300)),
    }));
}"""


def axe_violations(page: Page, *, tags: list[str] = AXE_TAGS) -> list[dict]:
    """axe-core's violations on the page as it is now (WCAG 2.0/2.1/2.2 A and
    AA rules)."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(AXE_RUN, tags)


# Resolves after the next animation frame and the task after it (whatever the
# page did on the responses it was waiting for has been drawn), then once every
# transition and animation that ends has ended: the admin's messages fade in
# over half a second, reduced motion or not, and axe must not measure their
# contrast halfway.
DRAWN = """async () => {
    await new Promise((done) => requestAnimationFrame(() => setTimeout(done)));
    const ending = document.getAnimations().filter(
        (animation) => animation.effect?.getTiming().iterations !== Infinity);
    await Promise.all(ending.map((animation) => animation.finished.catch(() => null)));
}"""


def goto_settled(page: Page, url: str, *, timeout: float = 20.0):
    """Open `url`, wait for its load event and then for every request the
    page started to finish (a Wagtail edit form pings its editing session as
    it loads), then for a frame and for transitions to end. Returns the
    response. Playwright's "networkidle" waits for the requests and then for
    half a second of quiet, most of the time of walking the admin's forms."""
    pending: set = set()

    def started(request):
        pending.add(request)

    def ended(request):
        pending.discard(request)

    handlers = {"request": started, "requestfinished": ended, "requestfailed": ended}
    for event, handler in handlers.items():
        page.on(event, handler)
    try:
        response = page.goto(url, wait_until="load")
        deadline = time.monotonic() + timeout
        while pending:
            if time.monotonic() > deadline:
                still = ", ".join(request.url for request in pending)
                raise AssertionError(f"{url}: still loading after {timeout} s: {still}")
            page.wait_for_timeout(10)  # lets Playwright deliver the events
        page.evaluate(DRAWN)
    finally:
        for event, handler in handlers.items():
            page.remove_listener(event, handler)
    return response


def assert_no_axe_violations(page: Page, *, tags: list[str] = AXE_TAGS) -> None:
    """Zero axe-core violations for the WCAG 2.0/2.1/2.2 A and AA rules."""
    violations = axe_violations(page, tags=tags)
    assert not violations, f"axe violations on {page.url}:\n" + json.dumps(
        violations, indent=2, ensure_ascii=False
    )


def assert_no_horizontal_scroll(page: Page) -> None:
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"
