"""Sphinx configuration for the engagekit documentation site.

Build with warnings as errors, offline:

    sphinx-build -W --keep-going -b html docs /tmp/site
"""

from __future__ import annotations

import importlib
import inspect
import logging
import sys

from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.domains.python import PythonDomain
from sphinx.environment import BuildEnvironment
from sphinx.errors import PycodeError
from sphinx.pycode import ModuleAnalyzer
from sphinx.util.nodes import make_refnode

import engagekit

project = "engagekit"
author = "The engagekit team"
copyright = "the engagekit team"
release = engagekit.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.intersphinx",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = f"engagekit {release}"

# The docs build never touches the network: intersphinx is loaded only so that the roles it
# adds parse, with no inventory to fetch.
intersphinx_mapping: dict[str, tuple[str, str | None]] = {}

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
# Every name in a public module's ``__all__`` is documented, with or without a docstring, and
# whether it is defined there or imported from a private module (as most are). autodoc still
# skips a constant imported from another module: the docs/api pages name those in autodata.
autodoc_default_options = {
    "members": True,
    "undoc-members": True,
    "imported-members": True,
    "show-inheritance": True,
}

# autosummary only draws the tables of the top-level page; it generates no stub pages.
autosummary_generate = False

# Every cross-reference must resolve.
nitpicky = True

# Pages written on other branches join their toctree in index.md by a glob as soon as they
# exist; until then their empty glob is not an error. (Sphinx gives that warning no type,
# so ``suppress_warnings`` cannot name it: a logging filter drops exactly these.)
_OPTIONAL_PAGES = ("sample-data*", "reliability*", "cli*", "report*")


