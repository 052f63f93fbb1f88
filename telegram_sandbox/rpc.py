"""RPC errors as Telegram reports them, and the request-naming convention of the sandbox."""
import re

# Error messages whose HTTP-like code is not 400 (Telegram's own grouping).
_CODE_PATTERNS = (
    (re.compile(r'^(FLOOD_WAIT_|FLOOD_PREMIUM_WAIT_|SLOWMODE_WAIT_|FLOOD_TEST_PHONE_WAIT_)\d+$'), 420),
    (re.compile(r'^(AUTH_KEY_UNREGISTERED|AUTH_KEY_INVALID|USER_DEACTIVATED|USER_DEACTIVATED_BAN|'
                r'SESSION_REVOKED|SESSION_EXPIRED|SESSION_PASSWORD_NEEDED|AUTH_KEY_PERM_EMPTY)$'), 401),
    (re.compile(r'^(PHONE|FILE|USER|NETWORK|STATS)_MIGRATE_\d+$'), 303),
    (re.compile(r'^(CHAT_WRITE_FORBIDDEN|CHANNEL_PUBLIC_GROUP_NA|USER_PRIVACY_RESTRICTED|'
                r'CHAT_ADMIN_REQUIRED|USER_IS_BLOCKED)$'), 403),
    (re.compile(r'^(INTERNAL|RPC_CALL_FAIL|RPC_MCGET_FAIL|.*_FAILED|TIMEOUT|NO_WORKERS_RUNNING)$'), 500),
)


def code_for(message: str) -> int:
    """Return the error code Telegram uses for an error message (400 when not special)."""
    for pattern, code in _CODE_PATTERNS:
        if pattern.match(message):
            return code
    return 400


class RpcFail(Exception):
    """Raised by handlers: becomes an `rpc_error` (code, message) on the wire."""

    def __init__(self, message: str, code: int | None = None, *, after: float = 0):
        super().__init__(message)
        self.message = message
        self.code = code if code is not None else code_for(message)
        self.after = after  # seconds Telegram takes before answering (waiting for a bot that never answers)


def not_implemented(name: str) -> RpcFail:
    """The error for a request the sandbox has no handler for; its text names the request."""
    return RpcFail(f'not implemented in the sandbox: {name}', 400)


def request_name(obj) -> str:
    """Canonical name of a request object, e.g. 'messages.GetHistoryRequest' or 'InvokeWithLayerRequest'."""
    module = type(obj).__module__
    ns = module.rsplit('.', 1)[-1]
    if module.endswith('.functions') or ns == 'functions':
        return type(obj).__name__
    return f'{ns}.{type(obj).__name__}'


def normalize_name(name: str) -> str:
    """Accept 'messages.GetHistoryRequest', 'messages.getHistory' or 'messages.GetHistory'; '*' stays '*'."""
    name = name.strip()
    if name == '*':
        return name
    ns, _, short = name.rpartition('.')
    short = short[:1].upper() + short[1:]
    if not short.endswith('Request'):
        short += 'Request'
    return f'{ns}.{short}' if ns else short
