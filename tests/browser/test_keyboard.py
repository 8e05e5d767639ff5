import pytest

from tests.browser.conftest import assert_no_axe_violations

FOCUS_STYLE = """() => {
    const el = document.activeElement;
    const s = getComputedStyle(el);
    return {tag: el.tagName, text: el.textContent.trim(), outlineWidth: parseFloat(s.outlineWidth),
            outlineStyle: s.outlineStyle, background: s.backgroundColor, boxShadow: s.boxShadow};
}"""


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(
    live_site, page, language
):
    page.goto(f"{live_site.url}/{language}/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main-content"
    skip_link = page.locator(".skip-link")
    assert skip_link.is_visible()
    box = skip_link.bounding_box()
    assert box["y"] >= 0 and box["height"] >= 24, "visible and big enough when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    # The next Tab continues from the main content, not the header.
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('main')")


def test_every_tab_stop_shows_a_visible_focus_indicator(live_site, page):
    page.goto(f"{live_site.url}/en/")
    seen = []
    for _ in range(30):
        page.keyboard.press("Tab")
        style = page.evaluate(FOCUS_STYLE)
        if style["tag"] == "BODY":
            break
        has_ring = style["outlineStyle"] != "none" and style["outlineWidth"] >= 3
        has_shadow = style["boxShadow"] not in ("none", "")
        assert has_ring or has_shadow, f"no focus indicator on {style}"
        seen.append(style["text"])
    assert "Help" in seen
    assert "English" in seen


def test_keyboard_only_sign_in(live_site, page):
    """Sign in with the keyboard alone, from the home page."""
    from tests.factories.accounts import PASSWORD, UserFactory

    user = UserFactory(email="keys@example.org")
    page.goto(f"{live_site.url}/en/")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Sign in":
            break
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/login/")
    # Tab from the top of the page to the email field.
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_login":
            break
    page.keyboard.type(user.email)
    # The password hint holds a "forgot your password?" link, one stop earlier.
    page.keyboard.press("Tab")
    assert (
        page.evaluate("document.activeElement.textContent.trim()")
        == "Forgot your password?"
    )
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_site.url}/en/learning/*")
    assert page.get_by_role("link", name="Sign out").is_visible()
    assert_no_axe_violations(page)