class _OptionalPages(logging.Filter):
    """Drop the empty-glob warning of an optional page, and nothing else."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (
            message.startswith("toctree glob pattern")
            and any(repr(page) in message for page in _OPTIONAL_PAGES)
        )


# Standard-library and third-party types appear in signatures and docstrings. The build has no
# intersphinx inventories (it must not touch the network), so references to these modules
# cannot resolve: they are listed here rather than left broken anywhere else.
_FOREIGN = (
    "abc",
    "collections",
    "datetime",
    "enum",
    "io",
    "json",
    "os",
    "pathlib",
    "typing",
    "zoneinfo",
    "attrs",
    "cattrs",
    "dask",
    "hypothesis",
    "networkx",
    "pandas",
    "polars",
    "pyarrow",
)
nitpick_ignore_regex = [
    (r"py:.*", rf"({'|'.join(_FOREIGN)})(\..+)?"),
    # ``Graph`` is networkx's, named bare in a return annotation.
    (r"py:class", r"Graph"),
    # Type variables (``T``, ``R``) name no object a reader could look up.
    (r"py:(class|obj)", r"engagekit\.[\w.]+\.[A-Z]"),
    # Private helper types that public signatures mention: implementation details with no page.
    (r"py:class", r"_Data"),
    (r"py:class", r"engagekit\.sources\._several\.Plan"),
    (r"py:class", r"engagekit\.sources\._engine\.ranges\.(Part|Options)"),
    (r"py:class", r"engagekit\.text\._tlds\.TLDs"),
]


_MISSING = object()


def _lookup(path: str) -> object:
    """The object a dotted path names, or ``_MISSING``."""
    parts = path.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for part in parts[cut:]:
            found = getattr(found, part, _MISSING)
            if found is _MISSING:
                return _MISSING
        return found
    return _MISSING


_INDEXES: dict[int, dict[tuple[int, str], str]] = {}


def _documented(domain: PythonDomain) -> dict[tuple[int, str], str]:
    """Each documented engagekit object, by identity and last name, to its documented name."""
    if id(domain) in _INDEXES:
        return _INDEXES[id(domain)]
    index = _INDEXES[id(domain)] = {}
    for name, entry in domain.objects.items():
        if entry.aliased or entry.objtype == "module" or not name.startswith("engagekit."):
            continue
        found = _lookup(name)
        if found is not _MISSING:
            index.setdefault((id(found), name.rsplit(".", 1)[-1]), name)
    return index


def _resolve_alias(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: Element
) -> Element | None:
    """Resolve a reference to a public alias of a name documented elsewhere.

    Each object is documented once, where it is defined, but docstrings and pages name it as
    users import it: ``engagekit.read_posts`` is documented as
    ``engagekit.sources.read_posts``, and ``to_activitystreams`` in the docstring of
    ``engagekit.io.activitystreams`` is documented in ``engagekit.io``. Such a reference
    resolves when it names the very same object; anything else stays a broken reference.
    """
    if node.get("refdomain") != "py":
        return None
    domain = env.get_domain("py")
    if not isinstance(domain, PythonDomain):
        return None
    target = node["reftarget"]
    module, cls = node.get("py:module"), node.get("py:class")
    candidates = [target]
    if module:
        candidates.append(f"{module}.{target}")
        if cls:
            candidates.append(f"{module}.{cls}.{target}")
    index = _documented(domain)
    for candidate in candidates:
        found = _lookup(candidate)
        if found is _MISSING:
            continue
        name = index.get((id(found), candidate.rsplit(".", 1)[-1]))
        if name is not None:
            entry = domain.objects[name]
            return make_refnode(
                app.builder, node["refdoc"], entry.docname, entry.node_id, contnode, name
            )
    # Last, as Sphinx's own search does for a ``.name`` reference: a bare or partly qualified
    # name that ends exactly one documented engagekit name.
    ends = [n for n in domain.objects if n.startswith("engagekit.") and n.endswith(f".{target}")]
    ends = [n for n in ends if not domain.objects[n].aliased]
    if len(ends) == 1:
        entry = domain.objects[ends[0]]
        return make_refnode(
            app.builder, node["refdoc"], entry.docname, entry.node_id, contnode, ends[0]
        )
    return None


def _public_bases(
    app: Sphinx, name: str, obj: object, options: object, bases: list[type]
) -> None:
    """Show a class's public ancestors in place of a private base class (``_Positioned``),
    and no "Bases: object" line at all."""
    shown: list[type] = []
    todo = list(bases)
    while todo:
        base = todo.pop(0)
        if base.__name__.startswith("_"):
            todo[:0] = list(base.__bases__)
        elif base is not object and base not in shown:
            shown.append(base)
    bases[:] = shown


def _defining_comment(name: str, obj: object) -> list[str]:
    """The ``#:`` comment above the assignment of a constant, in whichever engagekit module
    assigns it (constants are mostly defined in private modules and re-exported)."""
    last = name.rsplit(".", 1)[-1]
    for modname, module in sorted(sys.modules.items()):
        if not modname.startswith("engagekit") or getattr(module, last, _MISSING) is not obj:
            continue
        try:
            analyzer = ModuleAnalyzer.for_module(modname)
        except PycodeError:
            continue
        comment = analyzer.find_attr_docs().get(("", last))
        if comment:
            return list(comment)
    return []


def _constant_docs(
    app: Sphinx, what: str, name: str, obj: object, options: object, lines: list[str]
) -> None:
    """Document a re-exported constant by its own comment, never by its type's docstring.

    autodoc falls back to ``type(value).__doc__`` (``dict``'s, ``str``'s) for a constant it
    finds no comment for, which happens whenever the constant is defined in another module.
    """
    if what != "data" or not lines:
        return
    own = inspect.cleandoc(type(obj).__doc__ or "").splitlines()
    if [line.strip() for line in lines if line.strip()] == [
        line.strip() for line in own if line.strip()
    ]:
        lines[:] = _defining_comment(name, obj)


def setup(app: Sphinx) -> None:
    logging.getLogger("sphinx.sphinx.directives.other").addFilter(_OptionalPages())
    app.connect("autodoc-process-docstring", _constant_docs)
    app.connect("missing-reference", _resolve_alias)
    app.connect("autodoc-process-bases", _public_bases)
