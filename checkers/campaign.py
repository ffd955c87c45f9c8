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
FIELDS = (
    Field("on", "The day you are asking about", "date", hint="Leave empty for today."),
    Field("timetable_published", "The day the selection timetable for your area and ward was published", "date",
          hint="Leave empty if it has not been published yet."),
    Field("approved_panel", "You are on the approved panel of candidates", "boolean", default=False),
    Field("shortlisted", "A ward has short-listed you", "boolean", default=False),
    Field("admin_charge_paid", "You have paid the CLP the administration charge for the members' list", "boolean",
          default=False),
    Field("declared_interest", "You have declared an interest in an elected position", "boolean", default=False),
)
STATUS_TEXT = {"answered": "What this code lets you do on the day you asked about."}
LABELS = {True: "Allowed", "later": "Not yet", False: "Not allowed"}


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


def _entry(activity: str, allowed, message: str, version: CodeVersion, clause: str, when: dt.date | None = None) -> Answer:
    """One activity's answer: `allowed` is true or false; "later" (a known or awaited day) reads "Not yet"."""
    return Answer(activity, "info" if allowed is True else "action", message, clause_reference(version, clause),
                  label=LABELS[allowed], date=when, date_kind="from" if when else "",
                  allowed="yes" if allowed is True else "from" if when else "no")


def _after_timetable(on: dt.date, published: dt.date | None):
    """Whether something that waits for the timetable is allowed on `on`, and the day it becomes so."""
    if published is None:
        return "later", None
    return (True, None) if on >= published else ("later", published)


def check(values: dict, version: CodeVersion, errors: Errors) -> Result | None:
    """What a potential candidate may do on `on` (default today) under a version's campaign rules.

    Returns `status` (`answered`), `on`, and `answers`: for each of `campaign-material`, `mail-members`,
    `canvass`, `ward-secretaries-list`, `members-list` and `selection-meetings`, whether it is `allowed` (`yes`,
    `from` a day given as the answer's date, or `no`), a `message`, and the `clause` applied.
    """
    rules = campaign_rules(version)
    on = values["on"] or values["today"]
    published = values["timetable_published"]
    panel, shortlisted, paid, declared = (values[name] for name in ("approved_panel", "shortlisted", "admin_charge_paid",
                                                                   "declared_interest"))
    day = written_date(on)
    since = f"the timetable was published on {written_date(published)}" if published else ""
    awaited = (f"it is published on {written_date(published)}, and you may from that day" if published and on < published
               else "it has not been published yet")
    activities = []

    # Clause 1: nothing calling for support "prior to the publication of the timetable".
    allowed, when = _after_timetable(on, published)
    activities.append(_entry("campaign-material", allowed, (
        f"On {day} you may produce and distribute material calling for support in the selection: {since}."
        if allowed is True else
        "No material calling for support in the selection may be produced or distributed, by you or on your "
        f"behalf, before the timetable for selections in this local authority area is published: {awaited}."),
        version, rules.material.clause, when))

    # Clause 2: the members' list, once short-listed and after paying the administration charge.
    charge = pounds(rules.members_list.charge)
    has_list = shortlisted and paid
    if has_list:
        list_message = ("You are entitled to the list of eligible members for the ward that short-listed you, from the "
                        f"Constituency Labour Party (CLP) secretary: you have paid the {charge} administration charge. It "
                        "is for this selection campaign only.")
    elif shortlisted:
        list_message = (f"Pay the relevant CLP the administration charge of {charge}. You are then entitled to "
                        "the list of eligible members for the ward that short-listed you, from the Constituency Labour "
                        "Party (CLP) secretary.")
    else:
        list_message = ("The list of eligible members for a ward comes once that ward has short-listed you, from "
                        f"the Constituency Labour Party (CLP) secretary, and after you pay the relevant CLP an "
                        f"administration charge of {charge}.")

    # Clause 4: mailing members directly "following publication of the timetable for a ward".
    allowed, when = _after_timetable(on, published)
    where = version.unit_name(rules.members_list.clause)
    lists = (f"You are entitled to the members' list ({where})." if has_list else
             f"To mail eligible members you need their list, which comes only on the conditions of {where}: short-listed "
             f"by the ward, and the {charge} administration charge paid.")
    activities.append(_entry("mail-members", allowed, (
        f"On {day} you may mail eligible members directly, as well as Labour Party units and affiliated organisations, "
        f"with canvassing or promotional material: {since}. {lists}"
        if allowed is True else
        "Mailing eligible members, Labour Party units and affiliated organisations directly is permitted "
        f"following the publication of the timetable for the ward: {awaited}. {lists}"),
        version, rules.mail_members.clause, when))

    # Clause 6: canvassing "following publication of the timetable and from this period onwards".
    allowed, when = _after_timetable(on, published)
    manner = ("Contact with members must not be carried out in a manner likely to cause offence or be seen as applying "
              "pressure to any member.")
    activities.append(_entry("canvass", allowed, (
        f"On {day} you may canvass: approach members personally or by telephone to seek their support, as {since}. "
        f"{manner}" if allowed is True else
        "Canvassing members personally or by telephone is allowed following the publication of the timetable: "
        f"{awaited}. {manner}"), version, rules.canvass.clause, when))

    # Clause 2: the ward secretaries' list, for those on the approved panel.
    activities.append(_entry("ward-secretaries-list", panel is True, (
        "You are entitled to a list of ward secretaries from the secretary of the Local Government Committee, as you "
        "are on the approved panel of candidates." if panel else
        "The list of ward secretaries is for potential candidates on the approved panel of candidates."),
        version, rules.ward_secretaries_list.clause))
    activities.append(_entry("members-list", True if has_list else "later", list_message, version,
                             rules.members_list.clause))

    # Clause 10: after declaring an interest, not the part of a meeting on the ward's selection business.
    activities.append(_entry("selection-meetings", not declared, (
        "You have declared an interest, so you cannot attend the part of any meeting that deals with the selection "
        "business of the ward in question, unless you are specifically invited in your role as a potential candidate."
        if declared else
        "You have not declared an interest, so this clause does not keep you from meetings. Once you declare an interest "
        "in an elected position, you cannot attend the part of any meeting that deals with the selection business of "
        "that ward, unless you are specifically invited in your role as a potential candidate."),
        version, rules.selection_meetings.clause))

    published_text = written_date(published) if published else "not yet"
    details = [f"The day asked about: {day}. Timetable published: {published_text}."]
    return Result("answered", activities, details=details, data={"on": on.isoformat()})


CHECKER = Checker(
    name=NAME, title="Campaigning in a local selection",
    purpose=("What may you do today in a Labour selection for local government, and from when: campaign material, "
             "mailing and canvassing members, the lists you may have, and the meetings you may attend?"),
    fields=FIELDS, read_rules=campaign_rules, statuses=STATUS_TEXT, check=check)
