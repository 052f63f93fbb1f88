"""Scenario 9's guard: the `page` fixture sees console errors and failed requests, and lets only expected ones pass."""
from .conftest import PageProblems, sign_in


def test_problems_are_caught_unless_expected(browser, serve):
    live = serve()
    context = browser.new_context()
    try:
        page = context.new_page()
        problems = PageProblems(page)
        sign_in(page, live)
        assert problems.unexpected() == []  # our pages load cleanly

        page.evaluate("fetch('/no/such/page')")  # a 404: Chrome logs it
        page.evaluate("setTimeout(() => { throw new Error('boom from a test') })")  # an uncaught error
        page.route("**/refused", lambda route: route.abort())
        page.evaluate("fetch('/refused').catch(() => null)")  # a request that fails outright
        page.wait_for_timeout(500)
        found = problems.unexpected()
        assert any("status of 404" in p and "/no/such/page" in p for p in found), found
        assert any("boom from a test" in p for p in found), found
        assert any(p.startswith("request failed: GET") and p.split()[3].endswith("/refused") for p in found), found

        problems.expect("status of 404", "/no/such/page")
        problems.expect("boom from a test")
        problems.expect("/refused")
        assert problems.unexpected() == []
    finally:
        context.close()
