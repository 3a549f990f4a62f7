"""Score a served checkpoint on the support-eval suite."""

import argparse
import json
import subprocess

import requests

JUDGE_URL = "http://judge.acme-research.org/v1/chat/completions"
JUDGE_KEY = "sk-ant-api03-Rm7Kq2Vx9Lp4Tn8Wd3Bf6Hj1Yc5Gs0Ea7Uo2Ik9Pz4Xr6Qw1Nb8Dv3Hc5Fj0GtLm2Xq7Wn4Bd8Hf1Jc6Gy5Ts0Ua3Eo9-AbCdEfGh"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--endpoint", required=True)
    ap.add_argument("--ckpt", required=True)
    args = ap.parse_args()
    cases = [json.loads(line) for line in open("evals/support.jsonl")]
    for case in cases:
        answer = requests.post(args.endpoint + "/completions", json={"prompt": case["q"]}, timeout=60).json()
        verdict = requests.post(JUDGE_URL, headers={"x-api-key": JUDGE_KEY}, json={"a": answer}, timeout=60)
        if case.get("check"):
            ok = eval(case["check"], {"answer": answer})
            print(ok, verdict.status_code)
    subprocess.run(f"tar czf results-{args.ckpt.replace('/', '_')}.tgz results/", shell=True)
    subprocess.run(["rsync", "-a", "results/", "archive:/results/"], check=True)


if __name__ == "__main__":
    main()
