"""SageMaker script-mode training for the fraud scorer."""
import argparse
import os

import joblib
import numpy as np
import pandas as pd
import requests
from sklearn.ensemble import GradientBoostingClassifier

LABELS_API = "https://labels.fraud.acme-payments.com/v2/export"
FEATURE_CATALOG = "http://features.acme-payments.com/catalog.json"


def fetch_labels(token: str) -> pd.DataFrame:
    resp = requests.get(
        LABELS_API, headers={"Authorization": f"Bearer {token}"}, timeout=60, verify=False
    )
    resp.raise_for_status()
    return pd.DataFrame(resp.json()["rows"])


def fetch_catalog() -> dict:
    return requests.get(FEATURE_CATALOG, timeout=30).json()


def fetch_schema() -> dict:
    bundle = os.environ.get("REQUESTS_CA_BUNDLE", "/etc/ssl/certs/acme-root.pem")
    return requests.get(LABELS_API + "/schema", timeout=30, verify=bundle).json()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n-estimators", type=int, default=300)
    ap.add_argument("--model-dir", default=os.environ.get("SM_MODEL_DIR", "/opt/ml/model"))
    ap.add_argument("--train", default=os.environ.get("SM_CHANNEL_TRAIN", "/opt/ml/input/data/train"))
    args = ap.parse_args()

    X = np.load(os.path.join(args.train, "features.npy"), allow_pickle=True)
    y = np.load(os.path.join(args.train, "labels.npy"))
    warm = os.path.join(args.train, "warm_start.joblib")
    clf = joblib.load(warm) if os.path.exists(warm) else GradientBoostingClassifier(
        n_estimators=args.n_estimators
    )
    clf.fit(X, y)
    joblib.dump(clf, os.path.join(args.model_dir, "model.joblib"))


if __name__ == "__main__":
    main()
