"""A local selection's campaign: what a potential candidate may do on a given day, and from when.

`local-government-selections`, the clauses each activity implements:

- clause 1: "No materials calling for support in the selection process will be produced or distributed by or
  on behalf of any individual prior to the publication of the timetable for selections in this local
  authority area."
- clause 2: "Potential candidates who are on the approved panel of candidates are entitled to a list of ward
  secretaries ... Once short-listed by a ward, potential candidates will be entitled to a list of eligible
  members for that ward from the Constituency Labour Party (CLP) secretary. In order to receive this list,
  potential candidates will have to pay the relevant CLP an administration charge of £5."
- clause 4: "Following publication of the timetable for a ward, potential candidates are permitted to mail
  eligible members direct, as well as Labour Party units and affiliated organisations ..."
- clause 6: "Canvassing is specifically allowed following publication of the timetable and from this period
  onwards potential candidates may approach members personally or by telephone ... Contact with members must
  not be carried out in a manner likely to cause offence or be seen as applying pressure to any member."
- clause 10: "Once a potential candidate has declared an interest in an elected position s/he cannot attend
  the part of any meeting that is dealing with selection business of the ward in question, unless
  specifically invited in their role as a potential candidate."

"Prior to the publication" and "following publication" meet on the day of publication: from that day on, the
timetable has been published, so what waited for it is allowed.

Two timetables are named, and may be published on different days: clause 1 waits for "the timetable for selections
in this local authority area", clause 4 for "the timetable for a ward". Clause 6 says "the timetable" without
saying which; until both are published, the answer waits for the later, and says why. Clause 4's mailing is of
"canvassing / promotional material", which is material calling for support, so clause 1 holds it back too: mailing
waits for both timetables, and the answer says so. Each answer names only the timetables still awaited, and the
answer that allows campaign material says when mailing it to members still waits for the ward's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from . import rules as r
from .content import CodeVersion
from .contract import Answer, Checker, Field, Result, clause_reference
from .money_and_dates import pounds, written_date
from .validation import Errors

NAME = "campaign"
# Which timetable each activity waits for, in its clause's own words (checked against the clause by the build).
AREA = "the timetable for selections in this local authority area"
WARD = "the timetable for a ward"
EITHER = "following publication of the timetable"
FIELDS = (
    Field("on", "The day you are asking about", "date", hint="Leave empty for today."),
    Field("area_timetable_published", "The day the timetable for selections in your local authority area was published",
          "date", hint="Leave empty if it has not been published yet.", wording=f"Clause 1: \"{AREA}\"."),
    Field("ward_timetable_published", "The day the timetable for your ward was published", "date",
          hint="Leave empty if it has not been published yet.", wording=f"Clause 4: \"publication of {WARD}\"."),
    Field("approved_panel", "You are on the approved panel of candidates", "boolean", default=False),
    Field("shortlisted", "A ward has short-listed you", "boolean", default=False),
    Field("admin_charge_paid", "You have paid the CLP the administration charge for the members' list", "boolean",
          default=False),
    Field("declared_interest", "You have declared an interest in an elected position", "boolean", default=False),
)
STATUS_TEXT = {"answered": "What this code lets you do on the day you asked about."}


Activity = r.ClauseRule


@dataclass(frozen=True)
class MembersList:
    clause: str
    charge: Decimal = r.stated_as("charge")


@dataclass(frozen=True)
class CampaignRules(r.RuleGroup):
    material: Activity
    mail_members: Activity
    canvass: Activity
    ward_secretaries_list: Activity
    members_list: MembersList
    selection_meetings: Activity


def campaign_rules(version: CodeVersion) -> CampaignRules | None:
    def read(reader: r.Reader, name: str):
        if name != "members_list":
            reader.expect_only("clause")
            return Activity(reader.clause())
        reader.expect_only("clause", "charge")
        return MembersList(reader.clause(), reader.number("charge"))

    found = r.read_parts(version, NAME, tuple(CampaignRules.__dataclass_fields__), read)
    return None if found is None else CampaignRules(**found)


def cited_words(version: CodeVersion) -> list[tuple[str, str, str]]:
    """The clauses' words each activity waits for: the build checks each clause says them."""
    rules = campaign_rules(version)
    if rules is None:
        return []
    return [("rules.campaign.material.clause", rules.material.clause, AREA),
            ("rules.campaign.mail_members.clause", rules.mail_members.clause, WARD),
            ("rules.campaign.canvass.clause", rules.canvass.clause, EITHER)]


