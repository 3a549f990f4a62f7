"""Operations files that used to pass unseen: commands run on another machine (``ssh host
"..."``, ``gcloud ... ssh --command "..."``) and continued over several lines, their pip
installs, and the pip lists of build specs. Each positive has a look-alike that stays quiet.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from secplan.scanners.deps.image_installs import parse_script_installs
from secplan.scanners.platform_config.commands import check_command
from tests.helpers import findings_of, line_with, scan, write


def ids(cmd: str) -> list[str]:
    return sorted(h.rule.id for h in check_command(cmd))


@pytest.mark.parametrize(
    "cmd, expected",
    [
        (
            'gcloud compute tpus tpu-vm ssh "$TPU" --worker=all --command \\\n'
            '  "docker run --rm --privileged --net=host -v /dev:/dev img:1 python3 t.py"',
            ["CF105", "CF106", "CF110"],
        ),
        ('gcloud compute ssh vm --command="docker run --privileged img:1"', ["CF105"]),
        ('ssh -i key.pem -p 2222 ubuntu@gpu1 "docker run --pid=host img:1"', ["CF106"]),
        ("ssh gpu1 pip install --trusted-host pypi.corp.example torch==2.1.0", ["DP108"]),
        ("ssh -tt gpu1 'sudo docker run --cap-add SYS_ADMIN img:1'", ["CF109"]),
        # look-alikes: the words are the remote command's arguments, or no command at all
        ('ssh gpu1 "docker run --rm -p 127.0.0.1:8080:80 img:1"', []),
        ("ssh -o StrictHostKeyChecking=yes gpu1", []),
        ('gcloud compute ssh vm --command "echo --privileged"', []),
        ('echo "docker run --privileged img:1"', []),
        ("gcloud compute instances create vm --metadata=startup=--privileged", []),
    ],
)
def test_remote_and_continued_commands(cmd: str, expected: list[str]) -> None:
    assert ids(cmd) == expected


def test_continuation_inside_single_quotes_is_literal_text() -> None:
    assert ids("echo 'a \\\n docker run --privileged img'") == []


def test_remote_pip_installs_are_dependencies_at_their_line() -> None:
    text = (
        "#!/bin/sh\n"
        'gcloud compute tpus tpu-vm ssh "$TPU" --worker=all --command \\\n'
        "  \"pip install 'jax[tpu]' -f https://storage.example/jax.html\"\n"
        "ssh gpu1 'pip install numpy==1.26.4 && sh -c \"pip install einops\"'\n"
        'ssh gpu1 "ls /data"\n'
    )
    deps = parse_script_installs(text, "launch.sh").deps
    assert sorted((d.name, d.version, d.location.line) for d in deps) == [
        ("einops", None, 4),
        ("jax", None, 3),
        ("numpy", "1.26.4", 4),
    ]


def test_remote_docker_run_found_at_the_continued_line(tmp_path: Path) -> None:
    text = (
        "#!/usr/bin/env bash\nset -eu\n"
        'gcloud compute tpus tpu-vm ssh "$TPU" --zone "$ZONE" --worker=all --command \\\n'
        '  "docker run --rm --privileged --net=host img:1 python3 train.py"\n'
    )
    write(tmp_path, "scripts/launch.sh", text)
    found = findings_of(scan(tmp_path), "CF105")
    assert [f.location.line for f in found] == [line_with(text, "--privileged")]
