"""The `linkpad` command: Linkpad's own commands plus all of Django's management commands.

`linkpad --help` lists Linkpad's commands first, each with its one-line description.
"""

import os
import sys

#: Linkpad's own commands, in the order `linkpad --help` lists them.
LINKPAD_COMMANDS = [
    "serve",
    "demo",
    "token",
    "search",
    "guide",
    "score",
    "impact",
    "import-hsds",
    "import-aliss",
    "export-hsds",
    "phrases",
    "index_services",
    "review-reminders",
    "subject-access",
    "retention",
    "load_geography",
]


def _help_line(name: str, app: str) -> str:
    from django.core.management import load_command_class

    text = (load_command_class(app, name).help or "").strip().splitlines()
    return text[0] if text else ""


def print_help() -> None:
    from django.core.management import get_commands

    commands = get_commands()
    print("Usage: linkpad COMMAND [options]   (linkpad COMMAND --help for a command's options)\n")
    print("Linkpad commands:")
    for name in (n for n in LINKPAD_COMMANDS if n in commands):
        print(f"  {name:<20} {_help_line(name, commands[name])}")
    others = sorted(
        n for n, app in commands.items() if n not in LINKPAD_COMMANDS and app.startswith("linkpad")
    )
    for name in others:
        print(f"  {name:<20} {_help_line(name, commands[name])}")
    print("\nDjango and library commands:")
    for name in sorted(n for n, app in commands.items() if not app.startswith("linkpad")):
        print(f"  {name:<20} {_help_line(name, commands[name])}")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else ["linkpad", *argv])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linkpad.config.settings.local")
    import django
    from django.core.management import execute_from_command_line

    if len(argv) < 2 or argv[1] in {"-h", "--help", "help"} and len(argv) == 2:
        django.setup()
        print_help()
        return 0
    execute_from_command_line(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