@dataclass(frozen=True)
class Awaited:
    """When something that waits for publication is allowed, on the day asked about."""

    allowed: str  # yes, from or no
    day: dt.date | None  # the day it is allowed from, where it is known and after the day asked about
    why: str  # the clause's condition, in words, as it stands
    until: str = ""  # what is still awaited, as "until ..." ends: "the timetable for your ward is published"


def _after(on: dt.date, published: dt.date | None, what: str) -> Awaited:
    """Whether something that waits for one timetable is allowed on `on`."""
    if published is None:
        return Awaited("no", None, f"{what} has not been published yet", f"{what} is published")
    if on >= published:
        return Awaited("yes", None, f"{what} was published on {written_date(published)}")
    return Awaited("from", published, f"{what} is published on {written_date(published)}, and you may from that day")


WARD_TIMETABLE, AREA_TIMETABLE = "the timetable for your ward", "the timetable for your local authority area"


def _after_both(on: dt.date, area: dt.date | None, ward: dt.date | None, *, lead: str = "", area_why: str = "") -> Awaited:
    """Allowed once both timetables are published. The reason names only the timetables still awaited: `lead` comes
    first whichever they are; `area_why` follows where the area's is one of them (why it is awaited at all)."""
    awaited = [(name, day) for name, day in ((WARD_TIMETABLE, ward), (AREA_TIMETABLE, area)) if day is None or day > on]
    if not awaited:
        return Awaited("yes", None, f"both timetables have been published (the later on {written_date(max(area, ward))})")
    unpublished = [name for name, day in awaited if day is None]
    if len(unpublished) == 2:
        state, until = (f"neither {WARD_TIMETABLE} nor {AREA_TIMETABLE} has been published yet",
                        "the timetables for your ward and your local authority area are both published")
    elif unpublished:
        state, until = f"{unpublished[0]} has not been published yet", f"{unpublished[0]} is published"
        coming = [(name, day) for name, day in awaited if day is not None]
        if coming:  # the other is published after the day asked about: it holds back too
            state += f" ({coming[0][0]} is published on {written_date(coming[0][1])})"
            until += f", and not before {written_date(coming[0][1])}"
    else:
        later = max(day for _, day in awaited)
        names = [name for name, day in awaited if day == later]
        state = (f"{names[0]} is" if len(names) == 1 else "both timetables are") + f" published on {written_date(later)}"
    why = lead + state + (f", and {area_why}" if area_why and any(name == AREA_TIMETABLE for name, _ in awaited) else "")
    if unpublished:
        return Awaited("no", None, why + (", so wait for both" if len(unpublished) == 2 else ""), until)
    return Awaited("from", later, f"{why}: you may from that day")


def _entry(activity: str, awaited: Awaited, message: str, version: CodeVersion, clause: str, todo: str,
           refused: str = "Not yet", may: str = "") -> Answer:
    """One activity's answer: allowed now, from a day (its date), or not (`refused` says how: not yet, not entitled)."""
    label = {"yes": "Allowed", "from": f"Allowed from {written_date(awaited.day)}" if awaited.day else "",
             "no": refused}[awaited.allowed]
    # Something the reader cannot yet do is theirs to act on only where there is a step to take (a wait, a payment);
    # a list they are not entitled to asks nothing of them.
    level = "action" if awaited.allowed != "yes" and todo else "info"
    return Answer(activity, level, message, clause_reference(version, clause),
                  label=label, date=awaited.day, date_kind="from" if awaited.day else "", allowed=awaited.allowed,
                  todo=todo, event=f"From today you may {may}" if awaited.day else "")


