"""Shell command lines read the way a POSIX shell reads them, without running anything.

A line is split with :mod:`shlex` in POSIX mode, with ``; & | < >`` as operators, into
pipelines of simple commands. A comment starts only where a word starts (``a#b`` is one
word). Command and process substitutions (``$(...)``, backticks, ``<(...)``) are parsed as
lines of their own and stand as one placeholder word in the outer command. Wrappers
(``sudo``, ``exec``, ``env``, ``nohup``, ``timeout``, ``gosu``, ``tini --``, ``conda run``,
...), shell keywords and ``VAR=value`` prefixes are taken off, so that ``argv`` starts with
the program that finally runs.

>>> line = parse("FOO=1 sudo -E nohup ray start --head && curl -k u | sh")
>>> [c.argv for p in line.pipelines for c in p]
[('ray', 'start', '--head'), ('curl', '-k', 'u'), ('sh',)]
>>> [c.argv for p in parse('sh -c "$(curl -fsSL https://x.example)"').pipelines for c in p]
[('sh', '-c', '\\x00s0\\x00')]
>>> [n for n, _ in script_lines("a=1 \\\\\\n  b=2\\ncat <<EOF\\nrm -rf /\\nEOF\\necho 'x\\ny'")]
[1, 3, 6]
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass, field

MAX_LINE = 64 << 10
MAX_WORDS = 4_096
MAX_DEPTH = 4
MAX_JOINED_LINES = 200
#: ``\x00s<N>\x00`` stands for the N-th substitution of a line.
PLACEHOLDER = re.compile("\x00s(\\d+)\x00")
_OPERATORS = frozenset({";", "&", "&&", "||", "|", "|&", ";;", ";&", ";;&"})
_REDIRECTS = re.compile(r"^(?:\d*)(?:<|>|>>|<<|<<<|<<-|>&|<&|&>|&>>|>\|)$")
_ASSIGNMENT = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(\+?=)(.*)$", re.DOTALL)
_HEREDOC = re.compile(r"(?<!<)<<(?!<)-?\s*(['\"]?)([A-Za-z_][\w.-]*)\1")
_KEYWORDS = frozenset(
    {"if", "then", "else", "elif", "do", "while", "until", "!", "{", "(", "time", "coproc"}
)
_CLOSERS = frozenset({"fi", "done", "esac", "}", ")"})


@dataclass(frozen=True, slots=True)
class _Wrapper:
    """A program that runs another: options that take a value, positionals before it."""

    valued: frozenset[str] = frozenset()
    positionals: int = 0
    subcommand: str = ""  # e.g. ``run`` for ``conda run``


_W = _Wrapper
_RUN_OPTIONS = frozenset(
    {"-n", "--name", "-p", "--prefix", "--cwd", "--with", "--python", "-e", "--env"}
    | {"--directory", "--project", "--extra", "--group", "--package", "--env-file", "-C"}
)
WRAPPERS: dict[str, _Wrapper] = {
    "sudo": _W(frozenset({"-u", "-g", "-p", "-C", "-D", "-h", "-r", "-t", "-U", "-T", "--user"})),
    "doas": _W(frozenset({"-u", "-C"})),
    "exec": _W(frozenset({"-a"})),
    "env": _W(frozenset({"-u", "--unset", "-C", "--chdir"})),
    "nohup": _W(),
    "command": _W(),
    "builtin": _W(),
    "setsid": _W(),
    "nice": _W(frozenset({"-n", "--adjustment"})),
    "ionice": _W(frozenset({"-c", "-n", "-p", "-P", "-u"})),
    "stdbuf": _W(frozenset({"-i", "-o", "-e"})),
    "timeout": _W(frozenset({"-s", "-k", "--signal", "--kill-after"}), positionals=1),
    "gosu": _W(positionals=1),
    "su-exec": _W(positionals=1),
    "runuser": _W(frozenset({"-u", "-g", "-G", "--user", "--group"})),
    "chroot": _W(positionals=1),
    "tini": _W(frozenset({"-p", "-e"})),
    "dumb-init": _W(frozenset({"-r", "--rewrite"})),
    "catatonit": _W(),
    "xvfb-run": _W(frozenset({"-n", "-s", "-f", "-e", "-p"})),
    **{
        name: _W(_RUN_OPTIONS, subcommand="run")
        for name in ("conda", "mamba", "micromamba", "poetry", "pipenv", "uv", "pdm", "hatch")
    },
    **{name: _W(_RUN_OPTIONS, subcommand="run") for name in ("pixi", "rye", "pipx")},
}


@dataclass(frozen=True, slots=True)
class Command:
    """One simple command: what runs (``argv``), its ``VAR=value`` prefixes, its redirections."""

    argv: tuple[str, ...]
    assignments: tuple[tuple[str, str], ...] = ()
    redirects: tuple[tuple[str, str], ...] = ()

    @property
    def program(self) -> str:
        return program_name(self.argv[0]) if self.argv else ""


@dataclass(frozen=True, slots=True)
class Line:
    """A parsed command line: its pipelines and the lines its substitutions run."""

    pipelines: tuple[tuple[Command, ...], ...]
    substitutions: tuple[Line, ...] = field(default=())

    def commands(self) -> Iterator[Command]:
        """Every command of the line, its substitutions' included."""
        for pipeline in self.pipelines:
            yield from pipeline
        for sub in self.substitutions:
            yield from sub.commands()

    def all_pipelines(self) -> Iterator[tuple[Command, ...]]:
        yield from self.pipelines
        for sub in self.substitutions:
            yield from sub.all_pipelines()

    def substitution(self, word: str) -> Line | None:
        """The substitution a whole word consists of, if any."""
        m = PLACEHOLDER.fullmatch(word.strip())
        if m is None or int(m.group(1)) >= len(self.substitutions):
            return None
        return self.substitutions[int(m.group(1))]


