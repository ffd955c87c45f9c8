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


def site_address(value) -> str:
    """The site's own address as a page or a maintainer gives it: an absolute http(s) address with nothing in it that
    could break the line of a file it is written into; ending in '/'. ValueError says why not."""
    if not isinstance(value, str) or not value.startswith(("https://", "http://")):
        raise ValueError("must be the site's address, starting https://")
    if any(ord(char) <= 0x20 or 0x7f <= ord(char) <= 0x9f or char in '"<>\\^`{|}' for char in value) or \
            len(value) > 2000:
        raise ValueError("must be a web address, with no spaces, line breaks or quotes in it")
    host = value.split("://", 1)[1].split("/", 1)[0]
    if not host or "@" in host:
        raise ValueError("must name the site's host, such as https://example.org/")
    return value if value.endswith("/") else value + "/"


def site_address_or_empty(value) -> str:
    """`site_address`, or "" where the value is not one (the files then name each clause by its citation)."""
    try:
        return site_address(value)
    except ValueError:
        return ""