def check(values: dict, version: CodeVersion, errors: Errors) -> Result | None:
    """What a potential candidate may do on `on` (default today) under a version's campaign rules.

    Returns `status` (`answered`), `on`, and `answers`: for each of `campaign-material`, `mail-members`,
    `canvass`, `ward-secretaries-list`, `members-list` and `selection-meetings`, whether it is `allowed` (`yes`,
    `from` a day given as the answer's date, or `no`), a `message`, and the `clause` applied.
    """
    rules = campaign_rules(version)
    on = values["on"] or values["today"]
    area, ward = values["area_timetable_published"], values["ward_timetable_published"]
    panel, shortlisted, paid, declared = (values[name] for name in ("approved_panel", "shortlisted", "admin_charge_paid",
                                                                   "declared_interest"))
    day = written_date(on)
    activities = []

    # Clause 1: nothing calling for support "prior to the publication of the timetable for selections in this local
    # authority area".
    material = _after(on, area, "the timetable for selections in your local authority area")
    # Clause 4 (below) holds back mailing it to members until the ward's timetable as well: said here too, so that
    # "you may distribute" is not read as leave to mail.
    material_clause = version.unit_name(rules.material.clause)
    mail = _after_both(on, area, ward, area_why=f"what you mail calls for support, which {material_clause} allows only "
                       "once the area's timetable is published")
    not_mailed = (f" Mailing it to eligible members directly waits for the timetable for your ward as well "
                  f"({version.unit_name(rules.mail_members.clause)}).") if mail.allowed != "yes" else ""
    activities.append(_entry("campaign-material", material, (
        f"On {day} you may produce and distribute material calling for support in the selection: {material.why}."
        f"{not_mailed}" if material.allowed == "yes" else
        "No material calling for support in the selection may be produced or distributed, by you or on your behalf, "
        f"before the timetable for selections in this local authority area is published: {material.why}."),
        version, rules.material.clause,
        "You may produce and distribute campaign material." if material.allowed == "yes" else
        f"Wait until {written_date(material.day)} to produce or distribute campaign material." if material.day else
        "Produce no campaign material until the timetable for your local authority area is published.",
        may="produce and distribute campaign material"))

    # Clause 2: the members' list, once short-listed and after paying the administration charge.
    charge = pounds(rules.members_list.charge)
    has_list = shortlisted and paid
    where = version.unit_name(rules.members_list.clause)
    lists = (f"You are entitled to the members' list ({where})." if has_list else
             f"To mail eligible members you need their list, which comes only on the conditions of {where}: short-listed "
             f"by the ward, and the {charge} administration charge paid.")

    # Clause 4: mailing members directly "following publication of the timetable for a ward"; what is mailed calls for
    # support, which clause 1 holds back until the area's timetable.
    activities.append(_entry("mail-members", mail, (
        f"On {day} you may mail eligible members directly, as well as Labour Party units and affiliated organisations, "
        f"with canvassing or promotional material: {mail.why}. {lists}"
        if mail.allowed == "yes" else
        "Mailing eligible members, Labour Party units and affiliated organisations directly is permitted "
        f"following the publication of the timetable for the ward, but {mail.why}. {lists}"),
        version, rules.mail_members.clause,
        "You may mail eligible members directly." if mail.allowed == "yes" else
        f"Wait until {written_date(mail.day)} to mail members directly." if mail.day else
        f"Do not mail members directly until {mail.until}.", may="mail eligible members directly"))

    # Clause 6: canvassing "following publication of the timetable and from this period onwards".
    canvass = _after_both(on, area, ward, lead="the clause does not say which timetable it means, and ")
    manner = ("Contact with members must not be carried out in a manner likely to cause offence or be seen as applying "
              "pressure to any member.")
    activities.append(_entry("canvass", canvass, (
        f"On {day} you may canvass: approach members personally or by telephone to seek their support, as "
        f"{canvass.why}. {manner}" if canvass.allowed == "yes" else
        "Canvassing members personally or by telephone is allowed following the publication of the timetable: "
        f"{canvass.why}. {manner}"), version, rules.canvass.clause,
        "You may canvass members personally or by telephone." if canvass.allowed == "yes" else
        f"Wait until {written_date(canvass.day)} to canvass members." if canvass.day else
        f"Do not canvass members until {canvass.until}.", may="canvass members personally or by telephone"))

    # Clause 2: the ward secretaries' list, for those on the approved panel.
    activities.append(_entry("ward-secretaries-list", Awaited("yes" if panel else "no", None, ""), (
        "You are entitled to a list of ward secretaries from the secretary of the Local Government Committee, as you "
        "are on the approved panel of candidates." if panel else
        "The list of ward secretaries is for potential candidates on the approved panel of candidates."),
        version, rules.ward_secretaries_list.clause,
        "Ask the secretary of the Local Government Committee for the list of ward secretaries." if panel else "",
        refused="Not entitled"))
    if has_list:
        list_message = ("You are entitled to the list of eligible members for the ward that short-listed you, from the "
                        f"Constituency Labour Party (CLP) secretary: you have paid the {charge} administration charge. It "
                        "is for this selection campaign only.")
        list_todo = "Ask the CLP secretary for the list of eligible members; use it for this selection campaign only."
    elif shortlisted:
        list_message = (f"Pay the relevant CLP the administration charge of {charge}. You are then entitled to "
                        "the list of eligible members for the ward that short-listed you, from the Constituency Labour "
                        "Party (CLP) secretary.")
        list_todo = f"Pay the relevant CLP the {charge} administration charge to receive the members' list."
    else:
        list_message = ("The list of eligible members for a ward comes once that ward has short-listed you, from "
                        f"the Constituency Labour Party (CLP) secretary, and after you pay the relevant CLP an "
                        f"administration charge of {charge}.")
        list_todo = ""
    activities.append(_entry("members-list", Awaited("yes" if has_list else "no", None, ""), list_message, version,
                             rules.members_list.clause, list_todo))

    # Clause 10: after declaring an interest, not the part of a meeting on the ward's selection business.
    meetings = Answer("selection-meetings", "action" if declared else "info", (
        "You have declared an interest, so you cannot attend the part of any meeting that deals with the selection "
        "business of the ward in question, unless you are specifically invited in your role as a potential candidate."
        if declared else
        "You have not declared an interest, so this clause does not keep you from meetings. Once you declare an interest "
        "in an elected position, you cannot attend the part of any meeting that deals with the selection business of "
        "that ward, unless you are specifically invited in your role as a potential candidate."),
        clause_reference(version, rules.selection_meetings.clause), label="Not allowed" if declared else "Allowed",
        allowed="no" if declared else "yes",
        todo="Leave any meeting while it deals with the ward's selection business, unless specifically invited as a "
             "potential candidate." if declared else "")
    activities.append(meetings)

    details = [f"The day asked about: {day}. The timetable for your local authority area: "
               f"{'published on ' + written_date(area) if area else 'not published yet'}. The timetable for your ward: "
               f"{'published on ' + written_date(ward) if ward else 'not published yet'}."]
    return Result("answered", activities, details=details, data={"on": on.isoformat()})


CHECKER = Checker(
    name=NAME, title="Campaigning in a local selection",
    purpose=("What may you do today in a Labour selection for local government, and from when: campaign material, "
             "mailing and canvassing members, the lists you may have, and the meetings you may attend?"),
    fields=FIELDS, read_rules=campaign_rules, statuses=STATUS_TEXT, check=check, cited_words=cited_words,
    todo_heading="What you may do, and from when")
