"""The client's address (one home for the login lockout and the search limit): REMOTE_ADDR unless a proxy is
declared, and then the address that the nearest declared proxy saw, never one the visitor wrote."""

from __future__ import annotations

import pytest
from axes.helpers import get_client_ip_address
from django.test import RequestFactory, override_settings

from lokalagenda.ui.client_address import client_address

FORWARDED = "203.0.113.9, 198.51.100.7, 192.0.2.1"


def _request(**meta: str) -> object:
    return RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", **meta)


def test_without_a_declared_proxy_the_address_is_remote_addr_whatever_the_headers_say() -> None:
    request = _request(HTTP_X_FORWARDED_FOR=FORWARDED, HTTP_X_REAL_IP="198.51.100.7")
    assert client_address(request) == "127.0.0.1"


@pytest.mark.parametrize(("count", "expected"), [(1, "192.0.2.1"), (2, "198.51.100.7"), (3, "203.0.113.9")])
def test_behind_n_proxies_the_address_is_the_nth_from_the_right_of_x_forwarded_for(count: int, expected: str) -> None:
    with override_settings(LOKALAGENDA_PROXY_COUNT=count):
        assert client_address(_request(HTTP_X_FORWARDED_FOR=FORWARDED)) == expected


@override_settings(LOKALAGENDA_PROXY_COUNT=1, LOKALAGENDA_CLIENT_IP_HEADER="X-Real-IP")
def test_the_proxy_may_name_the_client_in_x_real_ip_instead() -> None:
    assert client_address(_request(HTTP_X_REAL_IP="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.9")) == "198.51.100.7"


@pytest.mark.parametrize("header", ["", "not-an-address", "198.51.100.7:443", "  ,  "])
def test_a_missing_or_garbled_header_falls_back_to_remote_addr(header: str) -> None:
    with override_settings(LOKALAGENDA_PROXY_COUNT=1):
        assert client_address(_request(HTTP_X_FORWARDED_FOR=header)) == "127.0.0.1"


@override_settings(LOKALAGENDA_PROXY_COUNT=3)
def test_fewer_hops_than_declared_proxies_falls_back_to_remote_addr() -> None:
    assert client_address(_request(HTTP_X_FORWARDED_FOR="198.51.100.7, 192.0.2.1")) == "127.0.0.1"


@override_settings(LOKALAGENDA_PROXY_COUNT=1)
def test_ipv6_addresses_are_written_one_way_so_one_visitor_has_one_key() -> None:
    assert client_address(_request(HTTP_X_FORWARDED_FOR="2001:DB8:0:0::1")) == "2001:db8::1"


@override_settings(LOKALAGENDA_PROXY_COUNT=1)
def test_django_axes_asks_the_same_function() -> None:
    request = _request(HTTP_X_FORWARDED_FOR=FORWARDED)
    assert get_client_ip_address(request) == client_address(request) == "192.0.2.1"
