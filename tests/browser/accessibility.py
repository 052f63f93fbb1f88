"""axe-core (vendored from npm: tests/browser/vendor, not served by the app) run in the page under test.

`assert_accessible(page)` fails on any violation of impact "serious" or "critical", naming the rule
and the elements. The script is evaluated through Playwright (DevTools), not inserted as a tag, so the
app's CSP stays as it is.
"""
import os

from .conftest import settled

AXE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "vendor", "axe-core-4.14.1", "axe.min.js")
BLOCKING = ("serious", "critical")
_source = None


def violations(page) -> list[str]:
    """The serious or critical axe violations on the page as it is now, one line each."""
    global _source
    if _source is None:
        with open(AXE, encoding="utf-8") as file:
            _source = file.read()
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_source)
    settled(page)  # (the state checked is the one a person then acts in: answers in and processed)
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                          ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
                          " nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))")
    return [f"{v['id']} ({v['impact']}): {v['help']} — {', '.join(v['nodes'])}"
            for v in found if v["impact"] in BLOCKING]


def assert_accessible(page) -> None:
    """Fail on serious or critical axe violations."""
    problems = violations(page)
    assert not problems, "axe-core:\n" + "\n".join(problems)
