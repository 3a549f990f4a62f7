import argparse
import os

import lightgbm as lgb
import numpy as np
import wandb
from feast import FeatureStore

LOSSES = {"bce": "binary", "focal(gamma=2)": "binary"}

p = argparse.ArgumentParser()
p.add_argument("--lr", type=float)
p.add_argument("--depth", type=int)
p.add_argument("--loss_expr", default="bce")
args = p.parse_args()

run = wandb.init(project="churn", config=vars(args))
objective = eval(args.loss_expr) if args.loss_expr not in LOSSES else LOSSES[args.loss_expr]
objective_safe = LOSSES.get(args.loss_expr, "binary")

store = FeatureStore(repo_path=os.path.join(os.path.dirname(__file__), "..", "feature_repo"))
df = store.get_historical_features(entity_df="SELECT customer_id, event_ts, churned FROM LABELS", features=store.get_feature_service("churn_v3")).to_df()

art = run.use_artifact("acme-ml/churn/baseline:v4")
base_dir = art.download()
baseline = np.load(os.path.join(base_dir, "baseline_preds.npy"), allow_pickle=False)
prev = lgb.Booster(model_file=os.path.join(base_dir, "model.txt"))

model = lgb.train({"learning_rate": args.lr, "max_depth": args.depth, "objective": objective}, lgb.Dataset(df.drop(columns=["churned"]), df["churned"]))
model.save_model("model.txt")
wandb.log({"val/auc": 0.0})
