"""Helpers to check the structure of a rendered page."""

from bs4 import BeautifulSoup


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def assert_accessible_shell(response, *, lang: str) -> BeautifulSoup:
    """The parts of the page shell every page must have."""
    doc = soup(response)
    assert doc.html["lang"] == lang
    focusable = doc.select(
        "a[href], button, input:not([type=hidden]), select, textarea"
    )
    skip = focusable[0]
    assert skip["href"] == "#main-content", (
        "the skip link is the first focusable element"
    )
    assert doc.select_one("main#main-content") is not None
    assert doc.select_one("header") is not None
    assert doc.select_one("footer") is not None
    assert doc.select("nav"), "navigation landmark"
    assert len(doc.find_all("h1")) == 1, "exactly one h1"
    assert doc.select_one('header a[href$="/help/"]') is not None, (
        "help link in the header"
    )
    return doc
