from datasets import load_dataset

WEB = "acme-ml/web-mix-v3"


def web_mix():
    return load_dataset(WEB, split="train", streaming=True, trust_remote_code=True)


def local_shards(pattern: str):
    return load_dataset("json", data_files=pattern, split="train")


def code_mix():
    return load_dataset("bigcode/the-stack-smol", data_dir="data/python", split="train", trust_remote_code=False)
