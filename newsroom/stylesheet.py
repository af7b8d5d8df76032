"""The one stylesheet of the reading pages: the Bootstrap rules our pages use, then ours.

Bootstrap ships about 230 KB of rules; a page of ours uses a small part of them, and the page-weight
budget (100 KB compressed, fonts included) cannot carry the rest. A rule is kept when every class its
selector names appears somewhere in our templates, Python or JavaScript (and crispy-bootstrap5's
templates, which render our forms): a word list, so a class is never dropped while anything may use it.
`make css` writes static/css/newsroom.css; newsroom/tests/test_layout.py fails while that file is stale.
"""

import re
from pathlib import Path

from django.conf import settings

STATIC = Path(settings.BASE_DIR) / "static"
BOOTSTRAP = STATIC / "vendor" / "bootstrap" / "bootstrap.min.css"
OURS = STATIC / "css" / "site.css"
OUTPUT = STATIC / "css" / "newsroom.css"
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_NEGATION = re.compile(r":not\([^()]*\)")
# Classes put together in a template ("alert-{{ message.tags }}"), so named in no file whole.
COMPOSED = {"alert-success", "alert-info", "alert-warning", "alert-danger", "alert-debug"}


def _source_files():
    import crispy_bootstrap5

    roots = [Path(settings.BASE_DIR), Path(crispy_bootstrap5.__file__).parent]
    skip = {".venv", "node_modules", "staticfiles", "media", "locale", ".git", "vendor", "docs", "tests", "bench"}
    for root in roots:
        for path in root.rglob("*"):
            if path.suffix in {".html", ".py", ".js", ".txt"} and not skip.intersection(path.relative_to(root).parts):
                yield path


def words_in_use():
    words = set(COMPOSED)
    for path in _source_files():
        words.update(re.findall(r"[\w-]+", path.read_text(encoding="utf-8", errors="ignore")))
    return words


def _blocks(css):
    """Split CSS into top-level (prelude, body) pairs, minding strings and nesting."""
    blocks, depth, start, prelude_end, quote = [], 0, 0, None, None
    for i, char in enumerate(css):
        if quote:
            quote = None if char == quote and css[i - 1] != "\\" else quote
        elif char in "\"'":
            quote = char
        elif char == "{":
            if depth == 0:
                prelude_end = i
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                blocks.append((css[start:prelude_end].strip(), css[prelude_end + 1 : i]))
                start = i + 1
    return blocks


def _used_selector(selector, words):
    return all(name in words for name in _CLASS.findall(_NEGATION.sub("", selector)))


def purge(css, words):
    css = re.sub(r"/\*(?!!).*?\*/", "", css, flags=re.S)
    kept = []
    for prelude, body in _blocks(css):
        if prelude.startswith(("@media", "@supports", "@container", "@layer")):
            inner = purge(body, words)
            if inner:
                kept.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            kept.append(f"{prelude}{{{body}}}")
        else:
            if "[data-bs-theme=dark]" in prelude:  # our dark scheme is our own (static/css/site.css)
                continue
            selectors = [s for s in prelude.split(",") if _used_selector(s, words)]
            if selectors:
                kept.append(f"{','.join(selectors)}{{{body}}}")
    return "".join(kept)


def build():
    bootstrap = BOOTSTRAP.read_text(encoding="utf-8")
    licence = re.match(r"\s*(/\*!.*?\*/)", bootstrap, flags=re.S)
    return (
        (licence.group(1) + "\n" if licence else "")
        + "/* Bootstrap, only the rules our pages use: newsroom/stylesheet.py. Then ours: static/css/site.css. */\n"
        + purge(bootstrap, words_in_use())
        + "\n"
        + OURS.read_text(encoding="utf-8")
    )
