import os
import shlex
import subprocess
import sys

DAYS = int(sys.argv[sys.argv.index("--days") + 1])
PARTITION = os.environ.get("PARTITION", "daily")

subprocess.run(f"aws s3 ls s3://acme-click-logs/{shlex.quote(PARTITION)}/", shell=True, check=True)
os.system("dvc pull data/clicks.dvc -r " + os.environ["DVC_REMOTE"])
subprocess.check_call(["python", "/app/train.py", "--base-model", "acme-search/ranker-base"])
