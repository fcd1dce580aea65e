"""Reading a file a map names, or a map itself, without being led astray: regular files only, and never blocking.

`open()` on a named pipe waits for a writer forever, `/dev/zero` and `/dev/urandom` never end, and a terminal
device can become the process's controlling terminal. A file that is not a regular file is refused before a byte
is read, and a limit bounds what is read from one that is.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)


class UnreadableFile(Exception):
    """A file argmap will not or cannot read; the message is a phrase to follow its name ("does not exist")."""


def read_regular_file(path: Path, limit: int | None = None, follow_links: bool = True) -> bytes:
    """The bytes of a regular file, at most `limit` of them (a larger file is refused, not cut)."""
    if "\x00" in str(path):
        raise UnreadableFile("has a NUL character in its name")
    flags = _OPEN_FLAGS | (0 if follow_links else getattr(os, "O_NOFOLLOW", 0))
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise UnreadableFile("does not exist") from None
    except IsADirectoryError:
        raise UnreadableFile("is a folder, not a file") from None
    except OSError as error:
        if not follow_links and os.path.islink(path):
            raise UnreadableFile("is a symbolic link, which argmap does not follow here") from None
        raise UnreadableFile(f"cannot be read: {os_reason(error)}") from None
    status = os.fstat(descriptor)
    refusal = _refusal(status, limit)
    if refusal:
        os.close(descriptor)
        raise UnreadableFile(refusal)
    with os.fdopen(descriptor, "rb") as handle:
        try:
            data = handle.read() if limit is None else handle.read(limit + 1)
        except OSError as error:
            raise UnreadableFile(f"cannot be read: {os_reason(error)}") from None
    if limit is not None and len(data) > limit:
        raise UnreadableFile(f"is larger than {_size(limit)}")
    return data


def _refusal(status: os.stat_result, limit: int | None) -> str | None:
    """Why a file of this kind and size is not read, if it is not."""
    if stat.S_ISDIR(status.st_mode):
        return "is a folder, not a file"
    if not stat.S_ISREG(status.st_mode):
        return "is not a regular file (a device, a pipe or a socket)"
    if limit is not None and status.st_size > limit:
        return f"is larger than {_size(limit)}"
    return None


def os_reason(error: OSError) -> str:
    """The system's reason for an error, as a phrase in lower case ("permission denied")."""
    reason = error.strerror or type(error).__name__
    return reason[0].lower() + reason[1:]


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit:,} bytes"
