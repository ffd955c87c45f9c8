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

The sanctions the guidelines list are for candidates. For staff, "Momentum Staff": "The Returning Officer (RO) will
make a decision on any alleged breach by a staff member and staff will be entitled to the regular internal
disciplinary procedure, as agreed by the organisation and the trade union." A complaint about a member of staff, or
about a clause of the sections on staff (`rules.complaint.staff`), is told that route instead.

The address, the subject and the sanctions are data of the version (`rules.complaint`), each checked by the
build against the words of its clause. The site sends nothing and keeps nothing: the draft opens in the
reader's own mail program, or is copied.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import rules as r
from .addresses import percent, whole
from .content import CodeVersion
from .contract import Action, Answer, Checker, ClauseLink, Field, Option, Result, clause_reference
from .money_and_dates import written_date
from .text import printable
from .validation import Errors

NAME = "complaint"
# The page gives its own address, so that the draft links to the clause's permanent page (whole addresses).
PAGE_ADDRESS = "site_url"
LONGEST = 5000  # characters in a free-text answer: a complaint, not a document
# Mail programs, and the systems that pass a link to them, cut mailto: links beyond about 2,000 characters: a
# longer draft is offered to copy, not as a link that would open a message cut short.
LONGEST_MAIL_LINK = 2000

FIELDS = (
    Field("clause", "The clause allegedly breached", "choice", required=True, options_from="units",
          missing="Choose the clause you believe was broken",
          hint="Choose the clause of the guidelines you believe was broken."),
    Field("what", "What happened", "longtext", required=True, longest=LONGEST, missing="Describe what happened",
          hint="Who did what, and where. Stick to what you saw or can show."),
    Field("when", "When it happened", "date"),
    Field("evidence", "The evidence you will attach", "longtext", longest=LONGEST,
          hint="For example screenshots or links. Attach the files to the e-mail yourself."),
    Field("about", "Who is the complaint about?", "choice", default="not-sure",
          hint="Staff have their own route under the guidelines.",
          options=(Option("candidate", "A candidate, or someone acting for one"),
                   Option("staff", "A member of Momentum staff"), Option("not-sure", "Not sure"))),
    Field("name", "Your name", "text", longest=200,
          hint="To sign the message. It stays in this browser until you send the e-mail yourself."),
)
STATUS_TEXT = {"drafted": "Your complaint is drafted: send it from your own e-mail."}
# What the guidelines say of a breach by staff, in their words (checked against the clause `staff.decision` names).
STAFF_WORDS = ("The Returning Officer (RO) will make a decision on any alleged breach by a staff member",
               "staff will be entitled to the regular internal disciplinary procedure, as agreed by the organisation and "
               "the trade union")


@dataclass(frozen=True)
class Listed:
    clause: str
    listed: tuple[str, ...]


@dataclass(frozen=True)
class StaffRoute:
    """Where the guidelines deal with staff: the sections whose clauses bind staff, and the clause that says how a
    breach by staff is decided."""

    sections: tuple[str, ...]
    decision: str


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
    staff: StaffRoute | None = None


def complaint_rules(version: CodeVersion) -> ComplaintRules | None:
    data = version.rules.get(NAME)
    if data is None:
        return None
    reader = r.Reader(version, NAME, data)
    reader.expect_only("clause", "address", "subject", "reminder", "consultation", "sanction", "sanctions",
                       "further_sanctions", "panel", "staff")
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
    staff = None
    if "staff" in data:
        inner = r.Reader(version, f"{NAME}.staff", data["staff"])
        inner.expect_only("sections", "decision")
        sections = inner.data.get("sections")
        if not isinstance(sections, list) or not sections or not all(isinstance(s, str) and s for s in sections):
            inner.fail("sections", "must list the anchors of the sections whose clauses bind staff")
        if not isinstance(inner.data.get("decision"), str):
            inner.fail("decision", "is required: the anchor of the clause that says how a breach by staff is decided")
        staff = StaffRoute(tuple(sections), inner.data["decision"])
    return ComplaintRules(reader.clause(), data["address"].strip(), data["subject"].strip(), data["reminder"],
                          data["consultation"], data["sanction"], lists["sanctions"], lists["further_sanctions"],
                          data["panel"], staff)


