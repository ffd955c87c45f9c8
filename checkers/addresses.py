"""Whole addresses and percent-encoding, without urllib: the checkers' memory snapshot then holds neither urllib.parse
nor the modules it brings (bench/README.md, "What the snapshot holds")."""

from __future__ import annotations

_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def whole(site_url: str, relative: str) -> str:
    """A site-relative address ("codes/x/y/#12") made whole with the site's address, where it is known."""
    if not site_url:
        return relative
    return (site_url if site_url.endswith("/") else site_url + "/") + relative


def percent(text: str) -> str:
    """Text for a URL's query (RFC 3986): every byte of its UTF-8 but the unreserved ones as %XX."""
    return "".join(chr(byte) if byte in _UNRESERVED else f"%{byte:02X}" for byte in text.encode("utf-8"))
