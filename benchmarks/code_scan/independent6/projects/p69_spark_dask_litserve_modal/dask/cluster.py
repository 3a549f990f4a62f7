import subprocess

import dask.dataframe as dd
from dask.distributed import Client, LocalCluster
from distributed.security import Security

cluster = LocalCluster(n_workers=8, host="0.0.0.0", dashboard_address="0.0.0.0:8787")
local = LocalCluster(n_workers=2, host="127.0.0.1", dashboard_address="127.0.0.1:8787")
sec = Security(tls_ca_file="ca.pem", tls_client_cert="client.pem", tls_client_key="client-key.pem", require_encryption=True)
remote = Client("tls://dask-sched.acme-recs.example.com:8786", security=sec)
plain = Client("tcp://dask-sched.acme-recs.example.com:8786")

df = dd.read_parquet("s3://acme-recs/events/", storage_options={"key": "AKIAQ4LM7XZ2P9RT6WNB", "secret": "u3Kf9Xq2Lm7Vb4Nc8Rt1Zw6Pd3Ks5Jm0Fy2GaH4e"})
agg = df.groupby("item_id").size().compute()


def rebuild(host):
    return plain.run(lambda: subprocess.check_output("nvidia-smi -i " + host, shell=True))
