"""Rules import-linter cannot express: only ui/ and app/ import QtWidgets, no import circles."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "lonely_bridge"
ROOT = PACKAGE.parent


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def test_only_ui_and_the_composition_root_import_qtwidgets() -> None:
    # app/ builds the QApplication and the window, as the composition root must.
    offenders = [
        str(path.relative_to(ROOT))
        for path in PACKAGE.rglob("*.py")
        if path.relative_to(PACKAGE).parts[0] not in {"ui", "app"}
        and any(name.startswith("PySide6.QtWidgets") for name in _imports(path))
    ]
    assert offenders == []


def _module_imports(package: Path) -> dict[str, set[str]]:
    """Each module of ``package`` and the package's modules it imports anywhere in its text
    (inside functions and under TYPE_CHECKING too)."""

    def name_of(path: Path) -> str:
        parts = path.relative_to(package.parent).with_suffix("").parts
        return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)

    paths = {name_of(path): path for path in package.rglob("*.py")}
    return {
        name: {found for found in _imports(path) if found in paths and found != name}
        for name, path in paths.items()
    }


def _import_circles(package: Path = PACKAGE) -> list[list[str]]:
    """Every group of modules that import each other, directly or not."""
    edges = _module_imports(package)
    modules = sorted(edges)
    # Tarjan's strongly connected components, iteratively (the graph is a few hundred deep).
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []
    for root in modules:
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    circles.append(sorted(group))
    return circles


def test_no_module_imports_itself_through_others() -> None:
    assert _import_circles() == []


def test_the_circle_finder_finds_a_circle(tmp_path: Path) -> None:
    package = tmp_path / "circle_demo"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from circle_demo import b\n")
    (package / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from circle_demo import a\n"
    )
    (package / "c.py").write_text("from circle_demo import a\n")
    assert _import_circles(package) == [["circle_demo.a", "circle_demo.b"]]


def test_every_package_is_listed_for_the_wheel() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts) for init in PACKAGE.rglob("__init__.py")
    }
    # resources/ ships as lonely_bridge._resources; setuptools sees each folder as a package.
    resources = ROOT / "resources"
    resource_folders = {
        ".".join(("lonely_bridge._resources", *folder.relative_to(resources).parts))
        for folder in [resources, *resources.rglob("*")]
        if folder.is_dir()
    }
    assert on_disk | resource_folders == listed


def test_every_module_has_a_docstring() -> None:
    missing = [
        str(path.relative_to(ROOT))
        for path in PACKAGE.rglob("*.py")
        if ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) is None
    ]
    assert missing == []


def _type_checking_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            for statement in node.body:
                if isinstance(statement, ast.Import | ast.ImportFrom):
                    names |= {alias.asname or alias.name.split(".")[0] for alias in statement.names}
    return names


def test_names_imported_for_type_checking_are_not_used_at_run_time() -> None:
    """Heavy modules are imported under TYPE_CHECKING to keep start-up fast; using such a
    name outside an annotation (without importing it locally) fails only at run time."""
    misuses = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # A name the module also binds itself (say, in an ``else`` branch) exists at run time.
        bound = {
            node.id
            for node in ast.walk(tree)
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)
        }
        only_typing = _type_checking_names(tree) - bound
        if not only_typing:
            continue
        in_annotations: set[int] = set()
        for node in ast.walk(tree):
            for field in ("annotation", "returns"):
                annotation = getattr(node, field, None)
                if annotation is not None:
                    in_annotations |= {id(sub) for sub in ast.walk(annotation)}
        imported_in: dict[int, set[str]] = {}
        for function in ast.walk(tree):
            if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                local = {
                    alias.asname or alias.name.split(".")[0]
                    for sub in ast.walk(function)
                    if isinstance(sub, ast.Import | ast.ImportFrom)
                    for alias in sub.names
                }
                for sub in ast.walk(function):
                    imported_in.setdefault(id(sub), set()).update(local)
        misuses += [
            f"{path.relative_to(ROOT)}:{node.lineno} {node.id}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Name)
            and node.id in only_typing
            and id(node) not in in_annotations
            and node.id not in imported_in.get(id(node), set())
        ]
    assert misuses == []


FILE_MODULES = {"os", "io", "stat", "tomllib", "codecs", "quopri", "base64", "smtplib", "email"}
FILE_METHODS = {"open", "read_bytes", "read_text", "write_bytes", "write_text", "iterdir", "stat"}


def test_the_domain_reads_no_files() -> None:
    """Readers of contact cards, lessons and reframes are adapters (formats/); the domain
    keeps only the records and rules they fill."""
    offenders = []
    for path in (PACKAGE / "domain").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {name.split(".")[0] for name in _imports(path)}
        called = {
            node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
        }
        if imported & FILE_MODULES or called & FILE_METHODS:
            offenders.append(path.name)
    assert sorted(offenders) == []


def test_only_wording_and_the_ui_speak() -> None:
    """Words live in wording/ (and each screen's own words in ui/): below the UI, nothing
    calls ``_``/``ngettext``; services compose e-mail and labels from wording/."""
    speakers = []
    for folder in ("domain", "formats", "services", "storage", "system", "scheduling"):
        for path in (PACKAGE / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and getattr(node.func, "id", "") in {"_", "ngettext"}:
                    speakers.append(f"{folder}/{path.name}:{node.lineno}")
    assert speakers == []
