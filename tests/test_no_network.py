"""The suite-wide guard in ``tests/conftest.py`` refuses the network and lets loopback through."""

from __future__ import annotations

import socket
import urllib.request

import pytest

from tests.conftest import NetworkBlocked


def _connect(family: socket.AddressFamily, address: tuple[str, int], ex: bool = False) -> None:
    with socket.socket(family) as sock:
        if ex:
            sock.connect_ex(address)
        else:
            sock.connect(address)


@pytest.mark.parametrize("reach", [
    lambda: socket.create_connection(("192.0.2.1", 443), timeout=1),  # TEST-NET-1
    lambda: socket.create_connection(("example.org", 80), timeout=1),
    lambda: _connect(socket.AF_INET6, ("2001:db8::1", 80)),
    lambda: _connect(socket.AF_INET, ("198.51.100.7", 80), ex=True),
    lambda: socket.getaddrinfo("example.org", 443),
    lambda: urllib.request.urlopen("http://example.org/", timeout=1),
], ids=["create_connection-ip", "create_connection-name", "connect-ipv6", "connect_ex",
        "getaddrinfo", "urlopen"])
def test_the_network_is_refused(reach: object) -> None:
    assert callable(reach)
    with pytest.raises((NetworkBlocked, OSError)) as info:
        reach()
    blocked: BaseException = info.value
    while not isinstance(blocked, NetworkBlocked) and blocked.__context__ is not None:
        blocked = blocked.__context__  # urllib wraps the refusal in a URLError
    assert isinstance(blocked, NetworkBlocked)
    assert "may not use the network" in str(blocked)


def test_loopback_is_allowed() -> None:
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        with socket.create_connection(("localhost", port), timeout=5) as client:
            peer, _ = server.accept()
            with peer:
                client.sendall(b"ok")
                assert peer.recv(2) == b"ok"
