"""Steps that call out to command-line tools."""

import asyncio
import os
import shlex
import subprocess

RUN_OPTS = {"shell": True, "check": True}


def sync_bucket(bucket: str, dest: str):
    subprocess.run(f"aws s3 sync s3://{bucket} {dest}", **RUN_OPTS)


def convert_video(src: str, dst: str):
    subprocess.Popen(
        "ffmpeg -y -i " + src + " -vf scale=224:224 " + dst,
        shell=True,
    ).wait()


def count_lines(path: str) -> int:
    return int(os.popen(f"wc -l < {path}").read())


def count_lines_safe(path: str) -> int:
    out = subprocess.run(["wc", "-l", path], capture_output=True, text=True, check=True)
    return int(out.stdout.split()[0])


def quoted(path: str):
    subprocess.run(f"gzip -k {shlex.quote(path)}", shell=True, check=True)


async def tokenize_corpus(path: str):
    proc = await asyncio.create_subprocess_shell(f"spm_encode --model=sp.model < {path}")
    return await proc.wait()


def apply_transform(expr: str, row: dict):
    code = compile(expr, "<transform>", "eval")
    return eval(code, {}, row)


def run_hook(source: str):
    exec(source, {"__name__": "hook"})


def literal_config():
    import ast
    return ast.literal_eval("{'a': 1}")
