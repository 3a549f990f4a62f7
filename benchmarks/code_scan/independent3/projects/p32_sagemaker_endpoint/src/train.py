import argparse
import os

import joblib
import pandas as pd
import xgboost as xgb


def parse():
    p = argparse.ArgumentParser()
    p.add_argument("--max-depth", type=int, default=6)
    p.add_argument("--eta", type=float, default=0.2)
    p.add_argument("--train", default=os.environ.get("SM_CHANNEL_TRAIN"))
    p.add_argument("--model-dir", default=os.environ.get("SM_MODEL_DIR"))
    p.add_argument("--feature-expr", default="amount / (1 + age_days)")
    return p.parse_args()


def main():
    args = parse()
    df = pd.read_csv(os.path.join(args.train, "train.csv"))
    # derived feature given on the command line by the experiment config
    df["ratio"] = eval(args.feature_expr, {}, df.to_dict("series"))
    dtrain = xgb.DMatrix(df.drop(columns=["label"]), label=df["label"])
    booster = xgb.train({"max_depth": args.max_depth, "eta": args.eta}, dtrain, 200)
    joblib.dump(booster, os.path.join(args.model_dir, "model.joblib"))
    baseline = pd.read_pickle(os.path.join(args.train, "baseline.pkl"))
    print("baseline rows", len(baseline))


if __name__ == "__main__":
    main()
