"""Phone numbers: parsed and checked with `phonenumbers` before Telegram is asked, masked for display.

Telegram's test numbers (99966 X YYYY, X the data centre) are no country's numbers, so
`phonenumbers` refuses them; they are accepted as Telegram accepts them. Numbers of the
right length whose range `phonenumbers` calls unassigned (+44 7700 900xxx, +1 555 …) are
left to Telegram, which answers PHONE_NUMBER_INVALID itself: its numbering data is newer.
"""
import re

import phonenumbers
from flask_babel import lazy_gettext as _l
from phonenumbers import NumberParseException, ValidationResult

from .telegram.problems import TelegramProblem, said_later

TEST_NUMBER = re.compile(r"99966(\d)(\d{4})")
EXAMPLE = _l("e.g. +44 7700 900123")


class PhoneInputError(TelegramProblem):
    """The typed phone number cannot be a phone number (refused before calling Telegram)."""

    status = 400
    error = "PhoneInputError"


# (Lazy: each sentence is said in the language of the request that shows it.)
TOO_SHORT = _l("That number is too short: include the country code, %(example)s.", example=EXAMPLE)
TOO_LONG = _l("That number is too long: international numbers have at most 15 digits.")
TOO_FEW = _l("That number has too few digits for its country code (+%(code)s).")
WRONG_LENGTH = {  # what phonenumbers says of the length for the number's country code
    ValidationResult.TOO_SHORT: TOO_FEW,
    ValidationResult.TOO_LONG: _l("That number has too many digits for its country code (+%(code)s)."),
    ValidationResult.INVALID_LENGTH: _l("That number has the wrong number of digits for its country code "
                                        "(+%(code)s)."),
    ValidationResult.IS_POSSIBLE_LOCAL_ONLY: TOO_FEW,
}
NO_SUCH_COUNTRY = _l("That country code does not exist. Check it, %(example)s.", example=EXAMPLE)


def normalise_phone(raw: str) -> str:
    """Return the phone as digits only (what Telegram takes); :raise PhoneInputError: if it is not a number."""
    text = (raw or "").strip()
    if not text:
        raise PhoneInputError(_l("Enter your phone number in international format, %(example)s.", example=EXAMPLE))
    if re.search(r"[^\d\s\-().+]", text, re.ASCII):
        raise PhoneInputError(_l("A phone number has only digits (spaces, dashes and brackets are fine), "
                                 "%(example)s.", example=EXAMPLE))
    if "+" in re.sub(r"[\s()]", "", text)[1:]:
        raise PhoneInputError(_l("Put the + only at the start of the number, %(example)s.", example=EXAMPLE))
    digits = re.sub(r"\D", "", text)
    if not text.startswith("+") and digits.startswith("00"):
        digits = digits[2:]  # 00 is the international prefix in most countries, same as +
    if TEST_NUMBER.fullmatch(digits):
        return digits
    if len(digits) < 7:
        raise PhoneInputError(TOO_SHORT)
    if len(digits) > 15:
        raise PhoneInputError(TOO_LONG)
    try:
        number = phonenumbers.parse("+" + digits)
    except NumberParseException:
        raise PhoneInputError(NO_SUCH_COUNTRY) from None
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason == ValidationResult.INVALID_COUNTRY_CODE:
        raise PhoneInputError(NO_SUCH_COUNTRY)
    if reason in WRONG_LENGTH:
        sentence, code = WRONG_LENGTH[reason], number.country_code
        raise PhoneInputError(said_later(lambda: str(sentence) % {"code": code}))
    return digits


def _groups(digits: str) -> list[str]:
    """The number as it is written internationally: ['+44', '7700', '900123']."""
    test = TEST_NUMBER.fullmatch(digits)
    if test:
        return ["+99966", *test.groups()]
    try:
        number = phonenumbers.parse("+" + digits)
    except NumberParseException:
        return ["+", digits]
    return re.split(r"[\s\-]+", phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))


def mask_phone(phone: str | None) -> str | None:
    """Return '+44 7700 •••123' style text: the whole country code, the first group, the last digits."""
    if not phone:
        return None
    country, *national = _groups(re.sub(r"\D", "", phone))
    *shown, last = national
    keep = len(last) // 2 if shown else min(2, len(last) // 2)
    hidden = ["•" * len(group) for group in shown[1:]] + ["•" * (len(last) - keep) + last[len(last) - keep:]]
    return " ".join([country, *shown[:1], *hidden])
