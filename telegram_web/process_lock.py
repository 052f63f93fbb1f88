"""An exclusive lock in the instance folder: only one process may run Telegram clients.

Telegram ends a session used by two processes at once (AUTH_KEY_DUPLICATED), and a
second gunicorn worker or Flask's reloader would be such a process.
"""
import fcntl
import os


class ProcessLock:
    """A non-blocking `flock` on `instance/telegram.lock`, held for the life of the process."""

    def __init__(self, instance_path: str):
        self.path = os.path.join(instance_path, "telegram.lock")
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """Whether this process holds the lock."""
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock if free; return whether this process now holds it."""
        if self._fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd
        return True

    def release(self) -> None:
        """Give the lock up (on shutdown)."""
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
