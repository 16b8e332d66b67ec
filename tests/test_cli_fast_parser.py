"""A command line naming its command builds only that command's parser, and reads the same."""

from __future__ import annotations

import argparse

import pytest

from dsrdraft.cli import COMMAND_MODULES, COMMANDS, build_parser, command_named


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_the_table_names_every_command_of_the_full_parser_and_its_module():
    full = _commands(build_parser())
    assert set(COMMANDS) == set(full)
    assert set(COMMANDS.values()) == set(COMMAND_MODULES)
    for name, module in COMMANDS.items():
        alone = _commands(build_parser(name))
        assert name in alone
        # the module registers exactly the commands the table gives it
        assert set(alone) == {n for n, m in COMMANDS.items() if m == module}
        assert alone[name].format_help() == full[name].format_help()


@pytest.mark.parametrize(("argv", "command"), [
    (["compare", "a", "b"], "compare"),
    (["--db", "x.sqlite", "verify", "f.docx"], "verify"),
    (["--db=x.sqlite", "draft", "edit"], "draft"),
    (["--help"], None), (["--version"], "--version"), (["--db", "x", "--version"], "--version"),
    ([], None), (["nonsense"], None), (["--help", "--version"], None),
    (["--db"], None),
])
def test_command_named(argv, command):
    assert command_named(argv) == command


def test_a_parse_with_one_command_reads_as_with_all():
    argv = ["--db", "x.sqlite", "compare", "a.txt", "b.md", "--docx", "o.docx", "--pin", "1=2"]
    one = vars(build_parser(command_named(argv)).parse_args(argv))
    every = vars(build_parser().parse_args(argv))
    assert {k: v for k, v in one.items() if k != "func"} == \
        {k: v for k, v in every.items() if k != "func"}


def test_version_alone_prints_the_version(capsys):
    from dsrdraft import __version__
    from dsrdraft.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"dsrdraft {__version__}\n"
