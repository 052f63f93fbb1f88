"""Phone numbers are normalised (or refused) before Telegram is called, and masked for display."""
import pytest

from telegram_web.phones import PhoneInputError, mask_phone, normalise_phone


@pytest.mark.parametrize("typed, digits", [
    ("+44 7700 900123", "447700900123"),
    ("0044 7700-900-123", "447700900123"),
    ("(+1) 415 555 0100", "14155550100"),
    ("447700900123", "447700900123"),
    ("  +49.30.1234567 ", "49301234567"),
])
def test_accepted_forms(typed, digits):
    assert normalise_phone(typed) == digits


@pytest.mark.parametrize("typed, words", [
    ("", "international format"),
    ("+44 77OO 900123", "only digits"),
    ("call me", "only digits"),
    ("12345", "too short"),
    ("+1234567890123456", "too long"),
    ("44+7700900123", "only at the start"),
])
def test_refused_forms(typed, words):
    with pytest.raises(PhoneInputError) as info:
        normalise_phone(typed)
    assert words in info.value.message
    assert info.value.status == 400


def test_mask_keeps_the_whole_country_code_and_the_last_digits():
    assert mask_phone("447700901234") == "+44 7700 •••234"
    assert mask_phone("+14155550100") == "+1 415 ••• ••00"
    assert mask_phone(None) is None
