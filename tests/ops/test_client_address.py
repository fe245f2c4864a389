"""The client's address behind trusted proxies (ops.client), the one every per-client limit uses."""
import pytest
from django.test import RequestFactory, override_settings

from ops.client import client_address

rf = RequestFactory()


def request(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return rf.get("/", **meta)


@override_settings(TRUSTED_PROXIES=[])
def test_without_trusted_proxies_the_header_is_ignored():
    assert client_address(request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


@override_settings(TRUSTED_PROXIES=["127.0.0.1", "::1"])
def test_behind_the_trusted_nginx_the_client_is_the_last_untrusted_hop():
    # nginx's $proxy_add_x_forwarded_for appends the address it saw.
    assert client_address(request("127.0.0.1", "203.0.113.7")) == "203.0.113.7"


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_a_forged_header_sent_through_the_proxy_does_not_win():
    # The client sent "X-Forwarded-For: 10.9.9.9"; nginx appended the real address.
    assert client_address(request("127.0.0.1", "10.9.9.9, 203.0.113.7")) == "203.0.113.7"


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_a_forged_header_from_an_untrusted_address_changes_nothing():
    assert client_address(request("203.0.113.7", "127.0.0.1, 10.0.0.1")) == "203.0.113.7"


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8", "127.0.0.1"])
def test_a_chain_of_trusted_proxies_is_walked_and_networks_are_understood():
    assert client_address(request("127.0.0.1", "198.51.100.4, 10.1.2.3")) == "198.51.100.4"


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
@pytest.mark.parametrize("forwarded", ["", "   ", "not-an-ip", "999.1.1.1, ", "<script>"])
def test_garbage_in_the_header_falls_back_to_the_proxy_not_to_the_garbage(forwarded):
    assert client_address(request("127.0.0.1", forwarded)) == "127.0.0.1"


@override_settings(TRUSTED_PROXIES=["127.0.0.1", "bad entry"])
def test_a_bad_entry_in_the_setting_is_not_trusted_and_does_not_fail():
    assert client_address(request("127.0.0.1", "203.0.113.9")) == "203.0.113.9"
