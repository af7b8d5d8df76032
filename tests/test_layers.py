"""The layers of the code, as README's "How the code is laid out" draws them, kept by this test.

    newsroom (the project shell and the staff desk)      may import every layer below
    articles.comments                                    may import articles, accounts, newsroom.shared
    articles                enquiries                    may import accounts and newsroom.shared
    accounts                                             may import newsroom.shared
    newsroom.shared (helpers every app uses)             imports no app and nothing above it

Every import counts, the ones inside functions too; tests and migrations are left out (a test may
use any layer, a migration names what the models were).
"""

import ast
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
PACKAGES = ("newsroom", "accounts", "articles", "enquiries")

MAY_IMPORT = {
    "newsroom.shared": {"newsroom.shared"},
    "accounts": {"newsroom.shared", "accounts"},
    "articles": {"newsroom.shared", "accounts", "articles"},
    "articles.comments": {"newsroom.shared", "accounts", "articles", "articles.comments"},
    "enquiries": {"newsroom.shared", "accounts", "enquiries"},
    "newsroom": {"newsroom.shared", "accounts", "articles", "articles.comments", "enquiries", "newsroom"},
}


def layer(module):
    for sublayer in ("newsroom.shared", "articles.comments"):
        if module == sublayer or module.startswith(sublayer + "."):
            return sublayer
    top = module.split(".")[0]
    return top if top in PACKAGES else None


def imports_of(path):
    """(line, module imported) for every import in the file, at any depth."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
            if node.module == "newsroom":  # from newsroom import shared / admin / …
                yield from ((node.lineno, f"newsroom.{alias.name}") for alias in node.names)


def modules():
    for path in sorted(PROJECT.glob("*/**/*.py")):
        parts = path.relative_to(PROJECT).with_suffix("").parts
        if parts[0] in PACKAGES and "tests" not in parts and "migrations" not in parts:
            yield ".".join(parts).removesuffix(".__init__"), path


def crossings():
    found = {}
    for module, path in modules():
        for line, imported in imports_of(path):
            if imported == "newsroom" and layer(module) == "newsroom.shared":
                continue  # the package itself, on the way to newsroom.shared
            target = layer(imported)
            if target and target not in MAY_IMPORT[layer(module)]:
                found.setdefault((module, imported), f"{path.relative_to(PROJECT)}:{line}")
    return found


def test_no_module_imports_a_layer_above_its_own():
    assert crossings() == {}, "imports against the layers (README, How the code is laid out)"


def import_graph():
    """{module: the project's modules it imports}, a `from package import name` counted as the
    submodule when `name` is one, else as the package (whose __init__ runs)."""
    known = dict(modules())

    def resolve(name):
        while name and name not in known:
            name = name.rpartition(".")[0]
        return name or None

    graph = {}
    for module, path in known.items():
        targets = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                targets.update(resolve(alias.name) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets.update(resolve(f"{node.module}.{alias.name}") for alias in node.names)
        graph[module] = targets - {None, module}
    return graph


def cycles(graph):
    """Groups of modules that import each other, directly or around a loop (Tarjan's algorithm)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in graph[module]:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in graph:
        if module not in index:
            visit(module)
    return found


def test_no_module_imports_a_module_that_imports_it_back():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_loop_through_a_package():
    graph = {"a": {"b.models"}, "b.models": {"b.models.stories"}, "b.models.stories": {"a"}, "c": {"a"}}
    assert cycles(graph) == [["a", "b.models", "b.models.stories"]]


@pytest.mark.parametrize(
    ("module", "imported", "expected"),
    [
        ("newsroom.shared.mail", "articles.models", False),
        ("accounts.models", "articles.models", False),
        ("enquiries.models", "articles.models", False),
        ("articles.models", "accounts.models", True),
        ("newsroom.admin", "articles.models", True),
        ("articles.admin", "newsroom.admin", False),
        ("articles.admin", "newsroom.shared.admin_filters", True),
        ("articles.comments.services", "articles.models", True),
        ("articles.models.stories", "articles.comments.models", False),
        ("articles.views.reading", "articles.comments.templatetags.comments", False),
        ("newsroom.page_changes", "articles.comments.signals", True),
    ],
)
def test_the_rule_itself(module, imported, expected):
    assert (layer(imported) in MAY_IMPORT[layer(module)]) is expected
