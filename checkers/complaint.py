"""A complaint drafted to Momentum's procedure: the message a member sends from their own mail program.

`momentum-ncg-elections` 2022, "Complaints Procedure":

1. "The allegation detailing the breach must be made in writing together with any supporting evidence to the
   Returning Officer (RO) and sent to complaints@peoplesmomentum.com, with "NCG elections" in the subject line."
2. "On receipt of any credible allegation the Returning Officer will write to all candidates reminding them and
   their supporters of their responsibilities under the Code of Conduct".
3. "The Returning Officer (RO) will consult the complainant. They will attempt to resolve the issue locally
   without delay and without disruption to the election procedure."
4. "Where the Returning Officer finds that there is sufficient evidence of a breach of the code, the Returning
   Officer may impose any appropriate sanction within their powers."

The address, the subject and the sanctions are data of the version (`rules.complaint`), each checked by the
build against the words of its clause. The site sends nothing and keeps nothing: the draft opens in the
reader's own mail program, or is copied.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import rules as r
from .addresses import percent, whole
from .content import CodeVersion
from .findings import clause_reference, finding
from .money_and_dates import parse_date, written_date
from .validation import COMMON_FIELDS, Errors, check_fields

NAME = "complaint"
TITLE = "Report a breach"
PURPOSE = ("Draft a complaint to the Returning Officer, as Momentum's complaints procedure asks: in writing, naming the "
           "clause breached, with your evidence. It opens in your own mail program; this site sends nothing.")
ANSWERS = "steps"
# The page gives its own address, so that the draft links to the clause's permanent page (whole addresses).
PAGE_ADDRESS = "site_url"
LONGEST = 5000  # characters in a free-text answer: a complaint, not a document

INPUTS = [
    {"name": "clause", "label": "The clause allegedly breached", "type": "choice", "required": True,
     "options_from": "units", "hint": "Choose the clause of the guidelines you believe was broken."},
    {"name": "what", "label": "What happened", "type": "longtext", "required": True,
     "hint": "Who did what, and where. Stick to what you saw or can show."},
    {"name": "when", "label": "When it happened", "type": "date", "required": False},
    {"name": "evidence", "label": "The evidence you will attach", "type": "longtext", "required": False,
     "hint": "For example screenshots or links. Attach the files to the e-mail yourself."},
    {"name": "name", "label": "Your name", "type": "text", "required": False,
     "hint": "To sign the message. It stays in this browser until you send the e-mail yourself."},
]
STATUS_TEXT = {"drafted": "Your complaint is drafted: send it from your own e-mail."}


@dataclass(frozen=True)
class Listed:
    clause: str
    listed: tuple[str, ...]


@dataclass(frozen=True)
class ComplaintRules:
    clause: str  # where the procedure says how to complain
    address: str
    subject: str
    reminder: str  # the clauses on what happens next
    consultation: str
    sanction: str
    sanctions: Listed
    further_sanctions: Listed
    panel: str


def complaint_rules(version: CodeVersion) -> ComplaintRules | None:
    data = version.rules.get(NAME)
    if data is None:
        return None
    reader = r.Reader(version, NAME, data)
    reader.expect_only("clause", "address", "subject", "reminder", "consultation", "sanction", "sanctions",
                       "further_sanctions", "panel")
    for name in ("address", "subject", "reminder", "consultation", "sanction", "panel"):
        if not isinstance(data.get(name), str) or not data[name].strip():
            reader.fail(name, "is required: " + ("as the clause words it" if name in ("address", "subject") else
                                                 "the anchor of the clause that says it"))
    if "@" not in data["address"] or " " in data["address"].strip():
        reader.fail("address", "must be an e-mail address")
    lists = {}
    for name in ("sanctions", "further_sanctions"):
        inner = r.Reader(version, f"{NAME}.{name}", data.get(name))
        inner.expect_only("clause", "listed")
        listed = inner.data.get("listed")
        if not isinstance(listed, list) or not listed or not all(isinstance(i, str) and i.strip() for i in listed):
            inner.fail("listed", "must list the sanctions as the text words them, one an entry")
        lists[name] = Listed(inner.clause(), tuple(listed))
    return ComplaintRules(reader.clause(), data["address"].strip(), data["subject"].strip(), data["reminder"],
                          data["consultation"], data["sanction"], lists["sanctions"], lists["further_sanctions"],
                          data["panel"])


RULES = complaint_rules


def cited_words(version: CodeVersion) -> list[tuple[str, str, str]]:
    """The words this checker takes from the text, each with its field and clause: the build checks each is there."""
    rules = complaint_rules(version)
    if rules is None:
        return []
    found = [("rules.complaint.address", rules.clause, rules.address), ("rules.complaint.subject", rules.clause, rules.subject)]
    for name in ("sanctions", "further_sanctions"):
        group = getattr(rules, name)
        found += [(f"rules.complaint.{name}.listed[{i}]", group.clause, item) for i, item in enumerate(group.listed)]
    return found


def clauses_cited(version: CodeVersion) -> list[str]:
    """Every clause the rules name, for the build to check each exists."""
    rules = complaint_rules(version)
    return [] if rules is None else [rules.clause, rules.reminder, rules.consultation, rules.sanction,
                                     rules.sanctions.clause, rules.further_sanctions.clause, rules.panel]


def _text(request: dict, name: str, errors: Errors, *, required: bool) -> str:
    value = request.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            errors.add(name, "is required: describe it in your own words")
        return ""
    if not isinstance(value, str):
        errors.add(name, "must be text")
        return ""
    if len(value) > LONGEST:
        errors.add(name, f"is {len(value):,} characters long: keep it under {LONGEST:,}, and attach the rest as evidence")
        return ""
    # Line breaks as the reader typed them; other control characters would not survive an e-mail.
    return "\n".join(" ".join(line.split()) for line in value.strip().replace("\r\n", "\n").split("\n"))


def check(request: dict, version: CodeVersion, errors: Errors) -> dict | None:
    """The complaint as a message to send: `to`, `subject`, `body`, a `mailto` link that opens it in the reader's mail
    program, and `steps` (what the procedure says happens next, and the sanctions the text lists), each cited."""
    check_fields(request, COMMON_FIELDS + tuple(spec["name"] for spec in INPUTS) + (PAGE_ADDRESS,), "", errors)
    rules = complaint_rules(version)
    clause = request.get("clause")
    units = [u.id for u in version.units if u.kind != "section"]
    if not isinstance(clause, str) or clause not in units:
        errors.add("clause", "is required: the anchor of a clause of this version, such as " + units[0] if not clause else
                   f"{clause!r} is not a clause of {version.citation}" if isinstance(clause, str) else "must be a clause's anchor")
    what = _text(request, "what", errors, required=True)
    evidence = _text(request, "evidence", errors, required=False)
    name = _text(request, "name", errors, required=False)
    when = None
    if request.get("when") is not None:
        try:
            when = parse_date(request["when"])
        except ValueError as error:
            errors.add("when", str(error))
    site = request.get(PAGE_ADDRESS) or ""
    if not isinstance(site, str) or (site and not site.startswith(("https://", "http://"))):
        errors.add(PAGE_ADDRESS, "must be the site's address, starting https://")
        site = ""
    if errors:
        return None
    cited = clause_reference(version, clause)
    link = whole(site, cited["url"]) if site else cited["citation"]
    body = "\n".join([
        "To the Returning Officer,", "",
        f"I wish to report an alleged breach of the {version.short_title} (version {version.version}).", "",
        f"The clause allegedly breached: {cited['label']} ({cited['citation']}): {link}", "",
        "What happened:", what, "",
        f"When it happened: {written_date(when) if when else 'not stated'}", "",
        "Supporting evidence (attached):", evidence or "none attached", "",
        *([name] if name else []),
    ]).rstrip("\n") + "\n"
    mailto = (f"mailto:{rules.address}?subject={percent(rules.subject)}"
              f"&body={percent(body.replace(chr(10), chr(13) + chr(10)))}")
    steps = [finding("send", "action", f"Send it to {rules.address} with \"{rules.subject}\" in the subject line, in writing, "
                     "with any supporting evidence attached: the procedure asks for the allegation in that form.", version,
                     rules.clause, label="Send"),
             finding("reminder", "info", "On receipt of a credible allegation, the Returning Officer will write to all "
                     "candidates reminding them and their supporters of their responsibilities under the Code of Conduct.",
                     version, rules.reminder, label="Then"),
             finding("consultation", "info", "The Returning Officer will consult you, and will try to resolve the issue "
                     "locally, without delay and without disrupting the election.", version, rules.consultation,
                     label="Then"),
             finding("sanction", "info", "Where the Returning Officer finds sufficient evidence of a breach, they may "
                     "impose any appropriate sanction within their powers.", version, rules.sanction, label="Then"),
             finding("sanctions", "info", "The sanctions the Returning Officer may use, as they see fit and in any order: "
                     + "; ".join(rules.sanctions.listed) + ". The text then lists, \"for the following sanctions\": "
                     + "; ".join(rules.further_sanctions.listed) + ".", version, rules.sanctions.clause,
                     label="Sanctions"),
             finding("panel", "info", "The Returning Officer may form a panel of NCG representatives not standing for "
                     "re-election to consider the issue; the panel's decision is final.", version, rules.panel,
                     label="Sanctions")]
    return {"status": "drafted", "to": rules.address, "subject": rules.subject, "body": body, "mailto": mailto,
            "steps": steps, "draft": {"label": "The message", "text": f"To: {rules.address}\nSubject: {rules.subject}\n\n{body}"},
            "actions": [{"kind": "link", "label": "Open it in your e-mail program", "href": mailto},
                        {"kind": "copy", "label": "Copy the message", "text": body,
                         "done": "Copied. Paste it into a new e-mail to " + rules.address + "."}]}

