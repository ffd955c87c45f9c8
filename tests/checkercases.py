"""The checkers' test cases (tests/cases/*.yaml) and how a response is matched against a case."""

from sitebuild.cases import CASES, load_cases


def load() -> list[dict]:
    cases = load_cases(CASES)
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), "every case needs its own name"
    return cases


def _subset(expected, actual, where: str) -> list[str]:
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{where}: expected an object, got {actual!r}"]
        problems = []
        for key, value in expected.items():
            if value is None:
                # `key: null` in a case: the response has no value there (an answer without `law`, or an Act's
                # answer that is not confirmed: `requires: null`).
                if actual.get(key) is not None:
                    problems.append(f"{where}.{key}: expected none, got {actual[key]!r}")
                continue
            if key not in actual:
                problems.append(f"{where}.{key}: missing")
            else:
                problems += _subset(value, actual[key], f"{where}.{key}")
        return problems
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(expected) != len(actual):
            return [f"{where}: expected {len(expected)} items, got {actual!r}"]
        return [p for i, (e, a) in enumerate(zip(expected, actual, strict=False)) for p in _subset(e, a, f"{where}[{i}]")]
    return [] if expected == actual else [f"{where}: expected {expected!r}, got {actual!r}"]


def problems(case: dict, response: dict) -> list[str]:
    """What is wrong with a response for a case: [] when it matches."""
    expect = dict(case["expect"])
    if "errors" in expect:
        fields = [e["field"] for e in response.get("errors", [])]
        found = [] if fields == expect["errors"] else [f"errors: expected fields {expect['errors']}, got {fields}"]
        return found + [f"errors[{i}]: no message" for i, e in enumerate(response.get("errors", [])) if not e["message"]]
    if "errors" in response:
        return [f"unexpected errors: {response['errors']}"]
    no_deadline = expect.pop("no_deadline", False)
    found = _subset(expect, response, "response")
    if no_deadline and any((a.get("date") or {}).get("kind") == "deadline" for a in response["answers"]):
        found.append("a deadline was given where the code sets none")
    for finding in response.get("answers", []):
        if not finding["message"] or finding["clause"]["url"] != (
                f"codes/{finding['clause']['code']}/{finding['clause']['version']}/#{finding['clause']['id']}"):
            found.append(f"finding without message or exact clause url: {finding}")
    return found
