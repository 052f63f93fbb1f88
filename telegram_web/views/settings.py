"""The owner's settings: display preferences, change the password, sign out everywhere (blueprint "settings").

Both start a new login generation (User.get_id), so every older session and remember
cookie gets 401; after a password change this browser is signed in again under the new one.
"""
from dataclasses import dataclass, field

from flask import Blueprint, current_app, flash, request, url_for
from flask_babel import gettext as _, refresh
from flask_login import current_user, logout_user
from flask_login.config import COOKIE_NAME

from ..extensions import db
from ..forms.settings import MARK_READ, THEMES, ChangePasswordForm, PreferencesForm
from ..i18n import LANGUAGES
from ..models import LoginFailure
from ..plain import HIDDEN
from ..time_zones import zone_names
from ..web import client_ip, respond
from .owner import locked_out_for, sign_in

bp = Blueprint("settings", __name__, url_prefix="/settings")
PAGE = "settings/page.html"


@dataclass
class Settings:
    """The settings page: what happened or went wrong, the owner's preferences; the forms (page only)."""

    message: str | None = None
    error: str | None = None  # for JSON clients: BadInput, WrongPassword, TooManyAttempts
    status: int = 200
    form: ChangePasswordForm | None = field(default=None, metadata=HIDDEN)
    time_zone: str | None = None  # the zone pages use; None: the server's own
    time_zone_chosen: bool = False  # chosen here; else the browser's, learnt at each sign-in
    theme: str = "system"  # system, light or dark
    language: str | None = None  # en, ru; None: as the browser asks
    mark_read: bool | None = None  # whether opening a chat marks it read; None: as the server is set
    mark_read_default: bool = True  # the server's CHATS_MARK_READ

    def __post_init__(self):
        self.form = self.form or ChangePasswordForm(formdata=None)
        if current_user.is_authenticated:  # (not after signing out everywhere)
            self.time_zone, self.time_zone_chosen = current_user.time_zone, bool(current_user.time_zone_chosen)
            self.theme, self.language = current_user.theme or "system", current_user.language
            self.mark_read = current_user.opening_marks_read
        self.mark_read_default = current_app.config["CHATS_MARK_READ"]


@bp.route("/")
def page():
    """The settings page."""
    return respond(Settings(), full_page=PAGE, page_extra=choices)


@bp.route("/preferences", methods=["POST"])
def change_preferences():
    """Store the language, the time zone (empty: the browser's, learnt at sign-in), the theme and whether opening
    a chat marks it read; :raise 422: an unknown choice."""
    form = PreferencesForm()
    if not form.validate_on_submit():
        return _refused(None, form.first_error(), "BadInput", 422)
    if form.time_zone.data:
        current_user.time_zone, current_user.time_zone_chosen = form.time_zone.data, True
    else:
        current_user.time_zone_chosen = False
    current_user.theme = None if form.theme.data == "system" else form.theme.data
    current_user.language = form.language.data or None
    current_user.opening_marks_read = MARK_READ[form.mark_read.data]
    db.session.commit()
    refresh()  # this answer already speaks the new language
    message = (_("Saved. Times are shown in %(zone)s.", zone=current_user.time_zone) if current_user.time_zone_chosen
               else _("Saved. Times follow this browser's time zone from the next sign-in."))
    flash(message)
    return respond(Settings(message), redirect=url_for("settings.page"))


@bp.route("/password", methods=["POST"])
def change_password():
    """Set a new password and end every other login; :raise 422: bad form, 403: wrong current, 429: locked."""
    form = ChangePasswordForm()
    if not form.validate_on_submit():
        return _refused(form, form.first_error(), "BadInput", 422)
    locked = locked_out_for(current_user.username, client_ip())
    if locked is not None:
        return _refused(form, locked[1], "TooManyAttempts", 429, {"Retry-After": str(locked[0])})
    if not current_user.check_password(form.current.data):
        db.session.add(LoginFailure(username=current_user.username, client_ip=client_ip()))
        db.session.commit()
        return _refused(form, _("The current password is wrong. Nothing was changed."), "WrongPassword", 403)
    current_user.set_password(form.password.data)
    db.session.commit()
    remembered = current_app.config.get("REMEMBER_COOKIE_NAME", COOKIE_NAME) in request.cookies
    sign_in(current_user._get_current_object(), remember=remembered)  # this browser, in the new generation
    message = _("Password changed. Every other browser signed in as you was signed out.")
    flash(message)
    return respond(Settings(message), redirect=url_for("settings.page"))


@bp.route("/sign-out-everywhere", methods=["POST"])
def sign_out_everywhere():
    """End every login of the owner, this browser's too (a new login generation)."""
    current_user.end_all_logins()
    db.session.commit()
    logout_user()
    message = _("Signed out everywhere: every browser must sign in again.")
    flash(message)
    return respond(Settings(message), redirect=url_for("owner.login"))


def _refused(form, message: str, error: str, status: int, headers: dict | None = None):
    return respond(Settings(message, error, status, form), full_page=PAGE, status=status, headers=headers,
                   page_extra=choices)


def choices() -> dict:
    """What the preferences' selects offer (the page only)."""
    return {"zones": zone_names(), "themes": THEMES, "languages": LANGUAGES}
