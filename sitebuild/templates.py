"""The generated pages' templates (sitebuild/templates/), rendered with Jinja: the Markdown and HTML a page is
made of lives there, and the Python beside it only gathers what the page shows."""

from __future__ import annotations

import json
from pathlib import Path

import jinja2
from markupsafe import Markup

from checkers.money_and_dates import sentence

from .render import day, esc, href, page_of, rel

FOLDER = Path(__file__).parent / "templates"


def _yaml_text(value: str) -> Markup:
    """A front matter value: a double-quoted string, which YAML reads as JSON does."""
    return Markup(json.dumps(value, ensure_ascii=False))


def _script_json(value) -> Markup:
    """JSON inside <script type="application/json">, which is not HTML-decoded: only what could end the element
    is escaped."""
    text = json.dumps(value, ensure_ascii=False)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


ENVIRONMENT = jinja2.Environment(loader=jinja2.FileSystemLoader(FOLDER), autoescape=True,
                                 trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
ENVIRONMENT.filters.update(yaml_text=_yaml_text, script_json=_script_json,
                           # The same escaping as the rest of the build (render.esc), entity for entity.
                           e=lambda value: Markup(esc(str(value))), escape=lambda value: Markup(esc(str(value))),
                           # In a fenced code block, which Markdown escapes itself.
                           tojson_pretty=lambda value: Markup(json.dumps(value, indent=1, ensure_ascii=False)))
ENVIRONMENT.filters["sentence"] = sentence  # a capital first, the rest as written (Jinja's capitalize lowers it)
ENVIRONMENT.globals.update(href=href, rel=rel, page_of=page_of, day=day)


def _xml(value) -> str:
    """Any value in XML text or a double-quoted attribute."""
    return str("" if value is None else value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") \
        .replace('"', "&quot;")


# XML (the feed): every value escaped on its way out, whatever the template writes around it.
XML = jinja2.Environment(loader=jinja2.FileSystemLoader(FOLDER), autoescape=False, finalize=_xml,
                         trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def render(template: str, **values) -> str:
    return ENVIRONMENT.get_template(template).render(**values)


def render_xml(template: str, **values) -> str:
    return XML.get_template(template).render(**values)


def macro(template: str, name: str):
    """One macro of a template, to call from Python."""
    return getattr(ENVIRONMENT.get_template(template).module, name)
