"""Every route but the public ones needs the owner's login (walks app.url_map)."""
import re

import pytest

from .conftest import add_owner

# Written here, not imported from the app: a route made public there must fail this walk until it is added here.
PUBLIC_ENDPOINTS = {"owner.login", "owner.setup", "static", "home.healthz"}


def concrete_path(rule) -> str:
    """Fill every converter of a rule with a plausible value."""
    return re.sub(r"<(?:[^:>]+:)?([^>]+)>", lambda m: "1", rule.rule)


def protected_rules(app):
    return [(rule, method) for rule in app.url_map.iter_rules() if rule.endpoint not in PUBLIC_ENDPOINTS
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]


def test_there_are_protected_rules(app):
    assert len(protected_rules(app)) >= 3


def test_every_rule_redirects_anonymous_browsers_to_login(app):
    add_owner(app)
    client = app.test_client()
    app.config["WTF_CSRF_ENABLED"] = False  # reach the login check, not the CSRF one
    for rule, method in protected_rules(app):
        response = client.open(concrete_path(rule), method=method)
        assert response.status_code == 302, (rule.rule, method)
        assert "/login" in response.headers["Location"], (rule.rule, method)


@pytest.mark.parametrize("headers", [{"HX-Request": "true"}, {"Accept": "application/json"}])
def test_every_rule_answers_401_to_htmx_and_json(app, headers):
    add_owner(app)
    client = app.test_client()
    app.config["WTF_CSRF_ENABLED"] = False
    for rule, method in protected_rules(app):
        response = client.open(concrete_path(rule), method=method, headers=headers)
        assert response.status_code == 401, (rule.rule, method)
        if "HX-Request" in headers:
            assert response.headers["HX-Redirect"] == "/login"
