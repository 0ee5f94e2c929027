"""Shared test configuration: Hypothesis profiles and the reference-data location."""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

# Shared helpers that assert: let pytest explain their failures like a test's own asserts.
pytest.register_assert_rewrite("tests._meta_export", "tests._reading")

# Both profiles drop the per-example deadline and the "too slow" health check: on a shared,
# loaded machine they fail tests at random. Slowness shows in `--durations` instead.
settings.register_profile(
    "dev", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

#: Licensed real samples and the twitter-text suite live beside the checkout, never in it.
REFERENCE = Path(__file__).resolve().parents[1].parent / "shared" / "reference"


def reference(*parts: str) -> Path:
    """Path to a file under ../shared/reference, or skip the test saying why."""
    path = REFERENCE.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"reference data not present: {path} (clone with ../shared beside it)")
    return path


# -- no network ------------------------------------------------------------------------------

class NetworkBlocked(RuntimeError):
    """A test tried to reach the network, which the suite forbids."""


def _local(host: Any) -> bool:
    """Whether ``host`` names this machine (Dask's local cluster and Spark's Py4J gateway
    talk to their own processes over loopback TCP)."""
    if host in (None, "", "localhost", b"localhost"):
        return True
    try:
        return ipaddress.ip_address(host.decode() if isinstance(host, bytes) else host).is_loopback
    except ValueError:
        return False


def _allowed(sock: socket.socket, address: Any) -> bool:
    if sock.family not in (socket.AF_INET, socket.AF_INET6):
        return True  # AF_UNIX and the like never leave the machine
    return _local(address[0])


@pytest.fixture(autouse=True, scope="session")
def _no_network() -> Iterator[None]:
    """Refuse every connection and name lookup beyond this machine, for the whole suite.

    Loopback and AF_UNIX stay open: the Dask tests run a local cluster and the Spark tests a
    local JVM, both over loopback sockets. Anything else raises :class:`NetworkBlocked`.
    """
    patch = pytest.MonkeyPatch()
    connect, connect_ex = socket.socket.connect, socket.socket.connect_ex
    getaddrinfo = socket.getaddrinfo

    def refuse(what: Any) -> NetworkBlocked:
        return NetworkBlocked(f"the test suite may not use the network (tried {what!r}); "
                              "read synthetic fixtures instead")

    def guarded_connect(self: socket.socket, address: Any) -> None:
        if not _allowed(self, address):
            raise refuse(address)
        connect(self, address)

    def guarded_connect_ex(self: socket.socket, address: Any) -> int:
        if not _allowed(self, address):
            raise refuse(address)
        return connect_ex(self, address)

    def guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not _local(host):
            raise refuse(host)
        return getaddrinfo(host, *args, **kwargs)

    patch.setattr(socket.socket, "connect", guarded_connect)
    patch.setattr(socket.socket, "connect_ex", guarded_connect_ex)
    patch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)
    try:
        yield
    finally:
        patch.undo()
