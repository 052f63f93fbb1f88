"""A login form's refusal is answered in the login's real state, and a JSON body is never taken for a form."""
import pytest

from ..helpers import csrf_token
from .conftest import PHONE, TWO_FA, attempts


@pytest.mark.parametrize("path, body", [
    ("/telegram/auth/phone/", b'{"phone": 5}'), ("/telegram/auth/phone/", b'{"phone": {"a": 1}}'),
    ("/telegram/auth/phone/", b'[1]'), ("/telegram/auth/verify/", b'{"code": 12345}'),
    ("/telegram/auth/password/", b'"x"'),
])
def test_a_json_body_is_not_a_form(web, account, path, body):
    headers = {"Content-Type": "application/json", "X-CSRFToken": web.token, "Accept": "application/json"}
    response = web.client.post(path, data=body, headers=headers)
    assert 400 <= response.status_code < 500, (path, body, response.get_data(as_text=True)[:300])
    assert "Something went wrong" not in response.get_data(as_text=True)


def test_a_json_body_on_the_owner_login_is_a_wrong_login_not_a_500(app):
    client = app.test_client()
    response = client.post("/login", data=b'"x"', headers={"Content-Type": "application/json",
                                                            "X-CSRFToken": csrf_token(client, "/login")})
    assert response.status_code == 401 and "Wrong username or password" in response.get_data(as_text=True)


def test_a_bad_phone_is_named_as_before_in_json(web, account):
    response = web.send_code("+44 77OO", json=True)
    assert response.status_code == 400 and response.json["error"] == "PhoneInputError"


def test_a_malformed_code_without_a_login_in_progress_says_to_start_again(web, account):
    response = web.verify("12ab", json=True)
    assert response.status_code == 409 and response.json["error"] == "NoLoginInProgress"
    assert response.json["step"] == "phone"


def test_a_malformed_code_after_linking_does_not_claim_a_code_step(web, account, server):
    web.login_by_phone(server)
    response = web.verify("12ab", json=True)
    assert response.json["step"] != "code" and response.status_code == 409


def test_an_empty_password_during_the_code_step_asks_for_the_code_first(web, account_2fa, server):
    assert web.send_code(PHONE).status_code == 200
    response = web.password("", json=True)
    assert response.status_code == 409 and response.json["error"] == "CodeFirst"
    assert response.json["step"] == "code"
    assert web.password(TWO_FA, json=True).json["error"] == "CodeFirst"  # the form is not what decides
    assert ("password", "failed", None) not in attempts(web.app)
