"""Files Linkpad writes for people (exports, reports, guides): whole or not at all."""

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

# Read once, at import: os.umask can only be read by setting it, which is not safe once threads run.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


@contextmanager
def atomic_file(path: Path, mode: str = "wb", **open_args) -> Iterator[IO]:
    """Write through a temporary file beside `path`, renamed over it only if the block ends without an
    error: a reader sees the old file or the new one, never half of one; a failure leaves nothing.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_file(target, "w", encoding="utf-8") as stream:
    ...     _ = stream.write("whole")
    >>> target.read_text()
    'whole'
    >>> try:
    ...     with atomic_file(target, "w", encoding="utf-8") as stream:
    ...         _ = stream.write("half")
    ...         raise ValueError("stopped")
    ... except ValueError:
    ...     pass
    >>> target.read_text(), sorted(p.name for p in target.parent.iterdir())
    ('whole', ['out.txt'])
    >>> oct(target.stat().st_mode & 0o777) == oct(0o666 & ~_umask())
    True
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, mode, **open_args) as stream:
            yield stream
        os.chmod(temporary, 0o666 & ~_umask())  # as an ordinary new file would be, not mkstemp's 0600
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)


def _umask() -> int:
    return _UMASK


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all (see atomic_file)."""
    with atomic_file(path) as stream:
        stream.write(data)