def cited_words(version: CodeVersion) -> list[tuple[str, str, str]]:
    """The words this checker takes from the text, each with its field and clause: the build checks each is there."""
    rules = complaint_rules(version)
    if rules is None:
        return []
    found = [("rules.complaint.address", rules.clause, rules.address), ("rules.complaint.subject", rules.clause, rules.subject)]
    for name in ("sanctions", "further_sanctions"):
        group = getattr(rules, name)
        found += [(f"rules.complaint.{name}.listed[{i}]", group.clause, item) for i, item in enumerate(group.listed)]
    if rules.staff:
        # The staff route as the answer words it: the clause must say it.
        found += [("rules.complaint.staff.decision", rules.staff.decision, words) for words in STAFF_WORDS]
    return found


def clauses_cited(version: CodeVersion) -> list[str]:
    """Every clause the rules name, for the build to check each exists."""
    rules = complaint_rules(version)
    if rules is None:
        return []
    return [rules.clause, rules.reminder, rules.consultation, rules.sanction, rules.sanctions.clause,
            rules.further_sanctions.clause, rules.panel] + (list(rules.staff.sections) + [rules.staff.decision]
                                                            if rules.staff else [])


def draft(values: dict, version: CodeVersion, rules: ComplaintRules, cited: dict) -> str:
    """The message, in the procedure's form: the clause by name and address, what happened, when, the evidence.
    What the reader typed is written so that it cannot change how the message reads (checkers/text.py)."""
    site = values.get(PAGE_ADDRESS)
    # Without the site's address there is no link to give: the citation, already named, stands alone.
    link = f": {whole(site, cited['url'])}" if site else ""
    when = values["when"]
    return "\n".join([
        "To the Returning Officer,", "",
        f"I wish to report an alleged breach of the {version.short_title} (version {version.version}).", "",
        f"The clause allegedly breached: {cited['label']} ({cited['citation']}){link}", "",
        "What happened:", printable(values["what"], keep_lines=True), "",
        f"When it happened: {written_date(when) if when else 'not stated'}", "",
        "Supporting evidence (attached):", printable(values["evidence"], keep_lines=True) if values["evidence"] else
        "none attached", "",
        *([printable(values["name"])] if values["name"] else []),
    ]).rstrip("\n") + "\n"


def mail_link(rules: ComplaintRules, body: str) -> str:
    """A mailto: link that opens the message in the reader's own mail program (RFC 6068: CRLF line breaks)."""
    return f"mailto:{rules.address}?subject={percent(rules.subject)}&body={percent(body.replace(chr(10), chr(13) + chr(10)))}"


def about_staff(values: dict, rules: ComplaintRules, version: CodeVersion) -> bool:
    """Whether the complaint takes the staff route: it is about staff, or (not said) about a clause that binds staff."""
    if rules.staff is None or values["about"] == "candidate":
        return False
    if values["about"] == "staff":
        return True
    unit = version.by_id[values["clause"]]
    return unit.section in rules.staff.sections or unit.id in rules.staff.sections


