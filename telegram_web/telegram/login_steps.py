"""What the login state machine answers: one dataclass per state, its JSON the README's login shapes.

Fields marked HIDDEN are only for the page (the tab shown, the problem object, the demo
hints of an offline backend, why the old session broke); `web.respond` leaves them out of JSON.
"""
from dataclasses import dataclass, field

from ..plain import HIDDEN
from .accounts import TelegramUserInfo
from .problems import TelegramProblem


@dataclass(kw_only=True)
class Page:
    """What every login state carries for the page only."""

    tab: str = field(default="phone", metadata=HIDDEN)  # phone or qr
    problem: TelegramProblem | None = field(default=None, metadata=HIDDEN)
    demo: dict | None = field(default=None, metadata=HIDDEN)  # an offline backend's login hints
    broken_reason: str | None = field(default=None, metadata=HIDDEN)  # ended_elsewhere, undecryptable


@dataclass(kw_only=True)
class LoginStep(Page):
    """A step of the phone login in progress."""

    authorized: bool = False
    step: str = "phone"


@dataclass(kw_only=True)
class PhoneStep(LoginStep):
    """Idle: the phone form (`ended_elsewhere` says why a linked account is gone)."""

    ended_elsewhere: bool | None = None
    phone_input: str = field(default="", metadata=HIDDEN)  # what was typed, for correcting


@dataclass(kw_only=True)
class CodeStep(LoginStep):
    """Code sent: where to (masked phone, how) and when another way may be asked for."""

    step: str = "code"
    phone: str | None = None
    via: str | None = None
    next_via: str | None = None
    timeout: int | None = None
    resent: bool = field(default=False, metadata=HIDDEN)


@dataclass(kw_only=True)
class PasswordStep(LoginStep):
    """Password needed: the account has two-step verification."""

    step: str = "password"
    hint: str | None = None


@dataclass(kw_only=True)
class Done:
    """Signed in: the linked user."""

    authorized: bool = True
    step: str = "done"
    status: str = "done"
    user: TelegramUserInfo


@dataclass(kw_only=True)
class Failed:
    """A refused or failed step: its form again (`form`, for the page) and why."""

    authorized: bool = False
    step: str
    error: str
    message: str
    status: int
    retry_after: int | None = None
    form: LoginStep = field(metadata=HIDDEN)

    @classmethod
    def of(cls, form: LoginStep, problem: TelegramProblem) -> "Failed":
        """The failure of `form`'s step with `problem` (which the form then shows)."""
        form.problem = problem
        error = getattr(problem, "error", None) or type(problem).__name__  # the name the README's JSON gives
        return cls(step=form.step, error=error, message=problem.message, status=problem.status,
                   retry_after=problem.retry_after, form=form)


def error_name(problem: TelegramProblem) -> str:
    """Telegram's error name (or ours) for the attempt record; never the user's input."""
    name = getattr(problem, "error", None) or type(problem.__cause__ or problem).__name__
    return name.removesuffix("Error")[:64]


@dataclass(kw_only=True)
class QrState(Page):
    """A QR login as its box shows it: waiting (the code), finished, or not started."""

    tab: str = field(default="qr", metadata=HIDDEN)
    status: str = "not_started"  # waiting, done, password, timeout, failed, cancelled, not_started
    generation: int = 0
    expires_in: int = 0
    qr_url: str | None = None
    message: str | None = None
    unchanged: bool = field(default=False, metadata=HIDDEN)  # the poller already shows this code


@dataclass(kw_only=True)
class QrPassword(Page):
    """A QR login accepted by a 2FA account: the password form comes next."""

    status: str = "password"
    hint: str | None = None
    step: str = field(default="password", metadata=HIDDEN)
