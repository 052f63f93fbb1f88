"""Server side of Telegram's 2FA SRP (https://core.telegram.org/api/srp).

The client proves knowledge of the password without sending it; the server keeps
only the verifier v = g^x mod p and checks the client's proof M1 for a single-use
challenge (srp_id, b, B).
"""
import hmac
import os
import secrets
import time
from dataclasses import dataclass, field

from telethon import password as tpw
from telethon.tl import types

# Telegram's 2048-bit safe prime (the one Telethon's password module accepts without
# factorizing it) and generator g = 3.
P_BYTES = bytes.fromhex(
    'C71CAEB9C6B1C9048E6C522F70F13F73980D40238E3E21C14934D037563D930F'
    '48198A0AA7C14058229493D22530F4DBFA336F6E0AC925139543AED44CCE7C37'
    '20FD51F69458705AC68CD4FE6B6B13ABDC9746512969328454F18FAF8C595F64'
    '2477FE96BB2A941D5BCD1D4AC8CC49880708FA9B378E3C4F3A9060BEE67CF9A4'
    'A4A695811051907E162753B56B0F6B410DBA74D8A84B2A14B3144E0EF1284754'
    'FD17ED950D5965B4B9DD46582DB1178D169C6BC465B0D6FF9CA3928FEF5B9AE4'
    'E418FC15E83EBEA0F87FA9FF5EED70050DED2849F47BF959D956850CE929851F'
    '0D8115F635B105EE2E4E15D04B2454BF6F4FADF034B10403119CD8E3B92FCC5B')
P = int.from_bytes(P_BYTES, 'big')
G = 3
CHALLENGE_TTL = 600  # seconds a getPassword challenge stays usable
_H = tpw.sha256


@dataclass
class PasswordSetup:
    """What the server stores for an account's 2FA password: salts, verifier, hint."""
    salt1: bytes
    salt2: bytes
    verifier: int
    hint: str = ''
    challenges: dict = field(default_factory=dict)  # srp_id -> (b, B bytes, created)

    def algo(self):
        """The KDF algorithm object sent in account.password.current_algo."""
        return types.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow(
            salt1=self.salt1, salt2=self.salt2, g=G, p=P_BYTES)


def new_setup(password: str, hint: str = '') -> PasswordSetup:
    """Create salts and compute the verifier once (PBKDF2 with 100000 iterations is slow-ish)."""
    # Like Telegram: 8 server bytes + 32 client bytes for salt1, 16 bytes for salt2.
    salt1, salt2 = os.urandom(40), os.urandom(16)
    algo = types.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow(salt1, salt2, G, P_BYTES)
    x = int.from_bytes(tpw.compute_hash(algo, password), 'big')
    return PasswordSetup(salt1, salt2, pow(G, x, P), hint)


def _k() -> int:
    return int.from_bytes(_H(tpw.num_bytes_for_hash(P_BYTES), tpw.big_num_for_hash(G)), 'big')


def new_challenge(setup: PasswordSetup) -> tuple[int, bytes]:
    """Start a fresh challenge: return (srp_id, srp_B); the secret b stays on the server."""
    now = time.time()
    for sid in [s for s, (_, _, t) in setup.challenges.items() if now - t > CHALLENGE_TTL]:
        del setup.challenges[sid]
    while len(setup.challenges) >= 8:  # bounded: forget the oldest challenge
        del setup.challenges[next(iter(setup.challenges))]
    while True:
        b = int.from_bytes(os.urandom(256), 'big') % P
        g_b = pow(G, b, P)
        B = (_k() * setup.verifier + g_b) % P
        if tpw.is_good_mod_exp_first(g_b, P) and tpw.is_good_large(B, P):
            break
    srp_id = secrets.randbits(63)
    b_bytes = B.to_bytes(256, 'big')
    setup.challenges[srp_id] = (b, b_bytes, now)
    return srp_id, b_bytes


def check(setup: PasswordSetup, srp_id: int, A_bytes: bytes, M1: bytes) -> str | None:
    """Verify a client proof; return None when right, else the RPC error message.

    The challenge is consumed whatever the outcome, so a proof can never be replayed.
    """
    challenge = setup.challenges.pop(srp_id, None)
    if challenge is None or time.time() - challenge[2] > CHALLENGE_TTL:
        return 'SRP_ID_INVALID'
    b, B_bytes, _ = challenge
    A = int.from_bytes(A_bytes, 'big')
    if not (0 < A < P) or not tpw.is_good_mod_exp_first(A, P):
        return 'SRP_A_INVALID'
    A_for_hash = tpw.big_num_for_hash(A)
    B_for_hash = tpw.num_bytes_for_hash(B_bytes)
    u = int.from_bytes(_H(A_for_hash, B_for_hash), 'big')
    S = pow(A * pow(setup.verifier, u, P) % P, b, P)
    K = _H(tpw.big_num_for_hash(S))
    expected = _H(
        tpw.xor(_H(tpw.num_bytes_for_hash(P_BYTES)), _H(tpw.big_num_for_hash(G))),
        _H(setup.salt1), _H(setup.salt2), A_for_hash, B_for_hash, K)
    return None if hmac.compare_digest(expected, bytes(M1)) else 'PASSWORD_HASH_INVALID'

