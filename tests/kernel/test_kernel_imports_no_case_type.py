"""The kernel knows case types only through the registry: no module of ``casework`` (but the case types that
live in it, ``casework/inspection`` and ``casework/proactive``, and the green channel's own package) imports a
case type's package. (The proactive inspections open a complaint through the complaint type's own service.)"""

import ast
from pathlib import Path

import casework

CASE_TYPE_PACKAGES = ("arrears", "arbitration", "casework.inspection", "casework.clues", "casework.proactive")
OWN_PACKAGES = ("inspection", "clues", "proactive", "public", "migrations")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]
    return names


def test_no_kernel_module_imports_a_case_type():
    root = Path(casework.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if relative.parts[0] in OWN_PACKAGES:
            continue
        for name in _imports(path):
            if any(name == p or name.startswith(p + ".") for p in CASE_TYPE_PACKAGES):
                found.append(f"{relative}: {name}")
    assert found == []


def test_the_clue_type_imports_no_other_case_type():
    """Clues open complaints and arrears cases through the registry (``CaseType.open_from_intake``)."""
    root = Path(casework.__file__).parent / "clues"
    found = [
        f"{path.name}: {name}"
        for path in sorted(root.rglob("*.py"))
        for name in _imports(path)
        if any(
            name == p or name.startswith(p + ".") for p in ("arrears", "arbitration", "casework.inspection")
        )
    ]
    assert found == []
