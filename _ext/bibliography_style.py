"""The Sources appendix's citation style (local Sphinx extension).

pybtex's ``plain`` style, which sphinxcontrib-bibtex renders ``references.bib`` with, lower-cases
every title after its first word (``Amazon distribution strategy``) and prints each address in full
after the entry (``URL: https://…``). This style keeps titles as the sources print them and makes
each title the link to its source; everything else (names, order, dates) is ``plain``'s.
It is registered as the pybtex style ``book`` (``bibtex_default_style: book`` in ``_config.yml``).

pybtex finds its plugins (styles, label and name formats, backends) among the installed
distributions' entry points, and reads every distribution's metadata again for each look-up:
32 look-ups per build, on every build (sphinxcontrib-bibtex formats the entries whenever the
environment is updated, even when no page changed), about a second on a 2-core machine with
this environment's ~400 distributions. This extension reads them once per build instead
(``cache_plugin_lookups``): the same entry points, the same plugins.
"""

from __future__ import annotations

from typing import Any

import pybtex.plugin
from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.template import field, first_of, href, optional, sentence, tag
from sphinx.application import Sphinx


class BookStyle(PlainStyle):
    """``plain``, with titles as written and linked to the source's address."""

    def _linked(self, title):
        return first_of[optional[href(field("url", raw=True))[title]], title]

    def format_title(self, e, which_field, as_sentence=True):
        title = self._linked(field(which_field))
        return sentence[title] if as_sentence else title

    def format_btitle(self, e, which_field, as_sentence=True):
        title = self._linked(tag("em")[field(which_field)])
        return sentence[title] if as_sentence else title

    def format_web_refs(self, e):
        # The address is the title's link; DOIs and e-prints keep plain's form.
        return sentence[optional[self.format_eprint(e)], optional[self.format_pubmed(e)], optional[self.format_doi(e)]]


def cache_plugin_lookups() -> None:
    """Make pybtex select its plugins from one reading of the installed entry points."""
    lookup = pybtex.plugin.entry_points
    if getattr(lookup, "book_cached", False):
        return
    everything = []

    def entry_points(**params):
        if not everything:
            everything.append(lookup())  # every entry point of every distribution, read once
        return everything[0].select(**params)

    entry_points.book_cached = True
    pybtex.plugin.entry_points = entry_points


def setup(app: Sphinx) -> dict[str, Any]:
    cache_plugin_lookups()
    register_plugin("pybtex.style.formatting", "book", BookStyle)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
