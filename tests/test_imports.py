"""Import boundaries, read from the source with `ast`: only the Telegram service imports Telethon, nothing imports the sandbox."""
import ast
import pathlib

PACKAGE = pathlib.Path(__file__).resolve().parent.parent / "telegram_web"
SERVICE = PACKAGE / "telegram"


def imported(path: pathlib.Path) -> set[str]:
    """Top-level names of the absolute imports in one module (anywhere in it, functions included)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) in (
                "import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant):
            names.add(str(node.args[0].value).split(".")[0])
    return names


def offenders(top: str, allowed=lambda path: False) -> list[str]:
    """Modules under telegram_web/ that import `top` and are not `allowed`."""
    return sorted(str(path.relative_to(PACKAGE.parent)) for path in PACKAGE.rglob("*.py")
                  if not allowed(path) and top in imported(path))


def test_the_package_has_modules_to_check():
    assert len(list(PACKAGE.rglob("*.py"))) > 10 and any(SERVICE.rglob("*.py"))


def test_only_the_telegram_service_imports_telethon():
    found = offenders("telethon", allowed=lambda path: SERVICE in path.parents)
    assert not found, f"telethon is imported outside telegram_web/telegram/ by {found}"


def test_no_production_module_imports_the_sandbox():
    found = offenders("telegram_sandbox")
    assert not found, f"telegram_sandbox is imported by {found}"


def test_the_views_import_each_other_at_the_top():
    """An import inside a view's function hides a cycle between two views (views/sending.py is the piece the
    sending views share, below them); the package's __init__ is imported by all of them and may not be at the top."""
    views = [path for path in sorted((PACKAGE / "views").glob("*.py")) if path.name != "__init__.py"]
    late = [f"{path.name}:{node.lineno}" for path in views
            for function in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
            for node in ast.walk(function) if isinstance(node, (ast.Import, ast.ImportFrom))]
    assert not late, f"imports inside functions: {late}"
