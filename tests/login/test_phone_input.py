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


@pytest.mark.parametrize("typed, digits", [
    ("+99966 1 2345", "9996612345"),  # Telegram's test numbers: no country's, still accepted
    ("99966-2-0001", "9996620001"),
    ("+1 555 000 1001", "15550001001"),  # a fictional range: left for Telegram to judge
    ("+380 50 123 4567", "380501234567"),
])
def test_numbers_telegram_takes(typed, digits):
    assert normalise_phone(typed) == digits


@pytest.mark.parametrize("typed, words", [
    ("+999 123 4567", "country code does not exist"),
    ("+44 7700 9001", "too few digits for its country code (+44)"),
    ("+1 555 000 10011", "too many digits for its country code (+1)"),
    ("+380 50 123 456", "too few digits for its country code (+380)"),
])
def test_numbers_phonenumbers_refuses(typed, words):
    with pytest.raises(PhoneInputError) as info:
        normalise_phone(typed)
    assert words in info.value.message


@pytest.mark.parametrize("digits, masked", [
    ("15550001001", "+1 555 ••• ••01"),
    ("447700900123", "+44 7700 •••123"),
    ("380501234567", "+380 50 ••• ••67"),
    ("9996612345", "+99966 1 ••45"),
])
def test_mask_shows_the_whole_country_code(digits, masked):
    assert mask_phone(digits) == masked
