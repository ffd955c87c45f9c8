"""A checker's response as plain text for the terminal."""

from __future__ import annotations

LEVELS = {"breach": "BREACH", "action": "ACTION", "info": "Info"}


def readable(response: dict) -> str:
    if "errors" in response:
        return "\n".join(["Nothing was checked: fix these first."] +
                         [f"- {e['field']}: {e['message']}" for e in response["errors"]])
    lines = [f"{response['checker'].capitalize()} under {response['code']}@{response['version']}: "
             f"{response['status'].upper()}"]
    if not response["findings"]:
        lines.append("No findings: nothing to report or act on under this code.")
    for item in response["findings"]:
        clause = item["clause"]
        lines.append(f"- {LEVELS[item['level']]}: {item['message']} "
                     f"[{clause['code']}@{clause['version']}#{clause['id']}]")
    lines += [f"Note: {note}" for note in response.get("notes", [])]
    return "\n".join(lines)