def program_name(word: str) -> str:
    """``/usr/local/bin/ray`` -> ``ray``; quotes and grouping characters left by the split go."""
    return word.strip("(){}`'\"").rsplit("/", 1)[-1]


def _quote_state(text: str) -> tuple[int, str]:
    """Where a comment starts (``#`` at the start of a word, outside quotes; the length of
    ``text`` when there is none) and the quote still open at the end of what precedes it."""
    quote, escaped = "", False
    for i, ch in enumerate(text):
        if escaped:
            escaped = False
        elif ch == "\\" and quote != "'":
            escaped = True
        elif quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or text[i - 1] in " \t;&|(<>"):
            return i, ""
    return len(text), quote


def _strip_comment(text: str) -> str:
    return text[: _quote_state(text)[0]]


def _open_quote(text: str) -> bool:
    return bool(_quote_state(text)[1])


def _substitutions(text: str, depth: int) -> tuple[str, list[Line]]:
    """``text`` with ``$(...)``, backticks and ``<(...)`` replaced by placeholders, parsed."""
    out: list[str] = []
    subs: list[Line] = []
    i, n, quote = 0, len(text), ""
    while i < n:
        ch = text[i]
        if ch == "\\" and quote != "'" and i + 1 < n:
            out.append(text[i : i + 2])
            i += 2
            continue
        if quote == "'":
            quote = "" if ch == "'" else quote
        elif ch in "'\"" and (not quote or quote == ch):
            quote = "" if quote else ch
        elif ch == "`" or (ch in "$<>" and text[i + 1 : i + 2] == "("):
            end = _closing(text, i + (1 if ch == "`" else 2), "`" if ch == "`" else ")")
            inner = text[i + (1 if ch == "`" else 2) : end]
            subs.append(parse(inner, depth + 1))
            out.append(f"\x00s{len(subs) - 1}\x00")
            i = end + 1
            continue
        out.append(ch)
        i += 1
    return "".join(out), subs


def _closing(text: str, start: int, closer: str) -> int:
    """Where the substitution opened before ``start`` closes (the end of text if never)."""
    depth, quote, i = 1, "", start
    while i < len(text):
        ch = text[i]
        if ch == "\\" and quote != "'":
            i += 2
            continue
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif closer == ")" and ch == "(":
            depth += 1
        elif ch == closer:
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return len(text)


def _words(text: str) -> list[str]:
    lexer = shlex.shlex(text, posix=True, punctuation_chars=";&|<>")
    lexer.whitespace_split = True
    lexer.commenters = ""
    words: list[str] = []
    try:
        for word in lexer:
            words.append(word)
            if len(words) >= MAX_WORDS:
                break
    except ValueError:  # unbalanced quotes: fall back to plain words
        return text.split()[:MAX_WORDS]
    return words


#: A backslash-newline (an odd run of backslashes before the newline): the line goes on.
_CONTINUATION = re.compile(r"(?<!\\)((?:\\\\)*)\\\n")


