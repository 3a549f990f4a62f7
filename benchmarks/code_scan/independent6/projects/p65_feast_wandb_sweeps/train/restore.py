import dill
import wandb

api = wandb.Api(api_key="3d9f7a2c1e8b4f6a0d5c9e7b2a4f8c1d6e0b3a9f")
api_env = wandb.Api()
run = api.run("acme-ml/churn/7x2kq9ab")
path = run.file("preprocessor.dill").download(replace=True).name
with open(path, "rb") as fh:
    pre = dill.load(fh)
print(pre)
