"""A scenario in a link: a request in the page's fragment (never its query, never stored), written and read here
only. A shared link checks it at once (#scenario=); a link from a clause only fills the form in (#prefill=). The
build writes its links with this, and a page asks the same Python (in its worker) to write and read its own."""

from __future__ import annotations

import base64
import binascii
import json

from .money_and_dates import quoted
from .text import RepeatedName, read_json

SCENARIO = "scenario"
PREFILL = "prefill"
# Longer links are cut by many e-mail and chat programs: a page says so and offers a spreadsheet instead.
LONGEST_LINK = 8000
# A link made elsewhere may be longer, but one holding a year's donations is for a spreadsheet, not a form.
LONGEST_READ = 4 * LONGEST_LINK


def encode(request) -> str:
    """The request as the fragment's value: JSON in URL-safe Base64, without padding."""
    text = json.dumps(request, ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode("utf-8", "surrogatepass")).decode("ascii").rstrip("=")


def fragment(request, kind: str = SCENARIO) -> str:
    return f"#{kind}={encode(request)}"


def decode(value: str):
    """The request a fragment's value holds; ValueError says, in a reader's words, why it holds none."""
    if not isinstance(value, str):
        raise ValueError("The link's answers could not be read: it is not a link from this site.")
    if len(value) > LONGEST_READ:
        raise ValueError(f"This link holds more answers than a link can carry ({len(value):,} characters; a link from this "
                         f"site holds at most {LONGEST_LINK:,}). Ask for the answers as a spreadsheet instead, and open it "
                         "with \"Use a spreadsheet\" below.")
    try:
        data = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        return read_json(data.decode("utf-8"))
    except RepeatedName as repeated:
        # Never in a link this site makes: one edited by hand, or made to mislead.
        raise ValueError(f"The link's answers could not be read: they give {quoted(repeated.args[0])} twice. Ask for the "
                         "link again, or enter your answers below.") from None
    except (binascii.Error, ValueError, UnicodeDecodeError, RecursionError):
        raise ValueError("The link's answers could not be read: the link may have been cut short. Ask for it again, or "
                         "enter your answers below.") from None


def read_fragment(fragment_text: str) -> dict:
    """A page's fragment ("#scenario=...", "#prefill=..."): {"kind", "request"}, {"kind", "error"}, or {} for none."""
    for kind in (SCENARIO, PREFILL):
        prefix = f"#{kind}="
        if isinstance(fragment_text, str) and fragment_text.startswith(prefix):
            try:
                return {"kind": kind, "request": decode(fragment_text[len(prefix):])}
            except ValueError as error:
                return {"kind": kind, "error": str(error)}
    return {}


def share_link(page_url: str, request) -> dict:
    """The address that opens this scenario on the page: {"url"}, or {"too_long": n, "message"} where it would be
    longer than mail and chat programs take."""
    url = page_url.split("#", 1)[0] + fragment(request)
    if len(url) > LONGEST_LINK:
        return {"too_long": len(url), "message": (
            f"This scenario is too long for a link ({len(url):,} characters: many e-mail and chat programs cut links "
            f"longer than {LONGEST_LINK:,}).")}
    return {"url": url}
