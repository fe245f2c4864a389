"""The client's address, as seen through the trusted reverse proxies.

Behind nginx every request's REMOTE_ADDR is the proxy's. nginx appends the address it received
the request from to ``X-Forwarded-For`` (``$proxy_add_x_forwarded_for``). Reading that header
from the right and skipping the addresses of our own proxies gives the first address we did not
put there ourselves: the client. A request that does not come from a trusted proxy is taken at
its REMOTE_ADDR, so a forged header from outside changes nothing.

Settings: ``TRUSTED_PROXIES`` (a list of addresses or networks, from the environment variable of
the same name, comma-separated; empty = no proxy, REMOTE_ADDR is the client).

Every per-client limit (submissions, status lookups, uploads, page votes, admin login lockout)
asks ``client_address`` and nothing else.
"""
import hashlib
import hmac
import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(proxies):
    networks = []
    for item in proxies:
        item = str(item).strip()
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            continue  # a typo in the setting must not open the door: it is simply not trusted
    return tuple(networks)


def _parse(value):
    try:
        return ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return None


def _trusted(address, networks):
    return address is not None and any(address in network for network in networks)


def client_address(request):
    """The client's IP address as text (``""`` if none can be read)."""
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))
    remote = request.META.get("REMOTE_ADDR", "") or ""
    address = _parse(remote)
    if not _trusted(address, networks):
        return str(address) if address is not None else remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for item in reversed([part for part in forwarded.split(",") if part.strip()]):
        hop = _parse(item)
        if hop is None:
            break  # garbage in the chain: stop at the last address we can vouch for
        address = hop
        if not _trusted(hop, networks):
            return str(hop)
    return str(address)


def axes_client_ip(request):
    """AXES_CLIENT_IP_CALLABLE: django-axes locks out by the same address the other limits use."""
    return client_address(request)


def client_digest(request, purpose=""):
    """A keyed hash (HMAC-SHA256 with the secret key, 40 hex digits) of the client's address, so
    per-client limits can count a client without storing its address. ``purpose`` keeps the
    digests of different limits apart."""
    message = f"{purpose}:{client_address(request)}" if purpose else client_address(request)
    return hmac.new(settings.SECRET_KEY.encode(), message.encode(), hashlib.sha256).hexdigest()[:40]