def steps(rules: ComplaintRules, version: CodeVersion, staff: bool = False) -> list[Answer]:
    """What the procedure asks of the complainant, and what it says happens next, each citing its clause: for staff,
    the Returning Officer's decision and the internal disciplinary procedure, not the candidates' sanctions."""
    def step(rule, level, message, clause, label, todo=""):
        return Answer(rule, level, message, clause_reference(version, clause), label=label, todo=todo)

    send = step("send", "action", f"Send it to {rules.address} with \"{rules.subject}\" in the subject line, in writing, "
                "with any supporting evidence attached: the procedure asks for the allegation in that form.",
                rules.clause, "Send", f"Send the message to {rules.address} from your own e-mail, with your evidence "
                "attached.")
    if staff:
        return [send,
                step("consultation", "info", "The Returning Officer will consult you, and will try to resolve the issue "
                     "locally, without delay and without disrupting the election.", rules.consultation, "Then"),
                step("staff-decision", "info", f"{STAFF_WORDS[0]}, and {STAFF_WORDS[1]}. The sanctions the guidelines "
                     "list are for candidates; for staff, they give this route instead.", rules.staff.decision, "Staff")]
    return [send,
            step("reminder", "info", "On receipt of a credible allegation, the Returning Officer will write to all "
                 "candidates reminding them and their supporters of their responsibilities under the Code of Conduct.",
                 rules.reminder, "Then"),
            step("consultation", "info", "The Returning Officer will consult you, and will try to resolve the issue "
                 "locally, without delay and without disrupting the election.", rules.consultation, "Then"),
            step("sanction", "info", "Where the Returning Officer finds sufficient evidence of a breach, they may "
                 "impose any appropriate sanction within their powers.", rules.sanction, "Then"),
            step("sanctions", "info", "The sanctions the Returning Officer may use, as they see fit and in any order: "
                 + "; ".join(rules.sanctions.listed) + ". The text then lists, \"for the following sanctions\": "
                 + "; ".join(rules.further_sanctions.listed) + ".", rules.sanctions.clause, "Sanctions"),
            step("panel", "info", "The Returning Officer may form a panel of NCG representatives not standing for "
                 "re-election to consider the issue; the panel's decision is final.", rules.panel, "Sanctions")]


def check(values: dict, version: CodeVersion, errors: Errors) -> Result | None:
    """The complaint as a message to send: `to`, `subject`, `body`, a `mailto` link that opens it in the reader's mail
    program, and `answers` (what the procedure says happens next, and the sanctions the text lists), each cited."""
    rules = complaint_rules(version)
    body = draft(values, version, rules, clause_reference(version, values["clause"]))
    mailto = mail_link(rules, body)
    copy = Action("copy", "Copy the message", text=body, done=f"Copied. Paste it into a new e-mail to {rules.address}.")
    notes = []
    if len(mailto) > LONGEST_MAIL_LINK:
        # Too long to open reliably from a link: copying keeps every word.
        notes.append(f"The message is too long to open in your e-mail program from a link ({len(mailto):,} characters; "
                     f"many take no more than {LONGEST_MAIL_LINK:,}). Copy it instead, and paste it into a new e-mail to "
                     f"{rules.address} with \"{rules.subject}\" as the subject.")
        actions = [copy]
    else:
        actions = [Action("link", "Open it in your e-mail program", href=mailto), copy]
    return Result("drafted", steps(rules, version, about_staff(values, rules, version)), notes,
                  draft={"label": "The message", "text": f"To: {rules.address}\nSubject: {rules.subject}\n\n{body}"},
                  actions=actions,
                  data={"to": rules.address, "subject": rules.subject, "body": body,
                        "mailto": mailto if len(mailto) <= LONGEST_MAIL_LINK else None})


def not_yet_happened(values: dict, version: CodeVersion, errors: Errors) -> None:
    """What happened cannot have happened after today: a later day is a mistyped date, and a complaint sent with it
    would say so to the Returning Officer."""
    if values["when"] and values["when"] > values["today"]:
        errors.add("when", f"cannot be after today ({written_date(values['today'])}): check the date")


CHECKER = Checker(
    name=NAME, title="Report a breach",
    purpose=("Draft a complaint to the Returning Officer, as Momentum's complaints procedure asks: in writing, naming the "
             "clause breached, with your evidence. It opens in your own mail program; this site sends nothing."),
    fields=FIELDS, read_rules=complaint_rules, statuses=STATUS_TEXT, check=check, page_address=PAGE_ADDRESS,
    cited_words=cited_words, clauses_cited=clauses_cited, todo_heading="What to do next", check_values=not_yet_happened,
    from_clause=ClauseLink("Report a breach of this clause", "clause"))