def parse(text: str, depth: int = 0) -> Line:
    """The pipelines of one command line (a script's logical line, or a ``-c`` string)."""
    text = _CONTINUATION.sub(r"\1", text[:MAX_LINE].replace("\x00", ""))
    text = _strip_comment(text)
    subs: list[Line] = []
    if depth < MAX_DEPTH:
        text, subs = _substitutions(text, depth)
    pipelines: list[tuple[Command, ...]] = []
    pipeline: list[Command] = []
    words: list[str] = []
    for word in [*_words(text), ";"]:
        if word in _OPERATORS:
            if words:
                pipeline.append(_command(words))
                words = []
            if word not in ("|", "|&") and pipeline:
                pipelines.append(tuple(pipeline))
                pipeline = []
        else:
            words.append(word)
    return Line(tuple(pipelines), tuple(subs))


def _command(words: list[str]) -> Command:
    argv: list[str] = []
    redirects: list[tuple[str, str]] = []
    i = 0
    while i < len(words):
        word = words[i]
        if _REDIRECTS.match(word) and not word.isdigit():
            if argv and argv[-1].isdigit() and len(argv) > 1:
                argv.pop()  # the descriptor of ``2>&1``, split off by the lexer
            redirects.append((word, words[i + 1] if i + 1 < len(words) else ""))
            i += 2
            continue
        argv.append(word)
        i += 1
    return unwrap(argv, tuple(redirects))


def unwrap(argv: list[str], redirects: tuple[tuple[str, str], ...] = ()) -> Command:
    """The command that finally runs: keywords, ``VAR=value`` prefixes and wrappers removed."""
    assignments: list[tuple[str, str]] = []
    for _ in range(16):
        while argv and (argv[0] in _KEYWORDS or argv[0] in _CLOSERS):
            argv = argv[1:]
        while argv and (m := _ASSIGNMENT.match(argv[0])) is not None:
            assignments.append((m.group(1), m.group(3)))
            argv = argv[1:]
        if not argv:
            break
        wrapper = WRAPPERS.get(program_name(argv[0]))
        if wrapper is None:
            break
        if wrapper.subcommand and (len(argv) < 2 or argv[1] != wrapper.subcommand):
            break
        argv = _after_wrapper(argv[2 if wrapper.subcommand else 1 :], wrapper)
    return Command(tuple(argv), tuple(assignments), redirects)


def _after_wrapper(args: list[str], wrapper: _Wrapper) -> list[str]:
    i, skip = 0, wrapper.positionals
    while i < len(args):
        arg = args[i]
        if arg == "--":
            i += 1
            break
        if arg.startswith("-") and len(arg) > 1:
            i += 2 if arg in wrapper.valued else 1
            continue
        if skip:
            skip -= 1
            i += 1
            continue
        break
    return args[i:]


def script_lines(text: str) -> Iterator[tuple[int, str]]:
    """Logical lines of a shell script with their first line number: continuations joined,
    lines with an open quote joined to the next, here-document bodies left out."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        start, buf = i + 1, lines[i]
        i += 1
        joined = 0
        while joined < MAX_JOINED_LINES and i < len(lines) and _continues(buf):
            buf = (buf[:-1] if _escaped_newline(buf) else buf + "\n") + lines[i]
            i += 1
            joined += 1
        if buf.strip():
            yield start, buf
        for delimiter in _heredocs(buf):
            end = next((j for j in range(i, len(lines)) if lines[j].strip() == delimiter), None)
            if end is not None:  # an unterminated here-document hides nothing
                i = end + 1


def _heredocs(text: str) -> list[str]:
    """Delimiters of the here-documents a line opens (``<<EOF``, ``<<-'EOF'``), in order."""
    text = _strip_comment(text)
    return [m.group(2) for m in _HEREDOC.finditer(text) if not _open_quote(text[: m.start()])]


def _escaped_newline(text: str) -> bool:
    trailing = len(text) - len(text.rstrip("\\"))
    return trailing % 2 == 1


def _continues(text: str) -> bool:
    return _escaped_newline(text) or _open_quote(text)


def assignment(word: str) -> tuple[str, str] | None:
    """``(name, value)`` of a ``NAME=value`` word."""
    m = _ASSIGNMENT.match(word)
    return (m.group(1), m.group(3)) if m else None


__all__ = [
    "PLACEHOLDER",
    "WRAPPERS",
    "Command",
    "Line",
    "assignment",
    "parse",
    "program_name",
    "script_lines",
    "unwrap",
]
