"""The import rule of docs/architecture.md, checked on every import statement,
including those inside functions: layers import only downwards, no app of ours
forms an import loop, and no module reaches for another module's private name.

Reads the source with `ast` rather than importing it, so a lazy import inside a
function counts the same as one at the top of the file.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Each app and the apps it may import (beside itself). Lower layers first.
MAY_IMPORT = {
    "core": set(),
    # Messages to people (records, channels, delivery by task): below every
    # app that has something to tell someone.
    "notifications": {"core"},
    "accounts": {"notifications", "core"},
    "courses": {"accounts", "notifications", "core"},
    "training": {"courses", "accounts", "notifications", "core"},
    # Work and businesses: job-ready profiles, the job platform's API,
    # credentials, incubated businesses. Reads training's records.
    "careers": {"training", "courses", "accounts", "notifications", "core"},
    "federation": {
        "careers",
        "training",
        "courses",
        "accounts",
        "notifications",
        "core",
    },
    "home": {"courses", "accounts", "notifications", "core"},
    # The top: they may use every app; nothing imports them.
    "demo": {
        "federation",
        "careers",
        "training",
        "courses",
        "accounts",
        "notifications",
        "core",
        "home",
    },
    "lms": {
        "federation",
        "careers",
        "training",
        "courses",
        "accounts",
        "notifications",
        "core",
        "home",
    },
}
OURS = set(MAY_IMPORT) | {"tests", "bench"}


def _modules() -> dict[str, Path]:
    modules = {}
    for app in MAY_IMPORT:
        for path in (ROOT / app).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


MODULES = _modules()


def _imports(module: str, path: Path) -> list[tuple[str, list[str], int]]:
    """(imported module, names taken from it, line) for every import statement."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, [], node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            names = [alias.name for alias in node.names]
            found.append((base, names, node.lineno))
    return found


def _edges() -> list[tuple[str, str, int, list[str]]]:
    """(importer, imported module of ours, line, names) with `from pkg import
    module` resolved to the submodule."""
    edges = []
    for module, path in MODULES.items():
        for target, names, line in _imports(module, path):
            if target.split(".")[0] not in OURS:
                continue
            submodules = [f"{target}.{name}" for name in names]
            if submodules and all(name in MODULES for name in submodules):
                edges += [(module, name, line, []) for name in submodules]
            else:
                edges.append((module, target, line, names))
    return edges


EDGES = _edges()


def test_the_rule_sees_every_app_and_lazy_imports():
    """Guards the guard: if the walk stopped finding modules or missed imports
    inside functions, the other tests would pass for the wrong reason."""
    assert {module.split(".")[0] for module in MODULES} == set(MAY_IMPORT)
    source = "def f():\n    from training.models import Enrolment\n"
    tree = ast.parse(source)
    assert any(isinstance(node, ast.ImportFrom) for node in ast.walk(tree))
    assert len(EDGES) > 100


def test_layers_import_only_downwards():
    broken = [
        f"{MODULES[importer].relative_to(ROOT)}:{line} imports {target}"
        for importer, target, line, _ in EDGES
        if (app := importer.split(".")[0]) != (other := target.split(".")[0])
        and other not in MAY_IMPORT[app]
    ]
    assert broken == [], "see docs/architecture.md for the import rule"


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles


def test_no_import_loops_between_modules():
    graph: dict[str, set[str]] = {}
    for importer, target, _, _ in EDGES:
        # A package's __init__ re-exporting its own submodules is not a loop.
        if importer != target and not target.startswith(importer + "."):
            graph.setdefault(importer, set()).add(target)
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_cycles():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [
        ["a", "b", "c"]
    ]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_imports_another_modules_private_names():
    private = [
        f"{MODULES[importer].relative_to(ROOT)}:{line} takes {name} from {target}"
        for importer, target, line, names in EDGES
        for name in names
        if name.startswith("_") and not name.startswith("__") and target != importer
    ]
    assert private == []


def test_lms_only_wires_the_project():
    wiring = {"lms", "lms.urls", "lms.wsgi", "lms.asgi", "lms.settings"}
    extra = [
        module
        for module in MODULES
        if module.startswith("lms")
        and module not in wiring
        and not module.startswith("lms.settings.")
    ]
    assert extra == [], "shared helpers belong in core/, seeders in demo/"
