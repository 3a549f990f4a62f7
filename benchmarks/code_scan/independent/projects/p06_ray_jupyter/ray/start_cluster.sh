#!/bin/bash
# Head node of the training cluster.
ray start --head --port=6379 --dashboard-host=0.0.0.0 --dashboard-port=8265 --num-gpus=8

# workers join with: ray start --address=head.ml.internal:6379
